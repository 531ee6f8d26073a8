"""report.pdf: the export as a commune official reads it, Vietnamese first, English beneath.

Every count is printed by the disclosure rule (``kiosk.stats.disclosure``, through
``kiosk.export.published``): 1 to 4 read "<5", the rest are rounded to the nearest 5, and a
total that would give a hidden count away reads "x". The report is meant to be passed on,
and a small count of a rare language on a quiet day could point at a person. Built in
memory: it is small, and its size is then exact for the free-space check.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import kiosk.handouts.fonts as fonts
from kiosk.export.figures import ReportFigures
from kiosk.export.published import (
    COMPLETED,
    DEMO_LEFT_OUT,
    FEEDBACK,
    GUIDED,
    HANDOUTS,
    HIGH_CONTRAST,
    LARGE_TEXT,
    QR_CODES,
    RUNS,
    SELF,
    VISITS,
    Key,
    language_key,
    period_key,
    tutorial_key,
)
from kiosk.languages import vietnamese_name
from kiosk.stats.periods import offset_label

INK = HexColor("#1a1a1a")
SECOND = HexColor("#555555")
RULE = HexColor("#b0b0b0")
SHADE = HexColor("#eef2f7")
WARN = HexColor("#b71c1c")


# The printed text of a count, by its key (kiosk.export.published.PublishedReport.text).
Shown = Callable[[Key], str]
RULE_VI = (
    "Để không ai có thể bị nhận ra: số từ 1 đến 4 được ghi là “<5”, các số khác được làm tròn đến "
    "bội số gần nhất của 5, và một tổng có thể làm lộ số nhỏ được ghi là “x”. Máy không ghi tên, "
    "số điện thoại hay bất cứ điều gì khách gõ vào, và không xuất từng lượt khách."
)
RULE_EN = (
    "So that no one can be recognised: counts from 1 to 4 are shown as “<5”, other counts are "
    "rounded to the nearest 5, and a total that would give a small count away is shown as “x”. "
    "The kiosk records no names, numbers or anything a visitor typed, and exports no single visit."
)


def vi_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@dataclass(frozen=True)
class ReportHeader:
    point_name: str
    kiosk_id: str
    software_version: str
    made_at: datetime
    offset: timedelta
    # The signing key's fingerprint (kiosk.export.kiosk_key), for an office to pin; "" for none.
    key_fingerprint: str = ""


class _Styles:
    def __init__(self) -> None:
        fonts.register_fonts()
        self.title = ParagraphStyle("title", fontName=fonts.BOLD, fontSize=19, leading=24, textColor=INK)
        self.subtitle = ParagraphStyle(
            "sub", fontName=fonts.REGULAR, fontSize=11, leading=14, textColor=SECOND
        )
        self.point = ParagraphStyle("point", fontName=fonts.BOLD, fontSize=15, leading=20, textColor=INK)
        self.heading = ParagraphStyle(
            "heading",
            fontName=fonts.BOLD,
            fontSize=14,
            leading=18,
            textColor=INK,
            spaceBefore=10,
            keepWithNext=1,
        )
        self.cell = ParagraphStyle("cell", fontName=fonts.REGULAR, fontSize=11, leading=14, textColor=INK)
        self.number = ParagraphStyle("number", parent=self.cell, alignment=TA_RIGHT, fontName=fonts.BOLD)
        self.head_cell = ParagraphStyle("head", parent=self.cell, fontName=fonts.BOLD)
        self.head_number = ParagraphStyle("headn", parent=self.head_cell, alignment=TA_RIGHT)
        self.note = ParagraphStyle(
            "note", fontName=fonts.REGULAR, fontSize=9.5, leading=12.5, textColor=SECOND
        )
        self.banner = ParagraphStyle(
            "banner", fontName=fonts.BOLD, fontSize=13, leading=17, textColor=white, alignment=1
        )


def _two(vietnamese: str, english: str, style: ParagraphStyle) -> Paragraph:
    second = f"<font size='{style.fontSize - 2}' color='#555555'>{escape(english)}</font>"
    return Paragraph(f"{escape(vietnamese)}<br/>{second}", style)


def _table(rows: Sequence[Sequence[Flowable | str]], widths: Sequence[float], header: bool = True) -> Table:
    table = Table(
        [list(row) for row in rows], colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT"
    )
    commands: list[Any] = [
        # Plain strings in cells too: reportlab's default Helvetica has no Vietnamese.
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 1, INK)]
    table.setStyle(TableStyle(commands))
    return table


def build_report(
    figures: ReportFigures,
    header: ReportHeader,
    tutorial_titles: Mapping[str, str],
    shown: Shown,
    extra: Sequence[Flowable] = (),
) -> bytes:
    """The report; ``extra`` sections (the guided sessions', kiosk.export.report_guided) come last."""
    styles = _Styles()
    width = A4[0] - 36 * mm
    story: list[Flowable] = [
        Paragraph("BÁO CÁO HOẠT ĐỘNG ĐIỂM HỖ TRỢ KỸ NĂNG SỐ", styles.title),
        Paragraph("Activity report of the digital-literacy point", styles.subtitle),
        Spacer(0, 6),
        Paragraph(escape(header.point_name), styles.point),
        Spacer(0, 4),
        _about(figures, header, styles, width),
    ]
    if figures.demo:
        story += [Spacer(0, 8), _banner(styles, width)]
    elif figures.demo_left_out:
        story += [
            Spacer(0, 6),
            _two(
                f"{shown(DEMO_LEFT_OUT)} lượt khách mẫu (dữ liệu tập huấn) không được tính ở đây.",
                "Demo (training) visits are not counted here.",
                styles.note,
            ),
        ]
    # The rule comes before the first number, so every "<5", rounded figure and "x" reads as meant.
    story += [Spacer(0, 6), _two(RULE_VI, RULE_EN, styles.note)]
    story += _summary(shown, styles, width)
    story += _by_tutorial(figures, shown, tutorial_titles, styles, width)
    story += _by_period(figures, shown, styles, width)
    story += _by_language(figures, shown, styles, width)
    story += extra
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title="Báo cáo hoạt động điểm hỗ trợ kỹ năng số",
        author=header.point_name,
        creator="digital-literacy-kiosk",
        lang="vi",
        invariant=1,
        initialFontName=fonts.REGULAR,
    )
    footer = f"{header.point_name} · mã máy {header.kiosk_id[:8]}"

    def on_page(canvas: Canvas, _document: object) -> None:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 9)
        canvas.setFillColor(SECOND)
        canvas.drawString(18 * mm, 10 * mm, footer)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Trang {canvas.getPageNumber()}")
        canvas.restoreState()

    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def _about(figures: ReportFigures, header: ReportHeader, styles: _Styles, width: float) -> Table:
    first = vi_date(figures.first_day) if figures.first_day else "—"
    made = (header.made_at + header.offset).strftime("%d/%m/%Y %H:%M")
    rows = [
        [
            _two("Thời gian", "Period", styles.cell),
            Paragraph(f"{first} – {vi_date(figures.last_day)}", styles.cell),
        ],
        [
            _two("Lập lúc", "Made", styles.cell),
            Paragraph(f"{made} (giờ UTC{offset_label(header.offset)})", styles.cell),
        ],
        [
            _two("Mã máy", "Kiosk", styles.cell),
            Paragraph(f"{header.kiosk_id[:8]} · phần mềm {escape(header.software_version)}", styles.cell),
        ],
    ]
    if header.key_fingerprint:
        rows.append(
            [
                _two("Dấu vân tay khoá ký", "Signing key fingerprint", styles.cell),
                Paragraph(escape(header.key_fingerprint), styles.cell),
            ]
        )
    return _table(rows, (40 * mm, width - 40 * mm), header=False)


