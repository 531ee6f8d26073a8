"""The first keyboard steps: Tab and Enter press buttons, arrows move through a tutorial."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.helpers.qt import Kiosk, open_kiosk, settle
from ui.main_window import Screen


def _key(kiosk: Kiosk, key: Qt.Key) -> None:
    kiosk.clock.advance(1.0)
    target = kiosk.window.focusWidget() or kiosk.window
    QTest.keyClick(target, key)
    settle()


def test_no_button_shows_a_focus_ring_until_the_keys_are_used(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.tap(kiosk.window.start_screen.start_button)
    assert kiosk.window.focusWidget() in (None, kiosk.window)


def test_arrows_move_through_the_steps(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.window.open_tutorial("vneid-install")
    _key(kiosk, Qt.Key.Key_Right)
    _key(kiosk, Qt.Key.Key_Right)
    assert kiosk.window.session.step_index == 2
    _key(kiosk, Qt.Key.Key_Left)
    assert kiosk.window.session.step_index == 1
    _key(kiosk, Qt.Key.Key_Right)
    _key(kiosk, Qt.Key.Key_Right)
    assert kiosk.screen() is Screen.FINISH


def test_tab_and_enter_press_the_focused_button(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    window.start_screen.start_button.setFocus(Qt.FocusReason.TabFocusReason)
    _key(kiosk, Qt.Key.Key_Return)
    assert kiosk.screen() is Screen.LANGUAGE


def test_enter_answers_the_idle_question(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.tap(kiosk.window.start_screen.start_button)
    kiosk.wait_idle(kiosk.window.idle_watcher.timeout_s)
    assert kiosk.window.idle_overlay.isVisible()
    QTest.keyClick(kiosk.window, Qt.Key.Key_Return)
    settle()
    assert not kiosk.window.idle_overlay.isVisible()
    assert kiosk.screen() is Screen.LANGUAGE
