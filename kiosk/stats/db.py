"""The one statistics database module: engine, sessions, pragmas, migrations, failures.

Opening follows one order, written once in ``kiosk.stats.startup.check_database``: check the
file (a damaged one is set aside, see ``kiosk.stats.integrity``), bring the schema to the
newest revision, compare it with the high-water record (``kiosk.stats.highwater``); then
connect. Start-up runs that check before the window and hands its result here (``checked``);
every other caller gets the same check from ``open_database``. How each connection is made
(pragmas, explicit transactions) is ``kiosk.stats.engine``. Environment failures surface as
``DatabaseUnavailableError``; see ``kiosk.stats.failures``.

A read-only open (``kiosk stats``, ``kiosk export``, the export job) changes nothing, so it
works on a read-only or full disk: when SQLite cannot make its ``-shm`` file there, a file with
no pending ``-wal`` writes is read as immutable, and one with pending writes is copied (with
its ``-wal``) to a temporary folder and read there. It refuses, with the reason, a file that
is missing, at another schema, missing a table or (``verify``) damaged, and says when the
file holds less than the high-water record counted.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from kiosk.stats.engine import BUSY_TIMEOUT_MS, WRITE_OPTION, make_engine
from kiosk.stats.failures import DatabaseUnavailableError, Trouble, environment_errors
from kiosk.stats.highwater import Loss, Tally, check_against_record
from kiosk.stats.integrity import DamageNotice, findings_of
from kiosk.stats.schema_version import revision_of, schema_problem
from kiosk.stats.startup import StartupCheck, on_read_only_medium, prepare_database, sound_tally
from kiosk.system import paths

log = logging.getLogger(__name__)


# A checkpoint waits this long for a reader (an export) to move on, then leaves the rest for later.
CHECKPOINT_WAIT_MS = 200
# Read-only opens fall back (immutable, or a copy) when SQLite cannot open the file in place for these.
_CANNOT_READ_IN_PLACE = frozenset({Trouble.IO_ERROR, Trouble.READ_ONLY, Trouble.DISK_FULL})


def database_path() -> Path:
    return paths.statistics_database()


@dataclass(frozen=True)
class Checkpoint:
    """A ``wal_checkpoint(TRUNCATE)``: whether a reader kept part of the journal, and the tally after."""

    complete: bool
    tally: Tally


class Database:
    """An open statistics database. Thread-safe: each thread checks out its own connection."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        read_only: bool,
        notice: DamageNotice | None,
        loss: Loss | None = None,
        copy_folder: Path | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        # Set when a damaged file was set aside at open: the organiser must be told.
        self.notice = notice
        # Set when the file holds less than the high-water record counted: told too.
        self.loss = loss
        # A read-only open that read a temporary copy: removed at close.
        self._copy_folder = copy_folder
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

    def checkpoint(self) -> Checkpoint:
        """Move the ``-wal`` journal into the file and empty it, then count the rows.

        A journal holds committed visits that exist nowhere else: deleting it, or a copy of the
        file without it, loses them. Run at the end of each visit (on the recorder's thread):
        a few milliseconds. A reader holding an old snapshot (a long export) may keep part of
        the journal; the checkpoint does not wait for it beyond ``CHECKPOINT_WAIT_MS``.
        """
        with environment_errors(self.path), self.engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            driver.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
            try:
                busy, _, _ = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                driver.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            return Checkpoint(complete=busy == 0, tally=sound_tally(driver, self.path))

    def record_high_water(self, now: datetime | None = None) -> Checkpoint:
        """Checkpoint, then bring the high-water record up to date (a loss found is kept in ``loss``)."""
        done = self.checkpoint()
        loss = check_against_record(self.path, done.tally, now or datetime.now(UTC))
        if loss is not None:
            self.loss = loss
        return done

    def close(self) -> None:
        self.engine.dispose()
        if self._copy_folder is not None:
            shutil.rmtree(self._copy_folder, ignore_errors=True)
            self._copy_folder = None


