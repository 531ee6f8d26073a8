"""Guided sessions in the export: outcome and profile counts, in the manifest, checked, and in the report."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.export.job import ExportJob, ExportResult, ExportSource
from kiosk.export.verify import verify_export
from kiosk.stats.codes import AgeBand, Need, VisitMode
from kiosk.stats.db import open_database
from kiosk.stats.demo import demo_data
from tests.helpers.stats import REASONS, TUTORIALS, VIETNAM, PlannedVisit, fill

MADE = datetime(2026, 11, 24, 8, 30, 12, tzinfo=UTC)


def _guided(**fields: object) -> PlannedVisit:
    return PlannedVisit(mode=VisitMode.GUIDED, **fields)  # type: ignore[arg-type]


def _plans() -> list[tuple[datetime, PlannedVisit]]:
    installed = _guided(achieved=("vneid-installed",), age_band=AgeBand.SIXTY_PLUS, needs=frozenset())
    plans = [(datetime(2026, 11, 20, 2, n, tzinfo=UTC), installed) for n in range(6)]
    # 17:30 UTC on 23 Nov is 00:30 on the 24th in Vietnam.
    stuck = _guided(
        tutorial="vneid-activate",
        completed=False,
        reasons=("sms-code-missing",),
        age_band=AgeBand.UNDER_60,
        needs=frozenset({Need.READING}),
    )
    plans += [
        (datetime(2026, 11, 23, 17, 30, tzinfo=UTC), stuck),
        (datetime(2026, 11, 24, 1, 0, tzinfo=UTC), stuck),
    ]
    # October: one guided visit with a profile, nothing else.
    plans.append((datetime(2026, 10, 15, 3, 0, tzinfo=UTC), _guided(age_band=AgeBand.SIXTY_PLUS, needs=None)))
    return plans


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "statistics.sqlite3"
    fill(path, _plans())
    return path


def _export(database: Path, target: Path, since: date | None = None) -> ExportResult:
    source = ExportSource.for_this_kiosk(catalogue=load_catalogue(packs_dir(), ("vi",)))
    target.mkdir(exist_ok=True)
    job = ExportJob(target, source, database_path=database, offset=VIETNAM, clock=lambda: MADE, since=since)
    return job.run()


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _report(folder: Path) -> str:
    reader = PdfReader(io.BytesIO((folder / "report.pdf").read_bytes()))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() or "" for page in reader.pages))


def test_outcomes_leave_as_exact_daily_counts(database: Path, tmp_path: Path) -> None:
    folder = _export(database, tmp_path / "stick").folder
    rows = [
        (r["date"], r["tutorial_id"], r["kind"], r["code"], r["demo"], r["count"])
        for r in _csv(folder / "outcome_counts.csv")
    ]
    assert rows == [
        ("2026-11-20", "vneid-install", "achieved", "vneid-installed", "0", "6"),
        ("2026-11-24", "vneid-activate", "not-finished", "sms-code-missing", "0", "2"),
    ]


def test_the_profile_leaves_per_month_with_every_cell_and_small_ones_hidden(
    database: Path, tmp_path: Path
) -> None:
    folder = _export(database, tmp_path / "stick").folder
    cells = {
        (r["month"], r["attribute"], r["value"]): r["count"] for r in _csv(folder / "profile_counts.csv")
    }
    assert len(cells) == 16  # two months, eight cells each
    assert cells[("2026-11", "profile", "noted")] == "8"
    assert cells[("2026-11", "age-band", "60-plus")] == "6"
    assert cells[("2026-11", "need", "none")] == "6"
    # 2 under-60s, 2 reading, 0 sight: all hidden alike.
    for value in ("under-60",):
        assert cells[("2026-11", "age-band", value)] == "<5"
    for value in ("reading", "sight", "hearing", "movement"):
        assert cells[("2026-11", "need", value)] == "<5"
    # October's single visitor: nothing can be told about them.
    assert {count for (month, _, _), count in cells.items() if month == "2026-10"} == {"<5"}


def test_both_files_are_in_the_manifest_and_checked(database: Path, tmp_path: Path) -> None:
    result = _export(database, tmp_path / "stick")
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    outcomes = manifest["files"]["outcome_counts.csv"]
    profile = manifest["files"]["profile_counts.csv"]
    assert (outcomes["rows"], outcomes["columns"]) == (
        2,
        ["date", "tutorial_id", "kind", "code", "demo", "count"],
    )
    assert (profile["rows"], profile["columns"]) == (16, ["month", "attribute", "value", "demo", "count"])
    assert (
        len(outcomes["sha256"]) == 64
        and outcomes["bytes"] == (result.folder / "outcome_counts.csv").stat().st_size
    )
    assert verify_export(result.folder) == []
    path = result.folder / "outcome_counts.csv"
    path.write_bytes(path.read_bytes().replace(b",6\r\n", b",7\r\n"))
    assert verify_export(result.folder) == [
        "outcome_counts.csv: SHA-256 differs from the manifest (the file was changed or damaged)"
    ]


def test_since_leaves_out_earlier_days(database: Path, tmp_path: Path) -> None:
    folder = _export(database, tmp_path / "stick", since=date(2026, 11, 21)).folder
    assert [r["date"] for r in _csv(folder / "outcome_counts.csv")] == ["2026-11-24"]
    profile = _csv(folder / "profile_counts.csv")
    assert {r["month"] for r in profile} == {"2026-11"}
    assert {r["count"] for r in profile} == {"<5"}


def test_the_report_shows_outcomes_and_the_profile_with_small_counts_hidden(
    database: Path, tmp_path: Path
) -> None:
    text = _report(_export(database, tmp_path / "stick").folder)
    assert "6. Kết quả các buổi có hướng dẫn" in text
    assert "Cài ứng dụng VNeID an toàn" in text
    assert "Đã làm được: Đã cài ứng dụng VNeID từ CH Play hoặc App Store 6" in text
    assert "Chưa làm xong vì: Không nhận được mã qua tin nhắn <5" in text
    assert "7. Người được hướng dẫn" in text
    assert "Số người được ghi nhận Profiles noted 9" in text
    assert "Từ 60 tuổi trở lên 60 and over 7" in text
    assert "Dưới 60 tuổi Under 60 <5" in text
    assert "Cần hỗ trợ về nghe Needs help hearing <5" in text


def test_demo_counts_stay_out_of_a_report_of_real_visits(tmp_path: Path) -> None:
    path = tmp_path / "statistics.sqlite3"
    database = open_database(path)
    try:
        demo_data(database, 300, tutorials=TUTORIALS, reasons=REASONS, seed=3, now=MADE)
    finally:
        database.close()
    folder = _export(path, tmp_path / "demo-only").folder
    demo_text = _report(folder)
    assert "DỮ LIỆU MẪU" in demo_text and "Đã làm được:" in demo_text
    assert {r["demo"] for r in _csv(folder / "outcome_counts.csv")} == {"1"}
    fill(path, [(datetime(2026, 11, 24, 2, 0, tzinfo=UTC), _guided(achieved=("vneid-installed",)))])
    text = _report(_export(path, tmp_path / "with-real").folder)
    assert "Đã làm được: Đã cài ứng dụng VNeID từ CH Play hoặc App Store <5" in text
    assert "Chưa làm xong vì" not in text
