"""ExportJob: a new folder with counts of whole days, never a visit; checked back; local data untouched."""

from __future__ import annotations

import errno
import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from kiosk import __version__
from kiosk.export import job as job_module
from kiosk.export.errors import ExportError, ExportTrouble
from kiosk.export.files import ExportFolder
from kiosk.export.job import ExportProgress
from kiosk.export.verify import verify_export
from kiosk.stats.recorder import EndReason, Feedback, VisitMode
from tests.helpers.stats import SOURCE, VIETNAM, PlannedVisit, export, fill

PLANS = [
    (
        datetime(2026, 11, 20, 2, 37, 51, tzinfo=UTC),
        PlannedVisit(handout=True, feedback=Feedback.HAPPY, large_text=True),
    ),
    (
        datetime(2026, 11, 20, 2, 50, tzinfo=UTC),
        PlannedVisit(
            mode=VisitMode.GUIDED, tutorial="qr-pay-bill", completed=False, qr=True, end=EndReason.HOME
        ),
    ),
    # 23:10 UTC on 23 Nov is 06:10 on 24 Nov at the point (UTC+7).
    (
        datetime(2026, 11, 23, 23, 10, tzinfo=UTC),
        PlannedVisit(language="en", tutorial=None, end=EndReason.IDLE),
    ),
    (datetime(2026, 11, 24, 1, 5, tzinfo=UTC), PlannedVisit(mode=VisitMode.GUIDED, high_contrast=True)),
    (datetime(2026, 10, 15, 3, 0, tzinfo=UTC), PlannedVisit(feedback=Feedback.UNHAPPY)),
]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "statistics.sqlite3"
    fill(path, PLANS)
    return path


@pytest.fixture
def target(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def _day_file(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "day_counts.json").read_text(encoding="ascii"))
    return data


def test_the_export_holds_counts_of_what_was_recorded_and_no_visit(database: Path, target: Path) -> None:
    result = export(database, target)
    assert result.folder == target / "digital-literacy-kiosk" / "export-20261125T0130Z-5f0c3a9e"
    assert sorted(p.name for p in result.folder.iterdir()) == [
        "day_counts.json",
        "manifest.json",
        "manifest.json.minisig",
        "report.pdf",
        "report_figures.csv",
        "step_difficulty.csv",
    ]
    assert (result.visits, result.tutorial_runs) == (5, 4)
    day_file = _day_file(result.folder)
    assert day_file["format"] == "kiosk-day-counts/2"
    assert (day_file["first_day"], day_file["last_day"]) == ("2026-10-15", "2026-11-24")
    days = {(day["date"], day["demo"]): day for day in day_file["days"]}
    assert sorted(days) == [("2026-10-15", False), ("2026-11-20", False), ("2026-11-24", False)]
    twentieth = days[("2026-11-20", False)]
    # Each attribute is counted on its own: languages, modes, comfort, feedback; no crossing.
    assert twentieth["visits"] == 2
    assert twentieth["visits_by_language"] == {"vi": 2}
    assert twentieth["visits_by_mode"] == {"guided": 1, "self": 1}
    assert (twentieth["large_text_visits"], twentieth["high_contrast_visits"]) == (1, 0)
    assert twentieth["feedback"] == {"happy": 1, "neutral": 0, "unhappy": 0}
    assert twentieth["tutorials"] == {
        "qr-pay-bill": {"completions": 0, "handouts": 0, "qr_shown": 1, "runs": 1, "visits": 1},
        "vneid-install": {"completions": 1, "handouts": 1, "qr_shown": 0, "runs": 1, "visits": 1},
    }
    # The visit at 23:10 UTC belongs to the 24th in Vietnam.
    assert days[("2026-11-24", False)]["visits_by_language"] == {"en": 1, "vi": 1}
    assert days[("2026-11-24", False)]["high_contrast_visits"] == 1
    assert sum(day["visits"] for day in days.values()) == 5
    text = (result.folder / "day_counts.json").read_text(encoding="ascii")
    # No visit's time, id or row: nothing finer than a day.
    assert ":37" not in text and "visit_id" not in text and "02:00" not in text


def test_only_days_that_are_over_leave(database: Path, target: Path) -> None:
    """Exported on the 24th in the evening: the 24th is not over, so its visits wait for the next export."""
    job = job_module.ExportJob(
        target,
        SOURCE,
        database_path=database,
        offset=VIETNAM,
        clock=lambda: datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
    )
    result = job.run()
    assert (result.visits, result.tutorial_runs) == (3, 3)
    day_file = _day_file(result.folder)
    assert day_file["last_day"] == "2026-11-23"
    assert [day["date"] for day in day_file["days"]] == ["2026-10-15", "2026-11-20"]


