"""The print state machine on its own: one handout at a time, and no outcome leaks into a new visit."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.printing.cups import PrintResult, PrintStatus
from kiosk.printing.state import FROM_FINISH, FROM_GUIDED, IDLE, PrinterProblem, PrintPhase, PrintState
from kiosk.system.settings import Settings
from tests.helpers.catalogue import make_catalogue
from tests.helpers.printing import OK, QUEUE_STOPPED, BrokenPrinter, RecordingPrinter
from tests.helpers.qt import qasync_loop
from ui.printing.printer import HandoutPrinter
from ui.runtime import worker

WAIT_MS = 20_000


@pytest.fixture
def states(qtbot: QtBot) -> Iterator[list[PrintState]]:
    with qasync_loop():
        yield []


def _printer(tmp_path: Path, service: RecordingPrinter, seen: list[PrintState]) -> HandoutPrinter:
    printer = HandoutPrinter(
        Settings(printer="Office"), make_catalogue(tmp_path / "content"), today=lambda: date(2026, 11, 24)
    )
    printer.use_service(service)
    printer.state_changed.connect(seen.append)
    return printer


def test_it_goes_printing_then_done_and_back_to_idle_when_dismissed(
    qtbot: QtBot, tmp_path: Path, states: list[PrintState]
) -> None:
    printer = _printer(tmp_path, RecordingPrinter(), states)
    assert printer.request("vneid-install", "vi", FROM_FINISH)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)
    assert [state.phase for state in states] == [PrintPhase.PRINTING, PrintPhase.DONE]
    assert states[-1] == PrintState(PrintPhase.DONE, "vneid-install", FROM_FINISH)
    assert printer.last_result == OK
    printer.dismiss()
    assert printer.state == IDLE


def test_a_second_request_while_printing_is_refused(
    qtbot: QtBot, tmp_path: Path, states: list[PrintState]
) -> None:
    service = RecordingPrinter(hold=True)
    printer = _printer(tmp_path, service, states)
    assert printer.request("vneid-install", "vi", FROM_FINISH)
    assert not printer.request("scam-drill", "vi", FROM_FINISH)
    printer.dismiss()
    assert printer.state.printing, "dismissing cannot hide a print still under way"
    service.release()
    qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)
    assert len(service.calls) == 1


def test_a_failure_is_logged_with_the_exact_words_and_shown_as_failed(
    qtbot: QtBot, tmp_path: Path, states: list[PrintState], caplog: pytest.LogCaptureFixture
) -> None:
    printer = _printer(tmp_path, RecordingPrinter(result=QUEUE_STOPPED), states)
    with caplog.at_level(logging.WARNING, logger="ui.printing.printer"):
        printer.request("scam-drill", "en", FROM_FINISH)
        qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)
    # A disabled queue (cupsdisable): the printer is stopped, as if switched off.
    assert printer.state == PrintState(PrintPhase.FAILED, "scam-drill", FROM_FINISH, PrinterProblem.OFF)
    assert QUEUE_STOPPED.message in caplog.text
    assert "queue-stopped" in caplog.text


def test_the_outcome_of_a_print_from_an_ended_visit_is_not_shown(
    qtbot: QtBot, tmp_path: Path, states: list[PrintState]
) -> None:
    service = RecordingPrinter(hold=True, result=QUEUE_STOPPED)
    printer = _printer(tmp_path, service, states)
    printer.request("vneid-install", "vi", FROM_FINISH)
    printer.forget()
    assert printer.state == IDLE
    # The new visitor may print at once; the old job's answer changes nothing.
    service.release()
    qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)
    assert printer.state == IDLE
    assert printer.last_result is None
    assert [state.phase for state in states] == [PrintPhase.PRINTING, PrintPhase.IDLE]


NO_PAPER = PrintResult(
    PrintStatus.QUEUE_STOPPED, "printer T disabled", "T", reasons=("media-empty-error", "paused")
)


@pytest.mark.parametrize(
    ("result", "problem"),
    [
        (PrintResult(PrintStatus.NO_PRINTER, "no system default destination"), PrinterProblem.NO_PRINTER),
        (NO_PAPER, PrinterProblem.OUT_OF_PAPER),
        (
            PrintResult(PrintStatus.TIMED_OUT, "job T-3 not done", "T", "T-3", jobs_ahead=2),
            PrinterProblem.BUSY,
        ),
        (PrintResult(PrintStatus.FAILED, "job T-4 aborted", "T", "T-4"), PrinterProblem.FAILED),
    ],
)
def test_the_take_home_sheet_fails_with_the_same_problem_as_a_handout(
    qtbot: QtBot, tmp_path: Path, states: list[PrintState], result: PrintResult, problem: PrinterProblem
) -> None:
    printer = _printer(tmp_path, RecordingPrinter(result=result), states)
    assert printer.request("vneid-install", "vi", FROM_FINISH)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)
    assert printer.state.problem is problem
    printer.dismiss()
    assert printer.request_take_home([("vneid-install", [], [])], "vi")
    qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)
    assert printer.state == PrintState(PrintPhase.FAILED, "vneid-install", FROM_GUIDED, problem)


def test_a_print_service_that_breaks_is_a_failed_job(
    qtbot: QtBot, tmp_path: Path, states: list[PrintState]
) -> None:
    printer = _printer(tmp_path, BrokenPrinter(), states)  # type: ignore[arg-type]
    printer.request("vneid-install", "vi", FROM_FINISH)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)
    assert printer.state == PrintState(PrintPhase.FAILED, "vneid-install", FROM_FINISH, PrinterProblem.FAILED)
