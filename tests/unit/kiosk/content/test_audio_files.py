"""``content check`` on recorded narration: a file no step would play is reported, not ignored."""

from __future__ import annotations

import wave
from pathlib import Path

from kiosk.content.audio import Part, built_audio, recorded_audio
from kiosk.content.check import check_report
from kiosk.content.model import Severity

from .content_helpers import LOGIN, copy_good_pack


def _touch(path: Path) -> Path:
    """A short recording whose start is what its ending says (the check reads the headers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".wav":
        with wave.open(str(path), "wb") as recording:
            recording.setnchannels(1)
            recording.setsampwidth(2)
            recording.setframerate(22050)
            recording.writeframes(b"\0\0" * 2205)
    else:
        path.write_bytes({".ogg": b"OggS", ".mp3": b"ID3"}.get(suffix, b"RIFF") + bytes(60))
    return path


def test_recordings_named_after_steps_are_found_and_pass_the_check(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    login = pack / LOGIN
    step = _touch(login / "audio/hmn/open-app.ogg")
    reason = _touch(login / "audio/vi/fake-call.why.mp3")
    assert recorded_audio(login, "hmn", "open-app", Part.STEP) == step
    assert recorded_audio(login, "vi", "fake-call", Part.REASON) == reason
    assert recorded_audio(login, "vi", "fake-call", Part.STEP) is None
    # A .wav is preferred when a step has been recorded twice.
    wav = _touch(login / "audio/hmn/open-app.wav")
    assert recorded_audio(login, "hmn", "open-app", Part.STEP) == wav
    assert built_audio(login, "en", "fake-call", Part.REASON, "abc") == (
        login / "audio-built/en/fake-call.why.abc.wav"
    )
    assert check_report(pack).problems == ()


def test_audio_that_no_step_plays_is_a_warning_naming_the_file(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    login = pack / LOGIN
    typo = _touch(login / "audio/vi/open-ap.wav")
    phone_format = _touch(login / "audio/vi/open-app.m4a")
    capitals = _touch(login / "audio/vi/open-app.WAV")
    no_language = _touch(login / "audio/open-app.wav")
    report = check_report(pack)
    assert report.errors == 0
    assert all(problem.severity is Severity.WARNING for problem in report.problems)
    found = {problem.path: problem.message for problem in report.problems}
    assert found == {
        typo: "not played: 'open-ap' is not a step of this tutorial"
        " (name a recording <step-id> or, for a quiz step's reason, <step-id>.why)",
        phone_format: "not played: recordings must be .wav, .ogg, .opus or .mp3 files",
        capitals: "not played: write the ending in small letters (.wav)",
        no_language: "not played: recordings go in a folder named by language, e.g. audio/vi/<step-id>.wav",
    }
    # The reason of a step that is not a quiz is never played either.
    _touch(login / "audio/en/open-app.why.wav")
    assert len(check_report(pack).problems) == len(found) + 1
    # Checked through the packs folder too, as `kiosk content check` does by default.
    assert len(check_report(pack.parent).problems) == len(found) + 1
