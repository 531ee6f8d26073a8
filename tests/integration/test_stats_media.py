"""The statistics database on a full disk and on a read-only one: a calm error, and the kiosk goes on.

``kiosk stats`` and ``kiosk export`` read it there all the same, changing nothing (M4).
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.export.cli import export_command
from kiosk.stats.cli import demo_data_command, stats_command
from kiosk.stats.db import open_database
from kiosk.stats.demo import demo_data
from kiosk.stats.failures import DatabaseUnavailableError, Trouble
from kiosk.stats.recorder import EndReason, VisitRecorder
from kiosk.system import paths
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


PENDING = 40
# Visits two days ago (a whole day that is over, so the export takes them too), kept in the -wal only.
_PENDING_CHILD = """
import os, sqlite3, sys, uuid
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA wal_autocheckpoint=0")
connection.execute("BEGIN")
for _ in range(int(sys.argv[2])):
    connection.execute(
        "INSERT INTO visits (uid, started_at, ended_at, language, mode, text_size, high_contrast,"
        " end_reason, demo) VALUES (?, ?, ?, 'vi', 'self', 'normal', 0, 'finished', 0)",
        (uuid.uuid4().hex, sys.argv[3], sys.argv[3]),
    )
connection.execute("COMMIT")
os._exit(0)
"""


def _pending_visits(path: Path, count: int) -> None:
    """``count`` committed visits that only the ``-wal`` journal holds, as a power cut leaves them."""
    minute = (datetime.now(UTC) - timedelta(days=2)).replace(hour=5).strftime("%Y-%m-%d %H:%M")
    subprocess.run(
        [sys.executable, "-c", _PENDING_CHILD, str(path), str(count), minute], check=True, timeout=60
    )
    assert path.with_name(path.name + "-wal").stat().st_size > 0


def _prepare_data_dir(folder: Path, pending: bool) -> None:
    """A data dir as the kiosk leaves it: statistics (maybe with writes in the -wal), its id and key."""
    paths.set_data_dir(folder)
    out = io.StringIO()
    if pending:
        open_database(folder / "statistics.sqlite3").close()
        _pending_visits(folder / "statistics.sqlite3", PENDING)
    else:
        assert demo_data_command(300, out) == 0, out.getvalue()
    stick = folder / "first-stick"
    stick.mkdir()
    assert export_command(stick, None, out) == 0, out.getvalue()
    shutil.rmtree(stick)


def _last_7_days_visits(text: str) -> int:
    [line] = [line for line in text.splitlines() if line.startswith("visits ")]
    return int(line.split()[2])


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        path.name: path.read_bytes()
        for path in folder.iterdir()
        if path.is_file() and path.suffix != ".sqlite3-shm"
    }


def _stats_and_export(folder: Path, stick: Path) -> tuple[str, str]:
    paths.set_data_dir(folder)
    before = _contents(folder)
    out = io.StringIO()
    assert stats_command(out) == 0, out.getvalue()
    stats = out.getvalue()
    out = io.StringIO()
    assert export_command(stick, None, out) == 0, out.getvalue()
    exported = out.getvalue()
    assert "safe to remove" in exported and "warning" not in stats + exported
    # Neither command changed the local data (SQLite may leave the few bytes of an -shm index).
    assert _contents(folder) == before
    return stats, exported


@pytest.mark.parametrize("pending", [False, True], ids=["checkpointed", "writes-in-the-wal"])
def test_stats_and_export_work_from_a_read_only_data_dir(tmp_path: Path, pending: bool) -> None:
    """M4: flash storage that fell into read-only mode; the commands still read everything."""
    stick = tmp_path / "stick"
    stick.mkdir()
    with read_only_ext4(
        tmp_path / "disk", tmp_path / "disk.img", lambda folder: _prepare_data_dir(folder, pending)
    ) as folder:
        stats, exported = _stats_and_export(folder, stick)
    if pending:
        assert _last_7_days_visits(stats) == PENDING
        assert exported.startswith(f"Exported {PENDING} visits")
    assert len(list((stick / "digital-literacy-kiosk").iterdir())) == 1


@pytest.mark.parametrize("pending", [False, True], ids=["checkpointed", "writes-in-the-wal"])
def test_stats_and_export_work_from_a_full_data_disk(tmp_path: Path, pending: bool) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    with tmpfs(tmp_path / "disk", "4m") as folder:
        _prepare_data_dir(folder, pending)
        for companion in ("-shm",):
            (folder / f"statistics.sqlite3{companion}").unlink(missing_ok=True)
        with (folder / "filler").open("wb") as filler, contextlib.suppress(OSError):
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        assert shutil.disk_usage(folder).free < 65536
        stats, exported = _stats_and_export(folder, stick)
    if pending:
        assert _last_7_days_visits(stats) == PENDING
        assert exported.startswith(f"Exported {PENDING} visits")
