"""Daily counts fall on the point's own calendar days, whatever its offset from UTC."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kiosk.export.counts import COMPLETED, FIRST_IN_VISIT, HANDOUT, LARGE_TEXT, QR_SHOWN, DailyCounts


def _day_of(offset: timedelta, stored: str) -> date:
    """The local date the export gives a visit stored (UTC) at ``stored``, as SQLite keys it."""
    counts = DailyCounts(offset)
    flag = 1 if stored[11:16] >= counts.boundary else 0
    counts.add_visit_keys(iter([f"{stored[:10]}{flag}vi|0|0"]))
    [row] = counts.rows()
    return row.day


@pytest.mark.parametrize(
    ("offset", "stored", "local"),
    [
        (timedelta(hours=7), "2026-11-23 16:59", date(2026, 11, 23)),
        (timedelta(hours=7), "2026-11-23 17:00", date(2026, 11, 24)),
        (timedelta(hours=0), "2026-11-23 23:59", date(2026, 11, 23)),
        (timedelta(hours=0), "2026-11-24 00:00", date(2026, 11, 24)),
        (timedelta(hours=-5), "2026-11-24 04:59", date(2026, 11, 23)),
        (timedelta(hours=-5), "2026-11-24 05:00", date(2026, 11, 24)),
        (timedelta(hours=5, minutes=30), "2026-11-23 18:29", date(2026, 11, 23)),
        (timedelta(hours=5, minutes=30), "2026-11-23 18:30", date(2026, 11, 24)),
        (timedelta(hours=14), "2026-11-23 09:59", date(2026, 11, 23)),
        (timedelta(hours=14), "2026-11-23 10:00", date(2026, 11, 24)),
    ],
)
def test_local_days(offset: timedelta, stored: str, local: date) -> None:
    assert _day_of(offset, stored) == local


def test_all_visit_rows_and_tutorial_rows() -> None:
    counts = DailyCounts(timedelta(hours=7))
    # Two visits on the 24th: one happy (feedback 3) and in large text, one without a tutorial.
    counts.add_visit_keys(iter([f"2026-11-240vi|0|{LARGE_TEXT | 3}", "2026-11-240vi|0|0"]))
    # The first ran vneid-install twice (once completed, with a handout) and qr-pay-bill once.
    counts.add_run_keys(
        iter(
            [
                f"2026-11-240vi|vneid-install|0|{FIRST_IN_VISIT}",
                f"2026-11-240vi|vneid-install|0|{COMPLETED | HANDOUT}",
                f"2026-11-240vi|qr-pay-bill|0|{QR_SHOWN | FIRST_IN_VISIT}",
            ]
        )
    )
    rows = {row.tutorial_id: row for row in counts.rows()}
    everyone = rows[""]
    assert (everyone.visits, everyone.runs, everyone.completions, everyone.handouts, everyone.qr_shown) == (
        2,
        3,
        1,
        1,
        1,
    )
    assert (everyone.large_text_visits, everyone.feedback_happy, everyone.feedback_unhappy) == (1, 1, 0)
    install = rows["vneid-install"]
    assert (install.visits, install.runs, install.completions, install.handouts) == (1, 2, 1, 1)
    assert install.large_text_visits is None
    assert rows["qr-pay-bill"].visits == 1
