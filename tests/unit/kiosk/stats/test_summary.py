"""The organiser's figures: today, the last 7 days and this month, in the point's own days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from kiosk.stats.recorder import VisitMode
from kiosk.stats.summary import summarize
from tests.helpers.stats import Clock, PlannedVisit, record, recording

VIETNAM = timedelta(hours=7)


def test_counts_by_period_in_local_days(tmp_path: Path) -> None:
    clock = Clock()
    moments = {
        # 24 Nov local, 06:30 UTC = 13:30 in Vietnam.
        "today": datetime(2026, 11, 24, 6, 30, tzinfo=UTC),
        # 23:10 UTC on 23 Nov is 06:10 on 24 Nov in Vietnam: today, not yesterday.
        "early today": datetime(2026, 11, 23, 23, 10, tzinfo=UTC),
        "three days ago": datetime(2026, 11, 21, 3, 0, tzinfo=UTC),
        "two weeks ago": datetime(2026, 11, 10, 3, 0, tzinfo=UTC),
        # 16:59 UTC on 31 Oct is 23:59 on 31 Oct in Vietnam: last month.
        "last month": datetime(2026, 10, 31, 16, 59, tzinfo=UTC),
    }
    plans = {
        "today": PlannedVisit(mode=VisitMode.GUIDED, handout=True),
        "early today": PlannedVisit(language="en", tutorial="qr-pay-bill", completed=False, qr=True),
        "three days ago": PlannedVisit(tutorial=None),
        "two weeks ago": PlannedVisit(handout=True),
        "last month": PlannedVisit(),
    }
    with recording(tmp_path / "s.sqlite3", clock) as (database, recorder):
        for name, moment in moments.items():
            clock.now = moment
            record(recorder, plans[name])
        assert recorder.flush(10)
        summary = summarize(database, date(2026, 11, 24), VIETNAM)
    today, week, month = summary.periods
    assert (today.visits, week.visits, month.visits) == (2, 3, 4)
    assert (today.guided_visits, today.completed_tutorials, today.handouts, today.qr_codes) == (1, 1, 1, 1)
    assert (month.completed_tutorials, month.handouts) == (2, 2)
    assert today.top_tutorials == (("qr-pay-bill", 1, 0), ("vneid-install", 1, 1))
    assert month.languages == (("vi", 3), ("en", 1))
    assert month.demo_visits == 0
    chart = dict(summary.daily_visits)
    assert len(summary.daily_visits) == 30
    assert (chart[date(2026, 11, 24)], chart[date(2026, 11, 21)], chart[date(2026, 11, 23)]) == (2, 1, 0)
