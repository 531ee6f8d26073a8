"""report.pdf as a commune official reads it: Vietnamese first, counts by the disclosure rule."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pypdf import PdfReader

from kiosk.export.counts import DailyRow
from kiosk.export.figures import report_figures
from kiosk.export.guided import GuidedFigures
from kiosk.export.published import PublishedReport
from kiosk.export.report import ReportHeader, build_report
from kiosk.stats.db import open_database
from kiosk.stats.demo import demo_data
from kiosk.stats.disclosure import shown_count, vietnamese_number
from tests.helpers.stats import SOURCE, TUTORIALS, PlannedVisit, export, fill

HEADER = ReportHeader(
    point_name="Điểm hỗ trợ kỹ năng số xã Tả Van",
    kiosk_id="5f0c3a9e2b7d4c1aa8e6f3d2c1b0a987",
    software_version="0.1.0",
    made_at=datetime(2026, 11, 24, 8, 30, tzinfo=UTC),
    offset=timedelta(hours=7),
)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _fonts(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources["/Font"].values():  # type: ignore[index]
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def _row(day: date, tutorial: str, visits: int, **counts: int) -> DailyRow:
    row = DailyRow(day, tutorial, "vi", "self", 0, visits=visits, **counts)
    if not tutorial:
        row.large_text_visits = row.large_text_visits or 0
        row.high_contrast_visits = row.high_contrast_visits or 0
        row.feedback_unhappy = row.feedback_neutral = row.feedback_happy = 0
    return row


NO_GUIDED = GuidedFigures(outcomes=(), profile=())


def _pdf(figures: object, titles: dict[str, str]) -> bytes:
    assert hasattr(figures, "totals")
    published = PublishedReport(figures, NO_GUIDED)  # type: ignore[arg-type]
    return build_report(figures, HEADER, titles, published.text)  # type: ignore[arg-type]


def test_small_counts_are_hidden_zero_is_not_and_the_rest_are_rounded() -> None:
    assert [shown_count(n, number=vietnamese_number) for n in (0, 1, 4, 5, 1234, 1234567)] == [
        "0",
        "<5",
        "<5",
        "5",
        "1.235",
        "1.234.565",
    ]


def test_the_report_reads_in_vietnamese_with_the_counts(tmp_path: Path) -> None:
    rows = [
        _row(
            date(2026, 11, 20), "", 40, runs=50, completions=30, handouts=20, qr_shown=3, large_text_visits=7
        ),
        _row(date(2026, 11, 20), "vneid-install", 35, runs=37, completions=28, handouts=19),
        _row(date(2026, 11, 20), "qr-pay-bill", 3, runs=3, completions=2, handouts=1),
    ]
    figures = report_figures(rows, None, date(2026, 11, 24))
    text = _text(_pdf(figures, dict(SOURCE.tutorial_titles)))
    flat = re.sub(r"\s+", " ", text)
    assert "BÁO CÁO HOẠT ĐỘNG ĐIỂM HỖ TRỢ KỸ NĂNG SỐ" in flat
    assert "Điểm hỗ trợ kỹ năng số xã Tả Van" in flat
    assert "20/11/2026 – 24/11/2026" in flat
    # Rounded to the nearest 5: 37 started, 28 completed, 19 handouts.
    assert "Cài ứng dụng VNeID an toàn 35 30 20" in flat
    # qr-pay-bill's small counts are hidden; so is the small QR total.
    assert "Trả tiền điện, nước bằng mã QR <5 <5 <5" in flat
    assert "Mã QR đã hiện để quét QR codes shown <5" in flat
    assert "Lượt khách Visits 40" in flat
    assert "Tiếng Việt (vi) 40" in flat
    assert "DỮ LIỆU MẪU" not in flat


def test_fonts_are_embedded_noto_sans() -> None:
    figures = report_figures([_row(date(2026, 11, 20), "", 12)], None, date(2026, 11, 24))
    fonts = _fonts(_pdf(figures, {}))
    assert fonts
    assert all("NotoSans" in name or "KioskNotoSans" in name for name in fonts), fonts


def test_demo_data_is_marked_as_such(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    database = open_database(path)
    try:
        demo_data(database, 60, tutorials=TUTORIALS, seed=2)
    finally:
        database.close()
    target = tmp_path / "stick"
    target.mkdir()
    folder = export(path, target).folder
    flat = re.sub(r"\s+", " ", _text((folder / "report.pdf").read_bytes()))
    assert "DỮ LIỆU MẪU – KHÔNG PHẢI SỐ LIỆU THẬT" in flat


def test_real_visits_leave_demo_ones_out(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    database = open_database(path)
    try:
        demo_data(database, 60, tutorials=TUTORIALS, seed=2)
    finally:
        database.close()
    fill(path, [(datetime(2026, 11, 24, 2, 0, tzinfo=UTC), PlannedVisit())] * 6)
    target = tmp_path / "stick"
    target.mkdir()
    folder = export(path, target).folder
    flat = re.sub(r"\s+", " ", _text((folder / "report.pdf").read_bytes()))
    assert "DỮ LIỆU MẪU – KHÔNG PHẢI" not in flat
    assert "lượt khách mẫu (dữ liệu tập huấn) không được tính ở đây" in flat
    # 6 visits, rounded to the nearest 5.
    assert "Lượt khách Visits 5" in flat
