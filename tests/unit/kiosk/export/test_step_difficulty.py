"""step_difficulty.csv: per month, tutorial and step, every number by the disclosure rule; exact days only
in day_counts.json; listed in the signed manifest and accepted by verify-export."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

from kiosk.export.practice import STEP_COLUMNS
from kiosk.export.verify import verify_export
from kiosk.stats.db import open_database
from kiosk.stats.recorder import VisitRecorder
from tests.helpers.stats import VIETNAM, Clock, PlannedVisit, export, fill


def _practise(
    recorder: VisitRecorder, clock: Clock, moment: datetime, step: str, times: int, misses: int
) -> None:
    clock.now = moment
    for _ in range(times):
        recorder.record_practice(
            "vneid-activate",
            step,
            attempts=misses + 1,
            misses=misses,
            hints_shown=misses,
            shown_and_moved_on=misses >= 3,
        )


def test_step_difficulty_is_written_by_month_with_small_counts_hidden(tmp_path: Path) -> None:
    database = tmp_path / "data" / "statistics.sqlite3"
    fill(database, [(datetime(2026, 11, 20, 3, tzinfo=UTC), PlannedVisit())])
    clock = Clock()
    opened = open_database(database)
    recorder = VisitRecorder(opened, clock=clock, offset=VIETNAM)
    try:
        _practise(recorder, clock, datetime(2026, 10, 30, 3, tzinfo=UTC), "enter-code", 6, 2)
        _practise(recorder, clock, datetime(2026, 11, 2, 3, tzinfo=UTC), "enter-code", 8, 1)
        _practise(recorder, clock, datetime(2026, 11, 3, 3, tzinfo=UTC), "password", 1, 3)
        # The day of the export is not over: not exported.
        _practise(recorder, clock, datetime(2026, 11, 25, 1, tzinfo=UTC), "password", 9, 3)
        assert recorder.flush(10)
    finally:
        recorder.close()
        opened.close()
    target = tmp_path / "stick"
    target.mkdir()
    result = export(database, target)
    text = (result.folder / "step_difficulty.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == STEP_COLUMNS
    assert rows[1:] == [
        # 6 practised, 18 attempts, 12 misses, 12 hints, 0 shown: rounded to 5, 0 stays 0.
        ["2026-10", "vneid-activate", "enter-code", "5", "20", "10", "10", "0"],
        # 8 practised, 16 attempts, 8 misses, 8 hints.
        ["2026-11", "vneid-activate", "enter-code", "10", "15", "10", "10", "0"],
        # 1 practised, 4 attempts, 3 misses, 3 hints, 1 shown: all from 1 to 4, so "<5".
        ["2026-11", "vneid-activate", "password", "<5", "<5", "<5", "<5", "<5"],
    ]
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["files"]["step_difficulty.csv"]
    assert entry["rows"] == 3 and tuple(entry["columns"]) == STEP_COLUMNS
    assert verify_export(result.folder) == []
    day_file = json.loads((result.folder / "day_counts.json").read_text(encoding="ascii"))
    assert day_file["format"] == "kiosk-day-counts/2"
    days = {day["date"]: day for day in day_file["days"]}
    assert days["2026-11-03"]["practice"] == {
        "vneid-activate": {
            "password": {
                "attempts": 4,
                "hints_shown": 3,
                "misses": 3,
                "practised": 1,
                "shown_and_moved_on": 1,
            }
        }
    }
    assert days["2026-10-30"]["practice"]["vneid-activate"]["enter-code"]["attempts"] == 18
    assert "2026-11-25" not in days


def test_a_changed_step_difficulty_file_is_found_by_verify(tmp_path: Path) -> None:
    database = tmp_path / "data" / "statistics.sqlite3"
    fill(database, [(datetime(2026, 11, 20, 3, tzinfo=UTC), PlannedVisit())])
    target = tmp_path / "stick"
    target.mkdir()
    result = export(database, target)
    path = result.folder / "step_difficulty.csv"
    assert path.read_text(encoding="utf-8").splitlines() == [",".join(STEP_COLUMNS)]
    path.write_text(path.read_text(encoding="utf-8") + "2026-11,t,s,1,1,1,1,1\r\n", encoding="utf-8")
    problems = verify_export(result.folder)
    assert any(problem.startswith("step_difficulty.csv:") for problem in problems)
