"""Narration heard through a real sound server: PulseAudio's null sink, recorded from its monitor.

Real espeak-ng synthesises, QtMultimedia plays, and ``parec`` records what came out, so these
tests hear what a visitor would hear: Vietnamese and English steps, a narration cut off by
"Next" or by a stop, and a quieter volume that is still sound.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content.model import Source, Step, StepKind, StepText, Tutorial, TutorialText
from kiosk.narration.espeak import Espeak
from kiosk.narration.narration import Narration
from tests.helpers.audio import (
    SOUND_RMS,
    MonitorRecording,
    SoundServer,
    monitor_recording,
    require_espeak,
    sound_server,
    write_tone,
)
from tests.helpers.qt import qasync_loop
from ui.narration.narrator import Narrator, gain_of

# Time for espeak-ng, QtMultimedia's start and the server together; generous for a slow CI machine.
HEAR_WITHIN_S = 15.0
# After a stop, what the sound server had already been given may still arrive for a moment.
SETTLE_S = 0.5

_LONG_VI = (
    "Mở ứng dụng VNeID trên điện thoại. Nhập số định danh cá nhân của bạn, là số căn cước công dân "
    "có mười hai chữ số. Nhập mật khẩu. Chạm vào nút đăng nhập. Nếu ứng dụng hỏi mã xác thực, hãy xem "
    "tin nhắn gửi đến điện thoại của bạn và nhập mã đó. Không bao giờ đọc mã này cho người khác."
)
_LONG_EN = (
    "Open the VNeID app on your phone. Type your personal identification number, which is the twelve "
    "digit number on your citizen identity card. Type your password. Tap the log in button. If the app "
    "asks for a code, read the text message sent to your phone and type that code. Never read this code "
    "to anyone else, whoever they say they are."
)


def _tutorial(folder: Path) -> Tutorial:
    """A long first step (to interrupt) and a short second one, in Vietnamese and English."""
    # The short step rings nothing, so no ring words are read after it.
    steps = tuple(
        Step(id=step_id, kind=StepKind.INSTRUCTION, image=folder / f"{step_id}.svg", highlight=highlight)
        for step_id, highlight in (("log-in", "button"), ("done", ""))
    )
    return Tutorial(
        id="vneid-login",
        pack_id="test",
        content_version="2026.11.24",
        category="vneid",
        qr_url="https://vneid.gov.vn",
        checked=date(2026, 11, 20),
        sources=(Source(title="Bộ Công an", checked=date(2026, 11, 20)),),
        steps=steps,
        texts={
            "vi": TutorialText(
                language="vi",
                title="Đăng nhập VNeID",
                summary="Đăng nhập ứng dụng VNeID.",
                safety="Không đọc mã OTP cho ai.",
                steps={"log-in": StepText("Đăng nhập", _LONG_VI), "done": StepText("Xong", "Bạn đã vào.")},
            ),
            "en": TutorialText(
                language="en",
                title="Log in to VNeID",
                summary="Log in to the VNeID app.",
                safety="Never read an OTP code to anyone.",
                steps={"log-in": StepText("Log in", _LONG_EN), "done": StepText("Done", "You are in.")},
            ),
        },
        folder=folder,
    )


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> SoundServer:
    """The test run's PulseAudio, made the one this process (and QtMultimedia in it) plays to."""
    require_espeak()
    found = sound_server()
    for name, value in found.environment.items():
        monkeypatch.setenv(name, value)
    return found


@pytest.fixture
def recording(server: SoundServer) -> MonitorRecording:
    return monitor_recording()


@pytest.fixture
def narrator(qtbot: QtBot, tmp_path: Path) -> Iterator[Narrator]:
    with qasync_loop():
        speaker = Narrator([_tutorial(tmp_path)])
        yield speaker
        speaker.shutdown()


def _audio_seconds(tutorial: Tutorial, step_index: int, language: str) -> float:
    import wave

    path = Narration().audio(Narration.for_step(tutorial, step_index, language)).path
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def _heard_after(qtbot: QtBot, recording: MonitorRecording, started: float) -> float:
    heard: list[float] = []

    def sound_came_out() -> None:
        found = recording.first_sound(started)
        assert found is not None
        heard.append(found)

    qtbot.waitUntil(sound_came_out, timeout=int(HEAR_WITHIN_S * 1000))
    return heard[-1]


