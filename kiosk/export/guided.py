"""Guided sessions in the export: what they achieved, and the optional profile, read for one export.

Outcomes and reasons ("VNeID installed", "the SMS code did not arrive") are daily counts:
they describe a service, not a person. They leave exactly only in the district office's day
file (``kiosk.export.day_file``); the report shows them by the disclosure rule.

The profile (age band, support needs) is sensitive: a need is health information. It leaves
per closed local month only (a month whose last day is over), never per day and never as a
running total that two exports a day apart could be subtracted from; each attribute on its
own, never crossed with another or with anything else. In the report every cell of a month
is shown, zeros too, by the rule for sensitive breakdowns (0 to 4 read "<5").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kiosk.stats.codes import NO_NEED, PROFILE_NOTED, AgeBand, Need, OutcomeKind, ProfileAttribute

# Every (attribute, value) a profile is counted under, in the order they are written and printed.
PROFILE_CELLS: tuple[tuple[str, str], ...] = (
    (ProfileAttribute.PROFILE.value, PROFILE_NOTED),
    *((ProfileAttribute.AGE_BAND.value, band.value) for band in AgeBand),
    *((ProfileAttribute.NEED.value, need.value) for need in Need),
    (ProfileAttribute.NEED.value, NO_NEED),
)


@dataclass(frozen=True)
class OutcomeRow:
    day: date
    tutorial_id: str
    kind: str
    code: str
    demo: int
    count: int


@dataclass(frozen=True)
class GuidedCounts:
    """The guided sessions' counts of one export (since its first day), as stored."""

    outcomes: tuple[OutcomeRow, ...]
    # (local day, attribute, value, demo) -> count
    profile: dict[tuple[date, str, str, int], int]


def closed_months_end(until: date) -> date:
    """The first day after the last month that is over by ``until`` (a month ends on its last day)."""
    following = until + timedelta(days=1)
    return following if following.day == 1 else until.replace(day=1)


def profile_months(counts: GuidedCounts) -> list[tuple[str, int, dict[tuple[str, str], int]]]:
    """(month, demo, every PROFILE_CELLS cell's count) of each month with a profile noted."""
    months: dict[tuple[str, int], dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for (day, attribute, value, demo), count in counts.profile.items():
        months[(f"{day:%Y-%m}", demo)][(attribute, value)] += count
    return [
        (month, demo, {cell: cells.get(cell, 0) for cell in PROFILE_CELLS})
        for (month, demo), cells in sorted(months.items())
    ]


def read_guided_counts(driver: Any, since: date | None, until: date) -> GuidedCounts:
    """Outcomes of the local days ``since`` to ``until`` (included), and profiles of the closed
    months among them (those that end by ``until``), read in the export's snapshot."""
    start = since.isoformat() if since is not None else ""
    end = (until + timedelta(days=1)).isoformat()
    outcomes = driver.execute(
        "SELECT day, tutorial_id, kind, code, demo, count FROM outcome_counts WHERE day >= ? AND day < ?"
        " ORDER BY day, tutorial_id, kind, code, demo",
        (start, end),
    ).fetchall()
    profile = driver.execute(
        "SELECT day, attribute, value, demo, count FROM profile_counts WHERE day >= ? AND day < ?",
        (start, closed_months_end(until).isoformat()),
    ).fetchall()
    return GuidedCounts(
        outcomes=tuple(
            OutcomeRow(date.fromisoformat(str(d)), str(t), str(k), str(c), int(demo), int(n))
            for d, t, k, c, demo, n in outcomes
        ),
        profile={
            (date.fromisoformat(str(d)), str(a), str(v), int(demo)): int(n) for d, a, v, demo, n in profile
        },
    )


@dataclass(frozen=True)
class GuidedFigures:
    """The report's guided-session figures over the whole export, real or demo as the report is."""

    # (tutorial id, kind, code, count): tutorials with the most results first; achieved alone, with
    # help, then not finished.
    outcomes: tuple[tuple[str, OutcomeKind, str, int], ...]
    # (attribute, value, exact count) for every PROFILE_CELLS entry; empty when no profile was noted.
    profile: tuple[tuple[str, str, int], ...]
    # The closed months the profile covers ('2026-11', …).
    profile_months: tuple[str, ...] = ()


def guided_figures(counts: GuidedCounts, *, demo: bool) -> GuidedFigures:
    wanted = 1 if demo else 0
    totals: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in counts.outcomes:
        if row.demo == wanted:
            totals[(row.tutorial_id, row.kind, row.code)] += row.count
    per_tutorial: dict[str, int] = defaultdict(int)
    for (tutorial_id, _, _), count in totals.items():
        per_tutorial[tutorial_id] += count
    ranked = sorted(
        totals.items(),
        key=lambda item: (
            -per_tutorial[item[0][0]],
            item[0][0],
            list(OutcomeKind).index(OutcomeKind(item[0][1])),
            -item[1],
        ),
    )
    cells: dict[tuple[str, str], int] = defaultdict(int)
    months: set[str] = set()
    for (day, attribute, value, demo_flag), count in counts.profile.items():
        if demo_flag == wanted:
            cells[(attribute, value)] += count
            months.add(f"{day:%Y-%m}")
    profile = tuple((a, v, cells.get((a, v), 0)) for a, v in PROFILE_CELLS) if cells else ()
    return GuidedFigures(
        outcomes=tuple((t, OutcomeKind(k), c, n) for (t, k, c), n in ranked),
        profile=profile,
        profile_months=tuple(sorted(months)) if profile else (),
    )
