"""Printing a handout through the real CUPS scheduler into a cups-pdf virtual printer.

The fixtures (tests/helpers/cups.py) start ``cupsd`` when none is running (as root, from
Debian's ``cups``) and add a cups-pdf queue; the PDF that comes out of the queue is read back
and its QR code must still open the tutorial's page. They skip only when CUPS is not
installed at all (CI installs ``cups`` and ``printer-driver-cups-pdf``, so there nothing skips).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import date

import pytest

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.handouts import HandoutWords, PaperSize, build_handout, cups_media
from kiosk.printing.cups import CupsPrintService, PrintStatus
from tests.helpers import cups
from tests.helpers.cups import QUICK_S, page_count, printed_pdf, qr_texts, run

QUEUE = "KioskTestPDF"
DEAD_QUEUE = "KioskTestDead"
TUTORIAL = "vneid-install"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[None]:
    with cups.running_scheduler():
        yield


@pytest.fixture(scope="module")
def pdf_queue(scheduler: None) -> Iterator[str]:
    with cups.pdf_queue(QUEUE) as name:
        yield name


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
        time.sleep(0.5)
        assert run("lpstat", "-o", DEAD_QUEUE, check=False).stdout.strip() == ""
    finally:
        cups.remove_queue(DEAD_QUEUE)