def _wait(qtbot: QtBot, seconds: float) -> None:
    qtbot.wait(int(seconds * 1000))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_step_is_heard_in_the_language_on_screen_to_its_end(
    qtbot: QtBot, tmp_path: Path, recording: MonitorRecording, narrator: Narrator, language: str
) -> None:
    tutorial = _tutorial(tmp_path)
    started = time.monotonic()
    with qtbot.waitSignal(narrator.speaking_changed, timeout=5000, check_params_cb=lambda on: on):
        narrator.speak_step(tutorial, 1, language)
    heard = _heard_after(qtbot, recording, started)
    with qtbot.waitSignal(narrator.speaking_changed, timeout=int(HEAR_WITHIN_S * 1000)):
        pass  # played to its end
    _wait(qtbot, SETTLE_S)
    length = _audio_seconds(tutorial, 1, language)
    assert recording.loudness(heard, heard + length) > SOUND_RMS
    # Speech has pauses between words, but most of the step's audio came out.
    assert recording.seconds_of_sound(started, time.monotonic()) > 0.5 * length
    assert not narrator.speaking


def test_next_cuts_off_the_step_being_read(
    qtbot: QtBot, tmp_path: Path, recording: MonitorRecording, narrator: Narrator
) -> None:
    tutorial = _tutorial(tmp_path)
    long_s = _audio_seconds(tutorial, 0, "vi")
    short_s = _audio_seconds(tutorial, 1, "vi")
    assert long_s > 15 and short_s < 3
    started = time.monotonic()
    narrator.speak_step(tutorial, 0, "vi")
    _heard_after(qtbot, recording, started)
    _wait(qtbot, 1.0)

    # "Next": the next step is spoken, and the long one is not heard again.
    next_at = time.monotonic()
    narrator.speak_step(tutorial, 1, "vi")
    qtbot.waitUntil(lambda: not narrator.speaking, timeout=int(HEAR_WITHIN_S * 1000))
    _wait(qtbot, 3.0)
    last = recording.last_sound(next_at)
    assert last is not None
    assert last < next_at + short_s + SETTLE_S + 2.0
    assert recording.seconds_of_sound(next_at, time.monotonic()) < short_s + SETTLE_S
    assert recording.loudness(next_at + short_s + SETTLE_S + 2.0, time.monotonic()) == 0.0


def test_stop_silences_at_once_and_repeat_reads_the_step_again(
    qtbot: QtBot, tmp_path: Path, recording: MonitorRecording, narrator: Narrator
) -> None:
    tutorial = _tutorial(tmp_path)
    started = time.monotonic()
    narrator.speak_step(tutorial, 0, "en")
    _heard_after(qtbot, recording, started)
    _wait(qtbot, 1.0)
    stopped_at = time.monotonic()
    narrator.stop()
    assert not narrator.speaking
    _wait(qtbot, 2.0)
    assert recording.loudness(stopped_at + SETTLE_S, time.monotonic()) == 0.0

    # "Repeat": the same step from its start, from the cache this time.
    again = time.monotonic()
    narrator.speak_step(tutorial, 0, "en")
    heard = _heard_after(qtbot, recording, again)
    assert heard - again < 1.0
    narrator.stop()


def _slow_espeak(folder: Path, delay_s: float) -> tuple[Espeak, Path]:
    """The real espeak-ng, but each synthesis starts ``delay_s`` late (as on a busy old laptop).

    Returns it and a file that appears when a synthesis has begun.
    """
    real = require_espeak()
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "espeak-ng"
    begun = folder / "synthesis-begun"
    program.write_text(
        f'#!/bin/sh\ncase "$*" in *" -w "*) touch "{begun}"; sleep {delay_s};; esac\nexec "{real}" "$@"\n',
        encoding="utf-8",
    )
    program.chmod(0o755)
    return Espeak(str(program)), begun


