"""Start-up time: process start until the start screen is painted, against a bare PySide6 window.

Both are measured in the same run, alternating, as whole processes (interpreter start,
imports, content loading, first paint), so the ratio says what the kiosk adds on top of
the least any PySide6 program costs on this machine. Goal: median ratio <= 1.5.
A child's time ends when the process ends (a blocking wait, not a poll), and the child
watches only its window's own events for the paint, so the watching adds nothing to either.

Both run with Python's compiled bytecode cached (in a temporary folder, filled by one
unmeasured run of each), as on an installed kiosk, even in a shell that sets
PYTHONDONTWRITEBYTECODE: otherwise the kiosk's own modules would be compiled again on
every run while PySide6's come compiled, and the ratio would measure the compiler.
``--compile-each-run`` measures that case too.

``--quick`` (run by ``make test``) starts each once: it prints the figures, asserts no timing,
and fails only if a child fails or the kiosk never paints its start screen.

    .venv/bin/python tests/benchmarks/startup.py [--runs 11] [--compile-each-run] [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

_CHILD_FLAG = "--child"
_CHILD_TIMEOUT_S = 120


def _exit_after_first_paint(window: object) -> None:
    """In the child: leave as soon as ``window`` has been painted once.

    The watch filters the window's own events only. Watching the whole application from
    Python would add to what is measured: every event of every object would cross into
    Python, and the first event of an object of a new type (the style, once a window holds
    a button that takes focus) makes PySide build that Python type, some 8 ms for QStyle.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(window, QWidget)

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                # Let the rest of this paint cycle (the children) finish, then leave.
                QTimer.singleShot(0, lambda: os._exit(0))
            return False

    watch = PaintWatch()
    app = QApplication.instance()
    assert app is not None
    window.installEventFilter(watch)
    app.exec()


def _child_bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    label = QLabel("Bắt đầu")
    label.resize(1366, 768)
    label.show()
    _exit_after_first_paint(label)
    del app


def _child_kiosk(data_dir: str) -> None:
    from ui.main import start

    kiosk_app = start(["--data-dir", data_dir])
    _exit_after_first_paint(kiosk_app.window)


def _time_child(kind: str, data_dir: str, bytecode_dir: str | None) -> float:
    """Seconds the child takes; ``bytecode_dir`` caches compiled modules, None compiles each run."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if bytecode_dir is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode_dir
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    command = [sys.executable, __file__, _CHILD_FLAG, kind, data_dir]
    timed_out = threading.Event()
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)

    # A window that is never painted would wait for ever: a timer ends it. Not
    # subprocess.run(timeout=...): it polls the child with sleeps that grow to 50 ms, so a
    # child is seen to end only at the next poll (after 113, 163, 213 ms...) and every time
    # measured is rounded up to one of those. A blocking wait returns as the child ends.
    def end_it() -> None:
        timed_out.set()
        child.kill()

    timer = threading.Timer(_CHILD_TIMEOUT_S, end_it)
    timer.start()
    try:
        code = child.wait()
    finally:
        timer.cancel()
    elapsed = time.perf_counter() - started
    if timed_out.is_set():
        raise subprocess.TimeoutExpired(command, _CHILD_TIMEOUT_S)
    if code != 0:
        raise subprocess.CalledProcessError(code, command)
    return elapsed


def _measure(runs: int, bytecode_dir: str | None, warm_up: bool = True) -> tuple[float, float]:
    """Median seconds to the first paint: (bare window, kiosk start screen)."""
    bare: list[float] = []
    kiosk: list[float] = []
    with tempfile.TemporaryDirectory() as data_dir:
        if warm_up:
            # One unmeasured run of each warms the disk cache (and the bytecode cache) for both alike.
            _time_child("bare", data_dir, bytecode_dir)
            _time_child("kiosk", data_dir, bytecode_dir)
        for _ in range(runs):
            bare.append(_time_child("bare", data_dir, bytecode_dir))
            kiosk.append(_time_child("kiosk", data_dir, bytecode_dir))
    return statistics.median(bare), statistics.median(kiosk)


def _report(title: str, runs: int, bare: float, kiosk: float) -> None:
    print(title)
    print(f"  bare PySide6 window: median {bare * 1000:.0f} ms over {runs} runs")
    print(f"  kiosk start screen:  median {kiosk * 1000:.0f} ms over {runs} runs")
    print(f"  start-up ratio (kiosk / bare): {kiosk / bare:.2f}x (goal <= 1.5x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=11, help="runs of each kind (at least 11)")
    parser.add_argument(
        "--compile-each-run",
        action="store_true",
        help="also measure with PYTHONDONTWRITEBYTECODE=1 (the kiosk's modules compiled in every run,\n"
        "unless the checkout holds __pycache__ folders)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="a check that it still runs: one start of each, no warm-up"
    )
    args = parser.parse_args()
    runs = 1 if args.quick else max(args.runs, 11)
    with tempfile.TemporaryDirectory() as bytecode_dir:
        # A child that fails, or a kiosk that never paints, ends this with an error.
        bare, kiosk = _measure(runs, bytecode_dir, warm_up=not args.quick)
    _report("start-up, process start -> first paint (bytecode cached, as installed):", runs, bare, kiosk)
    if args.compile_each_run:
        bare, kiosk = _measure(runs, None)
        _report("start-up, PYTHONDONTWRITEBYTECODE=1 (kiosk modules compiled each run):", runs, bare, kiosk)
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == _CHILD_FLAG:
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
        if sys.argv[2] == "bare":
            _child_bare()
        else:
            _child_kiosk(sys.argv[3])
        sys.exit(1)  # only reached if the window was never painted
    sys.exit(main())
