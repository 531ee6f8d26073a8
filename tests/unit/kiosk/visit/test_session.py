from __future__ import annotations

import pytest

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
    assert changes == [SessionChange.LANGUAGE, SessionChange.COMFORT, SessionChange.COMFORT]
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
    assert changes == [SessionChange.TUTORIAL, SessionChange.STEP, SessionChange.STEP, SessionChange.STEP]


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
