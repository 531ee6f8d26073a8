"""The hidden way in: only a 3-second press on the top-left corner (or Ctrl+Alt+O) opens it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.clock import FakeClock
from tests.helpers.organiser import host_window
from ui.input.pipeline import InputPipeline, Slot
from ui.organiser.entry import OrganiserEntry


@dataclass
class Corner:
    window: QWidget
    home: QPushButton
    entry: OrganiserEntry
    clock: FakeClock
    entered: list[bool] = field(default_factory=list)
    home_taps: list[bool] = field(default_factory=list)


@pytest.fixture
def corner(qtbot: QtBot) -> Iterator[Corner]:
    window = host_window(qtbot)
    # A button in the corner, as the Home button may be: a short tap must still reach it.
    home = QPushButton("Home", window)
    home.setGeometry(0, 0, 140, 96)
    home.show()
    clock = FakeClock()
    entered: list[bool] = []
    entry = OrganiserEntry(window, lambda: entered.append(True), clock=clock)
    pipeline = InputPipeline(window)
    pipeline.place(Slot.ORGANISER_CORNER, entry)
    state = Corner(window, home, entry, clock, entered)
    home.clicked.connect(lambda: state.home_taps.append(True))
    yield state
    pipeline.remove()
    entry.stop()


def test_a_press_released_before_three_seconds_does_nothing_but_tap(corner: Corner) -> None:
    QTest.mousePress(corner.home, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert corner.entry.pressing
    corner.clock.advance(2.9)
    corner.entry.tick()
    QTest.mouseRelease(corner.home, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert corner.entered == []
    assert corner.home_taps == [True]
    assert not corner.entry.pressing


def test_a_press_held_three_seconds_opens_and_its_release_taps_nothing(corner: Corner) -> None:
    QTest.mousePress(corner.home, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    corner.clock.advance(3.0)
    corner.entry.tick()
    assert corner.entered == [True]
    QTest.mouseRelease(corner.home, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert corner.home_taps == []


def test_the_timer_notices_the_held_press_by_itself(qtbot: QtBot, corner: Corner) -> None:
    QTest.mousePress(corner.home, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    corner.clock.advance(3.2)
    qtbot.waitUntil(lambda: corner.entered == [True], timeout=2000)


def test_a_long_press_outside_the_corner_does_nothing(corner: Corner) -> None:
    QTest.mousePress(corner.home, Qt.MouseButton.LeftButton, pos=QPoint(120, 20))
    corner.clock.advance(10)
    corner.entry.tick()
    QTest.mouseRelease(corner.home, Qt.MouseButton.LeftButton, pos=QPoint(120, 20))
    assert corner.entered == []
    assert corner.home_taps == [True]


def test_ctrl_alt_o_opens_it(corner: Corner) -> None:
    QTest.keyClick(corner.window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert corner.entered == []
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    QTest.keyClick(corner.home, Qt.Key.Key_O, mods)
    assert corner.entered == [True]
