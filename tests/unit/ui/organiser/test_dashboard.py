"""The dashboard shows the counts that were recorded, per period, and tells of a damaged database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFrame, QLabel
from pytestqt.qtbot import QtBot

from kiosk.stats import open_database
from kiosk.stats.highwater import HighWater, Tally, record_file, write_record
from tests.helpers.organiser import TITLES, TODAY, filled_database, host_window
from tests.helpers.qt import qasync_loop, settle, shown_texts, ui_text
from tests.helpers.stats import VIETNAM
from ui.organiser.dashboard import OrganiserDashboard


@pytest.fixture
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


def dashboard_on(qtbot: QtBot, database_path: Path, lang: str = "vi") -> Iterator[OrganiserDashboard]:
    database = open_database(database_path)
    window = host_window(qtbot)
    board = OrganiserDashboard(
        database, ui_text(), lang, titles=TITLES, today=lambda: TODAY, offset=VIETNAM, parent=window
    )
    board.setGeometry(window.rect())
    board.show()
    try:
        yield board
    finally:
        database.close()


def figure(board: OrganiserDashboard, period: str, key: str) -> str:
    frame = board.findChild(QFrame, f"period-{period}")
    assert frame is not None
    number = frame.findChild(QLabel, f"figure-{key}")
    assert number is not None
    return number.text()


def test_the_figures_are_the_recorded_visits_by_the_disclosure_rule(
    qtbot: QtBot, loop: None, tmp_path: Path
) -> None:
    """3, 5 and 6 visits; 2, 3, 4 completed; 1, 1, 2 handouts: small counts read "<5", 6 reads 5."""
    path = filled_database(tmp_path / "stats.sqlite3")
    for board in dashboard_on(qtbot, path):
        with qtbot.waitSignal(board.figures_shown, timeout=10000):
            board.refresh()
        settle()
        periods = ("today", "last_7_days", "this_month")
        assert [figure(board, p, "visits") for p in periods] == ["<5", "5", "5"]
        for key in ("completed", "handouts"):
            assert {figure(board, p, key) for p in ("today", "last_7_days", "this_month")} == {"<5"}
        texts = shown_texts(board)
        assert "Hôm nay" in texts and "Tháng này" in texts
        assert "<5 — Cài ứng dụng VNeID an toàn\n<5 — Nhận biết tin nhắn lừa đảo" in texts
        assert "Tiếng Việt: <5, English: <5" in texts
        days = board.chart.days
        assert len(days) == 30 and days[-1] == (TODAY, "<5") and days[-4] == (TODAY - timedelta(days=3), "<5")
        assert days[0] == (TODAY - timedelta(days=29), "0")
        # The chart's words for a screen reader hide small counts too.
        assert ": 3" not in board.chart.accessibleDescription()


def test_an_empty_database_shows_zeros(qtbot: QtBot, loop: None, tmp_path: Path) -> None:
    for board in dashboard_on(qtbot, tmp_path / "empty.sqlite3", "en"):
        with qtbot.waitSignal(board.figures_shown, timeout=10000):
            board.refresh()
        settle()
        assert figure(board, "this_month", "visits") == "0"
        assert "None yet" in shown_texts(board)


def test_a_damaged_database_is_told_to_the_organiser(qtbot: QtBot, loop: None, tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    for board in dashboard_on(qtbot, path, "en"):
        with qtbot.waitSignal(board.figures_shown, timeout=10000):
            board.refresh()
        settle()
        assert board.notice.isVisible()
        text = board.notice_text.text()
        assert text.startswith("The statistics file was damaged (") and ".damaged-" in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "the statistics file held less than before: 12 visits and "),
        ("vi", "tệp thống kê có ít số liệu hơn trước: thiếu 12 lượt khách và "),
    ],
)
def test_a_database_holding_less_than_before_is_told(
    qtbot: QtBot, loop: None, tmp_path: Path, lang: str, words: str
) -> None:
    """A file emptied to 0 bytes opens as a new one, but the high-water record beside it remembers."""
    path = tmp_path / "stats.sqlite3"
    write_record(record_file(path), HighWater(Tally(12, 12, 20, 20)))
    path.write_bytes(b"")
    for board in dashboard_on(qtbot, path, lang):
        with qtbot.waitSignal(board.figures_shown, timeout=10000):
            board.refresh()
        settle()
        assert board.notice.isVisible()
        text = board.notice_text.text()
        assert words in text and " 20 " in text
        assert figure(board, "this_month", "visits") == "0"
