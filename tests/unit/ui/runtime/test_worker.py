"""Slow work runs off the GUI thread and its outcome comes back on it."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from types import TracebackType

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.qt import qasync_loop
from ui.runtime import worker


def _unexpected(value: object) -> None:
    pytest.fail(f"this callback should not have been called (with {value!r})")


@pytest.fixture
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


def test_work_runs_in_another_thread_and_the_result_arrives_on_the_gui_thread(
    qtbot: QtBot, loop: None
) -> None:
    gui = threading.current_thread()
    seen: dict[str, threading.Thread] = {}
    results: list[int] = []

    def work() -> int:
        seen["work"] = threading.current_thread()
        return 42

    def on_success(value: int) -> None:
        seen["callback"] = threading.current_thread()
        results.append(value)

    worker.run_in_background(work, on_success, _unexpected, what="the answer")
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    assert seen["work"] is not gui
    assert seen["callback"] is gui
    assert not worker.busy()


def test_an_exception_in_the_work_goes_to_the_failure_callback_and_the_log(
    qtbot: QtBot, loop: None, caplog: pytest.LogCaptureFixture
) -> None:
    failures: list[Exception] = []

    def work() -> int:
        raise OSError("disk full (test)")

    with caplog.at_level(logging.ERROR, logger="ui.runtime.worker"):
        worker.run_in_background(work, _unexpected, failures.append, what="writing the export")
        qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], OSError)
    assert "writing the export failed" in caplog.text
    assert "disk full (test)" in caplog.text


def test_an_exception_in_a_callback_reaches_the_crash_path(
    qtbot: QtBot, loop: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooked: list[BaseException] = []

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        hooked.append(error)

    monkeypatch.setattr(sys, "excepthook", hook)

    def broken_callback(value: int) -> None:
        raise ValueError(f"bug with {value}")

    worker.run_in_background(lambda: 1, broken_callback, _unexpected, what="a buggy callback")
    qtbot.waitUntil(lambda: bool(hooked), timeout=5000)
    assert str(hooked[0]) == "bug with 1"


def test_progress_arrives_on_the_gui_thread_in_order_and_before_the_result(qtbot: QtBot, loop: None) -> None:
    gui = threading.current_thread()
    events: list[tuple[str, object, bool]] = []
    reported_from: list[threading.Thread] = []

    def work(report: Callable[[int], None]) -> str:
        reported_from.append(threading.current_thread())
        for step in range(200):
            report(step)
        return "done"

    def on_progress(step: int) -> None:
        events.append(("progress", step, threading.current_thread() is gui))

    def on_success(value: str) -> None:
        events.append(("success", value, threading.current_thread() is gui))

    worker.run_in_background(work, on_success, _unexpected, what="counting", on_progress=on_progress)
    qtbot.waitUntil(lambda: any(kind == "success" for kind, _, _ in events), timeout=5000)
    assert reported_from[0] is not gui
    assert events == [*(("progress", step, True) for step in range(200)), ("success", "done", True)]


def test_progress_made_before_a_failure_arrives_before_it(qtbot: QtBot, loop: None) -> None:
    events: list[object] = []

    def work(report: Callable[[str], None]) -> None:
        report("copying")
        report("checking")
        raise OSError("the stick was pulled (test)")

    worker.run_in_background(work, _unexpected, events.append, what="install", on_progress=events.append)
    qtbot.waitUntil(lambda: len(events) == 3, timeout=5000)
    assert events[:2] == ["copying", "checking"]
    assert isinstance(events[2], OSError)


def test_a_bug_in_the_progress_callback_reaches_the_crash_path_and_the_work_goes_on(
    qtbot: QtBot, loop: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: hooked.append(error))
    results: list[int] = []

    def broken_progress(step: int) -> None:
        raise ValueError(f"bug at {step}")

    def work(report: Callable[[int], None]) -> int:
        report(1)
        return 7

    worker.run_in_background(work, results.append, _unexpected, what="x", on_progress=broken_progress)
    qtbot.waitUntil(lambda: results == [7], timeout=5000)
    assert [str(error) for error in hooked] == ["bug at 1"]


def test_without_the_qasync_loop_it_says_so(qtbot: QtBot) -> None:
    plain = asyncio.new_event_loop()
    asyncio.set_event_loop(plain)
    try:
        with pytest.raises(RuntimeError, match="qasync"):
            worker.run_in_background(lambda: 1, _unexpected, _unexpected, what="nothing")
    finally:
        asyncio.set_event_loop(None)
        plain.close()
