"""No silent loss: a small record beside the database of how much it held, and what went missing.

SQLite cannot tell that a file was emptied, swapped for an older copy, or lost the writes in its
``-wal`` journal: such a file opens as a sound database that simply holds less. So the kiosk keeps
``statistics.high-water.json`` beside it: how many visits and tutorial runs it held and their
highest ids, rewritten (atomically, ``kiosk.system.fsio``) at start-up and after each visit, once
the visit's writes are checkpointed into the database file. Visits and runs are never deleted,
so a database holding fewer than the record is a loss: the start-up check notes it in the record
(``losses``) and the organiser's dashboard and ``kiosk stats`` say how many are missing and
whether the old file was kept. ``kiosk stats`` and ``kiosk export`` only read the record.

Standard library only (the start-up check runs before SQLAlchemy is loaded). The record holds
counts and dates, nothing about a visitor. A record that is not a plain file is never read or
written (a named pipe would block, a link would be followed): the loss check is then off, and
the log says why.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.system.fsio import NotPlainFileError, atomic_write_text, kind_of, read_plain_file

log = logging.getLogger(__name__)

RECORD_VERSION = 1
# The record is a few hundred bytes; anything larger is not ours.
RECORD_LIMIT = 64 * 1024
# Losses kept in the record, and how long after it was found a loss is still shown.
LOSSES_KEPT = 20
LOSS_SHOWN_FOR = timedelta(days=30)


def record_file(database: Path) -> Path:
    """``statistics.sqlite3`` → ``statistics.high-water.json``: not moved with a damaged file."""
    return database.with_name(f"{database.stem}.high-water.json")


@dataclass(frozen=True)
class Tally:
    """How much the database holds: rows of the two tables that only ever grow, and their top ids."""

    visits: int = 0
    last_visit_id: int = 0
    tutorial_runs: int = 0
    last_run_id: int = 0

    def missing_from(self, now: Tally) -> tuple[int, int]:
        """(visits, runs) this tally counted that ``now`` lacks; (0, 0) when nothing is missing."""
        visits = max(self.visits - now.visits, self.last_visit_id - now.last_visit_id, 0)
        runs = max(self.tutorial_runs - now.tutorial_runs, self.last_run_id - now.last_run_id, 0)
        return visits, runs


@dataclass(frozen=True)
class Loss:
    """Records found missing: when, how many, and the old file's kept name when it was kept."""

    found_at: datetime
    visits: int
    tutorial_runs: int
    kept_as: str | None = None

    @property
    def message(self) -> str:
        what = f"{self.visits} visits and {self.tutorial_runs} tutorial runs recorded earlier"
        where = (
            f"The old file was kept as {self.kept_as}: they are in it."
            if self.kept_as
            else "No old file was left to keep (the file was emptied or replaced, or lost its last writes)."
        )
        return (
            f"On {self.found_at.date().isoformat()} the statistics database held less than before: "
            f"{what} are missing. {where}"
        )


@dataclass(frozen=True)
class HighWater:
    tally: Tally
    losses: tuple[Loss, ...] = ()

    def latest_loss(self, now: datetime) -> Loss | None:
        """The last loss found, while it is recent enough to be shown."""
        if not self.losses:
            return None
        loss = self.losses[-1]
        return loss if now - loss.found_at <= LOSS_SHOWN_FOR else None


class RecordRefusedError(OSError):
    """The record is not a plain file (or not ours): it is neither read nor replaced."""


def tally_of(connection: sqlite3.Connection) -> Tally:
    """The tally of an open database at the current schema."""
    visits, last_visit = connection.execute("SELECT count(*), coalesce(max(id), 0) FROM visits").fetchone()
    runs, last_run = connection.execute("SELECT count(*), coalesce(max(id), 0) FROM tutorial_runs").fetchone()
    return Tally(int(visits), int(last_visit), int(runs), int(last_run))


