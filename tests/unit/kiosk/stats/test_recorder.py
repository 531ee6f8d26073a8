"""The visit recorder: what a visit leaves behind, off the calling thread, one commit per event."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc

from kiosk.stats.db import open_database
from kiosk.stats.failures import DatabaseUnavailableError, Trouble
from kiosk.stats.recorder import EndReason, Feedback, VisitMode, VisitRecorder
from kiosk.visit.session import TextSize
from tests.helpers.stats import Clock, PlannedVisit, record, recording


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Read with a separate plain connection: what another process would see on disk."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_a_whole_visit_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    clock = Clock(datetime(2026, 11, 24, 3, 15, 42, tzinfo=UTC))
    with recording(path, clock) as (_database, recorder):
        visit = recorder.start_visit(language="vi", mode=VisitMode.GUIDED)
        recorder.note_comfort(visit, text_size=TextSize.EXTRA_LARGE, high_contrast=False)
        # Going back to a smaller size later does not undo that it was used.
        recorder.note_comfort(visit, text_size=TextSize.LARGE, high_contrast=True)
        run = recorder.start_run(
            visit, tutorial_id="vneid-install", content_version="2026.11.24", steps_total=7
        )
        recorder.record_step(run, 0, 12.4)
        recorder.record_step(run, 1, 30)
        recorder.record_step(run, 0, 5.2)  # back to step 1: its time adds up
        recorder.record_step(run, 3, 9_999)  # left open: capped
        recorder.finish_run(run, completed=False)
        recorder.mark_handout(run)
        clock.advance(minutes=16, seconds=30)
        recorder.end_visit(visit, EndReason.HOME)
        recorder.set_feedback(visit, Feedback.HAPPY)
        assert recorder.flush(10)
    assert _rows(path, "SELECT uid, started_at, ended_at, language, mode, text_size, high_contrast,"
                 " end_reason, feedback, demo FROM visits") == [
        (visit, "2026-11-24 03:15", "2026-11-24 03:32", "vi", "guided", "extra-large", 1, "home", 3, 0)
    ]  # fmt: skip
    assert _rows(path, "SELECT uid, tutorial_id, content_version, steps_total, furthest_step, completed,"
                 " handout_printed, qr_shown FROM tutorial_runs") == [
        (run, "vneid-install", "2026.11.24", 7, 4, 0, 1, 0)
    ]  # fmt: skip
    assert _rows(path, "SELECT step_number, seconds FROM step_times ORDER BY step_number") == [
        (1, 17),
        (2, 30),
        (4, 3600),
    ]


def test_a_completed_run_reaches_its_last_step(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with recording(path) as (_database, recorder):
        record(recorder, PlannedVisit(completed=True, qr=True), steps_total=8)
        assert recorder.flush(10)
    assert _rows(path, "SELECT furthest_step, completed, qr_shown FROM tutorial_runs") == [(8, 1, 1)]


def test_ids_are_random_and_nothing_else_identifies_a_visit(tmp_path: Path) -> None:
    with recording(tmp_path / "s.sqlite3") as (_database, recorder):
        ids = {recorder.start_visit(language="vi") for _ in range(50)}
    assert len(ids) == 50
    assert all(len(visit) == 32 and int(visit, 16) >= 0 for visit in ids)


@pytest.mark.parametrize(
    "call",
    [
        lambda r: r.start_visit(language="Nguyễn Văn A"),
        lambda r: r.start_visit(language="0912 345 678"),
        lambda r: r.start_visit(language="vi", mode="walk-in"),
        lambda r: r.start_run("v", tutorial_id="Tôi tên là", content_version="1", steps_total=3),
        lambda r: r.start_run("v", tutorial_id="vneid-install", content_version="1", steps_total=0),
        lambda r: r.record_step("r", -1, 3),
        lambda r: r.record_step("r", 0, -3),
        lambda r: r.end_visit("v", "crashed"),
        lambda r: r.set_feedback("v", 4),
    ],
)
def test_wrong_values_are_refused_at_the_call(call: object, tmp_path: Path) -> None:
    with recording(tmp_path / "s.sqlite3") as (_database, recorder), pytest.raises(ValueError):
        call(recorder)  # type: ignore[operator]


def test_an_odd_content_version_is_stored_as_a_code(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with recording(path) as (_database, recorder):
        visit = recorder.start_visit(language="vi")
        recorder.start_run(
            visit, tutorial_id="scam-drill", content_version="2026.11 (sửa lỗi)", steps_total=3
        )
        recorder.start_run(visit, tutorial_id="scam-drill", content_version="()", steps_total=3)
        assert recorder.flush(10)
    assert _rows(path, "SELECT content_version FROM tutorial_runs ORDER BY id") == [
        ("2026.11-s-a-l-i",),
        ("unknown",),
    ]


def test_writes_happen_on_the_writer_thread_and_are_acknowledged_after_commit(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    seen: list[tuple[str, str, bool]] = []
    caller = threading.current_thread().name

    def committed(row_id: str) -> None:
        on_disk = bool(_rows(path, f"SELECT 1 FROM visits WHERE uid = '{row_id}'"))
        seen.append((row_id, threading.current_thread().name, on_disk))

    with recording(path) as (_database, recorder):
        visit = recorder.start_visit(language="en", on_committed=committed)
        future = recorder.end_visit(visit, EndReason.IDLE, on_committed=committed)
        assert future.result(10) is None
    assert seen == [(visit, "visit-recorder", True), (visit, "visit-recorder", True)]
    assert caller != "visit-recorder"


def test_a_write_for_an_unknown_visit_fails_alone(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "s.sqlite3"
    with recording(path) as (_database, recorder):
        failed = recorder.start_run("0" * 32, tutorial_id="vneid-install", content_version="1", steps_total=3)
        assert failed
        good = recorder.start_visit(language="vi")
        assert recorder.flush(10)
    assert isinstance(caplog.records[-1].exc_info[1], sa_exc.IntegrityError)  # type: ignore[index]
    assert _rows(path, "SELECT uid FROM visits") == [(good,)]


def test_close_commits_what_is_queued_and_refuses_more(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    database = open_database(path)
    recorder = VisitRecorder(database)
    visits = [recorder.start_visit(language="vi") for _ in range(20)]
    recorder.close()
    recorder.close()
    database.close()
    assert sorted(str(row[0]) for row in _rows(path, "SELECT uid FROM visits")) == sorted(visits)
    with pytest.raises(RuntimeError):
        recorder.start_visit(language="vi")


class _FullDisk:
    """A database whose writes fail as on a full disk, to see the recorder carry on."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def connection(self, *, write: bool = False) -> object:
        raise DatabaseUnavailableError(Trouble.DISK_FULL, self.path, "database or disk is full")


def test_a_full_disk_is_reported_once_and_the_kiosk_carries_on(tmp_path: Path) -> None:
    reported: list[DatabaseUnavailableError] = []
    recorder = VisitRecorder(_FullDisk(tmp_path), on_unavailable=reported.append)  # type: ignore[arg-type]
    try:
        visit = recorder.start_visit(language="vi")
        run = recorder.start_run(visit, tutorial_id="vneid-install", content_version="1", steps_total=3)
        step = recorder.record_step(run, 0, 5)
        ended = recorder.end_visit(visit, EndReason.FINISHED)
        assert recorder.flush(10)
        for future in (step, ended):
            error = future.exception(10)
            assert isinstance(error, DatabaseUnavailableError)
            assert error.trouble is Trouble.DISK_FULL
        assert len(reported) == 1
        assert "full" in reported[0].message
    finally:
        recorder.close()
