"""Practice ("Try it") as daily counts per tutorial step: how hard each step was, never who tried.

Each practice step a visitor finishes adds to its local day's row of that tutorial's step (an
upsert): ``practised`` one more time, and its attempts, misses, hints shown and whether the
kiosk showed the target and moved on. Nothing typed is stored and no row names a visit.
The dashboard's "hardest steps this month" and the export's ``step_difficulty.csv`` read these.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from kiosk.stats.models import PracticeCount

# The counted measures, in the order the export writes them.
MEASURES = ("practised", "attempts", "misses", "hints_shown", "shown_and_moved_on")


@dataclass(frozen=True)
class StepPractice:
    """The summed practice counts of one tutorial step over some days."""

    tutorial_id: str
    step_id: str
    practised: int
    attempts: int
    misses: int
    hints_shown: int
    shown_and_moved_on: int

    def measures(self) -> dict[str, int]:
        return {name: int(getattr(self, name)) for name in MEASURES}


def add_practice_counts(connection: Connection, rows: Iterable[Mapping[str, Any]]) -> None:
    """Add ``rows`` (day, tutorial_id, step_id, demo and each of MEASURES) to the stored counts."""
    rows = list(rows)
    if not rows:
        return
    upsert = sqlite_insert(PracticeCount)
    upsert = upsert.on_conflict_do_update(
        index_elements=[
            PracticeCount.day,
            PracticeCount.tutorial_id,
            PracticeCount.step_id,
            PracticeCount.demo,
        ],
        set_={name: getattr(PracticeCount, name) + upsert.excluded[name] for name in MEASURES},
    )
    connection.execute(upsert, rows)


def practice_between(connection: Connection, first: date, last: date) -> tuple[StepPractice, ...]:
    """Every practised step of the local days ``first``..``last``, summed, by tutorial and step."""
    sums = ", ".join(f"sum({name})" for name in MEASURES)
    rows = connection.exec_driver_sql(
        f"SELECT tutorial_id, step_id, {sums} FROM practice_counts"
        " WHERE day BETWEEN ? AND ? GROUP BY tutorial_id, step_id ORDER BY tutorial_id, step_id",
        (first.isoformat(), last.isoformat()),
    ).all()
    return tuple(StepPractice(str(row[0]), str(row[1]), *(int(n) for n in row[2:])) for row in rows)


def practice_days(connection: Connection, first: date, last: date) -> list[tuple[date, bool, StepPractice]]:
    """The stored rows of ``first``..``last`` as they are: (day, demo, counts), by day."""
    columns = ", ".join(MEASURES)
    rows = connection.exec_driver_sql(
        f"SELECT day, demo, tutorial_id, step_id, {columns} FROM practice_counts"
        " WHERE day BETWEEN ? AND ? ORDER BY day, demo, tutorial_id, step_id",
        (first.isoformat(), last.isoformat()),
    ).all()
    return [
        (
            date.fromisoformat(str(row[0])),
            bool(row[1]),
            StepPractice(str(row[2]), str(row[3]), *map(int, row[4:])),
        )
        for row in rows
    ]
