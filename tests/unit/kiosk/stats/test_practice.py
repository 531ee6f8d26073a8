"""Practice ("Try it") counts: per local day and step, tied to no visit, and the hardest steps as shown."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.stats.codes import OutcomeKind
from kiosk.stats.db import open_database
from kiosk.stats.disclosure import HIDDEN
from kiosk.stats.recorder import VisitRecorder
from kiosk.stats.shown_summary import PRACTISED, ShownSummary
from kiosk.stats.summary import summarize
from tests.helpers.stats import Clock

VIETNAM = timedelta(hours=7)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _practise(
    recorder: VisitRecorder, step: str, times: int, attempts: int, misses: int, shown: bool
) -> None:
    for _ in range(times):
        recorder.record_practice(
            "vneid-activate",
            step,
            attempts=attempts,
            misses=misses,
            hints_shown=min(misses, 2),
            shown_and_moved_on=shown,
        )


def test_practice_is_counted_per_local_day_and_step(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    clock = Clock(datetime(2026, 12, 7, 16, 30, tzinfo=UTC))  # 23:30 on the 7th in Vietnam
    database = open_database(path)
    recorder = VisitRecorder(database, clock=clock, offset=VIETNAM)
    try:
        _practise(recorder, "enter-code", 2, 3, 2, False)
        clock.now = datetime(2026, 12, 7, 17, 10, tzinfo=UTC)  # the 8th
        _practise(recorder, "enter-code", 1, 4, 3, True)
        recorder.record_outcomes("vneid-activate", ["vneid-activated"], practised=True)
        assert recorder.flush(10)
    finally:
        recorder.close()
        database.close()
    assert _rows(
        path,
        "SELECT day, tutorial_id, step_id, demo, practised, attempts, misses, hints_shown,"
        " shown_and_moved_on FROM practice_counts ORDER BY day",
    ) == [
        ("2026-12-07", "vneid-activate", "enter-code", 0, 2, 6, 4, 4, 0),
        ("2026-12-08", "vneid-activate", "enter-code", 0, 1, 4, 3, 2, 1),
    ]
    assert _rows(path, "SELECT kind, code, count FROM outcome_counts ORDER BY kind") == [
        ("achieved", "vneid-activated", 1),
        ("practised", "on-kiosk", 1),
    ]


@pytest.mark.parametrize(
    "arguments",
    [
        {"tutorial_id": "vneid activate", "step_id": "s"},
        {"tutorial_id": "t", "step_id": "mật khẩu"},
        {"tutorial_id": "t", "step_id": "s", "attempts": -1},
        {"tutorial_id": "t", "step_id": "s", "misses": True},
    ],
)
def test_wrong_practice_values_are_refused_at_the_call(arguments: dict[str, object], tmp_path: Path) -> None:
    database = open_database(tmp_path / "s.sqlite3")
    recorder = VisitRecorder(database, clock=Clock(), offset=VIETNAM)
    try:
        values: dict[str, object] = {
            "attempts": 1,
            "misses": 0,
            "hints_shown": 0,
            "shown_and_moved_on": False,
        }
        values.update(arguments)
        with pytest.raises(ValueError):
            recorder.record_practice(**values)  # type: ignore[arg-type]
    finally:
        recorder.close()
        database.close()


def test_the_hardest_steps_are_ranked_by_the_shown_numbers_and_small_counts_stay_hidden(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.sqlite3"
    clock = Clock(datetime(2026, 12, 5, 3, tzinfo=UTC))
    database = open_database(path)
    recorder = VisitRecorder(database, clock=clock, offset=VIETNAM)
    try:
        _practise(recorder, "enter-code", 10, 3, 2, False)  # 30 attempts, 20 misses
        _practise(recorder, "open-app", 10, 2, 1, False)  # 20 attempts, 10 misses
        _practise(recorder, "tap-send", 20, 1, 0, False)  # 20 attempts, 0 misses
        _practise(recorder, "password", 1, 3, 3, True)  # too few to rank or show
        recorder.record_outcomes("vneid-activate", [], practised=True)
        assert recorder.flush(10)
        summary = summarize(database, date(2026, 12, 5), VIETNAM)
    finally:
        recorder.close()
        database.close()
    shown = ShownSummary(summary)
    hardest = shown.hardest_steps("this month")
    assert [(step, round(rate, 2)) for _t, step, rate in hardest] == [
        ("enter-code", 0.67),
        ("open-app", 0.5),
        ("tap-send", 0.0),
    ]
    assert shown.practice("this month", "vneid-activate", "enter-code", "misses") == "20"
    assert shown.practice("this month", "vneid-activate", "password", "attempts") == HIDDEN
    assert shown.practice("this month", "vneid-activate", "password", "shown_and_moved_on") == HIDDEN
    assert shown.outcome("this month", "vneid-activate", OutcomeKind.PRACTISED, "on-kiosk") == HIDDEN
    assert shown.text("this month", PRACTISED) == HIDDEN
    # Practised on the kiosk is not an outcome reached on the phone, nor a reason for not finishing.
    month = summary.periods[-1]
    assert month.achieved == 0 and month.not_finished == 0
