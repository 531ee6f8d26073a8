"""Kiosk mode: the visitor cannot leave the app, and the operator leaves only with the organiser PIN.

Close requests (a compositor's close, Alt+F4) are refused. The operator's way out is
Ctrl+Alt+Shift+Q: it opens the organiser's PIN pad (``ui.organiser``), and only the right PIN
(with the same wait after wrong tries as organiser mode) lets the window quit; both the request
and the exit are logged. With no organiser PIN yet, the pad asks for one to be set first, as
organiser mode itself does: whoever could set it there could set it here. A window without
organiser mode (no statistics: screenshots, some tests) has no PIN to ask for, so in kiosk mode
the keys do nothing there; outside kiosk mode there is no lock and the window closes normally.

The window also stays full screen whatever a window manager does to it (its window menu's
"minimise" once left a black screen): once shown full screen (``keep_full_screen``), whenever it
is minimised, hidden, made not full screen or moved off the screen's geometry, it puts itself
back, its geometry set to the screen's first and then ``showFullScreen``, as at start-up. The
restore waits ``RESTORE_DELAY_MS``, and several changes in that time make one restore, so it
never fights a window manager in a tight loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

log = logging.getLogger(__name__)

OPERATOR_EXIT_KEYS = "Ctrl+Alt+Shift+Q"
# How long after a window manager's change the window puts itself back: long enough for the
# change to finish (and to make one restore of several), short enough that nobody waits.
RESTORE_DELAY_MS = 250
# The first restores are logged; a window manager that keeps taking the window away would
# otherwise fill the log (the restores go on, RESTORE_DELAY_MS apart).
_LOGGED_RESTORES = 20
# Platforms with no stacking of windows to raise in (they warn when asked: tests, screenshots).
_NO_STACKING = ("offscreen", "minimal")
# What a window manager may do to the kiosk window that the kiosk undoes.
_WATCHED = (
    QEvent.Type.WindowStateChange,
    QEvent.Type.Hide,
    QEvent.Type.Move,
    QEvent.Type.Resize,
    QEvent.Type.Expose,
)


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
        self.full_screen = FullScreenKeeper(window, lambda: self.locked)

    def keep_full_screen(self) -> None:
        """The window is shown full screen: from now on it goes back to full screen by itself."""
        self.full_screen.start()

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


class FullScreenKeeper(QObject):
    """Puts the kiosk window back to full screen on the whole screen whenever it leaves it."""

    def __init__(self, window: QWidget, locked: Callable[[], bool]) -> None:
        super().__init__(window)
        self._window = window
        self._locked = locked
        self.watching = False
        self.restores = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RESTORE_DELAY_MS)
        self._timer.timeout.connect(self.restore)

    def start(self) -> None:
        if not self.watching:
            self.watching = True
            self._window.installEventFilter(self)
            # An unmapped window (withdrawn by another X client) is only seen as not exposed.
            handle = self._window.windowHandle()
            if handle is not None:
                handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isValid(self._window):
            # The window is being destroyed (its platform window goes last).
            return False
        if event.type() in _WATCHED and self._locked() and not self._timer.isActive() and not self.in_place():
            self._timer.start()
        return False

    def in_place(self) -> bool:
        """Whether the window is shown, full screen, not minimised, over the whole of its screen."""
        window = self._window
        handle = window.windowHandle()
        return (
            window.isVisible()
            and (handle is None or handle.isExposed())
            and window.isFullScreen()
            and not window.isMinimized()
            and window.geometry() == window.screen().geometry()
        )

    def restore(self) -> None:
        if not self._locked() or self.in_place():
            return
        window = self._window
        self.restores += 1
        if self.restores <= _LOGGED_RESTORES:
            log.warning("The kiosk window left full screen (state %s): putting it back", window.windowState())
        handle = window.windowHandle()
        if window.isVisible() and handle is not None and not handle.isExposed():
            # Unmapped behind Qt's back: only showing it again maps it.
            window.hide()
        state = window.windowState() & ~Qt.WindowState.WindowMinimized
        window.setWindowState(state | Qt.WindowState.WindowFullScreen)
        # As at start-up: no window manager may place it, so the screen's geometry first.
        window.setGeometry(window.screen().geometry())
        window.showFullScreen()
        if QGuiApplication.platformName() not in _NO_STACKING:
            window.raise_()
        window.activateWindow()
