"""The privacy boundary of an export: what people read cannot single anyone out, alone or in pairs.

An export holds files for people (report.pdf and report_figures.csv, which print the same
texts) and one file for the district office's import (day_counts.json, exact but with no
visit and no attribute crossed with another). Each column and key below was reviewed with
one question: could it, alone or with the others, point at a person? One that is not on these
lists fails the test, so adding one means adding it here, with its reason, and having that
reviewed. The worst case closes the file: one unusual visitor on a quiet day.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kiosk.export.job import ExportJob, ExportResult
from kiosk.stats.codes import AgeBand, Feedback, Need, VisitMode
from kiosk.stats.db import open_database
from kiosk.stats.demo import demo_data
from kiosk.stats.disclosure import HIDDEN, WITHHELD
from tests.helpers.stats import REASONS, SOURCE, TUTORIALS, VIETNAM, PlannedVisit, export, fill

CODE = r"[A-Za-z0-9_-]*"
# A shown count: 0, hidden, withheld, or a multiple of 5 from 5 on.
SHOWN = rf"0|{re.escape(HIDDEN)}|{WITHHELD}|[1-9]\d*[05]|5"
# report_figures.csv: column -> (what may be in it, why it may leave the kiosk)
REPORT_COLUMNS: dict[str, tuple[str, str]] = {
    "section": (r"summary|feedback|tutorial|period|language|outcome|profile", "which table of the report"),
    "item": (
        r"[A-Za-z0-9_-]*|\d{4}-\d{2}-\d{2}",
        "a tutorial, language or profile code, or a period's first day",
    ),
    "measure": (r"[a-z0-9_:-]+", "what is counted: a fixed word, or an outcome or reason id from the pack"),
    "shown": (SHOWN, "a count by the disclosure rule, never 1 to 4"),
}
# day_counts.json: the keys of a day and of a month's profile; nothing else may be in them.
DAY_KEYS = {
    "date": "a local day that is over",
    "demo": "synthetic training data",
    "visits": "a count",
    "visits_by_language": "language -> count, on its own",
    "visits_by_mode": "self/guided -> count, on its own",
    "large_text_visits": "a count, on its own (may hint at a disability: never crossed with anything)",
    "high_contrast_visits": "a count, on its own (as above)",
    "feedback": "face -> count, on its own",
    "tutorials": "tutorial -> its own counts (visits, runs, completions, handouts, QR codes)",
    "guided_outcomes": "tutorial -> kind -> outcome or reason id -> count (a service, not a person)",
    "practice": "tutorial -> step -> its practice counts (how hard a step is, not who tried)",
}
# The counts of a practised step in a day's practice: nothing typed, no visit.
PRACTICE_MEASURES = {"practised", "attempts", "misses", "hints_shown", "shown_and_moved_on"}
# The kinds of a day's guided_outcomes: each a fixed word about the service, never about a visit.
OUTCOME_KINDS = {
    "achieved": "an outcome the visitor reached on their phone by themselves",
    "achieved-helped": "an outcome the visitor reached on their phone with help",
    "not-finished": "a reason a tutorial could not be finished",
    "practised": "the visitor practised the tutorial on the kiosk (code 'on-kiosk')",
}
MONTH_KEYS = {"month", "demo", "profile", "age-band", "need"}
ALLOWED_FILES = {
    "report.pdf",
    "report_figures.csv",
    "step_difficulty.csv",
    "day_counts.json",
    "manifest.json",
    "manifest.json.minisig",
}
ALLOWED_MANIFEST_FIELDS = {
    "format",
    "format_version",
    "kiosk_id",
    "kiosk_key",
    "point_name",
    "commune",
    "province",
    "software_version",
    "schema_version",
    "created",
    "utc_offset",
    "date_range",
    "demo_visits",
    "files",
    "manifest_sha256",
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("privacy")
    path = base / "statistics.sqlite3"
    database = open_database(path)
    try:
        demo_data(database, 300, tutorials=TUTORIALS, reasons=REASONS, seed=5)
    finally:
        database.close()
    guided = PlannedVisit(
        mode=VisitMode.GUIDED,
        achieved=("vneid-installed",),
        age_band=AgeBand.SIXTY_PLUS,
        needs=frozenset({Need.HEARING, Need.SIGHT}),
    )
    helped = PlannedVisit(
        mode=VisitMode.GUIDED,
        tutorial="vneid-activate",
        achieved=("level2-activated",),
        helped=("level2-activated",),
    )
    fill(
        path,
        [
            (
                datetime(2026, 11, 24, 2, 59, 59, tzinfo=UTC),
                PlannedVisit(large_text=True, high_contrast=True),
            ),
            (datetime(2026, 11, 24, 3, 30, tzinfo=UTC), guided),
            (datetime(2026, 11, 24, 3, 45, tzinfo=UTC), helped),
        ],
    )
    target = base / "stick"
    target.mkdir()
    return export(path, target).folder


def _report_rows(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "report_figures.csv").read_text(encoding="utf-8"))))


def _day_file(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "day_counts.json").read_text(encoding="ascii"))
    return data


def test_every_export_file_is_known(exported: Path) -> None:
    assert {path.name for path in exported.iterdir()} == ALLOWED_FILES


def test_the_report_csv_holds_only_reviewed_columns_and_shown_counts(exported: Path) -> None:
    rows = _report_rows(exported)
    assert rows
    rules = {name: re.compile(pattern) for name, (pattern, _why) in REPORT_COLUMNS.items()}
    for row in rows:
        assert set(row) == set(REPORT_COLUMNS)
        for column, value in row.items():
            assert rules[column].fullmatch(value), f"{column}={value!r} is not allowed"


def test_the_day_file_has_no_visit_and_crosses_nothing(exported: Path) -> None:
    day_file = _day_file(exported)
    assert set(day_file) == {"format", "note", "first_day", "last_day", "days", "profile_months"}
    assert day_file["days"]
    for day in day_file["days"]:
        assert set(day) == set(DAY_KEYS)
        assert all(isinstance(count, int) for count in day["visits_by_language"].values())
        assert set(day["visits_by_mode"]) <= {"self", "guided"}
        assert set(day["feedback"]) == {"unhappy", "neutral", "happy"}
        for counts in day["tutorials"].values():
            assert set(counts) == {"visits", "runs", "completions", "handouts", "qr_shown"}
        for kinds in day["guided_outcomes"].values():
            assert set(kinds) <= set(OUTCOME_KINDS)
        for steps in day["practice"].values():
            for counts in steps.values():
                assert set(counts) == PRACTICE_MEASURES
                assert all(isinstance(count, int) for count in counts.values())
    # The one helped outcome of 24 November is there, exactly, as its own kind.
    helped_day = next(d for d in day_file["days"] if d["date"] == "2026-11-24" and not d["demo"])
    assert helped_day["guided_outcomes"]["vneid-activate"]["achieved-helped"] == {"level2-activated": 1}
    for month in day_file["profile_months"]:
        assert set(month) == MONTH_KEYS
        assert re.fullmatch(r"\d{4}-\d{2}", month["month"])


def test_the_manifest_says_nothing_about_visitors(exported: Path) -> None:
    manifest = json.loads((exported / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) <= ALLOWED_MANIFEST_FIELDS
    assert set(manifest["date_range"]) == {"since", "first_day", "last_day"}
    assert set(manifest["files"]) == ALLOWED_FILES - {"manifest.json", "manifest.json.minisig"}


# -- the worst case: one unusual visitor on a quiet day ---------------------------------------
# Ordinary visitors on ordinary days (Vietnamese, on their own, normal text, happy), and on
# the quiet day, 3 December, one visitor unlike anyone else: Hmong-speaking, guided, large
# text, high contrast, unhappy, over 60, with a sight need, who could not finish.
QUIET_DAY = date(2026, 12, 3)
UNUSUAL = PlannedVisit(
    language="hmn",
    mode=VisitMode.GUIDED,
    tutorial="vneid-activate",
    completed=False,
    large_text=True,
    high_contrast=True,
    feedback=Feedback.UNHAPPY,
    achieved=("level2-activated",),
    helped=("level2-activated",),
    reasons=("no-chip-card",),
    age_band=AgeBand.SIXTY_PLUS,
    needs=frozenset({Need.SIGHT}),
)
ORDINARY = PlannedVisit(feedback=Feedback.HAPPY, handout=True)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - VIETNAM


@pytest.fixture(scope="module")
def quiet_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("quiet") / "statistics.sqlite3"
    plans: list[tuple[datetime, PlannedVisit]] = []
    for offset in range(-20, 12):
        day = QUIET_DAY + timedelta(days=offset)
        if day == QUIET_DAY:
            plans.append((_at(day, 10), UNUSUAL))
            plans.append((_at(day, 11), ORDINARY))
            continue
        plans += [(_at(day, 9, minute), ORDINARY) for minute in range(7 + offset % 5)]
    fill(path, plans)
    return path


def _export_on(path: Path, target: Path, when: date, since: date | None = None) -> ExportResult:
    target.mkdir(parents=True, exist_ok=True)
    job = ExportJob(
        target,
        SOURCE,
        database_path=path,
        offset=VIETNAM,
        since=since,
        clock=lambda: _at(when, 9),
    )
    return job.run()


def _range(text: str) -> tuple[int, int]:
    """What a reader knows of a count from its text (docs/privacy.md)."""
    if text == HIDDEN:
        return (0, 4)
    if text == WITHHELD:
        return (0, 10**9)
    value = int(text)
    if value == 0 or value % 5:
        # Not rounded: the reader takes it as exact.
        return (value, value)
    return (max(5, value - 2), value + 2)


def test_no_file_shows_the_unusual_visitor(quiet_day: Path, tmp_path: Path) -> None:
    folder = _export_on(quiet_day, tmp_path / "a", QUIET_DAY + timedelta(days=12)).folder
    rows = _report_rows(folder)
    shown = {(row["section"], row["item"], row["measure"]): row["shown"] for row in rows}
    # Each of their attributes alone is hidden, never a count of 1.
    assert shown[("language", "hmn", "visits")] == HIDDEN
    assert shown[("summary", "", "visits-guided")] == HIDDEN
    assert shown[("summary", "", "visits-large-text")] == HIDDEN
    assert shown[("feedback", "", "unhappy")] == HIDDEN
    assert shown[("outcome", "vneid-activate", "not-finished:no-chip-card")] == HIDDEN
    assert shown[("outcome", "vneid-activate", "achieved-helped:level2-activated")] == HIDDEN
    assert all(re.fullmatch(SHOWN, text) for text in shown.values())
    # The PDF prints the same texts.
    pdf = PdfReader(io.BytesIO((folder / "report.pdf").read_bytes()))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in pdf.pages))
    assert "(hmn) <5" in text
    # The exact day file: the quiet day's counts stand each on its own; nothing says that
    # the Hmong-speaking visitor was the one with large text or the unhappy face.
    day = next(d for d in _day_file(folder)["days"] if d["date"] == QUIET_DAY.isoformat())
    assert day["visits_by_language"] == {"hmn": 1, "vi": 1}
    assert day["large_text_visits"] == 1
    assert not [
        key
        for key, value in day.items()
        if isinstance(value, dict) and "hmn" in json.dumps(value) and key != "visits_by_language"
    ]
    # Their profile is not in any file yet: December is not over.
    assert _day_file(folder)["profile_months"] == []
    assert not [key for key in shown if key[0] == "profile"]


def test_no_pair_of_exports_shows_the_unusual_visitor(quiet_day: Path, tmp_path: Path) -> None:
    """Exports made before and after the quiet day, and with different starts, subtracted cell by cell."""
    exports = [
        _export_on(quiet_day, tmp_path / "before", QUIET_DAY),
        _export_on(quiet_day, tmp_path / "after", QUIET_DAY + timedelta(days=1)),
        _export_on(quiet_day, tmp_path / "later", QUIET_DAY + timedelta(days=2)),
        _export_on(quiet_day, tmp_path / "since", QUIET_DAY + timedelta(days=1), since=QUIET_DAY),
        _export_on(
            quiet_day, tmp_path / "since-later", QUIET_DAY + timedelta(days=9), since=date(2026, 11, 20)
        ),
    ]
    # since 3 December starts on 1 December; since 20 November on 1 November.
    starts = [json.loads((e.folder / "manifest.json").read_text())["date_range"]["since"] for e in exports]
    assert starts == [None, None, None, "2026-12-01", "2026-11-01"]
    tables = [
        {
            (row["section"], row["item"], row["measure"]): row["shown"]
            for row in _report_rows(result.folder)
            if row["section"] != "period"
        }
        for result in exports
    ]
    # Every number is rounded (so each stands for a range), and no two ranges pin a difference.
    assert all(re.fullmatch(SHOWN, text) for table in tables for text in table.values())
    exposed = []
    for first in range(len(tables)):
        for second in range(len(tables)):
            if first == second:
                continue
            for key in tables[first].keys() & tables[second].keys():
                high_low = _range(tables[first][key])
                low_high = _range(tables[second][key])
                difference = (high_low[0] - low_high[1], high_low[1] - low_high[0])
                if difference[0] == difference[1] and 1 <= difference[0] <= 4:
                    exposed.append((first, second, key, difference[0]))
    assert exposed == []


def test_the_day_before_and_after_give_the_same_days(quiet_day: Path, tmp_path: Path) -> None:
    """A day leaves once, complete: a later export repeats it unchanged; subtracting learns nothing."""
    after = _day_file(_export_on(quiet_day, tmp_path / "after", QUIET_DAY + timedelta(days=1)).folder)
    later = _day_file(_export_on(quiet_day, tmp_path / "later", QUIET_DAY + timedelta(days=5)).folder)
    days_after = {d["date"]: d for d in after["days"]}
    days_later = {d["date"]: d for d in later["days"]}
    assert max(days_after) == QUIET_DAY.isoformat()
    assert all(days_later[day] == counts for day, counts in days_after.items())
