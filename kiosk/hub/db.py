"""The hub's database: where it is, its engine, its transactions and its migrations.

SQLite by default: a file (``hub.sqlite3``) in the folder ``--db`` names, or in the user's data
dir (``$XDG_DATA_HOME/digital-literacy-kiosk-hub``), with no set-up. A province server shared
by district offices is PostgreSQL: ``--db postgresql+psycopg://user@host/name``. Both go through
SQLAlchemy 2 and the hub's own Alembic revisions (``kiosk/hub/migrations``, found through
``importlib.resources`` as the statistics' are), run when the database opens.

Every import is one transaction. On SQLite a writing transaction takes the write lock at its
``BEGIN`` (``BEGIN IMMEDIATE``), so two processes never both read and then both write; on
PostgreSQL the import locks its kiosk's row (kiosk.hub.store) and unique keys catch the rest.
Two processes opening a new PostgreSQL database at once migrate it once: the migration holds
an advisory lock.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import ConnectionPoolEntry

log = logging.getLogger(__name__)
logging.getLogger("alembic").setLevel(logging.WARNING)

FILE_NAME = "hub.sqlite3"
FOLDER_NAME = "digital-literacy-kiosk-hub"
BUSY_TIMEOUT_MS = 30_000
_WRITE = "hub_write"
# pg_advisory_xact_lock's key for "migrating the hub schema" (any fixed number).
_MIGRATION_LOCK = 0x6B696F736B687562


class HubDatabaseError(RuntimeError):
    """The hub database cannot be used; the message says why and what to do."""


def default_folder() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / FOLDER_NAME


def database_url(db: str | None) -> str:
    """``--db`` as a SQLAlchemy URL: a folder (made if missing) holds ``hub.sqlite3``; a URL is kept."""
    if db is not None and "://" in db:
        try:
            url = make_url(db)
        except ArgumentError as error:
            raise HubDatabaseError(f"--db {db!r} is not a database address ({error})") from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise HubDatabaseError(
                f"--db {db!r}: the hub stores its data in SQLite (give a folder) or PostgreSQL "
                "(postgresql+psycopg://user@host/name), not in {url.get_backend_name()}"
            )
        return db
    folder = Path(db) if db is not None else default_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise HubDatabaseError(f"the folder {folder} cannot be made ({error.strerror or error})") from None
    return f"sqlite:///{folder.resolve() / FILE_NAME}"


def _sqlite_connector(path: str) -> Callable[[], sqlite3.Connection]:
    def connect() -> sqlite3.Connection:
        # isolation_level=None: transactions are begun by _begin, never guessed by the driver.
        return sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )

    return connect


def _sqlite_pragmas(driver: Any, _record: ConnectionPoolEntry) -> None:
    cursor = driver.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    write = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@dataclass
class HubDatabase:
    engine: Engine
    url: str

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @property
    def shown(self) -> str:
        """The address without a password, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One writing transaction: committed when the block ends, rolled back if it raises."""
        with self.engine.connect() as connection:
            connection = connection.execution_options(**{_WRITE: True})
            with connection.begin():
                yield connection

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as connection, connection.begin():
            yield connection

    def close(self) -> None:
        self.engine.dispose()


def open_hub(db: str | None) -> HubDatabase:
    """The hub database ``--db`` names, brought to the newest schema; ``HubDatabaseError`` if unusable."""
    url = database_url(db)
    try:
        if url.startswith("sqlite"):
            path = make_url(url).database or ""
            engine = create_engine(url, creator=_sqlite_connector(path))
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(url)
    except (ArgumentError, NoSuchModuleError) as error:
        raise HubDatabaseError(f"the database {url!r} cannot be used ({error})") from None
    database = HubDatabase(engine, url)
    try:
        upgrade(database)
    except (DBAPIError, sqlite3.Error) as error:
        engine.dispose()
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise HubDatabaseError(
            f"the hub database {database.shown} cannot be opened ({reason}); check the address, "
            "that the server is running, and that this user may write there"
        ) from None
    return database


def migrations_dir() -> Path:
    folder = Path(str(resources.files("kiosk.hub") / "migrations"))
    if not (folder / "env.py").is_file():
        raise FileNotFoundError(f"hub migrations are missing from {folder}")
    return folder


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(database: HubDatabase) -> None:
    """Bring the database to the newest revision, in one transaction (once, if two processes try)."""
    with database.write() as connection:
        if database.is_postgresql:
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        before = current_revision(connection)
        if before == head_revision():
            return
        command.upgrade(_config(connection), "head")
        after = current_revision(connection)
    log.info("hub database %s migrated from %s to %s", database.shown, before or "nothing", after)
