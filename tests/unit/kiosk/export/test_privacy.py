"""The privacy boundary of an export: only reviewed columns leave the kiosk, holding only codes and counts.

Each column below was reviewed with one question: could it, alone or with the others, point
at a person? A column that is not on this list fails the test, so adding one to the export
means adding it here, with its reason and the values it may hold, and having that reviewed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.stats.codes import AgeBand, Need, VisitMode
from kiosk.stats.db import open_database
from kiosk.stats.demo import demo_data
from tests.helpers.stats import REASONS, TUTORIALS, PlannedVisit, export, fill

HOUR = r"\d{4}-\d{2}-\d{2} \d{2}:00"
COUNT = r"\d+"
FLAG = r"[01]"
CODE = r"[A-Za-z0-9_-]+"
# file -> column -> (what may be in it, why it may leave the kiosk)
ALLOWED_COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "visits.csv": {
        "visit_id": (r"[0-9a-f]{32}", "random uuid4: links a visit's runs, means nothing outside the export"),
        "started_hour_utc": (HOUR, "coarsened to the hour"),
        "ended_hour_utc": (f"({HOUR})?", "coarsened to the hour"),
        "language": (CODE, "a language code, e.g. vi, en, hmn"),
        "mode": (r"self|guided", "whether a volunteer guided the visit"),
        "end_reason": (r"(finished|home|idle)?", "how the visit ended"),
        "feedback": (r"[123]?", "the three faces"),
        "demo": (FLAG, "synthetic training data"),
    },
    "tutorial_runs.csv": {
        "visit_id": (r"[0-9a-f]{32}", "the random visit id"),
        "tutorial_id": (CODE, "which tutorial"),
        "content_version": (r"[0-9A-Za-z.+_-]+", "which version of the tutorial"),
        "steps_total": (COUNT, "tutorial length"),
        "furthest_step": (COUNT, "how far the visitor got"),
        "completed": (FLAG, "reached the end"),
        "handout_printed": (FLAG, "a handout was printed"),
        "qr_shown": (FLAG, "the QR code was shown"),
    },
    "daily_counts.csv": {
        "date": (r"\d{4}-\d{2}-\d{2}", "a local day"),
        "tutorial_id": (f"({CODE})?", "which tutorial; empty for all visits of the day"),
        "language": (CODE, "a language code"),
        "mode": (r"self|guided", "guided or not"),
        "demo": (FLAG, "synthetic training data"),
        "visits": (COUNT, "a count"),
        "runs": (COUNT, "a count"),
        "completions": (COUNT, "a count"),
        "handouts": (COUNT, "a count"),
        "qr_shown": (COUNT, "a count"),
        # Comfort settings may hint at a disability: they leave only as counts, never per visit.
        "large_text_visits": (f"({COUNT})?", "a count (sensitive attribute, so counts only)"),
        "high_contrast_visits": (f"({COUNT})?", "a count (sensitive attribute, so counts only)"),
        "feedback_unhappy": (f"({COUNT})?", "a count"),
        "feedback_neutral": (f"({COUNT})?", "a count"),
        "feedback_happy": (f"({COUNT})?", "a count"),
    },
    "outcome_counts.csv": {
        "date": (r"\d{4}-\d{2}-\d{2}", "a local day"),
        "tutorial_id": (CODE, "which tutorial"),
        "kind": (r"achieved|not-finished", "an outcome reached, or a reason it was not"),
        "code": (CODE, "an outcome or reason id from the content pack, never typed text"),
        "demo": (FLAG, "synthetic training data"),
        "count": (COUNT, "a count (about a service, not a person: kept exact per day)"),
    },
    # The profile may hint at a disability: per month only, every cell of a month written, 0-4 as "<5".
    "profile_counts.csv": {
        "month": (r"\d{4}-\d{2}", "a local month, never a day"),
        "attribute": (r"profile|age-band|need", "one attribute on its own, never a combination"),
        "value": (r"noted|under-60|60-plus|sight|hearing|movement|reading|none", "a coarse value"),
        "demo": (FLAG, "synthetic training data"),
        "count": (r"<5|([5-9]|[1-9]\d+)", "a count of 5 or more, else hidden (sensitive attribute)"),
    },
}
ALLOWED_MANIFEST_FIELDS = {
    "format",
    "format_version",
    "kiosk_id",
    "point_name",
    "software_version",
    "schema_version",
    "created",
    "utc_offset",
    "date_range",
    "demo_visits",
    "files",
    "manifest_sha256",
}
NOT_CSV = {"report.pdf", "manifest.json"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("privacy")
    path = base / "statistics.sqlite3"
    database = open_database(path)
    try:
        demo_data(database, 300, tutorials=TUTORIALS, reasons=REASONS, seed=5)
    finally:
        database.close()
    # One real visit too, with the sensitive comfort settings on, and one guided visit with a profile.
    guided = PlannedVisit(
        mode=VisitMode.GUIDED,
        achieved=("vneid-installed",),
        age_band=AgeBand.SIXTY_PLUS,
        needs=frozenset({Need.HEARING, Need.SIGHT}),
    )
    fill(
        path,
        [
            (
                datetime(2026, 11, 24, 2, 59, 59, tzinfo=UTC),
                PlannedVisit(large_text=True, high_contrast=True),
            ),
            (datetime(2026, 11, 24, 3, 30, tzinfo=UTC), guided),
        ],
    )
    target = base / "stick"
    target.mkdir()
    return export(path, target).folder


def test_every_export_file_is_known(exported: Path) -> None:
    names = {path.name for path in exported.iterdir()}
    assert names - NOT_CSV == set(ALLOWED_COLUMNS), "a new export file must have its columns reviewed here"


def test_only_reviewed_columns_leave_the_kiosk(exported: Path) -> None:
    for path in sorted(exported.glob("*.csv")):
        header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        unreviewed = [column for column in header if column not in ALLOWED_COLUMNS[path.name]]
        assert unreviewed == [], f"{path.name} has columns nobody reviewed: {unreviewed}"


def test_columns_hold_only_codes_and_counts(exported: Path) -> None:
    for path in sorted(exported.glob("*.csv")):
        rules = {name: re.compile(pattern) for name, (pattern, _why) in ALLOWED_COLUMNS[path.name].items()}
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        assert rows
        for row in rows:
            for column, value in row.items():
                assert rules[column].fullmatch(value), f"{path.name}: {column}={value!r} is not allowed"


def test_the_manifest_says_nothing_about_visitors(exported: Path) -> None:
    manifest = json.loads((exported / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) <= ALLOWED_MANIFEST_FIELDS
    for name, entry in manifest["files"].items():
        if name.endswith(".csv"):
            assert set(entry["columns"]) <= set(ALLOWED_COLUMNS[name])


# Words a profile column would carry (compared word by word: "language" is not "age").
PROFILE_WORDS = {"age", "band", "need", "needs", "sight", "hearing", "movement", "reading", "profile"}


def test_the_profile_never_reaches_a_visit_or_a_run(exported: Path) -> None:
    """Neither a column nor a value of visits.csv or tutorial_runs.csv says anything about a profile."""
    for name in ("visits.csv", "tutorial_runs.csv"):
        rows = list(csv.reader(io.StringIO((exported / name).read_text(encoding="utf-8"))))
        header, body = rows[0], rows[1:]
        assert not [c for c in header if set(c.split("_")) & PROFILE_WORDS], name
        values = {value for row in body for value in row}
        assert not values & {"60-plus", "under-60", "sight", "hearing", "movement", "reading"}, name


def test_the_profile_leaves_by_month_with_small_counts_hidden(exported: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((exported / "profile_counts.csv").read_text(encoding="utf-8"))))
    real = [row for row in rows if row["demo"] == "0"]
    # The one real guided visit of November: every cell written, every one hidden.
    assert {(row["month"], row["attribute"], row["value"], row["count"]) for row in real} == {
        ("2026-11", attribute, value, "<5")
        for attribute, value in [
            ("profile", "noted"),
            ("age-band", "under-60"),
            ("age-band", "60-plus"),
            ("need", "sight"),
            ("need", "hearing"),
            ("need", "movement"),
            ("need", "reading"),
            ("need", "none"),
        ]
    }
