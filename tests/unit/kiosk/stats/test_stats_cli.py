"""The statistics commands as an organiser scripts them: exit status and exact lines.

The export commands' tests are in tests/unit/kiosk/export/test_export_cli.py.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from kiosk.stats.cli import demo_data_command, stats_command
from tests.helpers.stats import PlannedVisit, fill


def _run(command: object, *args: object) -> tuple[int, str]:
    out = io.StringIO()
    status = command(*args, out)  # type: ignore[operator]
    return status, out.getvalue()


def test_demo_data_then_stats(data_dir: Path) -> None:
    status, text = _run(demo_data_command, 120)
    assert status == 0
    assert text == f"Added 120 demo visits to {data_dir / 'statistics.sqlite3'}\n"

    status, text = _run(stats_command)
    assert status == 0
    assert "today" in text and "last 7 days" in text and "this month" in text
    assert text.splitlines()[0].startswith("Điểm hỗ trợ kỹ năng số — statistics on ")
    assert "Top tutorials this month" in text
    assert "demo data" in text


def test_demo_data_refuses_real_visits(data_dir: Path) -> None:
    fill(data_dir / "statistics.sqlite3", [(datetime.now(UTC), PlannedVisit())])
    status, text = _run(demo_data_command, 10)
    assert status == 1
    assert text.startswith("error: ") and "holds real visits" in text


def test_stats_on_an_empty_data_dir(data_dir: Path) -> None:
    status, text = _run(stats_command)
    assert (status, text) == (
        0,
        f"No visit has been recorded in this data dir yet (there is no {data_dir / 'statistics.sqlite3'}).\n",
    )
    # Read-only: it made nothing.
    assert not (data_dir / "statistics.sqlite3").exists()
