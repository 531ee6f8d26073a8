"""Steady taps: a control tapped again within ``repeat_tap_ms`` of its last tap counts once.

A hand with a tremor often lands twice on the same button. ``ui.input.tap_guard.TapGuard`` already
drops a second *navigation* within half a second, whichever button it comes from: it is what
stops a doubled tap on "Start" from landing on the tile that appears under the finger. It
only sees the window's navigation slots, though, so a doubled tap on a button that does not
navigate (Print, a feedback face, a text size, a PIN digit) went through twice. This stage
complements it, per control and for every button: the second press on the *same* button is
swallowed, with its release, before the button sees it. Each tap, counted or not, restarts
the wait, so a burst of shaky taps counts once.

A tap still activates on release inside the control: ``QAbstractButton`` clicks only when
the release is inside, so sliding off cancels (touch reaches buttons as mouse events that Qt
synthesises, which pass through this same stage). Keys ask ``allow`` before pressing, so a
doubled Enter counts once too. Time comes from the window's injected clock.

It is the last stage of the window's ``ui.input.pipeline``: it judges only the presses no other
stage has taken (a first touch of touch and hear never makes the next one look like a repeat).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

log = logging.getLogger(__name__)

# A second tap on a button arrives as a double-click when it is quick: a press all the same.
_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick})
# Every event of the application passes this stage: the test for the few it reads comes first.
_WATCHED = _PRESSES | {QEvent.Type.MouseButtonRelease}


class SteadyTaps(QObject):
    def __init__(self, window: QWidget, clock: Callable[[], float], repeat_tap_ms: int) -> None:
        super().__init__(window)
        self._window = window
        self._clock = clock
        self.window_s = repeat_tap_ms / 1000
        self._last: QAbstractButton | None = None
        self._last_at = 0.0
        # The button whose repeated press was swallowed: its release goes too.
        self._swallowing: QAbstractButton | None = None

    def allow(self, control: QAbstractButton) -> bool:
        """True for a deliberate tap (or key press) on ``control``; False for a repeat of the last."""
        repeat = self.is_repeat(control)
        self._note_tap(control)
        if repeat:
            log.debug("Ignored a repeated tap on %r", control.accessibleName())
        return not repeat

    def is_repeat(self, control: QAbstractButton) -> bool:
        elapsed = self._clock() - self._last_at
        return control is self._last and 0 <= elapsed < self.window_s

    def _note_tap(self, control: QAbstractButton) -> None:
        self._last = control
        self._last_at = self._clock()

    def filter(self, watched: QObject, event: QEvent) -> bool:
        """The pipeline's stage: True swallows a repeated press and its release."""
        kind = event.type()
        if kind not in _WATCHED:
            return False
        if not isinstance(watched, QAbstractButton) or not isinstance(event, QMouseEvent):
            return False
        if event.button() != Qt.MouseButton.LeftButton or watched.window() is not self._window:
            return False
        if kind == QEvent.Type.MouseButtonRelease:
            if self._swallowing is watched:
                self._swallowing = None
                self._note_tap(watched)
                return True
            if watched.isDown() and watched.rect().contains(event.position().toPoint()):
                # The button clicks on this release: the tap that counts.
                self._note_tap(watched)
            return False
        if self.is_repeat(watched):
            log.debug("Ignored a repeated tap on %r", watched.accessibleName())
            self._swallowing = watched
            return True
        self._swallowing = None
        return False