def test_a_synthesis_that_finishes_after_a_newer_request_is_never_played(
    qtbot: QtBot, tmp_path: Path, recording: MonitorRecording
) -> None:
    tutorial = _tutorial(tmp_path)
    short_s = _audio_seconds(tutorial, 1, "en")  # now cached: it plays at once
    files = Narration()
    files.espeak.version()
    old_step = Narration.for_step(tutorial, 0, "vi")
    slow, begun = _slow_espeak(tmp_path / "bin", 1.0)
    with qasync_loop():
        narrator = Narrator([tutorial], narration=Narration(slow))
        started = time.monotonic()
        narrator.speak_step(tutorial, 0, "vi")
        # The long Vietnamese step is being synthesised when "Next" comes.
        qtbot.waitUntil(begun.exists, timeout=int(HEAR_WITHIN_S * 1000))
        assert files.ready(old_step) is None
        narrator.speak_step(tutorial, 1, "en")
        qtbot.waitUntil(lambda: not narrator.speaking, timeout=int(HEAR_WITHIN_S * 1000))
        qtbot.waitUntil(lambda: files.ready(old_step) is not None, timeout=int(HEAR_WITHIN_S * 1000))
        # The old step's audio now exists; were it played, it would be heard within this wait.
        _wait(qtbot, 2.0)
        narrator.shutdown()
    assert recording.seconds_of_sound(started, time.monotonic()) < short_s + SETTLE_S
    last = recording.last_sound(started)
    assert last is not None and last < started + short_s + 2.0


def test_a_step_left_before_its_synthesis_began_is_not_synthesised_at_all(
    qtbot: QtBot, tmp_path: Path, recording: MonitorRecording, narrator: Narrator
) -> None:
    tutorial = _tutorial(tmp_path)
    short_s = _audio_seconds(tutorial, 1, "en")
    files = Narration()
    files.espeak.version()
    skipped = Narration.for_step(tutorial, 0, "vi")
    started = time.monotonic()
    # Two taps on "Next" in a row: the first step's synthesis had not started yet.
    narrator.speak_step(tutorial, 0, "vi")
    narrator.speak_step(tutorial, 1, "en")
    qtbot.waitUntil(lambda: not narrator.speaking, timeout=int(HEAR_WITHIN_S * 1000))
    _wait(qtbot, 1.0)
    assert files.ready(skipped) is None
    assert recording.seconds_of_sound(started, time.monotonic()) < short_s + SETTLE_S


def test_the_quietest_volume_is_quieter_but_still_heard(
    qtbot: QtBot, tmp_path: Path, recording: MonitorRecording, narrator: Narrator
) -> None:
    tutorial = _tutorial(tmp_path)
    loudness: dict[int, float] = {}
    for level in (narrator.volume_steps - 1, 0):
        while narrator.volume_level != level:
            (narrator.volume_up if narrator.volume_level < level else narrator.volume_down)()
        started = time.monotonic()
        narrator.speak_step(tutorial, 1, "en")
        heard = _heard_after(qtbot, recording, started)
        qtbot.waitUntil(lambda: not narrator.speaking, timeout=int(HEAR_WITHIN_S * 1000))
        _wait(qtbot, SETTLE_S)
        loudness[level] = recording.loudness(heard, time.monotonic())
    assert loudness[0] > SOUND_RMS
    ratio = loudness[0] / loudness[narrator.volume_steps - 1]
    assert ratio == pytest.approx(gain_of(0), rel=0.25)
    narrator.reset_volume()


def test_a_recording_that_needs_the_decoder_plays_and_is_cut_off_too(
    qtbot: QtBot, tmp_path: Path, recording: MonitorRecording, narrator: Narrator
) -> None:
    tutorial = _tutorial(tmp_path)
    # A volunteer's recording as .mp3 goes through QMediaPlayer (FFmpeg), not QSoundEffect. The
    # tests have no MP3 encoder, so it holds WAV data: FFmpeg reads a file by its content.
    write_tone(tmp_path / "audio/en/log-in.wav", seconds=8.0).rename(tmp_path / "audio/en/log-in.mp3")
    short_s = _audio_seconds(tutorial, 1, "en")
    started = time.monotonic()
    narrator.speak_step(tutorial, 0, "en")
    heard = _heard_after(qtbot, recording, started)
    assert recording.loudness(heard, heard + 1.0) > SOUND_RMS
    _wait(qtbot, 1.0)
    next_at = time.monotonic()
    narrator.speak_step(tutorial, 1, "en")
    qtbot.waitUntil(lambda: not narrator.speaking, timeout=int(HEAR_WITHIN_S * 1000))
    _wait(qtbot, 2.0)
    assert recording.loudness(next_at + short_s + SETTLE_S + 1.0, time.monotonic()) == 0.0
    assert recording.seconds_of_sound(started, time.monotonic()) < 8.0
