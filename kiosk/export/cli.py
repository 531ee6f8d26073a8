"""The export commands: ``kiosk export`` and ``kiosk verify-export``.

``kiosk.cli`` wires them in after applying ``--data-dir``. They need no screen, print to the
stream they are given, and return the exit status (1 with an exact message on failure).
``kiosk export`` is the same export the organiser's screen writes to a USB stick. They live
with the export, not with the statistics: the export reads the statistics, never the reverse.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TextIO

from kiosk.export.errors import ExportError, human_size
from kiosk.export.job import ExportJob, ExportSource
from kiosk.export.verify import verify_export
from kiosk.stats.cli import open_for_command
from kiosk.stats.db import database_path
from kiosk.stats.periods import local_offset


def export_command(to: Path, since: date | None, out: TextIO) -> int:
    """Write a new export folder under ``to``, read it back and check it."""
    # Opened once for writing first: a damaged file is set aside and an old schema migrated.
    database = open_for_command(out)
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
        "Every file was read back and matches manifest.json: safe to remove.\n"
    )
    return 0


def verify_export_command(folder: Path, out: TextIO) -> int:
    """Exit 0 when the export in ``folder`` matches its manifest, else 1 with one line per problem."""
    problems = verify_export(folder)
    for problem in problems:
        out.write(f"{folder}: {problem}\n")
    if problems:
        return 1
    out.write(f"{folder}: every file matches manifest.json\n")
    return 0
