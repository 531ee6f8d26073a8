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
KNOWN_REVISIONS = ("0001", "0002")
SCHEMA_HEAD = KNOWN_REVISIONS[-1]


def revision_of(connection: sqlite3.Connection) -> str | None:
    """The Alembic revision stamped in the database; None for a file Alembic never touched."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    return str(row[0]) if row is not None else None
