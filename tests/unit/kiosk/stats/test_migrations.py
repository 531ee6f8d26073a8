"""Migrations: the models are what the revisions build, and no revision loses a row.

Each revision has sample rows in MIGRATION_SAMPLES, written with that revision's columns.
A database is made at every revision, filled with its samples, and upgraded (one step, and
all the way to head); every sample row must still be there with the values of the columns
that remain. A new revision without samples fails ``test_every_revision_has_samples``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from kiosk.stats import migrate
from kiosk.stats.db import open_database
from kiosk.stats.engine import make_engine
from kiosk.stats.models import Base

BASE = "base"
REVISIONS = migrate.revisions_oldest_first()

_VISIT = {
    "id": 1,
    "uid": "0123456789abcdef0123456789abcdef",
    "started_at": "2026-11-24 08:15",
    "ended_at": "2026-11-24 08:31",
    "language": "vi",
    "mode": "guided",
    "text_size": "large",
    "high_contrast": 1,
    "end_reason": "finished",
    "feedback": 3,
    "demo": 0,
}
MIGRATION_SAMPLES: dict[str, dict[str, list[dict[str, Any]]]] = {
    BASE: {},
    "0001": {
        "visits": [
            _VISIT,
            {**_VISIT, "id": 2, "uid": "f" * 32, "ended_at": None, "end_reason": None, "feedback": None},
        ],
        "tutorial_runs": [
            {
                "id": 1,
                "uid": "a" * 32,
                "visit_id": 1,
                "tutorial_id": "vneid-install",
                "content_version": "2026.11.24",
                "steps_total": 7,
                "furthest_step": 7,
                "completed": 1,
                "handout_printed": 1,
                "qr_shown": 0,
            },
            {
                "id": 2,
                "uid": "b" * 32,
                "visit_id": 2,
                "tutorial_id": "qr-pay-bill",
                "content_version": "2026.11.24",
                "steps_total": 9,
                "furthest_step": 3,
                "completed": 0,
                "handout_printed": 0,
                "qr_shown": 1,
            },
        ],
        "step_times": [
            {"run_id": 1, "step_number": 1, "seconds": 35},
            {"run_id": 1, "step_number": 2, "seconds": 61},
            {"run_id": 2, "step_number": 3, "seconds": 12},
        ],
    },
    "0002": {
        "outcome_counts": [
            {
                "day": "2026-11-24",
                "tutorial_id": "vneid-install",
                "kind": "achieved",
                "code": "vneid-installed",
                "demo": 0,
                "count": 3,
            },
            {
                "day": "2026-11-24",
                "tutorial_id": "vneid-activate",
                "kind": "not-finished",
                "code": "sms-code-missing",
                "demo": 0,
                "count": 1,
            },
        ],
        "profile_counts": [
            {"day": "2026-11-24", "attribute": "profile", "value": "noted", "demo": 0, "count": 2},
            {"day": "2026-11-24", "attribute": "age-band", "value": "60-plus", "demo": 0, "count": 2},
            {"day": "2026-11-24", "attribute": "need", "value": "none", "demo": 0, "count": 2},
        ],
    },
    "0003": {
        "outcome_counts": [
            {
                "day": "2026-12-07",
                "tutorial_id": "vneid-install",
                "kind": "achieved-helped",
                "code": "vneid-installed",
                "demo": 0,
                "count": 2,
            },
        ],
    },
    "0004": {
        "outcome_counts": [
            {
                "day": "2026-12-08",
                "tutorial_id": "vneid-activate",
                "kind": "practised",
                "code": "on-kiosk",
                "demo": 0,
                "count": 1,
            },
        ],
        "practice_counts": [
            {
                "day": "2026-12-08",
                "tutorial_id": "vneid-activate",
                "step_id": "enter-code",
                "demo": 0,
                "practised": 4,
                "attempts": 9,
                "misses": 5,
                "hints_shown": 4,
                "shown_and_moved_on": 1,
            },
        ],
    },
}


def _fill(engine: Engine, samples: dict[str, list[dict[str, Any]]]) -> None:
    with engine.begin() as connection:
        for table, rows in samples.items():
            for row in rows:
                columns = ", ".join(row)
                values = ", ".join(f":{name}" for name in row)
                connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)


def _dump(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    tables = [name for name in inspect(engine).get_table_names() if name != "alembic_version"]
    with engine.connect() as connection:
        return {
            table: [dict(row._mapping) for row in connection.execute(text(f"SELECT * FROM {table}"))]
            for table in tables
        }


def _assert_kept(before: dict[str, list[dict[str, Any]]], after: dict[str, list[dict[str, Any]]]) -> None:
    for table, rows in before.items():
        assert table in after, f"table {table} disappeared"
        assert len(after[table]) == len(rows), f"{table}: {len(rows)} rows before, {len(after[table])} after"
        for old, new in zip(rows, after[table], strict=True):
            kept = {name: value for name, value in old.items() if name in new}
            assert kept == {name: new[name] for name in kept}, f"{table}: a row changed"


def _at(path: Path, revision: str) -> Engine:
    engine = make_engine(path)
    if revision != BASE:
        migrate.upgrade(engine, revision)
    return engine


def _check_sound(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_every_revision_has_samples() -> None:
    assert REVISIONS, "there must be at least one revision"
    assert set(MIGRATION_SAMPLES) == {BASE, *REVISIONS}
    assert migrate.head_revision() == REVISIONS[-1]


@pytest.mark.parametrize(("older", "newer"), list(zip([BASE, *REVISIONS[:-1]], REVISIONS, strict=True)))
def test_each_step_keeps_the_data(older: str, newer: str, tmp_path: Path) -> None:
    engine = _at(tmp_path / "s.sqlite3", older)
    try:
        _fill(engine, MIGRATION_SAMPLES[older])
        before = _dump(engine)
        migrate.upgrade(engine, newer)
        _assert_kept(before, _dump(engine))
        _check_sound(engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize("start", REVISIONS)
def test_upgrading_to_head_keeps_the_data(start: str, tmp_path: Path) -> None:
    engine = _at(tmp_path / "s.sqlite3", start)
    try:
        _fill(engine, MIGRATION_SAMPLES[start])
        before = _dump(engine)
        engine.dispose()
        # Exactly what the kiosk does at start-up.
        database = open_database(tmp_path / "s.sqlite3")
        try:
            assert database.schema_revision() == migrate.head_revision()
            _assert_kept(before, _dump(database.engine))
            _check_sound(database.engine)
        finally:
            database.close()
    finally:
        engine.dispose()


def test_the_models_are_what_the_migrations_build(tmp_path: Path) -> None:
    database = open_database(tmp_path / "s.sqlite3")
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.close()


def test_the_migrations_ship_inside_the_package() -> None:
    folder = migrate.migrations_dir()
    assert folder.parent.name == "stats"
    assert (folder / "env.py").is_file()
    assert (folder / "script.py.mako").is_file()
    assert sorted(path.name for path in (folder / "versions").glob("0*.py"))


def test_0004_adds_practice_on_a_database_with_0003_data_and_goes_back(tmp_path: Path) -> None:
    engine = _at(tmp_path / "s.sqlite3", "0003")
    try:
        for revision in ("0001", "0002", "0003"):
            _fill(engine, MIGRATION_SAMPLES[revision])
        before = _dump(engine)
        migrate.upgrade(engine, "0004")
        after = _dump(engine)
        _assert_kept(before, after)
        assert after["practice_counts"] == []
        _fill(engine, MIGRATION_SAMPLES["0004"])
        with engine.connect() as connection:
            kinds = connection.exec_driver_sql(
                "SELECT kind, count FROM outcome_counts ORDER BY kind"
            ).fetchall()
            assert ("practised", 1) in kinds and ("achieved-helped", 2) in kinds
            with pytest.raises(Exception, match="CHECK"):
                connection.exec_driver_sql(
                    "INSERT INTO practice_counts VALUES ('2026-12-08', 't', 'typed words', 0, 1, 1, 0, 0, 0)"
                )
        _check_sound(engine)
        with engine.begin() as connection:
            command.downgrade(migrate.alembic_config(connection), "0003")
        back = _dump(engine)
        assert "practice_counts" not in back
        assert sorted(row["kind"] for row in back["outcome_counts"]) == sorted(
            row["kind"] for row in before["outcome_counts"]
        )
    finally:
        engine.dispose()
