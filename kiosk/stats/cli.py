"""The statistics commands: ``kiosk stats`` and ``demo-data``.

``kiosk.cli`` wires them in after applying ``--data-dir``. They need no screen, print to
the stream they are given, and return the exit status (1 with an exact message on failure).
``kiosk stats`` opens the database read-only (``open_for_reading``): it works from a read-only
or full disk and never changes the data; ``demo-data`` writes, so it opens it for writing.
The export commands are ``kiosk.export.cli``: the export reads the statistics, and this
package never imports the export.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.stats.codes import OutcomeKind
from kiosk.stats.db import Database, database_path, missing_database_loss, open_database
from kiosk.stats.demo import RealVisitsPresentError, demo_data, tutorials_of
from kiosk.stats.failures import DatabaseUnavailableError, Trouble
from kiosk.stats.periods import local_offset, local_today
from kiosk.stats.shown_summary import ShownSummary
from kiosk.stats.summary import PeriodFigures, summarize
from kiosk.system import paths
from kiosk.system import settings as settings_store

log = logging.getLogger(__name__)


def open_for_command(out: TextIO) -> Database | None:
    """The statistics database for writing, or None after saying why on ``out``; a damaged file is noted."""
    try:
        database = open_database(database_path())
    except DatabaseUnavailableError as error:
        out.write(f"error: {error}\n")
        return None
    if database.notice is not None:
        out.write(f"note: {database.notice.message}\n")
    if database.loss is not None:
        out.write(f"warning: {database.loss.message}\n")
    return database


def open_for_reading(out: TextIO, *, nothing_done: str = "") -> Database | None:
    """The statistics database, read-only and checked page by page, or None after saying why.

    A file holding less than the high-water record counted is opened, with a warning first.
    ``nothing_done`` ends an error line ("Nothing was exported.").
    """
    path = database_path()
    try:
        database = open_database(path, read_only=True, verify=True)
    except DatabaseUnavailableError as error:
        tail = f" {nothing_done}" if nothing_done else ""
        out.write(f"error: {error}{_reason(error)}{tail}\n")
        # A file gone or emptied holds nothing: were visits recorded in it before?
        if error.trouble is Trouble.MISSING or _is_empty(path):
            loss = missing_database_loss(path)
            if loss is not None:
                out.write(f"warning: {loss.message}\n")
        return None
    if database.loss is not None:
        out.write(f"warning: {database.loss.message}\n")
    return database


def _is_empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def _reason(error: DatabaseUnavailableError) -> str:
    """What SQLite found, for a damaged file (the other messages already say it)."""
    return f" (What was found: {error.detail}.)" if error.trouble is Trouble.DAMAGED and error.detail else ""


def stats_command(out: TextIO) -> int:
    """Today, the last 7 days and this month, as on the organiser's dashboard (read-only)."""
    path = database_path()
    if not path.exists() and missing_database_loss(path) is None:
        out.write(f"No visit has been recorded in this data dir yet (there is no {path}).\n")
        return 0
    database = open_for_reading(out)
    if database is None:
        return 1
    try:
        offset = local_offset()
        summary = summarize(database, local_today(offset), offset)
    except DatabaseUnavailableError as error:
        out.write(f"error: {error}\n")
        return 1
    finally:
        database.close()
    point = settings_store.load(paths.settings_file()).point_name
    out.write(f"{point} — statistics on {summary.day.isoformat()}\n\n")
    periods = summary.periods
    # Every count by the disclosure rule, as on the dashboard (kiosk.stats.disclosure).
    shown = ShownSummary(summary)
    out.write(f"{'':22}" + "".join(f"{p.name:>14}" for p in periods) + "\n")
    rows = [
        ("visits", "visits"),
        ("  guided", "guided"),
        ("  outcomes achieved", "outcomes-achieved"),
        ("  could not finish", "could-not-finish"),
        ("tutorials completed", "completed"),
        ("handouts printed", "handouts"),
        ("QR codes shown", "qr-codes"),
    ]
    for label, measure in rows:
        out.write(f"{label:22}" + "".join(f"{shown.text(p.name, measure):>14}" for p in periods) + "\n")
    month = periods[-1]
    out.write("\nTop tutorials this month (started, completed):\n")
    for tutorial_id, _runs, _completed in month.top_tutorials:
        runs, completed = shown.tutorial(month.name, tutorial_id)
        out.write(f"  {tutorial_id:28}{runs:>8}{completed:>8}\n")
    if not month.top_tutorials:
        out.write("  (none yet)\n")
    if month.outcomes:
        out.write("\nGuided sessions this month:\n")
        for outcome in month.outcomes:
            label = {
                OutcomeKind.ACHIEVED: "done",
                OutcomeKind.ACHIEVED_HELPED: "done with help",
                OutcomeKind.NOT_FINISHED: "not finished",
                OutcomeKind.PRACTISED: "practised on the kiosk",
            }[outcome.kind]
            code = f"{outcome.tutorial_id}: {label}: {outcome.code}"
            count = shown.outcome(month.name, outcome.tutorial_id, outcome.kind, outcome.code)
            out.write(f"  {code:58}{count:>6}\n")
    languages = ", ".join(f"{code} {shown.language(month.name, code)}" for code, _n in month.languages)
    out.write(f"\nLanguages this month: {languages or '(none yet)'}\n")
    out.write(
        "\nCounts from 1 to 4 read <5, the rest are rounded to the nearest 5, and a total that would\n"
        "give a small count away reads x, so that no visitor can be recognised (docs/privacy.md).\n"
    )
    _demo_note(month, shown, out)
    return 0


def _demo_note(month: PeriodFigures, shown: ShownSummary, out: TextIO) -> None:
    if month.demo_visits:
        count = shown.text(month.name, "demo-visits")
        out.write(f"Note: {count} of this month's visits are demo data (kiosk demo-data).\n")


def demo_data_command(
    visits: int,
    out: TextIO,
    *,
    point_name: str | None = None,
    commune: str | None = None,
    province: str | None = None,
) -> int:
    """Fill an empty data dir with ``visits`` synthetic visits; refuses one holding real visits.

    ``point_name``, ``commune`` and ``province``, when given, are saved in the settings first, so
    several demo kiosks can stand for different points (e.g. to try the district office's hub).
    """
    if visits < 1:
        out.write("error: --visits must be at least 1\n")
        return 1
    if (point_name, commune, province) != (None, None, None):
        try:
            current = settings_store.load(paths.settings_file())
            settings = replace(
                current,
                point_name=current.point_name if point_name is None else point_name,
                commune=current.commune if commune is None else commune,
                province=current.province if province is None else province,
            )
            settings.validate()
            paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
            settings_store.save(settings, paths.settings_file())
        except settings_store.SettingsError as error:
            out.write(f"error: {error}. Nothing was added.\n")
            return 1
        except OSError as error:
            out.write(f"error: the settings cannot be saved ({error}). Nothing was added.\n")
            return 1
    database = open_for_command(out)
    if database is None:
        return 1
    catalogue = load_catalogue(packs_dir())
    try:
        added = demo_data(
            database,
            visits,
            tutorials=tutorials_of(catalogue),
            languages=catalogue.languages,
            reasons=[reason.id for reason in catalogue.reasons],
        )
        # Counted in the high-water record at once, so a loss of them is noticed too.
        database.record_high_water()
    except RealVisitsPresentError as error:
        out.write(f"error: {error}\n")
        return 1
    except DatabaseUnavailableError as error:
        out.write(f"error: {error}\n")
        return 1
    finally:
        database.close()
    out.write(f"Added {added} demo visits to {database.path}\n")
    return 0
