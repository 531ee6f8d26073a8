"""Leaving kiosk mode: Ctrl+Alt+Shift+Q asks for the organiser PIN, and only the right one quits.

The real window in kiosk mode, with its organiser mode. ``QApplication.exit`` is replaced by a
recorder, so the test application keeps running; the window's own exit path is what calls it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.pins import FREE_TRIES, PinRole, PinStore
from tests.helpers.organiser import TEST_COST
from tests.helpers.qt import Kiosk, open_kiosk, qasync_loop, settle
from ui.organiser.pin_dialog import PinMode, PinPad
from ui.organiser.screen import OrganiserScreen
from ui.shell.window import Screen

ORGANISER_PIN = "582914"
# No digit twice in a row: a repeated tap on one button counts once (ui/input/steady_taps.py).
WRONG_PIN = "1357"
WAIT_MS = 20_000
OPERATOR_KEYS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
)


@pytest.fixture(autouse=True)
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every ``QApplication.exit`` call, instead of quitting the test application."""
    calls: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: calls.append(code))
    return calls


def kiosk_mode(qtbot: QtBot, tmp_path: Path, *, pin: str | None = ORGANISER_PIN) -> Kiosk:
    if pin is not None:
        # Hashed cheaply; the window's store checks with the cost stored beside the hash.
        PinStore(cost=TEST_COST).set_pin(PinRole.ORGANISER, pin)
    kiosk = open_kiosk(qtbot, tmp_path, kiosk_mode=True)
    handle = kiosk.window.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(kiosk.window.isActiveWindow)
    return kiosk


def page_of(screen: OrganiserScreen) -> QWidget | None:
    """Read afresh (a call, so mypy does not keep an earlier narrowing)."""
    return screen.page


def pristine(kiosk: Kiosk) -> bool:
    return kiosk.window.session.is_pristine


def press_operator_keys(kiosk: Kiosk) -> OrganiserScreen:
    QTest.keyClick(kiosk.window, Qt.Key.Key_Q, OPERATOR_KEYS)
    settle()
    organiser = kiosk.window.organiser
    assert organiser is not None
    return organiser.screen


def type_pin(kiosk: Kiosk, pad: PinPad, pin: str) -> None:
    for digit in pin:
        QTest.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    QTest.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    kiosk.qtbot.waitUntil(lambda: not pad.checking, timeout=WAIT_MS)
    settle()


def test_the_operator_keys_ask_for_the_pin_and_a_wrong_one_does_not_exit(
    qtbot: QtBot, tmp_path: Path, exits: list[int]
) -> None:
    kiosk = kiosk_mode(qtbot, tmp_path)
    screen = press_operator_keys(kiosk)
    pad = screen.pin_pad
    assert screen.isVisible() and screen.page is pad and screen.leaving
    assert pad.mode is PinMode.CHECK
    assert pad.purpose.text() == "Để thoát khỏi chương trình kiosk, hãy nhập mã PIN của người tổ chức."
    assert not screen.volunteer_button.isVisible()

    type_pin(kiosk, pad, WRONG_PIN)

    assert exits == []
    assert pad.message.text() == f"Mã PIN không đúng. Còn {FREE_TRIES - 1} lần thử trước khi phải chờ."
    assert kiosk.window.isVisible() and kiosk.window.lock is not None and kiosk.window.lock.locked
    # The close button of a compositor and Alt+F4 are still refused.
    assert not kiosk.window.close()


def test_the_right_pin_exits_after_ending_the_visit(qtbot: QtBot, tmp_path: Path, exits: list[int]) -> None:
    kiosk = kiosk_mode(qtbot, tmp_path)
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["en"])
    assert not pristine(kiosk)
    screen = press_operator_keys(kiosk)

    type_pin(kiosk, screen.pin_pad, ORGANISER_PIN)

    assert exits == [0]
    assert window.lock is not None and not window.lock.locked
    # The visit under the pad was ended (and so recorded) before the exit.
    assert pristine(kiosk) and kiosk.screen() is Screen.START
    assert not screen.isVisible()


def test_cancel_goes_back_to_the_visit_as_it_was(qtbot: QtBot, tmp_path: Path, exits: list[int]) -> None:
    kiosk = kiosk_mode(qtbot, tmp_path)
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    screen = press_operator_keys(kiosk)
    press_operator_keys(kiosk)  # pressed twice: still the same way back
    kiosk.tap(screen.pin_pad.cancel_button)
    assert not screen.isVisible() and not screen.leaving
    assert kiosk.screen() is Screen.LANGUAGE
    assert exits == []
    # Organiser mode itself opens as before afterwards: no leftover "to leave" line.
    QTest.keyClick(
        window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert screen.isVisible() and not screen.pin_pad.purpose.isVisible()


def test_the_wait_after_wrong_tries_applies_to_leaving_too(
    qtbot: QtBot, tmp_path: Path, exits: list[int]
) -> None:
    kiosk = kiosk_mode(qtbot, tmp_path)
    screen = press_operator_keys(kiosk)
    pad = screen.pin_pad
    for _ in range(FREE_TRIES):
        type_pin(kiosk, pad, WRONG_PIN)
    assert pad.locked
    assert pad.message.text().startswith("Sai quá nhiều lần. Hãy chờ ")
    assert not pad.ok_button.isEnabled() and not pad.digit_buttons["2"].isEnabled()
    QTest.keyClicks(pad, ORGANISER_PIN)
    QTest.keyClick(pad, Qt.Key.Key_Return)
    settle()
    assert exits == []
    # Organiser mode shares the wait: the same store, the same role.
    assert PinStore().wait_s(PinRole.ORGANISER) > 0


def test_with_no_pin_yet_the_pad_asks_to_set_one_and_that_pin_exits(
    qtbot: QtBot, tmp_path: Path, exits: list[int]
) -> None:
    kiosk = kiosk_mode(qtbot, tmp_path, pin=None)
    screen = press_operator_keys(kiosk)
    pad = screen.pin_pad
    assert pad.mode is PinMode.SET
    assert pad.purpose.text() == (
        "Để thoát khỏi chương trình kiosk, trước hết hãy đặt mã PIN cho người tổ chức."
    )
    type_pin(kiosk, pad, "826153")
    assert exits == []
    with qtbot.waitSignal(pad.accepted, timeout=WAIT_MS):
        type_pin(kiosk, pad, "826153")
    assert exits == [0]
    assert PinStore().is_set(PinRole.ORGANISER)


def test_the_keys_from_the_dashboard_ask_again_and_cancel_returns_there(
    qtbot: QtBot, tmp_path: Path, exits: list[int]
) -> None:
    kiosk = kiosk_mode(qtbot, tmp_path)
    organiser = kiosk.window.organiser
    assert organiser is not None
    organiser.open()
    screen = organiser.screen
    with qtbot.waitSignal(screen.dashboard.figures_shown, timeout=WAIT_MS):
        type_pin(kiosk, screen.pin_pad, ORGANISER_PIN)
    assert page_of(screen) is screen.dashboard
    press_operator_keys(kiosk)
    # Organiser mode being open is not enough: leaving asks for the PIN again.
    assert page_of(screen) is screen.pin_pad and screen.leaving
    kiosk.tap(screen.pin_pad.cancel_button)
    assert screen.isVisible() and page_of(screen) is screen.dashboard
    assert exits == []


def test_outside_kiosk_mode_there_is_no_lock(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    assert kiosk.window.lock is None
