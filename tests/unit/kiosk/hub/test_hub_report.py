"""``kiosk hub report``: the workbook, CSVs and PDF agree with the sums of the kiosks' day files,
by the disclosure rule over the combined area."""

from __future__ import annotations

import csv
import random
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from kiosk.hub.figures import AREA, MonthFigures, PointInfo, key
from kiosk.hub.report import Titles, views, write_report
from kiosk.stats.disclosure import THRESHOLD
from tests.unit.kiosk.hub.conftest import Exported
from tests.unit.kiosk.hub.kiosks import agrees, hub, last_month, sums

SHEETS = ["by-point", "by-lesson", "guided-outcomes", "languages", "trend"]


@pytest.fixture(scope="module")
def imported(exported: Exported, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("hub-db")
    status, text = hub("import", str(exported.stick), "--db", str(db))
    assert status == 0, text
    return db


def _rows(sheet: Worksheet) -> list[list[object]]:
    """The rows of a view: below its title and header, down to the blank row before the rule."""
    rows: list[list[object]] = []
    for row in sheet.iter_rows(min_row=3, values_only=True):
        if all(value is None for value in row):
            break
        rows.append(list(row))
    return rows


def test_workbook_numbers_are_the_day_files_sums(exported: Exported, imported: Path, tmp_path: Path) -> None:
    month = last_month()
    status, text = hub("report", "--month", month, "--out", str(tmp_path), "--db", str(imported), "--demo")
    assert status == 0, text
    stem = tmp_path / f"hub-report-{month}"
    assert f"Wrote {stem}.xlsx\nWrote {stem}.pdf\n" in text
    assert "3 points, " in text and "Demo data is counted in this report (--demo)" in text
    exact = sums(exported.folders, month)
    assert exact[("visits",)] > 0

    book = load_workbook(f"{stem}.xlsx")
    assert book.sheetnames == SHEETS
    by_point = _rows(book["by-point"])
    for kiosk in exported.kiosks:
        [row] = [row for row in by_point if row[2] == kiosk.name]
        assert row[:2] == [kiosk.province, kiosk.commune]
        for column, measure in zip(row[3:7], ("visits", "guided", "completions", "handouts"), strict=True):
            assert agrees(column, exact[(measure, kiosk.kiosk_id)]), (kiosk.name, measure, column)
    total = next(row for row in by_point if row[2] == "Tổng / Total")
    for column, measure in zip(total[3:7], ("visits", "guided", "completions", "handouts"), strict=True):
        assert agrees(column, exact[(measure,)]), (measure, column)
    # Bắc Hà's two points make its commune total; Tả Van's one point is its own.
    bac_ha = next(row for row in by_point if row[1] == "Bắc Hà" and row[2] == "Cộng xã / Commune total")
    both = [k.kiosk_id for k in exported.kiosks if k.commune == "Bắc Hà"]
    assert agrees(bac_ha[3], sum(exact[("visits", kiosk)] for kiosk in both))

    lessons = _rows(book["by-lesson"])
    measures = ("visits", "runs", "completions", "handouts", "qr_shown")
    for row in lessons:
        if row[0] and row[0] != "Tổng / Total" and row[1] != "Tổng / Total":
            for column, measure in zip(row[2:7], measures, strict=True):
                assert agrees(column, exact[("lesson", measure, str(row[0]))]), (row[0], measure, column)
    languages = {row[0]: row[1] for row in _rows(book["languages"]) if row[0]}
    for code, shown in languages.items():
        if code != "Tổng / Total":
            assert agrees(shown, exact[("language", str(code))]), (code, shown)
    trend = {row[0]: row[1:4] for row in _rows(book["trend"]) if row[0] and len(str(row[0])) == 7}
    assert agrees(trend[month][0], exact[("visits",)])
    for name, (visits, guided, completions) in trend.items():
        counts = sums(exported.folders, str(name))
        assert agrees(visits, counts[("visits",)]) and agrees(guided, counts[("guided",)]), name
        assert agrees(completions, counts[("completions",)]), name
    outcomes = [row for row in _rows(book["guided-outcomes"]) if row[3] is not None]
    assert outcomes, "demo data has guided outcomes"

    # The CSV files hold the same texts as the workbook.
    with (tmp_path / f"hub-report-{month}-by-point.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][:3] == ["Tỉnh / Province", "Xã / Commune", "Điểm / Point"]
    assert [row[3] for row in rows[1:]] == [str(row[3]) for row in by_point[: len(rows) - 1]]
    # The PDF names the month and the area, with the same total.
    page = PdfReader(f"{stem}.pdf").pages[0].extract_text()
    assert f"Month report {month}" in page and "Lào Cai — 3 điểm / points" in page
    shown_total = total[3] if isinstance(total[3], str) else f"{total[3]:,}".replace(",", ".")
    assert f"Lượt khách / Visits\n{shown_total}\n" in page


def test_no_published_count_is_from_1_to_4(imported: Path, tmp_path: Path) -> None:
    month = last_month()
    assert hub("report", "--month", month, "--out", str(tmp_path), "--db", str(imported), "--demo")[0] == 0
    book = load_workbook(tmp_path / f"hub-report-{month}.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=3, values_only=True):
            for value in row:
                assert not (isinstance(value, int) and 1 <= value < THRESHOLD), (sheet.title, row)
                assert not (isinstance(value, int) and value % 5), (sheet.title, row)


def test_demo_days_are_left_out_unless_asked_and_a_commune_alone(
    exported: Exported, imported: Path, tmp_path: Path
) -> None:
    month = last_month()
    status, text = hub("report", "--month", month, "--out", str(tmp_path / "real"), "--db", str(imported))
    assert status == 0, text
    total = _rows(load_workbook(tmp_path / "real" / f"hub-report-{month}.xlsx")["by-point"])
    assert next(row for row in total if row[2] == "Tổng / Total")[3:7] == [0, 0, 0, 0]

    out = tmp_path / "ta-van"
    status, text = hub(
        "report", "--month", month, "--commune", "Tả Van", "--out", str(out), "--db", str(imported), "--demo"
    )
    assert status == 0, text
    assert "1 points, " in text
    book = load_workbook(out / f"hub-report-{month}-Tả-Van.xlsx")
    names = [row[2] for row in _rows(book["by-point"]) if row[2]]
    assert names[0] == "Trạm y tế Tả Van" and "Chợ Bắc Hà" not in names
    [ta_van] = [k for k in exported.kiosks if k.commune == "Tả Van"]
    point = next(row for row in _rows(book["by-point"]) if row[2] == ta_van.name)
    assert agrees(point[3], sums([exported.folders[2]], month)[("visits", ta_van.kiosk_id)])

    status, text = hub(
        "report", "--month", month, "--commune", "Nowhere", "--out", str(out), "--db", str(imported)
    )
    assert (status, text) == (
        1,
        "error: the hub holds no export of commune 'Nowhere'; import the kiosks' exports first\n",
    )
    status, text = hub("report", "--month", "2026-13", "--out", str(out), "--db", str(imported))
    assert (status, text) == (1, "error: --month '2026-13' is not a month like 2026-11\n")


def _figures(
    points: dict[tuple[str, str], int], guided: dict[tuple[str, str], int], languages: dict[str, int]
) -> MonthFigures:
    infos = [
        PointInfo(index, name, commune, "Hà Giang", 1, date(2026, 11, 30))
        for index, (commune, name) in enumerate(points)
    ]
    figures = MonthFigures("2026-11", None, False, infos)
    for info in infos:
        count, helped = points[(info.commune, info.name)], guided.get((info.commune, info.name), 0)
        for measure, value in (("visits", count), ("guided", helped), ("completions", 0), ("handouts", 0)):
            for unit in (("point", info.id), ("commune", info.place), AREA):
                figures.area[(measure, *unit)] = figures.area.get((measure, *unit), 0) + value
    figures.languages = languages
    figures.trend = {"2026-11": {}}
    return figures


def test_a_total_that_would_give_a_small_count_away_is_withheld(tmp_path: Path) -> None:
    # Privacy.md's example over a district: 7 visits, 5 in Vietnamese, one in Hmong, one in Tày.
    # "5, 5, <5, <5" would leave 7 - 5 = exactly 1 + 1; so the area's total reads "x".
    figures = _figures({("Xín Mần", "Chợ phiên"): 7}, {}, {"vi": 5, "hmn": 1, "tay": 1})
    shown = figures.disclosure()
    assert shown.text(key("language", "hmn")) == "<5"
    assert shown.text(key("visits", *AREA)) == "x"
    written = write_report(figures, Titles({}, {}, {}), tmp_path, made=date(2026, 12, 1))
    assert written.withheld >= 1
    languages = _rows(load_workbook(written.workbook)["languages"])
    assert languages[0] == ["hmn", "<5"] and languages[3] == ["Tổng / Total", "x"]
    by_point = _rows(load_workbook(written.workbook)["by-point"])
    assert next(row for row in by_point if row[2] == "Tổng / Total")[3] == "x"
    # Whatever else had to be withheld, each small count keeps more than one possible value.
    for cell_key, (low, high) in shown.ranges().items():
        if 1 <= shown.count(cell_key) < THRESHOLD:
            assert low < high, cell_key


def test_secondary_suppression_over_points_and_communes() -> None:
    # Two points in one commune: 9 and 2 visits. The point with 2 reads "<5"; the commune's 11
    # and the other point's 9 would give it away (11 - 9 = 2) if both were exact, and rounded
    # they must still leave it more than one value.
    rng = random.Random(7)
    for _ in range(200):
        points = {
            (rng.choice(("A", "B")), f"p{index}"): rng.choice((0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 30))
            for index in range(rng.randint(1, 5))
        }
        guided = {point: rng.randint(0, count) for point, count in points.items()}
        total = sum(points.values())
        vi = rng.randint(0, total)
        figures = _figures(points, guided, {"vi": vi, "hmn": total - vi} if total else {})
        shown = figures.disclosure()
        ranges = shown.ranges()
        for cell_key, (low, high) in ranges.items():
            count = shown.count(cell_key)
            if 1 <= count < THRESHOLD and shown.value(cell_key) is None:
                assert low < high, (points, guided, cell_key, count, ranges[cell_key])
        texts = [
            str(cell) for view in views(figures, Titles({}, {}, {})) for row in view.rows for cell in row
        ]
        assert texts
