"""The statistics database's check at start-up, before the QApplication: standard ``sqlite3`` only.

Loading SQLAlchemy and Alembic takes about half a second on a kiosk's old laptop, longer than
showing the start screen. So start-up (``ui.main``) checks the file here with the standard
library: a damaged file is set aside (``kiosk.stats.integrity``) and the schema revision is
read from Alembic's ``alembic_version`` table (``kiosk.stats.schema_version``). Only when it
is not ``SCHEMA_HEAD`` (a new file, or one made by an older version) does Alembic run, before
the window exists. The database is then opened without checking again
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

from kiosk.stats.failures import DatabaseUnavailableError, Trouble, environment_errors
from kiosk.stats.integrity import DamageNotice, set_aside_if_damaged
from kiosk.stats.schema_version import KNOWN_REVISIONS, SCHEMA_HEAD, revision_of
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


def _read_revision(path: Path) -> str | None:
    if not path.exists():
        return None
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        return revision_of(connection)
    finally:
        connection.close()


def _migrate(path: Path) -> None:
    # Alembic and SQLAlchemy are loaded only here, on a new file or after an update of the kiosk.
    from kiosk.stats import migrate
    from kiosk.stats.engine import make_engine

    with environment_errors(path):
        engine = make_engine(path)
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()


def _set_aside_if_damaged(path: Path, now: Callable[[], datetime]) -> DamageNotice | None:
    with environment_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        return set_aside_if_damaged(path, now())


def _bring_to_head(path: Path, notice: DamageNotice | None) -> StartupCheck:
    with environment_errors(path):
        revision = _read_revision(path)
    if revision == SCHEMA_HEAD:
        return StartupCheck(path, notice)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseUnavailableError(
            Trouble.IO_ERROR, path, f"its schema {revision} was made by a newer version of the kiosk"
        )
    _migrate(path)
    return StartupCheck(path, notice, migrated=True)


def prepare_database(
    path: Path | None = None, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> StartupCheck:
    """Set a damaged file aside and bring the schema to the newest revision; the result is ready.

    Raises ``DatabaseUnavailableError`` when the machine prevents it (``open_database`` passes
    that on to its caller).
    """
    path = path if path is not None else paths.statistics_database()
    try:
        return _bring_to_head(path, _set_aside_if_damaged(path, now))
    except DatabaseUnavailableError as error:
        # SQLite says "unable to open" where the real reason is a read-only disk: name it.
        if error.trouble is not Trouble.READ_ONLY and on_read_only_medium(path):
            raise DatabaseUnavailableError(Trouble.READ_ONLY, path, error.detail) from error
        raise


def check_database(
    path: Path | None = None, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> StartupCheck:
    """Check (and, if its schema is old, migrate) the statistics database; never raises for the machine."""
    path = path if path is not None else paths.statistics_database()
    notice: DamageNotice | None = None
    try:
        notice = _set_aside_if_damaged(path, now)
        return prepare_database(path, now=now) if notice is None else _bring_to_head(path, notice)
    except DatabaseUnavailableError as error:
        log.error("statistics are off for this run: %s (%s)", error, error.detail)
        return StartupCheck(path, notice, unavailable=error)
