"""The organiser's figures as they may be shown: the dashboard and ``kiosk stats``, by the disclosure rule.

One ``Disclosure`` (``kiosk.stats.disclosure``) holds every count of the three periods
(today, the last 7 days, this month or a month before it) and of the 30-day chart, with the
sums a reader can make between them: visits = the visits of each language; a period inside
another (today in the last 7 days) is part of it, measure by measure; the days a month
before this one shares with the last 7 days are a hidden period of their own, part of both;
the chart's days inside a period add up to its visits. The guided sessions' profile counts
(age band, needs) hide 0 too, as in the report. So nothing on the screen gives away a count
from 1 to 4, however the numbers are set against each other.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date

from kiosk.stats.codes import NO_NEED, PROFILE_NOTED, AgeBand, Need, OutcomeKind, ProfileAttribute
from kiosk.stats.disclosure import Disclosure
from kiosk.stats.summary import PeriodFigures, Summary

# The measures of a period (the second part of a key).
VISITS = "visits"
GUIDED = "guided"
COMPLETED = "completed"
HANDOUTS = "handouts"
QR_CODES = "qr-codes"
DEMO = "demo-visits"
ACHIEVED = "outcomes-achieved"
NOT_FINISHED = "could-not-finish"
PRACTISED = "practised-on-kiosk"

# Every profile count the dashboard shows, in its order (each shown, 0 included, hidden below 5).
PROFILE_SHOWN: tuple[tuple[str, str], ...] = (
    (ProfileAttribute.PROFILE.value, PROFILE_NOTED),
    *((ProfileAttribute.AGE_BAND.value, band.value) for band in AgeBand),
    *((ProfileAttribute.NEED.value, need.value) for need in Need),
    (ProfileAttribute.NEED.value, NO_NEED),
)


class ShownSummary:
    """The text of each count of a ``Summary``, by period name and measure."""

    def __init__(self, summary: Summary) -> None:
        self.summary = summary
        self._disclosure = Disclosure()
        # Each period's cells (shown or not): the key's parts after the period's name -> zero hidden.
        self._cells: dict[str, dict[tuple[str, ...], bool]] = {}
        for figures in summary.periods:
            self._add_period(figures, published=True)
        for figures in summary.hidden:
            self._add_period(figures, published=False)
        if summary.periods:
            self._add_practice(summary.periods[-1])
        self._add_nesting()
        self._add_chart()

    # -- what the screens ask ------------------------------------------------------------
    def text(self, period: str, measure: str) -> str:
        return self._disclosure.text((period, measure))

    def tutorial(self, period: str, tutorial_id: str) -> tuple[str, str]:
        """A tutorial's (started, completed) texts."""
        return (
            self._disclosure.text((period, "tutorial-runs", tutorial_id)),
            self._disclosure.text((period, "tutorial-completed", tutorial_id)),
        )

    def language(self, period: str, code: str) -> str:
        return self._disclosure.text((period, "language", code))

    def outcome(self, period: str, tutorial_id: str, kind: OutcomeKind, code: str) -> str:
        return self._disclosure.text((period, "outcome", tutorial_id, kind.value, code))

    def profile(self, period: str, attribute: str, value: str) -> str:
        """A guided sessions' profile count (one of ``PROFILE_SHOWN``): 0 to 4 read "<5"."""
        return self._disclosure.text((period, "profile", attribute, value))

    def practice(self, period: str, tutorial_id: str, step_id: str, measure: str) -> str:
        """A practised step's count (one of ``kiosk.stats.practice.MEASURES``), shown for the
        last period only (this month, or the month chosen)."""
        return self._disclosure.text((period, "practice", tutorial_id, step_id, measure))

    def hardest_steps(self, period: str, limit: int = 5) -> list[tuple[str, str, float]]:
        """(tutorial id, step id, miss rate) of the steps missed most often, most first.

        Ranked by the shown numbers only (misses over attempts, each as the rule shows it), so
        the order gives away nothing the numbers do not; a step whose attempts or misses are
        hidden is left out.
        """
        figures = next((f for f in self.summary.periods if f.name == period), None)
        ranked: list[tuple[str, str, float, int]] = []
        for step in figures.practice if figures is not None else ():
            key = (period, "practice", step.tutorial_id, step.step_id)
            attempts = self._disclosure.value((*key, "attempts"))
            misses = self._disclosure.value((*key, "misses"))
            if not attempts or misses is None:
                continue
            ranked.append((step.tutorial_id, step.step_id, misses / attempts, misses))
        ranked.sort(key=lambda r: (-r[2], -r[3], r[0], r[1]))
        return [(tutorial, step, rate) for tutorial, step, rate, _m in ranked[:limit]]

    def chart(self) -> tuple[tuple[date, str], ...]:
        """(local day, shown text) for each day of the chart."""
        return tuple(
            (day, self._disclosure.text(("chart", day.isoformat()))) for day, _n in self.summary.daily_visits
        )

    # -- the counts and their sums ---------------------------------------------------------
    def _add_period(self, figures: PeriodFigures, *, published: bool) -> None:
        name = figures.name
        cells = self._cells.setdefault(name, {})

        def add(count: int, *parts: str, zero_hidden: bool = False) -> Hashable:
            cells[parts] = zero_hidden
            return self._disclosure.add((name, *parts), count, published=published, zero_hidden=zero_hidden)

        def parts_of(total: Hashable, parts: dict[tuple[str, ...], int], rest: str) -> None:
            """``parts`` beside ``total``; what they leave out is a rest nobody is shown."""
            keys = [add(count, *key) for key, count in parts.items()]
            left = self._disclosure.count(total) - sum(parts.values())
            if left < 0:
                raise ValueError(f"the parts of {total!r} add up to more than it")
            keys.append(self._disclosure.add((name, "rest", rest), left, published=False))
            self._disclosure.add_sum(total, keys)

        visits = add(figures.visits, VISITS)
        parts_of(visits, {(GUIDED,): figures.guided_visits}, "self")
        parts_of(visits, {("language", code): count for code, count in figures.languages}, "language")
        completed = add(figures.completed_tutorials, COMPLETED)
        parts_of(
            completed,
            {("tutorial-completed", tutorial): done for tutorial, _runs, done in figures.top_tutorials},
            "tutorial",
        )
        for tutorial, runs, _done in figures.top_tutorials:
            add(runs, "tutorial-runs", tutorial)
        add(figures.handouts, HANDOUTS)
        add(figures.qr_codes, QR_CODES)
        add(figures.demo_visits, DEMO)
        # "Achieved" is the sum of both ways: by the visitor alone and with help.
        groups = (
            (ACHIEVED, {OutcomeKind.ACHIEVED, OutcomeKind.ACHIEVED_HELPED}),
            (NOT_FINISHED, {OutcomeKind.NOT_FINISHED}),
            (PRACTISED, {OutcomeKind.PRACTISED}),
        )
        for total, kinds in groups:
            parts: dict[tuple[str, ...], int] = {
                ("outcome", outcome.tutorial_id, outcome.kind.value, outcome.code): outcome.count
                for outcome in figures.outcomes
                if outcome.kind in kinds
            }
            parts_of(add(sum(parts.values()), total), parts, total)
        profile = {(attribute, value): count for attribute, value, count in figures.profile}
        for attribute, value in PROFILE_SHOWN:
            add(profile.get((attribute, value), 0), "profile", attribute, value, zero_hidden=True)

    def _add_practice(self, figures: PeriodFigures) -> None:
        """The last period's practice counts: each on its own (no total of them is shown)."""
        for step in figures.practice:
            for measure, count in step.measures().items():
                self._disclosure.add(
                    (figures.name, "practice", step.tutorial_id, step.step_id, measure), count
                )

    def _add_nesting(self) -> None:
        """A period inside another is part of it, count by count: the rest is a hidden count.

        Today is part of the last 7 days and of this month; in the first days of a month,
        this month is part of the last 7 days; the days a month before shares with the last
        7 days ("shared", never shown) are part of both.
        """
        periods = {figures.name: figures.period for figures in (*self.summary.periods, *self.summary.hidden)}
        for inner, inside in periods.items():
            for outer, around in periods.items():
                if inner == outer or not (around.first <= inside.first and inside.last <= around.last):
                    continue
                for parts, zero_hidden in self._cells[inner].items():
                    if parts not in self._cells[outer]:
                        continue
                    total = (outer, *parts)
                    rest = (outer, *parts, "less", inner)
                    self._disclosure.add(
                        rest,
                        self._disclosure.count(total) - self._disclosure.count((inner, *parts)),
                        published=False,
                        zero_hidden=zero_hidden,
                    )
                    self._disclosure.add_sum(total, [(inner, *parts), rest])

    def _add_chart(self) -> None:
        """Each period's visits: the chart's days inside it, and a hidden rest for its days before it."""
        days = self.summary.daily_visits
        for day, count in days:
            self._disclosure.add(("chart", day.isoformat()), count)
        if not days:
            return
        for figures in (*self.summary.periods, *self.summary.hidden):
            period = figures.period
            inside = [(day, count) for day, count in days if period.first <= day <= period.last]
            parts: list[Hashable] = [("chart", day.isoformat()) for day, _n in inside]
            total = (figures.name, VISITS)
            if len(inside) < period.days:
                rest = (figures.name, VISITS, "before the chart")
                left = self._disclosure.count(total) - sum(count for _day, count in inside)
                parts.append(self._disclosure.add(rest, left, published=False))
            self._disclosure.add_sum(total, parts)
