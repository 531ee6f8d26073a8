"""The kiosk's own random id: tells exports from different points apart, says nothing else.

Made once, on first use, and kept in the data dir; it is not derived from the hardware,
a name or a place, so it identifies a machine's exports and nothing more.
"""

from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path

from kiosk.system import paths
from kiosk.system.fsio import atomic_write_text, read_plain_file

log = logging.getLogger(__name__)

_ID = re.compile(r"[0-9a-f]{32}")


def kiosk_id(path: Path | None = None) -> str:
    """The id kept in ``path`` (the data dir's ``kiosk-id``), made and kept on first use."""
    path = path if path is not None else paths.kiosk_id_file()
    stored = stored_kiosk_id(path)
    if stored is not None:
        return stored
    new = uuid.uuid4().hex
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, new + "\n", encoding="ascii")
    except OSError as error:
        log.error("could not store the kiosk id in %s (%s); using %s for now", path, error, new)
    return new


def stored_kiosk_id(path: Path | None = None) -> str | None:
    """The id kept in ``path``, or None when there is none (or it is unusable); never makes one."""
    path = path if path is not None else paths.kiosk_id_file()
    try:
        # A plain file only: a named pipe put there would block the reader for ever.
        stored = read_plain_file(path, 4096).decode("ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        log.error("kiosk id file %s is unreadable (%s)", path, error)
        return None
    return stored if _ID.fullmatch(stored) else None


def short(identifier: str) -> str:
    return identifier[:8]
