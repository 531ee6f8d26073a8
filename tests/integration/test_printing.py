"""Printing a handout through the real CUPS scheduler into a cups-pdf virtual printer.

The fixture starts ``cupsd`` when none is running (as root, from Debian's ``cups``) and
adds a cups-pdf queue; the PDF that comes out of the queue is read back and its QR code
must still open the tutorial's page. It skips only when CUPS is not installed at all
(CI installs ``cups`` and ``printer-driver-cups-pdf``, so there nothing skips).
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]  # ships no type information
import pytest
import zxingcpp

from kiosk import paths
from kiosk.content.loader import load_catalogue
from kiosk.handouts import HandoutWords, PaperSize, build_handout, cups_media
from kiosk.printing import CupsPrintService, PrintResult, PrintStatus

CUPSD = Path("/usr/sbin/cupsd")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
QUEUE = "KioskTestPDF"
DEAD_QUEUE = "KioskTestDead"
TUTORIAL = "vneid-install"
# A stopped queue or a missing printer must answer at once, not after the print timeout.
QUICK_S = 5.0


def _page_count(pdf: bytes) -> int:
    return len(pdfium.PdfDocument(pdf))


def _qr_texts(pdf: bytes, dpi: int, one_bit: bool = False) -> list[str]:
    """The QR codes on page 1 rasterised at ``dpi``; ``one_bit`` as a thermal head prints it."""
    image = pdfium.PdfDocument(pdf)[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    if one_bit:
        image = image.point(lambda value: 255 if value >= 128 else 0).convert("1")
    found = zxingcpp.read_barcodes(image)
    return [result.text for result in found if result.format == zxingcpp.BarcodeFormat.QRCode]


def _run(*arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    return subprocess.run(arguments, capture_output=True, text=True, timeout=30, check=check, env=environment)


def _scheduler_running() -> bool:
    if shutil.which("lpstat") is None:
        return False
    return "scheduler is running" in _run("lpstat", "-r", check=False).stdout


def _wait_for_scheduler(process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if _scheduler_running():
            return
        if process.poll() is not None:
            pytest.fail(f"cupsd exited with {process.returncode} at start-up")
        time.sleep(0.2)
    pytest.fail("cupsd did not answer within 20 s of starting")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[None]:
    """A running cupsd: the machine's own, or one started here and stopped afterwards."""
    started: subprocess.Popen[bytes] | None = None
    if not _scheduler_running():
        if not CUPSD.exists():
            reason = f"CUPS is not installed ({CUPSD} missing): apt-get install cups printer-driver-cups-pdf"
            print(reason)
            pytest.skip(reason)
        if os.geteuid() != 0:
            pytest.fail("cupsd is installed but not running, and only root can start it for this test")
        started = subprocess.Popen([str(CUPSD), "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for_scheduler(started)
    for needed in (CUPS_PDF_BACKEND, CUPS_PDF_PPD):
        if not needed.exists():
            pytest.fail(f"{needed} missing: apt-get install printer-driver-cups-pdf")
    yield
    if started is not None:
        started.terminate()
        try:
            started.wait(timeout=20)
        except subprocess.TimeoutExpired:
            started.kill()
            started.wait(timeout=10)


def _add_queue(name: str, device: str, *options: str) -> None:
    _run("lpadmin", "-p", name, "-E", "-v", device, "-P", str(CUPS_PDF_PPD), *options)


def _remove_queue(name: str) -> None:
    _run("cancel", "-a", name, check=False)
    _run("lpadmin", "-x", name, check=False)


@pytest.fixture(scope="module")
def pdf_queue(scheduler: None) -> Iterator[str]:
    _add_queue(QUEUE, "cups-pdf:/")
    yield QUEUE
    _remove_queue(QUEUE)


@pytest.fixture(scope="module")
def handouts() -> dict[PaperSize, bytes]:
    tutorial = load_catalogue(paths.packs_dir()).tutorial(TUTORIAL)
    words = HandoutWords.load("vi")
    return {
        size: build_handout(
            tutorial, "vi", size, point_name="Điểm thử in", today=date(2026, 11, 24), words=words
        )
        for size in PaperSize
    }


def _output_folders() -> list[Path]:
    """Where cups-pdf writes: its ``Out`` setting (``${HOME}/PDF`` by default) and its anonymous folder."""
    home = pwd.getpwuid(os.getuid()).pw_dir
    out = "${HOME}/PDF"
    anonymous = "/var/spool/cups-pdf/ANONYMOUS"
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            if match := re.match(r"\s*Out\s+(\S+)", line):
                out = match.group(1)
            elif match := re.match(r"\s*AnonDirName\s+(\S+)", line):
                anonymous = match.group(1)
    user = pwd.getpwuid(os.getuid()).pw_name
    return [Path(out.replace("${HOME}", home).replace("${USER}", user)), Path(anonymous)]


def _printed_pdf(result: PrintResult) -> bytes:
    """The file cups-pdf wrote for ``result``'s job (named ``…-job_N.pdf``)."""
    number = result.job_id.rsplit("-", 1)[1]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for folder in _output_folders():
            found = sorted(folder.glob(f"*job_{number}.pdf")) if folder.is_dir() else []
            if found:
                data = found[0].read_bytes()
                if data.rstrip().endswith(b"%%EOF"):
                    found[0].unlink()
                    return data
        time.sleep(0.2)
    pytest.fail(f"no cups-pdf output for job {result.job_id} in {_output_folders()}")


@pytest.mark.timeout(120)
def test_a4_handout_prints_and_its_qr_still_opens_the_page(
    pdf_queue: str, handouts: dict[PaperSize, bytes]
) -> None:
    pdf = handouts[PaperSize.A4]
    result = CupsPrintService(pdf_queue, timeout_s=60).print_pdf(
        pdf, media=cups_media(PaperSize.A4, pdf), title=f"handout-{TUTORIAL}"
    )
    assert result.status is PrintStatus.OK, result.message
    printed = _printed_pdf(result)
    assert _page_count(printed) == _page_count(pdf)
    assert _qr_texts(printed, 150) == ["https://vneid.gov.vn"]


@pytest.mark.timeout(120)
def test_receipt_prints_on_its_own_length_and_decodes_at_203_dpi(
    pdf_queue: str, handouts: dict[PaperSize, bytes]
) -> None:
    pdf = handouts[PaperSize.RECEIPT]
    result = CupsPrintService(pdf_queue, timeout_s=60).print_pdf(
        pdf, media=cups_media(PaperSize.RECEIPT, pdf), title=f"handout-{TUTORIAL}-receipt"
    )
    assert result.status is PrintStatus.OK, result.message
    printed = _printed_pdf(result)
    assert _page_count(printed) == 1
    assert _qr_texts(printed, 203, one_bit=True) == ["https://vneid.gov.vn"]


@pytest.mark.timeout(60)
def test_stopped_queue_answers_at_once_and_keeps_no_job(
    pdf_queue: str, handouts: dict[PaperSize, bytes]
) -> None:
    _run("cupsdisable", "-r", "Paper out (test)", pdf_queue)
    try:
        start = time.monotonic()
        result = CupsPrintService(pdf_queue, timeout_s=60).print_pdf(
            handouts[PaperSize.A4], media="A4", title="handout-stopped"
        )
        elapsed = time.monotonic() - start
    finally:
        _run("cupsenable", pdf_queue)
    assert result.status is PrintStatus.QUEUE_STOPPED
    assert "disabled" in result.message and "Paper out (test)" in result.message
    assert elapsed < QUICK_S
    assert _run("lpstat", "-o", pdf_queue, check=False).stdout.strip() == ""


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
    _add_queue(
        DEAD_QUEUE, f"socket://127.0.0.1:{closed_port}", "-o", "printer-error-policy=retry-current-job"
    )
    try:
        result = CupsPrintService(DEAD_QUEUE, timeout_s=3, poll_interval_s=0.2).print_pdf(
            handouts[PaperSize.A4], media="A4", title="handout-dead"
        )
        assert result.status is PrintStatus.TIMED_OUT
        assert result.job_id in result.message
        time.sleep(0.5)
        assert _run("lpstat", "-o", DEAD_QUEUE, check=False).stdout.strip() == ""
    finally:
        _remove_queue(DEAD_QUEUE)
