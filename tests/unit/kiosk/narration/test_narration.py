"""Which audio speaks a narration: a recording first, then pre-rendered audio, the cache, espeak-ng."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.content.audio import Part
from kiosk.content.model import StepKind
from kiosk.narration.cache import AudioCache
from kiosk.narration.errors import SpeechUnavailableError, UnavailableReason
from kiosk.narration.espeak import Espeak
from kiosk.narration.narration import AudioSource, Narration
from kiosk.system import paths
from tests.helpers.audio import write_tone

from .narration_helpers import (
    GOOD_PACK,
    copy_pack,
    hide_espeak,
    require_espeak,
    synthesis_runs,
    tutorial,
    tutorials_of,
    watched_espeak,
)


def test_a_recording_in_the_pack_is_played_instead_of_synthesised_speech(tmp_path: Path) -> None:
    pack = copy_pack(GOOD_PACK, tmp_path)
    recording = write_tone(pack / "tutorials/vneid-login/audio/en/open-app.wav")
    reason = write_tone(pack / "tutorials/vneid-login/audio/en/fake-call.why.wav")
    program, log = watched_espeak(tmp_path / "bin")
    narration = Narration(Espeak(str(program)))
    login = tutorial(pack, "vneid-login")

    found = narration.audio(Narration.for_step(login, 0, "en"))
    assert found.path == recording
    assert found.source is AudioSource.RECORDED
    assert narration.audio(Narration.for_step(login, 1, "en", Part.REASON)).path == reason
    # Found from the files alone, before anything was synthesised.
    assert narration.ready(Narration.for_step(login, 0, "en")) == found
    assert synthesis_runs(log) == 0
    # Vietnamese has no recording: espeak-ng speaks it.
    assert narration.audio(Narration.for_step(login, 0, "vi")).source is AudioSource.SYNTHESISED
    assert synthesis_runs(log) == 1


def test_speech_is_synthesised_once_then_served_from_the_cache(tmp_path: Path) -> None:
    program, log = watched_espeak(tmp_path / "bin")
    narration = Narration(Espeak(str(program)))
    login = tutorial(GOOD_PACK, "vneid-login")
    request = Narration.for_step(login, 0, "vi")

    assert narration.ready(request) is None
    first = narration.audio(request)
    assert first.source is AudioSource.SYNTHESISED
    assert first.path.parent == paths.narration_cache_dir()
    assert synthesis_runs(log) == 1

    again = narration.audio(request)
    assert again == type(first)(first.path, AudioSource.CACHED)
    assert narration.ready(request) == again
    # A new kiosk run (a new Narration) finds the same file.
    assert Narration(Espeak(str(program))).audio(request).path == first.path
    assert synthesis_runs(log) == 1
    # Other words, another file.
    assert narration.audio(Narration.for_text("Trang chủ", "vi")).path != first.path
    assert synthesis_runs(log) == 2


def test_a_different_speed_is_a_different_cache_entry(tmp_path: Path) -> None:
    require_espeak()
    request = Narration.for_text("Xin chào", "vi")
    slow = Narration(Espeak(rate_wpm=120)).audio(request)
    fast = Narration(Espeak(rate_wpm=170)).audio(request)
    assert slow.path != fast.path
    assert slow.path.stat().st_size > fast.path.stat().st_size


def test_a_failed_synthesis_leaves_no_file_behind(tmp_path: Path) -> None:
    real = require_espeak()
    program = tmp_path / "espeak-ng"
    # Writes half a WAV file, as when the engine crashes mid-sentence.
    program.write_text(
        "#!/bin/sh\n"
        f'case "$1" in --voices=*|--version) exec "{real}" "$@";; esac\n'
        'while [ "$1" != "-w" ]; do shift; done\n'
        'printf "RIFF0000WAVEfmt " > "$2"\nexit 1\n',
        encoding="utf-8",
    )
    program.chmod(0o755)
    narration = Narration(Espeak(str(program)))
    with pytest.raises(SpeechUnavailableError) as raised:
        narration.audio(Narration.for_text("Xin chào", "vi"))
    assert raised.value.reason is UnavailableReason.FAILED
    assert "exited with 1" in str(raised.value)
    assert list(paths.narration_cache_dir().iterdir()) == []


def test_the_cache_file_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    require_espeak()
    cache = AudioCache(tmp_path / "cache")
    seen_while_writing: list[list[str]] = []
    espeak = Espeak()

    class Watching(Espeak):
        """espeak-ng, and a look at the cache folder while it writes."""

        def synthesise(self, text: str, language: str, out: Path) -> None:
            espeak.synthesise(text, language, out)
            seen_while_writing.append(sorted(path.name for path in cache.folder.iterdir()))

    narration = Narration(Watching(), cache)
    audio = narration.audio(Narration.for_text("Xin chào", "vi"))
    # While espeak-ng wrote, only a hidden temporary file existed, never the final name.
    [names] = seen_while_writing
    assert len(names) == 1 and names[0].startswith(".") and names[0].endswith(".part")
    assert audio.path.name not in names
    assert sorted(path.name for path in cache.folder.iterdir()) == [audio.path.name]


def test_tidy_drops_half_written_files_and_the_oldest_above_the_limit(tmp_path: Path) -> None:
    cache = AudioCache(tmp_path / "cache", max_bytes=2500)
    cache.folder.mkdir()
    for index, name in enumerate(("old.wav", "middle.wav", "new.wav")):
        (cache.folder / name).write_bytes(b"x" * 1000)
        os.utime(cache.folder / name, (1000 + index, 1000 + index))
    stale = cache.folder / ".abc.wav.1234.part"
    stale.write_bytes(b"x")
    os.utime(stale, (1000, 1000))
    cache.tidy()
    assert sorted(path.name for path in cache.folder.iterdir()) == ["middle.wav", "new.wav"]


def test_without_espeak_ng_a_step_with_no_audio_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hide_espeak(monkeypatch, tmp_path)
    narration = Narration()
    login = tutorial(GOOD_PACK, "vneid-login")
    with pytest.raises(SpeechUnavailableError) as raised:
        narration.audio(Narration.for_step(login, 0, "vi"))
    assert raised.value.reason is UnavailableReason.NO_ENGINE
    assert "apt-get install espeak-ng" in str(raised.value)
    assert narration.ready(Narration.for_step(login, 0, "vi")) is None
    assert not narration.can_speak("vi", tutorials_of(GOOD_PACK))


def test_a_language_is_speakable_with_a_voice_or_with_a_recording_of_every_step(tmp_path: Path) -> None:
    require_espeak()
    pack = copy_pack(GOOD_PACK, tmp_path)
    narration = Narration()
    assert narration.can_speak("vi", tutorials_of(pack))
    assert narration.can_speak("en", tutorials_of(pack))
    # Hmong: espeak-ng has no voice, so every step (and quiz reason) needs a recording.
    assert not narration.can_speak("hmn", tutorials_of(pack))
    recordings = [
        pack / "tutorials" / each.id / "audio/hmn" / f"{stem}.wav"
        for each in tutorials_of(pack)
        for step in each.steps
        for stem in ((step.id, f"{step.id}.why") if step.kind is StepKind.QUIZ else (step.id,))
    ]
    assert any(path.name == "fake-call.why.wav" for path in recordings)
    for path in recordings[:-1]:
        write_tone(path)
    assert not Narration().can_speak("hmn", tutorials_of(pack))
    write_tone(recordings[-1])
    assert Narration().can_speak("hmn", tutorials_of(pack))
    assert not Narration().can_speak("hmn", ())
