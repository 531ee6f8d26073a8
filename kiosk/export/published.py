"""The report's numbers as people may read them: every count of report.pdf and report_figures.csv.

One ``Disclosure`` (``kiosk.stats.disclosure``) holds every count the report prints and the
sums a reader can make of them (visits = the visits of each language = of each week …), so
the PDF and the CSV print the same texts and no hidden count can be worked out from them.
Each count has a key (section, item, measure), which is also its row in the CSV.
"""

from __future__ import annotations

import csv
import io

from kiosk.export.figures import ReportFigures
from kiosk.export.guided import GuidedFigures
from kiosk.stats.disclosure import Disclosure, breakdown, plain_number, vietnamese_number

REPORT_FIGURES = "report_figures.csv"
REPORT_COLUMNS = ("section", "item", "measure", "shown")
NEWLINE = "\r\n"

Key = tuple[str, str, str]
VISITS: Key = ("summary", "", "visits")
RUNS: Key = ("summary", "", "tutorials-started")
COMPLETED: Key = ("summary", "", "tutorials-completed")
HANDOUTS: Key = ("summary", "", "handouts-printed")
QR_CODES: Key = ("summary", "", "qr-codes-shown")
SELF: Key = ("summary", "", "visits-on-their-own")
GUIDED: Key = ("summary", "", "visits-guided")
LARGE_TEXT: Key = ("summary", "", "visits-large-text")
HIGH_CONTRAST: Key = ("summary", "", "visits-high-contrast")
DEMO_LEFT_OUT: Key = ("summary", "", "demo-visits-left-out")
FEEDBACK: tuple[Key, Key, Key] = (
    ("feedback", "", "unhappy"),
    ("feedback", "", "neutral"),
    ("feedback", "", "happy"),
)


def period_key(first_day_iso: str, measure: str) -> Key:
    return ("period", first_day_iso, measure)


def tutorial_key(tutorial_id: str, measure: str) -> Key:
    return ("tutorial", tutorial_id, measure)


def language_key(code: str) -> Key:
    return ("language", code, "visits")


def outcome_key(tutorial_id: str, kind: str, code: str) -> Key:
    return ("outcome", tutorial_id, f"{kind}:{code}")


def profile_key(attribute: str, value: str) -> Key:
    return ("profile", attribute, value)


class PublishedReport:
    """The shown text of each of the report's counts."""

    def __init__(self, figures: ReportFigures, guided: GuidedFigures) -> None:
        self.disclosure = _disclosure(figures, guided)

    def text(self, key: Key) -> str:
        """As printed in the PDF (Vietnamese thousands separators)."""
        return self.disclosure.text(key, vietnamese_number)

    def csv(self) -> tuple[bytes, int]:
        """report_figures.csv (plain numbers, for spreadsheets) and its row count."""
        texts = self.disclosure.texts(plain_number)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=NEWLINE)
        writer.writerow(REPORT_COLUMNS)
        rows = 0
        for key, text in texts.items():
            assert isinstance(key, tuple)
            writer.writerow((*key, text))
            rows += 1
        return buffer.getvalue().encode("utf-8"), rows


def _disclosure(figures: ReportFigures, guided: GuidedFigures) -> Disclosure:
    totals = figures.totals
    disclosure = Disclosure()
    disclosure.add(VISITS, totals.visits)
    breakdown(disclosure, VISITS, {SELF: totals.visits - totals.guided, GUIDED: totals.guided})
    breakdown(disclosure, VISITS, {LARGE_TEXT: totals.large_text}, rest=("rest", "", "normal-text"))
    breakdown(disclosure, VISITS, {HIGH_CONTRAST: totals.high_contrast}, rest=("rest", "", "normal-contrast"))
    breakdown(
        disclosure,
        VISITS,
        dict(zip(FEEDBACK, totals.feedback, strict=True)),
        rest=("rest", "", "no-feedback"),
    )
    disclosure.add(RUNS, totals.runs)
    disclosure.add(COMPLETED, totals.completed)
    disclosure.add(HANDOUTS, totals.handouts)
    disclosure.add(QR_CODES, totals.qr_codes)
    for total, index in ((RUNS, 1), (COMPLETED, 2), (HANDOUTS, 3)):
        measure = total[2]
        breakdown(
            disclosure, total, {tutorial_key(row[0], measure): int(row[index]) for row in figures.by_tutorial}
        )
    for total, index in ((VISITS, 0), (COMPLETED, 1), (HANDOUTS, 2)):
        measure = total[2]
        breakdown(
            disclosure,
            total,
            {period_key(first.isoformat(), measure): counts[index] for first, *counts in figures.by_period},
        )
    breakdown(disclosure, VISITS, {language_key(code): visits for code, visits in figures.by_language})
    if figures.demo_left_out:
        disclosure.add(DEMO_LEFT_OUT, figures.demo_left_out)
    for tutorial_id, kind, code, count in guided.outcomes:
        disclosure.add(outcome_key(tutorial_id, kind.value, code), count)
    for attribute, value, count in guided.profile:
        disclosure.add(profile_key(attribute, value), count, zero_hidden=True)
    return disclosure