def test_the_manifest_describes_every_file(database: Path, target: Path) -> None:
    result = export(database, target)
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kiosk_id"] == SOURCE.kiosk_id
    assert manifest["point_name"] == SOURCE.point_name
    assert manifest["software_version"] == __version__
    assert manifest["schema_version"] == "0004"
    assert manifest["created"] == "2026-11-25T01:30Z"
    assert manifest["utc_offset"] == "+07:00"
    # Whole local days; no visit's hour.
    assert manifest["date_range"] == {"since": None, "first_day": "2026-10-15", "last_day": "2026-11-24"}
    assert manifest["demo_visits"] == 0
    for name, entry in manifest["files"].items():
        data = (result.folder / name).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["files"]["report_figures.csv"]["columns"] == ["section", "item", "measure", "shown"]
    assert verify_export(result.folder) == []


def test_since_starts_at_the_first_of_its_month(database: Path, target: Path) -> None:
    result = export(database, target, since=date(2026, 11, 24))
    day_file = _day_file(result.folder)
    # Whole months: the 20th is in, October is not.
    assert [day["date"] for day in day_file["days"]] == ["2026-11-20", "2026-11-24"]
    assert (result.visits, result.tutorial_runs) == (4, 3)
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert manifest["date_range"]["since"] == "2026-11-01"


def test_every_export_gets_a_new_folder(database: Path, target: Path) -> None:
    first = export(database, target)
    before = {p.name: p.read_bytes() for p in first.folder.iterdir()}
    second = export(database, target)
    assert second.folder.name == f"{first.folder.name}-2"
    assert {p.name: p.read_bytes() for p in first.folder.iterdir()} == before
    assert verify_export(first.folder) == [] and verify_export(second.folder) == []


def test_an_export_never_changes_the_local_data(database: Path, target: Path) -> None:
    def state() -> tuple[bytes, float]:
        return database.read_bytes(), database.stat().st_mtime

    before = state()
    export(database, target)
    assert state() == before
    wal = database.with_name(database.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_progress_runs_from_start_to_one(database: Path, target: Path) -> None:
    seen: list[ExportProgress] = []
    export(database, target, progress=seen.append)
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert {"visits", "tutorial runs", "day_counts.json", "manifest.json", "verify", "done"} <= {
        p.stage for p in seen
    }


def test_the_manifest_is_written_last(database: Path, target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    order: list[str] = []
    original = ExportFolder.write

    def spy(self: ExportFolder, name: str, *args: object, **kwargs: object) -> object:
        order.append(name)
        return original(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ExportFolder, "write", spy)
    export(database, target)
    assert order[-1] == "manifest.json"
    assert order.count("manifest.json") == 1


def test_not_enough_space_writes_nothing(
    database: Path, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kiosk.export.job.shutil.disk_usage", lambda _path: SimpleNamespace(free=1_000))
    with pytest.raises(ExportError) as raised:
        export(database, target)
    assert raised.value.trouble is ExportTrouble.NOT_ENOUGH_SPACE
    assert raised.value.free == 1_000
    assert raised.value.needed is not None and raised.value.needed > 1_000
    assert "needs about" in raised.value.message and "Nothing was written" in raised.value.message
    assert list(target.iterdir()) == []


def test_a_failure_part_way_removes_everything(
    database: Path, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = ExportFolder.write

    def fail_on_report(self: ExportFolder, name: str, *args: object, **kwargs: object) -> object:
        if name == "report.pdf":
            raise OSError(errno.EIO, "Input/output error")
        return original(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ExportFolder, "write", fail_on_report)
    with pytest.raises(ExportError) as raised:
        export(database, target)
    assert raised.value.trouble is ExportTrouble.IO_ERROR
    assert list(target.iterdir()) == []


def test_cancel_removes_what_was_written(database: Path, target: Path) -> None:
    jobs: list[object] = []

    def cancel_at_once(progress: ExportProgress) -> None:
        if progress.stage == "tutorial runs":
            jobs[0].cancel()  # type: ignore[attr-defined]

    job = job_module.ExportJob(
        target, SOURCE, database_path=database, progress=cancel_at_once, clock=lambda: datetime.now(UTC)
    )
    jobs.append(job)
    with pytest.raises(ExportError) as raised:
        job.run()
    assert raised.value.trouble is ExportTrouble.CANCELLED
    assert list(target.iterdir()) == []


def test_files_that_read_back_differently_are_not_declared_safe(
    database: Path, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(job_module, "verify_export", lambda *_a, **_k: ["visits.csv: SHA-256 differs"])
    with pytest.raises(ExportError) as raised:
        export(database, target)
    assert raised.value.trouble is ExportTrouble.VERIFY_FAILED
    assert "try another" in raised.value.message
    assert list(target.iterdir()) == []


def test_a_missing_target_is_a_clear_error(database: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as raised:
        export(database, tmp_path / "no-stick")
    assert raised.value.trouble is ExportTrouble.NOT_A_FOLDER
    assert raised.value.message.startswith(f"{tmp_path / 'no-stick'} does not exist. Nothing was written")


def test_no_statistics_yet_is_a_clear_error(tmp_path: Path, target: Path) -> None:
    with pytest.raises(ExportError) as raised:
        export(tmp_path / "none.sqlite3", target)
    assert raised.value.trouble is ExportTrouble.NO_STATISTICS
    assert list(target.iterdir()) == []
