"""The organiser's PIN pad: a first PIN set twice, the right PIN let in, wrong ones counted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.pins import FREE_TRIES, PinRole, PinStore
from tests.helpers.clock import FakeClock
from tests.helpers.organiser import host_window, pin_store
from tests.helpers.qt import qasync_loop, ui_text
from ui.organiser.pin_dialog import PinMode, PinPad


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> PinStore:
    return pin_store(tmp_path, clock)


@pytest.fixture
def pad(qtbot: QtBot, store: PinStore) -> Iterator[PinPad]:
    with qasync_loop():
        window = host_window(qtbot)
        widget = PinPad(store, ui_text(), "en", parent=window)
        widget.setGeometry(window.rect())
        widget.show()
        widget.start()
        yield widget


def mode_of(pad: PinPad) -> PinMode:
    """Read afresh (a call, so mypy does not keep an earlier narrowing)."""
    return pad.mode


def is_locked(pad: PinPad) -> bool:
    return pad.locked


def type_pin(qtbot: QtBot, pad: PinPad, pin: str) -> None:
    for digit in pin:
        QTest.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    QTest.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)


def wait_ready(qtbot: QtBot, pad: PinPad) -> None:
    qtbot.waitUntil(lambda: not pad.message.text().startswith("Checking"), timeout=10000)


def test_the_first_start_asks_to_set_a_pin_twice_and_saves_it(
    qtbot: QtBot, pad: PinPad, store: PinStore
) -> None:
    assert mode_of(pad) is PinMode.SET
    assert pad.title.text() == "Set the organiser PIN"
    type_pin(qtbot, pad, "2468")
    assert mode_of(pad) is PinMode.REPEAT
    assert pad.title.text() == "Enter the new PIN again"
    with qtbot.waitSignal(pad.accepted, timeout=10000):
        type_pin(qtbot, pad, "2468")
    assert store.is_set(PinRole.ORGANISER)
    assert store.check(PinRole.ORGANISER, "2468").accepted


def test_two_different_pins_start_the_choice_again(qtbot: QtBot, pad: PinPad, store: PinStore) -> None:
    type_pin(qtbot, pad, "2468")
    type_pin(qtbot, pad, "2469")
    assert mode_of(pad) is PinMode.SET
    assert "not the same" in pad.message.text()
    assert not store.is_set(PinRole.ORGANISER)


def test_a_pin_must_have_four_to_eight_digits(qtbot: QtBot, pad: PinPad) -> None:
    type_pin(qtbot, pad, "123")
    assert mode_of(pad) is PinMode.SET
    assert pad.message.text() == "A PIN has 4 to 8 digits."
    for _ in range(12):
        QTest.mouseClick(pad.digit_buttons["7"], Qt.MouseButton.LeftButton)
    assert pad.entered == "77777777"


def test_digits_show_only_as_dots_and_delete_takes_one_back(qtbot: QtBot, pad: PinPad) -> None:
    for digit in "905":
        QTest.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    assert pad.dots.text() == "● ● ● ○"
    QTest.mouseClick(pad.delete_button, Qt.MouseButton.LeftButton)
    assert pad.entered == "90"
    assert pad.dots.text() == "● ● ○ ○"


def test_every_button_is_a_big_target(pad: PinPad) -> None:
    for button in (*pad.digit_buttons.values(), pad.delete_button, pad.ok_button, pad.cancel_button):
        assert button.width() >= 64 and button.height() >= 64, button.text()


def test_the_right_pin_is_accepted(qtbot: QtBot, pad: PinPad, store: PinStore) -> None:
    store.set_pin(PinRole.ORGANISER, "1357")
    pad.start()
    assert pad.title.text() == "Enter the organiser PIN"
    with qtbot.waitSignal(pad.accepted, timeout=10000):
        type_pin(qtbot, pad, "1357")


def test_five_wrong_pins_lock_the_pad_and_the_wait_counts_down(
    qtbot: QtBot, pad: PinPad, store: PinStore, clock: FakeClock
) -> None:
    store.set_pin(PinRole.ORGANISER, "1357")
    pad.start()
    for attempt in range(1, FREE_TRIES):
        type_pin(qtbot, pad, "0000")
        wait_ready(qtbot, pad)
        assert pad.message.text() == f"Wrong PIN. {FREE_TRIES - attempt} tries left before a wait."
    type_pin(qtbot, pad, "0000")
    wait_ready(qtbot, pad)
    assert pad.message.text() == "Too many wrong tries. Please wait 30 s, then try again."
    assert is_locked(pad)
    assert not pad.digit_buttons["1"].isEnabled()
    clock.advance(12)
    pad.tick()
    assert pad.message.text() == "Too many wrong tries. Please wait 18 s, then try again."
    clock.advance(18)
    pad.tick()
    assert not is_locked(pad) and pad.digit_buttons["1"].isEnabled()
    with qtbot.waitSignal(pad.accepted, timeout=10000):
        type_pin(qtbot, pad, "1357")


def test_a_lockout_survives_reopening_the_pad(qtbot: QtBot, pad: PinPad, store: PinStore) -> None:
    store.set_pin(PinRole.ORGANISER, "1357")
    # Tries while the wait runs are refused without being counted: the wait stays 30 s.
    for _ in range(FREE_TRIES + 2):
        store.check(PinRole.ORGANISER, "0000")
    window = host_window(qtbot)
    again = PinPad(pin_store_path_twin(store), ui_text(), "vi", parent=window)
    again.start()
    assert is_locked(again)
    assert again.message.text() == "Sai quá nhiều lần. Hãy chờ 30 giây rồi thử lại."


def pin_store_path_twin(store: PinStore) -> PinStore:
    """The same PIN file opened again, as after a restart."""
    return PinStore(store.path, clock=store._clock, cost=store._cost)


def test_cancel_leaves_without_a_pin(qtbot: QtBot, pad: PinPad) -> None:
    QTest.mouseClick(pad.digit_buttons["1"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(pad.cancelled):
        QTest.mouseClick(pad.cancel_button, Qt.MouseButton.LeftButton)
    assert pad.entered == ""


def test_a_keyboard_types_the_pin_too(qtbot: QtBot, pad: PinPad, store: PinStore) -> None:
    store.set_pin(PinRole.ORGANISER, "1357")
    pad.start()
    with qtbot.waitSignal(pad.accepted, timeout=10000):
        QTest.keyClicks(pad, "1357")
        QTest.keyClick(pad, Qt.Key.Key_Return)
