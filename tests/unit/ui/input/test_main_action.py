"""Every visitor screen and overlay opens with its main action focused, the focus ring showing.

A number pad has no Tab: 8/2/5 must work the moment a screen opens. The scenes are those of
``kiosk screenshots`` (every visitor screen, overlay and print message), on the real window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from tests.helpers.qt import Kiosk, open_kiosk, settle
from ui.tools.screenshots import scenes
from ui.widgets.focus_order import MAIN_ACTION, Walk, active_layer


def opened(qtbot: QtBot, tmp_path: Path) -> Kiosk:
    kiosk = open_kiosk(qtbot, tmp_path)
    qtbot.waitUntil(lambda: kiosk.window.first_paint_done)
    kiosk.window.activateWindow()
    settle()
    return kiosk


def test_every_screen_of_the_screenshots_opens_on_its_main_action(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = opened(qtbot, tmp_path)
    window = kiosk.window
    seen: dict[str, str] = {}
    for name, set_up in scenes(window, window._catalogue):
        window.return_to_start()
        settle()
        set_up()
        settle()
        focus = QApplication.focusWidget()
        assert isinstance(focus, QAbstractButton), name
        assert focus is window.focusWidget(), name
        assert focus.property(MAIN_ACTION) is True, (name, focus.text())
        assert focus.isVisible(), name
        # It is on the layer on top (a panel's OK, not a button under it) and its ring shows.
        assert focus in Walk(active_layer(window)).controls, name
        assert window.keys.rings.ring_of(focus).isVisible(), name
        seen[name] = focus.text()
    assert seen["01-start"] == window.start_screen.start_button.text()
    assert seen["08-idle"] == window.idle_overlay.continue_button.text()
    assert seen["09-comfort"] == window.comfort_panel.done_button.text()
    assert seen["12-finish-print-failed"] == window.finish_screen.print_panel.ok_button.text()


def test_help_opens_on_close_and_gives_the_focus_back(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = opened(qtbot, tmp_path)
    window = kiosk.window
    window.open_tutorial("vneid-install")
    settle()
    player = window.player_screen
    assert window.focusWidget() is player.next_button
    window.keys.press_key(Qt.Key.Key_Left)
    settle()
    moved = window.focusWidget()
    assert moved is not player.next_button
    window.keys.press_key(Qt.Key.Key_F2)
    settle()
    assert window.focusWidget() is window.keys.help_overlay.close_button
    window.keys.press_key(Qt.Key.Key_Escape)
    settle()
    assert window.focusWidget() is moved


def test_closing_the_comfort_panel_gives_the_focus_back_to_text_size(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = opened(qtbot, tmp_path)
    window = kiosk.window
    window.open_tutorial("vneid-install")
    settle()
    window.keys.focus(window.top_bar.comfort_button)
    kiosk.clock.advance(1.0)
    window.keys.press_key(Qt.Key.Key_Return)
    settle()
    assert window.comfort_panel.isVisible()
    assert window.focusWidget() is window.comfort_panel.done_button
    kiosk.clock.advance(1.0)
    window.keys.press_key(Qt.Key.Key_Escape)
    settle()
    assert not window.comfort_panel.isVisible()
    assert window.focusWidget() is window.top_bar.comfort_button
