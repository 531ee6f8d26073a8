"""Printing a tutorial's handout from the UI: one job at a time, never on the GUI thread.

A tap on "Print" becomes a ``HandoutJob`` (plain data: the tutorial, the visit's language,
the paper, the point's name, today), which ``ui.runtime.worker`` builds and prints in a worker
thread. The visitor's screens only see ``PrintState``: printing, done, or failed. A failure
of any kind (no printer, a stopped queue, a job that failed or timed out, a broken handout
word file) is the same calm message and the QR code for the visitor; the exact reason goes
to the log for the volunteer and the organiser.

The print service is CUPS when its scheduler answers, else Qt's QPrinter
(``ui.printing.qt_service``). It is chosen in the worker, because asking CUPS can take seconds.
The PDF machinery (reportlab) is imported there too, on the first print, not at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

from kiosk.content.model import Catalogue, Tutorial
from kiosk.printing.cups import CupsPrintService, PrintResult, cups_available
from kiosk.system.settings import Settings
from kiosk.visit.session import SessionChange, VisitorSession
from ui.input.tap_guard import TapGuard
from ui.printing.state import FROM_GUIDED, IDLE, PrintPhase, PrintState
from ui.runtime.worker import run_in_background

if TYPE_CHECKING:
    from kiosk.handouts import PaperSize

log = logging.getLogger(__name__)


class PrintService(Protocol):
    def print_pdf(self, pdf: bytes, *, media: str, title: str) -> PrintResult: ...


@dataclass(frozen=True)
class HandoutJob:
    """Everything the worker needs to build and print one handout; nothing about the visitor."""

    tutorial: Tutorial
    language: str
    # A kiosk.system.settings.PAPER_KINDS value ("a4" or "receipt").
    paper: str
    point_name: str
    today: date
    printer: str
    # None: CUPS if its scheduler answers, else Qt.
    service: PrintService | None = None


def choose_service(printer: str) -> PrintService:
    """CUPS when it runs here; otherwise Qt's own printing (``ui.printing.qt_service``)."""
    if cups_available():
        return CupsPrintService(printer)
    from ui.printing.qt_service import QtPrintService

    log.info("CUPS is not available; printing with Qt")
    return QtPrintService(printer)


def print_handout(job: HandoutJob) -> PrintResult:
    """Build and print ``job``'s handout (in a worker thread: it takes seconds)."""
    from kiosk.handouts import HandoutWords, PaperSize, build_handout, cups_media

    paper: PaperSize = PaperSize(job.paper)
    words = HandoutWords.load(job.language)
    pdf = build_handout(
        job.tutorial, job.language, paper, point_name=job.point_name, today=job.today, words=words
    )
    service = job.service if job.service is not None else choose_service(job.printer)
    # The job's name in the queue says which handout, never who asked for it.
    return service.print_pdf(pdf, media=cups_media(paper, pdf), title=f"handout-{job.tutorial.id}")


# A guided session's results: (tutorial id, outcome ids achieved, reason ids), in the plan's order.
TakeHomeResults = Sequence[tuple[str, Collection[str], Collection[str]]]


@dataclass(frozen=True)
class TakeHomeJob:
    """A guided session's "continue at home" sheet: ids and codes only, never the visitor."""

    catalogue: Catalogue
    results: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    language: str
    paper: str
    point_name: str
    today: date
    printer: str
    service: PrintService | None = None


def print_take_home(job: TakeHomeJob) -> PrintResult:
    """Build and print the take-home sheet (in a worker thread)."""
    from kiosk.handouts import HandoutWords, PaperSize, TakeHome, build_take_home, cups_media

    paper: PaperSize = PaperSize(job.paper)
    sheet = build_take_home(
        TakeHome.from_catalogue(job.catalogue, job.results),
        job.language,
        paper,
        point_name=job.point_name,
        today=job.today,
        words=HandoutWords.load(job.language),
    )
    service = job.service if job.service is not None else choose_service(job.printer)
    return service.print_pdf(sheet, media=cups_media(paper, sheet), title="take-home")


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
        tutorial = self._catalogue.tutorial(tutorial_id)
        handout = HandoutJob(
            tutorial=tutorial,
            language=language,
            paper=self._paper,
            point_name=self._point_name,
            today=self._today(),
            printer=self._printer,
            service=self._service,
        )
        log.info("Printing the %s handout of %s in %s", handout.paper, tutorial_id, language)
        self._start(partial(print_handout, handout), PrintState(PrintPhase.PRINTING, tutorial_id, origin))
        return True

    def request_take_home(self, results: TakeHomeResults, language: str) -> bool:
        """Print a guided session's take-home sheet; False while another print is under way.

        The state names the session's first tutorial, with the origin ``FROM_GUIDED``.
        """
        if self.state.printing or not results:
            return False
        job = TakeHomeJob(
            catalogue=self._catalogue,
            results=tuple((tutorial_id, tuple(done), tuple(why)) for tutorial_id, done, why in results),
            language=language,
            paper=self._paper,
            point_name=self._point_name,
            today=self._today(),
            printer=self._printer,
            service=self._service,
        )
        log.info("Printing the %s take-home sheet of %d guides in %s", job.paper, len(results), language)
        self._start(
            partial(print_take_home, job), PrintState(PrintPhase.PRINTING, results[0][0], FROM_GUIDED)
        )
        return True

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
        self._set_state(PrintState(PrintPhase.FAILED, self.state.tutorial_id, self.state.origin))

    def _on_print_error(self, ticket: int, error: Exception) -> None:
        # ui.runtime.worker has logged the traceback already.
        if ticket == self._ticket:
            self._set_state(PrintState(PrintPhase.FAILED, self.state.tutorial_id, self.state.origin))

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
