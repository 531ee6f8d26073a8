"""Why an export did not happen, in words an organiser can act on.

Each error carries its kind and figures (bytes needed, bytes free, the folder) so the
organiser's screen can say it in the kiosk's language; ``str()`` is the exact English
sentence the command line prints.
"""

from __future__ import annotations

import enum
import errno
from pathlib import Path


class ExportTrouble(enum.Enum):
    NOT_ENOUGH_SPACE = "not-enough-space"
    READ_ONLY = "read-only"
    TARGET_GONE = "target-gone"
    # The place chosen is missing, or is not a folder: nothing was written.
    NOT_A_FOLDER = "not-a-folder"
    # A file, pipe or link named digital-literacy-kiosk on the stick, or a folder of another device.
    BLOCKED = "blocked"
    VERIFY_FAILED = "verify-failed"
    NO_STATISTICS = "no-statistics"
    CANCELLED = "cancelled"
    IO_ERROR = "io-error"


# Errors a removed stick gives on Linux (the export's folder vanishes with it). EIO counts
# only when the target went too: a stick still there that fails to write is another matter.
GONE_ERRNOS = frozenset(
    {errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.ESTALE, errno.ENOTCONN, errno.ENOTDIR}
)
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def human_size(size: int) -> str:
    """``1.4 MB``: decimal units, as USB sticks are labelled."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


class ExportError(Exception):
    def __init__(
        self,
        trouble: ExportTrouble,
        message: str,
        *,
        target: Path,
        needed: int | None = None,
        free: int | None = None,
    ) -> None:
        super().__init__(message)
        self.trouble = trouble
        self.target = target
        self.needed = needed
        self.free = free

    @property
    def message(self) -> str:
        return str(self)


def not_enough_space(target: Path, needed: int, free: int, *, midway: bool) -> ExportError:
    if midway:
        text = (
            f"{target} became full while the export was written: it needs about {human_size(needed)}. "
            "The unfinished export was removed; free some space or use a larger stick."
        )
    else:
        text = (
            f"Not enough space on {target}: the export needs about {human_size(needed)} and "
            f"{human_size(free)} is free. Nothing was written; free some space or use a larger stick."
        )
    return ExportError(ExportTrouble.NOT_ENOUGH_SPACE, text, target=target, needed=needed, free=free)


def read_only(target: Path) -> ExportError:
    return ExportError(
        ExportTrouble.READ_ONLY,
        f"{target} is read-only (or the kiosk may not write there). Nothing was kept there; check the "
        "stick's write-protect switch or use another stick.",
        target=target,
    )


def target_gone(target: Path) -> ExportError:
    return ExportError(
        ExportTrouble.TARGET_GONE,
        f"{target} went away while the export was written (was the stick removed?). The export is "
        "incomplete and has no manifest.json; do not use it. Insert the stick and export again.",
        target=target,
    )


def not_a_folder(target: Path, kind: str | None) -> ExportError:
    """``kind`` is what ``target`` is ("a file", "a named pipe"…), None when it does not exist."""
    if kind is None:
        text = (
            f"{target} does not exist. Nothing was written; check the path, or insert the stick and "
            "give the folder it is mounted on."
        )
    else:
        text = (
            f"{target} is {kind}, not a folder. Nothing was written; give the folder the stick is mounted on."
        )
    return ExportError(ExportTrouble.NOT_A_FOLDER, text, target=target)


def blocked(target: Path, product: Path, why: str) -> ExportError:
    """``product`` (``<stick>/digital-literacy-kiosk``) cannot hold the export; ``why`` says what it is."""
    return ExportError(
        ExportTrouble.BLOCKED,
        f"{product} {why}, so the export cannot go there. Nothing was written; rename or remove it "
        "on a computer, or use another stick.",
        target=target,
    )


def from_os_error(error: OSError, target: Path, needed: int) -> ExportError:
    """The organiser's reading of an ``OSError`` met while writing the export."""
    if error.errno in FULL_ERRNOS:
        return not_enough_space(target, needed, 0, midway=True)
    if error.errno in READ_ONLY_ERRNOS:
        return read_only(target)
    if error.errno in GONE_ERRNOS or not target.exists():
        return target_gone(target)
    return ExportError(
        ExportTrouble.IO_ERROR,
        f"Writing the export to {target} failed: {error.strerror or error}. Try another stick.",
        target=target,
    )