def read_record(path: Path) -> HighWater | None:
    """The record at ``path``; None when there is none yet or it cannot be understood (logged).

    Raises ``RecordRefusedError`` when ``path`` is not a plain file; other ``OSError`` pass through.
    """
    try:
        data = read_plain_file(path, RECORD_LIMIT)
    except FileNotFoundError:
        return None
    except NotPlainFileError as error:
        raise RecordRefusedError(f"{path} is {error.kind}, not a plain file: loss check off") from error
    try:
        return _parse(json.loads(data.decode("utf-8")))
    except (ValueError, KeyError, TypeError) as error:
        log.error("statistics high-water record %s cannot be read (%s); a new one is started", path, error)
        return None


def write_record(path: Path, record: HighWater) -> None:
    """Replace the record in one durable step; refused when something other than a file is there."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        pass
    else:
        if not stat.S_ISREG(mode):
            raise RecordRefusedError(f"{path} is {kind_of(mode)}, not a plain file: it is not replaced")
    atomic_write_text(path, json.dumps(_render(record), indent=1) + "\n")


def check_against_record(
    database: Path, now_tally: Tally, now: datetime, *, kept_as: str | None = None, write: bool = True
) -> Loss | None:
    """Compare ``now_tally`` with the record; note a loss and bring the record up to date.

    Returns the loss to show: one found now, or the last one recorded while it is recent. With
    ``write`` False (``kiosk stats``, ``kiosk export``) nothing is written: a loss found now is
    only returned. Never raises for the record itself: the statistics matter more (it is logged).
    """
    path = record_file(database)
    try:
        record = read_record(path)
    except OSError as error:
        log.error("statistics high-water record not read: %s", error)
        return None
    if record is None:
        if write:
            _write_quietly(path, HighWater(now_tally))
        return None
    visits, runs = record.tally.missing_from(now_tally)
    if not (visits or runs):
        if write and now_tally != record.tally:
            _write_quietly(path, HighWater(now_tally, record.losses))
        return record.latest_loss(now)
    loss = Loss(now.astimezone(UTC).replace(microsecond=0), visits, runs, kept_as)
    if write:
        # (A command that only reads prints the loss itself.)
        log.error("statistics database %s: %s (record %s)", database, loss.message, record.tally)
        _write_quietly(path, HighWater(now_tally, (*record.losses, loss)[-LOSSES_KEPT:]))
    return loss


def _write_quietly(path: Path, record: HighWater) -> None:
    try:
        write_record(path, record)
    except OSError as error:
        log.error("statistics high-water record not written: %s", error)


def _parse(raw: object) -> HighWater:
    if not isinstance(raw, dict) or raw.get("version") != RECORD_VERSION:
        raise ValueError("not a version 1 record")
    numbers = [raw[key] for key in ("visits", "last_visit_id", "tutorial_runs", "last_run_id")]
    if not all(type(n) is int and n >= 0 for n in numbers):
        raise ValueError("counts must be whole numbers")
    losses = []
    for entry in raw.get("losses", []):
        found_at = datetime.fromisoformat(entry["found_at"])
        if found_at.tzinfo is None:
            raise ValueError("a loss's time must carry a time zone")
        kept_as = entry.get("kept_as")
        if not (kept_as is None or isinstance(kept_as, str)):
            raise ValueError("kept_as must be a file name")
        losses.append(Loss(found_at, int(entry["visits"]), int(entry["tutorial_runs"]), kept_as))
    return HighWater(Tally(*numbers), tuple(losses))


def _render(record: HighWater) -> dict[str, object]:
    tally = record.tally
    return {
        "version": RECORD_VERSION,
        "visits": tally.visits,
        "last_visit_id": tally.last_visit_id,
        "tutorial_runs": tally.tutorial_runs,
        "last_run_id": tally.last_run_id,
        "losses": [
            {
                "found_at": loss.found_at.isoformat(),
                "visits": loss.visits,
                "tutorial_runs": loss.tutorial_runs,
                "kept_as": loss.kept_as,
            }
            for loss in record.losses
        ],
    }
