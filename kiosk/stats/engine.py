"""How every connection to the statistics file is made: pragmas and explicit transactions.

Every connection gets WAL (readers never block the writer), ``synchronous=FULL`` (a commit is
on disk before it is acknowledged, so a power cut loses nothing committed), foreign keys and a
busy timeout. Transactions are explicit (``BEGIN`` is issued by us, not guessed by the driver)
so a read sees one consistent snapshot and a write takes the lock up front.

Kept apart from ``kiosk.stats.db`` so that the start-up check can migrate a file with the same
connections without importing the database module that calls it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import ConnectionPoolEntry

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
# Execution option that makes a transaction take the write lock at BEGIN.
WRITE_OPTION = "kiosk_write"


def _connector(path: Path, *, read_only: bool, immutable: bool) -> Callable[[], sqlite3.Connection]:
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
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(path: Path, *, read_only: bool = False, immutable: bool = False) -> Engine:
    """An engine whose every connection carries the kiosk's pragmas (tests use it directly).

    ``immutable`` (read-only only): the file is on a read-only disk, where SQLite cannot make
    the -shm file WAL readers need; nothing can change the file there, so SQLite is told so.
    """
    connect = _connector(path, read_only=read_only, immutable=read_only and immutable)
    engine = create_engine(f"sqlite:///{path}", creator=connect)
    event.listen(engine, "connect", _on_connect(read_only))
    event.listen(engine, "begin", _begin)
    return engine
