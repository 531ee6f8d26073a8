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

A file from a stick is read only if it is a plain file of bounded size (``read_plain_file``): a
named pipe would block the reader for ever, a link to ``/dev/zero`` would fill the memory.

Only ``os``/``errno`` here: the content cache writes through this module at start-up, where
every import counts.
"""

from __future__ import annotations

import errno
import itertools
import logging
import os
import stat
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"
BROKEN_MARK = "broken"

# What an OS or file system says when it cannot open or sync a folder at all.
_CANNOT_SYNC_FOLDERS = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EISDIR})
_temporary_numbers = itertools.count(1)
# A failed write with less free space than this (for the kiosk's user) counts as a full disk.
NEARLY_FULL_BYTES = 1024 * 1024
# An error number in the words a person reads (``describe_os_error``); others keep the system's words.
_ERRNO_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk is full (the quota is used up)",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "no permission",
    errno.EPERM: "no permission",
}


class NotPlainFileError(OSError):
    """The path is a link, a folder, a named pipe or a device: it is never read as a file."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}, not a plain file")
        # "a link", "a folder", "a named pipe", "a device" or "a special file".
        self.kind = kind


class FileTooLargeError(OSError):
    """The file is larger than the reader allows; none of it is kept."""


def kind_of(mode: int) -> str:
    """What a file of ``mode`` (from ``lstat``) is, in words: "a link", "a named pipe"..."""
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def open_plain_file(path: Path, flags: int = os.O_RDONLY, mode: int = 0o666) -> int:
    """A descriptor of ``path`` opened with ``flags``, if it is a plain file (not a link, pipe or device).

    Opened without following links and without waiting on a pipe (a pipe opened to read waits
    for a writer, one opened to write for a reader), then checked on the open file itself, so a
    link or pipe swapped in after a look at the folder is refused too. ``NotPlainFileError``
    says why not; other ``OSError`` (missing, read-only, full) pass through.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(
            path, flags | getattr(os, "O_NOFOLLOW", 0) | nonblocking | getattr(os, "O_BINARY", 0), mode
        )
    except FileNotFoundError:
        raise
    except OSError:
        # A link (ELOOP), a folder (EISDIR), a pipe with no reader (ENXIO): say what it is.
        status = os.lstat(path)
        if not stat.S_ISREG(status.st_mode):
            raise NotPlainFileError(path, kind_of(status.st_mode)) from None
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotPlainFileError(path, kind_of(status.st_mode))
        if nonblocking:
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def read_plain_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a plain file (``open_plain_file``) of at most ``limit`` bytes.

    ``NotPlainFileError`` or ``FileTooLargeError`` say why not; other ``OSError`` pass through.
    """
    descriptor = open_plain_file(path)
    with os.fdopen(descriptor, "rb") as stream:
        if os.fstat(descriptor).st_size > limit:
            raise FileTooLargeError(f"{path} is larger than {limit} bytes")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLargeError(f"{path} is larger than {limit} bytes")
    return data


def describe_os_error(error: OSError) -> str:
    """What went wrong, in the words a volunteer can act on: "the disk is full", not "input/output error"."""
    if isinstance(error, NotPlainFileError):
        return f"it is {error.kind}, not a plain file"
    words = _ERRNO_WORDS.get(error.errno or 0)
    if words is None:
        return error.strerror or str(error)
    return words


def disk_is_full(path: Path) -> bool:
    """Whether the disk holding ``path`` (or the nearest folder above it) has next to no space left.

    For telling a failed write's cause where the error itself does not say it (SQLite's "disk
    I/O error"). Where the system cannot say (no ``statvfs``), False.
    """
    if not hasattr(os, "statvfs"):
        return False
    for folder in (path, *path.parents):
        try:
            status = os.statvfs(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return False
        return status.f_bavail * status.f_frsize < NEARLY_FULL_BYTES
    return False


def writing_problem(folder: Path) -> OSError | None:
    """Why nothing can be written in ``folder`` (read-only, full, no permission), or None when it can.

    Tried for real with one byte in a new hidden file, removed at once: a full disk often still
    lets a file be made, and only refuses its first byte.
    """
    probe = folder / f".write-check-{os.getpid()}"
    try:
        descriptor = os.open(
            probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600
        )
    except OSError as error:
        return error
    try:
        os.write(descriptor, b"k")
    except OSError as error:
        return error
    finally:
        os.close(descriptor)
        try:
            probe.unlink()
        except OSError as error:
            log.warning("could not remove %s: %s", probe, error)
    return None


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
