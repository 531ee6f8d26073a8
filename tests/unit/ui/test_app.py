from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, qWarning
from PySide6.QtGui import QFontDatabase
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.pins import PinRole, PinStore
from kiosk.stats.service import Statistics
from kiosk.stats.startup import check_database
from kiosk.system.settings import Settings
from tests.helpers.catalogue import make_catalogue
from tests.helpers.clock import FakeClock
from tests.helpers.organiser import TEST_COST
from tests.helpers.qt import settle, ui_text
from ui.app import KioskApp, build, run
from ui.runtime import worker
from ui.shell.window import Screen

_NO_EXIT = 99
# Only reached if the keys fail; generous so a loaded machine does not fake a failure.
_NO_EXIT_AFTER_S = 30.0
# Long enough for the keys to have been handled (a leftover exit code 99 shows they did not exit).
_KEYS_HANDLED_AFTER_S = 1.0
_OPERATOR_KEYS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
)


@contextmanager
def built(
    qtbot: QtBot, tmp_path: Path, *, kiosk_mode: bool, statistics: Statistics | None = None
) -> Iterator[KioskApp]:
    kiosk_app = build(
        ["kiosk-test"],
        settings=Settings(point_name="Nhà văn hóa thôn Bản Phố"),
        catalogue=make_catalogue(tmp_path),
        ui_text=ui_text(),
        kiosk_mode=kiosk_mode,
        clock=FakeClock(),
        statistics=statistics,
    )
    try:
        qtbot.waitExposed(kiosk_app.window)
        yield kiosk_app
    finally:
        kiosk_app.close()


def test_windowed_mode_is_a_normal_window_that_closes(qtbot: QtBot, tmp_path: Path) -> None:
    with built(qtbot, tmp_path, kiosk_mode=False) as kiosk_app:
        window = kiosk_app.window
        assert window.isVisible()
        assert (window.width(), window.height()) == (1366, 768)
        assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert not window.isFullScreen()
        assert window.current is Screen.START
        assert "Nhà văn hóa thôn Bản Phố" in window.start_screen.point_label.text()
        assert window.close()
        assert not window.isVisible()


def test_bundled_noto_sans_is_the_application_font(qtbot: QtBot, tmp_path: Path) -> None:
    with built(qtbot, tmp_path, kiosk_mode=False):
        assert "Noto Sans" in QFontDatabase.families()
        assert QApplication.font().family() == "Noto Sans"


def test_kiosk_mode_fills_the_screen_and_cannot_be_closed(qtbot: QtBot, tmp_path: Path) -> None:
    with built(qtbot, tmp_path, kiosk_mode=True) as kiosk_app:
        window = kiosk_app.window
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert window.isFullScreen()
        assert window.geometry() == window.screen().geometry()
        assert not window.close()
        QTest.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        settle()
        assert window.isVisible()


def _activate(qtbot: QtBot, kiosk_app: KioskApp) -> None:
    handle = kiosk_app.window.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(kiosk_app.window.isActiveWindow)


def test_the_operator_keys_leave_kiosk_mode_with_the_organiser_pin(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    PinStore(cost=TEST_COST).set_pin(PinRole.ORGANISER, "582914")
    with built(qtbot, tmp_path, kiosk_mode=True, statistics=Statistics(check_database())) as kiosk_app:
        window = kiosk_app.window
        _activate(qtbot, kiosk_app)

        def type_the_pin() -> None:
            assert window.organiser is not None
            pad = window.organiser.screen.pin_pad
            assert pad.isVisible()
            for digit in "582914":
                QTest.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
            QTest.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)

        kiosk_app.loop.call_soon(QTest.keyClick, window, Qt.Key.Key_Q, _OPERATOR_KEYS)
        kiosk_app.loop.call_later(_KEYS_HANDLED_AFTER_S, type_the_pin)
        # Should the PIN not let the operator out, leave with another code instead of hanging the test run.
        kiosk_app.loop.call_later(_NO_EXIT_AFTER_S, QApplication.exit, _NO_EXIT)
        with caplog.at_level(logging.INFO, logger="ui.shell.lockdown"):
            assert run(kiosk_app) == 0
        # The exit came from the PIN check's answer: its task is finished even if the loop
        # stopped before forgetting it.
        assert not worker.busy()
        assert "asking for the organiser PIN" in caplog.text
        assert "Operator left kiosk mode with the organiser PIN" in caplog.text


