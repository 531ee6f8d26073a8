"""The dashboard tells the organiser how many wrong PINs were tried since the last login (review M3)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.pins import PinRole
from tests.helpers.clock import FakeClock
from tests.helpers.organiser import filled_database, organiser_screen, pin_store
from tests.helpers.qt import qasync_loop
from ui.organiser.pin_dialog import PinPad
from ui.organiser.screen import OrganiserScreen

PIN = "582914"


@pytest.fixture
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


def log_in(qtbot: QtBot, screen: OrganiserScreen, pin: str = PIN) -> None:
    screen.open()
    pad: PinPad = screen.pin_pad
    # The figures are counted in the background: wait for them, so none arrive after the test.
    with qtbot.waitSignals([pad.accepted, screen.dashboard.figures_shown], timeout=10000):
        for digit in pin:
            QTest.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
        QTest.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    assert screen.page is screen.dashboard


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Wrong PIN tries since the last login: {}"),
        ("vi", "Số lần nhập sai mã PIN từ lần đăng nhập trước: {}"),
    ],
)
def test_wrong_tries_since_the_last_login_are_on_the_dashboard(
    qtbot: QtBot, loop: None, tmp_path: Path, lang: str, words: str
) -> None:
    clock = FakeClock()
    pins = pin_store(tmp_path, clock)
    pins.set_pin(PinRole.ORGANISER, PIN)
    database = filled_database(tmp_path / "stats.sqlite3")
    with organiser_screen(qtbot, tmp_path, pins, database, lang=lang) as (_window, screen):
        # Someone tried three PINs while the kiosk stood alone (another process: the same file).
        guesser = pin_store(tmp_path, clock)
        for _ in range(3):
            assert not guesser.check(PinRole.ORGANISER, "739201").accepted
        log_in(qtbot, screen)
        assert screen.dashboard.wrong_tries.isVisible()
        assert screen.dashboard.wrong_tries.text() == words.format(3)
        screen.close_screen()
        log_in(qtbot, screen)
        assert screen.dashboard.wrong_tries.text() == words.format(0)
