"""Printing a handout with Qt's QPrinter, for machines where CUPS is not there at all.

Qt cannot print a PDF file as such, so each page is rasterised with pypdfium2 at the
printer's own resolution (capped, so an A4 page stays a few tens of MB on an old laptop)
and painted onto the paper edge to edge. Grey levels suffice: a handout is black print, and
a thermal printer turns anything into dots anyway. The answer is the same ``PrintResult``
as ``kiosk.printing.cups.CupsPrintService`` gives, so the UI treats both alike.

Runs in a worker thread (``ui.runtime.worker``): Qt allows a QPainter on a QPrinter outside the GUI
thread. pdfium itself is not thread-safe, hence the lock.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRect, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.printing.cups import PrintResult, PrintStatus

log = logging.getLogger(__name__)

POINTS_PER_INCH = 72
# 600 dpi grey A4 is 35 MB per page; more detail than that no handout needs.
MAX_RASTER_DPI = 600
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class QtPrintService:
    """Prints on ``printer`` (empty: the system's default), or into ``output_file`` as PDF.

    ``output_file`` is Qt's "print to file": the same rasterise-and-paint path with a PDF
    as the paper, which is how the tests look at what would have been printed.
    """

    printer: str = ""
    output_file: Path | None = None
    max_dpi: int = MAX_RASTER_DPI

    def print_pdf(self, pdf: bytes, *, media: str, title: str) -> PrintResult:
        """Print ``pdf``; ``media`` is only reported, the paper size comes from the PDF's pages."""
        try:
            import pypdfium2 as pdfium
        except ImportError as error:
            return self._failed(PrintStatus.FAILED, f"pypdfium2 is not installed ({error})", title)
        printer = self._open_printer()
        if printer is None:
            names = ", ".join(QPrinterInfo.availablePrinterNames()) or "none"
            wanted = f"printer {self.printer!r}" if self.printer else "default printer"
            message = f"Qt found no {wanted} (printers known to Qt: {names})"
            return self._failed(PrintStatus.NO_PRINTER, message, title)
        name = self.output_file.name if self.output_file is not None else printer.printerName()
        with _PDFIUM_LOCK:
            document = pdfium.PdfDocument(pdf)
            try:
                result = self._paint(document, printer, name, title)
            finally:
                document.close()
        if result.ok:
            log.info("printed %s on %s with Qt (%s, media %s)", title, name, result.message, media)
            return result
        return self._failed(result.status, result.message, title)

    def _open_printer(self) -> QPrinter | None:
        if self.output_file is not None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.output_file))
            return printer
        info = QPrinterInfo.printerInfo(self.printer) if self.printer else QPrinterInfo.defaultPrinter()
        if info.isNull():
            return None
        return QPrinter(info, QPrinter.PrinterMode.HighResolution)

    def _paint(self, document: Any, printer: QPrinter, name: str, title: str) -> PrintResult:
        pages = len(document)
        if pages == 0:
            return PrintResult(PrintStatus.FAILED, "the handout has no pages", name)
        first = document[0]
        width, height = first.get_size()
        # The receipt's page is as long as its content: give the printer exactly that paper.
        fuzzy = QPageSize.SizeMatchPolicy.FuzzyMatch
        size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point, title, fuzzy)
        printer.setFullPage(True)
        printer.setDocName(title)
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
        layout = QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        if not printer.setPageLayout(layout):
            log.warning("%s does not take %.0f×%.0f pt paper; printing on its own size", name, width, height)
        dpi = min(printer.resolution(), self.max_dpi)
        painter = QPainter()
        if not painter.begin(printer):
            return PrintResult(PrintStatus.FAILED, f"Qt could not start a print job on {name}", name)
        try:
            for index in range(pages):
                if index and not printer.newPage():
                    return PrintResult(PrintStatus.FAILED, f"{name} refused page {index + 1}", name)
                image = _raster(document[index], dpi)
                target = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
        finally:
            finished = painter.end()
        if not finished:
            return PrintResult(PrintStatus.FAILED, f"Qt could not finish the print job on {name}", name)
        return PrintResult(PrintStatus.OK, f"{pages} page(s) at {dpi} dpi", name)

    def _failed(self, status: PrintStatus, message: str, title: str) -> PrintResult:
        printer = str(self.output_file) if self.output_file is not None else self.printer
        log.warning("printing %s with Qt failed (%s): %s", title, status.value, message)
        return PrintResult(status, message, printer)


def _raster(page: Any, dpi: int) -> QImage:
    """One page of a pypdfium2 document as a grey image at ``dpi`` (pdfium fills the page white)."""
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
    pixels = bytes(bitmap.buffer)
    image = QImage(pixels, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_Grayscale8)
    # QImage only borrows ``pixels``; the copy owns its bytes.
    return image.copy()
