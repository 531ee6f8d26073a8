"""Storing a checked export: the kiosk's key pinned, every day stored once, one transaction.

- **Key pinning.** The first export of a kiosk id pins the key that signed it. A later export
  of that id signed by another key is refused, until the office forgets the kiosk's key
  (``kiosk hub kiosks --forget ID``, after checking the new fingerprint on the kiosk's screen);
  the next export then pins its key. The days already stored stay.
- **Each day once.** A kiosk's local day (real or demo) is stored from the first export that
  holds it. The same export again changes nothing. A later export that holds the day again
  replaces it only if it holds at least every count stored for it (a superset: a day is
  complete when it leaves the kiosk, so a day that grew means the earlier copy was short);
  one with fewer counts (a kiosk restored from an old copy) leaves the stored day as it is.
  The profile of guided visitors (per closed month) follows the same rule per month.
- **All or nothing.** A folder is one transaction; a refused folder stores nothing. On
  PostgreSQL the kiosk's row is locked for the transaction, so two offices importing exports
  of the same kiosk at once take turns, and unique keys catch what a lock cannot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from kiosk.hub.db import HubDatabase
from kiosk.hub.models import (
    MODE,
    VISITS,
    DayCount,
    ImportedExport,
    Kiosk,
    KioskDay,
    OutcomeCount,
    Point,
    ProfileCount,
    tutorial_attribute,
)
from kiosk.hub.reading import DayData, ExportData, ExportRefusedError

COMPLETIONS = tutorial_attribute("completions")


@dataclass(frozen=True)
class ImportResult:
    kiosk_id: str
    point: str
    # The same export (its manifest) was imported before: nothing changed.
    already: bool
    days_added: int = 0
    days_replaced: int = 0
    # Days the export holds as they were stored already.
    days_same: int = 0
    # Days stored before with counts this export lacks: the stored ones were kept.
    days_kept: int = 0
    rows: int = 0
    pinned_now: bool = False


def _insert(connection: Connection) -> Any:
    return pg_insert if connection.dialect.name == "postgresql" else sqlite_insert


def _point_id(connection: Connection, data: ExportData) -> int:
    insert = _insert(connection)
    values = {"name": data.point_name, "commune": data.commune, "province": data.province}
    connection.execute(insert(Point).values(**values).on_conflict_do_nothing())
    found = connection.execute(
        select(Point.id).where(
            Point.name == data.point_name, Point.commune == data.commune, Point.province == data.province
        )
    ).scalar_one()
    return int(found)


def forget_key(database: HubDatabase, kiosk_id: str) -> bool:
    """Unpin a kiosk's key (its next export pins a new one); False when no such kiosk is known."""
    with database.write() as connection:
        done = connection.execute(
            update(Kiosk).where(Kiosk.kiosk_id == kiosk_id).values(fingerprint=None, public_key=None)
        )
        return bool(done.rowcount)


def import_export(database: HubDatabase, data: ExportData, *, now: datetime | None = None) -> ImportResult:
    """Store ``data`` (already checked by kiosk.hub.reading) in one transaction.

    Raises ``ExportRefusedError`` (nothing stored) when the kiosk's pinned key is another one.
    """
    moment = (now or datetime.now(UTC)).replace(tzinfo=None, second=0, microsecond=0)
    with database.write() as connection:
        return _store(connection, data, moment)


