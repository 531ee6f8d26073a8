"""The day keys are counted in chunks, yet exactly as one query over the whole table counts them.

A full export walks visits and runs by rowid; an export since a month walks them by start
time (the started_at index). Chunks must not lose a row at a chunk's edge or count one
twice, whatever the gaps in the ids, and every chunk keeps to the export's whole days.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator

import pytest

from kiosk.export import tables
from kiosk.export.tables import (
    TUTORIAL_RUNS,
    VISITS,
    Bound,
    KeyedTable,
    count_keys,
    day_ranges,
    id_ranges,
)
from kiosk.stats.db import open_database
from kiosk.stats.demo import demo_data
from tests.helpers.stats import TUTORIALS

PARAMETERS = {"boundary": "17:00"}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("tables") / "statistics.sqlite3"
    opened = open_database(path)
    try:
        demo_data(opened, 150, tutorials=TUTORIALS, seed=3)
    finally:
        opened.close()
    with sqlite3.connect(path) as writer:
        writer.execute("PRAGMA foreign_keys=ON")
        # Gaps in both tables' ids, and visits that never ended.
        writer.execute("DELETE FROM visits WHERE id BETWEEN 20 AND 45 OR id % 11 = 0")
        writer.execute("DELETE FROM tutorial_runs WHERE id % 13 = 0")
        writer.execute("UPDATE visits SET ended_at = NULL, end_reason = NULL WHERE id % 7 = 0")
    writer.close()
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    yield connection
    connection.close()


def _start(connection: sqlite3.Connection) -> str:
    """A start time with visits before and after it, not on a day's edge."""
    first, last = connection.execute("SELECT min(started_at), max(started_at) FROM visits").fetchone()
    middle = connection.execute(
        "SELECT started_at FROM visits ORDER BY started_at LIMIT 1 OFFSET (SELECT count(*) / 2 FROM visits)"
    ).fetchone()[0]
    assert first < middle < last
    return f"{middle[:11]}17:00"


def _ranges(
    connection: sqlite3.Connection, table: KeyedTable, start: str | None
) -> Iterable[tuple[Bound, Bound]]:
    if start is not None:
        return day_ranges(start, connection.execute("SELECT max(started_at) FROM visits").fetchone()[0])
    name = "visits" if table is VISITS else "tutorial_runs"
    low, high = connection.execute(f"SELECT min(id), max(id) FROM {name}").fetchone()
    return id_ranges(low, high)


def _one_query(connection: sqlite3.Connection, table: KeyedTable, start: str, end: str) -> Counter[str]:
    rows = connection.execute(
        f"SELECT {table.key} FROM {table.source} WHERE {table.started} >= :start AND {table.started} < :end",
        {**PARAMETERS, "start": start, "end": end},
    ).fetchall()
    return Counter(key for (key,) in rows)


@pytest.mark.parametrize("since", [False, True], ids=["full", "since"])
@pytest.mark.parametrize("table", [VISITS, TUTORIAL_RUNS], ids=["visits", "runs"])
def test_chunks_count_what_one_query_counts(
    database: sqlite3.Connection, table: KeyedTable, since: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "CHUNK_ROWS", 7)
    start = _start(database) if since else None
    # The export's end: a day boundary before the last visit, so some visits are left out.
    last = database.execute("SELECT max(started_at) FROM visits").fetchone()[0]
    end = f"{last[:10]} 00:00"
    parameters = {**PARAMETERS, "start": start or "", "end": end}
    keys: Counter[str] = Counter()
    counted = [0]
    chunks = [0]

    def on_keys(found: list[str]) -> None:
        chunks[0] += 1
        keys.update(found)

    rows = count_keys(
        database,
        table,
        _ranges(database, table, start),
        parameters,
        filtered=since,
        on_keys=on_keys,
        on_rows=lambda n: counted.__setitem__(0, counted[0] + n),
    )
    expected = _one_query(database, table, start or "", end)
    assert chunks[0] > 5
    assert keys == expected
    assert rows == counted[0] == sum(expected.values())
    assert keys and all(key[:10] < end[:10] for key in keys)


def test_id_ranges_cover_every_id_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "CHUNK_ROWS", 4)
    assert list(id_ranges(3, 12)) == [(3, 7), (7, 11), (11, 15)]
    assert list(id_ranges(5, 5)) == [(5, 9)]
    assert list(id_ranges(None, None)) == []


def test_day_ranges_run_from_the_start_past_the_last_visit() -> None:
    assert list(day_ranges("2026-11-22 17:00", "2026-11-24 09:12")) == [
        ("2026-11-22 17:00", "2026-11-23 00:00"),
        ("2026-11-23 00:00", "2026-11-24 00:00"),
        ("2026-11-24 00:00", "2026-11-25 00:00"),
    ]
    assert list(day_ranges("2026-11-24 00:00", "2026-11-24 00:00")) == [
        ("2026-11-24 00:00", "2026-11-25 00:00")
    ]
    assert list(day_ranges("2026-11-24 17:00", "2026-11-24 16:59")) == []
    assert list(day_ranges("2026-11-24 17:00", None)) == []
