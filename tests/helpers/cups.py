"""A real CUPS scheduler with a cups-pdf virtual printer, and reading back what it printed.

``running_scheduler`` uses the machine's own cupsd when one answers, or starts one (as root,
from Debian's ``cups``) and stops it afterwards. It skips, with the reason printed, only when
CUPS is not installed at all; CI installs ``cups`` and ``printer-driver-cups-pdf``, so there
nothing skips. Test modules wrap these context managers in their own module-scoped fixtures.
Qt-free: the core's print tests use it too.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

CUPSD = Path("/usr/sbin/cupsd")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
# A stopped queue or a missing printer must answer at once, not after the print timeout.
QUICK_S = 5.0


def run(*arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """A CUPS command with C-locale answers."""
    environment = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    return subprocess.run(arguments, capture_output=True, text=True, timeout=30, check=check, env=environment)


def page_count(pdf: bytes) -> int:
    return len(pdfium.PdfDocument(pdf))


def qr_texts(pdf: bytes, dpi: int, one_bit: bool = False) -> list[str]:
    """The QR codes on page 1 rasterised at ``dpi``; ``one_bit`` as a thermal head prints it."""
    image = pdfium.PdfDocument(pdf)[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    if one_bit:
        image = image.point(lambda value: 255 if value >= 128 else 0).convert("1")
    found = zxingcpp.read_barcodes(image)
    return [result.text for result in found if result.format == zxingcpp.BarcodeFormat.QRCode]


def _scheduler_running() -> bool:
    if shutil.which("lpstat") is None:
        return False
    return "scheduler is running" in run("lpstat", "-r", check=False).stdout


def _wait_for_scheduler(process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if _scheduler_running():
            return
        if process.poll() is not None:
            pytest.fail(f"cupsd exited with {process.returncode} at start-up")
        time.sleep(0.2)
    pytest.fail("cupsd did not answer within 20 s of starting")


@contextmanager
def running_scheduler() -> Iterator[None]:
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
    try:
        yield
    finally:
        if started is not None:
            started.terminate()
            try:
                started.wait(timeout=20)
            except subprocess.TimeoutExpired:
                started.kill()
                started.wait(timeout=10)


def add_queue(name: str, device: str, *options: str) -> None:
    run("lpadmin", "-p", name, "-E", "-v", device, "-P", str(CUPS_PDF_PPD), *options)


def remove_queue(name: str) -> None:
    run("cancel", "-a", name, check=False)
    run("lpadmin", "-x", name, check=False)


@contextmanager
def pdf_queue(name: str) -> Iterator[str]:
    """A cups-pdf queue called ``name`` (the scheduler must be running)."""
    add_queue(name, "cups-pdf:/")
    try:
        yield name
    finally:
        remove_queue(name)


@contextmanager
def stopped(queue: str, reason: str) -> Iterator[None]:
    """``queue`` disabled (``cupsdisable -r reason``) for the duration, as when the paper runs out."""
    run("cupsdisable", "-r", reason, queue)
    try:
        yield
    finally:
        run("cupsenable", queue)


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


def printed_pdf(job_id: str) -> bytes:
    """The file cups-pdf wrote for job ``job_id`` (``QUEUE-N``: ``…-job_N.pdf``); removed once read."""
    number = job_id.rsplit("-", 1)[1]
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
    pytest.fail(f"no cups-pdf output for job {job_id} in {_output_folders()}")
