"""The statistics database's check at start-up, before the QApplication: standard ``sqlite3`` only.

Loading SQLAlchemy and Alembic takes about half a second on a kiosk's old laptop, longer than
showing the start screen. So start-up (``ui.main``) checks the file here with the standard
library: a damaged file is set aside (``kiosk.stats.integrity``) and the schema revision is
read from Alembic's ``alembic_version`` table (``kiosk.stats.schema_version``). Only when it
is not ``SCHEMA_HEAD`` (a new file, or one made by an older version) does Alembic run, before
the window exists. A stamp this version does not know, or a table missing, is refused
(``Trouble.SCHEMA``: statistics off, the file left as it is). Last, the rows are counted and
compared with the high-water record beside the file (``kiosk.stats.highwater``): a file that
holds less than before is noted, never accepted silently. The database is then opened without checking again
(``open_database(checked=...)``) on a background thread once the start screen is up
(``kiosk.stats.service``).

This is the one place that checks and migrates: ``kiosk.stats.db.open_database`` calls it
when no check was handed over, and this module never imports ``kiosk.stats.db``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.stats.failures import DatabaseUnavailableError, Trouble, classify, environment_errors
from kiosk.stats.highwater import Loss, Tally, check_against_record, tally_of
from kiosk.stats.integrity import DamageNotice, set_aside_if_damaged
from kiosk.stats.schema_version import (
    KNOWN_REVISIONS,
    SCHEMA_HEAD,
    missing_tables,
    revision_of,
    schema_problem,
)
from kiosk.system import paths

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StartupCheck:
    """What the check found; ``ready`` when the file can be opened as it is."""

    path: Path
    # A damaged file was set aside: the organiser is told.
    notice: DamageNotice | None = None
    # The machine prevents statistics (read-only or full disk): the kiosk runs without them.
    unavailable: DatabaseUnavailableError | None = None
    # Alembic ran (a new file or an older schema).
    migrated: bool = False
    # The file holds less than the high-water record beside it says it held (kiosk.stats.highwater).
    loss: Loss | None = None

    @property
    def ready(self) -> bool:
        return self.unavailable is None


def on_read_only_medium(path: Path) -> bool:
    """True when ``path`` (or the nearest folder above it that exists) is on a read-only mount.

    Where there is no ``statvfs`` (Windows), a file or folder that refuses writing is the
    nearest sign there is.
    """
    for folder in (path, *path.parents):
        try:
            if not hasattr(os, "statvfs"):
                if not folder.exists():
                    continue
                return not os.access(folder, os.W_OK)
            return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
        except FileNotFoundError:
            continue
        except OSError:
            return False
    return False


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)


def _read_revision(path: Path) -> str | None:
    if not path.exists():
        return None
    connection = _connect_read_only(path)
    try:
        return revision_of(connection)
    finally:
        connection.close()


def sound_tally(connection: sqlite3.Connection, path: Path) -> Tally:
    """The tally of a file at ``SCHEMA_HEAD``; a table dropped by hand is refused, not met later as a bug."""
    missing = missing_tables(connection)
    if missing:
        raise DatabaseUnavailableError(
            Trouble.SCHEMA,
            path,
            f"its table{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"{'are' if len(missing) > 1 else 'is'} missing: restore the file from a copy, or move it away "
            "to start a fresh one",
        )
    return tally_of(connection)


def _read_tally(path: Path) -> Tally:
    connection = _connect_read_only(path)
    try:
        return sound_tally(connection, path)
    finally:
        connection.close()


def _migrate(path: Path) -> None:
    # Alembic and SQLAlchemy are loaded only here, on a new file or after an update of the kiosk.
    from sqlalchemy.exc import OperationalError

    from kiosk.stats import migrate
    from kiosk.stats.engine import make_engine

    with environment_errors(path):
        engine = make_engine(path)
        try:
            migrate.upgrade(engine)
        except (migrate.MigrationError, OperationalError) as error:
            # The file's content, not the program: a table dropped by hand in an older schema.
            if classify(error, path) is not None:
                raise
            detail = " ".join(str(error).split())[:200]
            raise DatabaseUnavailableError(
                Trouble.SCHEMA, path, f"upgrading it to schema {SCHEMA_HEAD} failed: {detail}"
            ) from error
        finally:
            engine.dispose()


def _set_aside_if_damaged(path: Path, now: Callable[[], datetime]) -> DamageNotice | None:
    with environment_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        return set_aside_if_damaged(path, now())


def _bring_to_head(path: Path, notice: DamageNotice | None, now: Callable[[], datetime]) -> StartupCheck:
    with environment_errors(path):
        revision = _read_revision(path)
    migrated = False
    if revision != SCHEMA_HEAD:
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise DatabaseUnavailableError(Trouble.SCHEMA, path, str(schema_problem(revision)))
        _migrate(path)
        migrated = True
    with environment_errors(path):
        tally = _read_tally(path)
    kept_as = notice.kept_as.name if notice is not None else None
    loss = check_against_record(path, tally, now(), kept_as=kept_as)
    return StartupCheck(path, notice, migrated=migrated, loss=loss)


def _prepare(path: Path, now: Callable[[], datetime], found: list[DamageNotice]) -> StartupCheck:
    try:
        notice = _set_aside_if_damaged(path, now)
        if notice is not None:
            found.append(notice)
        return _bring_to_head(path, notice, now)
    except DatabaseUnavailableError as error:
        # SQLite says "unable to open" where the real reason is a read-only disk: name it.
        if error.trouble not in (Trouble.READ_ONLY, Trouble.SCHEMA) and on_read_only_medium(path):
            raise DatabaseUnavailableError(Trouble.READ_ONLY, path, error.detail) from error
        raise


def prepare_database(
    path: Path | None = None, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> StartupCheck:
    """Set a damaged file aside, bring the schema to the newest revision, compare with the record.

    The result is ready. Raises ``DatabaseUnavailableError`` when the machine prevents it, or
    the file cannot be used as it is (``open_database`` passes that on to its caller).
    """
    path = path if path is not None else paths.statistics_database()
    return _prepare(path, now, [])


def check_database(
    path: Path | None = None, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> StartupCheck:
    """Check (and, if its schema is old, migrate) the statistics database; never raises for the machine."""
    path = path if path is not None else paths.statistics_database()
    found: list[DamageNotice] = []
    try:
        return _prepare(path, now, found)
    except DatabaseUnavailableError as error:
        log.error("statistics are off for this run: %s", error.with_detail)
        return StartupCheck(path, found[0] if found else None, unavailable=error)
