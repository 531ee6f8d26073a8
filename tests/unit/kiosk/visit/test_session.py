from __future__ import annotations

import pytest

from kiosk.stats.codes import EndReason, Feedback, VisitMode
from kiosk.visit.session import SessionChange, TextSize, VisitorSession


def _recording(session: VisitorSession) -> list[SessionChange]:
    changes: list[SessionChange] = []
    session.subscribe(changes.append)
    return changes


def test_a_new_visit_has_the_defaults() -> None:
    session = VisitorSession("vi")
    assert session.language == "vi"
    assert session.text_size is TextSize.NORMAL
    assert not session.high_contrast
    assert session.tutorial_id is None
    assert session.step_index == 0
    assert session.is_pristine


def test_choices_are_announced_once_and_only_when_they_change() -> None:
    session = VisitorSession("vi")
    changes = _recording(session)
    session.choose_language("en")
    session.choose_language("en")
    session.set_text_size(TextSize.EXTRA_LARGE)
    session.set_text_size(TextSize.EXTRA_LARGE)
    session.set_high_contrast(True)
    assert changes == [
        SessionChange.VISIT_STARTED,
        SessionChange.LANGUAGE,
        SessionChange.COMFORT,
        SessionChange.COMFORT,
    ]
    assert not session.is_pristine


def test_steps_move_within_the_tutorial() -> None:
    session = VisitorSession()
    changes = _recording(session)
    session.begin_tutorial("vneid-install", 3)
    assert (session.tutorial_id, session.step_index, session.step_count) == ("vneid-install", 0, 3)
    assert not session.previous_step()
    assert session.next_step()
    assert session.next_step()
    assert session.is_last_step
    assert not session.next_step()
    assert session.step_index == 2
    assert session.previous_step()
    assert session.step_index == 1
    assert changes == [
        SessionChange.VISIT_STARTED,
        SessionChange.TUTORIAL,
        SessionChange.STEP,
        SessionChange.STEP,
        SessionChange.STEP,
    ]


def test_go_to_step_checks_the_range() -> None:
    session = VisitorSession()
    with pytest.raises(RuntimeError):
        session.go_to_step(0)
    session.begin_tutorial("t", 2)
    with pytest.raises(IndexError):
        session.go_to_step(2)
    with pytest.raises(ValueError):
        session.begin_tutorial("empty", 0)


def test_leaving_a_tutorial_keeps_the_comfort_choices() -> None:
    session = VisitorSession()
    session.set_text_size(TextSize.LARGE)
    session.begin_tutorial("t", 4)
    session.next_step()
    session.leave_tutorial()
    assert session.tutorial_id is None
    assert session.step_index == 0
    assert session.text_size is TextSize.LARGE


def test_reset_wipes_everything_the_visitor_chose() -> None:
    session = VisitorSession("vi")
    session.choose_language("en")
    session.set_text_size(TextSize.EXTRA_LARGE)
    session.set_high_contrast(True)
    session.begin_tutorial("scam-drill", 5)
    session.go_to_step(3)
    changes = _recording(session)
    session.reset()
    assert session.is_pristine
    assert (session.language, session.text_size, session.high_contrast) == ("vi", TextSize.NORMAL, False)
    assert (session.tutorial_id, session.step_index, session.step_count) == (None, 0, 0)
    assert changes == [SessionChange.RESET]


def test_unsubscribed_listeners_hear_nothing() -> None:
    session = VisitorSession()
    changes: list[SessionChange] = []
    stop = session.subscribe(changes.append)
    stop()
    stop()
    session.choose_language("en")
    assert changes == []


def test_reading_aloud_belongs_to_the_visit() -> None:
    session = VisitorSession("vi")
    changes = _recording(session)
    assert not session.narration and not session.touch_and_hear
    session.set_narration(True)
    session.set_narration(True)
    assert not session.is_pristine
    session.set_touch_and_hear(True)
    assert changes == [SessionChange.NARRATION, SessionChange.NARRATION]
    session.reset()
    assert not session.narration and not session.touch_and_hear
    assert session.is_pristine


def test_the_visit_starts_once_with_the_first_choice_even_the_language_already_shown() -> None:
    session = VisitorSession("vi")
    changes = _recording(session)
    session.set_narration(True)  # reading aloud alone is not a choice of the visit yet
    started = [session.visit_started]
    session.choose_language("vi")
    started.append(session.visit_started)
    session.begin_tutorial("t", 2)
    assert changes == [SessionChange.NARRATION, SessionChange.VISIT_STARTED, SessionChange.TUTORIAL]
    assert started == [False, True]


def test_the_visit_starts_before_the_change_that_started_it() -> None:
    session = VisitorSession("vi")
    seen: list[tuple[SessionChange, TextSize]] = []
    session.subscribe(lambda change: seen.append((change, session.text_size)))
    session.set_text_size(TextSize.LARGE)
    # Listeners of VISIT_STARTED already see the choice that started it.
    assert seen == [(SessionChange.VISIT_STARTED, TextSize.LARGE), (SessionChange.COMFORT, TextSize.LARGE)]


def test_finish_feedback_and_the_end_reason_are_announced() -> None:
    session = VisitorSession("vi")
    with pytest.raises(RuntimeError):
        session.finish_tutorial()
    session.begin_tutorial("t", 1)
    changes = _recording(session)
    reasons: list[EndReason] = []
    session.subscribe(
        lambda change: reasons.append(session.end_reason) if change is SessionChange.RESET else None
    )
    session.finish_tutorial()
    session.give_feedback(Feedback.HAPPY)
    faces = [session.feedback]
    session.reset(EndReason.FINISHED)
    faces.append(session.feedback)
    assert changes == [SessionChange.TUTORIAL_FINISHED, SessionChange.FEEDBACK, SessionChange.RESET]
    assert reasons == [EndReason.FINISHED]
    assert faces == [Feedback.HAPPY, None]
    assert not session.visit_started


def test_a_guided_visit_is_marked_before_it_starts_and_forgotten_after() -> None:
    session = VisitorSession("vi")
    session.set_mode(VisitMode.GUIDED)
    session.choose_language("en")
    modes = [session.mode]
    session.reset()
    modes.append(session.mode)
    assert modes == [VisitMode.GUIDED, VisitMode.SELF]
    assert session.end_reason is EndReason.HOME


def test_a_practice_step_is_kept_and_announced_and_starts_the_visit() -> None:
    from kiosk.visit.session import PracticeStepResult

    session = VisitorSession()
    changes = _recording(session)
    result = PracticeStepResult(
        "vneid-activate", "enter-code", attempts=3, misses=2, hints_shown=1, shown_and_moved_on=False
    )
    session.practice_step_done(result)
    assert session.last_practice == result
    assert changes == [SessionChange.VISIT_STARTED, SessionChange.PRACTICE_STEP]
    session.practice_step_done(PracticeStepResult("vneid-activate", "send", 1, 0, 0, False))
    assert changes[-1] is SessionChange.PRACTICE_STEP and changes.count(SessionChange.VISIT_STARTED) == 1
    session.reset()
    assert session.last_practice is None


def test_practice_counts_cannot_be_negative() -> None:
    from kiosk.visit.session import PracticeStepResult

    with pytest.raises(ValueError):
        PracticeStepResult("t", "s", attempts=-1, misses=0, hints_shown=0, shown_and_moved_on=False)
