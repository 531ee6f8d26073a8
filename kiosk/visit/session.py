"""One visit: what the visitor has chosen, from "Start" until Home, "Finish" or the idle reset.

Nothing here outlives the visit: ``reset()`` puts every choice back to its default, so
the next visitor never inherits large text, reading aloud, a language or half a tutorial. The session
announces changes to plain callbacks; the UI listens and redraws (the core knows no screen), and
the statistics (``kiosk.visit.recording``) listen too, so nobody has to tell them what happened:

- ``VISIT_STARTED``, once a visit, with the visitor's first choice (a language, even the one
  already shown, a comfort setting or a tutorial), announced before that choice's own change;
- ``TUTORIAL_FINISHED`` when the visitor goes past the last step to the finish screen;
- ``FEEDBACK`` when the visitor taps a face on the finish screen;
- ``PRACTICE_STEP`` when the visitor is done with one practice step ("Try it"): ``last_practice``
  holds its counts (taps or tries, misses, hints) and nothing the visitor typed;
- ``RESET`` at the end, with ``end_reason`` saying why (Finish, Home, idle).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.stats.codes import EndReason, Feedback, TextSize, VisitMode
from kiosk.visit.drill import DrillAnswers

__all__ = ["Listener", "PracticeStepResult", "SessionChange", "TextSize", "VisitorSession"]

log = logging.getLogger(__name__)


class SessionChange(enum.Enum):
    LANGUAGE = "language"
    # Text size or contrast.
    COMFORT = "comfort"
    # Reading aloud turned on or off, or "touch and hear" (first touch says a button's name).
    NARRATION = "narration"
    # A tutorial was begun or left.
    TUTORIAL = "tutorial"
    STEP = "step"
    # The visitor's first choice of this visit (announced before that choice's own change).
    VISIT_STARTED = "visit-started"
    # The visitor went past the last step to the finish screen.
    TUTORIAL_FINISHED = "tutorial-finished"
    # A face on the finish screen.
    FEEDBACK = "feedback"
    # The visitor is done with one practice step; ``last_practice`` holds its counts.
    PRACTICE_STEP = "practice-step"
    # The visit is over; ``end_reason`` says why.
    RESET = "reset"


@dataclass(frozen=True)
class PracticeStepResult:
    """How one practice step went: counts only, never what was typed."""

    tutorial_id: str
    step_id: str
    attempts: int  # taps or typed tries on this step
    misses: int
    hints_shown: int
    shown_and_moved_on: bool

    def __post_init__(self) -> None:
        if min(self.attempts, self.misses, self.hints_shown) < 0:
            raise ValueError(f"practice counts cannot be negative: {self}")


Listener = Callable[[SessionChange], None]


class VisitorSession:
    def __init__(self, default_language: str = "vi") -> None:
        self.default_language = default_language
        self._listeners: list[Listener] = []
        self._language = default_language
        self._text_size = TextSize.NORMAL
        self._high_contrast = False
        self._narration = False
        self._touch_and_hear = False
        self._tutorial_id: str | None = None
        self._step_index = 0
        self._step_count = 0
        self._visit_started = False
        self._mode = VisitMode.SELF
        self._feedback: Feedback | None = None
        self._end_reason = EndReason.HOME
        self._last_practice: PracticeStepResult | None = None
        # The open tutorial's drill answers (kiosk.visit.drill): cleared whenever a tutorial is begun or left.
        self.drill = DrillAnswers()

    # -- listening ---------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every change; returns the function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _announce(self, change: SessionChange) -> None:
        for listener in list(self._listeners):
            listener(change)

    # -- what the visitor chose --------------------------------------------------------
    @property
    def language(self) -> str:
        return self._language

    @property
    def text_size(self) -> TextSize:
        return self._text_size

    @property
    def high_contrast(self) -> bool:
        return self._high_contrast

    @property
    def narration(self) -> bool:
        """Whether each screen is read aloud as it appears."""
        return self._narration

    @property
    def touch_and_hear(self) -> bool:
        """Whether a first touch on a button says its name and a second one presses it."""
        return self._touch_and_hear

    @property
    def tutorial_id(self) -> str | None:
        return self._tutorial_id

    @property
    def step_index(self) -> int:
        """Zero-based index of the shown step (0 when no tutorial is open)."""
        return self._step_index

    @property
    def step_count(self) -> int:
        return self._step_count

    @property
    def is_last_step(self) -> bool:
        return self._tutorial_id is not None and self._step_index == self._step_count - 1

    @property
    def visit_started(self) -> bool:
        """Whether the visitor has made a first choice (``VISIT_STARTED`` was announced)."""
        return self._visit_started

    @property
    def mode(self) -> VisitMode:
        """Self-guided, or guided by a volunteer (chosen before the visit starts)."""
        return self._mode

    @property
    def feedback(self) -> Feedback | None:
        return self._feedback

    @property
    def last_practice(self) -> PracticeStepResult | None:
        """The practice step most recently done in this visit (read by ``PRACTICE_STEP``'s listeners)."""
        return self._last_practice

    @property
    def end_reason(self) -> EndReason:
        """Why the visit ended: read by ``RESET``'s listeners."""
        return self._end_reason

    @property
    def is_pristine(self) -> bool:
        """True while nothing differs from a fresh visit (nothing to wipe)."""
        return (
            self._language == self.default_language
            and self._text_size is TextSize.NORMAL
            and not self._high_contrast
            and not self._narration
            and not self._touch_and_hear
            and self._tutorial_id is None
        )

    # -- the visit ---------------------------------------------------------------------
    def set_mode(self, mode: VisitMode) -> None:
        """A volunteer is about to start a guided session: the visit that starts next is guided.

        The mode is recorded when the visit starts; the window ends any visit before a volunteer
        begins, and ``reset`` puts it back to self-guided.
        """
        if self._visit_started:
            log.warning("visit mode set to %s after the visit started; it counts from the next one", mode)
        self._mode = mode

    def start_visit(self) -> None:
        """The visitor made a first choice: announce ``VISIT_STARTED``, once a visit."""
        if not self._visit_started:
            self._visit_started = True
            self._announce(SessionChange.VISIT_STARTED)

    def finish_tutorial(self) -> None:
        """The visitor went past the last step of the open tutorial to the finish screen."""
        if self._tutorial_id is None:
            raise RuntimeError("no tutorial is open")
        self._announce(SessionChange.TUTORIAL_FINISHED)

    def give_feedback(self, face: Feedback) -> None:
        self._feedback = face
        self._announce(SessionChange.FEEDBACK)

    def practice_step_done(self, result: PracticeStepResult) -> None:
        """The visitor is done with one practice step (hit, or shown and moved on): announce it.

        Practising is a first choice like any other: the visit starts first if it had not.
        """
        self._last_practice = result
        self.start_visit()
        self._announce(SessionChange.PRACTICE_STEP)

    # -- the visitor's choices ---------------------------------------------------------
    def choose_language(self, language: str) -> None:
        """A language was chosen, perhaps the one already shown: the visit starts either way."""
        changed = language != self._language
        self._language = language
        self.start_visit()
        if changed:
            self._announce(SessionChange.LANGUAGE)

    def set_text_size(self, size: TextSize) -> None:
        if size is not self._text_size:
            self._text_size = size
            self.start_visit()
            self._announce(SessionChange.COMFORT)

    def set_high_contrast(self, on: bool) -> None:
        if on != self._high_contrast:
            self._high_contrast = on
            self.start_visit()
            self._announce(SessionChange.COMFORT)

    def set_narration(self, on: bool) -> None:
        if on != self._narration:
            self._narration = on
            self._announce(SessionChange.NARRATION)

    def set_touch_and_hear(self, on: bool) -> None:
        if on != self._touch_and_hear:
            self._touch_and_hear = on
            self._announce(SessionChange.NARRATION)

    # -- the tutorial being followed ---------------------------------------------------
    def begin_tutorial(self, tutorial_id: str, step_count: int) -> None:
        """Open ``tutorial_id`` at its first step."""
        if step_count < 1:
            raise ValueError(f"tutorial {tutorial_id!r} has no steps")
        self._tutorial_id = tutorial_id
        self._step_count = step_count
        self._step_index = 0
        self.drill.clear()
        self.start_visit()
        self._announce(SessionChange.TUTORIAL)

    def go_to_step(self, index: int) -> None:
        if self._tutorial_id is None:
            raise RuntimeError("no tutorial is open")
        if not 0 <= index < self._step_count:
            raise IndexError(f"step {index} outside 0..{self._step_count - 1}")
        if index != self._step_index:
            self._step_index = index
            self._announce(SessionChange.STEP)

    def next_step(self) -> bool:
        """Move on one step; False (and no change) on the last step."""
        if self._tutorial_id is None or self.is_last_step:
            return False
        self.go_to_step(self._step_index + 1)
        return True

    def previous_step(self) -> bool:
        """Move back one step; False (and no change) on the first step."""
        if self._tutorial_id is None or self._step_index == 0:
            return False
        self.go_to_step(self._step_index - 1)
        return True

    def leave_tutorial(self) -> None:
        if self._tutorial_id is not None:
            self._tutorial_id = None
            self._step_index = 0
            self._step_count = 0
            self.drill.clear()
            self._announce(SessionChange.TUTORIAL)

    def reset(self, reason: EndReason = EndReason.HOME) -> None:
        """Forget everything the visitor chose: the next visitor starts fresh.

        ``reason`` is why the visit ended; ``RESET``'s listeners read it as ``end_reason``.
        """
        self._end_reason = reason
        self._visit_started = False
        self._mode = VisitMode.SELF
        self._feedback = None
        self._last_practice = None
        self._language = self.default_language
        self._text_size = TextSize.NORMAL
        self._high_contrast = False
        self._narration = False
        self._touch_and_hear = False
        self._tutorial_id = None
        self._step_index = 0
        self._step_count = 0
        self.drill.clear()
        log.info("Visit reset (%s)", reason)
        self._announce(SessionChange.RESET)
