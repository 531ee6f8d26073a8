"""The step player: how fast a step follows a tap on "Next", and what a day of visits costs in memory.

Both measure the real kiosk: ``ui.main.start`` with a fresh data dir, the shipped content,
real taps (``QTest.mouseClick``) on the real buttons, off screen at 1920×1080.

- Step transition: "Next" tapped until the next step's picture has been painted (its
  paint event has run), every step of every tutorial, a few rounds. Goal: p95 <= 33 ms,
  two frames at 60 Hz.
- Memory: one process taps through every tutorial ten times (start, language, topics,
  every step, finish, back to the start). Goals: peak RSS <= 150 MB, and the RSS after the
  last pass no more than 5 % above the RSS after the first.

Each part runs in its own process, so the peak RSS is that of the visits alone.

``--quick`` (run by ``make test``) taps through two tutorials once and one tutorial twice:
it prints the same figures, asserts no timing, and fails only if the taps stop leading
where a visitor goes (a screen not shown, a step never painted).

    .venv/bin/python tests/benchmarks/player.py [--rounds 3] [--passes 10] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.content.model import Tutorial
    from ui.app import KioskApp

_CHILD_FLAG = "--child"
_SCREEN = (1920, 1080)
TRANSITION_GOAL_MS = 33.0
PEAK_GOAL_MB = 150.0
GROWTH_GOAL_PERCENT = 5.0
# Longer than the tap guard (ui/input/tap_guard.py), so no tap is taken for a doubled one.
_TAP_INTERVAL_S = 1.0


class _Clock:
    """The kiosk's clock for taps: one second passes between taps, however fast we tap."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self) -> None:
        self.now += _TAP_INTERVAL_S


@contextmanager
def _kiosk() -> Iterator[tuple[KioskApp, _Clock]]:
    """The real kiosk, started as ``kiosk --data-dir <temp>`` does, at full-HD size."""
    from ui.main import start

    with tempfile.TemporaryDirectory() as data_dir:
        # The benchmark taps faster than a visitor: the window's clock moves one second per
        # tap, as the journey tests' does (tests/helpers/qt.py), so no tap is taken for a doubled one.
        clock = _Clock()
        kiosk_app = start(["--data-dir", data_dir], clock=clock)
        kiosk_app.window.resize(*_SCREEN)
        try:
            _settle()
            yield kiosk_app, clock
        finally:
            kiosk_app.close()


def _settle() -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
        # Without a running event loop, widgets given to deleteLater() are freed only on request.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _tap(widget: object, clock: _Clock) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget) and widget.isVisible(), f"{widget!r} is not on screen"
    clock.advance()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def _open(kiosk_app: KioskApp, clock: _Clock, tutorial: Tutorial, lang: str) -> None:
    """From the start screen to the tutorial's first step, as a visitor taps."""
    window = kiosk_app.window
    from ui.shell.window import Screen

    for button, leads_to in (
        (lambda: window.start_screen.start_button, Screen.LANGUAGE),
        (lambda: window.language_screen.tiles[lang], Screen.CATALOGUE),
        (lambda: window.catalogue_screen.tabs[tutorial.category], Screen.CATALOGUE),
        (lambda: window.catalogue_screen.tiles[tutorial.id], Screen.PLAYER),
    ):
        _tap(button(), clock)
        _settle()
        shown = window.current
        assert shown is leads_to, f"{tutorial.id}: on {shown.name} instead of {leads_to.name}"


def _answer_quiz(kiosk_app: KioskApp, clock: _Clock) -> None:
    from kiosk.content.model import QuizAnswer

    player = kiosk_app.window.player_screen
    step = player.step
    if step is not None and step.answer is not None:
        quiz = player.quiz
        _tap(quiz.safe_button if step.answer is QuizAnswer.SAFE else quiz.scam_button, clock)
        _settle()


def _finish(kiosk_app: KioskApp, clock: _Clock, tutorial: Tutorial) -> None:
    """On the finish screen after the last step: "Finish" leads back to the start screen."""
    from ui.shell.window import Screen

    window = kiosk_app.window

    def shown() -> Screen:
        return window.current

    assert shown() is Screen.FINISH, f"{tutorial.id}: not on the finish screen"
    _tap(window.finish_screen.end_button, clock)
    _settle()
    assert shown() is Screen.START, f"{tutorial.id}: not back at the start screen"


class _PaintTimer:
    """Stamps the moment a widget's paint event has run, by running it from an event filter."""

    def __init__(self, widget: object) -> None:
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QWidget

        assert isinstance(widget, QWidget)
        self._painted_at: float | None = None
        stamp = self._stamp

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if watched is widget and event.type() == QEvent.Type.Paint:
                    # The widget's own handler, then the time: "painted" means drawn.
                    widget.event(event)
                    stamp()
                    return True
                return False

        self._filter = Filter()
        widget.installEventFilter(self._filter)

    def _stamp(self) -> None:
        self._painted_at = time.perf_counter()

    def painted_at(self) -> float | None:
        return self._painted_at

    def time_tap(self, tap: Callable[[], None], timeout_s: float = 5.0) -> float:
        """Seconds from ``tap()`` until the widget has painted."""
        from PySide6.QtCore import QEventLoop
        from PySide6.QtWidgets import QApplication

        self._painted_at = None
        started = time.perf_counter()
        tap()
        while (painted_at := self.painted_at()) is None:
            if time.perf_counter() - started > timeout_s:
                raise TimeoutError("the step picture was never painted")
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        return painted_at - started


