"""Recording a voice: from "Stop" to a playable file, and to hearing it back.

A volunteer reads a step into the microphone and presses "Stop"; the take is written to WAV,
trimmed, evened out and compressed to Ogg Opus in the voice pack (``VoicePack.add``), and
then played back so the volunteer can keep it or record it again. The microphone is a real
PulseAudio source (``module-pipe-source``) fed in real time with room noise around a voice-like
sound (tests/unit/kiosk/voices/voice_helpers.py); the speaker is the null sink, recorded from
its monitor with ``parec`` (tests/helpers/audio.py), as in the narration benchmark.

- ready: "Stop" to the compressed file written and listed in voicepack.json (goal: 300 ms);
- heard: "Stop" to the first sound of the take played back through the kiosk's playback.

Each figure is the median over ``--rounds`` takes of ``--seconds`` of voice each (fed in real
time, so a round takes that long and a second more).

``--quick`` (run by ``make test``) records one two-second take: it prints the same figures,
asserts no timing, and fails only if the take is not recorded, kept or heard. Where PulseAudio
is not installed it says so and stops without failing (CI installs it).

    .venv/bin/python tests/benchmarks/voices.py [--rounds 10] [--seconds 8] [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# FFmpeg describes every file it opens on stderr while this category logs; keep the figures readable.
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.ffmpeg*=false")

from kiosk.voices.items import Item, text_hash
from kiosk.voices.pack import VoicePack
from tests.helpers.audio import MonitorRecording, monitor_recording, sound_server
from tests.unit.kiosk.voices.voice_helpers import (
    MICROPHONE,
    VirtualMicrophone,
    padded_voice,
    virtual_microphone,
)

_TIMEOUT_S = 30.0
GOAL_MS = 300.0


def _process_events() -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _wait(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        _process_events()
        time.sleep(0.002)


def _take(
    microphone: VirtualMicrophone, heard: MonitorRecording, folder: Path, number: int, voice_s: float
) -> tuple[float, float, float]:
    """One take: (stop to ready, stop to heard, seconds kept)."""
    from ui.narration.playback import NarrationPlayback
    from ui.voices.recorder import MicrophoneRecorder

    recorder = MicrophoneRecorder()
    playback = NarrationPlayback()
    pack = VoicePack.open("hmn", folder / "voices")
    recorder.start(MICROPHONE)
    feeding = microphone.speak(padded_voice(0.5, voice_s, 0.5))
    while feeding.is_alive():
        _process_events()
        time.sleep(0.005)
    _wait(0.2)

    stopped = time.monotonic()
    wav = recorder.stop(folder / f"take-{number}.wav")
    _recording, prepared = pack.add(Item("benchmark", f"step-{number}"), wav, text_hash(f"step {number}"))
    ready = time.monotonic()
    playback.play(prepared.path, 1.0)
    while (first := heard.first_sound(ready)) is None:
        if time.monotonic() - stopped > _TIMEOUT_S:
            raise SystemExit(f"voices benchmark broken: take {number} was never heard")
        _process_events()
        time.sleep(0.001)
    playback.stop()
    _wait(0.4)
    if not voice_s <= prepared.seconds <= voice_s + 0.5:
        raise SystemExit(
            f"voices benchmark broken: take {number} kept {prepared.seconds:.2f} s of {voice_s} s"
        )
    return ready - stopped, first - stopped, prepared.seconds


def _line(name: str, samples: list[float]) -> str:
    median = statistics.median(samples) * 1000
    low, high = min(samples) * 1000, max(samples) * 1000
    return f"  {name:<44} median {median:6.1f} ms (min {low:6.1f}, max {high:6.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--rounds", type=int, default=10, help="takes measured (at least 3)")
    parser.add_argument("--seconds", type=float, default=8.0, help="seconds of voice in each take")
    parser.add_argument("--quick", action="store_true", help="a check that it still runs: one short take")
    args = parser.parse_args()
    rounds = 1 if args.quick else max(args.rounds, 3)
    voice_s = 2.0 if args.quick else args.seconds

    import pytest
    from PySide6.QtWidgets import QApplication

    from kiosk.voices.audio import codec

    try:
        server = sound_server()
    except pytest.skip.Exception as absent:
        print(f"voices benchmark skipped: {absent.msg}")
        return 0
    os.environ.update(server.environment)
    heard = monitor_recording()
    app = QApplication([])
    with tempfile.TemporaryDirectory(prefix="voices-benchmark-") as temporary:
        folder = Path(temporary)
        with virtual_microphone(folder) as microphone:
            from ui.voices.recorder import microphones

            deadline = time.monotonic() + 10
            while MICROPHONE not in [found for found, _ in microphones()]:
                if time.monotonic() > deadline:
                    raise SystemExit("voices benchmark broken: QtMultimedia never saw the virtual microphone")
                _process_events()
                time.sleep(0.01)
            if not args.quick:
                _take(microphone, heard, folder, 0, 1.0)  # warm-up: Qt's audio back ends, FFmpeg
            figures = [_take(microphone, heard, folder, number, voice_s) for number in range(1, rounds + 1)]
    del app
    ready = [figure[0] for figure in figures]
    print(
        f"voices: {rounds} take(s) of {voice_s:g} s of voice, kept as Ogg {codec().subtype}"
        f" (median {statistics.median(f[2] for f in figures):.2f} s after trimming)"
    )
    verdict = "within" if statistics.median(ready) * 1000 <= GOAL_MS else "OVER"
    print(_line(f'"Stop" to a playable file ({verdict} the {GOAL_MS:g} ms goal)', ready))
    print(_line('"Stop" to the first sound played back', [figure[1] for figure in figures]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