def _banner(styles: _Styles, width: float) -> Table:
    table = Table(
        [
            [
                Paragraph(
                    "DỮ LIỆU MẪU – KHÔNG PHẢI SỐ LIỆU THẬT<br/>DEMO DATA – NOT REAL FIGURES", styles.banner
                )
            ]
        ],
        colWidths=[width],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), WARN), ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    return table


def _heading(vietnamese: str, english: str, styles: _Styles) -> Paragraph:
    second = f"<font name='{fonts.REGULAR}' size='11' color='#555555'>/ {escape(english)}</font>"
    return Paragraph(f"{escape(vietnamese)} {second}", styles.heading)


def _summary(shown: Shown, styles: _Styles, width: float) -> list[Flowable]:
    lines = [
        ("Lượt khách", "Visits", VISITS),
        ("Tự học", "On their own", SELF),
        ("Có tình nguyện viên hướng dẫn", "Guided by a volunteer", GUIDED),
        ("Lượt học bài hướng dẫn", "Tutorials started", RUNS),
        ("Bài học xong", "Tutorials completed", COMPLETED),
        ("Tờ hướng dẫn đã in", "Handouts printed", HANDOUTS),
        ("Mã QR đã hiện để quét", "QR codes shown", QR_CODES),
        ("Lượt dùng chữ to", "Visits using large text", LARGE_TEXT),
        ("Lượt dùng tương phản cao", "Visits using high contrast", HIGH_CONTRAST),
    ]
    rows = [[_two(vi, en, styles.cell), Paragraph(shown(key), styles.number)] for vi, en, key in lines]
    sad, neutral, happy = FEEDBACK
    feedback = [
        [_two("Hài lòng", "Happy", styles.cell), Paragraph(shown(happy), styles.number)],
        [_two("Bình thường", "Neutral", styles.cell), Paragraph(shown(neutral), styles.number)],
        [_two("Chưa hài lòng", "Unhappy", styles.cell), Paragraph(shown(sad), styles.number)],
    ]
    number = 35 * mm
    return [
        _heading("1. Tổng quan", "Summary", styles),
        _table(rows, (width - number, number), header=False),
        KeepTogether(
            [
                _heading("2. Ý kiến của khách", "Visitors' feedback", styles),
                _table(feedback, (width - number, number), header=False),
            ]
        ),
    ]


