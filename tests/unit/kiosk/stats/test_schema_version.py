"""The schema version module: the constants match Alembic, and a file's revision is read with sqlite3."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from kiosk.stats import migrate
from kiosk.stats.db import open_database
from kiosk.stats.models import Base
from kiosk.stats.schema_version import (
    KNOWN_REVISIONS,
    SCHEMA_HEAD,
    SCHEMA_TABLES,
    missing_tables,
    revision_of,
)

ROOT = Path(__file__).resolve().parents[4]


def test_the_head_constant_is_alembics_head() -> None:
    assert migrate.head_revision() == SCHEMA_HEAD
    assert list(KNOWN_REVISIONS) == migrate.revisions_oldest_first()


def test_the_tables_constant_is_the_models_and_the_migrations(tmp_path: Path) -> None:
    assert sorted(SCHEMA_TABLES) == sorted(Base.metadata.tables)
    path = tmp_path / "s.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as connection:
        assert missing_tables(connection) == []
        connection.execute("DROP TABLE step_times")
        assert missing_tables(connection) == ["step_times"]
    connection.close()


def test_a_file_alembic_never_touched_has_no_revision(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "plain.sqlite3") as connection:
        connection.execute("CREATE TABLE other (x INTEGER)")
        assert revision_of(connection) is None


def test_an_opened_database_is_at_the_head(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    open_database(path).close()
    connection = sqlite3.connect(path)
    try:
        assert revision_of(connection) == SCHEMA_HEAD
    finally:
        connection.close()


def test_reading_the_version_loads_nothing_but_sqlite3() -> None:
    probe = (
        "import sys; import kiosk.stats.schema_version; "
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'alembic', 'kiosk.'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "['kiosk.stats', 'kiosk.stats.schema_version']"
