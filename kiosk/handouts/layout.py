"""What goes on a handout, in reading order, for either paper.

Sizes are for elderly readers: title at least 24 pt, everything else at least 14 pt, black
on white (thermal printers have no grey and office printers are often low on toner). The
two papers differ only in their ``Look`` and in where the QR code sits.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib.colors import black, white
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText

import kiosk.handouts.fonts as fonts
from kiosk.content.model import QuizAnswer, Step, StepKind, Tutorial
from kiosk.handouts.pictures import step_picture
from kiosk.handouts.qr import QrCode, whole_dots
from kiosk.handouts.words import HandoutWords


@dataclass(frozen=True)
class Look:
    """The measurements of one paper kind, in points."""

    page_width: float
    margin_side: float
    margin_top: float
    margin_bottom: float
    title_size: float
    heading_size: float
    body_size: float
    # Width of the QR symbol itself; the quiet zone comes on top.
    qr_target: float
    # 0 leaves the step pictures out.
    picture_width: float
    # True: modules are whole dots of a 203 dpi thermal head.
    thermal: bool

    @property
    def frame_width(self) -> float:
        return self.page_width - 2 * self.margin_side


A4_LOOK = Look(
    page_width=210 * mm,
    margin_side=16 * mm,
    margin_top=14 * mm,
    margin_bottom=22 * mm,
    title_size=26,
    heading_size=17,
    body_size=15,
    qr_target=42 * mm,
    picture_width=17 * mm,
    thermal=False,
)
RECEIPT_LOOK = Look(
    # 80 mm paper, in whole dots of the 203 dpi head (79.95 mm).
    page_width=whole_dots(80 * mm, up=False),
    margin_side=4 * mm,
    margin_top=4 * mm,
    margin_bottom=8 * mm,
    title_size=24,
    heading_size=16,
    body_size=14,
    qr_target=40 * mm,
    picture_width=0,
    thermal=True,
)
RULE_WIDTH = 1.2
# Paragraph text that needs reportlab's markup parser.
_MARKUP = re.compile("[<&]")
# A table style command applied to every cell.
ALL = ((0, 0), (-1, -1))
Command = tuple[Any, ...]
SAFETY_BORDER = 2.5


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def markup(text: str) -> str:
    """Text as paragraph markup: NFC, XML-escaped, line breaks kept."""
    return escape(nfc(text).strip()).replace("\n", "<br/>")


@functools.lru_cache(maxsize=4)
def styles_for(look: Look) -> Styles:
    """The paragraph styles of ``look``, made once (a style is never changed after it is made)."""
    return Styles(look)


class Styles:
    def __init__(self, look: Look) -> None:
        fonts.register_fonts()
        body = look.body_size
        self.header = _style("header", body, bold=True)
        self.header_right = _style("header-right", body, alignment=TA_RIGHT)
        self.title = _style("title", look.title_size, bold=True, leading=1.2)
        self.body = _style("body", body, space_after=body * 0.3)
        self.heading = _style("heading", look.heading_size, bold=True, space_after=body * 0.3)
        self.safety = _style("safety", look.heading_size, bold=True)
        self.scan = _style(
            "scan", look.heading_size, bold=True, alignment=TA_CENTER if look.thermal else TA_LEFT
        )
        self.url = _style("url", body, bold=True, alignment=TA_CENTER)


def _style(
    name: str,
    size: float,
    *,
    bold: bool = False,
    alignment: Literal[0, 1, 2] = TA_LEFT,
    leading: float = 1.3,
    space_after: float = 0,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=fonts.BOLD if bold else fonts.REGULAR,
        fontSize=size,
        leading=size * leading,
        alignment=alignment,
        spaceAfter=space_after,
        textColor=black,
        # A URL has no spaces; let it break anywhere rather than run off the paper.
        splitLongWords=True,
    )


@functools.lru_cache(maxsize=32)
def _plain_fragment(style: ParagraphStyle) -> Any | None:
    """What reportlab's markup parser makes of a word without markup in ``style``, or ``None``."""
    fragments = Paragraph("x", style).frags
    return fragments[0] if len(fragments) == 1 and fragments[0].text == "x" else None


