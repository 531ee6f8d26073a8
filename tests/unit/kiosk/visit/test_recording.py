"""A visitor's path through a tutorial becomes the rows the organiser counts, in a real database."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.content.model import Catalogue
from kiosk.stats import Database, EndReason, Feedback, VisitRecorder, open_database
from kiosk.stats.models import StepTime, TutorialRun, Visit
from kiosk.visit.recording import VisitRecording
from kiosk.visit.session import TextSize, VisitorSession
from tests.helpers.catalogue import make_catalogue
from tests.helpers.clock import FakeClock
from tests.helpers.stats import Clock


class Recorded:
    def __init__(self, tmp_path: Path) -> None:
        self.database: Database = open_database(tmp_path / "stats.sqlite3")
        self.recorder = VisitRecorder(self.database, clock=Clock())
        self.catalogue: Catalogue = make_catalogue(tmp_path / "content")
        self.session = VisitorSession("vi")
        self.clock = FakeClock()
        self.recording = VisitRecording(self.session, lambda: self.recorder, self.catalogue, self.clock)

    def visits(self) -> list[Visit]:
        assert self.recorder.flush(30)
        with self.database.session() as session:
            return list(session.scalars(select(Visit).order_by(Visit.id)))

    def runs(self) -> list[TutorialRun]:
        assert self.recorder.flush(30)
        with self.database.session() as session:
            return list(session.scalars(select(TutorialRun).order_by(TutorialRun.id)))

    def step_seconds(self) -> dict[int, int]:
        assert self.recorder.flush(30)
        with self.database.session() as session:
            return {row.step_number: row.seconds for row in session.scalars(select(StepTime))}


@pytest.fixture
def recorded(tmp_path: Path) -> Iterator[Recorded]:
    state = Recorded(tmp_path)
    yield state
    state.recording.close()
    state.recorder.close()
    state.database.close()


def _follow_to_the_end(recorded: Recorded, seconds_per_step: float = 12.0) -> None:
    session = recorded.session
    tutorial = recorded.catalogue.tutorial("vneid-install")
    session.begin_tutorial(tutorial.id, len(tutorial.steps))
    while True:
        recorded.clock.advance(seconds_per_step)
        if not session.next_step():
            break
    recorded.recording.reached_finish()


def test_nothing_is_recorded_before_the_visitor_chooses(recorded: Recorded) -> None:
    assert recorded.visits() == []


def test_a_whole_visit_through_a_tutorial_is_recorded(recorded: Recorded) -> None:
    recorded.session.choose_language("en")
    recorded.session.set_text_size(TextSize.LARGE)
    _follow_to_the_end(recorded)
    recorded.recording.mark_qr()
    recorded.recording.mark_handout("vneid-install")
    recorded.recording.set_feedback(Feedback.HAPPY)
    recorded.recording.end_visit(EndReason.FINISHED)
    recorded.session.reset()

    (visit,) = recorded.visits()
    assert (visit.language, visit.mode, visit.text_size, visit.high_contrast) == (
        "en",
        "self",
        "large",
        False,
    )
    assert (visit.end_reason, visit.feedback) == ("finished", 3)
    assert visit.ended_at is not None
    steps = len(recorded.catalogue.tutorial("vneid-install").steps)
    (run,) = recorded.runs()
    assert (run.tutorial_id, run.content_version, run.steps_total) == ("vneid-install", "2026.11.24", steps)
    assert (run.completed, run.furthest_step, run.handout_printed, run.qr_shown) == (True, steps, True, True)
    assert recorded.step_seconds() == dict.fromkeys(range(1, steps + 1), 12)


def test_the_language_already_shown_starts_the_visit_when_the_window_says_so(recorded: Recorded) -> None:
    recorded.recording.begin_visit()
    recorded.recording.begin_visit()
    recorded.recording.end_visit(EndReason.IDLE)
    (visit,) = recorded.visits()
    assert (visit.language, visit.end_reason) == ("vi", "idle")


def test_a_tutorial_left_half_way_is_not_completed(recorded: Recorded) -> None:
    session = recorded.session
    recorded.recording.begin_visit()
    session.begin_tutorial("vneid-install", len(recorded.catalogue.tutorial("vneid-install").steps))
    recorded.clock.advance(5)
    session.next_step()
    recorded.clock.advance(40)
    session.next_step()
    recorded.clock.advance(7)
    session.previous_step()
    recorded.clock.advance(3)
    session.leave_tutorial()
    recorded.recording.end_visit(EndReason.HOME)
    session.reset()

    (run,) = recorded.runs()
    assert (run.completed, run.furthest_step) == (False, 3)
    assert recorded.step_seconds() == {1: 5, 2: 43, 3: 7}
    assert recorded.visits()[0].end_reason == "home"


def test_comfort_changed_during_the_visit_is_kept_at_its_largest(recorded: Recorded) -> None:
    session = recorded.session
    recorded.recording.begin_visit()
    session.set_text_size(TextSize.EXTRA_LARGE)
    session.set_high_contrast(True)
    session.set_text_size(TextSize.NORMAL)
    session.set_high_contrast(False)
    recorded.recording.end_visit(EndReason.FINISHED)
    (visit,) = recorded.visits()
    assert (visit.text_size, visit.high_contrast) == ("extra-large", True)


def test_a_reset_without_a_reason_still_ends_the_visit_and_the_next_is_new(recorded: Recorded) -> None:
    recorded.session.choose_language("en")
    recorded.session.reset()
    recorded.session.choose_language("en")
    recorded.recording.end_visit(EndReason.IDLE)
    assert [visit.end_reason for visit in recorded.visits()] == ["home", "idle"]


def test_a_failing_recorder_never_reaches_the_visitor(
    recorded: Recorded, caplog: pytest.LogCaptureFixture
) -> None:
    recorded.recorder.close()
    with caplog.at_level(logging.ERROR, logger="kiosk.visit.recording"):
        recorded.session.choose_language("en")
        recorded.session.begin_tutorial("vneid-install", 3)
        recorded.session.next_step()
        recorded.recording.end_visit(EndReason.HOME)
    assert "could not start a visit" in caplog.text
    assert recorded.visits() == []


def test_practice_steps_are_counted_per_day_and_step_and_tied_to_no_visit(recorded: Recorded) -> None:
    from kiosk.stats.models import PracticeCount
    from kiosk.visit.session import PracticeStepResult

    session = recorded.session
    session.practice_step_done(PracticeStepResult("vneid-activate", "enter-code", 4, 3, 2, True))
    session.practice_step_done(PracticeStepResult("vneid-activate", "enter-code", 1, 0, 0, False))
    session.practice_step_done(PracticeStepResult("vneid-activate", "tap-send", 2, 1, 1, False))
    session.reset(EndReason.HOME)
    visits = recorded.visits()
    # Practising started the visit, like any first choice.
    assert len(visits) == 1 and visits[0].end_reason == "home"
    with recorded.database.session() as db:
        rows = {
            row.step_id: (
                row.practised,
                row.attempts,
                row.misses,
                row.hints_shown,
                row.shown_and_moved_on,
                row.demo,
            )
            for row in db.scalars(select(PracticeCount))
        }
        columns = set(PracticeCount.__table__.columns.keys())
    assert rows == {"enter-code": (2, 5, 3, 2, 1, False), "tap-send": (1, 2, 1, 1, 0, False)}
    assert not columns & {"visit_id", "run_id", "uid", "text", "typed"}
