"""Kiosk mode: the visitor cannot leave the app.

Close requests (a compositor's close, Alt+F4) are refused. How an operator leaves kiosk
mode for now: Ctrl+Alt+Shift+Q, which is logged; an organiser PIN replaces it in a later
issue. A visitor cannot find it by accident, and it needs a keyboard the kiosk does not show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

OPERATOR_EXIT_KEYS = "Ctrl+Alt+Shift+Q"


class KioskLock:
    """Asked by the window before it closes or handles a key; owns the operator's way out."""

    def __init__(self, window: QWidget, on_operator_exit: Callable[[], None]) -> None:
        self._on_operator_exit = on_operator_exit
        self.locked = True
        self.exit_shortcut = QShortcut(QKeySequence(OPERATOR_EXIT_KEYS), window)
        self.exit_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.exit_shortcut.activated.connect(self._on_exit_shortcut_activated)

    def release(self) -> None:
        """Let the window close (operator exit, shutdown, tests)."""
        self.locked = False

    def refuses_close(self) -> bool:
        if self.locked:
            log.info("Close request ignored in kiosk mode")
        return self.locked

    def swallows(self, event: QKeyEvent) -> bool:
        """True for the keys a visitor could use to leave (Alt+F4)."""
        if (
            self.locked
            and event.key() == Qt.Key.Key_F4
            and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            log.info("Alt+F4 ignored in kiosk mode")
            return True
        return False

    def _on_exit_shortcut_activated(self) -> None:
        log.warning("Operator left kiosk mode with %s", OPERATOR_EXIT_KEYS)
        self.release()
        self._on_operator_exit()
