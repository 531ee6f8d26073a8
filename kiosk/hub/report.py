"""The office's month report: an Excel workbook, the same views as CSV files, and a PDF summary.

Five views (kiosk.hub.figures gives the counts and their disclosure): by point (grouped by
commune, with each commune's and the area's totals), by lesson, the outcomes of guided
sessions, languages, and the trend over the last twelve months. Each is a sheet of the
workbook (``.xlsx``, openpyxl) and a CSV file; the PDF (reportlab, the bundled Noto Sans as the
handouts use it) has the area's totals, a bar chart of visits by commune (or by point, for one
commune) and the rule. Headings are Vietnamese with English beside them, as on the kiosk's own
report. Every count is the disclosure rule's text: a number (rounded to 5), "<5" or "x"; in the
workbook a shown number is a number cell, so it can be added up, and the others are text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from kiosk.hub.figures import AREA, AREA_MEASURES, LESSON_MEASURES, MonthFigures, key, trend_key
from kiosk.stats.disclosure import Disclosure, vietnamese_number

RULE_TEXT = (
    "Số từ 1 đến 4 ghi “<5”, số khác làm tròn đến bội số gần nhất của 5, tổng có thể làm lộ số nhỏ ghi “x”. "
    "/ Counts from 1 to 4 read “<5”, others are rounded to the nearest 5, and a total that would give a "
    "small count away reads “x” (the kiosk's disclosure rule, docs/privacy.md)."
)
MEASURE_WORDS = {
    "visits": "Lượt khách / Visits",
    "guided": "Có hướng dẫn / Guided",
    "completions": "Hoàn thành bài / Lessons completed",
    "handouts": "In tờ hướng dẫn / Handouts",
    "runs": "Lượt học / Lessons started",
    "qr_shown": "Hiện mã QR / QR codes shown",
}
KIND_WORDS = {
    "achieved": "Làm được / Done",
    "achieved-helped": "Làm được nhờ giúp / Done with help",
    "not-finished": "Chưa xong / Not finished",
    "practised": "Đã thử làm trên kiosk / Practised on the kiosk",
}
TOTAL = "Tổng / Total"


@dataclass(frozen=True)
class Count:
    """A cell holding a published count (its disclosure key)."""

    key: Hashable


Cell = str | Count | None


@dataclass(frozen=True)
class View:
    name: str
    title: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


@dataclass(frozen=True)
class Titles:
    """Words for lesson, outcome and reason ids (the id itself where none is known)."""

    lessons: dict[str, str]
    outcomes: dict[tuple[str, str], str]
    reasons: dict[str, str]


def views(figures: MonthFigures, titles: Titles) -> list[View]:
    by_point: list[tuple[Cell, ...]] = []
    for commune in figures.communes:
        province, name = commune
        for point in (p for p in figures.points if p.place == commune):
            by_point.append(
                (
                    province,
                    name,
                    point.name,
                    *(Count(key(m, "point", point.id)) for m in AREA_MEASURES),
                    point.last_day.isoformat() if point.last_day else "",
                )
            )
        by_point.append(
            (
                province,
                name,
                "Cộng xã / Commune total",
                *(Count(key(m, "commune", commune)) for m in AREA_MEASURES),
                "",
            )
        )
    by_point.append(("", "", TOTAL, *(Count(key(m, *AREA)) for m in AREA_MEASURES), ""))
    lessons: list[tuple[Cell, ...]] = []
    ids = sorted({tutorial for counts in figures.lessons.values() for tutorial in counts})
    for tutorial in ids:
        lessons.append(
            (
                tutorial,
                titles.lessons.get(tutorial, tutorial),
                *(
                    Count(key("lesson", m, tutorial)) if tutorial in figures.lessons.get(m, {}) else "0"
                    for m in LESSON_MEASURES
                ),
            )
        )
    lessons.append(
        (
            "",
            TOTAL,
            None,
            Count(key("lesson-total", "runs")),
            Count(key("completions", *AREA)),
            Count(key("handouts", *AREA)),
            Count(key("lesson-total", "qr_shown")),
        )
    )
    outcomes: list[tuple[Cell, ...]] = []
    kinds = sorted({kind for _t, kind, _c in figures.outcomes})
    for kind in kinds:
        tutorials = sorted({t for t, k, _c in figures.outcomes if k == kind})
        for tutorial in tutorials:
            codes = sorted(c for t, k, c in figures.outcomes if k == kind and t == tutorial)
            for code in codes:
                words = (
                    titles.reasons.get(code, code)
                    if kind == "not-finished"
                    else titles.outcomes.get((tutorial, code), code)
                )
                outcomes.append(
                    (
                        KIND_WORDS.get(kind, kind),
                        titles.lessons.get(tutorial, tutorial),
                        words,
                        Count(key("outcome", kind, tutorial, code)),
                    )
                )
            outcomes.append(
                (
                    KIND_WORDS.get(kind, kind),
                    titles.lessons.get(tutorial, tutorial),
                    TOTAL,
                    Count(key("outcome-sum", kind, tutorial)),
                )
            )
        outcomes.append((KIND_WORDS.get(kind, kind), TOTAL, "", Count(key("outcome-kind", kind))))
    languages: list[tuple[Cell, ...]] = [
        (code, Count(key("language", code))) for code in sorted(figures.languages)
    ]
    languages.append((TOTAL, Count(key("visits", *AREA))))
    trend: list[tuple[Cell, ...]] = [
        (month, *(Count(trend_key(figures, m, month)) for m in ("visits", "guided", "completions")))
        for month in figures.trend
    ]
    return [
        View(
            "by-point",
            "Theo điểm / By point",
            (
                "Tỉnh / Province",
                "Xã / Commune",
                "Điểm / Point",
                *(MEASURE_WORDS[m] for m in AREA_MEASURES),
                "Ngày cuối đã gửi / Last day reported",
            ),
            by_point,
        ),
        View(
            "by-lesson",
            "Theo bài / By lesson",
            ("Mã / Id", "Bài / Lesson", *(MEASURE_WORDS[m] for m in LESSON_MEASURES)),
            lessons,
        ),
        View(
            "guided-outcomes",
            "Kết quả có hướng dẫn / Guided outcomes",
            ("Kết quả / Result", "Bài / Lesson", "Việc / What", "Số lần / Count"),
            outcomes,
        ),
        View(
            "languages", "Ngôn ngữ / Languages", ("Ngôn ngữ / Language", MEASURE_WORDS["visits"]), languages
        ),
        View(
            "trend",
            "Theo tháng / Trend",
            ("Tháng / Month", *(MEASURE_WORDS[m] for m in ("visits", "guided", "completions"))),
            trend,
        ),
    ]


def cell_text(cell: Cell, shown: Disclosure) -> str:
    if isinstance(cell, Count):
        return shown.text(cell.key)
    return "" if cell is None else cell


def cell_value(cell: Cell, shown: Disclosure) -> str | int:
    """A workbook cell: the shown number as a number, "<5" and "x" as text."""
    if isinstance(cell, Count):
        value = shown.value(cell.key)
        return shown.text(cell.key) if value is None else value
    if cell == "0":
        return 0
    return "" if cell is None else cell


def area_name(figures: MonthFigures) -> str:
    if figures.commune is not None:
        return figures.commune
    provinces = sorted({p.province for p in figures.points if p.province})
    return ", ".join(provinces) or "Tất cả các điểm / All points"


def write_csv(view: View, shown: Disclosure, path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(view.header)
    for row in view.rows:
        writer.writerow([cell_text(cell, shown) for cell in row])
    # With a byte-order mark, so a spreadsheet opened by double-click reads the Vietnamese letters.
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def write_workbook(figures: MonthFigures, all_views: Sequence[View], shown: Disclosure, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    bold = Font(bold=True)
    for view in all_views:
        sheet = book.create_sheet(view.name)
        sheet.append([f"{view.title} — {figures.month} — {area_name(figures)}"])
        sheet["A1"].font = bold
        sheet.append(list(view.header))
        for cell in sheet[2]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in view.rows:
            sheet.append([cell_value(cell, shown) for cell in row])
        sheet.append([])
        sheet.append([RULE_TEXT])
        for index, _ in enumerate(view.header):
            sheet.column_dimensions[chr(ord("A") + index)].width = 24
        sheet.freeze_panes = "A3"
    book.save(path)


def write_pdf(figures: MonthFigures, shown: Disclosure, path: Path, *, made: date) -> None:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    import kiosk.handouts.fonts as fonts

    fonts.register_fonts()
    title = ParagraphStyle("title", fontName=fonts.BOLD, fontSize=16, leading=20)
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=10, leading=13)
    small = ParagraphStyle("small", fontName=fonts.REGULAR, fontSize=8, leading=10)
    story: list[object] = [
        Paragraph(escape(f"Báo cáo tháng {figures.month} / Month report {figures.month}"), title),
        Paragraph(escape(f"{area_name(figures)} — {len(figures.points)} điểm / points"), body),
        Spacer(1, 4 * mm),
    ]
    totals = [[MEASURE_WORDS[m], shown.text(key(m, *AREA), vietnamese_number)] for m in AREA_MEASURES]
    table = Table(totals, colWidths=(90 * mm, 40 * mm))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, HexColor("#b0b0b0")),
            ]
        )
    )
    story += [table, Spacer(1, 6 * mm)]
    by_commune = figures.commune is None and len(figures.communes) > 1
    if by_commune:
        labels = [commune or "?" for _province, commune in figures.communes]
        keys = [key("visits", "commune", c) for c in figures.communes]
        heading = "Lượt khách theo xã / Visits by commune"
    else:
        labels = [p.name for p in figures.points]
        keys = [key("visits", "point", p.id) for p in figures.points]
        heading = "Lượt khách theo điểm / Visits by point"
    story.append(Paragraph(escape(heading), body))
    if keys:
        story.append(_bar_chart(labels, keys, shown, fonts.REGULAR))
    languages = ", ".join(f"{code} {shown.text(key('language', code))}" for code in sorted(figures.languages))
    story += [
        Spacer(1, 4 * mm),
        Paragraph(escape(f"Ngôn ngữ / Languages: {languages or '—'}"), body),
        Spacer(1, 6 * mm),
        Paragraph(escape(RULE_TEXT), small),
        Paragraph(
            escape(
                f"Lập ngày / Made on {made.isoformat()} từ các bản xuất đã kiểm chữ ký / from signed exports"
                + ("" if not figures.include_demo else " — gồm dữ liệu thử / demo data included")
            ),
            small,
        ),
    ]
    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        title=f"Month report {figures.month}",
        author="kiosk hub",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    document.build(story)  # type: ignore[arg-type]


def _bar_chart(labels: Sequence[str], keys: Sequence[Hashable], shown: Disclosure, font: str) -> Any:
    """Bars of the shown values; a hidden ("<5") or withheld ("x") one is drawn as 0 and labelled so."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib.colors import HexColor

    width, height = 480, 200  # points: 170 x 70 mm
    drawing = Drawing(width, height + 30)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 40, width - 50, height - 20
    values = [shown.value(k) or 0 for k in keys]
    chart.data = [values]
    chart.categoryAxis.categoryNames = [label[:18] for label in labels]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(labels) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 6 else "n"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = HexColor("#3b6ea5")
    drawing.add(chart)
    step = chart.width / max(1, len(keys))
    top = float(max(values)) if values and max(values) > 0 else 1.0
    for index, k in enumerate(keys):
        text = shown.text(k)
        y = chart.y + chart.height * (values[index] / top) + 3 if top else chart.y + 3
        drawing.add(
            String(chart.x + step * (index + 0.5), y, text, fontName=font, fontSize=7, textAnchor="middle")
        )
    return drawing


@dataclass(frozen=True)
class WrittenReport:
    workbook: Path
    pdf: Path
    csvs: tuple[Path, ...]
    withheld: int


def write_report(figures: MonthFigures, titles: Titles, out: Path, *, made: date) -> WrittenReport:
    """Every file of the report in ``out`` (made if missing), named by month and area."""
    out.mkdir(parents=True, exist_ok=True)
    shown = figures.disclosure()
    all_views = views(figures, titles)
    stem = f"hub-report-{figures.month}"
    if figures.commune is not None:
        stem += "-" + "".join(c if c.isalnum() else "-" for c in figures.commune)
    workbook = out / f"{stem}.xlsx"
    write_workbook(figures, all_views, shown, workbook)
    csvs = []
    for view in all_views:
        path = out / f"{stem}-{view.name}.csv"
        write_csv(view, shown, path)
        csvs.append(path)
    pdf = out / f"{stem}.pdf"
    write_pdf(figures, shown, pdf, made=made)
    return WrittenReport(workbook, pdf, tuple(csvs), len(shown.withheld()))
