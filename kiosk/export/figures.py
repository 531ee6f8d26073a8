"""The totals behind report.pdf, folded from the daily counts (no second pass over the data).

Real and demo visits are never added together: the report counts the real visits, and
only when there are none (a training kiosk) the demo visits, under a banner saying so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.export.counts import ALL_VISITS, DailyRow

# Up to this many days the report counts by week, beyond it by month.
WEEKLY_UP_TO_DAYS = 62


@dataclass(frozen=True)
class Totals:
    visits: int = 0
    guided: int = 0
    runs: int = 0
    completed: int = 0
    handouts: int = 0
    qr_codes: int = 0
    large_text: int = 0
    high_contrast: int = 0
    # Visits that gave the faces 1 (unhappy), 2, 3 (happy).
    feedback: tuple[int, int, int] = (0, 0, 0)


@dataclass(frozen=True)
class ReportFigures:
    first_day: date | None
    last_day: date
    # True when the figures are demo visits (the kiosk holds no real ones).
    demo: bool
    # Demo visits left out because real ones exist.
    demo_left_out: int
    totals: Totals
    # (tutorial id, runs, completed, handouts), most run first.
    by_tutorial: tuple[tuple[str, int, int, int], ...]
    weekly: bool
    # (first local day of the week or month, visits, completed, handouts).
    by_period: tuple[tuple[date, int, int, int], ...]
    # (language code, visits), most first.
    by_language: tuple[tuple[str, int], ...]


def report_figures(rows: Sequence[DailyRow], since: date | None, last_day: date) -> ReportFigures:
    visits = [row for row in rows if row.tutorial_id == ALL_VISITS]
    real = sum(row.visits for row in visits if not row.demo)
    demo_visits = sum(row.visits for row in visits if row.demo)
    show_demo = real == 0 and demo_visits > 0
    wanted = 1 if show_demo else 0
    chosen = [row for row in rows if row.demo == wanted]
    chosen_visits = [row for row in chosen if row.tutorial_id == ALL_VISITS]
    first_day = since or min((row.day for row in chosen_visits), default=None)
    weekly = first_day is not None and (last_day - first_day).days < WEEKLY_UP_TO_DAYS
    return ReportFigures(
        first_day=first_day,
        last_day=last_day,
        demo=show_demo,
        demo_left_out=0 if show_demo else demo_visits,
        totals=_totals(chosen_visits),
        by_tutorial=_by_tutorial([row for row in chosen if row.tutorial_id != ALL_VISITS]),
        weekly=weekly,
        by_period=_by_period(chosen_visits, weekly),
        by_language=_by_language(chosen_visits),
    )


def _totals(rows: Sequence[DailyRow]) -> Totals:
    return Totals(
        visits=sum(row.visits for row in rows),
        guided=sum(row.visits for row in rows if row.mode == "guided"),
        runs=sum(row.runs for row in rows),
        completed=sum(row.completions for row in rows),
        handouts=sum(row.handouts for row in rows),
        qr_codes=sum(row.qr_shown for row in rows),
        large_text=sum(row.large_text_visits or 0 for row in rows),
        high_contrast=sum(row.high_contrast_visits or 0 for row in rows),
        feedback=(
            sum(row.feedback_unhappy or 0 for row in rows),
            sum(row.feedback_neutral or 0 for row in rows),
            sum(row.feedback_happy or 0 for row in rows),
        ),
    )


def _by_tutorial(rows: Sequence[DailyRow]) -> tuple[tuple[str, int, int, int], ...]:
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        entry = sums[row.tutorial_id]
        entry[0] += row.runs
        entry[1] += row.completions
        entry[2] += row.handouts
    ranked = sorted(sums.items(), key=lambda item: (-item[1][0], item[0]))
    return tuple((tutorial, runs, completed, handouts) for tutorial, (runs, completed, handouts) in ranked)


def _by_period(rows: Sequence[DailyRow], weekly: bool) -> tuple[tuple[date, int, int, int], ...]:
    sums: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        first = row.day - timedelta(days=row.day.weekday()) if weekly else row.day.replace(day=1)
        entry = sums[first]
        entry[0] += row.visits
        entry[1] += row.completions
        entry[2] += row.handouts
    return tuple((first, *values) for first, values in sorted(sums.items()))  # type: ignore[misc]


def _by_language(rows: Sequence[DailyRow]) -> tuple[tuple[str, int], ...]:
    sums: dict[str, int] = defaultdict(int)
    for row in rows:
        sums[row.language] += row.visits
    return tuple(sorted(sums.items(), key=lambda item: (-item[1], item[0])))
