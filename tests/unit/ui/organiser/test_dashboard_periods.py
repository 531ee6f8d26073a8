"""The dashboard says each period's dates, pages through earlier months, shows every lesson, the
guided profile counts by the disclosure rule, the chart's values, what "a visit" and "<5" mean,
and confirms a saved volunteers' PIN."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFrame, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.pins import PinRole
from kiosk.stats import open_database
from kiosk.stats.codes import AgeBand, Need
from kiosk.stats.recorder import VisitMode
from tests.helpers.clock import FakeClock
from tests.helpers.organiser import TITLES, at, host_window, organiser_screen, pin_store
from tests.helpers.qt import qasync_loop, settle, ui_text
from tests.helpers.stats import VIETNAM, PlannedVisit, fill
from ui.look import theme
from ui.organiser.chart import DailyChart
from ui.organiser.dashboard import LESSONS_SHOWN, OrganiserDashboard

DAY = date(2026, 12, 7)
POINT = "Nhà văn hóa thôn Bản Lang"


@pytest.fixture
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


def board_on(
    qtbot: QtBot, path: Path, lang: str = "vi", titles: dict[str, str] = TITLES
) -> Iterator[OrganiserDashboard]:
    database = open_database(path)
    window = host_window(qtbot)
    board = OrganiserDashboard(
        database,
        ui_text(),
        lang,
        titles=titles,
        today=lambda: DAY,
        offset=VIETNAM,
        point_name=POINT,
        parent=window,
    )
    board.setGeometry(window.rect())
    board.show()
    try:
        with qtbot.waitSignal(board.figures_shown, timeout=10000):
            board.refresh()
        settle()
        yield board
    finally:
        database.close()


def period_frame(board: OrganiserDashboard, period: str) -> QFrame | None:
    """The period's frame now shown (frames replaced by a new count may still wait to be deleted)."""
    items = (board.periods.itemAt(index) for index in range(board.periods.count()))
    frames = (item.widget() for item in items if item is not None)
    return next((f for f in frames if isinstance(f, QFrame) and f.objectName() == f"period-{period}"), None)


def frame_text(board: OrganiserDashboard, period: str, name: str) -> str:
    frame = period_frame(board, period)
    assert frame is not None, period
    found = frame.findChild(QLabel, name)
    assert found is not None, name
    return found.text()


def press(qtbot: QtBot, board: OrganiserDashboard, name: str) -> None:
    button = board.findChild(QPushButton, name)  # the month buttons stay: one each
    assert button is not None and button.isEnabled(), name
    with qtbot.waitSignal(board.figures_shown, timeout=10000):
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()


def _month_plans() -> list[tuple[datetime, PlannedVisit]]:
    # November: 6 guided visits of people over 60, two of them needing help to see; December: 1 visit.
    plans = [
        (
            at(date(2026, 11, 10 + n)),
            PlannedVisit(
                mode=VisitMode.GUIDED,
                age_band=AgeBand.SIXTY_PLUS,
                needs=frozenset({Need.SIGHT}) if n < 2 else frozenset(),
            ),
        )
        for n in range(6)
    ]
    return [*plans, (at(DAY), PlannedVisit())]


@pytest.mark.parametrize(
    ("lang", "week", "month", "visit"),
    [
        ("vi", "7 ngày qua", "Tháng này", "Một lượt = một người"),
        ("en", "Last 7 days", "This month", "A visit = one person"),
    ],
)
def test_each_period_says_its_dates_and_the_title_its_point(
    qtbot: QtBot, loop: None, tmp_path: Path, lang: str, week: str, month: str, visit: str
) -> None:
    path = tmp_path / "s.sqlite3"
    fill(path, _month_plans())
    for board in board_on(qtbot, path, lang):
        # On the 7th the last 7 days are this month: the dates say so, it is no mistake.
        assert frame_text(board, "last_7_days", "period-name") == week
        assert frame_text(board, "this_month", "period-name") == month
        assert frame_text(board, "last_7_days", "period-dates") == "01/12–07/12/2026"
        assert frame_text(board, "this_month", "period-dates") == "01/12–07/12/2026"
        assert frame_text(board, "today", "period-dates") == "07/12/2026"
        assert POINT in board.title.text()
        assert board.explained.text().startswith(visit) and "<5" in board.explained.text()
        assert board.explained.isVisible()


def test_the_previous_month_is_counted_whole_and_the_next_goes_back(
    qtbot: QtBot, loop: None, tmp_path: Path
) -> None:
    path = tmp_path / "s.sqlite3"
    fill(path, _month_plans())
    for board in board_on(qtbot, path):
        assert not board.next_button.isEnabled()
        assert board.previous_button.minimumSizeHint().height() >= theme.MIN_TARGET_PX
        press(qtbot, board, "previous-month")
        assert period_frame(board, "this_month") is None
        assert frame_text(board, "month", "period-name") == "Tháng 11/2026"
        assert frame_text(board, "month", "period-dates") == "01/11–30/11/2026"
        # 6 visits, shown rounded; the 1 December visit is not in it.
        assert frame_text(board, "month", "figure-visits") == "5"
        assert frame_text(board, "month", "figure-guided") == "5"
        press(qtbot, board, "previous-month")
        assert frame_text(board, "month", "period-name") == "Tháng 10/2026"
        assert frame_text(board, "month", "figure-visits") == "0"
        press(qtbot, board, "next-month")
        press(qtbot, board, "next-month")
        assert frame_text(board, "this_month", "period-name") == "Tháng này"
        assert not board.next_button.isEnabled()