def _by_tutorial(
    figures: ReportFigures, shown: Shown, titles: Mapping[str, str], styles: _Styles, width: float
) -> list[Flowable]:
    number = 27 * mm
    rows: list[list[Flowable | str]] = [
        [
            _two("Bài hướng dẫn", "Tutorial", styles.head_cell),
            _two("Lượt học", "Started", styles.head_number),
            _two("Học xong", "Completed", styles.head_number),
            _two("Tờ đã in", "Handouts", styles.head_number),
        ]
    ]
    for tutorial_id, *_counts in figures.by_tutorial:
        title = titles.get(tutorial_id, tutorial_id)
        rows.append(
            [
                Paragraph(escape(title), styles.cell),
                *(
                    Paragraph(shown(tutorial_key(tutorial_id, total[2])), styles.number)
                    for total in (RUNS, COMPLETED, HANDOUTS)
                ),
            ]
        )
    if len(rows) == 1:
        rows.append([Paragraph("Chưa có / None yet", styles.cell), "", "", ""])
    return [
        _heading("3. Theo bài hướng dẫn", "By tutorial", styles),
        _table(rows, (width - 3 * number, number, number, number)),
    ]


def _by_period(figures: ReportFigures, shown: Shown, styles: _Styles, width: float) -> list[Flowable]:
    number = 27 * mm
    if figures.weekly:
        heading = _heading("4. Theo tuần", "By week", styles)
        first = _two("Tuần bắt đầu", "Week starting", styles.head_cell)
    else:
        heading = _heading("4. Theo tháng", "By month", styles)
        first = _two("Tháng", "Month", styles.head_cell)
    rows: list[list[Flowable | str]] = [
        [
            first,
            _two("Lượt khách", "Visits", styles.head_number),
            _two("Học xong", "Completed", styles.head_number),
            _two("Tờ đã in", "Handouts", styles.head_number),
        ]
    ]
    for day, *_counts in figures.by_period:
        label = vi_date(day) if figures.weekly else f"{day.month:02d}/{day.year}"
        rows.append(
            [
                Paragraph(label, styles.cell),
                *(
                    Paragraph(shown(period_key(day.isoformat(), total[2])), styles.number)
                    for total in (VISITS, COMPLETED, HANDOUTS)
                ),
            ]
        )
    if len(rows) == 1:
        rows.append([Paragraph("Chưa có / None yet", styles.cell), "", "", ""])
    return [heading, _table(rows, (width - 3 * number, number, number, number))]


def _by_language(figures: ReportFigures, shown: Shown, styles: _Styles, width: float) -> list[Flowable]:
    number = 27 * mm
    rows: list[list[Flowable | str]] = [
        [_two("Ngôn ngữ", "Language", styles.head_cell), _two("Lượt khách", "Visits", styles.head_number)]
    ]
    for code, _visits in figures.by_language:
        name = vietnamese_name(code)
        rows.append(
            [
                Paragraph(f"{escape(name)} ({escape(code)})", styles.cell),
                Paragraph(shown(language_key(code)), styles.number),
            ]
        )
    if len(rows) == 1:
        rows.append([Paragraph("Chưa có / None yet", styles.cell), ""])
    return [
        KeepTogether(
            [_heading("5. Theo ngôn ngữ", "By language", styles), _table(rows, (width - number, number))]
        )
    ]
