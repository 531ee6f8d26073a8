"""The visitor's answers to a drill ("Safe" or "Scam"?), and the score they add up to.

Only the open tutorial's answers, by step, for as long as it is open: the session forgets them
when the tutorial is left or the visit ends. Nothing here is recorded anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content.model import QuizAnswer, StepKind, Tutorial
from kiosk.record import Record, set_field

__all__ = ["DrillAnswers", "DrillScore"]


# Written as kiosk.record says: the session (and so this module) loads before the first paint.
@dataclass(frozen=True, init=False, repr=False, eq=False)
class DrillScore(Record):
    right: int
    total: int
    # Step indexes of the questions answered wrong (or not at all), in the tutorial's order.
    to_review: tuple[int, ...]

    def __init__(self, right: int, total: int, to_review: tuple[int, ...]) -> None:
        set_field(self, "right", right)
        set_field(self, "total", total)
        set_field(self, "to_review", to_review)


class DrillAnswers:
    """The answer chosen for each drill question of the open tutorial; the first answer counts."""

    def __init__(self) -> None:
        self._chosen: dict[int, QuizAnswer] = {}

    def record(self, step_index: int, answer: QuizAnswer) -> None:
        self._chosen.setdefault(step_index, answer)

    def chosen(self, step_index: int) -> QuizAnswer | None:
        return self._chosen.get(step_index)

    def clear(self) -> None:
        self._chosen.clear()

    def score(self, tutorial: Tutorial) -> DrillScore | None:
        """Right answers out of the tutorial's questions; None for a tutorial without a drill."""
        questions = [i for i, step in enumerate(tutorial.steps) if step.kind is StepKind.QUIZ]
        if not questions:
            return None
        wrong = tuple(i for i in questions if self._chosen.get(i) is not tutorial.steps[i].answer)
        return DrillScore(right=len(questions) - len(wrong), total=len(questions), to_review=wrong)
