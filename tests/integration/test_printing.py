"""Printing a handout through the real CUPS scheduler into a cups-pdf virtual printer.

The fixtures (tests/helpers/cups.py) start ``cupsd`` when none is running (as root, from
Debian's ``cups``) and add a cups-pdf queue; the PDF that comes out of the queue is read back
and its QR code must still open the tutorial's page. They skip only when CUPS is not
installed at all (CI installs ``cups`` and ``printer-driver-cups-pdf``, so there nothing skips).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.handouts import HandoutWords, PaperSize, build_handout, cups_media
from kiosk.i18n import UiText
from kiosk.printing.cups import CupsPrintService, PrintResult, PrintStatus
from kiosk.printing.state import PROBLEM_WORDS, PrinterProblem, problem_of
from kiosk.system import paths
from tests.helpers import cups
from tests.helpers.cups import QUICK_S, page_count, printed_pdf, qr_texts, run

QUEUE = "KioskTestPDF"
DEAD_QUEUE = "KioskTestDead"
TROUBLE_QUEUE = "KioskTestTrouble"
TUTORIAL = "vneid-install"
# A CUPS backend that behaves as its device URI says, as real printers do when they go wrong: the
# tray runs empty (it tells CUPS "media-empty-error" and stops the queue, as a USB or IPP printer's
# backend does), the printer rejects the job, or it is slow with someone else's job.
TEST_BACKEND = Path("/usr/lib/cups/backend/kiosktest")
TEST_BACKEND_SCRIPT = """#!/bin/sh
if [ $# -eq 0 ]; then echo 'direct kiosktest "Unknown" "Kiosk test printer"'; exit 0; fi
case "$DEVICE_URI" in
  *nopaper) echo "STATE: +media-empty-error" >&2; echo "ERROR: Out of paper" >&2; exit 4 ;;
  *fail) echo "ERROR: The printer reported a paper jam" >&2; exit 1 ;;
  *slow) sleep 60; cat > /dev/null; exit 0 ;;
esac
exit 1
"""


@pytest.fixture(scope="module")
def scheduler() -> Iterator[None]:
    with cups.running_scheduler():
        yield


@pytest.fixture(scope="module")
def pdf_queue(scheduler: None) -> Iterator[str]:
    with cups.pdf_queue(QUEUE) as name:
        yield name


@pytest.fixture(scope="module")
def test_backend(scheduler: None) -> Iterator[str]:
    """The ``kiosktest`` backend installed beside CUPS's own (root only: the tests run as root)."""
    TEST_BACKEND.write_text(TEST_BACKEND_SCRIPT, encoding="utf-8")
    TEST_BACKEND.chmod(0o755)
    try:
        yield "kiosktest"
    finally:
        TEST_BACKEND.unlink(missing_ok=True)


@pytest.fixture
def trouble_queue(test_backend: str) -> Iterator[Callable[..., str]]:
    """Makes a queue on the test backend: ``make("nopaper", *lpadmin options)``."""

    def make(behaviour: str, *options: str) -> str:
        cups.add_queue(TROUBLE_QUEUE, f"{test_backend}:/{behaviour}", *options)
        return TROUBLE_QUEUE

    try:
        yield make
    finally:
        cups.remove_queue(TROUBLE_QUEUE)


def _words(result: PrintResult, lang: str = "en") -> str:
    """What the visitor reads for ``result``."""
    problem = problem_of(result)
    assert problem is not None, result
    return UiText.load(paths.ui_text_dir()).get(lang, PROBLEM_WORDS[problem])


@pytest.fixture(scope="module")
def handouts() -> dict[PaperSize, bytes]:
    tutorial = load_catalogue(packs_dir()).tutorial(TUTORIAL)
    words = HandoutWords.load("vi")
    return {
        size: build_handout(
            tutorial, "vi", size, point_name="Điểm thử in", today=date(2026, 11, 24), words=words
        )
        for size in PaperSize
    }


