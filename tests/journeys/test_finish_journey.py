"""The finish screen: one way home, Page Down (the number pad's 3) does its main action, and
the window's title follows the visitor's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.system.settings import Settings
from tests.helpers.qt import Kiosk, open_kiosk, settle
from ui.screens.kind import Screen
from ui.widgets.common import BigButton
from ui.widgets.icons import Icon

POINT = "Điểm hỗ trợ kỹ năng số xã Tân Phú"


def _to_finish(kiosk: Kiosk, lang: str = "vi") -> None:
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles[lang])
    kiosk.tap(window.catalogue_screen.tiles["vneid-install"])
    for _ in range(3):
        kiosk.tap(window.player_screen.next_button)
    assert kiosk.screen() is Screen.FINISH


def test_the_finish_screen_has_one_home_button(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    _to_finish(kiosk)
    window = kiosk.window
    finish = window.finish_screen
    homes = [
        button
        for button in window.findChildren(BigButton)
        if button.isVisible() and button.icon_view is not None and button.icon_view.icon is Icon.HOME
    ]
    # The finish screen's own end button is the one way home; the top bar's Home is hidden.
    assert homes == [finish.end_button] and finish.end_button.text() == "Kết thúc"
    assert not window.top_bar.home_button.isVisible()
    # The top bar keeps its shape: the text size button has not moved.
    comfort_at = window.top_bar.comfort_button.mapTo(window, window.top_bar.comfort_button.rect().topLeft())
    kiosk.tap(finish.back_button)
    assert window.top_bar.home_button.isVisible()
    assert (
        window.top_bar.comfort_button.mapTo(window, window.top_bar.comfort_button.rect().topLeft())
        == comfort_at
    )


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_3, Qt.KeyboardModifier.KeypadModifier),
    ],
)
def test_page_down_on_the_finish_screen_ends_the_visit(
    qtbot: QtBot, tmp_path: Path, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    _to_finish(kiosk)
    window = kiosk.window
    kiosk.clock.advance(1.0)
    QTest.keyClick(window, key, modifiers)
    settle()
    # Its main action, "Kết thúc" (end the visit), as a tap on it would.
    assert kiosk.screen() is Screen.START
    assert window.session.is_pristine


def test_the_window_title_follows_the_language(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, settings=Settings(point_name=POINT))
    window = kiosk.window
    assert window.windowTitle() == POINT
    window.session.choose_language("en")
    assert window.windowTitle() == f"Digital-literacy point — {POINT}"
    window.return_to_start()
    assert window.windowTitle() == POINT
