"""One practice of a tutorial: its practised steps in order, each with its miss ladder, and the
counts the statistics keep (``kiosk.visit.session.PracticeStepResult``). Never what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.content.model import Practice, PracticeKind, Step, Tutorial
from kiosk.practice.ladder import Feedback, MissLadder
from kiosk.practice.password import example_password, missing_rules


@dataclass(frozen=True)
class StepCounts:
    """How one practised step went: counts only."""

    step_id: str
    attempts: int
    misses: int
    hints_shown: int
    shown_and_moved_on: bool


def practised_steps(tutorial: Tutorial) -> list[Step]:
    return [step for step in tutorial.steps if step.practice is not None]


def answer_for(practice: Practice) -> str:
    """What the kiosk types when it shows the answer of a typing step."""
    if practice.kind is PracticeKind.PASSWORD:
        return example_password(practice.rules)
    return practice.sample


def typed_right(practice: Practice, text: str) -> bool:
    if practice.kind is PracticeKind.PASSWORD:
        return not missing_rules(text, practice.rules)
    return text == practice.sample


@dataclass
class PracticeRun:
    """The practice of ``tutorial``; ``repeat_s`` is the steady-taps time."""

    tutorial: Tutorial
    repeat_s: float = 0.0
    index: int = 0
    ladder: MissLadder = field(init=False)
    steps: list[Step] = field(init=False)

    def __post_init__(self) -> None:
        self.steps = practised_steps(self.tutorial)
        self.ladder = MissLadder(self.repeat_s)

    @property
    def step(self) -> Step | None:
        return self.steps[self.index] if self.index < len(self.steps) else None

    @property
    def finished(self) -> bool:
        return self.index >= len(self.steps)

    def tap(self, on_target: bool, at: float = 0.0) -> Feedback:
        return self.ladder.try_(on_target, at)

    def typed(self, text: str, at: float = 0.0) -> Feedback:
        """The visitor pressed Done on the keyboard with ``text`` (never kept) at time ``at``."""
        step = self.step
        if step is None or step.practice is None:
            return Feedback.IGNORED
        return self.ladder.try_(typed_right(step.practice, text), at)

    def counts(self) -> StepCounts | None:
        step = self.step
        if step is None:
            return None
        ladder = self.ladder
        return StepCounts(
            step.id, ladder.attempts, ladder.misses, ladder.hints_shown, ladder.shown_and_moved_on
        )

    def next_step(self) -> StepCounts | None:
        """Leave the current step (once it is done); its counts, or None if it was not tried."""
        counts = self.counts() if self.ladder.attempts else None
        self.index += 1
        self.ladder = MissLadder(self.repeat_s)
        return counts
