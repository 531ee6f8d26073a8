"""Demo data: realistic synthetic visits from the real catalogue, never mixed with real ones."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.stats.db import open_database
from kiosk.stats.demo import LOCAL_OFFSET, RealVisitsPresentError, demo_data, tutorials_of
from tests.helpers.stats import TUTORIALS, PlannedVisit, record, recording

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def _query(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_fills_an_empty_data_dir_from_the_real_catalogue(tmp_path: Path) -> None:
    catalogue = load_catalogue(packs_dir())
    path = tmp_path / "s.sqlite3"
    database = open_database(path)
    try:
        added = demo_data(
            database, 2000, tutorials=tutorials_of(catalogue), languages=catalogue.languages, now=NOW, seed=7
        )
    finally:
        database.close()
    assert added == 2000
    assert _query(path, "SELECT count(*), sum(demo) FROM visits") == [(2000, 2000)]
    used = {str(row[0]) for row in _query(path, "SELECT DISTINCT tutorial_id FROM tutorial_runs")}
    assert used <= {tutorial.id for tutorial in catalogue.tutorials}
    assert len(used) >= len(catalogue.tutorials) - 1
    assert {str(row[0]) for row in _query(path, "SELECT DISTINCT language FROM visits")} == set(
        catalogue.languages
    )
    # Within the last 8 weeks, never in the future, during opening hours (07:30-17:00 local).
    first, last = _query(path, "SELECT min(started_at), max(started_at) FROM visits")[0]
    assert datetime.fromisoformat(str(first)).replace(tzinfo=UTC) >= NOW - timedelta(weeks=8, days=1)
    assert datetime.fromisoformat(str(last)).replace(tzinfo=UTC) <= NOW
    for (started,) in _query(path, "SELECT started_at FROM visits"):
        local = datetime.fromisoformat(str(started)) + LOCAL_OFFSET
        assert (7, 30) <= (local.hour, local.minute) <= (17, 0)
    # Guided visits finish their tutorials more often than visitors on their own.
    rates = {
        str(mode): float(rate)  # type: ignore[arg-type]
        for mode, rate in _query(
            path,
            "SELECT v.mode, avg(r.completed) FROM visits v JOIN tutorial_runs r ON r.visit_id = v.id"
            " GROUP BY v.mode",
        )
    }
    assert rates["guided"] > rates["self"]
    assert _query(path, "PRAGMA foreign_key_check") == []
    assert _query(path, "SELECT count(*) FROM step_times")[0][0] > 2000  # type: ignore[operator]
    # Practice ("Try it"): counts for the catalogue's practice steps only, some steps harder than others.
    practice_steps = {
        (tutorial.id, step.id) for tutorial in catalogue.tutorials for step in tutorial.steps if step.practice
    }
    rows = _query(
        path,
        "SELECT tutorial_id, step_id, sum(practised), sum(attempts), sum(misses), sum(hints_shown),"
        " sum(shown_and_moved_on), min(demo) FROM practice_counts GROUP BY tutorial_id, step_id",
    )
    assert rows and {(str(r[0]), str(r[1])) for r in rows} <= practice_steps
    miss_rates = [int(r[4]) / int(r[3]) for r in rows if int(r[3])]  # type: ignore[call-overload]
    assert max(miss_rates) > 2 * min(miss_rates)
    assert all(r[7] == 1 and int(r[6]) <= int(r[2]) <= int(r[3]) for r in rows)  # type: ignore[call-overload]
    assert _query(path, "SELECT sum(count) FROM outcome_counts WHERE kind = 'practised'")[0][0]


def test_refuses_a_data_dir_with_real_visits(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with recording(path) as (database, recorder):
        record(recorder, PlannedVisit())
        assert recorder.flush(10)
        with pytest.raises(RealVisitsPresentError):
            demo_data(database, 10, tutorials=TUTORIALS, now=NOW)
    assert _query(path, "SELECT count(*), sum(demo) FROM visits") == [(1, 0)]


def test_demo_data_can_be_added_twice(tmp_path: Path) -> None:
    database = open_database(tmp_path / "s.sqlite3")
    try:
        demo_data(database, 100, tutorials=TUTORIALS, now=NOW, seed=1)
        demo_data(database, 100, tutorials=TUTORIALS, now=NOW, seed=1)
        with database.connection() as connection:
            assert connection.exec_driver_sql("SELECT count(DISTINCT uid) FROM visits").scalar() == 200
    finally:
        database.close()


def test_the_same_seed_gives_the_same_visits(tmp_path: Path) -> None:
    dumps = []
    for name in ("a", "b"):
        database = open_database(tmp_path / f"{name}.sqlite3")
        try:
            demo_data(database, 50, tutorials=TUTORIALS, now=NOW, seed=3)
        finally:
            database.close()
        dumps.append(_query(tmp_path / f"{name}.sqlite3", "SELECT * FROM visits ORDER BY id"))
    assert dumps[0] == dumps[1]


def test_guided_visits_leave_outcomes_reasons_and_profiles(tmp_path: Path) -> None:
    catalogue = load_catalogue(packs_dir())
    path = tmp_path / "s.sqlite3"
    database = open_database(path)
    try:
        demo_data(
            database,
            2000,
            tutorials=tutorials_of(catalogue),
            reasons=[reason.id for reason in catalogue.reasons],
            now=NOW,
            seed=7,
        )
    finally:
        database.close()
    outcomes = {
        (str(t), str(k), str(c)): int(n)  # type: ignore[call-overload]
        for t, k, c, n in _query(path, "SELECT tutorial_id, kind, code, sum(count) FROM outcome_counts"
                                 " WHERE demo = 1 GROUP BY 1, 2, 3")
    }  # fmt: skip
    achieved = sum(n for (_t, kind, _c), n in outcomes.items() if kind == "achieved")
    not_finished = sum(n for (_t, kind, _c), n in outcomes.items() if kind == "not-finished")
    # Guided visits mostly finish: far more outcomes than reasons, and both present.
    assert achieved > 3 * not_finished > 0
    for tutorial_id, kind, code in outcomes:
        if kind == "achieved":
            assert code in catalogue.tutorial(tutorial_id).outcomes
        elif kind == "practised":
            assert code == "on-kiosk" and catalogue.tutorial(tutorial_id).has_practice
        else:
            assert code in {reason.id for reason in catalogue.reasons}
    profile = {
        (str(a), str(v)): int(n)  # type: ignore[call-overload]
        for a, v, n in _query(path, "SELECT attribute, value, sum(count) FROM profile_counts GROUP BY 1, 2")
    }
    guided = int(str(_query(path, "SELECT count(*) FROM visits WHERE mode = 'guided'")[0][0]))
    assert 0 < profile[("profile", "noted")] < guided
    assert profile[("age-band", "60-plus")] > profile[("age-band", "under-60")]
    assert profile[("need", "sight")] > profile[("need", "movement")]
    # Every count is on a day that has guided visits (the point's local day of the visit).
    days = {str(row[0]) for row in _query(path, "SELECT DISTINCT day FROM outcome_counts")}
    visit_days = {
        str(row[0]) for row in _query(path, "SELECT DISTINCT date(started_at, '+420 minutes') FROM visits"
                                      " WHERE mode = 'guided'")
    }  # fmt: skip
    assert days <= visit_days
