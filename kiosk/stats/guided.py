"""The daily counts a guided session leaves: outcomes and reasons per tutorial, and the coarse profile.

A guided session's results are kept only as counts per local day, in tables that hold no
link to a visit: an outcome, a reason or a profile attribute adds one to its day's count
(an upsert), so nothing in the database says which visit it came from. The profile is
counted attribute by attribute (the age band, each need, "none"), never as a combination.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from kiosk.stats.codes import NO_NEED, PROFILE_NOTED, AgeBand, Need, OutcomeKind, ProfileAttribute
from kiosk.stats.models import OutcomeCount, ProfileCount

# (tutorial id, kind, outcome or reason id)
OutcomeKey = tuple[str, str, str]
# (attribute, value)
ProfileKey = tuple[str, str]


def outcome_keys(
    tutorial_id: str, achieved: Sequence[str], reasons: Sequence[str], helped: Collection[str] = ()
) -> list[OutcomeKey]:
    """The counts one tutorial of a session adds to (ids already checked by the caller); an
    achieved outcome among ``helped`` counts as done with help, the others as done alone."""
    return [
        *(
            (
                tutorial_id,
                (OutcomeKind.ACHIEVED_HELPED if outcome in helped else OutcomeKind.ACHIEVED).value,
                outcome,
            )
            for outcome in achieved
        ),
        *((tutorial_id, OutcomeKind.NOT_FINISHED.value, reason) for reason in reasons),
    ]


def profile_keys(age_band: AgeBand | None, needs: Collection[Need]) -> list[ProfileKey]:
    """The counts one profile adds to: one "noted", the age band if given, each need or "none"."""
    keys = [(ProfileAttribute.PROFILE.value, PROFILE_NOTED)]
    if age_band is not None:
        keys.append((ProfileAttribute.AGE_BAND.value, AgeBand(age_band).value))
    chosen = sorted({Need(need) for need in needs}, key=list(Need).index)
    keys += [(ProfileAttribute.NEED.value, need.value) for need in chosen] or [
        (ProfileAttribute.NEED.value, NO_NEED)
    ]
    return keys


def add_outcome_counts(
    connection: Connection, counts: Mapping[tuple[date, str, str, str], int], *, demo: bool = False
) -> None:
    """Add ``counts`` of (day, tutorial id, kind, code) to the stored ones."""
    rows = [
        {"day": day, "tutorial_id": tutorial, "kind": kind, "code": code, "demo": demo, "count": count}
        for (day, tutorial, kind, code), count in counts.items()
    ]
    if not rows:
        return
    upsert = sqlite_insert(OutcomeCount)
    upsert = upsert.on_conflict_do_update(
        index_elements=[
            OutcomeCount.day,
            OutcomeCount.tutorial_id,
            OutcomeCount.kind,
            OutcomeCount.code,
            OutcomeCount.demo,
        ],
        set_={"count": OutcomeCount.count + upsert.excluded["count"]},
    )
    connection.execute(upsert, rows)


def add_profile_counts(
    connection: Connection, counts: Mapping[tuple[date, str, str], int], *, demo: bool = False
) -> None:
    """Add ``counts`` of (day, attribute, value) to the stored ones."""
    rows = [
        {"day": day, "attribute": attribute, "value": value, "demo": demo, "count": count}
        for (day, attribute, value), count in counts.items()
    ]
    if not rows:
        return
    upsert = sqlite_insert(ProfileCount)
    upsert = upsert.on_conflict_do_update(
        index_elements=[ProfileCount.day, ProfileCount.attribute, ProfileCount.value, ProfileCount.demo],
        set_={"count": ProfileCount.count + upsert.excluded["count"]},
    )
    connection.execute(upsert, rows)
