"""Narration latency: from "Next" (a ``Narrator.speak_step`` call) to the first sound out of the speaker.

The speaker is PulseAudio's null sink, recorded from its monitor with ``parec`` (the same set-up
as tests/integration/test_narration_audio.py); "first sound" is the first 10 ms stretch louder
than silence. Measured in one run, on the shipped steps, one different step per "Next":

- floor: a bare ``QSoundEffect`` in this process playing the step's already synthesised WAV
  file: the least any Qt narration can take (no lookup, no narrator);
- paplay: the same file played by ``paplay`` (a new process connecting to the server each time),
  for reference outside Qt;
- cached: the step's audio is already on disk (cache, or a pack built with build-audio);
- uncached: espeak-ng synthesises the step first (off the GUI thread) and then it plays;
- decoder: a cached step played the way an .ogg/.mp3 recording is (QMediaPlayer and FFmpeg
  instead of QSoundEffect), which is why WAV files go to QSoundEffect.

Each figure is the median over ``--rounds`` steps, with its ratio to the floor.

``--quick`` (run by ``make test``) measures one step per figure: it prints the same figures,
asserts no timing, and fails only if a step is never heard. It starts its own PulseAudio
server (tests/helpers/audio.py); where PulseAudio or espeak-ng is not installed it says so and
stops without failing (CI installs both).

    .venv/bin/python tests/benchmarks/narration.py [--rounds 20] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# FFmpeg describes every file it opens on stderr while this category logs; keep the figures readable.
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.ffmpeg*=false")

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Tutorial
from kiosk.narration.narration import Narration
from kiosk.system import paths
from tests.helpers.audio import MonitorRecording, SoundServer, monitor_recording, sound_server

# Between two measurements: the previous sound has stopped arriving before the clock starts.
_QUIET_S = 0.4
_TIMEOUT_S = 30.0

Step = tuple[Tutorial, int, str]


def _process_events() -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _until_heard(recording: MonitorRecording, start: Callable[[], object], qt: bool) -> float:
    """Seconds from ``start()`` to the first sound; Qt events are processed while waiting."""
    started = time.monotonic()
    start()
    while (heard := recording.first_sound(started)) is None:
        if time.monotonic() - started > _TIMEOUT_S:
            raise TimeoutError("no sound within 30 s")
        if qt:
            _process_events()
        time.sleep(0.001)
    return heard - started


def _quiet(qt: bool) -> None:
    deadline = time.monotonic() + _QUIET_S
    while time.monotonic() < deadline:
        if qt:
            _process_events()
        time.sleep(0.005)


def _steps(count: int) -> list[Step]:
    """``count`` different steps of the shipped tutorials, alternating Vietnamese and English."""
    catalogue = load_catalogue(packs_dir())
    every = [
        (tutorial, index, ("vi", "en")[(number + index) % 2])
        for number, tutorial in enumerate(catalogue.tutorials)
        for index in range(len(tutorial.steps))
    ]
    if len(every) < count:
        raise SystemExit(f"only {len(every)} steps in the shipped content")
    return every[:count]


class _Contenders:
    """Each way of playing one step, measured back to back on that step so drift hits them alike."""

    def __init__(self, server: SoundServer, recording: MonitorRecording, folder: Path) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        from ui.narration.narrator import Narrator
        from ui.narration.playback import NarrationPlayback

        self.recording = recording
        self.folder = folder
        self.environment = {**os.environ, **server.environment}
        self.effect = QSoundEffect()
        self.playback = NarrationPlayback()
        self._narrator = Narrator()
        # Full gain, as the bare QSoundEffect plays: a quieter start crosses "sound" later.
        while self._narrator.volume_level < self._narrator.volume_steps - 1:
            self._narrator.volume_up()
        self.samples: dict[str, list[float]] = {}

    def _measure(self, name: str, start: Callable[[], object], stop: Callable[[], object], qt: bool) -> None:
        self.samples.setdefault(name, []).append(_until_heard(self.recording, start, qt=qt))
        stop()
        _quiet(qt=qt)

    def speak(self, name: str, step: Step) -> None:
        """ "Next" to ``step``: the narrator reads it, as the window will have it do."""
        self._measure(name, functools.partial(self._narrator.speak_step, *step), self._narrator.stop, qt=True)

    def shutdown(self) -> None:
        self._narrator.shutdown()

    def others(self, number: int, step: Step) -> None:
        """The floor, paplay and the decoder, each on its own copy of the step's file (unseen by Qt)."""
        from PySide6.QtCore import QUrl

        cached = Narration().audio(Narration.for_step(*step)).path
        copies = [self.folder / f"{number}-{kind}" for kind in ("effect.wav", "paplay.wav", "decoder.mp3")]
        for copy in copies:
            shutil.copyfile(cached, copy)
        effect_url = QUrl.fromLocalFile(str(copies[0]))

        def play_effect() -> None:
            self.effect.setSource(effect_url)
            self.effect.play()

        self._measure("floor", play_effect, self.effect.stop, qt=True)
        players: list[subprocess.Popen[bytes]] = []
        spawn = functools.partial(_spawn, players, ["paplay", str(copies[1])], self.environment)
        self._measure("paplay", spawn, functools.partial(_kill, players), qt=False)
        decode = functools.partial(self.playback.play, copies[2], 1.0)
        self._measure("decoder", decode, self.playback.stop, qt=True)


