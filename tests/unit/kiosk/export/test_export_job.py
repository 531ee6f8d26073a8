"""ExportJob: a new folder with what was recorded, coarsened; checked back; local data untouched."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk import __version__
from kiosk.export import job as job_module
from kiosk.export.errors import ExportError, ExportTrouble
from kiosk.export.files import ExportFolder
from kiosk.export.job import ExportProgress
from kiosk.export.verify import verify_export
from kiosk.stats.recorder import EndReason, Feedback, VisitMode
from tests.helpers.stats import SOURCE, PlannedVisit, export, fill

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


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_export_holds_what_was_recorded(database: Path, target: Path) -> None:
    result = export(database, target)
    assert result.folder == target / "digital-literacy-kiosk" / "export-20261124T0830Z-5f0c3a9e"
    assert sorted(p.name for p in result.folder.iterdir()) == [
        "daily_counts.csv",
        "manifest.json",
        "outcome_counts.csv",
        "profile_counts.csv",
        "report.pdf",
        "tutorial_runs.csv",
        "visits.csv",
    ]
    assert (result.visits, result.tutorial_runs) == (5, 4)
    visits = _csv(result.folder / "visits.csv")
    first = next(
        row for row in visits if row["started_hour_utc"] == "2026-11-20 02:00" and row["mode"] == "self"
    )
    # Times leave coarsened to the hour; nothing finer than that is in the file.
    assert first == {
        "visit_id": first["visit_id"],
        "started_hour_utc": "2026-11-20 02:00",
        "ended_hour_utc": "2026-11-20 02:00",
        "language": "vi",
        "mode": "self",
        "end_reason": "finished",
        "feedback": "3",
        "demo": "0",
    }
    assert ":37" not in (result.folder / "visits.csv").read_text()
    runs = _csv(result.folder / "tutorial_runs.csv")
    assert {row["visit_id"] for row in runs} <= {row["visit_id"] for row in visits}
    unfinished = next(row for row in runs if row["tutorial_id"] == "qr-pay-bill")
    assert unfinished == {
        "visit_id": unfinished["visit_id"],
        "tutorial_id": "qr-pay-bill",
        "content_version": "2026.11.24",
        "steps_total": "7",
        "furthest_step": "2",
        "completed": "0",
        "handout_printed": "0",
        "qr_shown": "1",
    }


def test_daily_counts_are_by_local_day_tutorial_language_and_mode(database: Path, target: Path) -> None:
    result = export(database, target)
    daily = {
        (row["date"], row["tutorial_id"], row["language"], row["mode"]): row
        for row in _csv(result.folder / "daily_counts.csv")
    }
    assert len(daily) == 9
    everyone = daily[("2026-11-20", "", "vi", "self")]
    assert {k: everyone[k] for k in ("visits", "runs", "completions", "handouts", "large_text_visits")} == {
        "visits": "1",
        "runs": "1",
        "completions": "1",
        "handouts": "1",
        "large_text_visits": "1",
    }
    assert everyone["feedback_happy"] == "1"
    tutorial = daily[("2026-11-20", "vneid-install", "vi", "self")]
    assert (tutorial["visits"], tutorial["completions"], tutorial["handouts"]) == ("1", "1", "1")
    # Comfort settings and feedback are counted on the day's all-visits rows only.
    assert (tutorial["large_text_visits"], tutorial["feedback_happy"]) == ("", "")
    # The visit at 23:10 UTC belongs to the 24th in Vietnam, and had no tutorial.
    assert daily[("2026-11-24", "", "en", "self")]["visits"] == "1"
    assert ("2026-11-23", "", "en", "self") not in daily
    assert daily[("2026-11-24", "", "vi", "guided")]["high_contrast_visits"] == "1"
    total = sum(int(row["visits"]) for key, row in daily.items() if key[1] == "")
    assert total == 5


def test_the_manifest_describes_every_file(database: Path, target: Path) -> None:
    result = export(database, target)
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kiosk_id"] == SOURCE.kiosk_id
    assert manifest["point_name"] == SOURCE.point_name
    assert manifest["software_version"] == __version__
    assert manifest["schema_version"] == "0002"
    assert manifest["created"] == "2026-11-24T08:30Z"
    assert manifest["utc_offset"] == "+07:00"
    assert manifest["date_range"] == {
        "since": None,
        "until": "2026-11-24",
        "first_visit_hour_utc": "2026-10-15 03:00",
        "last_visit_hour_utc": "2026-11-24 01:00",
    }
    assert manifest["demo_visits"] == 0
    for name, entry in manifest["files"].items():
        data = (result.folder / name).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["files"]["visits.csv"]["rows"] == 5
    assert manifest["files"]["tutorial_runs.csv"]["rows"] == 4
    assert verify_export(result.folder) == []


def test_since_keeps_only_later_local_days(database: Path, target: Path) -> None:
    result = export(database, target, since=date(2026, 11, 24))
    visits = _csv(result.folder / "visits.csv")
    assert sorted(row["started_hour_utc"] for row in visits) == ["2026-11-23 23:00", "2026-11-24 01:00"]
    assert len(_csv(result.folder / "tutorial_runs.csv")) == 1
    assert json.loads((result.folder / "manifest.json").read_text())["date_range"]["since"] == "2026-11-24"


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
    assert {"visits.csv", "tutorial_runs.csv", "manifest.json", "verify", "done"} <= {p.stage for p in seen}


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
        if progress.stage == "tutorial_runs.csv":
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
    assert raised.value.trouble is ExportTrouble.TARGET_GONE


def test_no_statistics_yet_is_a_clear_error(tmp_path: Path, target: Path) -> None:
    with pytest.raises(ExportError) as raised:
        export(tmp_path / "none.sqlite3", target)
    assert raised.value.trouble is ExportTrouble.NO_STATISTICS
    assert list(target.iterdir()) == []
