"""Guided sessions in the export: exact in the signed day file, by the disclosure rule in the report.

Outcomes leave per day; the profile per closed month only.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

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

# 1 December, 08:30 in Vietnam: October and November are over.
MADE = datetime(2026, 12, 1, 1, 30, 12, tzinfo=UTC)


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


def _export(database: Path, target: Path, since: date | None = None, made: datetime = MADE) -> ExportResult:
    source = ExportSource.for_this_kiosk(catalogue=load_catalogue(packs_dir(), ("vi",)))
    target.mkdir(exist_ok=True)
    job = ExportJob(target, source, database_path=database, offset=VIETNAM, clock=lambda: made, since=since)
    return job.run()


def _day_file(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "day_counts.json").read_text(encoding="ascii"))
    return data


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _report(folder: Path) -> str:
    reader = PdfReader(io.BytesIO((folder / "report.pdf").read_bytes()))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() or "" for page in reader.pages))


def test_outcomes_leave_as_exact_daily_counts_in_the_day_file(database: Path, tmp_path: Path) -> None:
    folder = _export(database, tmp_path / "stick").folder
    outcomes = {day["date"]: day["guided_outcomes"] for day in _day_file(folder)["days"]}
    assert outcomes == {
        "2026-10-15": {},
        "2026-11-20": {"vneid-install": {"achieved": {"vneid-installed": 6}}},
        "2026-11-24": {"vneid-activate": {"not-finished": {"sms-code-missing": 2}}},
    }


def test_the_profile_leaves_per_closed_month_each_attribute_alone(database: Path, tmp_path: Path) -> None:
    folder = _export(database, tmp_path / "stick").folder
    months = {month["month"]: month for month in _day_file(folder)["profile_months"]}
    assert sorted(months) == ["2026-10", "2026-11"]
    november = months["2026-11"]
    assert november["profile"] == {"noted": 8}
    assert november["age-band"] == {"under-60": 2, "60-plus": 6}
    assert november["need"] == {"sight": 0, "hearing": 0, "movement": 0, "reading": 2, "none": 6}
    # No day, no visit, no language: the profile is never crossed with anything.
    assert set(november) == {"month", "demo", "profile", "age-band", "need"}
    report = _csv(folder / "report_figures.csv")
    profile = {(r["item"], r["measure"]): r["shown"] for r in report if r["section"] == "profile"}
    # In the report: October and November together; 0 to 4 read "<5", the rest rounded.
    assert profile[("profile", "noted")] == "10"
    assert profile[("age-band", "60-plus")] == "5"
    assert {profile[("need", value)] for value in ("sight", "hearing", "movement", "reading")} == {"<5"}


def test_a_month_that_is_not_over_keeps_its_profile(database: Path, tmp_path: Path) -> None:
    """Exported on 25 November: November's profile would be a running total, so it waits."""
    made = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
    folder = _export(database, tmp_path / "stick", made=made).folder
    day_file = _day_file(folder)
    assert [month["month"] for month in day_file["profile_months"]] == ["2026-10"]
    # The days themselves are in, up to the 24th.
    assert day_file["last_day"] == "2026-11-24"
    assert "2026-11-24" in {day["date"] for day in day_file["days"]}


def test_every_file_is_in_the_manifest_and_checked(database: Path, tmp_path: Path) -> None:
    result = _export(database, tmp_path / "stick")
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    day_file = manifest["files"]["day_counts.json"]
    assert day_file["bytes"] == (result.folder / "day_counts.json").stat().st_size
    assert verify_export(result.folder) == []
    path = result.folder / "day_counts.json"
    path.write_bytes(path.read_bytes().replace(b'"vneid-installed": 6', b'"vneid-installed": 7'))
    assert verify_export(result.folder) == [
        "day_counts.json: SHA-256 differs from the manifest (the file was changed or damaged)"
    ]


def test_since_starts_on_the_first_of_its_month(database: Path, tmp_path: Path) -> None:
    folder = _export(database, tmp_path / "stick", since=date(2026, 11, 21)).folder
    day_file = _day_file(folder)
    assert [day["date"] for day in day_file["days"]] == ["2026-11-20", "2026-11-24"]
    assert [month["month"] for month in day_file["profile_months"]] == ["2026-11"]


def test_the_report_shows_outcomes_and_the_profile_with_small_counts_hidden(
    database: Path, tmp_path: Path
) -> None:
    text = _report(_export(database, tmp_path / "stick").folder)
    assert "6. Kết quả các buổi có hướng dẫn" in text
    assert "Cài ứng dụng VNeID an toàn" in text
    assert "Đã làm được: Đã cài ứng dụng VNeID từ CH Play hoặc App Store 5" in text
    assert "Chưa làm xong vì: Không nhận được mã qua tin nhắn <5" in text
    assert "7. Người được hướng dẫn" in text
    assert "Số người được ghi nhận Profiles noted 10" in text
    assert "Từ 60 tuổi trở lên 60 and over 5" in text
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
    assert {day["demo"] for day in _day_file(folder)["days"] if day["guided_outcomes"]} == {True}
    fill(path, [(datetime(2026, 11, 24, 2, 0, tzinfo=UTC), _guided(achieved=("vneid-installed",)))])
    text = _report(_export(path, tmp_path / "with-real").folder)
    assert "Đã làm được: Đã cài ứng dụng VNeID từ CH Play hoặc App Store <5" in text
    assert "Chưa làm xong vì" not in text


def test_practised_on_the_kiosk_is_counted_like_the_other_outcomes(database: Path, tmp_path: Path) -> None:
    from kiosk.stats.recorder import VisitRecorder
    from tests.helpers.stats import Clock

    opened = open_database(database)
    recorder = VisitRecorder(opened, clock=Clock(datetime(2026, 11, 20, 3, tzinfo=UTC)), offset=VIETNAM)
    try:
        for _ in range(6):
            recorder.record_outcomes("vneid-activate", [], practised=True)
        assert recorder.flush(10)
    finally:
        recorder.close()
        opened.close()
    folder = _export(database, tmp_path / "stick").folder
    days = {day["date"]: day["guided_outcomes"] for day in _day_file(folder)["days"]}
    assert days["2026-11-20"]["vneid-activate"] == {"practised": {"on-kiosk": 6}}
    rows = _csv(folder / "report_figures.csv")
    assert {
        "section": "outcome",
        "item": "vneid-activate",
        "measure": "practised:on-kiosk",
        "shown": "5",
    } in rows
    assert "Đã tập làm trên máy kiosk (Thử làm) 5" in _report(folder)
