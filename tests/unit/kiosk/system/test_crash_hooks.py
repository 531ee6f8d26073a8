from __future__ import annotations

import logging
import sys
import threading

import pytest

from kiosk.system.crash_hooks import ExceptionHooks


def _raise_in_hook(hooks: ExceptionHooks) -> None:
    try:
        raise RuntimeError("broken step")
    except RuntimeError:
        kind, error, trace = sys.exc_info()
        assert kind is not None and error is not None
        sys.excepthook(kind, error, trace)


def test_kiosk_mode_logs_and_returns_to_start(caplog: pytest.LogCaptureFixture) -> None:
    hooks = ExceptionHooks(kiosk_mode=True)
    returned: list[bool] = []
    hooks.set_recovery(lambda: returned.append(True))
    hooks.install()
    try:
        with caplog.at_level(logging.CRITICAL):
            _raise_in_hook(hooks)
    finally:
        hooks.uninstall()
    assert returned == [True]
    assert "broken step" in caplog.text


def test_thread_errors_are_caught_in_kiosk_mode(caplog: pytest.LogCaptureFixture) -> None:
    hooks = ExceptionHooks(kiosk_mode=True)
    returned: list[bool] = []
    hooks.set_recovery(lambda: returned.append(True))
    hooks.install()

    def work() -> None:
        raise ValueError("printer thread failed")

    try:
        with caplog.at_level(logging.CRITICAL):
            thread = threading.Thread(target=work, name="print-worker")
            thread.start()
            thread.join()
    finally:
        hooks.uninstall()
    assert returned == [True]
    assert "print-worker" in caplog.text
    assert "printer thread failed" in caplog.text


def test_failing_recovery_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    hooks = ExceptionHooks(kiosk_mode=True)

    def broken_recovery() -> None:
        raise OSError("screen gone")

    hooks.set_recovery(broken_recovery)
    hooks.install()
    try:
        with caplog.at_level(logging.CRITICAL):
            _raise_in_hook(hooks)
    finally:
        hooks.uninstall()
    assert "Returning to the start screen failed" in caplog.text


def test_uninstall_restores_previous_hooks() -> None:
    before = sys.excepthook, threading.excepthook
    hooks = ExceptionHooks(kiosk_mode=False)
    hooks.install()
    assert sys.excepthook != before[0]
    hooks.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
