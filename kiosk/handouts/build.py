"""Building the handout PDF: A4 pages for an office printer, or one receipt for a thermal one.

The same inputs always give the same bytes (reportlab's ``invariant`` fixes the creation
date and document id), so a handout can be cached, compared in tests and reprinted. A
receipt's page is exactly as tall as its content: the flowables are measured first.
"""

from __future__ import annotations

import enum
import io
import logging
import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

import kiosk.handouts.fonts as fonts
import kiosk.handouts.layout as layout
from kiosk.content.model import Tutorial
from kiosk.handouts.qr import whole_dots
from kiosk.handouts.words import HandoutWords

log = logging.getLogger(__name__)

FOOTER_SIZE = 14
# Headroom for the measuring of a receipt (reportlab's frame needs a hair more than the sum).
RECEIPT_SLACK = 3 * mm
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]")


class PaperSize(enum.Enum):
    A4 = "a4"
    RECEIPT = "receipt"


def build_handout(
    tutorial: Tutorial,
    language: str,
    size: PaperSize,
    *,
    point_name: str,
    today: date,
    words: HandoutWords,
) -> bytes:
    """The handout of ``tutorial`` in ``language`` as PDF bytes.

    ``today`` is printed as a day only. Nothing about the visitor goes in: the sheet is the
    same for everyone who learns this tutorial at this point on this day.
    """
    look = layout.RECEIPT_LOOK if size is PaperSize.RECEIPT else layout.A4_LOOK
    styles = layout.styles_for(look)
    story = [
        *layout.header(tutorial, language, words, point_name, today, look, styles),
        *layout.qr_and_safety(tutorial, language, words, look, styles),
        *layout.steps(tutorial, language, words, look, styles),
        *layout.closing(words, look, styles),
    ]
    text = tutorial.text(language)
    pdf = render_pdf(
        story, size, words, title=text.title, subject=tutorial.qr_url, author=point_name, language=language
    )
    log.info("built %s handout of %s in %s (%d bytes)", size.value, tutorial.id, language, len(pdf))
    return pdf


def render_pdf(
    story: list[Flowable],
    size: PaperSize,
    words: HandoutWords,
    *,
    title: str,
    subject: str,
    author: str,
    language: str,
) -> bytes:
    """Lay ``story`` out on A4 pages (privacy line and page numbers in the footer) or on one
    receipt exactly as tall as the story (which then ends with its own privacy line)."""
    look = layout.RECEIPT_LOOK if size is PaperSize.RECEIPT else layout.A4_LOOK
    buffer = io.BytesIO()
    if size is PaperSize.RECEIPT:
        page = (look.page_width, _receipt_height(story, look))
        canvas_maker: Callable[..., Canvas] = Canvas
    else:
        page = A4
        canvas_maker = _footer_canvas(layout.nfc(words.footer))
    _, height = page
    # No frame padding: the layout measures everything against ``look.frame_width``.
    frame = Frame(
        look.margin_side,
        look.margin_bottom,
        look.frame_width,
        height - look.margin_top - look.margin_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document = BaseDocTemplate(
        buffer,
        pagesize=page,
        pageTemplates=[PageTemplate("handout", frames=[frame])],
        title=layout.nfc(title),
        subject=subject,
        author=layout.nfc(author),
        creator="digital-literacy-kiosk",
        lang=language,
        invariant=1,
        initialFontName=fonts.REGULAR,
        initialFontSize=layout.A4_LOOK.body_size,
    )
    document.build(story, canvasmaker=canvas_maker)
    return buffer.getvalue()


def cups_media(size: PaperSize, pdf: bytes) -> str:
    """The CUPS ``media`` for a handout: A4, or a custom size as tall as this receipt."""
    if size is PaperSize.A4:
        return "A4"
    match = _MEDIA_BOX.search(pdf)
    if match is None:
        raise ValueError("not a handout built by build_handout: no /MediaBox")
    width, height = (float(value) / mm for value in match.groups())
    # Whole millimetres, rounded up: a hair of blank paper rather than a shrunken page.
    return f"Custom.{math.ceil(width - 0.01)}x{math.ceil(height - 0.01)}mm"


def _receipt_height(story: list[Flowable], look: layout.Look) -> float:
    """The page height that holds ``story`` on one receipt, in whole printer dots."""
    total = look.margin_top + look.margin_bottom + RECEIPT_SLACK
    for flowable in story:
        _, height = flowable.wrap(look.frame_width, 1e6)
        # Counting every space in full over-estimates a little, which only feeds a few mm more paper.
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return whole_dots(total, up=True)


def _footer_canvas(footer: str) -> Callable[..., Canvas]:
    """A canvas that prints the privacy line and "page / pages" at the foot of every A4 page."""

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            # Keep the page until the total is known (reportlab's own recipe for "page n of m").
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # not in the reportlab stubs

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            width = A4[0]
            left = layout.A4_LOOK.margin_side
            y = 12 * mm
            self.saveState()
            self.setStrokeColor(black)
            self.setLineWidth(layout.RULE_WIDTH)
            self.line(left, y + FOOTER_SIZE + 2, width - left, y + FOOTER_SIZE + 2)
            self.setFillColor(black)
            self.setFont(fonts.REGULAR, FOOTER_SIZE)
            self.drawString(left, y, footer)
            if total > 1:
                self.drawRightString(width - left, y, f"{number}/{total}")
            self.restoreState()

    return FooterCanvas
