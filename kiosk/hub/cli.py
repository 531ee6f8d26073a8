"""``kiosk hub``: the district office's commands (import, report, kiosks), and its window.

``kiosk.cli`` wires them in. They need no screen, print to the stream they are given and
return the exit status: ``import`` exits 1 when any folder was refused (the others are stored),
``report`` and ``kiosks`` when the database cannot be used. ``--db`` is a folder for the SQLite
file or a ``postgresql+psycopg://`` address (kiosk.hub.db).

With no action, ``kiosk hub [--db DB]`` opens the office's window (``ui.hub``); the core never
imports a screen, so ``run_hub_command`` answers None and ``ui.main`` starts it.
"""

from __future__ import annotations

import argparse
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kiosk.hub.db import HubDatabase, HubDatabaseError, open_hub

if TYPE_CHECKING:
    from kiosk.hub.report import Titles

log = logging.getLogger(__name__)

STICK_FOLDER = "digital-literacy-kiosk"


def add_hub_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hub = commands.add_parser(
        "hub", help="district office: import kiosks' exports, list the kiosks, write a month report"
    )
    # With no action, `kiosk hub` opens the office's window (ui.main starts it: the core has no screen).
    actions = hub.add_subparsers(dest="hub_command", metavar="ACTION")
    db_help = (
        "a folder for the hub's SQLite file, or postgresql+psycopg://user@host/name "
        "(default: the user's data dir)"
    )
    hub.add_argument("--db", metavar="URL", help=db_help + "; with no ACTION, the window opens on it")
    take = actions.add_parser(
        "import", help="check and store export folders (from sticks or e-mail); exit 1 if any is refused"
    )
    take.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="an export folder, a stick, or a folder of exports",
    )
    take.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=db_help)
    report = actions.add_parser("report", help="write a month's workbook, CSV files and PDF summary")
    report.add_argument("--month", required=True, metavar="YYYY-MM")
    report.add_argument("--commune", metavar="NAME", help="only this commune's points")
    report.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the files")
    report.add_argument(
        "--demo", action="store_true", help="count demo data (kiosk demo-data) too, for training"
    )
    report.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=db_help)
    kiosks = actions.add_parser("kiosks", help="list the kiosks, their points, last day and key")
    kiosks.add_argument(
        "--forget",
        metavar="KIOSK_ID",
        help="forget this kiosk's pinned key (it has a new one): its next export pins the new key",
    )
    kiosks.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=db_help)


def run_hub_command(args: argparse.Namespace, out: TextIO) -> int | None:
    """The action's exit status; None with no action: the window is wanted (``ui.main`` opens it)."""
    if args.hub_command is None:
        return None
    try:
        database = open_hub(args.db)
    except HubDatabaseError as error:
        out.write(f"error: {error}\n")
        return 1
    try:
        if args.hub_command == "import":
            return import_command(database, args.paths, out)
        if args.hub_command == "report":
            return report_command(database, args.month, args.commune, args.out, out, include_demo=args.demo)
        return kiosks_command(database, out, forget=args.forget)
    finally:
        database.close()


def export_folders(path: Path) -> list[Path]:
    """The export folders ``path`` stands for: itself, or those on a stick or in a folder, oldest first."""
    if (path / "manifest.json").exists() or (path / "manifest.json.minisig").exists():
        return [path]
    base = path / STICK_FOLDER if (path / STICK_FOLDER).is_dir() else path
    try:
        found = sorted(
            child for child in base.iterdir() if child.is_dir() and child.name.startswith("export-")
        )
    except OSError:
        return [path]
    return found or [path]


def import_command(database: HubDatabase, paths: list[Path], out: TextIO) -> int:
    from kiosk.hub.reading import ExportRefusedError, read_export
    from kiosk.hub.store import import_export

    folders = [folder for path in paths for folder in export_folders(path)]
    refused = 0
    for folder in folders:
        try:
            data = read_export(folder)
            result = import_export(database, data)
        except ExportRefusedError as error:
            refused += 1
            out.write(f"{folder}: refused: {error}. Nothing of it was stored.\n")
            continue
        where = f"kiosk {result.kiosk_id[:8]}, {result.point}"
        if result.pinned_now:
            out.write(f"{folder}: key {data.fingerprint} pinned for kiosk {result.kiosk_id}\n")
        if result.already:
            out.write(f"{folder}: imported before ({where}); nothing changed\n")
            continue
        line = f"{folder}: imported ({where}): {result.days_added} days added"
        if result.days_replaced:
            line += f", {result.days_replaced} replaced by fuller counts"
        if result.days_same:
            line += f", {result.days_same} already stored"
        out.write(line + "\n")
        if result.days_kept:
            out.write(
                f"{folder}: note: {result.days_kept} days hold fewer counts than those stored before "
                "(was the kiosk restored from an old copy?); the stored days were kept\n"
            )
    out.write(f"{len(folders) - refused} of {len(folders)} export folders imported into {database.shown}\n")
    return 1 if refused else 0


