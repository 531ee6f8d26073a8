"""An organiser's first day: the hidden corner, a new PIN, the day's counts, an export to a stick.

The window is a stand-in of the kiosk's size and style (the main window is wired to organiser
mode separately); everything organiser mode does is the real thing: PIN store, database
filled through the VisitRecorder, summarize and ExportJob through ui.runtime.worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.export import verify_export
from kiosk.pins import FREE_TRIES, PinRole
from tests.helpers.clock import FakeClock
from tests.helpers.organiser import filled_database, organiser_screen, pin_store
from tests.helpers.qt import qasync_loop, settle
from ui.input.pipeline import InputPipeline, Slot
from ui.organiser.entry import OrganiserEntry
from ui.organiser.pin_dialog import PinMode, PinPad
from ui.organiser.screen import OrganiserScreen


@pytest.fixture
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


def page_of(screen: OrganiserScreen) -> QWidget | None:
    """Read afresh (a call, so mypy does not keep an earlier narrowing)."""
    return screen.page


def mode_of(pad: PinPad) -> PinMode:
    return pad.mode


def type_pin(pad: PinPad, pin: str) -> None:
    for digit in pin:
        QTest.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    QTest.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)


def tap(widget: object) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[call-overload]
    settle()


def hold_corner(window: object, entry: OrganiserEntry, clock: FakeClock, seconds: float) -> None:
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))  # type: ignore[call-overload]
    clock.advance(seconds)
    entry.tick()
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))  # type: ignore[call-overload]
    settle()


def test_first_day_pin_counts_and_export(qtbot: QtBot, loop: None, tmp_path: Path) -> None:
    clock = FakeClock()
    pins = pin_store(tmp_path, clock)
    database = filled_database(tmp_path / "stats.sqlite3")
    stick = tmp_path / "USB"
    stick.mkdir()
    with organiser_screen(qtbot, tmp_path, pins, database, extra_folders=(stick,)) as (window, screen):
        entry = OrganiserEntry(window, screen.open, clock=clock)
        corner = InputPipeline(window)
        corner.place(Slot.ORGANISER_CORNER, entry)
        # A visitor leaning on the corner for a moment changes nothing.
        hold_corner(window, entry, clock, 2.5)
        assert not screen.isVisible()
        hold_corner(window, entry, clock, 3.0)
        assert screen.isVisible() and page_of(screen) is screen.pin_pad
        pad = screen.pin_pad
        assert mode_of(pad) is PinMode.SET
        assert pad.title.text() == "Đặt mã PIN cho người tổ chức"
        type_pin(pad, "48291357")
        with qtbot.waitSignal(screen.dashboard.figures_shown, timeout=20000):
            type_pin(pad, "48291357")
        assert pins.is_set(PinRole.ORGANISER)
        settle()
        assert page_of(screen) is screen.dashboard
        board = screen.dashboard
        frame_texts = [figure.text() for figure in board.findChildren(type(board.title), "figure-visits")]
        # 3, 5 and 6 visits, shown by the disclosure rule: "<5", then rounded to the nearest 5.
        assert frame_texts == ["<5", "5", "5"]

        panel = screen.export_panel
        with qtbot.waitSignal(panel.listed, timeout=30000):
            tap(board.export_button)
        assert page_of(screen) is panel
        assert panel.chosen() is not None
        with qtbot.waitSignal(panel.finished, timeout=30000) as finished:
            tap(panel.start_button)
        assert panel.status.text().startswith("Đã xuất xong và kiểm tra xong. Có thể rút USB ra an toàn.")
        assert verify_export(finished.args[0]) == []
        tap(panel.back_button)
        tap(board.close_button)
        assert not screen.isVisible()
        corner.remove()
        entry.stop()


def test_wrong_pins_lock_out_and_the_key_chord_opens_the_pad(
    qtbot: QtBot, loop: None, tmp_path: Path
) -> None:
    clock = FakeClock()
    pins = pin_store(tmp_path, clock)
    pins.set_pin(PinRole.ORGANISER, "582914")
    with organiser_screen(qtbot, tmp_path, pins, tmp_path / "stats.sqlite3") as (window, screen):
        assert isinstance(screen, OrganiserScreen)
        entry = OrganiserEntry(window, screen.open, clock=clock)
        corner = InputPipeline(window)
        corner.place(Slot.ORGANISER_CORNER, entry)
        mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        QTest.keyClick(window, Qt.Key.Key_O, mods)
        pad = screen.pin_pad
        assert screen.isVisible() and mode_of(pad) is PinMode.CHECK
        for _ in range(FREE_TRIES):
            type_pin(pad, "1111")
            qtbot.waitUntil(lambda: pad.digit_buttons["1"].isEnabled() or pad.locked, timeout=10000)
        assert pad.message.text() == "Sai quá nhiều lần. Hãy chờ 30 giây rồi thử lại."
        assert page_of(screen) is pad
        tap(pad.cancel_button)
        assert not screen.isVisible()
        corner.remove()
        entry.stop()


def test_the_organiser_sets_the_volunteers_pin_and_a_volunteer_comes_in_the_same_way(
    qtbot: QtBot, loop: None, tmp_path: Path
) -> None:
    clock = FakeClock()
    pins = pin_store(tmp_path, clock)
    pins.set_pin(PinRole.ORGANISER, "582914")
    with organiser_screen(qtbot, tmp_path, pins, tmp_path / "stats.sqlite3", lang="en") as (_window, screen):
        screen.open()
        # No volunteers' PIN yet: the organiser's pad offers no way in for volunteers.
        assert not screen.volunteer_button.isVisible()
        with qtbot.waitSignal(screen.dashboard.figures_shown, timeout=20000):
            type_pin(screen.pin_pad, "582914")
        tap(screen.dashboard.volunteer_pin_button)
        setter = screen.volunteer_pin_setter
        assert page_of(screen) is setter and mode_of(setter) is PinMode.SET
        assert setter.title.text() == "Set the volunteers' PIN"
        # The organiser's own PIN is refused for the volunteers.
        type_pin(setter, "582914")
        type_pin(setter, "582914")
        qtbot.waitUntil(lambda: setter.message.text() != "Checking…", timeout=10000)
        in_use = "That PIN is already used for another role. Please choose a different PIN."
        assert setter.message.text() == in_use
        assert not pins.is_set(PinRole.VOLUNTEER)
        type_pin(setter, "604917")
        with qtbot.waitSignal(screen.dashboard.figures_shown, timeout=20000):
            type_pin(setter, "604917")
        assert pins.is_set(PinRole.VOLUNTEER)
        tap(screen.dashboard.close_button)

        screen.open()
        assert screen.volunteer_button.isVisible()
        tap(screen.volunteer_button)
        pad = screen.volunteer_pad
        assert page_of(screen) is pad and pad.title.text() == "Enter the volunteers' PIN"
        # The organiser's PIN does not open a guided session, and wrong tries lock the pad.
        for _ in range(FREE_TRIES):
            type_pin(pad, "582914")
            qtbot.waitUntil(lambda: pad.digit_buttons["1"].isEnabled() or pad.locked, timeout=10000)
        assert pad.locked and pins.wait_s(PinRole.VOLUNTEER) == 30
        assert pins.wait_s(PinRole.ORGANISER) == 0
        clock.advance(31)
        pad.tick()
        with qtbot.waitSignal(screen.volunteer_accepted, timeout=20000):
            type_pin(pad, "604917")
        assert not screen.isVisible()