def _spawn(into: list[subprocess.Popen[bytes]], command: list[str], environment: dict[str, str]) -> None:
    into.append(subprocess.Popen(command, env=environment))


def _kill(players: list[subprocess.Popen[bytes]]) -> None:
    for player in players:
        player.kill()
        player.wait()


def _line(name: str, samples: list[float], floor: float) -> str:
    """Median with its spread, and against the floor both as a ratio and in milliseconds (the
    detection works in 10 ms stretches, so a floor of a few ms makes ratios jumpy)."""
    median = statistics.median(samples) * 1000
    low, high = min(samples) * 1000, max(samples) * 1000
    return (
        f"  {name:<40} median {median:6.1f} ms (min {low:5.1f}, max {high:5.1f})"
        f"  {median / floor:5.1f}x the floor, {median - floor:+6.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20, help="steps measured per figure (at least 3)")
    parser.add_argument("--quick", action="store_true", help="a check that it still runs: one step each")
    args = parser.parse_args()
    rounds = 1 if args.quick else max(args.rounds, 3)

    import pytest
    import qasync
    from PySide6.QtWidgets import QApplication

    if shutil.which("espeak-ng") is None:
        print("narration benchmark skipped: espeak-ng is not installed (apt-get install espeak-ng)")
        return 0
    try:
        server = sound_server()
    except pytest.skip.Exception as absent:
        # PulseAudio's tools are missing; the reason says which.
        print(f"narration benchmark skipped: {absent.msg}")
        return 0
    os.environ.update(server.environment)
    recording = monitor_recording()
    app = QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory(prefix="narration-benchmark-") as temporary:
        paths.set_data_dir(Path(temporary) / "data")
        paths.ensure_data_dirs()
        steps = _steps(2 * rounds + 1)
        contenders = _Contenders(server, recording, Path(temporary))
        # Warm-up: Qt's audio back ends, espeak-ng's first run and the first stream are one-off costs.
        contenders.speak("warm-up", steps[-1])
        contenders.others(0, steps[-1])
        contenders.samples.clear()
        for step in steps[:rounds]:
            contenders.speak("uncached", step)
        for number, step in enumerate(steps[rounds : 2 * rounds], start=1):
            Narration().audio(Narration.for_step(*step))
            contenders.speak("cached", step)
            contenders.others(number, step)
        contenders.shutdown()
    loop.close()
    samples = contenders.samples
    for name in ("floor", "paplay", "cached", "uncached", "decoder"):
        figures = samples.get(name, [])
        if len(figures) != rounds or not all(0 <= figure < _TIMEOUT_S for figure in figures):
            raise SystemExit(f"narration benchmark broken: {name}: {rounds} figures expected, got {figures}")
    floor_samples = samples["floor"]

    floor = statistics.median(floor_samples) * 1000
    print(f'narration: "Next" to the first sound at the speaker (PulseAudio null sink), {rounds} steps each')
    print(_line("floor: bare QSoundEffect, synthesised WAV", floor_samples, floor))
    print(_line("paplay of the same WAV (new process)", samples["paplay"], floor))
    print(_line("Next, cached step", samples["cached"], floor))
    print(_line("Next, uncached step (espeak-ng first)", samples["uncached"], floor))
    print(_line("cached WAV through the decoder", samples["decoder"], floor))
    return 0


if __name__ == "__main__":
    sys.exit(main())
