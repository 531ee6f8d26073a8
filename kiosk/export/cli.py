"""The export commands: ``kiosk export`` and ``kiosk verify-export``.

``kiosk.cli`` wires them in after applying ``--data-dir``. They need no screen, print to the
stream they are given, and return the exit status (1 with an exact message on failure).
``kiosk export`` is the same export the organiser's screen writes to a USB stick. They live
with the export, not with the statistics: the export reads the statistics, never the reverse.

``verify-export`` tells damage (a hash differs) from a forgery (the signature of
``manifest.json`` is missing, bad, or by another key than the one pinned or this kiosk's own).
A good signature proves only which key signed: the reader compares its fingerprint with the one
on the kiosk's organiser screen, or pins it with ``--fingerprint``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TextIO

from kiosk.export.errors import ExportError, human_size
from kiosk.export.job import ExportJob, ExportSource
from kiosk.export.kiosk_key import normal_fingerprint
from kiosk.export.verify import Signer, check_export, this_kiosk
from kiosk.stats.cli import open_for_reading
from kiosk.stats.db import database_path
from kiosk.stats.periods import local_offset


def export_command(to: Path, since: date | None, out: TextIO) -> int:
    """Write a new export folder under ``to``, read it back and check it.

    Read-only, as the organiser's screen: it works from a read-only or full data disk and
    never changes the local data. A damaged file, one at another schema or missing a table is
    refused with the reason (never exported as 0 visits); one holding less than the
    high-water record counted is exported with a warning.
    """
    # A stick that is not there is said first, by the job, as on the organiser's screen.
    if to.is_dir():
        database = open_for_reading(out, nothing_done="Nothing was exported.")
        if database is None:
            return 1
        database.close()
    job = ExportJob(
        to.resolve(),
        ExportSource.for_this_kiosk(),
        database_path=database_path(),
        since=since,
        offset=local_offset(),
    )
    try:
        result = job.run()
    except ExportError as error:
        out.write(f"error: {error}\n")
        return 1
    out.write(
        f"Exported {result.visits} visits and {result.tutorial_runs} tutorial runs "
        f"({human_size(result.bytes_written)}) to {result.folder}\n"
        f"{_days(result.first_day, result.last_day)} "
        "Today's visits go in the next export: a day leaves the kiosk once it is over.\n"
        "Every file was read back and matches manifest.json: safe to remove.\n"
        f"Signed with this kiosk's key, fingerprint {result.key_fingerprint}.\n"
    )
    return 0


def verify_export_command(folder: Path, out: TextIO, fingerprint: str | None = None) -> int:
    """Exit 0 when the export in ``folder`` matches its manifest and its signature is good (by the
    key with ``fingerprint``, when given); else 1 with one line per problem."""
    pinned = None
    if fingerprint is not None:
        pinned = normal_fingerprint(fingerprint)
        if pinned is None:
            out.write(
                f"error: {fingerprint!r} is not a key fingerprint: it has 32 hex digits, "
                "like 3F2A 91C0 … as the kiosk's organiser screen shows it\n"
            )
            return 1
    check = check_export(folder, pinned=pinned, own=this_kiosk())
    for problem in check.problems:
        out.write(f"{folder}: {problem}\n")
    if check.problems or check.signer is None:
        return 1
    signer = check.signer
    out.write(
        f"{folder}: every file matches manifest.json, signed by kiosk {signer.kiosk_id}\n"
        f"{folder}: signing key fingerprint {signer.fingerprint}\n"
    )
    for line in _about_the_key(signer):
        out.write(f"{folder}: {line}\n")
    return 0


def _about_the_key(signer: Signer) -> list[str]:
    if signer.matched == "pinned":
        lines = ["this is the fingerprint you gave: the export is unchanged since that kiosk signed it"]
    elif signer.matched == "own":
        lines = ["this is this kiosk's own key: the export was made here and is unchanged"]
    else:
        lines = [
            "compare this fingerprint with the one on that kiosk's organiser screen (Statistics) or "
            "pin it with --fingerprint: another key than that kiosk's means the export was changed "
            "or not made there"
        ]
    if signer.replaces_damaged_key:
        lines.append(
            f"note: the kiosk made this key on {signer.made or 'a day not recorded'} because its earlier "
            "key file was damaged, so its fingerprint changed then"
        )
    if not signer.stored_on_kiosk:
        lines.append(
            "note: the kiosk could not keep this key (its data folder would not store it), so the "
            "key signed only the exports of one run of the kiosk and its screen shows another one"
        )
    return lines


def _days(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return "No whole day with visits yet."
    return f"Whole days {first.isoformat()} to {last.isoformat()}."