def _store(connection: Connection, data: ExportData, moment: datetime) -> ImportResult:
    point = f"{data.point_name} ({data.commune or '?'}, {data.province or '?'})"
    point_id = _point_id(connection, data)
    created = connection.execute(
        _insert(connection)(Kiosk)
        .values(
            kiosk_id=data.kiosk_id,
            fingerprint=data.fingerprint,
            public_key=data.public_key,
            point_id=point_id,
            first_seen=moment,
            last_created=data.created,
            last_day=None,
        )
        .on_conflict_do_nothing()
    )
    pinned_now = bool(created.rowcount)
    query = select(Kiosk).where(Kiosk.kiosk_id == data.kiosk_id)
    if connection.dialect.name == "postgresql":
        query = query.with_for_update()
    kiosk = connection.execute(query).one()
    if kiosk.fingerprint is None:
        pinned_now = True
        connection.execute(
            update(Kiosk)
            .where(Kiosk.kiosk_id == data.kiosk_id)
            .values(fingerprint=data.fingerprint, public_key=data.public_key)
        )
    elif kiosk.fingerprint != data.fingerprint:
        raise ExportRefusedError(
            f"signed by key {data.fingerprint}, but kiosk {data.kiosk_id} signs with key "
            f"{kiosk.fingerprint} (pinned at its first import): the export was changed and signed "
            "again, or the kiosk has a new key. Compare the fingerprint on the kiosk's organiser "
            "screen; if the kiosk really has a new key, run `kiosk hub kiosks --forget "
            f"{data.kiosk_id}` and import again"
        )
    seen = connection.execute(
        select(ImportedExport.id).where(
            ImportedExport.kiosk_id == data.kiosk_id, ImportedExport.manifest_sha256 == data.manifest_sha256
        )
    ).first()
    if seen is not None:
        return ImportResult(data.kiosk_id, point, already=True, pinned_now=pinned_now)
    import_id = connection.execute(
        _insert(connection)(ImportedExport)
        .values(
            kiosk_id=data.kiosk_id,
            manifest_sha256=data.manifest_sha256,
            created=data.created,
            first_day=data.first_day,
            last_day=data.last_day,
            imported_at=moment,
            days_added=0,
            days_replaced=0,
            days_kept=0,
        )
        .returning(ImportedExport.id)
    ).scalar_one()
    result = _store_days(connection, data, int(import_id))
    _store_profile(connection, data)
    connection.execute(
        update(ImportedExport)
        .where(ImportedExport.id == import_id)
        .values(days_added=result[0], days_replaced=result[1], days_kept=result[3])
    )
    changes: dict[str, Any] = {}
    if data.created >= kiosk.last_created:
        changes.update(point_id=point_id, last_created=data.created)
    # The last whole day the export covers: the kiosk has reported up to it, visits or not.
    if kiosk.last_day is None or data.last_day > kiosk.last_day:
        changes["last_day"] = data.last_day
    if changes:
        connection.execute(update(Kiosk).where(Kiosk.kiosk_id == data.kiosk_id).values(**changes))
    added, replaced, same, kept, rows = result
    return ImportResult(data.kiosk_id, point, False, added, replaced, same, kept, rows, pinned_now)


def _stored_days(
    connection: Connection, kiosk_id: str, days: Iterable[tuple[date, bool]]
) -> dict[tuple[date, bool], DayData]:
    wanted = set(days)
    if not wanted:
        return {}
    first = min(day for day, _demo in wanted)
    last = max(day for day, _demo in wanted)
    stored = connection.execute(
        select(KioskDay.day, KioskDay.demo).where(
            KioskDay.kiosk_id == kiosk_id, KioskDay.day >= first, KioskDay.day <= last
        )
    ).all()
    found: dict[tuple[date, bool], DayData] = {
        (row.day, bool(row.demo)): DayData() for row in stored if (row.day, bool(row.demo)) in wanted
    }
    if not found:
        return found
    for row in connection.execute(
        select(DayCount.day, DayCount.demo, DayCount.attribute, DayCount.code, DayCount.count).where(
            DayCount.kiosk_id == kiosk_id, DayCount.day >= first, DayCount.day <= last
        )
    ):
        day, demo, attribute, code, count = row
        entry = found.get((day, bool(demo)))
        if entry is not None:
            entry.counts[(attribute, code)] = count
    for outcome in connection.execute(
        select(
            OutcomeCount.day,
            OutcomeCount.demo,
            OutcomeCount.tutorial_id,
            OutcomeCount.kind,
            OutcomeCount.code,
            OutcomeCount.count,
        ).where(OutcomeCount.kiosk_id == kiosk_id, OutcomeCount.day >= first, OutcomeCount.day <= last)
    ):
        day, demo, tutorial, kind, code, count = outcome
        entry = found.get((day, bool(demo)))
        if entry is not None:
            entry.outcomes[(tutorial, kind, code)] = count
    return found


def is_superset(new: dict[Any, int], old: dict[Any, int]) -> bool:
    return all(new.get(key, 0) >= count for key, count in old.items())