class Para(Paragraph):
    """A paragraph that lays its lines out once per width, and skips the markup parser for plain text.

    reportlab wraps a flowable several times (a receipt is measured before it is built, a
    row measures its cells and then draws them), and a paragraph's lines depend only on the
    width it is given, so the last result is kept. Text without tags or entities parses to
    one fragment in the paragraph's style, which is made directly (most of a handout's text).
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def __init__(self, text: str, style: ParagraphStyle, **split_parts: Any) -> None:
        if split_parts:
            # reportlab's split() makes each part with Paragraph's own keyword arguments
            # (frags, lines, bulletText): a paragraph taller than a page is split, not refused.
            super().__init__(text, style, **split_parts)
            return
        fragment = None if _MARKUP.search(text) else _plain_fragment(style)
        cleaned = cleanBlockQuotedText(text) if fragment is not None else ""
        if fragment is None or not cleaned:
            super().__init__(text, style)
        else:
            super().__init__(cleaned, style, frags=[fragment.clone(text=cleaned)])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # split() drops blPara when the paragraph moves on to the next page: then lay out again.
        if self._wrapped is not None and self._wrapped[0] == availWidth and hasattr(self, "blPara"):
            return self._wrapped[1]
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


class Row(Flowable):
    """Cells side by side, each a column of flowables; a light stand-in for a one-row layout table.

    Measured like reportlab's table cells without padding: a cell is as tall as its flowables
    and the spaces between them (not the first one's space before nor the last one's space
    after); the row is as tall as its tallest cell. Like a one-row table, it is never split.
    """

    def __init__(self, cells: list[list[Flowable]], widths: list[float], valign: str = "TOP") -> None:
        super().__init__()
        self.cells = cells
        self.widths = widths
        self.valign = valign
        self._sizes: list[list[float]] = []
        self._cell_heights: list[float] = []
        self.width = sum(widths)
        self.height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._sizes = []
        self._cell_heights = []
        for cell, width in zip(self.cells, self.widths, strict=True):
            heights = [flowable.wrap(width, 72000)[1] for flowable in cell]
            total = sum(
                height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
                for flowable, height in zip(cell, heights, strict=True)
            )
            if cell:
                total -= cell[0].getSpaceBefore() + cell[-1].getSpaceAfter()
            self._sizes.append(heights)
            self._cell_heights.append(total)
        self.height = max(self._cell_heights, default=0.0)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # Like a one-row table, a row moves to the next page whole. Only a row already moved on
        # once (reportlab marks it _postponed) and still too tall (very long step texts) is
        # split, cell by cell, so the handout still prints.
        if not getattr(self, "_postponed", False):
            return []
        heads: list[list[Flowable]] = []
        tails: list[list[Flowable]] = []
        for cell, width in zip(self.cells, self.widths, strict=True):
            head, tail = _split_cell(cell, width, available_height)
            heads.append(head)
            tails.append(tail)
        if not any(heads):
            return []
        return [Row(heads, self.widths, self.valign), Row(tails, self.widths, self.valign)]

    def draw(self) -> None:
        x = 0.0
        for cell, width, heights, cell_height in zip(
            self.cells, self.widths, self._sizes, self._cell_heights, strict=True
        ):
            # Otherwise "MIDDLE".
            y = self.height if self.valign == "TOP" else (self.height + cell_height) / 2
            if cell:
                y += cell[0].getSpaceBefore()
            for flowable, height in zip(cell, heights, strict=True):
                y -= flowable.getSpaceBefore() + height
                flowable.drawOn(self.canv, x, y)
                y -= flowable.getSpaceAfter()
            x += width


def _split_cell(cell: list[Flowable], width: float, height: float) -> tuple[list[Flowable], list[Flowable]]:
    """The flowables of ``cell`` that fit in ``height`` (the one that crosses it split), and the rest."""
    used = 0.0
    for index, flowable in enumerate(cell):
        before = flowable.getSpaceBefore() if index else 0.0
        needed = before + flowable.wrap(width, 72000)[1]
        if used + needed <= height:
            used += needed + flowable.getSpaceAfter()
            continue
        parts = flowable.split(width, height - used - before) if height - used - before > 0 else []
        if len(parts) > 1:
            return [*cell[:index], parts[0]], [*parts[1:], *cell[index + 1 :]]
        return list(cell[:index]), list(cell[index:])
    return list(cell), []


def header(
    tutorial: Tutorial,
    language: str,
    words: HandoutWords,
    point_name: str,
    today: date,
    look: Look,
    styles: Styles,
) -> list[Flowable]:
    point = Para(markup(point_name), styles.header)
    when = Para(markup(words.date_line(today)), styles.header_right if not look.thermal else styles.body)
    text = tutorial.text(language)
    title = Para(markup(text.title), styles.title)
    summary = Para(markup(text.summary), styles.body)
    if look.thermal:
        top: list[Flowable] = [point, when]
    else:
        width = look.frame_width
        top = [Row([[point], [when]], [width * 0.7, width * 0.3])]
    # What was done to check the content, and when: exactly what its check level says, no more.
    checked = Para(markup(words.check_line(tutorial.check)), styles.body)
    rule = HRFlowable(width="100%", thickness=RULE_WIDTH, color=black, spaceBefore=2 * mm, spaceAfter=3 * mm)
    return [*top, rule, title, Spacer(1, 2 * mm), summary, checked]


def safety_box(tutorial: Tutorial, language: str, words: HandoutWords, width: float, styles: Styles) -> Table:
    """The tutorial's main safety line, boxed so it is the first thing the eye finds."""
    content = [
        Para(markup(words.remember), styles.heading),
        Para(markup(tutorial.text(language).safety), styles.safety),
    ]
    return _table(
        [[content]],
        [width],
        [
            ("BOX", *ALL, SAFETY_BORDER, black),
            ("BACKGROUND", *ALL, white),
            ("LEFTPADDING", *ALL, 3 * mm),
            ("RIGHTPADDING", *ALL, 3 * mm),
            ("TOPPADDING", *ALL, 2 * mm),
            ("BOTTOMPADDING", *ALL, 3 * mm),
        ],
    )


