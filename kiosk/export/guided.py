"""Guided sessions in the export: ``outcome_counts.csv``, ``profile_counts.csv`` and the report's figures.

Outcomes and reasons ("VNeID installed", "the SMS code did not arrive") leave as the exact
daily counts the kiosk keeps: they describe a service, not a person, and the commune needs
them to add up across days and points.

The profile (age band, support needs) is sensitive: a need is health information, and on a
quiet day a count of 1 next to the one guided visit in ``visits.csv`` would say who had it.
So it leaves coarsened twice. In time: per local month, never per day. In size: every
attribute of a month that has any profile is written (zeros too), and any count from 0 to 4
is written "<5". A cell hidden only when it is 1 to 4 would still tell, by a 0 beside it,
that all of a month's few visitors were over 60; with the full grid and 0 hidden as well,
a small month says nothing about anyone. Nothing in the export joins a profile to a visit.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.export.tables import NEWLINE
from kiosk.stats.codes import NO_NEED, PROFILE_NOTED, AgeBand, Need, OutcomeKind, ProfileAttribute

OUTCOME_COUNTS = "outcome_counts.csv"
PROFILE_COUNTS = "profile_counts.csv"
OUTCOME_COLUMNS = ("date", "tutorial_id", "kind", "code", "demo", "count")
PROFILE_COLUMNS = ("month", "attribute", "value", "demo", "count")
# A profile count below this leaves as "<5" (zero included: see the module's docstring).
SMALL_PROFILE_COUNT = 5
HIDDEN = f"<{SMALL_PROFILE_COUNT}"
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

    def outcome_csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=NEWLINE)
        writer.writerow(OUTCOME_COLUMNS)
        for row in self.outcomes:
            writer.writerow((row.day.isoformat(), row.tutorial_id, row.kind, row.code, row.demo, row.count))
        return buffer.getvalue().encode("utf-8")

    def profile_months(self) -> list[tuple[str, int, str, str, str]]:
        """(month, demo, attribute, value, shown count): the full grid of each month with a profile."""
        months: dict[tuple[str, int], dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
        for (day, attribute, value, demo), count in self.profile.items():
            months[(f"{day:%Y-%m}", demo)][(attribute, value)] += count
        return [
            (month, demo, attribute, value, shown_profile_count(cells.get((attribute, value), 0)))
            for (month, demo), cells in sorted(months.items())
            for attribute, value in PROFILE_CELLS
        ]

    def profile_csv(self) -> tuple[bytes, int]:
        """The CSV and its row count."""
        rows = self.profile_months()
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=NEWLINE)
        writer.writerow(PROFILE_COLUMNS)
        for month, demo, attribute, value, shown in rows:
            writer.writerow((month, attribute, value, demo, shown))
        return buffer.getvalue().encode("utf-8"), len(rows)


def shown_profile_count(count: int) -> str:
    """A profile count as it leaves the kiosk: "<5" from 0 to 4, the number from 5."""
    return HIDDEN if count < SMALL_PROFILE_COUNT else str(count)


def read_guided_counts(driver: Any, since: date | None) -> GuidedCounts:
    """Both count tables from ``since`` (a local day) on, read in the export's snapshot."""
    start = since.isoformat() if since is not None else ""
    outcomes = driver.execute(
        "SELECT day, tutorial_id, kind, code, demo, count FROM outcome_counts WHERE day >= ?"
        " ORDER BY day, tutorial_id, kind, code, demo",
        (start,),
    ).fetchall()
    profile = driver.execute(
        "SELECT day, attribute, value, demo, count FROM profile_counts WHERE day >= ?", (start,)
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

    # (tutorial id, kind, code, count): tutorials with the most results first, achieved before not.
    outcomes: tuple[tuple[str, OutcomeKind, str, int], ...]
    # (attribute, value, exact count) for every PROFILE_CELLS entry; empty when no profile was noted.
    profile: tuple[tuple[str, str, int], ...]


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
            item[0][1] != OutcomeKind.ACHIEVED,
            -item[1],
        ),
    )
    cells: dict[tuple[str, str], int] = defaultdict(int)
    for (_, attribute, value, demo_flag), count in counts.profile.items():
        if demo_flag == wanted:
            cells[(attribute, value)] += count
    profile = tuple((a, v, cells.get((a, v), 0)) for a, v in PROFILE_CELLS) if cells else ()
    return GuidedFigures(
        outcomes=tuple((t, OutcomeKind(k), c, n) for (t, k, c), n in ranked),
        profile=profile,
    )
