"""The one statistics database module: engine, sessions, pragmas, migrations, failures.

Opening follows one order, written once in ``kiosk.stats.startup.check_database``: check the
file (a damaged one is set aside, see ``kiosk.stats.integrity``), bring the schema to the
newest revision; then connect. Start-up runs that check before the window and hands its
result here (``checked``); every other caller gets the same check from ``open_database``.
How each connection is made (pragmas, explicit transactions) is ``kiosk.stats.engine``.
Environment failures surface as ``DatabaseUnavailableError``; see ``kiosk.stats.failures``.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from kiosk.stats.engine import WRITE_OPTION, make_engine
from kiosk.stats.failures import DatabaseUnavailableError, Trouble, environment_errors
from kiosk.stats.integrity import DamageNotice
from kiosk.stats.schema_version import SCHEMA_HEAD, revision_of
from kiosk.stats.startup import StartupCheck, on_read_only_medium, prepare_database
from kiosk.system import paths

log = logging.getLogger(__name__)


def database_path() -> Path:
    return paths.statistics_database()


class Database:
    """An open statistics database. Thread-safe: each thread checks out its own connection."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool, notice: DamageNotice | None) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        # Set when a damaged file was set aside at open: the organiser must be told.
        self.notice = notice
        self._reads = sessionmaker(engine, expire_on_commit=False)
        self._writes = sessionmaker(engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        with environment_errors(self.path), self._writes.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only snapshot: every query in the block sees the same moment."""
        with environment_errors(self.path), self._reads() as session, session.begin():
            yield session

    @contextmanager
    def connection(self, *, write: bool = False) -> Iterator[Connection]:
        """A Core connection in one transaction, for bulk inserts and streamed exports."""
        engine = self.engine.execution_options(**{WRITE_OPTION: True}) if write else self.engine
        with environment_errors(self.path), engine.begin() as connection:
            yield connection

    def schema_revision(self) -> str | None:
        with environment_errors(self.path), self.engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            return revision_of(driver)

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    path: Path | None = None,
    *,
    read_only: bool = False,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    checked: StartupCheck | None = None,
) -> Database:
    """Open (creating or upgrading as needed) the statistics database.

    Raises ``DatabaseUnavailableError`` when the machine prevents it (disk full, read-only,
    damaged beyond setting aside); the caller keeps the kiosk running without statistics.
    A read-only open (exports) never creates, checks, migrates or changes the file.
    ``checked``: this start's ``kiosk.stats.startup`` check found the file sound and at the
    newest schema, so it does not run again; without it the same check runs here.
    """
    path = path if path is not None else database_path()
    if read_only:
        return _open_read_only(path)
    if checked is None or not checked.ready or checked.path != path:
        checked = prepare_database(path, now=now)
    with environment_errors(path):
        return Database(path, make_engine(path), read_only=False, notice=checked.notice)


def _open_read_only(path: Path) -> Database:
    if not path.is_file():
        raise DatabaseUnavailableError(Trouble.IO_ERROR, path, "there is no statistics database yet")
    journal = path.with_name(path.name + "-wal")
    if on_read_only_medium(path) and journal.is_file() and journal.stat().st_size > 0:
        raise DatabaseUnavailableError(
            Trouble.READ_ONLY,
            path,
            "its -wal journal holds writes that cannot be applied on a read-only disk",
        )
    engine = make_engine(path, read_only=True, immutable=on_read_only_medium(path))
    database = Database(path, engine, read_only=True, notice=None)
    revision = database.schema_revision()
    if revision != SCHEMA_HEAD:
        database.close()
        raise DatabaseUnavailableError(
            Trouble.IO_ERROR,
            path,
            f"schema {revision} is not this version's {SCHEMA_HEAD}; start the kiosk once",
        )
    return database
