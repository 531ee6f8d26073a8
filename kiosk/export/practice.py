"""Practice ("Try it") in the export: ``step_difficulty.csv`` for people, exact days for the office.

The content team reads ``step_difficulty.csv`` to see which picture or sentence of a tutorial
stops visitors: per month of the export's period, tutorial and step, how many times the step
was practised, the taps or typed tries, the misses, the hints shown and the times the kiosk
showed the target and moved on. Every number goes through the disclosure rule
(``kiosk.stats.disclosure``), as in report_figures.csv: 1 to 4 read "<5", the rest are rounded
to 5. No total is printed beside them, so no sum can give a hidden count away. The exact
day-level counts go only into day_counts.json (``kiosk.export.day_file``, under "practice").

As in the report, real and demo counts are never mixed: the file counts the same ones the
report does (demo only on a kiosk with no real visits).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kiosk.stats.disclosure import Disclosure, plain_number
from kiosk.stats.practice import MEASURES

STEP_DIFFICULTY = "step_difficulty.csv"
# The CSV's measures, in MEASURES' order.
CSV_MEASURES = ("times_practised", "attempts", "misses", "hints_shown", "shown_and_moved_on")
STEP_COLUMNS = ("month", "tutorial", "step", *CSV_MEASURES)
NEWLINE = "\r\n"


@dataclass(frozen=True)
class PracticeRow:
    """One stored row: a local day's counts of one step, as they are."""

    day: date
    demo: bool
    tutorial_id: str
    step_id: str
    counts: tuple[int, int, int, int, int]

    def measures(self) -> dict[str, int]:
        return dict(zip(MEASURES, self.counts, strict=True))


def read_practice(driver: Any, since: date | None, until: date) -> tuple[PracticeRow, ...]:
    """The practice counts of the local days ``since`` to ``until`` (included), in the export's snapshot."""
    columns = ", ".join(MEASURES)
    rows = driver.execute(
        f"SELECT day, demo, tutorial_id, step_id, {columns} FROM practice_counts WHERE day >= ? AND day < ?"
        " ORDER BY day, demo, tutorial_id, step_id",
        (since.isoformat() if since is not None else "", (until + timedelta(days=1)).isoformat()),
    ).fetchall()
    return tuple(
        PracticeRow(
            date.fromisoformat(str(row[0])),
            bool(row[1]),
            str(row[2]),
            str(row[3]),
            (int(row[4]), int(row[5]), int(row[6]), int(row[7]), int(row[8])),
        )
        for row in rows
    )


def monthly(rows: tuple[PracticeRow, ...], *, demo: bool) -> dict[tuple[str, str, str], list[int]]:
    """(month, tutorial, step) -> summed counts, of the real rows or (``demo``) the demo ones."""
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0] * len(MEASURES))
    for row in rows:
        if row.demo is demo:
            cell = sums[(f"{row.day:%Y-%m}", row.tutorial_id, row.step_id)]
            for index, count in enumerate(row.counts):
                cell[index] += count
    return dict(sorted(sums.items()))


def step_difficulty_csv(rows: tuple[PracticeRow, ...], *, demo: bool) -> tuple[bytes, int]:
    """step_difficulty.csv and its row count: every number by the disclosure rule."""
    sums = monthly(rows, demo=demo)
    disclosure = Disclosure()
    for key, counts in sums.items():
        for measure, count in zip(CSV_MEASURES, counts, strict=True):
            disclosure.add((*key, measure), count)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=NEWLINE)
    writer.writerow(STEP_COLUMNS)
    for key in sums:
        writer.writerow((*key, *(disclosure.text((*key, measure), plain_number) for measure in CSV_MEASURES)))
    return buffer.getvalue().encode("utf-8"), len(sums)
