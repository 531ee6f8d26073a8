"""A damaged statistics file is set aside with its companions, kept, and a fresh one is started."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from kiosk.stats.db import open_database
from kiosk.stats.demo import demo_data
from kiosk.stats.integrity import damaged_files, quick_check
from tests.helpers.stats import TUTORIALS, PlannedVisit, record, recording

MOMENT = datetime(2026, 11, 24, 8, 30, 5, tzinfo=UTC)


def _database_with_visits(path: Path, visits: int) -> None:
    with recording(path) as (database, recorder):
        demo_data(database, visits, tutorials=TUTORIALS, seed=4)
        record(recorder, PlannedVisit())
        assert recorder.flush(10)


def _damage_pages(path: Path) -> None:
    """Overwrite the middle of the file (table and index pages), keeping the header valid."""
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    for offset in range(2 * page, len(data) - page, page):
        data[offset + 100 : offset + 1100] = b"\xa5" * 1000
    path.write_bytes(bytes(data))


def test_a_sound_file_passes(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    _database_with_visits(path, 20)
    assert quick_check(path) is None
    database = open_database(path, now=lambda: MOMENT)
    database.close()
    assert database.notice is None
    assert damaged_files(tmp_path, path.name) == []


def test_damaged_pages_are_set_aside_and_a_fresh_database_starts(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    _database_with_visits(path, visits=300)
    original = path.read_bytes()
    _damage_pages(path)
    damaged = path.read_bytes()
    assert original != damaged
    assert quick_check(path) is not None

    database = open_database(path, now=lambda: MOMENT)
    try:
        assert database.notice is not None
        kept = database.notice.kept_as
        assert kept == tmp_path / "statistics.damaged-20261124T083005Z.sqlite3"
        # Kept byte for byte, not repaired or checkpointed.
        assert kept.read_bytes() == damaged
        assert "statistics.damaged-20261124T083005Z.sqlite3" in database.notice.message
        with database.connection() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM visits").scalar() == 0
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        database.close()
    assert damaged_files(tmp_path, path.name) == [kept]


def test_a_file_that_is_not_a_database_is_set_aside_with_its_wal_and_shm(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    path.write_bytes(b"\x00garbage" * 1000)
    (tmp_path / "statistics.sqlite3-wal").write_bytes(b"wal bytes")
    (tmp_path / "statistics.sqlite3-shm").write_bytes(b"shm bytes")
    database = open_database(path, now=lambda: MOMENT)
    database.close()
    notice = database.notice
    assert notice is not None
    kept = notice.kept_as
    assert kept.read_bytes() == b"\x00garbage" * 1000
    assert (tmp_path / f"{kept.name}-wal").read_bytes() == b"wal bytes"
    # The -shm is SQLite's rebuildable index of the -wal (the check may refresh it); it moves along.
    assert (tmp_path / f"{kept.name}-shm").exists()
    # The fresh database is sound and has its own schema.
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() is not None
    finally:
        connection.close()


def test_two_damaged_files_in_the_same_second_are_both_kept(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    kept = []
    for marker in (b"first", b"second"):
        path.write_bytes(marker * 2000)
        database = open_database(path, now=lambda: MOMENT)
        database.close()
        assert database.notice is not None
        kept.append(database.notice.kept_as)
    assert kept[0] != kept[1]
    assert {p.read_bytes()[:6] for p in kept} == {b"firstf", b"second"}
    assert damaged_files(tmp_path, path.name) == sorted(kept)
