"""A month's figures for an area (every point, or one commune's), and how each may be published.

The exact counts come from the hub's day rows (the sums of the kiosks' ``day_counts.json``).
Everything a person reads goes through the kiosk's one disclosure rule
(kiosk.stats.disclosure) over the whole report at once: counts from 1 to 4 read "<5", the
rest are rounded to the nearest 5, and every sum a reader can make is checked, so a total that
would give a hidden count away reads "x". The sums checked:

- for each of visits, guided visits, tutorials completed and handouts: the area = its
  communes = their points;
- visits = guided + on their own (the rest is never shown, but checked), for the area, each
  commune and each point; visits = the visits of each language;
- tutorials completed and handouts = those of each lesson; runs and QR codes = each lesson's;
- guided outcomes: each kind (done, done with help, not finished) = its tutorials = their codes.

The month's area totals are also the trend's last month, under the same keys, so the two
sheets can never disagree. Demo days (``kiosk demo-data``) are left out unless asked for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from kiosk.hub.models import (
    LANGUAGE,
    MODE,
    VISITS,
    DayCount,
    Kiosk,
    KioskDay,
    OutcomeCount,
    Point,
    tutorial_attribute,
)
from kiosk.stats.disclosure import Disclosure, breakdown

# The measures of each point, commune and the area (sheet "by point").
AREA_MEASURES = ("visits", "guided", "completions", "handouts")
LESSON_MEASURES = ("visits", "runs", "completions", "handouts", "qr_shown")
TREND_MONTHS = 12
AREA = ("area",)


def month_days(month: str) -> tuple[date, date]:
    """The first and last day of ``month`` (YYYY-MM); ValueError if it is not one."""
    year, _, number = month.partition("-")
    if len(year) != 4 or len(number) != 2:
        raise ValueError(f"{month!r} is not a month like 2026-11")
    first = date(int(year), int(number), 1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def months_before(month: str, count: int) -> list[str]:
    """``count`` months ending with ``month``, oldest first."""
    year, number = int(month[:4]), int(month[5:7])
    result = []
    for _ in range(count):
        result.append(f"{year:04d}-{number:02d}")
        number -= 1
        if number == 0:
            year, number = year - 1, 12
    return result[::-1]


@dataclass(frozen=True)
class PointInfo:
    id: int
    name: str
    commune: str
    province: str
    kiosks: int
    last_day: date | None

    @property
    def place(self) -> tuple[str, str]:
        return (self.province, self.commune)


@dataclass
class MonthFigures:
    month: str
    commune: str | None
    include_demo: bool
    points: list[PointInfo]
    # (measure, "point", point id) / (measure, "commune", name) / (measure, "area") -> exact count
    area: dict[tuple[Hashable, ...], int] = field(default_factory=dict)
    # measure -> tutorial id -> count
    lessons: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    languages: dict[str, int] = field(default_factory=dict)
    # (tutorial id, kind, code) -> count
    outcomes: dict[tuple[str, str, str], int] = field(default_factory=dict)
    # month -> measure -> count (the last month is this one)
    trend: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def communes(self) -> list[tuple[str, str]]:
        """(province, commune) of every point, sorted: a commune's name alone may repeat across provinces."""
        return sorted({point.place for point in self.points})

    def disclosure(self) -> Disclosure:
        """Every published count of the report, with every sum between them (module docstring)."""
        shown = Disclosure()
        communes = self.communes
        for measure in AREA_MEASURES:
            shown.add(key(measure, *AREA), self.area.get((measure, *AREA), 0))
            for commune in communes:
                shown.add(key(measure, "commune", commune), self.area.get((measure, "commune", commune), 0))
            for point in self.points:
                shown.add(key(measure, "point", point.id), self.area.get((measure, "point", point.id), 0))
            shown.add_sum(key(measure, *AREA), [key(measure, "commune", c) for c in communes])
            for commune in communes:
                shown.add_sum(
                    key(measure, "commune", commune),
                    [key(measure, "point", p.id) for p in self.points if p.place == commune],
                )
        units: list[tuple[Hashable, ...]] = [AREA, *(("commune", c) for c in communes)]
        units += [("point", p.id) for p in self.points]
        for unit in units:
            visits, guided = key("visits", *unit), key("guided", *unit)
            breakdown(shown, visits, {guided: shown.count(guided)})
        breakdown(
            shown, key("visits", *AREA), {key("language", code): n for code, n in self.languages.items()}
        )
        for measure in LESSON_MEASURES:
            counts = self.lessons.get(measure, {})
            parts = {key("lesson", measure, tutorial): n for tutorial, n in counts.items()}
            for part, count in parts.items():
                shown.add(part, count)
            if measure == "visits":
                continue  # one visit can open several lessons: their visits do not add up to anything
            total = key(measure, *AREA) if measure in AREA_MEASURES else key("lesson-total", measure)
            if measure not in AREA_MEASURES:
                shown.add(total, sum(counts.values()))
            shown.add_sum(total, list(parts))
        by_kind: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
        for (tutorial, kind, code), count in self.outcomes.items():
            by_kind[kind][tutorial][code] = count
        for kind, tutorials in by_kind.items():
            kind_total = shown.add(
                key("outcome-kind", kind), sum(sum(c.values()) for c in tutorials.values())
            )
            subtotals = []
            for tutorial, codes in tutorials.items():
                subtotal = shown.add(key("outcome-sum", kind, tutorial), sum(codes.values()))
                for code, count in codes.items():
                    shown.add(key("outcome", kind, tutorial, code), count)
                shown.add_sum(subtotal, [key("outcome", kind, tutorial, code) for code in codes])
                subtotals.append(subtotal)
            shown.add_sum(kind_total, subtotals)
        for month, measures in self.trend.items():
            if month == self.month:
                continue  # this month's are the area's own cells
            for measure, count in measures.items():
                shown.add(key("trend", measure, month), count)
        return shown


