"""The export's CSV files: which columns leave the kiosk, and how they are streamed out.

The columns are the privacy boundary: each one is on the reviewed list in
``tests/unit/kiosk/export/test_privacy.py``. Times leave coarsened to the hour; comfort
settings (which may hint at a disability) leave only as counts in ``daily_counts.csv``.

Speed: SQLite formats each CSV line itself (``printf``) and, in the same row, a short key
for the daily counts, so Python only joins lines and counts keys (``Counter.update`` runs
in C). No quoting is needed: the schema's CHECK constraints allow only codes, ids and
numbers in these columns. Rows come in chunks, so a million visits use little memory.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

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


def visits_sql(filtered: bool) -> str:
    """Line and daily key of each visit. Takes :boundary and, when ``filtered``, :start.

    A stored minute ('2026-11-24 15:37') leaves as its hour ('2026-11-24 15:00', UTC); the
    key holds the UTC date and whether the time is at or past :boundary ('HH:MM'), where the
    point's local day changes (kiosk.export.counts turns the pair into the local date).
    """
    return (
        "SELECT printf('%s,%.14s00,%s,%s,%s,%s,%s,%d', uid, started_at, substr(ended_at, 1, 14) || '00',"
        " language, mode, end_reason, feedback, demo),"
        " printf('%.10s%d|%s|%s|%d|%d|%d|%d', started_at, substr(started_at, 12, 5) >= :boundary,"
        " language, mode, demo, text_size <> 'normal', high_contrast, coalesce(feedback, 0))"
        " FROM visits" + (" WHERE started_at >= :start" if filtered else "")
    )


def runs_sql(filtered: bool) -> str:
    """Line and daily key of each run; the key says whether the tutorial is new in its visit.

    Comfort settings and feedback are counted per day, not per tutorial: per tutorial they
    would multiply the keys sixteenfold and tell a commune nothing more."""
    return (
        "SELECT printf('%s,%s,%s,%d,%d,%d,%d,%d', v.uid, r.tutorial_id, r.content_version, r.steps_total,"
        " r.furthest_step, r.completed, r.handout_printed, r.qr_shown),"
        " printf('%.10s%d|%s|%s|%s|%d|%d|%d|%d|%d', v.started_at, substr(v.started_at, 12, 5) >= :boundary,"
        " r.tutorial_id,"
        " v.language, v.mode, v.demo, r.completed, r.handout_printed, r.qr_shown,"
        " NOT EXISTS (SELECT 1 FROM tutorial_runs e WHERE e.visit_id = r.visit_id"
        " AND e.tutorial_id = r.tutorial_id AND e.id < r.id))"
        " FROM tutorial_runs r JOIN visits v ON v.id = r.visit_id"
        + (" WHERE v.started_at >= :start" if filtered else "")
    )


@dataclass(frozen=True)
class CsvTable:
    name: str
    columns: tuple[str, ...]
    sql: Callable[[bool], str]


VISITS = CsvTable("visits.csv", VISIT_COLUMNS, visits_sql)
TUTORIAL_RUNS = CsvTable("tutorial_runs.csv", RUN_COLUMNS, runs_sql)


def header(columns: Iterable[str]) -> bytes:
    return (",".join(columns) + NEWLINE).encode("ascii")


def csv_chunks(
    driver_connection: Any,
    table: CsvTable,
    parameters: Mapping[str, object],
    *,
    filtered: bool,
    on_rows: Callable[[int], None],
    on_keys: Callable[[Iterator[str]], None],
) -> Generator[bytes, None, None]:
    """The table as CSV, header first, in chunks; each chunk's daily keys go to ``on_keys``."""
    yield header(table.columns)
    cursor = driver_connection.cursor()
    try:
        cursor.execute(table.sql(filtered), dict(parameters))
        while rows := cursor.fetchmany(CHUNK_ROWS):
            on_keys(map(itemgetter(1), rows))
            on_rows(len(rows))
            yield (NEWLINE.join(map(itemgetter(0), rows)) + NEWLINE).encode("utf-8")
    finally:
        cursor.close()
