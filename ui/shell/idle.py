"""Noticing that the visitor has gone: "Are you still there?", then a reset.

The first stage of the window's ``ui.input.pipeline`` marks every touch, click and key press as
activity, even one a later stage swallows (a first touch of touch and hear). A timer only
*polls*: all time comes from the injected clock, so tests move a fake clock
forward and call ``tick()`` instead of sleeping.

"I am trying on my phone" (``pause_for_phone()``) holds the visit for ``phone_pause_s``: a
clock counts down on screen, any touch ends it (``resume()``), and at its end the question
comes again, with its full countdown: a visit is never reset without being asked first.
"""

from __future__ import annotations

import enum
import logging
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from ui.look import theme

log = logging.getLogger(__name__)

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdleState(enum.Enum):
    ACTIVE = "active"
    # The question is on screen and the countdown runs.
    WARNING = "warning"
    # "I am trying on my phone": the visit is held, a clock counts down.
    PHONE = "phone"


class IdleWatcher(QObject):
    # Seconds left to answer, when the question appears and each time the number changes.
    warning_started = Signal(int)
    countdown_changed = Signal(int)
    # No answer in time: the visit must be reset.
    expired = Signal()
    # Seconds left of "I am trying on my phone", when it starts and each time the number changes.
    phone_pause_changed = Signal(int)

    def __init__(
        self,
        clock: Callable[[], float],
        *,
        timeout_s: float,
        answer_s: float,
        phone_pause_s: float = 300,
        armed: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.timeout_s = timeout_s
        self.answer_s = answer_s
        self.phone_pause_s = phone_pause_s
        self._armed = armed
        self.state = IdleState.ACTIVE
        self._last_input = clock()
        self._warning_since = 0.0
        self._phone_since = 0.0
        self._shown_seconds = -1
        self._timer = QTimer(self)
        self._timer.setInterval(theme.IDLE_TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        # Between start() and stop(): input counts.
        self._watching = False

    def start(self) -> None:
        self._watching = True
        self._last_input = self._clock()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._watching = False

    def filter(self, watched: QObject, event: QEvent) -> bool:
        """The pipeline's stage: input notes the visitor is there; nothing is swallowed."""
        if self._watching and event.type() in _INPUT_EVENTS and self.state is IdleState.ACTIVE:
            self._last_input = self._clock()
        return False

    def note_activity(self) -> None:
        """Count as input (e.g. a keypad or a volunteer action that bypasses the pipeline)."""
        if self.state is IdleState.ACTIVE:
            self._last_input = self._clock()

    def seconds_left(self) -> int:
        """Whole seconds left to answer, rounded up so "0" shows only at the very end."""
        if self.state is not IdleState.WARNING:
            return math.ceil(self.answer_s)
        remaining = self.answer_s - (self._clock() - self._warning_since)
        return max(0, math.ceil(remaining))

    def phone_seconds_left(self) -> int:
        """Whole seconds left of "I am trying on my phone" (all of it when it is not running)."""
        if self.state is not IdleState.PHONE:
            return math.ceil(self.phone_pause_s)
        remaining = self.phone_pause_s - (self._clock() - self._phone_since)
        return max(0, math.ceil(remaining))

    def pause_for_phone(self) -> None:
        """ "I am trying on my phone": hold the visit for ``phone_pause_s``, then ask again."""
        self.state = IdleState.PHONE
        self._phone_since = self._clock()
        self._shown_seconds = self.phone_seconds_left()
        log.info("Visitor is trying on their phone; the visit is held for %.0f s", self.phone_pause_s)
        self.phone_pause_changed.emit(self._shown_seconds)

    def resume(self) -> None:
        """The visitor answered "Continue" (or touched the phone clock): the wait starts again."""
        if self.state is IdleState.WARNING:
            log.info("Visitor is still here; idle warning dismissed")
        elif self.state is IdleState.PHONE:
            log.info("Visitor is back from their phone after %.0f s", self._clock() - self._phone_since)
        self.state = IdleState.ACTIVE
        self._last_input = self._clock()

    def _on_timer_timeout(self) -> None:
        self.tick()

    def tick(self) -> None:
        now = self._clock()
        if self.state is IdleState.PHONE:
            self._tick_phone(now)
            return
        if self.state is IdleState.ACTIVE:
            if not self._armed():
                self._last_input = now
                return
            if now - self._last_input >= self.timeout_s:
                log.info(
                    "No input for %.0f s; asking whether the visitor is still there", now - self._last_input
                )
                self._warn(now)
            return
        left = self.seconds_left()
        if left <= 0:
            log.info("No answer within %.0f s; resetting the visit", self.answer_s)
            self.state = IdleState.ACTIVE
            self._last_input = now
            self.expired.emit()
        elif left != self._shown_seconds:
            self._shown_seconds = left
            self.countdown_changed.emit(left)

    def _tick_phone(self, now: float) -> None:
        left = self.phone_seconds_left()
        if left <= 0:
            log.info(
                "The phone pause of %.0f s is over; asking whether the visitor is still there",
                self.phone_pause_s,
            )
            self._warn(now)
        elif left != self._shown_seconds:
            self._shown_seconds = left
            self.phone_pause_changed.emit(left)

    def _warn(self, now: float) -> None:
        self.state = IdleState.WARNING
        self._warning_since = now
        self._shown_seconds = self.seconds_left()
        self.warning_started.emit(self._shown_seconds)