def test_without_organiser_mode_the_operator_keys_do_not_leave_kiosk_mode(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """No statistics, so no organiser mode and no PIN to ask for: the keys alone never quit."""
    with built(qtbot, tmp_path, kiosk_mode=True) as kiosk_app:
        window = kiosk_app.window
        _activate(qtbot, kiosk_app)
        kiosk_app.loop.call_soon(QTest.keyClick, window, Qt.Key.Key_Q, _OPERATOR_KEYS)
        kiosk_app.loop.call_later(_KEYS_HANDLED_AFTER_S, QApplication.exit, _NO_EXIT)
        with caplog.at_level(logging.WARNING, logger="ui.shell.lockdown"):
            assert run(kiosk_app) == _NO_EXIT
        assert "Ctrl+Alt+Shift+Q ignored: no organiser mode here" in caplog.text


def test_run_drives_asyncio_work_and_returns_the_exit_code(qtbot: QtBot, tmp_path: Path) -> None:
    done: list[str] = []

    async def job() -> None:
        await asyncio.sleep(0.01)
        done.append("ran")
        QApplication.exit(3)

    with built(qtbot, tmp_path, kiosk_mode=False) as kiosk_app:
        task = kiosk_app.loop.create_task(job())
        assert run(kiosk_app) == 3
        assert task.done()
    assert done == ["ran"]


@pytest.mark.qt_log_ignore("kiosk test message")
def test_qt_messages_go_to_the_log(qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with built(qtbot, tmp_path, kiosk_mode=False), caplog.at_level(logging.WARNING, logger="qt"):
        qWarning("kiosk test message")
    assert any(
        r.name == "qt" and r.levelno == logging.WARNING and "kiosk test message" in r.getMessage()
        for r in caplog.records
    )


def test_an_error_in_a_worker_thread_returns_the_visitor_to_the_start(qtbot: QtBot, tmp_path: Path) -> None:
    with built(qtbot, tmp_path, kiosk_mode=True) as kiosk_app:
        window = kiosk_app.window
        window.open_tutorial("vneid-install", 1)
        assert window.current is Screen.PLAYER
        worker = threading.Thread(target=kiosk_app.recover_from_error)
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: window.current is Screen.START)
        assert window.session.is_pristine


def test_the_event_loop_is_made_once_the_start_screen_is_painted(qtbot: QtBot, tmp_path: Path) -> None:
    with built(qtbot, tmp_path, kiosk_mode=False) as kiosk_app:
        window = kiosk_app.window
        qtbot.waitUntil(lambda: window.first_paint_done)
        loop = asyncio.get_event_loop()
        assert loop is kiosk_app.loop
        assert window.handout_printer.state.phase.value == "idle"


def test_run_without_asking_for_the_loop_first_paints_then_runs_it(qtbot: QtBot, tmp_path: Path) -> None:
    seen: list[bool] = []

    def leave() -> None:
        seen.append(kiosk_app.window.first_paint_done)
        QApplication.exit(4)

    kiosk_app = build(
        ["kiosk-test"],
        settings=Settings(),
        catalogue=make_catalogue(tmp_path),
        ui_text=ui_text(),
        kiosk_mode=False,
        clock=FakeClock(),
    )
    try:
        kiosk_app.window.first_painted.connect(lambda: QTimer.singleShot(50, leave))
        assert run(kiosk_app) == 4
        assert seen == [True]
    finally:
        kiosk_app.close()
