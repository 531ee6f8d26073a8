"""The first paint carries only what a passer-by sees: the start screen, not the rest of the kiosk.

Start-up time is a benchmark (tests/benchmarks/startup.py), never a timed test; what is
tested here is its observable cause: which modules a fresh kiosk process has imported by the
moment its window is first painted. Everything a visitor does not see on the start screen
(the other screens, the keys and the rest of the visitor's input, reading aloud, printing,
organiser mode, volunteer sessions, the statistics' database layer, the event loop) loads
after that paint, or when first used.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Each loads after the first paint; the value says what needs it.
_NOT_BEFORE_FIRST_PAINT = {
    "PySide6.QtMultimedia": "reading aloud",
    "PySide6.QtSvg": "the category icons on the topics screen",
    "asyncio": "the qasync event loop, made once the start screen is painted",
    "qasync": "the event loop",
    "sqlalchemy": "the statistics, opened in the background after the first paint",
    "alembic": "statistics migrations, run only when the schema is old",
    "kiosk.stats.startup": "the statistics' start-up check, run in the background after the first paint",
    "kiosk.stats.highwater": "the statistics' high-water record, read by that check",
    "sqlite3": "the statistics, checked and opened after the first paint",
    "logging.handlers": "nothing: the log rotates in kiosk.system.logs",
    "reportlab": "handouts",
    "kiosk.handouts": "handouts",
    "kiosk.export": "the organiser's export",
    "ui.screens.catalogue": "the topics screen",
    "ui.screens.player": "the step player",
    "ui.narration.control": "reading aloud",
    "ui.printing.printer": "printing",
    "ui.organiser.screen": "organiser mode",
    "ui.organiser.access": "the hidden way into organiser mode, a stage of the input pipeline",
    "ui.input.pipeline": "the visitor's input, made once the start screen is painted",
    "ui.input.keys": "the keyboard and number pad",
    "ui.input.steady_taps": "steady taps",
    "ui.input.focus_ring": "the keys' focus ring",
    "ui.shell.later_screens": "the screens after the start screen",
    "ui.shell.lockdown": "kiosk mode only (this start is windowed)",
    "kiosk.printing": "printing",
    "ui.guided.controller": "volunteer-guided sessions",
    "ui.runtime.watchdog": "the systemd watchdog, started with the event loop",
    "secrets": "installing content from a stick",
    # The kiosk's own options are read without argparse (kiosk.cli.parse); argparse's first
    # message lookup imports locale.
    "locale": "argparse's help and error messages, for a command or --help",
}

# Started as `kiosk --data-dir <dir>` starts (ui.main.start); at the window's first paint
# event, before the window handles it, it prints every imported module and leaves.
_CHILD = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ui.main import start
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

kiosk_app = start(["--data-dir", sys.argv[1]])
window = kiosk_app.window

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if watched is window and event.type() == QEvent.Type.Paint:
            print("\\n".join(sorted(sys.modules)), flush=True)
            os._exit(0)
        return False

first_paint = FirstPaint()
QApplication.instance().installEventFilter(first_paint)
QApplication.instance().exec()
sys.exit("the window was never painted")
"""


def _modules_at_first_paint(data_dir: Path, cwd: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_the_first_paint_loads_only_the_start_screen(tmp_path: Path) -> None:
    data_dir = tmp_path / "state"
    # The first start of a new kiosk creates its database and content cache; every later
    # start (the one a visitor waits for each morning) finds them.
    _modules_at_first_paint(data_dir, tmp_path)
    modules = _modules_at_first_paint(data_dir, tmp_path)

    # It did reach the start screen.
    assert {"ui.shell.window", "ui.screens.start"} <= modules
    loaded = {name: why for name, why in _NOT_BEFORE_FIRST_PAINT.items() if name in modules}
    assert loaded == {}, f"imported before the first paint (needed only for): {loaded}"
