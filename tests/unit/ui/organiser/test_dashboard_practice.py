"""The dashboard's hardest steps in practice: the month's most missed steps, with titles, by the rule."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.stats import open_database
from kiosk.stats.recorder import VisitRecorder
from tests.helpers.organiser import TITLES, TODAY, host_window
from tests.helpers.qt import qasync_loop, settle, shown_texts, ui_text
from tests.helpers.stats import VIETNAM, Clock
from ui.organiser.dashboard import OrganiserDashboard

STEP_TITLES = {
    ("vneid-activate", "enter-code"): "Nhập mã OTP",
    ("vneid-activate", "open-app"): "Mở ứng dụng",
}


@pytest.fixture
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


def _practised(path: Path) -> Path:
    clock = Clock(datetime(TODAY.year, TODAY.month, TODAY.day, 3, tzinfo=UTC) - timedelta(days=1))
    database = open_database(path)
    recorder = VisitRecorder(database, clock=clock, offset=VIETNAM)
    try:
        for step, times, misses in (("open-app", 10, 1), ("enter-code", 10, 2), ("tap-send", 1, 3)):
            for _ in range(times):
                recorder.record_practice(
                    "vneid-activate",
                    step,
                    attempts=misses + 1,
                    misses=misses,
                    hints_shown=min(misses, 2),
                    shown_and_moved_on=False,
                )
        recorder.record_outcomes("vneid-activate", [], practised=True)
        assert recorder.flush(10)
    finally:
        recorder.close()
        database.close()
    return path


@pytest.mark.parametrize(
    ("lang", "heading", "first", "practised"),
    [
        (
            "vi",
            "Các bước khó nhất khi tập (sai nhiều nhất trước)",
            "20 lần chưa đúng trên 30 lần thử — {title}: Nhập mã OTP",
            "<5 — {title}: đã tập làm trên máy",
        ),
        (
            "en",
            "Hardest steps in practice (most missed first)",
            "10 missed of 20 tries — {title}: Mở ứng dụng",
            "<5 — {title}: practised on the kiosk",
        ),
    ],
)
def test_the_hardest_steps_are_shown_for_the_month(
    qtbot: QtBot, loop: None, tmp_path: Path, lang: str, heading: str, first: str, practised: str
) -> None:
    path = _practised(tmp_path / "stats.sqlite3")
    database = open_database(path)
    window = host_window(qtbot)
    titles = {**TITLES, "vneid-activate": "Kích hoạt VNeID"}
    board = OrganiserDashboard(
        database,
        ui_text(),
        lang,
        titles=titles,
        today=lambda: TODAY,
        offset=VIETNAM,
        step_titles=STEP_TITLES,
        parent=window,
    )
    try:
        board.setGeometry(window.rect())
        board.show()
        with qtbot.waitSignal(board.figures_shown, timeout=10000):
            board.refresh()
        settle()
        texts = shown_texts(board)
        assert heading in texts
        steps = board.findChild(QLabel, "hardest-steps")
        assert steps is not None and steps.isVisible()
        lines = steps.text().split("\n")
        # enter-code: 20 of 30 missed, open-app 10 of 20; tap-send is too small to rank (1 try).
        assert len(lines) == 2
        assert first.format(title="Kích hoạt VNeID") in lines
        assert lines[0].startswith("20") and "tap-send" not in steps.text()
        assert practised.format(title="Kích hoạt VNeID") in texts
    finally:
        database.close()
