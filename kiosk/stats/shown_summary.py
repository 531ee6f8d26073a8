"""The organiser's figures as they may be shown: the dashboard and ``kiosk stats``, by the disclosure rule.

One ``Disclosure`` (``kiosk.stats.disclosure``) holds every count of the three periods and
of the 30-day chart, with the sums a reader can make between them: visits = the visits of
each language; today's visits are part of the last 7 days' and of this month's; the chart's
last 7 days add up to the 7-day visits. So nothing on the screen gives away a count from 1
to 4, however the numbers are set against each other.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date

from kiosk.stats.codes import OutcomeKind
from kiosk.stats.disclosure import Disclosure, breakdown
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


class ShownSummary:
    """The text of each count of a ``Summary``, by period name and measure."""

    def __init__(self, summary: Summary) -> None:
        self.summary = summary
        self._disclosure = Disclosure()
        for figures in summary.periods:
            self._add_period(figures)
        self._add_nesting()
        self._add_chart()

    # -- what the screens ask ------------------------------------------------------------
    def text(self, period: str, measure: str) -> str:
        return self._disclosure.text((period, measure))

    def tutorial(self, period: str, tutorial_id: str) -> tuple[str, str]:
        """A top tutorial's (started, completed) texts."""
        return (
            self._disclosure.text((period, "tutorial-runs", tutorial_id)),
            self._disclosure.text((period, "tutorial-completed", tutorial_id)),
        )

    def language(self, period: str, code: str) -> str:
        return self._disclosure.text((period, "language", code))

    def outcome(self, period: str, tutorial_id: str, kind: OutcomeKind, code: str) -> str:
        return self._disclosure.text((period, "outcome", tutorial_id, kind.value, code))

    def chart(self) -> tuple[tuple[date, str], ...]:
        """(local day, shown text) for each day of the chart."""
        return tuple(
            (day, self._disclosure.text(("chart", day.isoformat()))) for day, _n in self.summary.daily_visits
        )

    # -- the counts and their sums ---------------------------------------------------------
    def _add_period(self, figures: PeriodFigures) -> None:
        add = self._disclosure.add
        name = figures.name

        def key(*parts: str) -> Hashable:
            return (name, *parts)

        visits = add(key(VISITS), figures.visits)
        breakdown(self._disclosure, visits, {key(GUIDED): figures.guided_visits}, rest=key("self-rest"))
        breakdown(
            self._disclosure,
            visits,
            {key("language", code): count for code, count in figures.languages},
        )
        completed = add(key(COMPLETED), figures.completed_tutorials)
        breakdown(
            self._disclosure,
            completed,
            {key("tutorial-completed", tutorial): done for tutorial, _runs, done in figures.top_tutorials},
        )
        for tutorial, runs, _done in figures.top_tutorials:
            add(key("tutorial-runs", tutorial), runs)
        add(key(HANDOUTS), figures.handouts)
        add(key(QR_CODES), figures.qr_codes)
        add(key(DEMO), figures.demo_visits)
        for total, kind in ((ACHIEVED, OutcomeKind.ACHIEVED), (NOT_FINISHED, OutcomeKind.NOT_FINISHED)):
            parts = {
                key("outcome", outcome.tutorial_id, kind.value, outcome.code): outcome.count
                for outcome in figures.outcomes
                if outcome.kind is kind
            }
            add(key(total), sum(parts.values()))
            breakdown(self._disclosure, key(total), parts)

    def _add_nesting(self) -> None:
        """Today is part of the last 7 days and of this month: each less today is a hidden rest."""
        names = [figures.name for figures in self.summary.periods]
        if "today" not in names:
            return
        for longer in names:
            if longer == "today":
                continue
            for measure in (VISITS, GUIDED, COMPLETED, HANDOUTS, QR_CODES):
                rest = (longer, measure, "less-today")
                total = (longer, measure)
                self._disclosure.add(
                    rest,
                    self._disclosure.count(total) - self._disclosure.count(("today", measure)),
                    published=False,
                )
                self._disclosure.add_sum(total, [("today", measure), rest])

    def _add_chart(self) -> None:
        days = self.summary.daily_visits
        for day, count in days:
            self._disclosure.add(("chart", day.isoformat()), count)
        by_name = {figures.name: figures for figures in self.summary.periods}
        if not days:
            return
        last = days[-1][0]
        if "today" in by_name and last == self.summary.day:
            self._disclosure.add_sum(("today", VISITS), [("chart", last.isoformat())])
        week = by_name.get("last 7 days")
        if week is not None and len(days) >= 7 and week.period.last == last:
            self._disclosure.add_sum(
                (week.name, VISITS), [("chart", day.isoformat()) for day, _n in days[-7:]]
            )
        month = by_name.get("this month")
        if month is not None and days[0][0] <= month.period.first and month.period.last == last:
            self._disclosure.add_sum(
                (month.name, VISITS),
                [("chart", day.isoformat()) for day, _n in days if day >= month.period.first],
            )
