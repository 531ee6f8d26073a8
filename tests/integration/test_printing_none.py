"""A kiosk whose CUPS has no printer at all: the visitor reads "there is no printer here", at once.

In a module of its own: the other printing tests' module-wide queues are gone by then, so the
scheduler (the machine's own, or one started for the test) has no destination.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from kiosk.i18n import UiText
from kiosk.printing.cups import CupsPrintService, PrintStatus
from kiosk.printing.state import PROBLEM_WORDS, PrinterProblem, problem_of
from kiosk.system import paths
from tests.helpers import cups
from tests.helpers.cups import QUICK_S, run


@pytest.fixture(scope="module")
def scheduler() -> Iterator[None]:
    with cups.running_scheduler():
        yield


@pytest.mark.timeout(60)
def test_no_printer_set_up_at_all_is_no_printer_here(scheduler: None) -> None:
    destinations = run("lpstat", "-e", check=False).stdout.split()
    if destinations:
        pytest.skip(f"this machine's CUPS has printers ({', '.join(destinations)}); the kiosk would use them")
    start = time.monotonic()
    result = CupsPrintService().print_pdf(b"%PDF-1.4 not printed", media="A4", title="handout-none")
    assert time.monotonic() - start < QUICK_S
    assert result.status is PrintStatus.NO_PRINTER
    assert "no printer set up in CUPS" in result.message
    assert problem_of(result) is PrinterProblem.NO_PRINTER
    text = UiText.load(paths.ui_text_dir())
    assert text.get("vi", PROBLEM_WORDS[PrinterProblem.NO_PRINTER]) == "Ở đây không có máy in."
    assert text.get("en", PROBLEM_WORDS[PrinterProblem.NO_PRINTER]) == "There is no printer here."