def _store_days(connection: Connection, data: ExportData, import_id: int) -> tuple[int, int, int, int, int]:
    stored = _stored_days(connection, data.kiosk_id, data.days)
    fresh: list[tuple[date, bool]] = []
    replaced: list[tuple[date, bool]] = []
    same = kept = 0
    for key, day in data.days.items():
        old = stored.get(key)
        if old is None:
            fresh.append(key)
            continue
        new_cells, old_cells = day.cells(), old.cells()
        if new_cells == old_cells:
            same += 1
        elif is_superset(new_cells, old_cells):
            replaced.append(key)
        else:
            kept += 1
    postgresql = connection.dialect.name == "postgresql"

    def day_value(day: date) -> object:
        return day if postgresql else day.isoformat()

    if replaced:
        keys = [{"k": data.kiosk_id, "d": day, "m": demo} for day, demo in replaced]
        for model in (DayCount, OutcomeCount):
            connection.execute(
                delete(model).where(
                    model.kiosk_id == _bind("k"), model.day == _bind("d"), model.demo == _bind("m")
                ),
                keys,
            )
        summaries = [
            {"k": data.kiosk_id, "d": day, "m": demo, **_summary(data.days[(day, demo)])}
            for day, demo in replaced
        ]
        connection.execute(
            update(KioskDay)
            .where(KioskDay.kiosk_id == _bind("k"), KioskDay.day == _bind("d"), KioskDay.demo == _bind("m"))
            .values(import_id=import_id, visits=_bind("v"), guided=_bind("g"), completions=_bind("c")),
            summaries,
        )
    _bulk(
        connection,
        "kiosk_days",
        ("kiosk_id", "day", "demo", "import_id", "visits", "guided", "completions"),
        [
            (data.kiosk_id, day_value(day), demo, import_id, *_summary(data.days[(day, demo)]).values())
            for day, demo in fresh
        ],
    )
    written = sorted([*fresh, *replaced])
    count_rows = [
        (data.kiosk_id, day_value(day), demo, attribute, code, count)
        for day, demo in written
        for (attribute, code), count in data.days[(day, demo)].counts.items()
    ]
    outcome_rows = [
        (data.kiosk_id, day_value(day), demo, tutorial, kind, code, count)
        for day, demo in written
        for (tutorial, kind, code), count in data.days[(day, demo)].outcomes.items()
    ]
    _bulk(connection, "day_counts", ("kiosk_id", "day", "demo", "attribute", "code", "count"), count_rows)
    _bulk(
        connection,
        "outcome_counts",
        ("kiosk_id", "day", "demo", "tutorial_id", "kind", "code", "count"),
        outcome_rows,
    )
    return len(fresh), len(replaced), same, kept, len(count_rows) + len(outcome_rows)


def _summary(day: DayData) -> dict[str, int]:
    """The day's counts kept beside it in kiosk_days (for the trend), in the table's column order."""
    completions = sum(n for (attribute, _code), n in day.counts.items() if attribute == COMPLETIONS)
    return {
        "v": day.counts.get((VISITS, ""), 0),
        "g": day.counts.get((MODE, "guided"), 0),
        "c": completions,
    }


def _bind(name: str) -> Any:
    return bindparam(name)


def _store_profile(connection: Connection, data: ExportData) -> None:
    if not data.profile_months:
        return
    table = ProfileCount
    old: dict[tuple[str, bool], dict[tuple[str, str], int]] = defaultdict(dict)
    for month, demo, attribute, code, count in connection.execute(
        select(table.month, table.demo, table.attribute, table.code, table.count).where(
            table.kiosk_id == data.kiosk_id
        )
    ):
        old[(month, bool(demo))][(attribute, code)] = count
    rows: list[tuple[Any, ...]] = []
    for (month, demo), cells in data.profile_months.items():
        before = old.get((month, demo))
        if before is not None:
            if before == cells or not is_superset(cells, before):
                continue
            connection.execute(
                delete(table).where(table.kiosk_id == data.kiosk_id, table.month == month, table.demo == demo)
            )
        rows.extend(
            (data.kiosk_id, month, demo, attribute, code, count) for (attribute, code), count in cells.items()
        )
    _bulk(connection, "profile_counts", ("kiosk_id", "month", "demo", "attribute", "code", "count"), rows)


def _bulk(connection: Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Many rows at once: PostgreSQL's COPY, SQLite's executemany (the floors the benchmark measures)."""
    if not rows:
        return
    names = ", ".join(columns)
    if connection.dialect.name == "postgresql":
        driver = connection.connection.driver_connection
        assert driver is not None
        with driver.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    connection.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
