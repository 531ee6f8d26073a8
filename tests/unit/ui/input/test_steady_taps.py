"""Steady taps: a shaky double tap on one button counts once; sliding off a button cancels the tap."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from kiosk.system.settings import Settings
from tests.helpers.qt import Kiosk, open_kiosk, settle
from ui.shell.window import Screen

LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def at_finish(qtbot: QtBot, tmp_path: Path, settings: Settings | None = None) -> tuple[Kiosk, list[str]]:
    """The finish screen, and the faces it announces (the faces do not navigate: no TapGuard)."""
    kiosk = open_kiosk(qtbot, tmp_path, settings=settings)
    kiosk.window.open_tutorial("vneid-install", 2)
    kiosk.window.show_finish()
    settle()
    faces: list[str] = []
    kiosk.window.finish_screen.feedback_given.connect(faces.append)
    return kiosk, faces


def tap(kiosk: Kiosk, button: QAbstractButton, after_s: float) -> None:
    kiosk.clock.advance(after_s)
    QTest.mouseClick(button, LEFT)
    settle()


def test_a_second_tap_on_the_same_button_within_the_window_counts_once(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, faces = at_finish(qtbot, tmp_path)
    easy = kiosk.window.finish_screen.face_buttons["easy"]
    tap(kiosk, easy, 1.0)
    tap(kiosk, easy, 0.3)
    assert faces == ["easy"]
    # Well after the window, it is a new tap.
    tap(kiosk, easy, 0.7)
    assert faces == ["easy", "easy"]


def test_a_burst_of_shaky_taps_counts_once(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, faces = at_finish(qtbot, tmp_path)
    easy = kiosk.window.finish_screen.face_buttons["easy"]
    tap(kiosk, easy, 1.0)
    for _ in range(4):
        # Each under 600 ms after the one before, though the burst lasts 1.6 s.
        tap(kiosk, easy, 0.4)
    assert faces == ["easy"]


@pytest.mark.parametrize(("repeat_tap_ms", "counted"), [(600, ["hard"]), (0, ["hard", "hard"])])
def test_a_quick_double_click_counts_once(
    qtbot: QtBot, tmp_path: Path, repeat_tap_ms: int, counted: list[str]
) -> None:
    """A quick second tap reaches the button as a double-click press: swallowed like any repeat."""
    kiosk, faces = at_finish(qtbot, tmp_path, Settings(repeat_tap_ms=repeat_tap_ms))
    face = kiosk.window.finish_screen.face_buttons["hard"]
    tap(kiosk, face, 1.0)
    kiosk.clock.advance(0.2)
    # What the platform sends for the second tap of a double click (QTest.mouseDClick sends no release).
    centre = QPointF(face.rect().center())
    on_screen = QPointF(face.mapToGlobal(face.rect().center()))
    for kind, held in ((QEvent.Type.MouseButtonDblClick, LEFT), (QEvent.Type.MouseButtonRelease, NO_BUTTON)):
        QApplication.sendEvent(face, QMouseEvent(kind, centre, on_screen, LEFT, held, NO_MODIFIER))
    settle()
    assert faces == counted


def test_taps_on_different_buttons_each_count(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, faces = at_finish(qtbot, tmp_path)
    buttons = kiosk.window.finish_screen.face_buttons
    tap(kiosk, buttons["easy"], 1.0)
    tap(kiosk, buttons["okay"], 0.2)
    assert faces == ["easy", "okay"]


def test_a_doubled_enter_counts_once(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, faces = at_finish(qtbot, tmp_path)
    window = kiosk.window
    window.keys.focus(window.finish_screen.face_buttons["okay"])
    for after_s in (1.0, 0.3):
        kiosk.clock.advance(after_s)
        QTest.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert faces == ["okay"]


def test_the_window_comes_from_the_settings(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, faces = at_finish(qtbot, tmp_path, Settings(repeat_tap_ms=0))
    easy = kiosk.window.finish_screen.face_buttons["easy"]
    tap(kiosk, easy, 1.0)
    tap(kiosk, easy, 0.1)
    assert faces == ["easy", "easy"]


def test_a_doubled_next_longer_than_the_tap_guard_still_counts_once(qtbot: QtBot, tmp_path: Path) -> None:
    """TapGuard lets a second navigation through after 0.5 s; the same button within 0.6 s is still one."""
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.window.open_tutorial("vneid-install")
    next_button = kiosk.window.player_screen.next_button
    tap(kiosk, next_button, 1.0)
    tap(kiosk, next_button, 0.55)
    assert kiosk.window.session.step_index == 1


def slide_off(button: QAbstractButton) -> None:
    """Press inside, move out, release outside: the way a finger slides off a button."""
    inside = button.rect().center()
    outside = QPoint(button.width() + 40, inside.y())
    QTest.mousePress(button, LEFT, Qt.KeyboardModifier.NoModifier, inside)
    QTest.mouseMove(button, outside)
    QTest.mouseRelease(button, LEFT, Qt.KeyboardModifier.NoModifier, outside)
    settle()


def test_sliding_off_a_button_cancels_the_tap(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    start = kiosk.window.start_screen.start_button
    kiosk.clock.advance(1.0)
    slide_off(start)
    assert kiosk.screen() is Screen.START
    # ... and a cancelled tap is no tap: the next real one, at once, counts.
    kiosk.tap(start, after_s=0.1)
    assert kiosk.screen() is Screen.LANGUAGE


@pytest.mark.parametrize("slide", [False, True])
def test_a_touch_taps_on_release_inside_and_sliding_off_cancels(
    qtbot: QtBot, tmp_path: Path, slide: bool
) -> None:
    """Touch reaches the buttons as mouse events Qt synthesises: the same rules hold."""
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    start = window.start_screen.start_button
    inside = start.mapTo(window, start.rect().center())
    outside = start.mapTo(window, QPoint(start.width() + 40, start.height() // 2))
    device = QTest.createTouchDevice()
    kiosk.clock.advance(1.0)
    QTest.touchEvent(window, device).press(0, inside, window).commit()
    if slide:
        QTest.touchEvent(window, device).move(0, outside, window).commit()
    end = outside if slide else inside
    QTest.touchEvent(window, device).release(0, end, window).commit()
    settle()
    assert kiosk.screen() is (Screen.START if slide else Screen.LANGUAGE)
