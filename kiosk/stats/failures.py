"""Sorting database failures into the environment's fault and the program's.

A full disk, a read-only file system, a damaged file, a lock held too long, or a file this
version cannot read as it is (a newer schema stamp, a table dropped by hand: checked when the
file is opened) are the machine's condition: the kiosk shows a calm message and keeps serving
visitors without statistics. Anything else (a constraint broken, a wrong call) is a bug: it is
raised as it is, logged with its traceback and goes down the crash path.

SQLAlchemy is not imported here: the start-up check uses this module with the standard
``sqlite3`` alone, and a SQLAlchemy error can only exist once SQLAlchemy has been loaded.
"""

from __future__ import annotations

import enum
import errno
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.system.fsio import disk_is_full


class Trouble(enum.Enum):
    DISK_FULL = "disk-full"
    READ_ONLY = "read-only"
    DAMAGED = "damaged"
    BUSY = "busy"
    IO_ERROR = "io-error"
    # Sound as a file, but not the layout this version reads (a newer stamp, a table missing).
    SCHEMA = "schema"
    # No database file at all (read-only opens only: a read-write open creates it).
    MISSING = "missing"


_MESSAGES = {
    Trouble.DISK_FULL: "The disk is full, so statistics cannot be saved at {path}. Free some space; "
    "the kiosk keeps working meanwhile.",
    Trouble.READ_ONLY: "The statistics database at {path} cannot be written (read-only or no permission).",
    Trouble.DAMAGED: "The statistics database at {path} is damaged. Restart the kiosk: it keeps the damaged "
    "file aside and starts a fresh one.",
    Trouble.BUSY: "The statistics database at {path} is held by another program; try again in a moment.",
    Trouble.IO_ERROR: "The statistics database at {path} could not be read or written (input/output error).",
    Trouble.SCHEMA: "The statistics database at {path} cannot be used as it is ({detail}). "
    "It was left unchanged.",
    Trouble.MISSING: "There is no statistics database at {path} ({detail}).",
}

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_TROUBLE = {
    3: Trouble.READ_ONLY,  # SQLITE_PERM
    5: Trouble.BUSY,  # SQLITE_BUSY
    6: Trouble.BUSY,  # SQLITE_LOCKED
    7: Trouble.IO_ERROR,  # SQLITE_NOMEM
    8: Trouble.READ_ONLY,  # SQLITE_READONLY
    10: Trouble.IO_ERROR,  # SQLITE_IOERR
    11: Trouble.DAMAGED,  # SQLITE_CORRUPT
    13: Trouble.DISK_FULL,  # SQLITE_FULL
    14: Trouble.IO_ERROR,  # SQLITE_CANTOPEN
    15: Trouble.IO_ERROR,  # SQLITE_PROTOCOL
    23: Trouble.READ_ONLY,  # SQLITE_AUTH
    26: Trouble.DAMAGED,  # SQLITE_NOTADB
}
_ERRNO_TROUBLE = {
    errno.ENOSPC: Trouble.DISK_FULL,
    errno.EDQUOT: Trouble.DISK_FULL,
    errno.EROFS: Trouble.READ_ONLY,
    errno.EACCES: Trouble.READ_ONLY,
    errno.EPERM: Trouble.READ_ONLY,
}
DAMAGE_CODES = frozenset({11, 26})


class DatabaseUnavailableError(Exception):
    """The statistics cannot be read or written because of the machine, not the program."""

    def __init__(self, trouble: Trouble, path: Path, detail: str = "") -> None:
        self.trouble = trouble
        self.path = path
        self.detail = detail
        super().__init__(_MESSAGES[trouble].format(path=path, detail=detail))

    @property
    def message(self) -> str:
        return str(self)

    @property
    def with_detail(self) -> str:
        """The message and, when it does not already say it, what SQLite or the OS said."""
        if not self.detail or self.detail in self.message:
            return self.message
        return f"{self.message} ({self.detail})"


def _wrapped_driver_error(error: BaseException) -> BaseException | None:
    """The ``sqlite3`` error inside a SQLAlchemy ``DBAPIError``; None for anything else."""
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is None or not isinstance(error, sa_exc.DBAPIError):
        return None
    original: BaseException | None = error.orig
    return original if original is not None else error


def sqlite_code(error: BaseException) -> int | None:
    """The primary SQLite result code behind ``error`` (bare or wrapped by SQLAlchemy)."""
    error = _wrapped_driver_error(error) or error
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def classify(error: BaseException, path: Path) -> DatabaseUnavailableError | None:
    """The environment failure ``error`` stands for, or ``None`` when it is a bug."""
    if isinstance(error, DatabaseUnavailableError):
        return error
    if isinstance(error, sqlite3.Error) or _wrapped_driver_error(error) is not None:
        code = sqlite_code(error)
        trouble = _SQLITE_TROUBLE.get(code) if code is not None else None
        if trouble is None:
            return None
    elif isinstance(error, OSError):
        trouble = _ERRNO_TROUBLE.get(error.errno or 0, Trouble.IO_ERROR)
    else:
        return None
    if trouble is Trouble.IO_ERROR and disk_is_full(path):
        # SQLite says "disk I/O error" when its -shm or -wal file is refused for want of space.
        trouble = Trouble.DISK_FULL
    return DatabaseUnavailableError(trouble, path, str(error))


@contextmanager
def environment_errors(path: Path) -> Iterator[None]:
    """Raise environment failures as ``DatabaseUnavailableError``; let bugs through unchanged."""
    try:
        yield
    except Exception as error:
        unavailable = classify(error, path)
        if unavailable is None:
            raise
        raise unavailable from error
