"""The organiser's figures: today, the last 7 days and this month (or a month before it).

One read snapshot answers every figure, so the numbers on the dashboard add up with each
other. ``kiosk stats`` prints the same figures in the terminal. Guided sessions' outcomes
and profiles are daily counts (``kiosk.stats.guided``). The figures here are exact; what is
shown of them goes through ``kiosk.stats.shown_summary`` (the disclosure rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.engine import Connection

from kiosk.stats.codes import OutcomeKind
from kiosk.stats.db import Database
from kiosk.stats.periods import Period, last_7_days, month, overlap, sqlite_modifier, this_month, today
from kiosk.stats.practice import StepPractice, practice_between


@dataclass(frozen=True)
class OutcomeFigure:
    """How often a tutorial in guided sessions achieved an outcome, or was not finished for a reason."""

    tutorial_id: str
    kind: OutcomeKind
    # An outcome id of the tutorial (achieved alone or with help), or a reason id (Catalogue.reason)
    # when kind is NOT_FINISHED.
    code: str
    count: int


@dataclass(frozen=True)
class PeriodFigures:
    name: str
    period: Period
    visits: int
    guided_visits: int
    completed_tutorials: int
    handouts: int
    qr_codes: int
    # (tutorial id, runs, completed) of every tutorial run, most run first.
    top_tutorials: tuple[tuple[str, int, int], ...]
    # (language code, visits), most first.
    languages: tuple[tuple[str, int], ...]
    demo_visits: int
    # Guided sessions' results, by tutorial (most counted first): achieved alone, with help, not finished.
    outcomes: tuple[OutcomeFigure, ...] = ()
    # The optional profile: (attribute, value, count), e.g. ("need", "sight", 3); see codes.ProfileAttribute.
    profile: tuple[tuple[str, str, int], ...] = ()
    # Practice ("Try it"): each practised step's counts, by tutorial and step.
    practice: tuple[StepPractice, ...] = ()

    @property
    def achieved(self) -> int:
        return sum(o.count for o in self.outcomes if o.kind.achieved)

    @property
    def not_finished(self) -> int:
        return sum(o.count for o in self.outcomes if o.kind is OutcomeKind.NOT_FINISHED)


@dataclass(frozen=True)
class Summary:
    day: date
    periods: tuple[PeriodFigures, ...]
    # (local date, visits) for each day of the last 30, oldest first: the dashboard's chart.
    daily_visits: tuple[tuple[date, int], ...] = field(default=())
    # Never shown: the days two shown periods share (a month before this one and the last 7
    # days), so the disclosure rule can check what a reader works out from both.
    hidden: tuple[PeriodFigures, ...] = field(default=())


def summarize(database: Database, day: date, offset: timedelta, *, month_of: date | None = None) -> Summary:
    """Figures for the local ``day`` (usually today) in the point's time zone.

    With ``month_of`` a day of an earlier month, that whole month (named "month") stands in
    for "this month".
    """
    third = ("this month", this_month(day))
    if month_of is not None and month_of.replace(day=1) < day.replace(day=1):
        third = ("month", month(month_of))
    named: Sequence[tuple[str, Period]] = (("today", today(day)), ("last 7 days", last_7_days(day)), third)
    shared = overlap(named[1][1], third[1]) if third[0] == "month" else None
    with database.connection() as connection:
        periods = tuple(_figures(connection, name, period, offset) for name, period in named)
        chart = _daily_visits(connection, Period(day - timedelta(days=29), day), offset)
        hidden = () if shared is None else (_figures(connection, "shared", shared, offset),)
    return Summary(day=day, periods=periods, daily_visits=chart, hidden=hidden)


def _figures(connection: Connection, name: str, period: Period, offset: timedelta) -> PeriodFigures:
    start, end = period.bounds(offset)
    window = {"start": start, "end": end}
    visits, guided, demo = connection.exec_driver_sql(
        "SELECT count(*), coalesce(sum(mode = 'guided'), 0), coalesce(sum(demo), 0)"
        " FROM visits WHERE started_at >= :start AND started_at < :end",
        window,
    ).one()
    completed, handouts, qr_codes = connection.exec_driver_sql(
        "SELECT coalesce(sum(r.completed), 0), coalesce(sum(r.handout_printed), 0),"
        " coalesce(sum(r.qr_shown), 0)"
        " FROM visits v JOIN tutorial_runs r ON r.visit_id = v.id"
        " WHERE v.started_at >= :start AND v.started_at < :end",
        window,
    ).one()
    top = connection.exec_driver_sql(
        "SELECT r.tutorial_id, count(*) AS runs, coalesce(sum(r.completed), 0)"
        " FROM visits v JOIN tutorial_runs r ON r.visit_id = v.id"
        " WHERE v.started_at >= :start AND v.started_at < :end"
        " GROUP BY r.tutorial_id ORDER BY runs DESC, r.tutorial_id",
        window,
    ).all()
    languages = connection.exec_driver_sql(
        "SELECT language, count(*) AS n FROM visits WHERE started_at >= :start AND started_at < :end"
        " GROUP BY language ORDER BY n DESC, language",
        window,
    ).all()
    days = {"first": period.first.isoformat(), "last": period.last.isoformat()}
    outcomes = connection.exec_driver_sql(
        "SELECT tutorial_id, kind, code, sum(count) AS n FROM outcome_counts"
        " WHERE day BETWEEN :first AND :last GROUP BY tutorial_id, kind, code",
        days,
    ).all()
    per_tutorial: dict[str, int] = {}
    for tutorial_id, _kind, _code, n in outcomes:
        per_tutorial[str(tutorial_id)] = per_tutorial.get(str(tutorial_id), 0) + int(n)
    profile = connection.exec_driver_sql(
        "SELECT attribute, value, sum(count) FROM profile_counts WHERE day BETWEEN :first AND :last"
        " GROUP BY attribute, value ORDER BY attribute, value",
        days,
    ).all()
    return PeriodFigures(
        name=name,
        period=period,
        visits=int(visits),
        guided_visits=int(guided),
        completed_tutorials=int(completed),
        handouts=int(handouts),
        qr_codes=int(qr_codes),
        top_tutorials=tuple((str(t), int(r), int(c)) for t, r, c in top),
        languages=tuple((str(lang), int(n)) for lang, n in languages),
        demo_visits=int(demo),
        outcomes=tuple(
            sorted(
                (OutcomeFigure(str(t), OutcomeKind(str(k)), str(c), int(n)) for t, k, c, n in outcomes),
                key=lambda o: (
                    -per_tutorial[o.tutorial_id],
                    o.tutorial_id,
                    list(OutcomeKind).index(o.kind),
                    -o.count,
                    o.code,
                ),
            )
        ),
        profile=tuple((str(a), str(v), int(n)) for a, v, n in profile),
        practice=practice_between(connection, period.first, period.last),
    )


def _daily_visits(connection: Connection, period: Period, offset: timedelta) -> tuple[tuple[date, int], ...]:
    start, end = period.bounds(offset)
    rows = connection.exec_driver_sql(
        "SELECT date(started_at, :modifier) AS day, count(*) FROM visits"
        " WHERE started_at >= :start AND started_at < :end GROUP BY day",
        {"start": start, "end": end, "modifier": sqlite_modifier(offset)},
    ).all()
    counts = {date.fromisoformat(str(day)): int(n) for day, n in rows}
    days = (period.first + timedelta(days=n) for n in range(period.days))
    return tuple((day, counts.get(day, 0)) for day in days)
