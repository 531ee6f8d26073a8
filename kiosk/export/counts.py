"""Date × tutorial × language × mode (× demo) → counts, from the keys SQLite counted.

The keys (SQL makes and counts them, see ``kiosk.export.tables``) are folded here into the
point's local days. These rows stay inside the kiosk: the day file and the report are made
from them (``kiosk.export.day_file``, ``kiosk.export.figures``). Two kinds of row come out:
one with an empty tutorial_id for all visits of that day (those that opened no tutorial
included), carrying every count; and one per tutorial (the visits that opened it, its runs,
completions, handouts, QR codes), where the comfort and feedback columns are left empty.
Adding up the empty-tutorial rows never counts a visit twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

ALL_VISITS = ""
DAY_MINUTES = 24 * 60
# Bits of a key's flags (see VISIT_KEY and RUN_KEY in kiosk.export.tables).
GUIDED = 16
LARGE_TEXT = 8
HIGH_CONTRAST = 4
FEEDBACK = 3
COMPLETED = 8
HANDOUT = 4
QR_SHOWN = 2
FIRST_IN_VISIT = 1


@dataclass
class DailyRow:
    day: date
    tutorial_id: str
    language: str
    mode: str
    demo: int
    visits: int = 0
    runs: int = 0
    completions: int = 0
    handouts: int = 0
    qr_shown: int = 0
    # Counted on the all-visits rows only; None (an empty cell) on a tutorial's row.
    large_text_visits: int | None = None
    high_contrast_visits: int | None = None
    feedback_unhappy: int | None = None
    feedback_neutral: int | None = None
    feedback_happy: int | None = None

    def count_visits(self, count: int, flags: int) -> None:
        self.visits += count
        if self.large_text_visits is None:
            self.large_text_visits = self.high_contrast_visits = 0
            self.feedback_unhappy = self.feedback_neutral = self.feedback_happy = 0
        assert self.high_contrast_visits is not None
        assert self.feedback_unhappy is not None and self.feedback_neutral is not None
        assert self.feedback_happy is not None
        self.large_text_visits += count if flags & LARGE_TEXT else 0
        self.high_contrast_visits += count if flags & HIGH_CONTRAST else 0
        feedback = flags & FEEDBACK
        if feedback == 1:
            self.feedback_unhappy += count
        elif feedback == 2:
            self.feedback_neutral += count
        elif feedback == 3:
            self.feedback_happy += count

    def count_runs(self, count: int, flags: int) -> None:
        self.runs += count
        self.completions += count if flags & COMPLETED else 0
        self.handouts += count if flags & HANDOUT else 0
        self.qr_shown += count if flags & QR_SHOWN else 0


class DailyCounts:
    def __init__(self, offset: timedelta) -> None:
        self.offset = offset
        self.visit_keys: Counter[str] = Counter()
        self.run_keys: Counter[str] = Counter()
        self._days: dict[str, date] = {}
        # A UTC time of day before the boundary falls on UTC date + _shift, from it on the day after.
        minutes = int(offset.total_seconds() // 60)
        self._shift = minutes // DAY_MINUTES
        boundary = DAY_MINUTES * (self._shift + 1) - minutes
        self.boundary = f"{boundary // 60:02d}:{boundary % 60:02d}"

    def add_visit_keys(self, keys: Iterable[str]) -> None:
        self.visit_keys.update(keys)

    def add_run_keys(self, keys: Iterable[str]) -> None:
        self.run_keys.update(keys)

    def rows(self) -> list[DailyRow]:
        table: dict[tuple[date, str, str, str, int], DailyRow] = {}

        def row(day: date, tutorial: str, language: str, flags: int, demo: str) -> DailyRow:
            key = (day, tutorial, language, "guided" if flags & GUIDED else "self", int(demo))
            found = table.get(key)
            if found is None:
                found = table[key] = DailyRow(*key)
            return found

        # A visit's key: '2026-11-240' + language|demo|flags; a run's: … + language|tutorial|demo|flags.
        for key, count in self.visit_keys.items():
            language, demo, flags = key[11:].split("|")
            bits = int(flags)
            row(self._day(key[:11]), ALL_VISITS, language, bits, demo).count_visits(count, bits)
        for key, count in self.run_keys.items():
            language, tutorial, demo, flags = key[11:].split("|")
            bits = int(flags)
            day = self._day(key[:11])
            row(day, ALL_VISITS, language, bits, demo).count_runs(count, bits)
            by_tutorial = row(day, tutorial, language, bits, demo)
            by_tutorial.count_runs(count, bits)
            if bits & FIRST_IN_VISIT:
                by_tutorial.visits += count
        return [table[key] for key in sorted(table)]

    def _day(self, when: str) -> date:
        """The local day of a key's '2026-11-24' + '0' (before the boundary) or '1' (from it)."""
        day = self._days.get(when)
        if day is None:
            shift = self._shift + (1 if when[10:] == "1" else 0)
            day = self._days[when] = date.fromisoformat(when[:10]) + timedelta(days=shift)
        return day
