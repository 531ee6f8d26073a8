"""The organiser's PIN pad: a first PIN set twice, the right PIN let in, wrong ones counted."""

from __future__ import annotations

import json
import logging
import os
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
    type_pin(qtbot, pad, "582914")
    assert mode_of(pad) is PinMode.REPEAT
    assert pad.title.text() == "Enter the new PIN again"
    with qtbot.waitSignal(pad.accepted, timeout=10000):
        type_pin(qtbot, pad, "582914")
    assert store.is_set(PinRole.ORGANISER)
    assert store.check(PinRole.ORGANISER, "582914").accepted


def test_two_different_pins_start_the_choice_again(qtbot: QtBot, pad: PinPad, store: PinStore) -> None:
    type_pin(qtbot, pad, "582914")
    type_pin(qtbot, pad, "582915")
    assert mode_of(pad) is PinMode.SET
    assert "not the same" in pad.message.text()
    assert not store.is_set(PinRole.ORGANISER)


def test_a_new_pin_must_have_six_to_eight_digits(qtbot: QtBot, pad: PinPad) -> None:
    type_pin(qtbot, pad, "73920")
    assert mode_of(pad) is PinMode.SET
    assert pad.message.text() == "A new PIN has 6 to 8 digits."
    for _ in range(12):
        QTest.mouseClick(pad.digit_buttons["7"], Qt.MouseButton.LeftButton)
    assert pad.entered == "77777777"


def test_digits_show_only_as_dots_and_delete_takes_one_back(qtbot: QtBot, pad: PinPad) -> None:
    for digit in "905":
        QTest.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    assert pad.dots.text() == "● ● ● ○ ○ ○"
    QTest.mouseClick(pad.delete_button, Qt.MouseButton.LeftButton)
    assert pad.entered == "90"
    assert pad.dots.text() == "● ● ○ ○ ○ ○"


def test_every_button_is_a_big_target(pad: PinPad) -> None:
    for button in (*pad.digit_buttons.values(), pad.delete_button, pad.ok_button, pad.cancel_button):
        assert button.width() >= 64 and button.height() >= 64, button.text()


def test_the_right_pin_is_accepted(qtbot: QtBot, pad: PinPad, store: PinStore) -> None:
    store.set_pin(PinRole.ORGANISER, "604917")
    pad.start()
    assert pad.title.text() == "Enter the organiser PIN"
    with qtbot.waitSignal(pad.accepted, timeout=10000):
        type_pin(qtbot, pad, "604917")


def test_five_wrong_pins_lock_the_pad_and_the_wait_counts_down(
    qtbot: QtBot, pad: PinPad, store: PinStore, clock: FakeClock
) -> None:
    store.set_pin(PinRole.ORGANISER, "604917")
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
        type_pin(qtbot, pad, "604917")


def test_a_lockout_survives_reopening_the_pad(qtbot: QtBot, pad: PinPad, store: PinStore) -> None:
    store.set_pin(PinRole.ORGANISER, "604917")
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
    store.set_pin(PinRole.ORGANISER, "604917")
    pad.start()
    with qtbot.waitSignal(pad.accepted, timeout=10000):
        QTest.keyClicks(pad, "604917")
        QTest.keyClick(pad, Qt.Key.Key_Return)


@pytest.mark.parametrize("weak", ["123456", "111111", "121212", "24121975", "147258"])
def test_a_weak_new_pin_is_refused_before_it_is_asked_again(
    qtbot: QtBot, pad: PinPad, store: PinStore, weak: str
) -> None:
    type_pin(qtbot, pad, weak)
    assert mode_of(pad) is PinMode.SET
    assert pad.message.text().startswith("That PIN is too easy to guess")
    assert pad.entered == ""
    assert not store.is_set(PinRole.ORGANISER)


def test_a_pin_from_before_the_six_digit_rule_still_opens(qtbot: QtBot, pad: PinPad, store: PinStore) -> None:
    # Written as the kiosk did before new PINs needed 6 digits: a 4-digit hash with the same cost.
    from kiosk.pins import _hash

    salt = b"s" * 16
    entry = {"salt": salt.hex(), "hash": _hash("2468", salt, store._cost).hex(), "n": 16, "r": 8, "p": 1}
    store.path.write_text(json.dumps({"schema_version": 1, "pins": {"organiser": entry}, "lockout": {}}))
    pad.start()
    assert mode_of(pad) is PinMode.CHECK
    with qtbot.waitSignal(pad.accepted, timeout=10000):
        type_pin(qtbot, pad, "2468")


def test_a_pin_chosen_at_the_kiosk_is_logged_as_not_set_at_install(
    qtbot: QtBot, pad: PinPad, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="ui.organiser.pin_dialog")
    pad.start()
    assert "no organiser PIN was set at install" in caplog.text
    type_pin(qtbot, pad, "582914")
    with qtbot.waitSignal(pad.accepted, timeout=10000):
        type_pin(qtbot, pad, "582914")
    assert "the organiser PIN was chosen at the kiosk, not at install" in caplog.text


@pytest.mark.parametrize("damage", ["{not json", "fifo", "folder"])
def test_a_damaged_pin_file_keeps_the_pad_locked_and_says_how_to_reset(
    qtbot: QtBot, pad: PinPad, store: PinStore, damage: str
) -> None:
    store.set_pin(PinRole.ORGANISER, "582914")
    store.path.unlink()
    if damage == "fifo":
        os.mkfifo(store.path)
    elif damage == "folder":
        store.path.mkdir()
    else:
        store.path.write_text(damage)
    pad.start()
    assert pad.damaged and mode_of(pad) is PinMode.CHECK
    assert pad.title.text() == "Organiser mode is locked"
    command = f"sudo kiosk --data-dir {store.path.parent} set-pin --organiser"
    assert pad.intro.text().endswith("open a root shell on this machine and run this command:")
    assert pad.command.isVisible() and pad.command.accessibleName() == command
    assert pad.command.text().replace("\u2060", "") == command
    assert not pad.dots.isVisible()
    assert "no PIN" not in pad.intro.text().replace("no PIN can be checked", "")
    assert not pad.digit_buttons["5"].isEnabled() and not pad.ok_button.isEnabled()
    QTest.keyClicks(pad, "582914")
    QTest.keyClick(pad, Qt.Key.Key_Return)
    assert pad.entered == "" and not pad.checking


def test_a_file_damaged_while_the_pad_is_open_locks_it_at_the_next_try(
    qtbot: QtBot, pad: PinPad, store: PinStore
) -> None:
    store.set_pin(PinRole.ORGANISER, "582914")
    pad.start()
    store.path.write_text("[]")
    type_pin(qtbot, pad, "582914")
    qtbot.waitUntil(lambda: pad.damaged, timeout=10000)
    assert "it is not a JSON object" in pad.intro.text()
