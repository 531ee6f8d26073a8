"""What the export reads of the visits and tutorial runs: a short key per row, to be counted.

No visit and no run leaves the kiosk as a row (``docs/privacy.md``): the export reads them
only to count them, per local day and a few codes, a chunk at a time, so a million visits
use little memory. A chunk is a range of the column the whole query would walk in order
anyway (the rowid for a full export, the ``started_at`` index for one since a month); every
chunk also keeps to the export's whole days (``started_at`` from :start, before :end).

Speed: SQLite formats each row's key and joins a chunk's keys into one string
(``group_concat``); Python splits it and counts with ``Counter.update`` (in C). That is about
twice as fast as ``GROUP BY`` per chunk, which sorts every chunk.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kiosk.export.readahead import read_ahead

CHUNK_ROWS = 5000

# Daily keys, read by kiosk.export.counts: the UTC date and whether the time is at or past
# :boundary ('HH:MM', where the point's local day changes), then the codes, then the
# yes/no facts as bits of one number.
VISIT_KEY = (
    "printf('%.10s%d%s|%d|%d', started_at, substr(started_at, 12, 5) >= :boundary, language, demo,"
    " (mode = 'guided') * 16 + (text_size <> 'normal') * 8 + (high_contrast = 1) * 4"
    " + coalesce(feedback, 0))"
)
# A run's key also says whether the tutorial is new in its visit. Comfort settings and
# feedback are counted per visit, not per tutorial.
RUN_KEY = (
    "printf('%.10s%d%s|%s|%d|%d', v.started_at, substr(v.started_at, 12, 5) >= :boundary, v.language,"
    " r.tutorial_id, v.demo, (v.mode = 'guided') * 16 + (r.completed = 1) * 8"
    " + (r.handout_printed = 1) * 4 + (r.qr_shown = 1) * 2"
    " + NOT EXISTS (SELECT 1 FROM tutorial_runs e WHERE e.visit_id = r.visit_id"
    " AND e.tutorial_id = r.tutorial_id AND e.id < r.id))"
)
# One chunk's row count and its keys, joined by :separator. Takes :low, :high (the range of
# the walked column), :start, :end (the export's whole days, as stored) and :boundary.
CHUNK_SQL = (
    "SELECT count(*), group_concat({key}, :separator) FROM {source}"
    " WHERE {column} >= :low AND {column} < :high AND {started} >= :start AND {started} < :end"
)
KEY_SEPARATOR = " "


@dataclass(frozen=True)
class KeyedTable:
    name: str
    key: str
    source: str
    started: str
    # The column a full export walks (the rowid: a plain scan's order), and the one an export
    # since a month walks (the visits' started_at index).
    full_column: str
    since_column: str

    def chunk_sql(self, filtered: bool) -> str:
        column = self.since_column if filtered else self.full_column
        return CHUNK_SQL.format(key=self.key, source=self.source, column=column, started=self.started)


VISITS = KeyedTable("visits", VISIT_KEY, "visits", "started_at", "id", "started_at")
TUTORIAL_RUNS = KeyedTable(
    "tutorial runs",
    RUN_KEY,
    "tutorial_runs r JOIN visits v ON v.id = r.visit_id",
    "v.started_at",
    "r.id",
    "v.started_at",
)

Bound = int | str


def id_ranges(first: int | None, last: int | None) -> Iterator[tuple[Bound, Bound]]:
    """Rowids ``first`` to ``last`` in spans of CHUNK_ROWS (fewer rows where ids were deleted)."""
    if first is None or last is None:
        return
    for low in range(first, last + 1, CHUNK_ROWS):
        yield low, low + CHUNK_ROWS


def day_ranges(start: str, last: str | None) -> Iterator[tuple[Bound, Bound]]:
    """Stored minutes from ``start`` past ``last`` (both as stored), one UTC day at a time."""
    if last is None or last < start:
        return
    low = start
    day = date.fromisoformat(start[:10])
    while low <= last:
        day += timedelta(days=1)
        high = f"{day.isoformat()} 00:00"
        yield low, high
        low = high


def key_chunks(
    driver_connection: Any,
    table: KeyedTable,
    ranges: Iterable[tuple[Bound, Bound]],
    parameters: Mapping[str, object],
    *,
    filtered: bool,
) -> Generator[tuple[int, list[str]], None, None]:
    """Each range's row count and keys (one per row), in order.

    SQLite works a chunk or two ahead on a helper thread (see kiosk.export.readahead); the
    caller counts a chunk while SQLite builds the next.
    """
    sql = table.chunk_sql(filtered)
    values = {**parameters, "separator": KEY_SEPARATOR}

    def query() -> Iterator[tuple[int, list[str]]]:
        for low, high in ranges:
            rows, keys = driver_connection.execute(sql, {**values, "low": low, "high": high}).fetchone()
            yield int(rows), keys.split(KEY_SEPARATOR) if rows else []

    with closing(read_ahead(query(), name=f"export-{table.name}")) as chunks:
        yield from chunks


def count_keys(
    driver_connection: Any,
    table: KeyedTable,
    ranges: Iterable[tuple[Bound, Bound]],
    parameters: Mapping[str, object],
    *,
    filtered: bool,
    on_keys: Callable[[list[str]], None],
    on_rows: Callable[[int], None],
) -> int:
    """Hand ``table``'s keys chunk by chunk to ``on_keys``; the number of rows read."""
    total = 0
    with closing(key_chunks(driver_connection, table, ranges, parameters, filtered=filtered)) as chunks:
        for rows, keys in chunks:
            total += rows
            if keys:
                on_keys(keys)
            on_rows(rows)
    return total
