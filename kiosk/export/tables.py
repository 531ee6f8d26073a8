"""The export's CSV files: which columns leave the kiosk, and how they are streamed out.

The columns are the privacy boundary: each one is on the reviewed list in
``tests/unit/kiosk/export/test_privacy.py``. Times leave coarsened to the hour; comfort
settings (which may hint at a disability) leave only as counts in ``daily_counts.csv``.

Speed: SQLite formats each CSV line itself (``printf``) and, in the same row, a short key
for the daily counts; it joins a chunk's lines, and its keys, into one string each
(``group_concat``), so Python handles a few strings per chunk rather than objects per row,
and counts keys with ``Counter.update`` (in C). No quoting is needed: the schema's CHECK
constraints allow only codes, ids and numbers in these columns. A chunk is a range of the
column the whole query would walk in order anyway (the rowid for a full export, the
``started_at`` index for one since a day), so the rows leave in the order a single query
gives them, and a million visits use little memory.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kiosk.export.readahead import read_ahead

CHUNK_ROWS = 5000
NEWLINE = "\r\n"
# Upper estimates of a row's size in bytes, for the free-space check before writing.
VISIT_ROW_BYTES = 100
RUN_ROW_BYTES = 90

VISIT_COLUMNS = (
    "visit_id",
    "started_hour_utc",
    "ended_hour_utc",
    "language",
    "mode",
    "end_reason",
    "feedback",
    "demo",
)
RUN_COLUMNS = (
    "visit_id",
    "tutorial_id",
    "content_version",
    "steps_total",
    "furthest_step",
    "completed",
    "handout_printed",
    "qr_shown",
)
DAILY_COLUMNS = (
    "date",
    "tutorial_id",
    "language",
    "mode",
    "demo",
    "visits",
    "runs",
    "completions",
    "handouts",
    "qr_shown",
    "large_text_visits",
    "high_contrast_visits",
    "feedback_unhappy",
    "feedback_neutral",
    "feedback_happy",
)


# One chunk: its row count, its CSV lines and its daily keys. Takes :low, :high (the range of
# the walked column), :boundary, :newline and :separator. group_concat joins the rows in the
# order the range is walked (SQLite before 3.44 has no ORDER BY inside an aggregate and calls
# that order arbitrary; tests/unit/kiosk/export/test_tables.py holds it to the single query's).
CHUNK_SQL = (
    "SELECT count(*), group_concat({line}, :newline), group_concat({key}, :separator)"
    " FROM {source} WHERE {column} >= :low AND {column} < :high"
)
KEY_SEPARATOR = " "

# A stored minute ('2026-11-24 15:37') leaves as its hour ('2026-11-24 15:00', UTC).
VISIT_LINE = (
    "printf('%s,%.14s00,%s,%s,%s,%s,%s,%d', uid, started_at, substr(ended_at, 1, 14) || '00',"
    " language, mode, end_reason, feedback, demo)"
)
RUN_LINE = (
    "printf('%s,%s,%s,%d,%d,%d,%d,%d', v.uid, r.tutorial_id, r.content_version, r.steps_total,"
    " r.furthest_step, r.completed, r.handout_printed, r.qr_shown)"
)
# Daily keys, read by kiosk.export.counts: the UTC date and whether the time is at or past
# :boundary ('HH:MM', where the point's local day changes), then the codes, then the
# yes/no facts as bits of one number (fewer fields for printf to format, the main cost).
VISIT_KEY = (
    "printf('%.10s%d%s|%d|%d', started_at, substr(started_at, 12, 5) >= :boundary, language, demo,"
    " (mode = 'guided') * 16 + (text_size <> 'normal') * 8 + (high_contrast = 1) * 4"
    " + coalesce(feedback, 0))"
)
# A run's key also says whether the tutorial is new in its visit. Comfort settings and
# feedback are counted per day, not per tutorial: per tutorial they would multiply the keys
# sixteenfold and tell a commune nothing more.
RUN_KEY = (
    "printf('%.10s%d%s|%s|%d|%d', v.started_at, substr(v.started_at, 12, 5) >= :boundary, v.language,"
    " r.tutorial_id, v.demo, (v.mode = 'guided') * 16 + (r.completed = 1) * 8"
    " + (r.handout_printed = 1) * 4 + (r.qr_shown = 1) * 2"
    " + NOT EXISTS (SELECT 1 FROM tutorial_runs e WHERE e.visit_id = r.visit_id"
    " AND e.tutorial_id = r.tutorial_id AND e.id < r.id))"
)


@dataclass(frozen=True)
class CsvTable:
    name: str
    columns: tuple[str, ...]
    line: str
    key: str
    source: str
    # The column a full export walks (the rowid: a plain scan's order), and the one an export
    # since a day walks (the visits' started_at index).
    full_column: str
    since_column: str

    def chunk_sql(self, filtered: bool) -> str:
        column = self.since_column if filtered else self.full_column
        return CHUNK_SQL.format(line=self.line, key=self.key, source=self.source, column=column)


VISITS = CsvTable("visits.csv", VISIT_COLUMNS, VISIT_LINE, VISIT_KEY, "visits", "id", "started_at")
TUTORIAL_RUNS = CsvTable(
    "tutorial_runs.csv",
    RUN_COLUMNS,
    RUN_LINE,
    RUN_KEY,
    "tutorial_runs r JOIN visits v ON v.id = r.visit_id",
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


def header(columns: Iterable[str]) -> bytes:
    return (",".join(columns) + NEWLINE).encode("ascii")


def csv_chunks(
    driver_connection: Any,
    table: CsvTable,
    ranges: Iterable[tuple[Bound, Bound]],
    parameters: Mapping[str, object],
    *,
    filtered: bool,
    on_rows: Callable[[int], None],
    on_keys: Callable[[list[str]], None],
) -> Generator[bytes, None, None]:
    """The table as CSV, header first, a chunk per range; each chunk's daily keys go to ``on_keys``.

    SQLite works a chunk or two ahead on a helper thread (see kiosk.export.readahead); the
    callbacks run on the caller's thread, as does everything done with the bytes.
    """
    yield header(table.columns)
    sql = table.chunk_sql(filtered)
    values = {**parameters, "newline": NEWLINE, "separator": KEY_SEPARATOR}

    def query() -> Iterator[tuple[int, str | None, str | None]]:
        for low, high in ranges:
            yield driver_connection.execute(sql, {**values, "low": low, "high": high}).fetchone()

    with closing(read_ahead(query(), name=f"export-{table.name}")) as chunks:
        for rows, lines, keys in chunks:
            on_rows(rows)
            if rows:
                assert lines is not None and keys is not None
                on_keys(keys.split(KEY_SEPARATOR))
                yield (lines + NEWLINE).encode("utf-8")
