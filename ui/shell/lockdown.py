"""Kiosk mode: the visitor cannot leave the app, and the operator leaves only with the organiser PIN.

Close requests (a compositor's close, Alt+F4) are refused. The operator's way out is
Ctrl+Alt+Shift+Q: it opens the organiser's PIN pad (``ui.organiser``), and only the right PIN
(with the same wait after wrong tries as organiser mode) lets the window quit; both the request
and the exit are logged. With no organiser PIN yet, the pad asks for one to be set first, as
organiser mode itself does: whoever could set it there could set it here. A window without
organiser mode (no statistics: screenshots, some tests) has no PIN to ask for, so in kiosk mode
the keys do nothing there; outside kiosk mode there is no lock and the window closes normally.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

OPERATOR_EXIT_KEYS = "Ctrl+Alt+Shift+Q"


class PinGate(Protocol):
    """What asks for the organiser PIN (``ui.organiser.access.OrganiserAccess``)."""

    def ask_to_leave(self, on_accepted: Callable[[], None]) -> None: ...


class KioskLock:
    """Asked by the window before it closes or handles a key; owns the operator's way out."""

    def __init__(
        self,
        window: QWidget,
        on_operator_exit: Callable[[], None],
        *,
        pin_gate: Callable[[], PinGate | None],
    ) -> None:
        self._on_operator_exit = on_operator_exit
        # Read when the keys are pressed: organiser mode is made after the lock.
        self._pin_gate = pin_gate
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
        if not self.locked:
            return
        gate = self._pin_gate()
        if gate is None:
            log.warning(
                "%s ignored: no organiser mode here, so no PIN can let the operator out", OPERATOR_EXIT_KEYS
            )
            return
        log.info("%s pressed: asking for the organiser PIN to leave kiosk mode", OPERATOR_EXIT_KEYS)
        gate.ask_to_leave(self._on_pin_accepted)

    def _on_pin_accepted(self) -> None:
        log.warning("Operator left kiosk mode with the organiser PIN")
        self.release()
        self._on_operator_exit()
