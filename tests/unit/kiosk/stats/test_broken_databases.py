"""The review's broken databases (L1, L12 D3, L13), each through ``kiosk stats``, ``kiosk export``
and the self-test: a clear line and exit 1, never a traceback, never "0 visits" with exit 0, and
the local data left exactly as it was. Real files, real SQLite, the real commands.
"""

from __future__ import annotations

import io
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.export.cli import export_command
from kiosk.self_test import CheckOutcome, data_dir_for_self_test, run_core_checks
from kiosk.stats.cli import demo_data_command, stats_command
from kiosk.stats.highwater import read_record, record_file
from kiosk.stats.startup import check_database

VISITS = 2000


def _run(command: Callable[..., int], *args: object) -> tuple[int, str]:
    out = io.StringIO()
    status = command(*args, out)
    return status, out.getvalue()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.fixture
def demo(data_dir: Path) -> Path:
    """The data dir with a 2000-visit demo database, as ``kiosk demo-data`` makes it."""
    assert _run(demo_data_command, VISITS)[0] == 0
    return data_dir / "statistics.sqlite3"


def _database_check(data_dir: Path) -> CheckOutcome:
    with data_dir_for_self_test(data_dir):
        outcomes, _ = run_core_checks()
    [database] = [outcome for outcome in outcomes if outcome.name == "database"]
    return database


def _damage(path: Path) -> None:
    with path.open("r+b") as stream:
        stream.seek(400_000)
        stream.write(random.Random(13).randbytes(8192))


def _drop_runs(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE tutorial_runs")
    connection.close()


def _stamp_9999(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()


BROKEN = {
    "damaged": (_damage, "is damaged"),
    "dropped-table": (_drop_runs, "its table tutorial_runs is missing"),
    "schema-9999": (_stamp_9999, "its schema 9999 was made by a newer version of the kiosk"),
}


@pytest.mark.parametrize("how", sorted(BROKEN))
def test_stats_and_export_refuse_a_broken_database_and_change_nothing(
    demo: Path, tmp_path: Path, how: str
) -> None:
    breaking, reason = BROKEN[how]
    breaking(demo)
    before = _snapshot(demo.parent)
    stick = tmp_path / "stick"
    stick.mkdir()

    status, text = _run(stats_command)
    assert status == 1 and text.startswith("error: ") and reason in text, text
    assert "Traceback" not in text

    status, text = _run(export_command, stick, None)
    assert status == 1, text
    assert text.startswith("error: ") and reason in text and text.endswith("Nothing was exported.\n")
    assert not any(stick.iterdir()), "an export was written"
    if how == "damaged":
        # What SQLite's check lists first depends on where the noise lands in this run's demo data
        # (the demo visits run up to now); it always ends with SQLite's verdict.
        assert "(What was found: " in text and "database disk image is malformed.)" in text
    # Read-only: nothing set aside, migrated or rewritten (SQLite may add an empty -wal/-shm).
    after = {
        name: data for name, data in _snapshot(demo.parent).items() if not name.endswith(("-wal", "-shm"))
    }
    assert after == {name: data for name, data in before.items() if not name.endswith(("-wal", "-shm"))}


@pytest.mark.parametrize("how", ["dropped-table", "schema-9999"])
def test_the_self_test_and_the_kiosk_refuse_a_database_it_cannot_use(demo: Path, how: str) -> None:
    breaking, reason = BROKEN[how]
    breaking(demo)
    database = _database_check(demo.parent)
    assert not database.ok
    assert reason in database.detail and "left unchanged" in database.detail
    # The kiosk itself: statistics off for this run, the file kept as it is.
    check = check_database(demo)
    assert not check.ready and check.unavailable is not None and reason in check.unavailable.message


def test_the_self_test_reads_every_table(demo: Path) -> None:
    database = _database_check(demo.parent)
    assert database.ok, database
    assert f"{VISITS} visits" in database.detail and "6 tables read" in database.detail


def test_a_database_emptied_to_zero_bytes_is_not_taken_for_a_new_one(demo: Path, data_dir: Path) -> None:
    recorded = read_record(record_file(demo))
    assert recorded is not None and recorded.tally.visits == VISITS
    runs = recorded.tally.tutorial_runs
    os.truncate(demo, 0)

    status, text = _run(stats_command)
    assert status == 1
    lines = text.splitlines()
    assert lines[0].startswith("error: ") and "it is empty: 0 bytes" in lines[0]
    assert lines[1].startswith("warning: ") and f"{VISITS} visits and {runs} tutorial runs" in lines[1]
    assert "No old file was left to keep" in lines[1]
    assert demo.stat().st_size == 0

    # The kiosk starts afresh, and says so until the organiser has had time to see it.
    check = check_database(demo)
    assert check.ready and check.loss is not None and check.loss.visits == VISITS
    status, text = _run(stats_command)
    assert status == 0
    assert text.startswith(f"warning: On {check.loss.found_at.date().isoformat()} the statistics database")
    assert f"{VISITS} visits and {runs} tutorial runs recorded earlier are missing" in text


def test_a_deleted_database_is_noticed_too(demo: Path) -> None:
    demo.unlink()
    status, text = _run(stats_command)
    assert status == 1
    assert "There is no statistics database" in text and "warning: On " in text and f"{VISITS} visits" in text


def test_the_real_commands_print_no_traceback(demo: Path, tmp_path: Path) -> None:
    _drop_runs(demo)
    stick = tmp_path / "stick"
    stick.mkdir()
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "QT_QPA_PLATFORM": "offscreen"}
    entry = "import sys; from ui.main import main; sys.exit(main())"
    for arguments in (["stats"], ["export", "--to", str(stick)]):
        result = subprocess.run(
            [sys.executable, "-c", entry, "--data-dir", str(demo.parent), *arguments],
            capture_output=True,
            text=True,
            timeout=120,
            env=environment,
            check=False,
        )
        assert result.returncode == 1, result
        assert "Traceback" not in result.stdout + result.stderr
        assert "its table tutorial_runs is missing" in result.stdout
