"""The statistics database's check at start-up, before the QApplication: standard ``sqlite3`` only.

Loading SQLAlchemy and Alembic takes about half a second on a kiosk's old laptop, longer than
showing the start screen. So start-up (``ui.main``) checks the file here with the standard
library: a damaged file is set aside (``kiosk.stats.integrity``) and the schema revision is
read from Alembic's ``alembic_version`` table. Only when it is not ``SCHEMA_HEAD`` (a new
file, or one made by an older version) does Alembic run, before the window exists. The
database is then opened without checking again (``open_database(checked=...)``) on a
background thread once the start screen is up (``kiosk.stats.service``).

``SCHEMA_HEAD`` must name Alembic's head revision; a test keeps the two equal.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.stats.failures import DatabaseUnavailableError, Trouble, environment_errors
from kiosk.stats.integrity import DamageNotice, set_aside_if_damaged
from kiosk.system import paths

log = logging.getLogger(__name__)

# Every revision in kiosk/stats/migrations/versions, oldest first (a test compares them).
KNOWN_REVISIONS = ("0001", "0002")
SCHEMA_HEAD = KNOWN_REVISIONS[-1]


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


def revision_of(connection: sqlite3.Connection) -> str | None:
    """The Alembic revision stamped in the database; None for a file Alembic never touched."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    return str(row[0]) if row is not None else None


def _read_revision(path: Path) -> str | None:
    if not path.exists():
        return None
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        return revision_of(connection)
    finally:
        connection.close()


def check_database(
    path: Path | None = None, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> StartupCheck:
    """Check (and, if its schema is old, migrate) the statistics database; never raises for the machine."""
    path = path if path is not None else paths.statistics_database()
    notice: DamageNotice | None = None
    try:
        with environment_errors(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            notice = set_aside_if_damaged(path, now())
            revision = _read_revision(path)
        if revision == SCHEMA_HEAD:
            return StartupCheck(path, notice)
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise DatabaseUnavailableError(
                Trouble.IO_ERROR, path, f"its schema {revision} was made by a newer version of the kiosk"
            )
        from kiosk.stats.db import open_database

        # Alembic runs only here, on a new file or after an update of the kiosk.
        open_database(path, now=now).close()
        return StartupCheck(path, notice, migrated=True)
    except DatabaseUnavailableError as error:
        log.error("statistics are off for this run: %s (%s)", error, error.detail)
        return StartupCheck(path, notice, unavailable=error)
