"""The database module: pragmas on every connection, explicit transactions, failures sorted."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from kiosk.stats.db import database_path, open_database
from kiosk.stats.engine import BUSY_TIMEOUT_MS
from kiosk.stats.failures import DatabaseUnavailableError, Trouble, classify


def _pragmas(connection: object) -> tuple[object, ...]:
    run = connection.exec_driver_sql  # type: ignore[attr-defined]
    return tuple(
        run(f"PRAGMA {name}").scalar()
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    )


def test_the_database_lives_in_the_data_dir(data_dir: Path) -> None:
    database = open_database()
    try:
        assert database.path == database_path() == data_dir / "statistics.sqlite3"
        assert database.path.is_file()
    finally:
        database.close()


def test_every_connection_gets_the_pragmas(tmp_path: Path) -> None:
    database = open_database(tmp_path / "s.sqlite3")
    expected = ("wal", 2, 1, BUSY_TIMEOUT_MS)  # synchronous 2 is FULL
    seen: list[tuple[object, ...]] = []
    try:
        # Several connections at once, so the pool has to open new ones, from several threads.
        with database.engine.connect() as first, database.engine.connect() as second:
            seen += [_pragmas(first), _pragmas(second)]

        def in_thread() -> None:
            with database.engine.connect() as connection:
                seen.append(_pragmas(connection))

        threads = [threading.Thread(target=in_thread) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        database.engine.dispose()  # a fresh pool: connections made anew
        with database.engine.connect() as again:
            seen.append(_pragmas(again))
    finally:
        database.close()
    assert seen == [expected] * 6


def test_read_only_connections_get_them_too_and_cannot_write(tmp_path: Path) -> None:
    open_database(tmp_path / "s.sqlite3").close()
    database = open_database(tmp_path / "s.sqlite3", read_only=True)
    try:
        with database.connection() as connection:
            assert _pragmas(connection)[1:] == (2, 1, BUSY_TIMEOUT_MS)
            assert connection.exec_driver_sql("PRAGMA query_only").scalar() == 1
        with (
            pytest.raises((DatabaseUnavailableError, sa_exc.OperationalError)),
            database.session() as session,
        ):
            session.execute(text("DELETE FROM visits"))
    finally:
        database.close()


def test_a_failing_block_is_rolled_back(tmp_path: Path) -> None:
    database = open_database(tmp_path / "s.sqlite3")
    try:
        with pytest.raises(RuntimeError), database.connection(write=True) as connection:
            connection.exec_driver_sql(
                "INSERT INTO visits (uid, started_at, language, mode, text_size, high_contrast)"
                f" VALUES ('{'a' * 32}', '2026-11-24 10:00', 'vi', 'self', 'normal', 0)"
            )
            raise RuntimeError("the block failed")
        with database.connection() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM visits").scalar() == 0
    finally:
        database.close()


def test_opening_twice_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    database = open_database(path)
    with database.connection(write=True) as connection:
        connection.exec_driver_sql(
            "INSERT INTO visits (uid, started_at, language, mode, text_size, high_contrast)"
            f" VALUES ('{'b' * 32}', '2026-11-24 10:00', 'vi', 'self', 'normal', 0)"
        )
    database.close()
    database = open_database(path)
    try:
        assert database.notice is None
        with database.connection() as connection:
            assert connection.exec_driver_sql("SELECT uid FROM visits").scalar() == "b" * 32
    finally:
        database.close()


def test_the_schema_refuses_free_text(tmp_path: Path) -> None:
    database = open_database(tmp_path / "s.sqlite3")
    try:
        for column, value in (("language", "Nguyễn Văn A"), ("uid", "not-hex"), ("mode", "other")):
            values = {"uid": "c" * 32, "language": "vi", "mode": "self", column: value}
            with pytest.raises(sa_exc.IntegrityError), database.connection(write=True) as connection:
                connection.execute(
                    text(
                        "INSERT INTO visits (uid, started_at, language, mode, text_size, high_contrast)"
                        " VALUES (:uid, '2026-11-24 10:00', :language, :mode, 'normal', 0)"
                    ),
                    values,
                )
    finally:
        database.close()


def test_a_read_only_open_of_a_missing_file_is_an_environment_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(tmp_path / "missing.sqlite3", read_only=True)
    assert not (tmp_path / "missing.sqlite3").exists()
    assert raised.value.trouble is Trouble.MISSING
    assert "no visit has been recorded" in raised.value.message


@pytest.mark.parametrize(
    ("code", "trouble"),
    [
        (sqlite3.SQLITE_FULL, Trouble.DISK_FULL),
        (sqlite3.SQLITE_READONLY, Trouble.READ_ONLY),
        (sqlite3.SQLITE_CORRUPT, Trouble.DAMAGED),
        (sqlite3.SQLITE_NOTADB, Trouble.DAMAGED),
        (sqlite3.SQLITE_BUSY, Trouble.BUSY),
        (sqlite3.SQLITE_IOERR, Trouble.IO_ERROR),
        (sqlite3.SQLITE_CANTOPEN, Trouble.IO_ERROR),
    ],
)
def test_environment_failures_are_sorted_by_their_sqlite_code(
    code: int, trouble: Trouble, tmp_path: Path
) -> None:
    error = sqlite3.OperationalError("simulated")
    error.sqlite_errorcode = code  # set by SQLite on real errors
    found = classify(sa_exc.OperationalError("stmt", {}, error), tmp_path)
    assert found is not None
    assert found.trouble is trouble
    assert str(tmp_path) in found.message


def test_bugs_are_not_environment_failures(tmp_path: Path) -> None:
    database = open_database(tmp_path / "s.sqlite3")
    try:
        with pytest.raises(sa_exc.OperationalError) as raised, database.connection() as connection:
            connection.exec_driver_sql("SELECT * FROM no_such_table")
        assert classify(raised.value, tmp_path) is None
        assert classify(ValueError("wrong argument"), tmp_path) is None
    finally:
        database.close()


def test_a_real_damaged_file_is_an_environment_failure(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not a database " * 200)
    with pytest.raises(sqlite3.DatabaseError) as raised:
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    found = classify(raised.value, path)
    assert found is not None and found.trouble is Trouble.DAMAGED
