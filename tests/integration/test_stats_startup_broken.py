"""The real kiosk on a statistics file it cannot use, or one that holds less than before.

A table dropped by hand (the review's L13): statistics are off for this run with a note, the
file stays as it is, and a visitor goes through a tutorial as always. A file emptied to 0 bytes
(L12 D3): the kiosk starts a fresh one and the organiser's dashboard says how many visits are
missing. Real content, a real data dir, the real window (offscreen).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.stats.codes import EndReason
from kiosk.stats.db import open_database
from kiosk.stats.demo import DemoTutorial, demo_data
from kiosk.stats.failures import Trouble
from ui.app import KioskApp
from ui.main import start
from ui.shell.window import Screen

TUTORIALS = (DemoTutorial("vneid-install", "2026.11.24", 7, ("vneid-installed",)),)


@contextmanager
def started(qtbot: QtBot, data_dir: Path) -> Iterator[KioskApp]:
    kiosk_app = start(["--data-dir", str(data_dir)])
    try:
        qtbot.waitExposed(kiosk_app.window)
        yield kiosk_app
    finally:
        kiosk_app.close()
        sys.excepthook = sys.__excepthook__


def _filled(data_dir: Path, visits: int) -> Path:
    data_dir.mkdir()
    path = data_dir / "statistics.sqlite3"
    database = open_database(path)
    try:
        demo_data(database, visits, tutorials=TUTORIALS, seed=5)
        database.record_high_water()
    finally:
        database.close()
    return path


def test_a_dropped_table_turns_statistics_off_and_visitors_are_served(qtbot: QtBot, tmp_path: Path) -> None:
    path = _filled(tmp_path / "state", 50)
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE tutorial_runs")
    connection.close()
    before = path.read_bytes()
    with started(qtbot, tmp_path / "state") as kiosk_app:
        window = kiosk_app.window
        statistics = window.statistics
        assert statistics is not None and statistics.recorder() is None
        assert statistics.unavailable is not None and statistics.unavailable.trouble is Trouble.SCHEMA
        assert "its table tutorial_runs is missing" in statistics.unavailable.message
        assert window.current is Screen.START
        # A whole visit, as the screens drive the session: nothing is recorded, nothing breaks.
        tutorial = window._catalogue.tutorials[0]
        window.session.choose_language("vi")
        window.session.begin_tutorial(tutorial.id, len(tutorial.steps))
        window.session.go_to_step(1)
        window.return_to_start(EndReason.FINISHED)
        assert window.current is Screen.START
    assert path.read_bytes() == before


def test_an_emptied_file_is_told_on_the_dashboard(qtbot: QtBot, tmp_path: Path) -> None:
    path = _filled(tmp_path / "state", 120)
    path.write_bytes(b"")
    with started(qtbot, tmp_path / "state") as kiosk_app:
        window = kiosk_app.window
        statistics = window.statistics
        assert statistics is not None and statistics.recorder() is not None
        assert statistics.check.loss is not None and statistics.check.loss.visits == 120
        organiser = window.organiser
        assert organiser is not None and kiosk_app.loop is not None
        board = organiser.screen.dashboard
        with qtbot.waitSignal(board.figures_shown, timeout=30_000):
            board.refresh()
        assert board.notice.isVisibleTo(board)
        assert "thiếu 120 lượt khách" in board.notice_text.text()
