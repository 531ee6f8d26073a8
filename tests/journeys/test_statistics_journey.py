"""What a visit leaves behind: one anonymous row per visit and per tutorial run, in the real window.

The window records through the statistics the kiosk opens at start-up (a real SQLite file in
the test's data dir, opened on the background thread after the first paint); the rows are
read back with SQLAlchemy after the recorder has committed them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.pins import PinRole, PinStore
from kiosk.stats.models import StepTime, TutorialRun, Visit
from kiosk.stats.service import Statistics
from tests.helpers.printing import RecordingPrinter
from tests.helpers.qt import Kiosk, open_kiosk, qasync_loop, settle
from ui.organiser.pin_dialog import PinMode
from ui.shell.window import Screen

WAIT_MS = 30_000


@pytest.fixture(autouse=True)
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


def statistics_of(kiosk: Kiosk) -> Statistics:
    statistics = kiosk.window.statistics
    assert statistics is not None
    return statistics


def recorded(kiosk: Kiosk) -> tuple[list[Visit], list[TutorialRun], list[StepTime]]:
    statistics = statistics_of(kiosk)
    recorder, database = statistics.recorder(), statistics.database()
    assert recorder is not None and database is not None
    assert recorder.flush(30)
    with database.reading() as session:
        visits = list(session.scalars(select(Visit).order_by(Visit.id)))
        runs = list(session.scalars(select(TutorialRun).order_by(TutorialRun.id)))
        steps = list(session.scalars(select(StepTime).order_by(StepTime.step_number)))
    return visits, runs, steps


def choose(kiosk: Kiosk, lang: str) -> None:
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles[lang])


def test_a_finished_tutorial_is_recorded_with_its_feedback(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    choose(kiosk, "en")
    window.open_tutorial("vneid-install")
    steps = len(window._catalogue.tutorial("vneid-install").steps)
    for _ in range(steps):
        kiosk.tap(window.player_screen.next_button, after_s=7.0)
    assert kiosk.screen() is Screen.FINISH
    kiosk.tap(window.finish_screen.face_buttons["easy"])
    kiosk.tap(window.finish_screen.end_button)
    assert kiosk.screen() is Screen.START

    visits, runs, step_times = recorded(kiosk)
    assert [(v.language, v.mode, v.end_reason, v.feedback) for v in visits] == [("en", "self", "finished", 3)]
    assert visits[0].ended_at is not None
    assert [(r.tutorial_id, r.completed, r.furthest_step, r.steps_total, r.qr_shown) for r in runs] == [
        ("vneid-install", True, steps, steps, True)
    ]
    assert [t.step_number for t in step_times] == list(range(1, steps + 1))
    assert all(t.seconds == 7 for t in step_times)


def test_home_and_idle_end_visits_with_their_reason(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    choose(kiosk, "vi")
    window.open_tutorial("vneid-install")
    kiosk.tap(window.player_screen.next_button)
    kiosk.tap(window.top_bar.home_button)
    choose(kiosk, "vi")
    kiosk.wait_idle(window.idle_watcher.timeout_s + 1)
    kiosk.wait_idle(window.idle_watcher.answer_s + 1)
    assert kiosk.screen() is Screen.START

    visits, runs, _ = recorded(kiosk)
    assert [(v.language, v.end_reason) for v in visits] == [("vi", "home"), ("vi", "idle")]
    assert [(r.completed, r.furthest_step) for r in runs] == [(False, 2)]


def test_a_handout_printed_from_the_topics_is_counted(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    printer = RecordingPrinter()
    window.handout_printer.use_service(printer)
    choose(kiosk, "vi")
    tile_print = window.catalogue_screen.print_buttons["vneid-install"]
    with qtbot.waitSignal(window.handout_printer.state_changed, timeout=WAIT_MS):
        kiosk.tap(tile_print)
    qtbot.waitUntil(lambda: len(printer.calls) == 1, timeout=WAIT_MS)
    settle()
    kiosk.tap(window.top_bar.home_button)

    visits, runs, _ = recorded(kiosk)
    assert len(visits) == 1
    assert [(r.tutorial_id, r.handout_printed, r.completed) for r in runs] == [("vneid-install", True, False)]


def test_the_organiser_sees_the_days_visits_and_idle_closes_the_dashboard(
    qtbot: QtBot, tmp_path: Path
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    for _ in range(2):
        choose(kiosk, "vi")
        kiosk.tap(window.top_bar.home_button)
    organiser = window.organiser
    assert organiser is not None

    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    QTest.keyClick(window, Qt.Key.Key_O, chord)
    screen = organiser.screen
    assert screen.isVisible() and screen.page is screen.pin_pad
    pad = screen.pin_pad
    assert pad.mode is PinMode.SET
    with qtbot.waitSignal(screen.dashboard.figures_shown, timeout=WAIT_MS):
        for _ in range(2):
            for digit in "48291357":
                QTest.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
            QTest.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
            settle()
    assert PinStore().is_set(PinRole.ORGANISER)
    board = screen.dashboard
    today = board.findChildren(type(board.title), "figure-visits")[0]
    # Two visits today: a count below 5 reads "<5" on the dashboard too.
    assert today.text() == "<5"

    # Left open, organiser mode closes itself like a visit: nobody else reads the figures.
    kiosk.wait_idle(window.idle_watcher.timeout_s + 1)
    kiosk.wait_idle(window.idle_watcher.answer_s + 1)
    assert not screen.isVisible()
    assert kiosk.screen() is Screen.START
