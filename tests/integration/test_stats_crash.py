"""Killing the kiosk mid-write loses no acknowledged visit and never damages the database.

And a lost ``-wal`` journal (the review's L12 D6): nothing is lost once each visit is
checkpointed, and what a journal held alone is told, never lost silently.

A child process records visits through the real ``VisitRecorder`` and prints each
acknowledged write; it is killed with SIGKILL at a random moment, again and again, on the
same database (start-up, migration check and writes included). After every kill the
database must pass ``PRAGMA integrity_check`` and hold every acknowledged visit.
"""

from __future__ import annotations

import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from kiosk.stats.startup import check_database

CHILD = Path(__file__).with_name("stats_crash_child.py")
KILLS = 100
# The child takes about this long to start; kills land before, during and after it.
LATEST_KILL_S = 0.9


def _acknowledged(output: str) -> tuple[set[str], set[str]]:
    visits: set[str] = set()
    ended: set[str] = set()
    # A line cut by the kill has no newline: it was not acknowledged.
    for line in output.splitlines(keepends=True):
        if not line.endswith("\n"):
            continue
        word, _, row_id = line.strip().partition(" ")
        if word == "visit":
            visits.add(row_id)
        elif word == "ended":
            ended.add(row_id)
    return visits, ended


def _check(path: Path, visits: set[str], ended: set[str]) -> None:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "visits" not in tables:
            # Killed during the very first start, before the schema was committed: nothing to lose yet.
            assert not visits, "acknowledged visits, but no schema"
            return
        stored = {row[0]: row[1] for row in connection.execute("SELECT uid, ended_at FROM visits")}
    finally:
        connection.close()
    missing = visits - set(stored)
    assert not missing, f"{len(missing)} acknowledged visits were lost"
    unended = {visit for visit in ended if stored.get(visit) is None}
    assert not unended, f"{len(unended)} acknowledged visit ends were lost"


def test_sigkill_at_random_moments_loses_no_acknowledged_visit(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    rng = random.Random(4)
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    all_visits: set[str] = set()
    all_ended: set[str] = set()
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path)], stdout=subprocess.PIPE, text=True, env=environment
        )
        time.sleep(rng.uniform(0.0, LATEST_KILL_S))
        child.send_signal(signal.SIGKILL)
        output, _ = child.communicate(timeout=30)
        assert child.returncode in (-signal.SIGKILL, 0), f"the child failed on its own: {child.returncode}"
        visits, ended = _acknowledged(output)
        all_visits |= visits
        all_ended |= ended
        if path.exists():
            _check(path, all_visits, all_ended)
    # The test must have killed the child while it was writing, many times over.
    assert len(all_visits) > KILLS
    assert not list(tmp_path.glob("*.damaged-*")), "a kill damaged the database"


WAL_CHILD = Path(__file__).with_name("stats_wal_child.py")
LOST_VISITS = 500


def _record_then_die(path: Path, hold_reader: bool) -> None:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.run(
        [sys.executable, str(WAL_CHILD), str(path), str(LOST_VISITS), "1" if hold_reader else "0"],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        check=False,
    )
    assert (child.returncode, child.stdout) == (0, "done\n"), child.stderr


def _stats(data_dir: Path) -> tuple[int, str]:
    from kiosk.stats.cli import stats_command
    from kiosk.system import paths

    paths.set_data_dir(data_dir)
    out = io.StringIO()
    return stats_command(out), out.getvalue()


def _lose_the_journal(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def test_a_lost_journal_loses_nothing_once_each_visit_is_checkpointed(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    _record_then_die(path, hold_reader=False)
    # Each visit's checkpoint emptied the journal into the file: it holds nothing of its own.
    assert path.with_name(path.name + "-wal").stat().st_size == 0
    _lose_the_journal(path)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM visits").fetchone() == (LOST_VISITS,)
    connection.close()
    status, text = _stats(tmp_path)
    assert status == 0 and "warning" not in text


def test_a_lost_journal_is_told_with_how_many_visits_are_missing(tmp_path: Path) -> None:
    """L12 D6: 500 committed visits only in the -wal (a reader kept every checkpoint out), then lost."""
    path = tmp_path / "statistics.sqlite3"
    _record_then_die(path, hold_reader=True)
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    _lose_the_journal(path)
    status, text = _stats(tmp_path)
    assert status == 0
    assert text.startswith(
        f"warning: On {datetime.now(UTC).date().isoformat()} the statistics database held less than before: "
        f"{LOST_VISITS} visits and {LOST_VISITS} tutorial runs recorded earlier are missing. "
        "No old file was left to keep"
    ), text
    # The kiosk's next start notes it in the record and shows it on the dashboard.
    check = check_database(path)
    assert check.ready and check.loss is not None and check.loss.visits == LOST_VISITS