def key(*parts: Hashable) -> tuple[Hashable, ...]:
    return tuple(parts)


def trend_key(figures: MonthFigures, measure: str, month: str) -> tuple[Hashable, ...]:
    return key(measure, *AREA) if month == figures.month else key("trend", measure, month)


def gather(
    connection: Connection, month: str, *, commune: str | None = None, include_demo: bool = False
) -> MonthFigures:
    """The exact counts of ``month`` for every point (or ``commune``'s) known to the hub."""
    first, last = month_days(month)
    point_query = (
        select(
            Point.id,
            Point.name,
            Point.commune,
            Point.province,
            func.count(Kiosk.kiosk_id),
            func.max(Kiosk.last_day),
        )
        .join(Kiosk, Kiosk.point_id == Point.id)
        .group_by(Point.id, Point.name, Point.commune, Point.province)
        .order_by(Point.commune, Point.name, Point.id)
    )
    if commune is not None:
        point_query = point_query.where(Point.commune == commune)
    points = [
        PointInfo(row[0], row[1], row[2], row[3], int(row[4]), row[5])
        for row in connection.execute(point_query)
    ]
    figures = MonthFigures(month, commune, include_demo, points)
    commune_of = {point.id: point.place for point in points}
    area = figures.area

    def add(measure: str, point_id: int, count: int) -> None:
        for unit in (("point", point_id), ("commune", commune_of[point_id]), AREA):
            area[(measure, *unit)] = area.get((measure, *unit), 0) + count

    conditions = [DayCount.day >= first, DayCount.day <= last]
    if not include_demo:
        conditions.append(DayCount.demo.is_(False))
    if commune is not None:
        conditions.append(Point.commune == commune)
    rows = connection.execute(
        select(Kiosk.point_id, DayCount.attribute, DayCount.code, func.sum(DayCount.count))
        .join(Kiosk, Kiosk.kiosk_id == DayCount.kiosk_id)
        .join(Point, Point.id == Kiosk.point_id)
        .where(*conditions)
        .group_by(Kiosk.point_id, DayCount.attribute, DayCount.code)
    )
    lesson_attributes = {tutorial_attribute(measure): measure for measure in LESSON_MEASURES}
    for point_id, attribute, code, total in rows:
        count = int(total)
        if attribute == VISITS:
            add("visits", point_id, count)
        elif attribute == MODE and code == "guided":
            add("guided", point_id, count)
        elif attribute == LANGUAGE:
            figures.languages[code] = figures.languages.get(code, 0) + count
        elif attribute in lesson_attributes:
            measure = lesson_attributes[attribute]
            lessons = figures.lessons[measure]
            lessons[code] = lessons.get(code, 0) + count
            if measure in ("completions", "handouts"):
                add(measure, point_id, count)
    outcome_conditions = [OutcomeCount.day >= first, OutcomeCount.day <= last]
    if not include_demo:
        outcome_conditions.append(OutcomeCount.demo.is_(False))
    if commune is not None:
        outcome_conditions.append(Point.commune == commune)
    for tutorial, kind, code, total in connection.execute(
        select(OutcomeCount.tutorial_id, OutcomeCount.kind, OutcomeCount.code, func.sum(OutcomeCount.count))
        .join(Kiosk, Kiosk.kiosk_id == OutcomeCount.kiosk_id)
        .join(Point, Point.id == Kiosk.point_id)
        .where(*outcome_conditions)
        .group_by(OutcomeCount.tutorial_id, OutcomeCount.kind, OutcomeCount.code)
    ):
        figures.outcomes[(tutorial, kind, code)] = int(total)
    figures.trend = _trend(connection, month, commune, include_demo)
    return figures


def _trend(
    connection: Connection, month: str, commune: str | None, include_demo: bool
) -> dict[str, dict[str, int]]:
    """Visits, guided visits and lessons completed per month, for the twelve months up to ``month``."""
    months = months_before(month, TREND_MONTHS)
    first, _ = month_days(months[0])
    _, last = month_days(month)
    trend = {name: dict.fromkeys(("visits", "guided", "completions"), 0) for name in months}
    conditions = [KioskDay.day >= first, KioskDay.day <= last]
    if not include_demo:
        conditions.append(KioskDay.demo.is_(False))
    query = select(
        KioskDay.day, func.sum(KioskDay.visits), func.sum(KioskDay.guided), func.sum(KioskDay.completions)
    )
    if commune is not None:
        query = query.join(Kiosk, Kiosk.kiosk_id == KioskDay.kiosk_id).join(Point, Point.id == Kiosk.point_id)
        conditions.append(Point.commune == commune)
    for day, visits, guided, completions in connection.execute(
        query.where(*conditions).group_by(KioskDay.day)
    ):
        figures = trend[day.isoformat()[:7]]
        figures["visits"] += int(visits)
        figures["guided"] += int(guided)
        figures["completions"] += int(completions)
    return trend