def test_the_guided_profile_is_shown_by_the_disclosure_rule(qtbot: QtBot, loop: None, tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    fill(path, _month_plans())
    for board in board_on(qtbot, path):
        press(qtbot, board, "previous-month")
        profile = frame_text(board, "month", "profile")
        assert "Có ghi thông tin: 5" in profile
        assert "Từ 60 tuổi: 5" in profile
        # 2 need help seeing, 0 are under 60: both read "<5", so neither says who the few were.
        assert "Cần hỗ trợ nhìn: <5" in profile
        assert "Dưới 60 tuổi: <5" in profile
        for count in ("1", "2", "3", "4"):
            assert f": {count}" not in profile
        # Today had no guided visit: no profile to show.
        frame = period_frame(board, "today")
        assert frame is not None and frame.findChild(QLabel, "profile") is None


def test_more_than_eight_lessons_are_all_shown_on_request(qtbot: QtBot, loop: None, tmp_path: Path) -> None:
    lessons = [f"lesson-{n:02d}" for n in range(LESSONS_SHOWN + 2)]
    titles = {lesson: f"Bài {lesson[-2:]}" for lesson in lessons}
    path = tmp_path / "s.sqlite3"
    fill(path, [(at(DAY), PlannedVisit(tutorial=lesson)) for lesson in lessons])
    for board in board_on(qtbot, path, titles=titles):
        assert len(frame_text(board, "today", "lessons").splitlines()) == LESSONS_SHOWN
        frame = period_frame(board, "today")
        assert frame is not None
        button = frame.findChild(QPushButton, "all-lessons")
        assert button is not None and "10" in button.text()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()
        shown = frame_text(board, "today", "lessons").splitlines()
        assert len(shown) == LESSONS_SHOWN + 2
        assert all(line.startswith("<5 — Bài ") for line in shown)


def test_the_chart_bars_carry_their_values_and_the_description_every_day(qtbot: QtBot) -> None:
    window = host_window(qtbot)
    chart = DailyChart(theme.DEFAULT, parent=window)
    days = [(DAY - timedelta(days=29 - n), ("<5", "15", "0", "x", "120")[n % 5]) for n in range(30)]
    chart.set_days(days)
    chart.resize(1300, chart.sizeHint().height())
    wide = chart.value_labels()
    assert [(day, text) for day, text, _where in wide] == days
    for (_d, _t, one), (_d2, _t2, other) in itertools.pairwise(wide):
        assert one.right() < other.left()
        assert one.top() >= 0
    chart.resize(400, chart.sizeHint().height())
    narrow = chart.value_labels()
    # A narrow chart leaves out values that would touch; the accessible description has them all.
    assert 0 < len(narrow) < 30
    for (_d, _t, one), (_d2, _t2, other) in itertools.pairwise(narrow):
        assert one.right() < other.left()
    description = chart.accessibleDescription()
    assert description.count(":") == 30 and "06/12: x, 07/12: 120" in description
    picture = chart.grab()
    assert not picture.isNull()


def test_the_volunteers_pin_saved_is_said_in_words(qtbot: QtBot, loop: None, tmp_path: Path) -> None:
    clock = FakeClock()
    pins = pin_store(tmp_path, clock)
    pins.set_pin(PinRole.ORGANISER, "48291357")
    path = tmp_path / "s.sqlite3"
    fill(path, _month_plans())
    with organiser_screen(qtbot, tmp_path, pins, path) as (_window, screen):
        screen.stack.setCurrentWidget(screen.dashboard)
        screen.dashboard.volunteer_pin_button.click()
        pad = screen.volunteer_pin_setter
        assert screen.stack.currentIndex() == screen.stack.indexOf(pad)
        for attempt in range(2):
            for digit in "736105":
                QTest.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
            if attempt:
                with qtbot.waitSignals([pad.accepted, screen.dashboard.figures_shown], timeout=10000):
                    QTest.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
            else:
                QTest.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
        settle()
        assert screen.stack.currentIndex() == screen.stack.indexOf(screen.dashboard)
        assert pins.check(PinRole.VOLUNTEER, "736105").accepted
        assert not screen.dashboard.saved.isHidden()
        assert screen.dashboard.saved.text() == "Đã lưu mã PIN tình nguyện viên."
        # Leaving the dashboard ends the word.
        with qtbot.waitSignal(screen.export_panel.listed, timeout=10000):
            screen.dashboard.export_button.click()
        with qtbot.waitSignal(screen.dashboard.figures_shown, timeout=10000):
            screen.export_panel.back_button.click()
        assert screen.dashboard.saved.isHidden()
