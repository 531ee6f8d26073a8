"""Touch and hear, for a visitor who cannot read the buttons: touch once to hear, again to press.

The first touch on a button says its name and does nothing else; a second touch on the same
button within ``theme.TOUCH_AND_HEAR_CONFIRM_S`` presses it (later, it says the name again).
``ui.narration.control.NarrationControl`` hands it the presses and releases its stage of the
window's ``ui.input.pipeline`` sees, while reading aloud and "touch and hear" are on.

That stage is asked before ``ui.input.steady_taps.SteadyTaps``, so a first touch swallowed here
never reaches SteadyTaps and cannot make the confirming touch look like a shaky repeat of it,
and after the idle watcher's, so a swallowed touch still counts as the visitor being there. A
shaky hand's second landing within SteadyTaps' own window is swallowed here as part of the
first touch, and restarts the wait, as SteadyTaps does. A swallowed press takes its release
with it, so the button is never left down.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton

from ui.look import theme


class TouchAndHear:
    def __init__(
        self,
        clock: Callable[[], float],
        repeat_s: float,
        *,
        say: Callable[[QAbstractButton], None],
    ) -> None:
        self._clock = clock
        self._repeat_s = repeat_s
        self._say = say
        # The button whose name was said, and when.
        self._armed: QAbstractButton | None = None
        self._armed_at = 0.0
        # The button whose press was swallowed: its release goes too.
        self._swallowing: QAbstractButton | None = None

    def forget(self) -> None:
        """A new visit, or "touch and hear" turned off or on: the next touch is a first touch."""
        self._armed = None

    def swallows(self, control: QAbstractButton, event: QMouseEvent, *, listening: bool) -> bool:
        """Whether this press or release on ``control`` goes no further (``listening``: hear touches now)."""
        if event.type() == QEvent.Type.MouseButtonRelease:
            if self._swallowing is control:
                self._swallowing = None
                return True
            return False
        if not listening:
            return False
        now = self._clock()
        elapsed = now - self._armed_at
        if control is self._armed and 0 <= elapsed < theme.TOUCH_AND_HEAR_CONFIRM_S:
            if elapsed >= self._repeat_s:
                self._armed = None
                return False
            # A shaky hand's second landing on the first touch: part of it, and it restarts the wait.
            self._armed_at = now
            self._swallowing = control
            return True
        self._armed = control
        self._armed_at = now
        self._swallowing = control
        self._say(control)
        return True
