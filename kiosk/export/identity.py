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
from kiosk.system.fsio import atomic_write_text

log = logging.getLogger(__name__)

_ID = re.compile(r"[0-9a-f]{32}")


def kiosk_id(path: Path | None = None) -> str:
    """The id kept in ``path`` (the data dir's ``kiosk-id``), made and kept on first use."""
    path = path if path is not None else paths.kiosk_id_file()
    try:
        stored = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        stored = ""
    except (OSError, UnicodeDecodeError) as error:
        log.error("kiosk id file %s is unreadable (%s); making a new one", path, error)
        stored = ""
    if _ID.fullmatch(stored):
        return stored
    new = uuid.uuid4().hex
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, new + "\n", encoding="ascii")
    except OSError as error:
        log.error("could not store the kiosk id in %s (%s); using %s for now", path, error, new)
    return new


def short(identifier: str) -> str:
    return identifier[:8]