@pytest.mark.timeout(120)
def test_a4_handout_prints_and_its_qr_still_opens_the_page(
    pdf_queue: str, handouts: dict[PaperSize, bytes]
) -> None:
    pdf = handouts[PaperSize.A4]
    result = CupsPrintService(pdf_queue, timeout_s=60).print_pdf(
        pdf, media=cups_media(PaperSize.A4, pdf), title=f"handout-{TUTORIAL}"
    )
    assert result.status is PrintStatus.OK, result.message
    printed = printed_pdf(result.job_id)
    assert page_count(printed) == page_count(pdf)
    assert qr_texts(printed, 150) == ["https://vneid.gov.vn"]


@pytest.mark.timeout(120)
def test_receipt_prints_on_its_own_length_and_decodes_at_203_dpi(
    pdf_queue: str, handouts: dict[PaperSize, bytes]
) -> None:
    pdf = handouts[PaperSize.RECEIPT]
    result = CupsPrintService(pdf_queue, timeout_s=60).print_pdf(
        pdf, media=cups_media(PaperSize.RECEIPT, pdf), title=f"handout-{TUTORIAL}-receipt"
    )
    assert result.status is PrintStatus.OK, result.message
    printed = printed_pdf(result.job_id)
    assert page_count(printed) == 1
    assert qr_texts(printed, 203, one_bit=True) == ["https://vneid.gov.vn"]


@pytest.mark.timeout(60)
def test_stopped_queue_answers_at_once_and_keeps_no_job(
    pdf_queue: str, handouts: dict[PaperSize, bytes]
) -> None:
    with cups.stopped(pdf_queue, "Paper out (test)"):
        start = time.monotonic()
        result = CupsPrintService(pdf_queue, timeout_s=60).print_pdf(
            handouts[PaperSize.A4], media="A4", title="handout-stopped"
        )
        elapsed = time.monotonic() - start
    assert result.status is PrintStatus.QUEUE_STOPPED
    assert "disabled" in result.message and "Paper out (test)" in result.message
    assert elapsed < QUICK_S
    # Stopped by hand (cupsdisable): "paused", which is all CUPS knows; the visitor reads "off".
    assert "paused" in result.reasons
    assert problem_of(result) is PrinterProblem.OFF
    assert _words(result) == "The printer is switched off or cannot be reached."
    assert run("lpstat", "-o", pdf_queue, check=False).stdout.strip() == ""


@pytest.mark.timeout(60)
def test_missing_printer_answers_at_once(scheduler: None, handouts: dict[PaperSize, bytes]) -> None:
    start = time.monotonic()
    result = CupsPrintService("KioskNoSuchPrinter").print_pdf(
        handouts[PaperSize.A4], media="A4", title="handout-x"
    )
    assert result.status is PrintStatus.NO_PRINTER
    assert "KioskNoSuchPrinter" in result.message
    assert time.monotonic() - start < QUICK_S
    assert _words(result, "vi") == "Ở đây không có máy in."


