"""What the dashboard may show of the figures: every count by the disclosure rule, a month before included."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.stats.codes import AgeBand, Need
from kiosk.stats.db import open_database
from kiosk.stats.demo import DemoTutorial, demo_data
from kiosk.stats.disclosure import HIDDEN, THRESHOLD, WITHHELD
from kiosk.stats.periods import Period, last_7_days, month, this_month, today
from kiosk.stats.recorder import VisitMode
from kiosk.stats.shown_summary import PROFILE_SHOWN, ShownSummary
from kiosk.stats.summary import PeriodFigures, Summary, summarize
from tests.helpers.stats import VIETNAM, PlannedVisit, fill


def _at(day: date, hour: int = 3) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _nothing_given_away(shown: ShownSummary) -> None:
    """No shown text is a count from 1 to 4, and no hidden count can be worked out exactly."""
    disclosure = shown._disclosure
    for key, text in disclosure.texts().items():
        if text not in (HIDDEN, WITHHELD):
            assert int(text) == 0 or int(text) >= THRESHOLD, key
    ranges = disclosure.ranges()
    for key, cell in disclosure._cells.items():
        if cell.must_stay_unknown():
            low, high = ranges[key]
            assert low != high, f"{key!r} can be worked out: {cell.count}"


def test_the_month_picker_month_is_the_whole_closed_month() -> None:
    assert month(date(2026, 11, 17)) == Period(date(2026, 11, 1), date(2026, 11, 30))
    assert month(date(2026, 12, 31)) == Period(date(2026, 12, 1), date(2026, 12, 31))
    assert month(date(2028, 2, 3)) == Period(date(2028, 2, 1), date(2028, 2, 29))


def test_a_month_before_is_counted_whole_and_the_days_it_shares_with_the_week_are_checked(
    tmp_path: Path,
) -> None:
    day = date(2026, 12, 3)
    plans = [(_at(date(2026, 11, d)), PlannedVisit()) for d in range(1, 31) for _ in range(2)]
    plans += [(_at(date(2026, 11, 29)), PlannedVisit(mode=VisitMode.GUIDED, age_band=AgeBand.SIXTY_PLUS))]
    plans += [(_at(date(2026, 12, 2)), PlannedVisit(language="en"))]
    path = tmp_path / "s.sqlite3"
    fill(path, plans)
    database = open_database(path)
    try:
        summary = summarize(database, day, VIETNAM, month_of=date(2026, 11, 1))
        current = summarize(database, day, VIETNAM, month_of=date(2026, 12, 1))
    finally:
        database.close()
    names = [figures.name for figures in summary.periods]
    assert names == ["today", "last 7 days", "month"]
    november = summary.periods[2]
    assert november.period == Period(date(2026, 11, 1), date(2026, 11, 30))
    assert (november.visits, november.guided_visits) == (61, 1)
    # 27–30 November are in both the last 7 days and November: a hidden period of their own.
    assert [(h.name, h.period, h.visits) for h in summary.hidden] == [
        ("shared", Period(date(2026, 11, 27), date(2026, 11, 30)), 9)
    ]
    # A month not before this one is simply this month.
    assert [figures.name for figures in current.periods][-1] == "this month"
    shown = ShownSummary(summary)
    assert shown.text("month", "visits") == "60"
    assert shown.text("month", "guided") == HIDDEN
    assert shown.profile("month", "age-band", AgeBand.SIXTY_PLUS.value) == HIDDEN
    _nothing_given_away(shown)


def test_profile_counts_hide_0_to_4_and_round_the_rest() -> None:
    day = date(2026, 11, 24)
    profile = (
        ("profile", "noted", 12),
        ("age-band", "60-plus", 7),
        ("age-band", "under-60", 5),
        ("need", "sight", 3),
    )
    figures = PeriodFigures("today", today(day), 20, 12, 0, 0, 0, (), (("vi", 20),), 0, profile=profile)
    shown = ShownSummary(Summary(day, (figures,)))
    texts = {
        (attribute, value): shown.profile("today", attribute, value) for attribute, value in PROFILE_SHOWN
    }
    assert texts[("profile", "noted")] == "10"
    assert texts[("age-band", "60-plus")] == "5"
    assert texts[("age-band", "under-60")] == "5"
    # 3 and 0 read alike: a 0 beside a "<5" would say who the few were.
    assert texts[("need", "sight")] == HIDDEN
    assert texts[("need", Need.HEARING.value)] == HIDDEN
    _nothing_given_away(shown)


def test_small_random_figures_never_give_a_count_away() -> None:
    """Periods inside each other and a chart: whatever the counts, each hidden one keeps a range."""
    rng = random.Random(14)
    day = date(2026, 12, 3)
    named = (("today", today(day)), ("this month", this_month(day)), ("last 7 days", last_7_days(day)))
    for _ in range(80):
        chart = tuple((day - timedelta(days=n), rng.choice([0, 0, 1, 2, 6])) for n in range(29, -1, -1))
        periods = []
        guided = 0
        noted = 0
        # Each period holds the one before it (today, then this month, then the week): counts only grow.
        for name, period in named:
            visits = sum(count for d, count in chart if period.first <= d <= period.last)
            guided = min(visits, guided + rng.choice([0, 1, 2, 5]))
            noted = min(guided, noted + rng.choice([0, 1, 3]))
            languages = (("vi", visits),) if visits else ()
            profile = (("profile", "noted", noted),)
            periods.append(
                PeriodFigures(name, period, visits, guided, 0, 0, 0, (), languages, 0, profile=profile)
            )
        _nothing_given_away(ShownSummary(Summary(day, tuple(periods), daily_visits=chart)))


def test_the_chart_is_tied_to_a_month_before_even_where_it_does_not_reach() -> None:
    day = date(2026, 12, 2)
    chart = tuple((day - timedelta(days=n), 1 if n == 29 else 0) for n in range(29, -1, -1))
    november = month(date(2026, 11, 1))
    # 3 November is in the chart (1 visit); 1–2 November are not: 5 more visits there.
    figures = [
        PeriodFigures(name, period, visits, 0, 0, 0, 0, (), (("vi", visits),) if visits else (), 0)
        for name, period, visits in (
            ("today", today(day), 0),
            ("last 7 days", last_7_days(day), 0),
            ("month", november, 6),
        )
    ]
    shown = ShownSummary(Summary(day, tuple(figures), daily_visits=chart))
    assert dict(shown.chart())[date(2026, 11, 3)] == HIDDEN
    assert shown.text("month", "visits") == "5"
    _nothing_given_away(shown)
    assert shown._disclosure.ranges()[("month", "visits", "before the chart")] != (5, 5)
    for a, b in itertools.pairwise(chart):
        assert a[0] < b[0]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_quiet_point_with_many_lessons_gives_nothing_away_this_month_or_the_one_before(
    tmp_path: Path, seed: int
) -> None:
    """Few visits spread over 20 lessons: counts pinned through periods inside each other are withheld."""
    day = date(2026, 12, 3)
    database = open_database(tmp_path / "s.sqlite3")
    try:
        lessons = [DemoTutorial(f"lesson-{n}", "2026.11.01", 7, ("done",)) for n in range(20)]
        moment = datetime(2026, 12, 3, 3, tzinfo=UTC)
        demo_data(database, 60, tutorials=lessons, now=moment, seed=seed)
        for month_of in (None, date(2026, 11, 1)):
            shown = ShownSummary(summarize(database, day, VIETNAM, month_of=month_of))
            _nothing_given_away(shown)
    finally:
        database.close()
