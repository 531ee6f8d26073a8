"""Schema migrations, run in code: the database is brought to the newest revision when it opens.

The revisions ship inside the package (``kiosk/stats/migrations``) and are found through
``importlib.resources``, so no ini file or working directory is involved. Foreign keys are
switched off while a revision runs: batch mode rebuilds a table by copying it, and dropping
the old copy with foreign keys on would cascade-delete every tutorial run of every visit.
Before the revision commits, ``PRAGMA foreign_key_check`` proves nothing was left dangling.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)
# Alembic announces each plugin and context at INFO on every start; the kiosk logs the one
# line that matters (which revision it migrated to) itself.
logging.getLogger("alembic").setLevel(logging.WARNING)


class MigrationError(RuntimeError):
    """A revision left the data inconsistent; it was rolled back."""


def migrations_dir() -> Path:
    folder = Path(str(resources.files("kiosk.stats") / "migrations"))
    if not (folder / "env.py").is_file():
        raise FileNotFoundError(f"statistics migrations are missing from {folder}")
    return folder


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    if head is None:
        raise MigrationError("there are no statistics migrations")
    return head


def revisions_oldest_first() -> list[str]:
    return [script.revision for script in reversed(list(script_directory().walk_revisions()))]


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the database to ``target`` in one transaction; nothing changes if a revision fails."""
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        before = current_revision(connection)
        connection.rollback()
        # PRAGMA foreign_keys is ignored inside a transaction: set it before BEGIN.
        driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection), target)
                dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if dangling:
                    raise MigrationError(f"migration to {target} left {len(dangling)} dangling references")
                after = current_revision(connection)
        finally:
            driver.execute("PRAGMA foreign_keys=ON")
    if after != before:
        log.info("statistics database migrated from %s to %s", before or "an empty file", after)