@pytest.mark.timeout(60)
def test_unreachable_printer_times_out_and_its_job_is_cancelled(
    scheduler: None, handouts: dict[PaperSize, bytes]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    cups.add_queue(
        DEAD_QUEUE, f"socket://127.0.0.1:{closed_port}", "-o", "printer-error-policy=retry-current-job"
    )
    try:
        result = CupsPrintService(DEAD_QUEUE, timeout_s=3, poll_interval_s=0.2).print_pdf(
            handouts[PaperSize.A4], media="A4", title="handout-dead"
        )
        assert result.status is PrintStatus.TIMED_OUT
        assert result.job_id in result.message
        assert problem_of(result) is PrinterProblem.OFF, result
        time.sleep(0.5)
        assert run("lpstat", "-o", DEAD_QUEUE, check=False).stdout.strip() == ""
    finally:
        cups.remove_queue(DEAD_QUEUE)


@pytest.mark.timeout(120)
def test_without_a_default_printer_the_only_one_is_used(
    pdf_queue: str, handouts: dict[PaperSize, bytes]
) -> None:
    destinations = run("lpstat", "-e", check=False).stdout.split()
    default = run("lpstat", "-d", check=False).stdout
    if destinations != [pdf_queue] or "system default destination:" in default:
        pytest.skip(
            f"this machine's CUPS has other printers or a default ({destinations}, {default.strip()})"
        )
    pdf = handouts[PaperSize.A4]
    result = CupsPrintService(timeout_s=60).print_pdf(pdf, media="A4", title="handout-only-printer")
    assert result.status is PrintStatus.OK, result.message
    assert result.printer == pdf_queue
    assert qr_texts(printed_pdf(result.job_id), 150) == ["https://vneid.gov.vn"]


@pytest.mark.timeout(60)
def test_a_printer_out_of_paper_says_so_now_and_on_the_next_print(
    trouble_queue: Callable[..., str], handouts: dict[PaperSize, bytes]
) -> None:
    queue = trouble_queue("nopaper")
    service = CupsPrintService(queue, timeout_s=30, poll_interval_s=0.2)
    first = service.print_pdf(handouts[PaperSize.A4], media="A4", title="handout-paper")
    assert first.status is PrintStatus.QUEUE_STOPPED, first
    assert "media-empty-error" in first.reasons
    assert _words(first, "vi") == "Máy in đã hết giấy."
    # The queue stays stopped with its reason: the next visitor is told at once.
    start = time.monotonic()
    second = service.print_pdf(handouts[PaperSize.A4], media="A4", title="handout-paper-2")
    assert time.monotonic() - start < QUICK_S
    assert problem_of(second) is PrinterProblem.OUT_OF_PAPER, second
    assert _words(second) == "The printer is out of paper."


@pytest.mark.timeout(60)
def test_a_job_the_printer_aborts_is_a_failed_job_not_a_printed_one(
    trouble_queue: Callable[..., str], handouts: dict[PaperSize, bytes]
) -> None:
    queue = trouble_queue("fail", "-o", "printer-error-policy=abort-job")
    result = CupsPrintService(queue, timeout_s=30, poll_interval_s=0.2).print_pdf(
        handouts[PaperSize.A4], media="A4", title="handout-aborted"
    )
    assert result.status is PrintStatus.FAILED, result
    assert "aborted" in result.message and "paper jam" in result.message
    assert _words(result) == "The printer could not print this sheet."


@pytest.mark.timeout(60)
def test_a_job_that_stops_the_printer_is_a_failed_job(
    trouble_queue: Callable[..., str], handouts: dict[PaperSize, bytes]
) -> None:
    # CUPS's default error policy: the queue stops with the job still in it.
    queue = trouble_queue("fail", "-o", "printer-error-policy=stop-printer")
    result = CupsPrintService(queue, timeout_s=30, poll_interval_s=0.2).print_pdf(
        handouts[PaperSize.A4], media="A4", title="handout-stopped-job"
    )
    assert result.status is PrintStatus.QUEUE_STOPPED and result.job_id, result
    assert _words(result, "vi") == "Máy in không in được tờ này."
    assert run("lpstat", "-o", queue, check=False).stdout.strip() == ""


@pytest.mark.timeout(60)
def test_a_printer_busy_with_other_jobs_is_busy(
    trouble_queue: Callable[..., str], handouts: dict[PaperSize, bytes]
) -> None:
    queue = trouble_queue("slow")
    # Someone else's sheet, which the printer takes a minute over.
    run("lp", "-d", queue, "-t", "other-document", "/etc/hostname")
    result = CupsPrintService(queue, timeout_s=3, poll_interval_s=0.2).print_pdf(
        handouts[PaperSize.A4], media="A4", title="handout-busy"
    )
    assert result.status is PrintStatus.TIMED_OUT, result
    assert result.jobs_ahead == 1
    assert _words(result) == "The printer is busy with other sheets."
    assert _words(result, "vi") == "Máy in đang bận in những tờ khác."
