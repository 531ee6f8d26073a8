"""What the visitor is told of each way a print fails: one mapping for the handout and the take-home sheet."""

from __future__ import annotations

import pytest

from kiosk.i18n import UiText
from kiosk.printing.cups import PrintResult, PrintStatus, printer_reasons
from kiosk.printing.state import PROBLEM_WORDS, PrinterProblem, problem_of
from kiosk.system import paths

# lpstat -l -p, as CUPS 2.4 answers in the C locale.
DISABLED_NO_PAPER = """printer Office disabled since Mon Dec  7 22:26:35 2026 -
\tOut of paper
\tForm mounted:
\tDescription: Office
\tAlerts: media-empty-error paused
\tLocation:
printer Other is idle.  enabled since Mon Dec  7 22:26:26 2026
\tAlerts: offline-report
Office accepting requests since Mon Dec  7 22:26:26 2026
"""


def test_the_printer_reasons_are_read_from_its_own_block() -> None:
    assert printer_reasons(DISABLED_NO_PAPER, "Office") == ("media-empty-error", "paused")
    assert printer_reasons(DISABLED_NO_PAPER, "Other") == ("offline-report",)
    assert printer_reasons("printer P is idle.  enabled since now\n\tAlerts: none\n", "P") == ()
    assert printer_reasons(DISABLED_NO_PAPER, "Missing") == ()


@pytest.mark.parametrize(
    ("result", "problem"),
    [
        (PrintResult(PrintStatus.OK, "job P-1 done"), None),
        # lpstat -d with no destination, a deleted queue, CUPS not installed, Qt with no printer.
        (PrintResult(PrintStatus.NO_PRINTER, "no system default destination"), PrinterProblem.NO_PRINTER),
        (
            PrintResult(PrintStatus.NO_PRINTER, "Qt found no default printer (none)"),
            PrinterProblem.NO_PRINTER,
        ),
        # An empty tray stops the queue (CUPS's backend) or leaves the job waiting: paper either way.
        (
            PrintResult(PrintStatus.QUEUE_STOPPED, "disabled", reasons=("media-empty-error", "paused")),
            PrinterProblem.OUT_OF_PAPER,
        ),
        (
            PrintResult(PrintStatus.TIMED_OUT, "not done", reasons=("media-needed",)),
            PrinterProblem.OUT_OF_PAPER,
        ),
        (
            PrintResult(PrintStatus.FAILED, "aborted", reasons=("media-empty-report",)),
            PrinterProblem.OUT_OF_PAPER,
        ),
        # Waited behind other jobs: busy; waited alone: the printer does not answer.
        (PrintResult(PrintStatus.TIMED_OUT, "not done", jobs_ahead=1), PrinterProblem.BUSY),
        (PrintResult(PrintStatus.TIMED_OUT, "not done"), PrinterProblem.OFF),
        (
            PrintResult(PrintStatus.TIMED_OUT, "not done", reasons=("connecting-to-device",)),
            PrinterProblem.OFF,
        ),
        # cupsdisable, or a printer that reports itself offline.
        (PrintResult(PrintStatus.QUEUE_STOPPED, "disabled", reasons=("paused",)), PrinterProblem.OFF),
        # The queue stopped under our job: the printer met an error printing it.
        (
            PrintResult(PrintStatus.QUEUE_STOPPED, "paper jam", "P", "P-3", reasons=("paused",)),
            PrinterProblem.FAILED,
        ),
        (PrintResult(PrintStatus.QUEUE_STOPPED, "not accepting"), PrinterProblem.OFF),
        (PrintResult(PrintStatus.FAILED, "aborted", reasons=("offline-report",)), PrinterProblem.OFF),
        (PrintResult(PrintStatus.FAILED, "job P-2 aborted-by-system"), PrinterProblem.FAILED),
    ],
)
def test_each_answer_of_the_print_service_has_its_true_problem(
    result: PrintResult, problem: PrinterProblem | None
) -> None:
    assert problem_of(result) is problem


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_problem_has_its_own_words_in_each_language(lang: str) -> None:
    text = UiText.load(paths.ui_text_dir())
    said = {problem: text.get(lang, PROBLEM_WORDS[problem]) for problem in PrinterProblem}
    assert all(said[problem] and said[problem] != PROBLEM_WORDS[problem] for problem in said), said
    assert len(set(said.values())) == len(PrinterProblem), "two problems must not read the same"


def test_no_printer_is_not_called_busy() -> None:
    text = UiText.load(paths.ui_text_dir())
    assert text.get("vi", PROBLEM_WORDS[PrinterProblem.NO_PRINTER]) == "Ở đây không có máy in."
    assert text.get("en", PROBLEM_WORDS[PrinterProblem.NO_PRINTER]) == "There is no printer here."
