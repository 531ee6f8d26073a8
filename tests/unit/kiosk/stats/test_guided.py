"""Guided sessions' outcomes, reasons and profile: daily counts on the point's local day, tied to no visit."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.stats import migrate
from kiosk.stats.codes import AgeBand, Need, OutcomeKind, VisitMode
from kiosk.stats.db import open_database
from kiosk.stats.disclosure import shown_count
from kiosk.stats.engine import make_engine
from kiosk.stats.recorder import VisitRecorder
from kiosk.stats.schema_version import SCHEMA_HEAD
from kiosk.stats.shown_summary import ShownSummary
from kiosk.stats.startup import check_database
from kiosk.stats.summary import summarize
from tests.helpers.stats import Clock, PlannedVisit, record

VIETNAM = timedelta(hours=7)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


@contextmanager
def _recorder(path: Path, clock: Clock) -> Iterator[VisitRecorder]:
    database = open_database(path)
    recorder = VisitRecorder(database, clock=clock, offset=VIETNAM)
    try:
        yield recorder
    finally:
        recorder.close()
        database.close()


def test_outcomes_and_reasons_are_counted_per_local_day(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    # 16:30 UTC on 24 Nov is 23:30 in Vietnam: still the 24th there; 17:10 UTC is already the 25th.
    clock = Clock(datetime(2026, 11, 24, 16, 30, tzinfo=UTC))
    with _recorder(path, clock) as recorder:
        recorder.record_outcomes("vneid-install", ["vneid-installed"])
        recorder.record_outcomes("vneid-activate", [], ["sms-code-missing"])
        recorder.record_outcomes("vneid-install", ["vneid-installed"])
        clock.now = datetime(2026, 11, 24, 17, 10, tzinfo=UTC)
        recorder.record_outcomes("portal-submit", ["portal-logged-in"], ["papers-missing"])
        recorder.record_outcomes("vneid-install", ("vneid-installed",))
        assert recorder.flush(10)
    assert _rows(path, "SELECT day, tutorial_id, kind, code, demo, count FROM outcome_counts"
                 " ORDER BY day, tutorial_id, kind") == [
        ("2026-11-24", "vneid-activate", "not-finished", "sms-code-missing", 0, 1),
        ("2026-11-24", "vneid-install", "achieved", "vneid-installed", 0, 2),
        ("2026-11-25", "portal-submit", "achieved", "portal-logged-in", 0, 1),
        ("2026-11-25", "portal-submit", "not-finished", "papers-missing", 0, 1),
        ("2026-11-25", "vneid-install", "achieved", "vneid-installed", 0, 1),
    ]  # fmt: skip


def test_the_profile_is_counted_attribute_by_attribute(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    clock = Clock(datetime(2026, 11, 24, 3, 0, tzinfo=UTC))
    with _recorder(path, clock) as recorder:
        recorder.record_profile(AgeBand.SIXTY_PLUS, {Need.SIGHT, Need.HEARING})
        recorder.record_profile(AgeBand.SIXTY_PLUS, [])
        recorder.record_profile(None, [Need.READING])
        future = recorder.record_profile(AgeBand.UNDER_60, ())
        assert future.result(10) is None
    assert _rows(path, "SELECT attribute, value, count FROM profile_counts WHERE day = '2026-11-24'"
                 " ORDER BY attribute, value") == [
        ("age-band", "60-plus", 2),
        ("age-band", "under-60", 1),
        ("need", "hearing", 1),
        ("need", "none", 2),
        ("need", "reading", 1),
        ("need", "sight", 1),
        ("profile", "noted", 4),
    ]  # fmt: skip


def test_nothing_links_a_count_or_a_profile_to_a_visit(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with _recorder(path, Clock()) as recorder:
        visit = record(recorder, PlannedVisit(mode=VisitMode.GUIDED))
        recorder.record_outcomes("vneid-install", ["vneid-installed"])
        recorder.record_profile(AgeBand.SIXTY_PLUS, [Need.MOVEMENT])
        assert recorder.flush(10)
    columns = {
        table: [str(row[1]) for row in _rows(path, f"PRAGMA table_info({table})")]
        for table in ("visits", "tutorial_runs", "outcome_counts", "profile_counts")
    }
    assert columns["outcome_counts"] == ["day", "tutorial_id", "kind", "code", "demo", "count"]
    assert columns["profile_counts"] == ["day", "attribute", "value", "demo", "count"]
    for table in ("visits", "tutorial_runs"):
        assert not {"age_band", "need", "needs", "attribute", "value", "profile"} & set(columns[table])
    # The counts have no rowid either: the order of insertion is not kept anywhere.
    for table in ("outcome_counts", "profile_counts"):
        with pytest.raises(sqlite3.OperationalError):
            _rows(path, f"SELECT rowid FROM {table}")
    assert _rows(path, "SELECT uid, mode FROM visits") == [(visit, "guided")]


def test_nothing_to_count_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with _recorder(path, Clock()) as recorder:
        assert recorder.record_outcomes("vneid-install", [], []).result(1) is None
        assert recorder.flush(10)
    assert _rows(path, "SELECT count(*) FROM outcome_counts") == [(0,)]


@pytest.mark.parametrize(
    "call",
    [
        lambda r: r.record_outcomes("Cài VNeID", ["vneid-installed"]),
        lambda r: r.record_outcomes("vneid-install", ["Bà Nguyễn Thị B đã cài"]),
        lambda r: r.record_outcomes("vneid-install", [], ["0912 345 678"]),
        lambda r: r.record_outcomes("vneid-install", ["vneid-installed", "vneid-installed"]),
        lambda r: r.record_outcomes("vneid-install", "vneid-installed"),
        # With help, but not achieved.
        lambda r: r.record_outcomes("vneid-install", [], helped=["vneid-installed"]),
        lambda r: r.record_profile("72", []),
        lambda r: r.record_profile(None, ["blind in one eye"]),
    ],
)
def test_wrong_values_are_refused_at_the_call(call: object, tmp_path: Path) -> None:
    with _recorder(tmp_path / "s.sqlite3", Clock()) as recorder, pytest.raises(ValueError):
        call(recorder)  # type: ignore[operator]


def test_a_database_of_the_first_schema_is_migrated_at_start_up_and_keeps_its_visits(data_dir: Path) -> None:
    path = data_dir / "old.sqlite3"
    engine = make_engine(path)
    try:
        migrate.upgrade(engine, "0001")
    finally:
        engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO visits (uid, started_at, language, mode, text_size, high_contrast, demo)"
            " VALUES (?, '2026-11-24 03:15', 'vi', 'guided', 'normal', 0, 0)",
            ("a" * 32,),
        )
    connection.close()
    check = check_database(path)
    assert check.ready and check.migrated
    assert _rows(path, "SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    assert _rows(path, "SELECT uid, mode FROM visits") == [("a" * 32, "guided")]
    with _recorder(path, Clock()) as recorder:
        recorder.record_outcomes("vneid-install", ["vneid-installed"])
        recorder.record_profile(AgeBand.UNDER_60, [])
        assert recorder.flush(10)
    assert _rows(path, "SELECT count(*) FROM outcome_counts") == [(1,)]
    assert _rows(path, "SELECT sum(count) FROM profile_counts") == [(3,)]


def test_the_database_refuses_a_value_outside_the_lists(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as connection:
        for sql in (
            "INSERT INTO profile_counts VALUES ('2026-11-24', 'need', '60-plus', 0, 1)",
            "INSERT INTO profile_counts VALUES ('2026-11-24', 'age', '72', 0, 1)",
            "INSERT INTO outcome_counts VALUES ('2026-11-24', 'x', 'done', 'y', 0, 1)",
            "INSERT INTO outcome_counts VALUES ('24/11/2026', 'x', 'achieved', 'y', 0, 1)",
            "INSERT INTO outcome_counts VALUES ('2026-11-24', 'x', 'achieved', 'Tên tôi', 0, 1)",
        ):
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute(sql)
    connection.close()


def test_an_outcome_done_with_help_is_counted_apart_from_one_done_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with _recorder(path, Clock()) as recorder:
        recorder.record_outcomes("qr-pay-bill", ["bill-paid", "balance-alerts-on"], helped=["bill-paid"])
        recorder.record_outcomes("qr-pay-bill", ["bill-paid"])
        recorder.record_outcomes("qr-pay-bill", ["bill-paid"], helped=("bill-paid",))
        assert recorder.flush(10)
        database = open_database(path)
        try:
            summary = summarize(database, date(2026, 11, 24), VIETNAM)
        finally:
            database.close()
    assert _rows(path, "SELECT kind, code, count FROM outcome_counts ORDER BY kind, code") == [
        ("achieved", "balance-alerts-on", 1),
        ("achieved", "bill-paid", 1),
        ("achieved-helped", "bill-paid", 2),
    ]
    today = summary.periods[0]
    # Done alone, then with help; both are "achieved" in the dashboard's total.
    assert [(o.kind, o.code, o.count) for o in today.outcomes] == [
        (OutcomeKind.ACHIEVED, "balance-alerts-on", 1),
        (OutcomeKind.ACHIEVED, "bill-paid", 1),
        (OutcomeKind.ACHIEVED_HELPED, "bill-paid", 2),
    ]
    assert (today.achieved, today.not_finished) == (4, 0)
    # The dashboard's texts: each kind its own cell, small counts hidden either way.
    shown = ShownSummary(summary)
    assert shown.outcome(today.name, "qr-pay-bill", OutcomeKind.ACHIEVED_HELPED, "bill-paid") == "<5"
    assert shown.outcome(today.name, "qr-pay-bill", OutcomeKind.ACHIEVED, "bill-paid") == "<5"


def test_the_dashboard_counts_outcomes_and_profiles_by_period(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    clock = Clock()
    moments = {
        "today": datetime(2026, 11, 24, 6, 30, tzinfo=UTC),
        "three days ago": datetime(2026, 11, 21, 3, 0, tzinfo=UTC),
        "two weeks ago": datetime(2026, 11, 10, 3, 0, tzinfo=UTC),
        "last month": datetime(2026, 10, 31, 16, 59, tzinfo=UTC),
    }
    with _recorder(path, clock) as recorder:
        for moment in moments.values():
            clock.now = moment
            record(recorder, PlannedVisit(mode=VisitMode.GUIDED))
            recorder.record_outcomes("vneid-install", ["vneid-installed"])
            recorder.record_outcomes("vneid-activate", [], ["sms-code-missing"])
            recorder.record_profile(AgeBand.SIXTY_PLUS, [Need.SIGHT])
        clock.now = moments["today"]
        recorder.record_outcomes("vneid-activate", ["level2-activated"])
        assert recorder.flush(10)
        database = open_database(path)
        try:
            summary = summarize(database, date(2026, 11, 24), VIETNAM)
        finally:
            database.close()
    today, week, month = summary.periods
    assert (today.guided_visits, week.guided_visits, month.guided_visits) == (1, 2, 3)
    assert [(o.tutorial_id, o.kind, o.code, o.count) for o in today.outcomes] == [
        ("vneid-activate", OutcomeKind.ACHIEVED, "level2-activated", 1),
        ("vneid-activate", OutcomeKind.NOT_FINISHED, "sms-code-missing", 1),
        ("vneid-install", OutcomeKind.ACHIEVED, "vneid-installed", 1),
    ]
    assert (today.achieved, today.not_finished) == (2, 1)
    assert (month.achieved, month.not_finished) == (4, 3)
    assert ("need", "sight", 3) in month.profile and ("profile", "noted", 2) in week.profile
    assert [shown_count(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "10"]


def test_kiosk_stats_prints_the_guided_sessions_with_small_counts_hidden(data_dir: Path) -> None:
    from kiosk.stats.cli import stats_command
    from kiosk.system import paths

    # The recorder's default offset is the machine's, as `kiosk stats` takes it.
    database = open_database(paths.statistics_database())
    recorder = VisitRecorder(database, clock=Clock(datetime.now(UTC)))
    try:
        record(recorder, PlannedVisit(mode=VisitMode.GUIDED))
        for _ in range(6):
            recorder.record_outcomes("vneid-install", ["vneid-installed"])
        recorder.record_outcomes("vneid-activate", [], ["sms-code-missing"])
        assert recorder.flush(10)
    finally:
        recorder.close()
        database.close()
    out = io.StringIO()
    assert stats_command(out) == 0
    lines = out.getvalue().splitlines()
    # 6 rounds to 5.
    assert [line.split()[-1] for line in lines if line.startswith("  outcomes achieved")] == ["5"]
    assert [line.split()[-1] for line in lines if line.startswith("  could not finish")] == ["<5"]
    assert any(line.endswith(" 5") and "vneid-install: done: vneid-installed" in line for line in lines)
    assert any(line.endswith(" <5") and "not finished: sms-code-missing" in line for line in lines)
