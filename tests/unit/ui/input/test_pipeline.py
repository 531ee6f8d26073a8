"""The one input pipeline: its stages are asked in a fixed order, and the kiosk relies on that order.

The first tests hold the order itself and the pipeline's rules with plain stages that write down
what they see; the rest show, on the real window, what a visitor would notice if two stages
swapped places.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.audio import require_espeak
from tests.helpers.qt import Kiosk, open_kiosk, settle, show_alone
from ui.input.pipeline import ORDER, InputPipeline, Slot, Stage
from ui.organiser.entry import OrganiserEntry
from ui.shell.idle import IdleState
from ui.shell.window import Screen

LEFT = Qt.MouseButton.LeftButton


class Witness:
    """A stage that writes down its slot for each key press it sees, and may swallow them."""

    def __init__(self, slot: Slot, seen: list[Slot], *, swallows: bool = False) -> None:
        self.slot = slot
        self._seen = seen
        self._swallows = swallows

    def filter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        self._seen.append(self.slot)
        return self._swallows


@pytest.fixture
def field(qtbot: QtBot) -> QLineEdit:
    field = QLineEdit()
    show_alone(qtbot, field, 300, 60)
    field.setFocus()
    return field


def type_a(field: QLineEdit) -> None:
    QTest.keyClick(field, Qt.Key.Key_A)
    settle()


# -- the order, and the pipeline's rules ----------------------------------------------------------
def test_the_stages_are_asked_in_this_order() -> None:
    """Changing it changes what a touch does: see the docstring of ui/input/pipeline.py first."""
    assert ORDER == (
        Slot.IDLE_ACTIVITY,
        Slot.TOUCH_AND_HEAR,
        Slot.ORGANISER_CORNER,
        Slot.KEYS,
        Slot.STEADY_TAPS,
    )
    assert set(ORDER) == set(Slot)


def test_stages_are_asked_in_their_slots_order_whenever_they_were_placed(field: QLineEdit) -> None:
    seen: list[Slot] = []
    pipeline = InputPipeline(field)
    try:
        # Placed backwards, and touch and hear last of all (it is made after the first paint).
        for slot in reversed(ORDER):
            if slot is not Slot.TOUCH_AND_HEAR:
                pipeline.place(slot, Witness(slot, seen))
        type_a(field)
        assert seen == [slot for slot in ORDER if slot is not Slot.TOUCH_AND_HEAR]
        seen.clear()
        pipeline.place(Slot.TOUCH_AND_HEAR, Witness(Slot.TOUCH_AND_HEAR, seen))
        type_a(field)
        assert seen == list(ORDER)
        assert [slot for slot, _stage in pipeline.stages()] == list(ORDER)
    finally:
        pipeline.remove()
    assert field.text() == "aa"


def test_a_stage_that_swallows_hides_the_event_from_the_stages_after_it_and_the_widget(
    field: QLineEdit,
) -> None:
    seen: list[Slot] = []
    pipeline = InputPipeline(field)
    try:
        for slot in ORDER:
            pipeline.place(slot, Witness(slot, seen, swallows=slot is Slot.ORGANISER_CORNER))
        type_a(field)
    finally:
        pipeline.remove()
    assert seen == [Slot.IDLE_ACTIVITY, Slot.TOUCH_AND_HEAR, Slot.ORGANISER_CORNER]
    assert field.text() == ""


def test_an_emptied_slot_and_a_removed_pipeline_see_nothing(field: QLineEdit) -> None:
    seen: list[Slot] = []
    pipeline = InputPipeline(field)
    pipeline.place(Slot.KEYS, Witness(Slot.KEYS, seen, swallows=True))
    pipeline.place(Slot.STEADY_TAPS, Witness(Slot.STEADY_TAPS, seen))
    pipeline.place(Slot.KEYS, None)
    type_a(field)
    assert seen == [Slot.STEADY_TAPS]
    pipeline.remove()
    type_a(field)
    assert seen == [Slot.STEADY_TAPS]
    assert field.text() == "aa"


# -- the kiosk's own stages -------------------------------------------------------------------------
@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Kiosk:
    return open_kiosk(qtbot, tmp_path)


def test_the_window_places_each_part_in_its_slot(kiosk: Kiosk) -> None:
    window = kiosk.window
    assert window.narration is not None and window.organiser is not None
    parts: list[tuple[Slot, Stage]] = [
        (Slot.IDLE_ACTIVITY, window.idle_watcher),
        (Slot.TOUCH_AND_HEAR, window.narration),
        (Slot.ORGANISER_CORNER, window.organiser.entry),
        (Slot.KEYS, window.keys),
        (Slot.STEADY_TAPS, window.steady_taps),
    ]
    assert window.input.stages() == parts


def at_finish(kiosk: Kiosk) -> QAbstractButton:
    """The finish screen's "easy" face: a button that does not navigate (no tap guard)."""
    kiosk.window.open_tutorial("vneid-install", 2)
    kiosk.window.show_finish()
    settle()
    return kiosk.window.finish_screen.face_buttons["easy"]


