"""The start-up check (standard sqlite3, Alembic only when the schema is old) and the background open."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.stats.db import open_database
from kiosk.stats.failures import DatabaseUnavailableError, Trouble
from kiosk.stats.models import Visit
from kiosk.stats.schema_version import SCHEMA_HEAD
from kiosk.stats.service import Statistics
from kiosk.stats.startup import StartupCheck, check_database, on_read_only_medium
from kiosk.system import paths
from tests.helpers.mounts import read_only_ext4

ROOT = Path(__file__).resolve().parents[4]


def test_a_new_file_is_migrated_once_then_only_checked(data_dir: Path) -> None:
    first = check_database()
    assert first.ready and first.migrated and first.notice is None
    assert first.path == paths.statistics_database()
    second = check_database()
    assert second.ready and not second.migrated


def test_a_checked_start_loads_neither_alembic_nor_sqlalchemy(data_dir: Path) -> None:
    check_database()
    probe = (
        "import sys; from kiosk.system import paths; from pathlib import Path; "
        f"paths.set_data_dir(Path({str(data_dir)!r})); "
        "from kiosk.stats.startup import check_database; "
        "check = check_database(); assert check.ready and not check.migrated, check; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_damaged_file_is_set_aside_and_a_fresh_one_started(data_dir: Path) -> None:
    path = paths.statistics_database()
    path.write_bytes(b"this is not a database" * 100)
    check = check_database()
    assert check.ready and check.migrated
    assert check.notice is not None and check.notice.kept_as.exists()
    assert check.notice.kept_as.read_bytes().startswith(b"this is not a database")
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)


def test_a_schema_from_a_newer_kiosk_is_left_alone(data_dir: Path) -> None:
    check_database()
    path = paths.statistics_database()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    check = check_database()
    assert not check.ready
    assert check.unavailable is not None and "newer version" in check.unavailable.detail
    assert path.read_bytes() == before


def test_an_open_without_a_check_runs_the_same_check(data_dir: Path) -> None:
    path = paths.statistics_database()
    path.write_bytes(b"this is not a database" * 100)
    database = open_database(path)
    try:
        assert database.notice is not None and database.notice.kept_as.exists()
        assert database.schema_revision() == SCHEMA_HEAD
    finally:
        database.close()
    assert check_database(path).ready and not check_database(path).migrated


def test_an_open_refuses_a_schema_from_a_newer_kiosk_as_the_check_does(data_dir: Path) -> None:
    check_database()
    path = paths.statistics_database()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(path)
    assert "newer version" in raised.value.detail


def test_a_read_only_data_dir_turns_statistics_off_without_raising(tmp_path: Path) -> None:
    with read_only_ext4(tmp_path / "mnt", tmp_path / "disk.img") as folder:
        check = check_database(folder / "statistics.sqlite3")
    assert not check.ready
    assert check.unavailable is not None and check.unavailable.trouble is Trouble.READ_ONLY


def test_an_open_on_a_read_only_data_dir_names_the_read_only_disk(tmp_path: Path) -> None:
    with (
        read_only_ext4(tmp_path / "mnt", tmp_path / "disk.img") as folder,
        pytest.raises(DatabaseUnavailableError) as raised,
    ):
        open_database(folder / "statistics.sqlite3")
    assert raised.value.trouble is Trouble.READ_ONLY


def test_the_background_open_gives_a_working_recorder(data_dir: Path) -> None:
    statistics = Statistics(check_database())
    statistics.open_in_background()
    recorder = statistics.recorder()
    database = statistics.database()
    assert recorder is not None and database is not None
    recorder.start_visit(language="vi")
    assert recorder.flush(30)
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 1
    statistics.close()


def test_the_check_can_wait_for_the_background_and_still_gives_a_working_recorder(data_dir: Path) -> None:
    """As the kiosk starts: the check is run on the background thread, with the open."""
    ran: list[str] = []

    def check_later() -> StartupCheck:
        ran.append(threading.current_thread().name)
        return check_database()

    path = data_dir / "statistics.sqlite3"
    statistics = Statistics(check_later, path=path)
    assert ran == [] and statistics.path == path
    assert statistics.wait_checked(30)
    assert ran == ["statistics-open"]
    recorder = statistics.recorder()
    assert recorder is not None and statistics.unavailable is None and statistics.check.ready
    recorder.start_visit(language="vi")
    assert recorder.flush(30)
    statistics.close()


def test_a_check_in_the_background_on_a_read_only_disk_turns_statistics_off(tmp_path: Path) -> None:
    with read_only_ext4(tmp_path / "mnt", tmp_path / "disk.img") as folder:
        path = folder / "statistics.sqlite3"
        statistics = Statistics(lambda: check_database(path), path=path)
        assert statistics.recorder() is None
        unavailable = statistics.unavailable
        assert unavailable is not None and unavailable.trouble is Trouble.READ_ONLY
        statistics.close()


def test_statistics_off_answers_none(tmp_path: Path) -> None:
    with read_only_ext4(tmp_path / "mnt", tmp_path / "disk.img") as folder:
        statistics = Statistics(check_database(folder / "statistics.sqlite3"))
        assert statistics.recorder() is None
        assert statistics.database() is None
        assert statistics.unavailable is not None
        statistics.close()


@pytest.mark.parametrize("statvfs", [True, False], ids=["statvfs", "no-statvfs"])
def test_a_read_only_disk_is_recognised_with_or_without_statvfs(
    statvfs: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not statvfs:
        # As on Windows: whether the folder refuses writing is the sign.
        monkeypatch.delattr(os, "statvfs")
    assert not on_read_only_medium(tmp_path / "not-yet" / "statistics.sqlite3")
    with read_only_ext4(tmp_path / "mnt", tmp_path / "disk.img") as folder:
        assert on_read_only_medium(folder / "statistics.sqlite3")