class Arrow(Flowable):
    """A solid arrow pointing right, from the "scan" line to the code (the font has no arrow sign)."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        s = self.size
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(black)
        path = canvas.beginPath()
        for x, y in ((0, 0.38), (0.55, 0.38), (0.55, 0.15), (1, 0.5), (0.55, 0.85), (0.55, 0.62), (0, 0.62)):
            (path.lineTo if x or y != 0.38 else path.moveTo)(x * s, y * s)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()


def qr_code(tutorial: Tutorial, look: Look, styles: Styles, caption: str = "") -> list[Flowable]:
    """The code, what it opens (``caption``), and the address for those who would rather type it.

    Nothing for a tutorial without a QR code."""
    if not tutorial.qr_url:
        return []
    if look.thermal:
        code = QrCode.for_thermal(tutorial.qr_url, look.qr_target, look.frame_width)
    else:
        code = QrCode.sized(tutorial.qr_url, look.qr_target)
    code.hAlign = "CENTER"
    width = look.frame_width if look.thermal else _qr_column(look)
    url = "<br/>".join(escape(line) for line in url_lines(tutorial.qr_url, styles.url, width))
    said = [Para(f"<b>{markup(caption)}</b>", styles.url)] if caption else []
    return [code, *said, Para(url, styles.url)]


def url_lines(url: str, style: ParagraphStyle, width: float) -> list[str]:
    """The address cut after "/", "." or "-" into lines that fit, so it can still be read and typed.

    If it does not fit on one line, "https://" goes on a line of its own: the name of the
    site then stays in one piece.
    """
    if stringWidth(url, style.fontName, style.fontSize) <= width:
        return [url]
    scheme, separator, rest = url.partition("://")
    lines: list[str] = [scheme + separator] if separator else []
    line = ""
    for piece in re.split(r"(?<=[/.\-])(?!/)", rest if separator else url):
        if line and stringWidth(line + piece, style.fontName, style.fontSize) > width:
            lines.append(line)
            line = ""
        line += piece
    return [*lines, line] if line else lines


def _qr_column(look: Look) -> float:
    return look.qr_target + 16 * mm


def qr_and_safety(
    tutorial: Tutorial, language: str, words: HandoutWords, look: Look, styles: Styles
) -> list[Flowable]:
    """The safety line beside the code (one below the other on a receipt), with "scan" pointing at it;
    the safety line alone, across the page, for a tutorial without a QR code."""
    space = Spacer(1, 4 * mm)
    caption = tutorial.text(language).qr_caption
    if not tutorial.qr_url:
        return [space, safety_box(tutorial, language, words, look.frame_width, styles)]
    scan = Para(markup(words.scan), styles.scan)
    if look.thermal:
        box = safety_box(tutorial, language, words, look.frame_width, styles)
        return [space, box, space, scan, *qr_code(tutorial, look, styles, caption)]
    qr_width = _qr_column(look)
    gap = 6 * mm
    left_width = look.frame_width - qr_width - gap
    arrow = 10 * mm
    pointer = Row([[scan], [Arrow(arrow)]], [left_width - arrow, arrow], valign="MIDDLE")
    left = [pointer, Spacer(1, 5 * mm), safety_box(tutorial, language, words, left_width, styles)]
    row = Row([left, qr_code(tutorial, look, styles, caption)], [left_width + gap, qr_width], valign="MIDDLE")
    return [space, row]


def steps(
    tutorial: Tutorial, language: str, words: HandoutWords, look: Look, styles: Styles
) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 4 * mm)]
    for number, step in enumerate(tutorial.steps, start=1):
        out.append(
            HRFlowable(
                width="100%", thickness=RULE_WIDTH, color=black, spaceBefore=1.5 * mm, spaceAfter=2.5 * mm
            )
        )
        words_part = _step_words(tutorial, language, words, number, step, styles)
        picture = step_picture(step.image, look.picture_width) if look.picture_width else None
        if picture is None:
            out.extend(words_part)
            continue
        column = look.picture_width + 5 * mm
        out.append(Row([[picture], words_part], [column, look.frame_width - column]))
    return out


def _step_words(
    tutorial: Tutorial, language: str, words: HandoutWords, number: int, step: Step, styles: Styles
) -> list[Flowable]:
    text = tutorial.step_text(language, step)
    heading = f"{words.step_label(number)}: {nfc(text.title).strip()}"
    out: list[Flowable] = [Para(markup(heading), styles.heading)]
    if step.kind is not StepKind.QUIZ:
        out.append(Para(markup(text.text), styles.body))
        return out
    verdict = words.scam if step.answer is QuizAnswer.SCAM else words.safe
    out += [
        Para(f"<b>{markup(words.situation)}:</b> {markup(text.text)}", styles.body),
        Para(f"<b>{markup(words.answer)}: {markup(verdict.upper())}</b>", styles.heading),
        Para(f"<b>{markup(words.why)}:</b> {markup(text.why)}", styles.body),
    ]
    return out


def closing(words: HandoutWords, look: Look, styles: Styles) -> list[Flowable]:
    """The privacy line at the end of a receipt; an A4 page prints it in its own footer."""
    if not look.thermal:
        return []
    return [
        HRFlowable(width="100%", thickness=RULE_WIDTH, color=black, spaceBefore=2 * mm, spaceAfter=3 * mm),
        Para(markup(words.footer), styles.body),
    ]


def _table(rows: list[list[Any]], widths: list[float | None], commands: list[Command]) -> Table:
    """A layout table; its cell font is set because reportlab's default is base-14 Helvetica."""
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("FONTNAME", *ALL, fonts.REGULAR), *commands]))
    return table
