"""Start-up time: process start until the start screen is painted, against a bare PySide6 window.

Both are measured in the same run, alternating, as whole processes (interpreter start,
imports, content loading, first paint), so the ratio says what the kiosk adds on top of
the least any PySide6 program costs on this machine. Goal: median ratio <= 1.5.

    .venv/bin/python tests/benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CHILD_FLAG = "--child"


def _exit_after_first_paint(window: object) -> None:
    """In the child: leave as soon as ``window`` has been painted once."""
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
    app.installEventFilter(watch)
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


def _time_child(kind: str, data_dir: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, _CHILD_FLAG, kind, data_dir],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs of each kind (at least 7)")
    args = parser.parse_args()
    runs = max(args.runs, 7)
    bare: list[float] = []
    kiosk: list[float] = []
    with tempfile.TemporaryDirectory() as data_dir:
        # One unmeasured run of each warms the disk cache for both alike.
        _time_child("bare", data_dir)
        _time_child("kiosk", data_dir)
        for _ in range(runs):
            bare.append(_time_child("bare", data_dir))
            kiosk.append(_time_child("kiosk", data_dir))
    bare_median = statistics.median(bare)
    kiosk_median = statistics.median(kiosk)
    print(f"bare PySide6 window: median {bare_median * 1000:.0f} ms over {runs} runs")
    print(f"kiosk start screen:  median {kiosk_median * 1000:.0f} ms over {runs} runs")
    print(f"start-up ratio (kiosk / bare): {kiosk_median / bare_median:.2f}x (goal <= 1.5x)")
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
