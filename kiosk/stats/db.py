"""The one statistics database module: engine, sessions, pragmas, migrations, failures.

Opening follows one order: check the file (a damaged one is set aside, see
``kiosk.stats.integrity``), connect, bring the schema to the newest revision. Every
connection gets WAL (readers never block the writer), ``synchronous=FULL`` (a commit is on
disk before it is acknowledged, so a power cut loses nothing committed), foreign keys and a
busy timeout. Transactions are explicit (``BEGIN`` is issued by us, not guessed by the
driver) so a read sees one consistent snapshot and a write takes the lock up front.
Environment failures surface as ``DatabaseUnavailableError``; see ``kiosk.stats.failures``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from kiosk.stats.failures import DatabaseUnavailableError, Trouble, environment_errors
from kiosk.stats.integrity import DamageNotice, set_aside_if_damaged
from kiosk.system import paths

if TYPE_CHECKING:
    from kiosk.stats.startup import StartupCheck

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
# Execution option that makes a transaction take the write lock at BEGIN.
_WRITE_OPTION = "kiosk_write"


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
        self._writes = sessionmaker(engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False)

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
        engine = self.engine.execution_options(**{_WRITE_OPTION: True}) if write else self.engine
        with environment_errors(self.path), engine.begin() as connection:
            yield connection

    def schema_revision(self) -> str | None:
        from kiosk.stats.startup import revision_of

        with environment_errors(self.path), self.engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            return revision_of(driver)

    def close(self) -> None:
        self.engine.dispose()


def on_read_only_medium(path: Path) -> bool:
    """True when ``path`` (or the nearest folder above it that exists) is on a read-only mount."""
    for folder in (path, *path.parents):
        try:
            return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
        except FileNotFoundError:
            continue
        except OSError:
            return False
    return False


def _connector(path: Path, *, read_only: bool) -> Callable[[], sqlite3.Connection]:
    # On a read-only disk SQLite cannot make the -shm file WAL readers need; nothing can change
    # the file there, so it is opened as immutable (see _open_read_only for the -wal case).
    immutable = read_only and on_read_only_medium(path)

    def connect() -> sqlite3.Connection:
        # isolation_level=None: the driver never opens transactions on its own; see _begin.
        if read_only:
            target = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
            return sqlite3.connect(
                target,
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        return sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )

    return connect


def _on_connect(read_only: bool) -> Callable[[Any, ConnectionPoolEntry], None]:
    def set_pragmas(driver: Any, _record: ConnectionPoolEntry) -> None:
        cursor = driver.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if read_only:
                cursor.execute("PRAGMA query_only=ON")
            else:
                mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    log.warning("statistics database refused WAL (journal mode %s)", mode)
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    return set_pragmas


def _begin(connection: Connection) -> None:
    write = connection.get_execution_options().get(_WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine whose every connection carries the kiosk's pragmas (tests use it directly)."""
    engine = create_engine(f"sqlite:///{path}", creator=_connector(path, read_only=read_only))
    event.listen(engine, "connect", _on_connect(read_only))
    event.listen(engine, "begin", _begin)
    return engine


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
    newest schema, so neither the check nor Alembic runs again.
    """
    path = path if path is not None else database_path()
    if read_only:
        return _open_read_only(path)
    if checked is not None and checked.ready and checked.path == path:
        with environment_errors(path):
            return Database(path, make_engine(path), read_only=False, notice=checked.notice)
    from kiosk.stats import migrate

    notice: DamageNotice | None = None
    try:
        with environment_errors(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            notice = set_aside_if_damaged(path, now())
            engine = make_engine(path)
            try:
                migrate.upgrade(engine)
            except BaseException:
                engine.dispose()
                raise
    except DatabaseUnavailableError as error:
        # SQLite says "unable to open" where the real reason is a read-only disk: name it.
        if error.trouble is not Trouble.READ_ONLY and on_read_only_medium(path):
            raise DatabaseUnavailableError(Trouble.READ_ONLY, path, error.detail) from error
        raise
    return Database(path, engine, read_only=False, notice=notice)


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
    from kiosk.stats.startup import SCHEMA_HEAD

    engine = make_engine(path, read_only=True)
    database = Database(path, engine, read_only=True, notice=None)
    revision = database.schema_revision()
    head = SCHEMA_HEAD
    if revision != head:
        database.close()
        raise DatabaseUnavailableError(
            Trouble.IO_ERROR, path, f"schema {revision} is not this version's {head}; start the kiosk once"
        )
    return database
