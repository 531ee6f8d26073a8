"""The start screen comes first: the other screens are built after it is painted, or when needed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.system.settings import Settings
from tests.helpers.catalogue import make_catalogue
from tests.helpers.clock import FakeClock
from tests.helpers.qt import SCREEN_SIZE, ui_text
from ui.overlays.comfort import ComfortPanel
from ui.overlays.idle_question import IdleOverlay
from ui.runtime.qt_setup import load_fonts
from ui.screens.catalogue import CatalogueScreen
from ui.screens.finish import FinishScreen
from ui.screens.language import LanguageScreen
from ui.screens.player import PlayerScreen
from ui.shell.window import MainWindow, Screen

_LATER = (LanguageScreen, CatalogueScreen, PlayerScreen, FinishScreen, ComfortPanel, IdleOverlay)


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    load_fonts()
    window = MainWindow(
        settings=Settings(),
        catalogue=make_catalogue(tmp_path),
        ui_text=ui_text(),
        kiosk_mode=False,
        clock=FakeClock(),
    )
    qtbot.addWidget(window, before_close_func=lambda _widget: window.shutdown())
    window.resize(*SCREEN_SIZE)
    return window


def _built(window: MainWindow) -> list[type]:
    return [kind for kind in _LATER if window.findChild(kind) is not None]


def test_only_the_start_screen_is_built_before_the_first_paint(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    assert _built(window) == []
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: _built(window) == list(_LATER))
    assert window.current is Screen.START
    assert window.start_screen.isVisible()
    assert not window.comfort_panel.isVisible()
    assert not window.idle_overlay.isVisible()


def test_a_tap_before_the_other_screens_are_built_still_opens_the_next_screen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    window.show()
    assert _built(window) == []
    QTest.mouseClick(window.start_screen.start_button, Qt.MouseButton.LeftButton)
    assert window.current is Screen.LANGUAGE
    assert window.language_screen.isVisible()
    assert window.language_screen.tiles["en"].text() == "English"
