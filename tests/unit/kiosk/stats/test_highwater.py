"""No silent loss: the high-water record beside the database, on real files and real SQLite.

The review's scenarios (L12): a database truncated to 0 bytes, a database set aside as damaged,
a database swapped for an older copy. Each is noticed at the next open, with how many visits
are missing and whether the old file was kept; the record itself is refused when it is not a
plain file. The lost ``-wal`` journal (a real child process) is in
tests/integration/test_stats_crash.py.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.stats.db import Database, open_database
from kiosk.stats.demo import DemoTutorial, demo_data
from kiosk.stats.highwater import (
    LOSS_SHOWN_FOR,
    HighWater,
    Loss,
    RecordRefusedError,
    Tally,
    check_against_record,
    read_record,
    record_file,
    write_record,
)
from kiosk.stats.recorder import EndReason, VisitRecorder
from kiosk.stats.startup import check_database

TUTORIALS = (DemoTutorial("vneid-install", "2026.11.24", 7, ("vneid-installed",)),)
NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


def _filled(path: Path, visits: int) -> Tally:
    """A database of ``visits`` demo visits, its high-water record written as the kiosk does."""
    database = open_database(path)
    try:
        demo_data(database, visits, tutorials=TUTORIALS, seed=3)
        return database.record_high_water(NOW).tally
    finally:
        database.close()


def test_the_record_follows_the_database(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    tally = _filled(path, 300)
    assert tally.visits == 300 and tally.tutorial_runs > 300
    record = read_record(record_file(path))
    assert record == HighWater(tally)
    text = record_file(path).read_text()
    # Counts and ids only: nothing about a visitor.
    assert set(json.loads(text)) == {
        "version",
        "visits",
        "last_visit_id",
        "tutorial_runs",
        "last_run_id",
        "losses",
    }
    assert record_file(path).name == "statistics.high-water.json"


def test_a_database_truncated_to_zero_bytes_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    tally = _filled(path, 300)
    os.truncate(path, 0)
    check = check_database(path, now=lambda: NOW)
    assert check.ready
    assert check.loss == Loss(NOW, 300, tally.tutorial_runs, None)
    assert "300 visits" in check.loss.message and "No old file was left to keep" in check.loss.message
    database = open_database(path, checked=check)
    try:
        assert database.loss == check.loss
    finally:
        database.close()
    # Noted in the record once, and shown again at the next start (while recent).
    record = read_record(record_file(path))
    assert record is not None and record.tally == Tally() and record.losses == (check.loss,)
    again = check_database(path, now=lambda: NOW + timedelta(days=1))
    assert again.loss == check.loss
    later = check_database(path, now=lambda: NOW + LOSS_SHOWN_FOR + timedelta(days=1))
    assert later.loss is None
    assert len(read_record(record_file(path)).losses) == 1  # type: ignore[union-attr]


def test_a_damaged_database_set_aside_says_where_the_missing_visits_are(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    _filled(path, 2000)
    with path.open("r+b") as stream:
        stream.seek(400_000)
        stream.write(random.Random(13).randbytes(8192))
    check = check_database(path, now=lambda: NOW)
    assert check.notice is not None and check.loss is not None
    assert check.loss.visits == 2000
    assert check.loss.kept_as == check.notice.kept_as.name
    assert f"The old file was kept as {check.notice.kept_as.name}" in check.loss.message


def test_an_older_copy_put_back_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    _filled(path, 100)
    shutil.copyfile(path, tmp_path / "copy.sqlite3")
    database = open_database(path)
    recorder = VisitRecorder(database, clock=lambda: NOW)
    try:
        for _ in range(7):
            recorder.end_visit(recorder.start_visit(language="vi"), EndReason.FINISHED)
        recorder.checkpoint().result(30)
    finally:
        recorder.close()
        database.close()
    assert read_record(record_file(path)).tally.visits == 107  # type: ignore[union-attr]
    shutil.copyfile(tmp_path / "copy.sqlite3", path)
    check = check_database(path, now=lambda: NOW)
    assert check.loss is not None and check.loss.visits == 7


def test_more_rows_than_the_record_is_no_loss(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    _filled(path, 10)
    # Killed after a commit, before the record was written: the file holds more, which is fine.
    write_record(record_file(path), HighWater(Tally(5, 5, 5, 5)))
    assert check_database(path).loss is None
    assert read_record(record_file(path)).tally.visits == 10  # type: ignore[union-attr]


def test_the_checks_for_commands_write_nothing(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    write_record(record_file(path), HighWater(Tally(40, 40, 90, 90)))
    before = record_file(path).read_bytes()
    loss = check_against_record(path, Tally(30, 30, 70, 70), NOW, write=False)
    assert loss == Loss(NOW, 10, 20, None)
    assert record_file(path).read_bytes() == before


@pytest.mark.parametrize("kind", ["fifo", "folder", "link"])
def test_a_record_that_is_not_a_plain_file_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "statistics.sqlite3"
    record = record_file(path)
    target = tmp_path / "elsewhere.json"
    target.write_text('{"version": 1}')
    if kind == "fifo":
        os.mkfifo(record)
    elif kind == "folder":
        record.mkdir()
    else:
        record.symlink_to(target)
    with pytest.raises(RecordRefusedError):
        read_record(record)
    with pytest.raises(RecordRefusedError):
        write_record(record, HighWater(Tally(1, 1, 1, 1)))
    # The start-up check goes on (statistics matter more), leaving the thing where it was.
    check = check_database(path)
    assert check.ready and check.loss is None
    assert target.read_text() == '{"version": 1}'
    assert record.is_symlink() if kind == "link" else not record.is_file()


def test_a_record_that_cannot_be_read_is_started_again(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    record_file(path).write_text("{not json")
    assert read_record(record_file(path)) is None
    assert check_database(path).ready
    assert read_record(record_file(path)) == HighWater(Tally())


def test_a_checkpoint_empties_the_journal_off_the_gui_thread(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    database: Database = open_database(path)
    recorder = VisitRecorder(database, clock=lambda: NOW)
    journal = path.with_name(path.name + "-wal")
    try:
        visit = recorder.start_visit(language="vi")
        run = recorder.start_run(visit, tutorial_id="vneid-install", content_version="1", steps_total=3)
        for step in range(3):
            recorder.record_step(run, step, 4.0)
        recorder.finish_run(run, completed=True)
        recorder.end_visit(visit, EndReason.FINISHED).result(30)
        assert journal.stat().st_size > 0
        recorder.checkpoint().result(30)
        assert journal.stat().st_size == 0
        assert recorder.last_checkpoint_s is not None and recorder.last_checkpoint_s < 1.0
        assert read_record(record_file(path)) == HighWater(Tally(1, 1, 1, 1))
    finally:
        recorder.close()
        database.close()
