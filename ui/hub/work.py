"""What the hub window asks of ``kiosk.hub``, as plain data: run on a worker thread, never on the GUI's.

The same steps as ``kiosk hub import``, ``kiosk hub kiosks`` and ``kiosk hub report``
(``kiosk.hub.cli``), returning results the window words in the office's language instead of
printing English lines. Each call opens the database ``--db`` names and closes it again, so
no connection is shared between threads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path

from kiosk.hub.db import HubDatabase, open_hub


class Outcome(Enum):
    IMPORTED = "imported"
    ALREADY = "already"
    REFUSED = "refused"


@dataclass(frozen=True)
class FolderResult:
    folder: Path
    outcome: Outcome
    # Refused: why (the hub's words, as `kiosk hub import` prints them).
    reason: str = ""
    point: str = ""
    days_added: int = 0
    days_replaced: int = 0
    days_same: int = 0
    days_kept: int = 0
    # The key fingerprint pinned for a kiosk seen for the first time.
    pinned: str = ""


@dataclass(frozen=True)
class ImportProgress:
    done: int
    total: int
    folder: Path


@dataclass(frozen=True)
class KioskRow:
    kiosk_id: str
    point: str
    commune: str
    province: str
    last_day: date | None
    # "" when the office forgot its key (the next export pins one).
    fingerprint: str


class NoPointsError(LookupError):
    """The hub holds no export of the commune (or of any point) asked for."""


@dataclass(frozen=True)
class SavedReport:
    folder: Path
    files: tuple[Path, ...]
    withheld: int
    points: int


@contextmanager
def _opened(db: str | None) -> Iterator[HubDatabase]:
    database = open_hub(db)
    try:
        yield database
    finally:
        database.close()


def import_paths(
    db: str | None, chosen: Sequence[Path], report: Callable[[ImportProgress], None]
) -> list[FolderResult]:
    """Every export folder ``chosen`` stands for, checked and stored one by one (a stick, a folder)."""
    from kiosk.hub.cli import export_folders
    from kiosk.hub.reading import ExportRefusedError, read_export
    from kiosk.hub.store import import_export

    folders = [folder for path in chosen for folder in export_folders(path)]
    results: list[FolderResult] = []
    with _opened(db) as database:
        for index, folder in enumerate(folders):
            report(ImportProgress(index, len(folders), folder))
            try:
                data = read_export(folder)
                result = import_export(database, data)
            except ExportRefusedError as error:
                results.append(FolderResult(folder, Outcome.REFUSED, reason=str(error)))
                continue
            results.append(
                FolderResult(
                    folder,
                    Outcome.ALREADY if result.already else Outcome.IMPORTED,
                    point=result.point,
                    days_added=result.days_added,
                    days_replaced=result.days_replaced,
                    days_same=result.days_same,
                    days_kept=result.days_kept,
                    pinned=data.fingerprint if result.pinned_now else "",
                )
            )
        report(ImportProgress(len(folders), len(folders), folders[-1] if folders else Path()))
    return results


def list_kiosks(db: str | None) -> list[KioskRow]:
    """Every kiosk the hub knows, by province, commune and point (as `kiosk hub kiosks` lists them)."""
    from sqlalchemy import select

    from kiosk.hub.models import Kiosk, Point

    with _opened(db) as database, database.read() as connection:
        rows = connection.execute(
            select(
                Kiosk.kiosk_id, Point.name, Point.commune, Point.province, Kiosk.last_day, Kiosk.fingerprint
            )
            .join(Point, Point.id == Kiosk.point_id)
            .order_by(Point.province, Point.commune, Point.name, Kiosk.kiosk_id)
        ).all()
    return [
        KioskRow(kiosk_id, name, commune or "", province or "", last_day, fingerprint or "")
        for kiosk_id, name, commune, province, last_day, fingerprint in rows
    ]


def save_report(
    db: str | None, month: str, commune: str | None, out: Path, *, include_demo: bool
) -> SavedReport:
    """The month's workbook, CSVs and PDF in ``out`` (`kiosk hub report`'s files).

    ``NoPointsError`` when the hub holds nothing of the area; ``OSError`` when ``out`` cannot be written.
    """
    from kiosk.hub.cli import report_titles
    from kiosk.hub.figures import gather
    from kiosk.hub.report import write_report

    with _opened(db) as database:
        with database.read() as connection:
            figures = gather(connection, month, commune=commune, include_demo=include_demo)
        if not figures.points:
            raise NoPointsError(commune or "")
        written = write_report(figures, report_titles(), out, made=datetime.now(UTC).date())
    return SavedReport(
        out, (written.workbook, written.pdf, *written.csvs), written.withheld, len(figures.points)
    )
