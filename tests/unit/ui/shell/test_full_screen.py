"""In kiosk mode the window goes back to full screen by itself, whatever a window manager does.

Under a window manager with a window menu, "minimise" once left a black screen. The real window
in kiosk mode, shown full screen as ``ui.app`` shows it, on Qt's offscreen platform.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.qt import Kiosk, open_kiosk, settle
from ui.shell.lockdown import RESTORE_DELAY_MS


def full_screen_kiosk(qtbot: QtBot, tmp_path: Path) -> Kiosk:
    kiosk = open_kiosk(qtbot, tmp_path, kiosk_mode=True)
    window = kiosk.window
    window.setGeometry(window.screen().geometry())
    window.showFullScreen()
    assert window.lock is not None
    window.lock.keep_full_screen()
    qtbot.waitUntil(window.lock.full_screen.in_place, timeout=1000)
    settle()
    return kiosk


def on_the_whole_screen(window: QWidget) -> bool:
    return (
        window.isVisible()
        and window.isFullScreen()
        and not window.isMinimized()
        and window.geometry() == window.screen().geometry()
    )


LEAVING: dict[str, Callable[[QWidget], None]] = {
    "minimised": lambda window: window.showMinimized(),
    "hidden": lambda window: window.hide(),
    "made normal": lambda window: window.showNormal(),
    "made smaller": lambda window: window.setGeometry(40, 40, 640, 480),
    "minimised by state": lambda window: window.setWindowState(Qt.WindowState.WindowMinimized),
}


@pytest.mark.parametrize("how", list(LEAVING))
def test_the_window_comes_back_to_full_screen_within_a_second(qtbot: QtBot, tmp_path: Path, how: str) -> None:
    kiosk = full_screen_kiosk(qtbot, tmp_path)
    window = kiosk.window
    assert window.lock is not None
    LEAVING[how](window)
    settle()
    assert not on_the_whole_screen(window), "the change took effect"
    qtbot.waitUntil(lambda: on_the_whole_screen(window), timeout=1000)
    # One restore, not a fight.
    assert window.lock.full_screen.restores == 1
    qtbot.wait(2 * RESTORE_DELAY_MS)
    assert window.lock.full_screen.restores == 1
    assert on_the_whole_screen(window)


def test_once_the_operator_leaves_the_window_stays_as_it_is_put(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = full_screen_kiosk(qtbot, tmp_path)
    window = kiosk.window
    assert window.lock is not None
    window.lock.release()
    window.showMinimized()
    qtbot.wait(2 * RESTORE_DELAY_MS)
    assert window.lock.full_screen.restores == 0
    assert not on_the_whole_screen(window)


def test_outside_kiosk_mode_nothing_keeps_the_window_full_screen(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    assert kiosk.window.lock is None
