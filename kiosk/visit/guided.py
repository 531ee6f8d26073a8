"""A volunteer-guided session: the plan the volunteer chose, where it has got to, what was achieved.

Qt-free, so the rules are tested without a screen. The volunteer chooses one or more
tutorials in order, the visitor's language and comfort settings, and optionally a coarse
anonymous profile (which only ever becomes daily counts). The session walks the tutorials in
that order; at the end the volunteer ticks, per tutorial, what was achieved on the visitor's
own phone, or that it could not be finished and why. Only ids from the content pack are kept:
never a name, a number or anything typed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from kiosk.content.model import Catalogue
from kiosk.stats.codes import AgeBand, Need
from kiosk.visit.session import TextSize


class PlanError(ValueError):
    """The plan cannot be run (no tutorial, an unknown tutorial or language)."""


@dataclass(frozen=True)
class GuidedPlan:
    tutorial_ids: tuple[str, ...]
    language: str
    text_size: TextSize = TextSize.NORMAL
    high_contrast: bool = False
    # The optional profile: None and empty when the volunteer did not ask.
    age_band: AgeBand | None = None
    needs: frozenset[Need] = frozenset()

    def check(self, catalogue: Catalogue, languages: Collection[str]) -> None:
        if not self.tutorial_ids:
            raise PlanError("a guided session needs at least one tutorial")
        if len(set(self.tutorial_ids)) != len(self.tutorial_ids):
            raise PlanError("a tutorial is chosen twice")
        known = {tutorial.id for tutorial in catalogue.tutorials}
        unknown = [tutorial_id for tutorial_id in self.tutorial_ids if tutorial_id not in known]
        if unknown:
            raise PlanError(f"unknown tutorials: {', '.join(unknown)}")
        if self.language not in languages:
            raise PlanError(f"unknown language: {self.language}")


@dataclass(frozen=True)
class TutorialOutcome:
    """What the volunteer ticked for one tutorial: outcome ids achieved, or reasons it was not.

    ``helped`` are the achieved outcomes the visitor did with help (the rest they did themselves);
    ``practised``: the visitor practised the tutorial on the kiosk ("Try it").
    """

    achieved: frozenset[str] = frozenset()
    reasons: frozenset[str] = frozenset()
    helped: frozenset[str] = frozenset()
    practised: bool = False

    @property
    def ticked(self) -> bool:
        return bool(self.achieved or self.reasons or self.practised)


@dataclass
class GuidedSession:
    plan: GuidedPlan
    position: int = 0
    outcomes: dict[str, TutorialOutcome] = field(default_factory=dict)

    @property
    def tutorial_id(self) -> str:
        return self.plan.tutorial_ids[self.position]

    @property
    def count(self) -> int:
        return len(self.plan.tutorial_ids)

    @property
    def is_last(self) -> bool:
        return self.position >= self.count - 1

    @property
    def following(self) -> str | None:
        """The tutorial after the present one; None at the last."""
        return None if self.is_last else self.plan.tutorial_ids[self.position + 1]

    def advance(self) -> str | None:
        """Go to the next tutorial of the plan; None after the last."""
        if self.is_last:
            return None
        self.position += 1
        return self.tutorial_id

    def set_outcome(
        self,
        catalogue: Catalogue,
        tutorial_id: str,
        *,
        achieved: Sequence[str] = (),
        reasons: Sequence[str] = (),
        helped: Sequence[str] = (),
        practised: bool = False,
    ) -> TutorialOutcome:
        """Tick outcomes for a tutorial of the plan; only ids its pack defines are accepted."""
        if tutorial_id not in self.plan.tutorial_ids:
            raise PlanError(f"{tutorial_id} is not part of this session")
        allowed_outcomes = set(catalogue.tutorial(tutorial_id).outcomes)
        allowed_reasons = {reason.id for reason in catalogue.reasons}
        wrong = [o for o in achieved if o not in allowed_outcomes]
        wrong += [r for r in reasons if r not in allowed_reasons]
        if wrong:
            raise PlanError(f"not an outcome or reason of {tutorial_id}: {', '.join(wrong)}")
        unachieved = [o for o in helped if o not in achieved]
        if unachieved:
            raise PlanError(f"done with help but not achieved: {', '.join(unachieved)}")
        outcome = TutorialOutcome(frozenset(achieved), frozenset(reasons), frozenset(helped), practised)
        self.outcomes[tutorial_id] = outcome
        return outcome

    def ticked(self) -> Mapping[str, TutorialOutcome]:
        """The outcomes in the plan's order (tutorials left unticked are left out)."""
        return {
            tutorial_id: self.outcomes[tutorial_id]
            for tutorial_id in self.plan.tutorial_ids
            if tutorial_id in self.outcomes and self.outcomes[tutorial_id].ticked
        }
