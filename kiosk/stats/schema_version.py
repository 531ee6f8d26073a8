"""Which schema a statistics file has, read with the standard ``sqlite3`` alone.

Both the start-up check (``kiosk.stats.startup``, before SQLAlchemy is loaded) and the
database module (``kiosk.stats.db``, for the read-only open of an export) need to know the
newest revision and how to read a file's revision. They live here, below both, so neither
imports the other for them.

``SCHEMA_HEAD`` must name Alembic's head revision; a test keeps the two equal.
"""

from __future__ import annotations

import sqlite3

# Every revision in kiosk/stats/migrations/versions, oldest first (a test compares them).
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004")
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
# Every table of SCHEMA_HEAD (a test compares them with the models): a file missing one is refused.
SCHEMA_TABLES = (
    "visits",
    "tutorial_runs",
    "step_times",
    "outcome_counts",
    "profile_counts",
    "practice_counts",
)


def revision_of(connection: sqlite3.Connection) -> str | None:
    """The Alembic revision stamped in the database; None for a file Alembic never touched."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    return str(row[0]) if row is not None else None


def missing_tables(connection: sqlite3.Connection) -> list[str]:
    """The tables of ``SCHEMA_HEAD`` that the file does not have (a table dropped by hand)."""
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    present = {str(row[0]) for row in rows}
    return [table for table in SCHEMA_TABLES if table not in present]


def schema_problem(revision: str | None) -> str | None:
    """Why a file stamped ``revision`` cannot be read by this version as it is; None when it can."""
    if revision == SCHEMA_HEAD:
        return None
    if revision is None:
        return "it has no schema stamp: it is empty or not a kiosk database"
    if revision not in KNOWN_REVISIONS:
        return f"its schema {revision} was made by a newer version of the kiosk: update this one"
    return f"its schema {revision} is older than this kiosk's {SCHEMA_HEAD}: start the kiosk once to upgrade"
