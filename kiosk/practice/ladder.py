"""What a miss brings: never a failure, and never a score.

1st miss: the step's hint ("look for the red button at the bottom"), spoken when narration is on.
2nd miss: the target pulses. 3rd miss: the kiosk shows the target and moves on.
A tap repeated within the steady-taps time (a shaky hand landing twice) counts once.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Feedback(enum.Enum):
    # On the target: the soft success cue, then the next step.
    SUCCESS = "success"
    # First miss: the hint.
    HINT = "hint"
    # Second miss: the target pulses.
    PULSE = "pulse"
    # Third miss: the target is shown, and the practice moves on.
    SHOW = "show"
    # A repeat of the last tap within the steady-taps time: nothing happens.
    IGNORED = "ignored"


# The misses after which the ladder pulses, and shows and moves on.
PULSE_AFTER = 2
SHOW_AFTER = 3


@dataclass
class MissLadder:
    """One practised step's tries. ``repeat_s`` is the steady-taps time (0: every tap counts)."""

    repeat_s: float = 0.0
    attempts: int = 0
    misses: int = 0
    hints_shown: int = 0
    shown_and_moved_on: bool = False
    done: bool = False
    _last_at: float | None = None

    def try_(self, right: bool, at: float = 0.0) -> Feedback:
        """One tap (or one typed answer) at time ``at`` (seconds)."""
        if self.done:
            return Feedback.IGNORED
        last, self._last_at = self._last_at, at
        if last is not None and 0 <= at - last < self.repeat_s:
            return Feedback.IGNORED
        self.attempts += 1
        if right:
            self.done = True
            return Feedback.SUCCESS
        self.misses += 1
        if self.misses >= SHOW_AFTER:
            self.shown_and_moved_on = True
            self.done = True
            return Feedback.SHOW
        if self.misses >= PULSE_AFTER:
            return Feedback.PULSE
        self.hints_shown += 1
        return Feedback.HINT
