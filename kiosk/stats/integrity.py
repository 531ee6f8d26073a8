"""The check at open: a damaged statistics file is set aside, never repaired in place or deleted.

``PRAGMA quick_check`` runs on a read-only connection, so a damaged file is not
checkpointed or otherwise touched before it is moved. The file and its ``-wal``/``-shm``
companions are renamed together with a UTC time stamp (SQLite finds the companions of the
renamed file by name, so the set can still be opened and examined later); the kiosk then
starts a fresh database, and the organiser is told.
"""

from __future__ import annotations

import sqlite3
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.stats.failures import DAMAGE_CODES, sqlite_code
from kiosk.system.fsio import kind_of, set_aside

COMPANIONS = ("-wal", "-shm", "-journal")
DAMAGED_MARK = "damaged"


@dataclass(frozen=True)
class DamageNotice:
    """What the organiser is told: which file was damaged and where it was kept."""

    kept_as: Path
    found_at: datetime
    reason: str

    @property
    def message(self) -> str:
        return (
            f"The statistics database was damaged ({self.reason}). It was kept as {self.kept_as.name} "
            "and a fresh database was started; statistics recorded before this moment are in the kept file."
        )


def quick_check(path: Path, timeout_s: float = 10.0) -> str | None:
    """``None`` when ``path`` is sound, else why not. Other errors (permissions, I/O) propagate."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout_s)
    except sqlite3.DatabaseError as error:
        if sqlite_code(error) in DAMAGE_CODES:
            return str(error)
        raise
    try:
        return findings_of(connection)
    finally:
        connection.close()


def findings_of(connection: sqlite3.Connection) -> str | None:
    """``PRAGMA quick_check`` on an open connection: ``None`` when sound, else why not."""
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        if sqlite_code(error) in DAMAGE_CODES:
            return str(error)
        raise
    findings = [str(row[0]) for row in rows]
    if findings == ["ok"]:
        return None
    return "; ".join(findings[:3]) + (f" (and {len(findings) - 3} more)" if len(findings) > 3 else "")


def set_aside_if_damaged(path: Path, now: datetime) -> DamageNotice | None:
    """Check ``path``; when damaged, rename it and its companions and say so."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    # Never opened unless a plain file: SQLite would wait for ever on a named pipe put there.
    reason = quick_check(path) if stat.S_ISREG(mode) else f"it is {kind_of(mode)}, not a plain file"
    if reason is None:
        return None
    # Companions move first: a -wal left beside a fresh database could be replayed into it.
    aside = set_aside(
        path,
        f"the statistics database is damaged ({reason}); starting afresh",
        mark=DAMAGED_MARK,
        keep_suffix=True,
        companions=COMPANIONS,
        now=now,
    )
    return DamageNotice(kept_as=aside, found_at=now, reason=reason)


def damaged_files(folder: Path, name: str) -> list[Path]:
    """Damaged databases kept in ``folder`` so far, oldest first (for the organiser's screen)."""
    reference = Path(name)
    return sorted(folder.glob(f"{reference.stem}.{DAMAGED_MARK}-*{reference.suffix}"))
