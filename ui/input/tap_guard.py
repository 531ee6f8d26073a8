"""Shaky hands tap twice: a second navigation tap right after the first is dropped.

Without it a doubled tap on "Next" skips a step, and a doubled tap on "Start" lands on
whatever tile appears under the finger. Time comes from the window's injected clock, so
tests control it like the idle timer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ui.look import theme

log = logging.getLogger(__name__)


class TapGuard:
    def __init__(self, clock: Callable[[], float], window_s: float = theme.TAP_GUARD_S) -> None:
        self._clock = clock
        self._window_s = window_s
        self._last: float | None = None

    def allow(self) -> bool:
        """True for a deliberate tap; False for one too soon after the last allowed tap."""
        now = self._clock()
        if self._last is not None and 0 <= now - self._last < self._window_s:
            log.debug("Ignored a repeated tap %.2f s after the last one", now - self._last)
            return False
        self._last = now
        return True