def report_titles() -> Titles:
    """The lessons', outcomes' and reasons' Vietnamese words (ids alone when the packs cannot be read)."""
    from kiosk.content.installed import packs_dir
    from kiosk.content.loader import load_catalogue
    from kiosk.hub.report import Titles

    try:
        catalogue = load_catalogue(packs_dir(), ("vi",))
    except Exception as error:  # the titles are a convenience: ids are printed without them
        log.warning("lesson titles not loaded (%s); the report names lessons by id", error)
        return Titles({}, {}, {})
    return Titles(
        lessons={t.id: t.text("vi").title for t in catalogue.tutorials},
        outcomes={(t.id, o): t.outcome_text("vi", o) for t in catalogue.tutorials for o in t.outcomes},
        reasons={r.id: r.title("vi") for r in catalogue.reasons},
    )


def report_command(
    database: HubDatabase, month: str, commune: str | None, to: Path, out: TextIO, *, include_demo: bool
) -> int:
    from kiosk.hub.figures import gather, month_days
    from kiosk.hub.report import write_report

    try:
        month_days(month)
    except ValueError:
        out.write(f"error: --month {month!r} is not a month like 2026-11\n")
        return 1
    with database.read() as connection:
        figures = gather(connection, month, commune=commune, include_demo=include_demo)
    if not figures.points:
        where = f"commune {commune!r}" if commune is not None else "any point"
        out.write(f"error: the hub holds no export of {where}; import the kiosks' exports first\n")
        return 1
    titles = report_titles()
    try:
        written = write_report(figures, titles, to, made=datetime.now(UTC).date())
    except OSError as error:
        out.write(f"error: the report cannot be written to {to} ({error.strerror or error})\n")
        return 1
    out.write(f"Wrote {written.workbook}\nWrote {written.pdf}\n")
    for path in written.csvs:
        out.write(f"Wrote {path}\n")
    out.write(
        f"{len(figures.points)} points, {month}. Counts from 1 to 4 read <5, the rest are rounded to "
        "the nearest 5, and a total that would give a small count away reads x "
        f"({written.withheld} withheld).\n"
    )
    if include_demo:
        out.write("Demo data is counted in this report (--demo): do not pass it on as real figures.\n")
    return 0


def kiosks_command(database: HubDatabase, out: TextIO, *, forget: str | None = None) -> int:
    from sqlalchemy import select

    from kiosk.hub.models import Kiosk, Point
    from kiosk.hub.store import forget_key

    if forget is not None:
        if not forget_key(database, forget.strip().lower()):
            out.write(f"error: the hub knows no kiosk {forget!r} (see `kiosk hub kiosks`)\n")
            return 1
        out.write(
            f"Kiosk {forget}'s key is forgotten: its next export pins the key that signed it. "
            "Its days stored so far stay.\n"
        )
        return 0
    with database.read() as connection:
        rows = connection.execute(
            select(
                Kiosk.kiosk_id, Point.name, Point.commune, Point.province, Kiosk.last_day, Kiosk.fingerprint
            )
            .join(Point, Point.id == Kiosk.point_id)
            .order_by(Point.province, Point.commune, Point.name, Kiosk.kiosk_id)
        ).all()
    if not rows:
        out.write(f"No kiosk yet in {database.shown}: import exports with `kiosk hub import`.\n")
        return 0
    for kiosk_id, name, commune, province, last_day, fingerprint in rows:
        key = fingerprint or "forgotten (the next export pins its key)"
        out.write(
            f"{kiosk_id}  {name} ({commune or '?'}, {province or '?'})  "
            f"last day {last_day.isoformat() if last_day else '-'}  key {key}\n"
        )
    return 0
