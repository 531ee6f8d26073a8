"""The hidden way into organiser mode: a long press on the top-left corner, or Ctrl+Alt+O.

The corner is a 96×96 px zone nobody sees. A press there that is released (or moves out)
before 3 s does nothing special: the press reaches the button under it as usual, so a
visitor is never affected. Held for 3 s, the entry opens, and the release that follows is
swallowed so the button under the finger (often Home) is not also pressed.

Mouse events go to the widget under the pointer, not to the window, so this is a stage of the
window's application-wide ``ui.input.pipeline`` and only looks at events for widgets of this
window. It comes before the steady taps, so the release it swallows never counts as a tap.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget

from ui.organiser.look import CORNER_PX, ENTRY_TICK_MS, LONG_PRESS_S

log = logging.getLogger(__name__)

CHORD_KEY = Qt.Key.Key_O
CHORD_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class OrganiserEntry(QObject):
    def __init__(
        self,
        window: QWidget,
        on_enter: Callable[[], None],
        *,
        clock: Callable[[], float] = time.monotonic,
        hold_s: float = LONG_PRESS_S,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._on_enter = on_enter
        self._clock = clock
        self.hold_s = hold_s
        self._pressed_at: float | None = None
        self._swallow_release = False
        self.timer = QTimer(self)
        self.timer.setInterval(ENTRY_TICK_MS)
        self.timer.timeout.connect(self.tick)

    def stop(self) -> None:
        """Forget a press in progress (the window is shutting down)."""
        self._cancel()

    @property
    def corner(self) -> QRect:
        return QRect(0, 0, CORNER_PX, CORNER_PX)

    @property
    def pressing(self) -> bool:
        return self._pressed_at is not None

    def tick(self) -> None:
        """Open once the press has lasted ``hold_s`` (the timer calls this; tests may too)."""
        if self._pressed_at is None or self._clock() - self._pressed_at < self.hold_s:
            return
        self._pressed_at = None
        self._swallow_release = True
        self.timer.stop()
        log.info("organiser mode asked for (long press)")
        self._on_enter()

    def filter(self, watched: QObject, event: QEvent) -> bool:
        """The pipeline's stage: True swallows the chord, and the release after a long press."""
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._on_key(watched, event)
        if kind not in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseMove,
        ) or not isinstance(event, QMouseEvent):
            return False
        if not self._ours(watched):
            return False
        inside = self.corner.contains(self._window.mapFromGlobal(event.globalPosition().toPoint()))
        if kind == QEvent.Type.MouseButtonPress:
            if inside and event.button() == Qt.MouseButton.LeftButton:
                self._pressed_at = self._clock()
                self.timer.start()
            return False
        if kind == QEvent.Type.MouseMove:
            if not inside:
                self._cancel()
            return False
        # The release.
        self._cancel()
        if self._swallow_release:
            self._swallow_release = False
            return True
        return False

    def _on_key(self, watched: QObject, event: QKeyEvent) -> bool:
        if not self._ours(watched) or event.key() != CHORD_KEY:
            return False
        modifiers = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.ShiftModifier
        )
        if modifiers != CHORD_MODIFIERS:
            return False
        log.info("organiser mode asked for (key chord)")
        self._on_enter()
        return True

    def _cancel(self) -> None:
        self._pressed_at = None
        self.timer.stop()

    def _ours(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and watched.window() is self._window
