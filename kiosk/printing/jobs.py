"""Print jobs: a tutorial's handout or a guided session's take-home sheet, built and printed.

Plain data in, a ``PrintResult`` out, no screen: the UI (``ui.printing.printer``) runs these
in its worker thread, because building a PDF and waiting for a printer take seconds. What
every print of a visit shares (language, paper, the point's name, the day, the printer and
an optional fixed service) is one ``PrintContext``; a job adds only what it prints.

The print service is CUPS when its scheduler answers; otherwise the caller's fallback (the
UI passes Qt's printing, ``ui.printing.qt_service``). It is chosen here, in the worker,
because asking CUPS can take seconds. The PDF machinery (reportlab) is imported on the
first print, not at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from kiosk.content.model import Catalogue, Tutorial
from kiosk.printing.cups import CupsPrintService, PrintResult, cups_available

log = logging.getLogger(__name__)


class PrintService(Protocol):
    def print_pdf(self, pdf: bytes, *, media: str, title: str) -> PrintResult: ...


# Makes the service used when CUPS is not running, for a printer name.
FallbackService = Callable[[str], PrintService]

# A guided session's results: (tutorial id, outcome ids achieved, reason ids), in the plan's order.
TakeHomeResults = Sequence[tuple[str, Collection[str], Collection[str]]]


@dataclass(frozen=True)
class PrintContext:
    """What every print of a visit shares; nothing about the visitor."""

    language: str
    # A kiosk.system.settings.PAPER_KINDS value ("a4" or "receipt").
    paper: str
    point_name: str
    today: date
    printer: str
    # None: CUPS if its scheduler answers, else the fallback.
    service: PrintService | None = None


@dataclass(frozen=True)
class HandoutJob:
    """One tutorial's handout."""

    context: PrintContext
    tutorial: Tutorial


@dataclass(frozen=True)
class TakeHomeJob:
    """A guided session's "continue at home" sheet: ids and codes only, never the visitor."""

    context: PrintContext
    catalogue: Catalogue
    results: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]

    @classmethod
    def of(cls, context: PrintContext, catalogue: Catalogue, results: TakeHomeResults) -> TakeHomeJob:
        frozen = tuple((tutorial_id, tuple(done), tuple(why)) for tutorial_id, done, why in results)
        return cls(context, catalogue, frozen)


def choose_service(printer: str, fallback: FallbackService) -> PrintService:
    """CUPS when it runs here; otherwise ``fallback(printer)``."""
    if cups_available():
        return CupsPrintService(printer)
    log.info("CUPS is not available; printing with the fallback service")
    return fallback(printer)


def print_handout(job: HandoutJob, *, fallback: FallbackService) -> PrintResult:
    """Build and print ``job``'s handout (in a worker thread: it takes seconds)."""
    from kiosk.handouts import HandoutWords, PaperSize, build_handout, cups_media

    context = job.context
    paper = PaperSize(context.paper)
    pdf = build_handout(
        job.tutorial,
        context.language,
        paper,
        point_name=context.point_name,
        today=context.today,
        words=HandoutWords.load(context.language),
    )
    # The job's name in the queue says which handout, never who asked for it.
    return _service(context, fallback).print_pdf(
        pdf, media=cups_media(paper, pdf), title=f"handout-{job.tutorial.id}"
    )


def print_take_home(job: TakeHomeJob, *, fallback: FallbackService) -> PrintResult:
    """Build and print the take-home sheet (in a worker thread)."""
    from kiosk.handouts import HandoutWords, PaperSize, TakeHome, build_take_home, cups_media

    context = job.context
    paper = PaperSize(context.paper)
    sheet = build_take_home(
        TakeHome.from_catalogue(job.catalogue, job.results),
        context.language,
        paper,
        point_name=context.point_name,
        today=context.today,
        words=HandoutWords.load(context.language),
    )
    return _service(context, fallback).print_pdf(sheet, media=cups_media(paper, sheet), title="take-home")


def _service(context: PrintContext, fallback: FallbackService) -> PrintService:
    return context.service if context.service is not None else choose_service(context.printer, fallback)