def _child_transitions(rounds: int, tutorial_count: int) -> dict[str, object]:
    """``tutorial_count`` tutorials (0: all of them), every step, ``rounds`` times."""
    samples: list[float] = []
    first_round: list[float] = []
    with _kiosk() as (kiosk_app, clock):
        window = kiosk_app.window
        player = window.player_screen
        timer = _PaintTimer(player.picture)
        tutorials = window._catalogue.tutorials[: tutorial_count or None]
        for round_index in range(rounds):
            for index, tutorial in enumerate(tutorials):
                lang = ("vi", "en")[(index + round_index) % 2]
                _open(kiosk_app, clock, tutorial, lang)
                for _ in tutorial.steps[:-1]:
                    _answer_quiz(kiosk_app, clock)
                    elapsed = timer.time_tap(lambda: _tap(player.next_button, clock))
                    _settle()
                    samples.append(elapsed)
                    if round_index == 0:
                        first_round.append(elapsed)
                _answer_quiz(kiosk_app, clock)
                _tap(player.next_button, clock)
                _settle()
                _finish(kiosk_app, clock, tutorial)
    return {"samples": samples, "first_round": first_round}


def _rss_kb() -> int:
    """The process's resident memory now (Linux ``/proc/self/status``)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("VmRSS not found in /proc/self/status")


def _child_memory(passes: int, tutorial_count: int) -> dict[str, object]:
    """``passes`` through ``tutorial_count`` tutorials (0: all of them)."""
    after_pass: list[int] = []
    with _kiosk() as (kiosk_app, clock):
        window = kiosk_app.window
        tutorials = window._catalogue.tutorials[: tutorial_count or None]
        for _ in range(passes):
            for index, tutorial in enumerate(tutorials):
                _open(kiosk_app, clock, tutorial, ("vi", "en")[index % 2])
                for _step in tutorial.steps:
                    _answer_quiz(kiosk_app, clock)
                    _tap(window.player_screen.next_button, clock)
                    _settle()
                _finish(kiosk_app, clock, tutorial)
            after_pass.append(_rss_kb())
        # Linux reports ru_maxrss in kilobytes.
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"after_pass_kb": after_pass, "peak_kb": peak_kb}


def _run_child(kind: str, count: int, tutorial_count: int) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, __file__, _CHILD_FLAG, kind, str(count), str(tutorial_count)],
        check=True,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    data: dict[str, object] = json.loads(result.stdout.splitlines()[-1])
    return data


def _percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (no interpolation: a value that was really measured)."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def _floats(data: dict[str, object], key: str) -> list[float]:
    values = data[key]
    assert isinstance(values, list)
    return [float(value) for value in values]


def _sane(values: list[float], count: int, what: str) -> None:
    """The run measured what it should: ``count`` positive, finite figures (no timing goal)."""
    if len(values) != count or not all(0 < value < float("inf") for value in values):
        raise SystemExit(f"player benchmark broken: {what}: expected {count} positive figures, got {values}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="rounds through every step (at least 1)")
    parser.add_argument("--passes", type=int, default=10, help="passes through every tutorial (at least 2)")
    parser.add_argument(
        "--quick", action="store_true", help="a check that it still runs: two tutorials once, one twice"
    )
    args = parser.parse_args()
    rounds, passes = max(args.rounds, 1), max(args.passes, 2)
    # The tutorials gone through (0: all): the quick run's taps still reach every screen.
    transition_tutorials, memory_tutorials = (2, 1) if args.quick else (0, 0)
    if args.quick:
        rounds, passes = 1, 2

    transitions = _run_child("transitions", rounds, transition_tutorials)
    samples = [s * 1000 for s in _floats(transitions, "samples")]
    first = [s * 1000 for s in _floats(transitions, "first_round")]
    if not samples:
        raise SystemExit("player benchmark broken: no step transition was measured")
    _sane(first, len(samples) // rounds, "first round")
    p50, p95 = statistics.median(samples), _percentile(samples, 0.95)
    print(f"step transition (Next -> next step painted, 1920x1080): {len(samples)} taps")
    first_p50, first_p95 = statistics.median(first), _percentile(first, 0.95)
    print(f"  first round (code run for the first time): p50 {first_p50:.1f} ms, p95 {first_p95:.1f} ms")
    print(f"  all rounds: p50 {p50:.1f} ms, p95 {p95:.1f} ms (goal p95 <= {TRANSITION_GOAL_MS:.0f} ms)")

    memory = _run_child("memory", passes, memory_tutorials)
    after = _floats(memory, "after_pass_kb")
    _sane(after, passes, "RSS after each pass")
    peak_kb = memory["peak_kb"]
    assert isinstance(peak_kb, int) and peak_kb > 0, f"peak RSS {peak_kb!r} kB"
    peak_mb = peak_kb / 1024
    growth = (after[-1] - after[0]) / after[0] * 100
    gone_through = "the first tutorial" if args.quick else "every tutorial"
    print(f"memory ({passes} passes through {gone_through}, one process):")
    print(f"  peak RSS {peak_mb:.0f} MB (goal <= {PEAK_GOAL_MB:.0f} MB)")
    print(
        f"  RSS after pass 1 {after[0] / 1024:.1f} MB, after pass {passes} {after[-1] / 1024:.1f} MB: "
        f"growth {growth:+.1f} % (goal <= {GROWTH_GOAL_PERCENT:.0f} %)"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == _CHILD_FLAG:
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
        count, tutorial_count = int(sys.argv[3]), int(sys.argv[4])
        child = _child_transitions if sys.argv[2] == "transitions" else _child_memory
        result = child(count, tutorial_count)
        # The last line of the child's output is its result (the kiosk logs to its data dir).
        print(json.dumps(result))
        sys.exit(0)
    sys.exit(main())
