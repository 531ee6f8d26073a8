"""Without CUPS, Qt prints the handout as pictures of its pages: the QR code must survive that.

Qt's "print to file" is the paper here: the same rasterise-and-paint path as a real printer,
with a PDF coming out that can be read back.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pytestqt.qtbot import QtBot

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Tutorial
from kiosk.handouts import HandoutWords, PaperSize, build_handout, cups_media
from kiosk.printing.cups import PrintResult, PrintStatus
from tests.helpers.cups import page_count, qr_texts
from ui.printing.qt_service import QtPrintService

TUTORIAL = "vneid-install"


@pytest.fixture(scope="module")
def tutorial() -> Tutorial:
    return load_catalogue(packs_dir()).tutorial(TUTORIAL)


def _handout(tutorial: Tutorial, size: PaperSize) -> bytes:
    words = HandoutWords.load("vi")
    return build_handout(tutorial, "vi", size, point_name="Điểm thử", today=date(2026, 11, 24), words=words)


def _page_size(pdf: bytes) -> tuple[float, float]:
    width, height = pdfium.PdfDocument(pdf)[0].get_size()
    return float(width), float(height)


def test_a4_pages_are_painted_whole_and_the_qr_still_opens_the_page(
    qtbot: QtBot, tmp_path: Path, tutorial: Tutorial
) -> None:
    pdf = _handout(tutorial, PaperSize.A4)
    out = tmp_path / "printed.pdf"
    result = QtPrintService(output_file=out, max_dpi=200).print_pdf(
        pdf, media=cups_media(PaperSize.A4, pdf), title="handout-test"
    )
    assert result.status is PrintStatus.OK, result.message
    printed = out.read_bytes()
    assert page_count(printed) == page_count(pdf)
    assert _page_size(printed) == pytest.approx(_page_size(pdf), abs=1.5)
    assert qr_texts(printed, 150) == [tutorial.qr_url]


def test_a_receipt_gets_paper_as_long_as_itself_and_decodes_as_thermal_dots(
    qtbot: QtBot, tmp_path: Path, tutorial: Tutorial
) -> None:
    pdf = _handout(tutorial, PaperSize.RECEIPT)
    out = tmp_path / "receipt.pdf"
    result = QtPrintService(output_file=out, max_dpi=203).print_pdf(
        pdf, media=cups_media(PaperSize.RECEIPT, pdf), title="handout-receipt"
    )
    assert result.status is PrintStatus.OK, result.message
    printed = out.read_bytes()
    assert page_count(printed) == 1
    assert _page_size(printed) == pytest.approx(_page_size(pdf), abs=1.5)
    assert qr_texts(printed, 203, one_bit=True) == [tutorial.qr_url]


def test_it_prints_from_a_worker_thread(qtbot: QtBot, tmp_path: Path, tutorial: Tutorial) -> None:
    pdf = _handout(tutorial, PaperSize.A4)
    out = tmp_path / "threaded.pdf"
    results: list[PrintResult] = []

    def work() -> None:
        service = QtPrintService(output_file=out, max_dpi=100)
        results.append(service.print_pdf(pdf, media="A4", title="handout-thread"))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=60)
    assert [result.status for result in results] == [PrintStatus.OK]
    assert qr_texts(out.read_bytes(), 150) == [tutorial.qr_url]


def test_a_printer_qt_does_not_know_is_no_printer_with_its_name_in_the_message(
    qtbot: QtBot, tutorial: Tutorial
) -> None:
    result = QtPrintService("KioskNoSuchPrinter").print_pdf(
        _handout(tutorial, PaperSize.A4), media="A4", title="handout-x"
    )
    assert result.status is PrintStatus.NO_PRINTER
    assert "KioskNoSuchPrinter" in result.message
