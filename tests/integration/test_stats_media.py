"""The statistics database on a full disk and on a read-only one: a calm error, and the kiosk goes on."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.stats.db import open_database
from kiosk.stats.demo import demo_data
from kiosk.stats.failures import DatabaseUnavailableError, Trouble
from kiosk.stats.recorder import EndReason, VisitRecorder
from tests.helpers.mounts import read_only_ext4, tmpfs
from tests.helpers.stats import TUTORIALS, PlannedVisit, export, fill


def test_a_full_disk_stops_the_statistics_not_the_kiosk(tmp_path: Path) -> None:
    reported: list[DatabaseUnavailableError] = []
    with tmpfs(tmp_path / "disk", "1m") as disk:
        database = open_database(disk / "statistics.sqlite3")
        recorder = VisitRecorder(database, on_unavailable=reported.append)
        try:
            acknowledged = []
            for _ in range(5000):
                visit = recorder.start_visit(language="vi")
                run = recorder.start_run(
                    visit, tutorial_id="vneid-install", content_version="1", steps_total=3
                )
                recorder.record_step(run, 0, 5)
                if recorder.end_visit(visit, EndReason.FINISHED).exception(30) is None:
                    acknowledged.append(visit)
                if reported:
                    break
            assert reported, "the disk never filled up"
            assert reported[0].trouble is Trouble.DISK_FULL
            assert "disk is full" in reported[0].message
            # The recorder still takes calls (the UI never notices), and says why they fail.
            later = recorder.end_visit(recorder.start_visit(language="en"), EndReason.HOME)
            assert isinstance(later.exception(30), DatabaseUnavailableError)
        finally:
            recorder.close()
            database.close()
        connection = sqlite3.connect(disk / "statistics.sqlite3")
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            stored = {row[0] for row in connection.execute("SELECT uid FROM visits")}
        finally:
            connection.close()
        assert set(acknowledged) <= stored
        assert len(acknowledged) > 10


def test_a_read_only_disk_gives_a_calm_error(tmp_path: Path) -> None:
    def put_statistics(folder: Path) -> None:
        opened = open_database(folder / "statistics.sqlite3")
        try:
            demo_data(opened, 20, tutorials=TUTORIALS, seed=1)
        finally:
            opened.close()

    with read_only_ext4(tmp_path / "disk", tmp_path / "disk.img", put_statistics) as disk:
        with pytest.raises(DatabaseUnavailableError) as raised:
            open_database(disk / "statistics.sqlite3")
        assert raised.value.trouble is Trouble.READ_ONLY
        assert "cannot be written" in raised.value.message
        with pytest.raises(DatabaseUnavailableError) as fresh:
            open_database(disk / "new" / "statistics.sqlite3")
        assert fresh.value.trouble is Trouble.READ_ONLY


def test_an_export_reads_a_database_it_may_not_write(tmp_path: Path) -> None:
    def put_statistics(folder: Path) -> None:
        fill(folder / "statistics.sqlite3", [(datetime(2026, 11, 24, 2, 0, tzinfo=UTC), PlannedVisit())])

    with read_only_ext4(tmp_path / "disk", tmp_path / "disk.img", put_statistics) as disk:
        target = tmp_path / "stick"
        target.mkdir()
        result = export(disk / "statistics.sqlite3", target)
        assert result.visits == 1
