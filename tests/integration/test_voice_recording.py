"""Recording a voice through a real PulseAudio microphone, then hearing it played back.

The microphone is ``module-pipe-source`` on the narration tests' PulseAudio server, fed in
real time with a known take: room noise, two seconds of a voice-like sound, room noise. The
real ``MicrophoneRecorder`` (QAudioSource) records it, the real ``VoicePack`` trims, evens out
and compresses it, and the kiosk's own narration playback plays the Ogg Opus file into the
null sink, whose monitor ``parec`` records.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import soundfile
from pytestqt.qtbot import QtBot

from kiosk.voices.audio import MARGIN_S, TARGET_DBFS
from kiosk.voices.coverage import Voices
from kiosk.voices.items import Item, SourceTexts
from kiosk.voices.pack import VoicePack
from tests.helpers.audio import SOUND_RMS, monitor_recording
from tests.unit.kiosk.voices.voice_helpers import (
    MICROPHONE,
    UI_WORDS,
    VirtualMicrophone,
    padded_voice,
    speech_dbfs,
    tutorial,
    virtual_microphone,
)
from ui.narration.playback import NarrationPlayback
from ui.voices.recorder import MicrophoneRecorder, microphones

pytestmark = pytest.mark.ui

BEFORE_S, VOICE_S, AFTER_S = 1.0, 2.0, 1.0
OPEN_STORE = Item("vneid-install", "open-store")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The test run's PulseAudio, made the one this process (and QtMultimedia in it) uses."""
    from tests.helpers.audio import sound_server

    found = sound_server()
    for name, value in found.environment.items():
        monkeypatch.setenv(name, value)
    yield


def _microphone_listed(present: bool) -> None:
    ids = [device_id for device_id, _ in microphones()]
    assert (MICROPHONE in ids) is present, ids


@pytest.fixture
def microphone(server: None, qtbot: QtBot, tmp_path: Path) -> Iterator[VirtualMicrophone]:
    # The run's recording of the speaker is already going (as after the narration tests): the
    # microphone appearing must not take it over.
    monitor_recording()
    with virtual_microphone(tmp_path) as found:
        qtbot.waitUntil(lambda: _microphone_listed(True), timeout=10_000)
        yield found


def _record(qtbot: QtBot, microphone: VirtualMicrophone, wav: Path) -> tuple[Path, list[float]]:
    recorder = MicrophoneRecorder()
    levels: list[float] = []
    recorder.level_changed.connect(levels.append)
    recorder.start(MICROPHONE)
    feeding = microphone.speak(padded_voice(BEFORE_S, VOICE_S, AFTER_S))
    qtbot.waitUntil(lambda: not feeding.is_alive(), timeout=20_000)
    # What the server still holds for us arrives within a moment.
    qtbot.wait(300)
    recorded = recorder.stop(wav)
    assert not recorder.recording
    return recorded, levels


def test_a_take_from_the_microphone_is_trimmed_evened_out_and_heard(
    qtbot: QtBot, microphone: VirtualMicrophone, tmp_path: Path
) -> None:
    wav, levels = _record(qtbot, microphone, tmp_path / "take.wav")
    raw, rate = soundfile.read(wav, dtype="float32")
    # Every sample the microphone gave, the room noise included.
    assert rate == 48000
    assert BEFORE_S + VOICE_S + AFTER_S - 0.2 < len(raw) / rate < BEFORE_S + VOICE_S + AFTER_S + 1.0
    # The meter moved: quiet in the room noise, high while the voice spoke.
    assert min(levels) < 0.02 and max(levels) > 0.2

    texts = SourceTexts([tutorial()], UI_WORDS)
    text_hash = texts.hash(OPEN_STORE)
    assert text_hash is not None
    pack = VoicePack.open("hmn", tmp_path / "voices")
    recording, prepared = pack.add(OPEN_STORE, wav, text_hash)
    samples, rate = soundfile.read(prepared.path, dtype="float32")
    seconds = len(samples) / rate
    # Not silent, trimmed to the voice and its margins, at the common level.
    assert VOICE_S <= seconds <= VOICE_S + 2 * MARGIN_S + 0.15, seconds
    assert seconds < len(raw) / 48000 - 1.5
    assert abs(speech_dbfs(samples, rate) - TARGET_DBFS) < 1.5

    pack.mark_checked(OPEN_STORE, "TNV 2")
    playable = Voices(texts, tmp_path / "voices").playable("hmn", "vneid-install", "open-store")
    assert playable == prepared.path and recording.file.endswith(".opus")

    # The kiosk's narration playback plays it: sound comes out for about as long as the voice.
    heard = monitor_recording()
    playback = NarrationPlayback()
    failures: list[str] = []
    playback.failed.connect(failures.append)
    started = time.monotonic()
    with qtbot.waitSignal(playback.finished, timeout=15_000):
        playback.play(playable, 1.0)
    qtbot.wait(300)
    assert failures == []
    assert heard.first_sound(started) is not None
    assert heard.loudness(started, time.monotonic()) > SOUND_RMS
    assert 0.5 * VOICE_S < heard.seconds_of_sound(started, time.monotonic()) < seconds + 0.5


_NO_MICROPHONE = """
from PySide6.QtCore import QCoreApplication
from PySide6.QtMultimedia import QMediaDevices
from ui.voices.recorder import MicrophoneRecorder, NoMicrophoneError

app = QCoreApplication([])
assert QMediaDevices.audioInputs() == [], QMediaDevices.audioInputs()
try:
    MicrophoneRecorder().start()
except NoMicrophoneError as error:
    print(error)
"""


def test_without_a_microphone_the_recorder_says_what_to_do(server: None) -> None:
    # A process of its own: QtMultimedia keeps listing a microphone that was once there (it
    # never drops a removed PulseAudio source), so this one must never have seen the virtual one.
    answer = subprocess.run(
        [sys.executable, "-c", _NO_MICROPHONE],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip() == (
        "No microphone found: plug in the USB microphone (or headset), wait a few seconds, then try again."
    )
