"""day_counts.json: the one file of an export with exact counts, for the district office's import.

Everything else in an export is for people to read and follows the disclosure rule
(``kiosk.stats.disclosure``). This file is for the office's tools, which add up many points
and apply the same rule again when they publish (``docs/privacy.md``). So that it can be
exact and still not describe anyone more than it must:

- no visit and no run is a row: each local day has counts only;
- each attribute of a visit is counted on its own (visits by language, by mode, with large
  text, with high contrast, by feedback face), never crossed with another, so the file
  cannot say that the Hmong-speaking visitor of a quiet day used large text;
- tutorials are counted per day (visits that opened each, runs, completions, handouts, QR
  codes), and guided sessions' results per day and tutorial: they describe the service;
- the optional profile (age band, needs) only per closed month, each attribute on its own;
- practice ("Try it") per day, tutorial and step (``practice``: times practised, attempts,
  misses, hints shown, shown and moved on): it describes how hard a step is, not who tried;
- only whole days that are over (up to yesterday), so two exports never differ by part of a day.

The manifest lists the file with its SHA-256 and the kiosk signs the manifest, so the office
can tell it came unchanged from this kiosk.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from kiosk.export.counts import ALL_VISITS, DailyRow
from kiosk.export.guided import GuidedCounts, profile_months
from kiosk.export.practice import PracticeRow

DAY_COUNTS = "day_counts.json"
FORMAT = "kiosk-day-counts/2"
# Every format a reader (the hub) accepts: /2 adds each day's "practice"; /1 has none.
READABLE_FORMATS = ("kiosk-day-counts/1", FORMAT)
NOTE = (
    "Exact counts for the district office's import. Do not publish as they are: "
    "publish only with counts from 1 to 4 suppressed (see docs/privacy.md of the kiosk)."
)
FEEDBACK_FACES = ("unhappy", "neutral", "happy")


def day_counts_json(
    rows: Sequence[DailyRow],
    guided: GuidedCounts,
    *,
    first_day: date | None,
    last_day: date,
    practice: Sequence[PracticeRow] = (),
) -> bytes:
    """The file's bytes: stable (sorted keys, fixed order), so the same days give the same file."""
    days: dict[tuple[date, int], dict[str, Any]] = {}

    def day_entry(day: date, demo: int) -> dict[str, Any]:
        entry = days.get((day, demo))
        if entry is None:
            entry = days[(day, demo)] = {
                "date": day.isoformat(),
                "demo": bool(demo),
                "visits": 0,
                "visits_by_language": defaultdict(int),
                "visits_by_mode": defaultdict(int),
                "large_text_visits": 0,
                "high_contrast_visits": 0,
                "feedback": dict.fromkeys(FEEDBACK_FACES, 0),
                "tutorials": {},
                "guided_outcomes": {},
                "practice": {},
            }
        return entry

    for row in rows:
        entry = day_entry(row.day, row.demo)
        if row.tutorial_id == ALL_VISITS:
            if not row.visits:
                continue
            entry["visits"] += row.visits
            entry["visits_by_language"][row.language] += row.visits
            entry["visits_by_mode"][row.mode] += row.visits
            entry["large_text_visits"] += row.large_text_visits or 0
            entry["high_contrast_visits"] += row.high_contrast_visits or 0
            feedback = entry["feedback"]
            feedback["unhappy"] += row.feedback_unhappy or 0
            feedback["neutral"] += row.feedback_neutral or 0
            feedback["happy"] += row.feedback_happy or 0
            continue
        tutorial = entry["tutorials"].setdefault(
            row.tutorial_id, {"visits": 0, "runs": 0, "completions": 0, "handouts": 0, "qr_shown": 0}
        )
        tutorial["visits"] += row.visits
        tutorial["runs"] += row.runs
        tutorial["completions"] += row.completions
        tutorial["handouts"] += row.handouts
        tutorial["qr_shown"] += row.qr_shown
    for outcome in guided.outcomes:
        results = day_entry(outcome.day, outcome.demo)["guided_outcomes"]
        by_kind = results.setdefault(outcome.tutorial_id, {}).setdefault(outcome.kind, {})
        by_kind[outcome.code] = by_kind.get(outcome.code, 0) + outcome.count
    for step in practice:
        steps = day_entry(step.day, int(step.demo))["practice"].setdefault(step.tutorial_id, {})
        steps[step.step_id] = step.measures()
    months = []
    for month, demo, cells in profile_months(guided):
        attributes: dict[str, dict[str, int]] = defaultdict(dict)
        for (attribute, value), count in cells.items():
            attributes[attribute][value] = count
        months.append({"month": month, "demo": bool(demo), **attributes})
    document = {
        "format": FORMAT,
        "note": NOTE,
        "first_day": first_day.isoformat() if first_day else None,
        "last_day": last_day.isoformat(),
        "days": [days[key] for key in sorted(days)],
        "profile_months": months,
    }
    return (json.dumps(document, sort_keys=True, indent=1, ensure_ascii=True) + "\n").encode("ascii")
