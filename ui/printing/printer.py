"""Printing a tutorial's handout from the UI: one job at a time, never on the GUI thread.

A tap on "Print" becomes a ``kiosk.printing.jobs.HandoutJob`` (plain data: the tutorial and
the visit's ``PrintContext``), which ``ui.runtime.worker`` builds and prints in a worker
thread. The visitor's screens only see ``PrintState``: printing, done, or failed and why
(``kiosk.printing.state.problem_of``: no printer here, out of paper, busy, off or unreachable,
or a job that failed), told in plain words beside the QR code; the exact reason from CUPS goes
to the log for the volunteer and the organiser.

The print service is CUPS when its scheduler answers, else Qt's QPrinter
(``ui.printing.qt_service``), which this module hands to the job as its fallback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

from kiosk.content.model import Catalogue
from kiosk.printing.cups import PrintResult
from kiosk.printing.jobs import (
    HandoutJob,
    PrintContext,
    PrintService,
    TakeHomeJob,
    TakeHomeResults,
    print_handout,
    print_take_home,
)
from kiosk.printing.state import (
    FROM_GUIDED,
    IDLE,
    PrinterProblem,
    PrintPhase,
    PrintState,
    problem_of,
)
from kiosk.system.settings import Settings
from kiosk.visit.session import SessionChange, VisitorSession
from ui.input.tap_guard import TapGuard
from ui.runtime.worker import run_in_background

log = logging.getLogger(__name__)


def _qt_service(printer: str) -> PrintService:
    # Qt's printing is loaded only when CUPS is absent, in the worker, on the first print.
    from ui.printing.qt_service import QtPrintService

    return QtPrintService(printer)


class HandoutPrinter(QObject):
    """The print state machine: IDLE → PRINTING → DONE or FAILED → (dismissed) IDLE."""

    state_changed = Signal(object)

    def __init__(
        self,
        settings: Settings,
        catalogue: Catalogue,
        *,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._printer = settings.printer
        self._paper = settings.paper
        self._point_name = settings.point_name
        self._today = today
        self._service: PrintService | None = None
        self.state = IDLE
        # How the last print of this visit ended, as the print service told it (tests, volunteers).
        self.last_result: PrintResult | None = None
        # Bumped by each request and each new visit: a result for an older ticket is not shown.
        self._ticket = 0

    def use_service(self, service: PrintService | None) -> None:
        """Print through ``service`` instead of choosing CUPS or Qt (tests; a volunteer's test print)."""
        self._service = service

    def request(self, tutorial_id: str, language: str, origin: str) -> bool:
        """Start printing; False (and nothing happens) while another handout is printing."""
        if self.state.printing:
            log.info("Print of %s ignored: %s is still printing", tutorial_id, self.state.tutorial_id)
            return False
        handout = HandoutJob(self._context(language), self._catalogue.tutorial(tutorial_id))
        log.info("Printing the %s handout of %s in %s", self._paper, tutorial_id, language)
        work = partial(print_handout, handout, fallback=_qt_service)
        self._start(work, PrintState(PrintPhase.PRINTING, tutorial_id, origin))
        return True

    def request_take_home(self, results: TakeHomeResults, language: str) -> bool:
        """Print a guided session's take-home sheet; False while another print is under way.

        The state names the session's first tutorial, with the origin ``FROM_GUIDED``.
        """
        if self.state.printing or not results:
            return False
        job = TakeHomeJob.of(self._context(language), self._catalogue, results)
        log.info("Printing the %s take-home sheet of %d guides in %s", self._paper, len(results), language)
        work = partial(print_take_home, job, fallback=_qt_service)
        self._start(work, PrintState(PrintPhase.PRINTING, results[0][0], FROM_GUIDED))
        return True

    def _context(self, language: str) -> PrintContext:
        return PrintContext(
            language=language,
            paper=self._paper,
            point_name=self._point_name,
            today=self._today(),
            printer=self._printer,
            service=self._service,
        )

    def _start(self, work: Callable[[], PrintResult], state: PrintState) -> None:
        self._ticket += 1
        ticket = self._ticket
        self._set_state(state)
        run_in_background(
            work,
            partial(self._on_printed, ticket),
            partial(self._on_print_error, ticket),
            what=f"printing ({state.origin}) {state.tutorial_id}",
        )

    def dismiss(self) -> None:
        """The visitor has read the outcome: the Print buttons are plain again."""
        if self.state.ended:
            self._set_state(IDLE)

    def forget(self) -> None:
        """A new visit: show nothing of the last one, even a print still under way."""
        if self.state.printing:
            log.info("Visit ended while %s printed; its outcome will only be logged", self.state.tutorial_id)
        self._ticket += 1
        self.last_result = None
        self._set_state(IDLE)

    def _on_printed(self, ticket: int, result: PrintResult) -> None:
        if ticket != self._ticket:
            log.info("Print outcome for an ended visit (%s): %s", result.status.value, result.message)
            return
        self.last_result = result
        if result.ok:
            self._set_state(PrintState(PrintPhase.DONE, self.state.tutorial_id, self.state.origin))
            return
        # The exact reason, for the volunteer and the organiser; the visitor gets the QR code.
        log.warning(
            "Handout %s not printed (%s on %s): %s; showing the QR code instead",
            self.state.tutorial_id,
            result.status.value,
            result.printer or "the default printer",
            result.message,
        )
        problem = problem_of(result)
        self._set_state(PrintState(PrintPhase.FAILED, self.state.tutorial_id, self.state.origin, problem))

    def _on_print_error(self, ticket: int, error: Exception) -> None:
        # ui.runtime.worker has logged the traceback already.
        if ticket == self._ticket:
            failed = PrintState(
                PrintPhase.FAILED, self.state.tutorial_id, self.state.origin, PrinterProblem.FAILED
            )
            self._set_state(failed)

    def _set_state(self, state: PrintState) -> None:
        self.state = state
        self.state_changed.emit(state)


class PrintingScreen(Protocol):
    """A screen with Print buttons: it asks for prints and shows the state it is given."""

    @property
    def print_requested(self) -> SignalInstance: ...

    @property
    def print_dismissed(self) -> SignalInstance: ...

    def show_print_state(self, state: PrintState) -> None: ...


def connect_print_buttons(
    printer: HandoutPrinter,
    session: VisitorSession,
    guard: TapGuard,
    screens: Sequence[PrintingScreen],
) -> None:
    """Wire the screens' Print buttons to ``printer``; each tap passes the window's tap guard."""

    def on_print_requested(tutorial_id: str, origin: str) -> None:
        if guard.allow():
            printer.request(tutorial_id, session.language, origin)

    def on_print_dismissed() -> None:
        if guard.allow():
            printer.dismiss()

    def on_session_changed(change: SessionChange) -> None:
        if change is SessionChange.RESET:
            printer.forget()

    for screen in screens:
        screen.print_requested.connect(on_print_requested)
        screen.print_dismissed.connect(on_print_dismissed)
        printer.state_changed.connect(screen.show_print_state)
    session.subscribe(on_session_changed)