def open_database(
    path: Path | None = None,
    *,
    read_only: bool = False,
    verify: bool = False,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    checked: StartupCheck | None = None,
) -> Database:
    """Open (creating or upgrading as needed) the statistics database.

    Raises ``DatabaseUnavailableError`` when the machine prevents it (disk full, read-only,
    damaged beyond setting aside, a schema this version cannot use); the caller keeps the
    kiosk running without statistics. A read-only open (commands, exports) never creates,
    sets aside, migrates or changes the file; with ``verify`` it also runs ``quick_check``
    and refuses a damaged file. ``checked``: this start's ``kiosk.stats.startup`` check found
    the file sound and at the newest schema, so it does not run again; without it the same
    check runs here.
    """
    path = path if path is not None else database_path()
    if read_only:
        return _open_read_only(path, verify=verify, now=now)
    if checked is None or not checked.ready or checked.path != path:
        checked = prepare_database(path, now=now)
    with environment_errors(path):
        return Database(path, make_engine(path), read_only=False, notice=checked.notice, loss=checked.loss)


def _open_read_only(path: Path, *, verify: bool, now: Callable[[], datetime]) -> Database:
    if not path.is_file():
        # (Whether visits recorded before are missing: ``missing_database_loss``.)
        detail = "it is not a file" if path.exists() else "no visit has been recorded in this data dir yet"
        raise DatabaseUnavailableError(Trouble.MISSING, path, detail)
    journal = path.with_name(path.name + "-wal")
    pending = journal.is_file() and journal.stat().st_size > 0
    if on_read_only_medium(path):
        database = _read_copy(path, journal) if pending else _read_in_place(path, immutable=True)
    else:
        try:
            database = _read_in_place(path, immutable=False)
        except DatabaseUnavailableError as error:
            # A full disk or a folder the reader may not write: SQLite cannot make its -shm file.
            if error.trouble not in _CANNOT_READ_IN_PLACE:
                raise
            log.info("reading %s in place failed (%s); reading it without its -shm file", path, error.detail)
            database = _read_copy(path, journal) if pending else _read_in_place(path, immutable=True)
    try:
        tally = _check_read_only(database, verify)
    except BaseException:
        database.close()
        raise
    database.loss = check_against_record(path, tally, now(), write=False)
    return database


def missing_database_loss(path: Path, now: datetime | None = None) -> Loss | None:
    """The visits the high-water record counted, when the database file itself is gone."""
    return check_against_record(path, Tally(), now or datetime.now(UTC), write=False)


def _read_in_place(path: Path, *, immutable: bool) -> Database:
    database = Database(
        path, make_engine(path, read_only=True, immutable=immutable), read_only=True, notice=None
    )
    try:
        database.schema_revision()
    except BaseException:
        database.close()
        raise
    return database


def _read_copy(path: Path, journal: Path) -> Database:
    """The file and its pending ``-wal`` writes, copied to a temporary folder and read there."""
    try:
        folder = Path(tempfile.mkdtemp(prefix="kiosk-statistics-"))
    except OSError as error:
        raise DatabaseUnavailableError(
            Trouble.READ_ONLY, path, f"its -wal journal cannot be read here and no temporary copy: {error}"
        ) from error
    copy = folder / path.name
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(journal, copy.with_name(copy.name + "-wal"))
        engine = make_engine(copy, read_only=True)
        database = Database(path, engine, read_only=True, notice=None, copy_folder=folder)
    except BaseException as error:
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(error, OSError):
            raise DatabaseUnavailableError(
                Trouble.READ_ONLY,
                path,
                f"its -wal journal holds writes that cannot be read in place, and copying it failed: {error}",
            ) from error
        raise
    try:
        database.schema_revision()
    except BaseException:
        database.close()
        raise
    log.info("read %s from a temporary copy with its -wal journal", path)
    return database


def _check_read_only(database: Database, verify: bool) -> Tally:
    """The schema, every table and (``verify``) the pages, read-only; the rows counted."""
    path = database.path
    with environment_errors(path), database.engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        if verify:
            damage = findings_of(driver)
            if damage is not None:
                raise DatabaseUnavailableError(Trouble.DAMAGED, path, damage)
        problem = schema_problem(revision_of(driver))
        if problem is not None:
            if path.stat().st_size == 0:
                problem = "it is empty: 0 bytes"
            raise DatabaseUnavailableError(Trouble.SCHEMA, path, problem)
        return sound_tally(driver, path)
