"""The guided session's rules: a plan of known tutorials, walked in order, outcomes from the pack only."""

from __future__ import annotations

import pytest

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue
from kiosk.stats.codes import AgeBand, Need
from kiosk.visit.guided import GuidedPlan, GuidedSession, PlanError, TutorialOutcome


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(packs_dir(), ("vi", "en"))


def test_a_plan_needs_known_tutorials_once_each_and_a_known_language(catalogue: Catalogue) -> None:
    GuidedPlan(("vneid-install", "vneid-activate"), "vi").check(catalogue, ("vi", "en"))
    for plan in (
        GuidedPlan((), "vi"),
        GuidedPlan(("vneid-install", "vneid-install"), "vi"),
        GuidedPlan(("no-such-guide",), "vi"),
        GuidedPlan(("vneid-install",), "fr"),
    ):
        with pytest.raises(PlanError):
            plan.check(catalogue, ("vi", "en"))


def test_the_session_walks_the_plan_in_order(catalogue: Catalogue) -> None:
    session = GuidedSession(
        GuidedPlan(("vneid-install", "vneid-activate"), "en", age_band=AgeBand.SIXTY_PLUS)
    )
    seen = [(session.tutorial_id, session.is_last, session.following)]
    assert session.advance() == "vneid-activate"
    seen.append((session.tutorial_id, session.is_last, session.following))
    assert seen == [("vneid-install", False, "vneid-activate"), ("vneid-activate", True, None)]
    assert session.advance() is None
    assert session.position == 1


def test_only_the_packs_outcomes_and_reasons_can_be_ticked(catalogue: Catalogue) -> None:
    plan = GuidedPlan(("vneid-install", "vneid-activate"), "vi", needs=frozenset({Need.SIGHT}))
    session = GuidedSession(plan)
    install = catalogue.tutorial("vneid-install")
    reason = catalogue.reasons[0].id
    assert install.outcomes
    session.set_outcome(catalogue, "vneid-activate", reasons=[reason])
    session.set_outcome(catalogue, "vneid-install", achieved=[install.outcomes[0]])
    assert list(session.ticked()) == ["vneid-install", "vneid-activate"]
    assert session.ticked()["vneid-activate"] == TutorialOutcome(reasons=frozenset({reason}))
    with pytest.raises(PlanError):
        session.set_outcome(catalogue, "vneid-install", achieved=["a-free-text-outcome"])
    with pytest.raises(PlanError):
        session.set_outcome(catalogue, "scam-drill", reasons=[reason])
    session.set_outcome(catalogue, "vneid-install")
    assert list(session.ticked()) == ["vneid-activate"]
    # Done with help: one of the achieved outcomes, never another.
    first = install.outcomes[0]
    outcome = session.set_outcome(catalogue, "vneid-install", achieved=[first], helped=[first])
    assert outcome.helped == frozenset({first})
    with pytest.raises(PlanError):
        session.set_outcome(catalogue, "vneid-install", helped=[first])