def test_a_repeated_tap_the_steady_taps_swallow_still_counts_as_the_visitor_being_there(
    kiosk: Kiosk,
) -> None:
    """Idle activity before steady taps."""
    window = kiosk.window
    face = at_finish(kiosk)
    faces: list[str] = []
    window.finish_screen.feedback_given.connect(faces.append)
    kiosk.tap(face)
    kiosk.tap(face, after_s=0.3)
    assert faces == ["easy"]
    # Just short of the wait after the repeated tap (and past it after the first): no question yet.
    kiosk.wait_idle(window.idle_watcher.timeout_s - 0.1)
    assert window.idle_watcher.state is IdleState.ACTIVE
    assert not window.idle_overlay.isVisible()


def corner_point(window: QWidget, button: QWidget) -> QPoint:
    """A point of ``button`` inside the window's hidden organiser corner."""
    point = button.mapFrom(window, QPoint(30, 30))
    assert button.rect().contains(point)
    return point


def test_the_release_after_a_long_press_on_the_corner_is_not_a_tap(kiosk: Kiosk) -> None:
    """Organiser corner before steady taps: the button under the finger is not pressed, nor counted."""
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    home = window.top_bar.home_button
    entered: list[bool] = []
    entry = OrganiserEntry(window, lambda: entered.append(True), clock=kiosk.clock)
    window.input.place(Slot.ORGANISER_CORNER, entry)
    try:
        point = corner_point(window, home)
        kiosk.clock.advance(1.0)
        QTest.mousePress(home, LEFT, pos=point)
        kiosk.clock.advance(3.0)
        entry.tick()
        QTest.mouseRelease(home, LEFT, pos=point)
        settle()
        assert entered == [True]
        assert kiosk.screen() is Screen.LANGUAGE
        # The steady taps never saw that release: a tap on Home at once is the visitor's first.
        assert not window.steady_taps.is_repeat(home)
    finally:
        entry.stop()
        assert window.organiser is not None
        window.input.place(Slot.ORGANISER_CORNER, window.organiser.entry)


def test_a_touch_that_only_says_home_counts_as_activity_and_starts_no_long_press(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Idle activity before touch and hear, and touch and hear before the organiser corner."""
    require_espeak()
    window = kiosk.window
    narration = window.narration
    assert narration is not None and window.organiser is not None
    said: list[str] = []
    monkeypatch.setattr(narration.narrator, "speak_text", lambda text, lang, voice_item="": said.append(text))
    kiosk.tap(window.start_screen.start_button)
    window.session.set_narration(True)
    window.session.set_touch_and_hear(True)
    settle()
    home = window.top_bar.home_button
    point = corner_point(window, home)
    kiosk.clock.advance(50)
    said.clear()
    QTest.mousePress(home, LEFT, pos=point)
    assert not window.organiser.entry.pressing
    QTest.mouseRelease(home, LEFT, pos=point)
    settle()
    assert said == [home.accessibleName()]
    assert kiosk.screen() is Screen.LANGUAGE
    said.clear()
    # The visitor was there at that touch, though no button was pressed.
    kiosk.wait_idle(window.idle_watcher.timeout_s - 0.1)
    assert window.idle_watcher.state is IdleState.ACTIVE
    # Long after, a touch says the name again; the confirming touch goes on to the corner and to Home.
    for after_s, pressing in ((1.0, False), (1.0, True)):
        kiosk.clock.advance(after_s)
        QTest.mousePress(home, LEFT, pos=point)
        assert window.organiser.entry.pressing is pressing
        QTest.mouseRelease(home, LEFT, pos=point)
        settle()
    assert said == [home.accessibleName()]
    assert kiosk.screen() is Screen.START


def test_a_shaky_landing_after_a_confirmed_touch_is_heard_as_a_first_touch(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Touch and hear before steady taps: touch and hear, not the steady taps, judges that landing."""
    require_espeak()
    window = kiosk.window
    narration = window.narration
    assert narration is not None
    said: list[str] = []
    monkeypatch.setattr(narration.narrator, "speak_text", lambda text, lang, voice_item="": said.append(text))
    face = at_finish(kiosk)
    faces: list[str] = []
    window.finish_screen.feedback_given.connect(faces.append)
    window.session.set_narration(True)
    window.session.set_touch_and_hear(True)
    settle()
    kiosk.tap(face)
    kiosk.tap(face, after_s=1.0)
    assert faces == ["easy"]
    said.clear()
    # Within the steady taps' wait: a first touch again (its name), not a repeat dropped in silence.
    kiosk.tap(face, after_s=0.2)
    assert said == [face.accessibleName()]
    assert faces == ["easy"]
