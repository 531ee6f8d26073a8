"""What the screens show of a handout print: nothing yet, printing, done, or failed, and why it failed.

Plain data, kept apart from ``ui.printing.printer`` so the screens can import it without pulling in the
PDF and printing machinery. ``problem_of`` is the one place where what the print service answered
becomes what the visitor is told (``PROBLEM_WORDS``): the handout and the take-home sheet say the same.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kiosk.printing.cups import PrintResult, PrintStatus

# Where a print was asked for (``PrintState.origin``).
FROM_FINISH = "finish"
FROM_CATALOGUE = "catalogue"
# A guided session's take-home sheet, from the volunteer's outcomes page.
FROM_GUIDED = "guided"


class PrintPhase(enum.Enum):
    IDLE = "idle"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


class PrinterProblem(enum.Enum):
    """Why nothing came out, as the visitor can act on it."""

    NO_PRINTER = "no-printer"
    OUT_OF_PAPER = "out-of-paper"
    BUSY = "busy"
    # Switched off, unplugged, stopped by hand, or not answering.
    OFF = "off"
    # The printer took the job and it failed (or the sheet could not be made).
    FAILED = "failed"


# What the visitor reads for each problem (content/ui/*.yaml).
PROBLEM_WORDS = {
    PrinterProblem.NO_PRINTER: "print.problem.no_printer",
    PrinterProblem.OUT_OF_PAPER: "print.problem.out_of_paper",
    PrinterProblem.BUSY: "print.problem.busy",
    PrinterProblem.OFF: "print.problem.switched_off",
    PrinterProblem.FAILED: "print.problem.failed",
}

# CUPS printer-state-reasons (RFC 8011 and PWG 5100.9), without their -report/-warning/-error suffix.
_NO_PAPER = frozenset({"media-empty", "media-needed", "input-tray-missing"})
_OFF = frozenset({"offline", "shutdown", "connecting-to-device", "timed-out", "stopped"})


def _reason_names(reasons: tuple[str, ...]) -> set[str]:
    names = set()
    for reason in reasons:
        for suffix in ("-report", "-warning", "-error"):
            reason = reason.removesuffix(suffix)
        names.add(reason)
    return names


def problem_of(result: PrintResult) -> PrinterProblem | None:
    """What to tell the visitor of ``result``; None when it printed.

    The printer's own reasons win (an empty tray stops a queue and times a job out alike). Then the
    kind of answer: a job that waited in vain behind others met a busy printer, one that waited
    alone a printer that does not answer; a queue already stopped is a printer switched off or
    stopped by hand, one that stopped under our job (CUPS's "stop-printer" on an error) failed it.
    """
    if result.ok:
        return None
    if result.status is PrintStatus.NO_PRINTER:
        return PrinterProblem.NO_PRINTER
    names = _reason_names(result.reasons)
    if names & _NO_PAPER:
        return PrinterProblem.OUT_OF_PAPER
    if result.status is PrintStatus.TIMED_OUT:
        return PrinterProblem.BUSY if result.jobs_ahead else PrinterProblem.OFF
    if names & _OFF:
        return PrinterProblem.OFF
    if result.status is PrintStatus.QUEUE_STOPPED and not result.job_id:
        return PrinterProblem.OFF
    return PrinterProblem.FAILED


@dataclass(frozen=True)
class PrintState:
    """``origin`` names the screen that asked: only that screen shows how the print ended.

    ``problem`` says why a FAILED print failed.
    """

    phase: PrintPhase = PrintPhase.IDLE
    tutorial_id: str = ""
    origin: str = ""
    problem: PrinterProblem | None = None

    @property
    def printing(self) -> bool:
        return self.phase is PrintPhase.PRINTING

    @property
    def ended(self) -> bool:
        return self.phase in (PrintPhase.DONE, PrintPhase.FAILED)


IDLE = PrintState()
