"""Durable file writes and "keep a broken file aside", with one policy for the whole kiosk.

A power cut or a pulled stick must leave either the old file or the new one, never half of
one. So a file is written under a hidden temporary name in the same folder, flushed and
synced to the device, renamed over its real name (``Path.replace``, atomic on POSIX and
Windows), and then the folder itself is synced so the rename is on the device too.

Syncing a folder is a POSIX idea: Windows has no ``os.O_DIRECTORY`` and cannot open a
folder as a file, and some file systems (FAT on a stick, some network mounts) refuse. Those
cases are skipped quietly; any other failure (an I/O error from a dying stick) is raised,
because then the data may really not be there.

A file the kiosk cannot read (settings, PINs, a damaged database) is never deleted: it is
renamed beside itself with a UTC time stamp, so it can be looked at later.

Only ``os``/``errno`` here: the content cache writes through this module at start-up, where
every import counts.
"""

from __future__ import annotations

import errno
import itertools
import logging
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"
BROKEN_MARK = "broken"

# What an OS or file system says when it cannot open or sync a folder at all.
_CANNOT_SYNC_FOLDERS = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EISDIR})
_temporary_numbers = itertools.count(1)


def fsync_folder(folder: Path) -> None:
    """Make new names and renames in ``folder`` durable, where the system can; else do nothing."""
    directory_flag = getattr(os, "O_DIRECTORY", None)
    if directory_flag is None or os.name == "nt":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | directory_flag)
    except OSError as error:
        if error.errno not in _CANNOT_SYNC_FOLDERS:
            raise
        log.debug("cannot open folder %s to sync it: %s", folder, error)
        return
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno not in _CANNOT_SYNC_FOLDERS:
            raise
        log.debug("cannot sync folder %s on this file system: %s", folder, error)
    finally:
        os.close(descriptor)


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o666, suffix: str = PARTIAL_SUFFIX) -> None:
    """Replace ``path`` with ``data`` in one durable step; on failure ``path`` is as it was."""

    def write(temporary: Path) -> None:
        with temporary.open("wb") as stream:
            stream.write(data)

    atomic_write(path, write, mode=mode, suffix=suffix)


def atomic_write_text(
    path: Path, text: str, *, encoding: str = "utf-8", mode: int = 0o666, suffix: str = PARTIAL_SUFFIX
) -> None:
    """Replace ``path`` with ``text`` in one durable step (no newline translation on any system)."""
    atomic_write_bytes(path, text.encode(encoding), mode=mode, suffix=suffix)


def atomic_write(
    path: Path, render: Callable[[Path], None], *, mode: int = 0o666, suffix: str = PARTIAL_SUFFIX
) -> None:
    """``render`` fills an empty temporary file beside ``path``, which then replaces ``path`` whole.

    For writers that want a file name rather than bytes (espeak-ng, the WAV joiner). The
    temporary file is ``.<name>.<pid>-<n><suffix>``: hidden, and easy to tidy by its suffix.
    Whatever goes wrong, the temporary file is removed and the error is raised.
    """
    temporary = _new_temporary(path, mode, suffix)
    try:
        render(temporary)
        _fsync_file(temporary)
        temporary.replace(path)
    except BaseException:
        try:
            temporary.unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not remove %s: %s", temporary, error)
        raise
    fsync_folder(path.parent)


def set_aside(
    path: Path,
    why: str,
    *,
    mark: str = BROKEN_MARK,
    keep_suffix: bool = False,
    companions: Iterable[str] = (),
    now: datetime | None = None,
) -> Path:
    """Rename ``path`` to a free name beside it that says when and why it was kept; return that name.

    ``settings.json`` becomes ``settings.json.broken-20261124T083005Z``; with ``keep_suffix``
    ``statistics.sqlite3`` becomes ``statistics.damaged-20261124T083005Z.sqlite3`` (still
    opened by tools that go by the suffix). A name already taken gets ``-2``, ``-3``…
    ``companions`` are suffixes of files that belong to ``path`` (SQLite's ``-wal``): they
    move first, to the kept name plus the same suffix. Raises ``OSError`` when the move fails.
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    aside = _free_aside_name(path, f"{mark}-{stamp}", keep_suffix)
    for suffix in companions:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(aside.with_name(aside.name + suffix))
    path.replace(aside)
    fsync_folder(path.parent)
    log.error("%s set aside as %s: %s", path, aside.name, why)
    return aside


def _free_aside_name(path: Path, label: str, keep_suffix: bool) -> Path:
    def named(counter: int) -> Path:
        tail = label if counter == 1 else f"{label}-{counter}"
        if keep_suffix:
            return path.with_name(f"{path.stem}.{tail}{path.suffix}")
        return path.with_name(f"{path.name}.{tail}")

    counter = 1
    while named(counter).exists():
        counter += 1
    return named(counter)


def _new_temporary(path: Path, mode: int, suffix: str) -> Path:
    """Create an empty, new file beside ``path`` (never one another writer is using)."""
    while True:
        temporary = path.with_name(f".{path.name}.{os.getpid()}-{next(_temporary_numbers)}{suffix}")
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
        except FileExistsError:
            continue
        return temporary


def _fsync_file(path: Path) -> None:
    # Opened for writing: Windows refuses to flush a handle opened read-only.
    descriptor = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
