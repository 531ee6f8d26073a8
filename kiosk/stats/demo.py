"""Synthetic visits for training organisers and for benchmarks (`kiosk demo-data`).

The visits look like a real point's weeks (opening hours, busier market days, more VNeID
than anything else, guided visits finishing more often) and use the real catalogue's
tutorial ids, so the dashboard and the export show what an organiser will really see.
Guided visits also leave what a volunteer would tick: outcomes when a tutorial was finished,
a reason (an SMS code that never came, no chip ID card...) when not, and for most of them the
coarse profile (more over-60s than not; sight the commonest need), counted per local day.
Some visitors practise ("Try it") the steps of a tutorial they opened: each practised step adds
its attempts, misses and hints to the day's counts, some steps much harder than others (so
"the hardest steps" and step_difficulty.csv have something to show), and a guided visit that
practised is ticked "practised on the kiosk".
Every synthetic visit is marked ``demo``: the generator refuses a database that already
holds real visits, and exports say that they contain demo data.

Rows go in through the driver's ``executemany`` in large transactions, so a million
visits take seconds, not hours.
"""

from __future__ import annotations

import itertools
import logging
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import Connection

from kiosk.content.model import Catalogue
from kiosk.stats.codes import PRACTISED_CODE, AgeBand, Need, OutcomeKind
from kiosk.stats.db import Database
from kiosk.stats.guided import (
    ProfileKey,
    add_outcome_counts,
    add_profile_counts,
    outcome_keys,
    profile_keys,
)
from kiosk.stats.models import content_version_code
from kiosk.stats.practice import MEASURES, add_practice_counts

log = logging.getLogger(__name__)

BATCH_VISITS = 20_000
# The synthetic point's clock: Vietnam, UTC+7 all year.
LOCAL_OFFSET = timedelta(hours=7)
# Relative popularity by tutorial id; tutorials not named here weigh 1.
POPULARITY = {
    "vneid-activate": 4.0,
    "vneid-install": 3.0,
    "qr-pay-bill": 2.5,
    "vneid-health-card": 2.0,
    "scam-drill": 2.0,
    "portal-submit": 1.5,
    "vneid-recover": 1.5,
}
LANGUAGE_SHARE = {"vi": 0.88, "en": 0.04}
OTHER_LANGUAGE_SHARE = 0.08
# How often each "could not finish" reason comes up; reasons not named here weigh 0.5.
REASON_WEIGHTS = {
    "sms-code-missing": 4.0,
    "no-chip-card": 3.0,
    "not-registered-level2": 3.0,
    "phone-number-not-own": 2.0,
    "under-review": 2.0,
    "forgot-password": 2.0,
    "no-nfc": 1.5,
    "out-of-time": 1.5,
    "face-scan-failed": 1.0,
    "card-not-read": 1.0,
    "system-maintenance": 1.0,
    "other": 1.0,
}
# The reasons that stop each tutorial in practice (with "other" and "out-of-time" for any); a
# tutorial not named here can stop for any reason.
LIKELY_REASONS = {
    "vneid-install": ("no-internet",),
    "vneid-activate": (
        "sms-code-missing",
        "not-registered-level2",
        "no-chip-card",
        "phone-number-not-own",
        "under-review",
        "face-scan-failed",
        "system-maintenance",
    ),
    "vneid-recover": (
        "sms-code-missing",
        "no-nfc",
        "card-not-read",
        "forgot-password",
        "phone-number-not-own",
    ),
    "vneid-health-card": ("not-registered-level2", "forgot-password", "system-maintenance"),
    "portal-submit": ("not-registered-level2", "papers-missing", "forgot-password", "system-maintenance"),
    "qr-pay-bill": ("no-bank-app", "forgot-password", "no-internet"),
    "scam-drill": (),
    "scam-report": ("not-registered-level2", "forgot-password"),
}
ANY_TUTORIAL_REASONS = ("other", "out-of-time")
# The share of guided visits whose volunteer notes the profile, and what it holds.
PROFILE_SHARE = 0.7
OVER_60_SHARE = 0.65
NEED_SHARES = {Need.SIGHT: 0.3, Need.HEARING: 0.15, Need.MOVEMENT: 0.1, Need.READING: 0.12}
# The share of runs (of a tutorial with practice steps) in which the visitor practises.
PRACTICE_SHARE = 0.3

Progress = Callable[[int, int], None]


class RealVisitsPresentError(Exception):
    """The database holds real visits; demo data would mix with them."""


@dataclass(frozen=True)
class DemoTutorial:
    id: str
    content_version: str
    steps_total: int
    # The outcomes a guided session can tick for it (Tutorial.outcomes).
    outcomes: tuple[str, ...] = ()
    # The ids of its steps with practice ("Try it"), in order.
    practice_steps: tuple[str, ...] = ()


def tutorials_of(catalogue: Catalogue) -> list[DemoTutorial]:
    return [
        DemoTutorial(
            t.id,
            content_version_code(t.content_version),
            len(t.steps),
            t.outcomes,
            tuple(step.id for step in t.steps if step.practice is not None),
        )
        for t in catalogue.tutorials
    ]


def has_real_visits(connection: Connection) -> bool:
    return connection.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM visits WHERE demo = 0)").scalar() == 1


def demo_data(
    database: Database,
    visits: int,
    *,
    tutorials: Sequence[DemoTutorial],
    languages: Sequence[str] = ("vi", "en"),
    reasons: Sequence[str] = (),
    now: datetime | None = None,
    weeks: int = 8,
    seed: int | None = None,
    step_times: bool = True,
    progress: Progress | None = None,
) -> int:
    """Add ``visits`` synthetic visits spread over the ``weeks`` before ``now``; returns the count.

    ``reasons`` are the catalogue's "could not finish" reason ids (Catalogue.reasons)."""
    if visits < 0:
        raise ValueError("the number of visits must not be negative")
    if not tutorials:
        raise ValueError("demo data needs at least one tutorial")
    if not languages:
        raise ValueError("demo data needs at least one language")
    with database.connection(write=True) as connection:
        if has_real_visits(connection):
            raise RealVisitsPresentError(
                f"{database.path} holds real visits; demo data is only added to an empty data dir"
            )
        last_visit = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM visits").scalar() or 0
        last_run = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM tutorial_runs").scalar() or 0
    generator = _Generator(
        random.Random(seed),
        tutorials,
        languages,
        now or datetime.now(UTC),
        weeks,
        step_times=step_times,
        last_ids=(int(last_visit), int(last_run)),
        # Its own random numbers, so the visits of a seed stay what they were before outcomes existed.
        guided_rng=random.Random(None if seed is None else seed + 1_000_003),
        reasons=reasons,
        practice_rng=random.Random(None if seed is None else seed + 2_000_003),
    )
    done = 0
    while done < visits:
        count = min(BATCH_VISITS, visits - done)
        batch = generator.batch(count)
        with database.connection(write=True) as connection:
            connection.exec_driver_sql(
                "INSERT INTO visits (id, uid, started_at, ended_at, language, mode, text_size, high_contrast,"
                " end_reason, feedback, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                batch.visits,
            )
            if batch.runs:
                connection.exec_driver_sql(
                    "INSERT INTO tutorial_runs (id, uid, visit_id, tutorial_id, content_version, steps_total,"
                    " furthest_step, completed, handout_printed, qr_shown)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    batch.runs,
                )
            if batch.steps:
                connection.exec_driver_sql(
                    "INSERT INTO step_times (run_id, step_number, seconds) VALUES (?, ?, ?)", batch.steps
                )
            add_outcome_counts(connection, batch.outcomes, demo=True)
            add_profile_counts(connection, batch.profiles, demo=True)
            add_practice_counts(
                connection,
                (
                    {"day": day, "tutorial_id": tutorial, "step_id": step, "demo": True, **counts}
                    for (day, tutorial, step), counts in batch.practice.items()
                ),
            )
        done += count
        if progress is not None:
            progress(done, visits)
    log.info("added %d demo visits to %s", visits, database.path)
    return visits


@dataclass
class _Batch:
    visits: list[tuple[object, ...]]
    runs: list[tuple[object, ...]]
    steps: list[tuple[object, ...]]
    outcomes: Counter[tuple[date, str, str, str]]
    profiles: Counter[tuple[date, str, str]]
    # (local day, tutorial id, step id) -> each of kiosk.stats.practice.MEASURES
    practice: dict[tuple[date, str, str], dict[str, int]]


class _Generator:
    def __init__(
        self,
        rng: random.Random,
        tutorials: Sequence[DemoTutorial],
        languages: Sequence[str],
        now: datetime,
        weeks: int,
        *,
        step_times: bool,
        last_ids: tuple[int, int] = (0, 0),
        guided_rng: random.Random | None = None,
        reasons: Sequence[str] = (),
        practice_rng: random.Random | None = None,
    ) -> None:
        self.rng = rng
        self.guided_rng = guided_rng or random.Random()
        # Its own random numbers too, so the visits and outcomes of a seed stay what they were.
        self.practice_rng = practice_rng or random.Random()
        # Per tutorial: the reasons it may stop for and their cumulative weights.
        self.reasons: dict[str, tuple[list[str], list[float]]] = {}
        for tutorial in tutorials:
            likely = LIKELY_REASONS.get(tutorial.id)
            allowed = [r for r in reasons if likely is None or r in likely or r in ANY_TUTORIAL_REASONS]
            weights = list(itertools.accumulate(REASON_WEIGHTS.get(r, 0.5) for r in allowed))
            self.reasons[tutorial.id] = (allowed, weights)
        self.tutorials = list(tutorials)
        self.tutorial_weights = list(itertools.accumulate(POPULARITY.get(t.id, 1.0) for t in self.tutorials))
        self.languages = list(languages)
        others = [lang for lang in self.languages if lang not in LANGUAGE_SHARE]
        shares = [
            LANGUAGE_SHARE.get(lang, OTHER_LANGUAGE_SHARE / len(others) if others else 0.0)
            for lang in self.languages
        ]
        self.language_weights = list(itertools.accumulate(shares))
        self.step_times = step_times
        local_today = (now.astimezone(UTC) + LOCAL_OFFSET).date()
        self.days = [local_today - timedelta(days=n) for n in range(max(1, weeks * 7))]
        self.day_weights = list(itertools.accumulate(_day_weight(day) for day in self.days))
        self.latest = now.astimezone(UTC).replace(tzinfo=None)
        # Continue after the rows already stored.
        self.last_visit, self.last_run = last_ids

    def batch(self, count: int) -> _Batch:
        rng = self.rng
        visits: list[tuple[object, ...]] = []
        runs: list[tuple[object, ...]] = []
        steps: list[tuple[object, ...]] = []
        outcomes: Counter[tuple[date, str, str, str]] = Counter()
        profiles: Counter[tuple[date, str, str]] = Counter()
        practice: dict[tuple[date, str, str], dict[str, int]] = {}
        days = rng.choices(self.days, cum_weights=self.day_weights, k=count)
        languages = rng.choices(self.languages, cum_weights=self.language_weights, k=count)
        for day, language in zip(days, languages, strict=True):
            self.last_visit += 1
            visit_id = self.last_visit
            guided = rng.random() < 0.45
            started = self._start_on(day)
            # The point's day of the visit (a start moved off a future time lands on another day).
            local_day = (started + LOCAL_OFFSET).date()
            minutes = rng.randint(1, 4)
            all_completed = True
            run_count = rng.choices((0, 1, 2, 3), cum_weights=(0.05, 0.70, 0.92, 1.0))[0]
            for tutorial in rng.choices(self.tutorials, cum_weights=self.tutorial_weights, k=run_count):
                self.last_run += 1
                run_id = self.last_run
                completed = rng.random() < (0.85 if guided else 0.6)
                total = tutorial.steps_total
                furthest = total if completed else rng.randint(1, max(1, total - 1))
                all_completed = all_completed and completed
                handout = rng.random() < (0.55 if completed else 0.1)
                qr = rng.random() < 0.3
                runs.append(
                    (run_id, self._uid(run_id), visit_id, tutorial.id, tutorial.content_version, total,
                     furthest, completed, handout, qr)
                )  # fmt: skip
                seconds = 0
                for number in range(1, furthest + 1):
                    spent = int(rng.expovariate(1 / 35)) + 5
                    seconds += spent
                    if self.step_times:
                        steps.append((run_id, number, spent))
                minutes += seconds // 60
                practised = self._practise(local_day, tutorial, practice)
                if guided:
                    outcomes.update(self._outcomes(local_day, tutorial, completed))
                    if practised:
                        outcomes[(local_day, tutorial.id, OutcomeKind.PRACTISED.value, PRACTISED_CODE)] += 1
            ended = min(started + timedelta(minutes=minutes), self.latest)
            if run_count and all_completed and rng.random() < 0.7:
                reason = "finished"
            else:
                reason = "home" if rng.random() < 0.6 else "idle"
            feedback = (
                rng.choices((1, 2, 3), cum_weights=(0.08, 0.30, 1.0))[0] if rng.random() < 0.55 else None
            )
            size = rng.choices(("normal", "large", "extra-large"), cum_weights=(0.65, 0.9, 1.0))[0]
            if guided and self.guided_rng.random() < PROFILE_SHARE:
                profiles.update((local_day, *key) for key in self._profile())
            visits.append(
                (visit_id, self._uid(visit_id), _minute(started), _minute(ended), language,
                 "guided" if guided else "self", size, rng.random() < 0.08, reason, feedback)
            )  # fmt: skip
        return _Batch(visits, runs, steps, outcomes, profiles, practice)

    def _practise(
        self, day: date, tutorial: DemoTutorial, practice: dict[tuple[date, str, str], dict[str, int]]
    ) -> bool:
        """Sometimes the visitor practises the tutorial's steps: add each step's counts; True if so."""
        rng = self.practice_rng
        if not tutorial.practice_steps or rng.random() >= PRACTICE_SHARE:
            return False
        for step_id in tutorial.practice_steps:
            # Each step has a difficulty of its own, the same on every run (from its id).
            hardness = random.Random(f"{tutorial.id}/{step_id}").uniform(0.05, 0.6)
            misses = 0
            while misses < 3 and rng.random() < hardness:
                misses += 1
            # After the third miss the kiosk shows the target and moves on; else the last try hits.
            shown = misses == 3
            counts = practice.setdefault((day, tutorial.id, step_id), dict.fromkeys(MEASURES, 0))
            counts["practised"] += 1
            counts["attempts"] += misses + (0 if shown else 1)
            counts["misses"] += misses
            counts["hints_shown"] += min(misses, 2)
            counts["shown_and_moved_on"] += int(shown)
        return True

    def _outcomes(
        self, day: date, tutorial: DemoTutorial, completed: bool
    ) -> list[tuple[date, str, str, str]]:
        """What the volunteer ticks: the main outcome (and often the others) when the tutorial was
        finished; a reason when not, sometimes after a first outcome was reached."""
        rng = self.guided_rng
        achieved: list[str] = []
        reasons: list[str] = []
        for number, outcome in enumerate(tutorial.outcomes):
            if rng.random() < (
                (0.95 if number == 0 else 0.6) if completed else (0.3 if number == 0 else 0.0)
            ):
                achieved.append(outcome)
        allowed, weights = self.reasons.get(tutorial.id, ([], []))
        if not completed and allowed:
            reasons = rng.choices(allowed, cum_weights=weights)
        return [(day, *key) for key in outcome_keys(tutorial.id, achieved, reasons)]

    def _profile(self) -> list[ProfileKey]:
        rng = self.guided_rng
        age = (
            None
            if rng.random() < 0.1
            else (AgeBand.SIXTY_PLUS if rng.random() < OVER_60_SHARE else AgeBand.UNDER_60)
        )
        needs = [need for need, share in NEED_SHARES.items() if rng.random() < share]
        return profile_keys(age, needs)

    def _uid(self, row_id: int) -> str:
        """32 hex digits like a real uid, but rising: the unique index fills in order, five times faster."""
        return f"{row_id:012x}{self.rng.getrandbits(80):020x}"

    def _start_on(self, day: date) -> datetime:
        """A start within opening hours (07:30-17:00 local), fewer at lunch, never in the future."""
        rng = self.rng
        local_minute = rng.randint(7 * 60 + 30, 17 * 60)
        if 11 * 60 + 30 <= local_minute < 13 * 60 and rng.random() < 0.6:
            local_minute = rng.choice((rng.randint(7 * 60 + 30, 11 * 60 + 29), rng.randint(13 * 60, 17 * 60)))
        start = datetime(day.year, day.month, day.day) + timedelta(minutes=local_minute) - LOCAL_OFFSET
        if start > self.latest:
            # Later today than now: the same time on another, earlier day.
            start -= timedelta(days=rng.randint(1, max(1, len(self.days) - 1)))
        return start


def _day_weight(day: date) -> float:
    # Sunday is quiet; the weekly market day (here Thursday) is busy.
    return {6: 0.2, 3: 2.0}.get(day.weekday(), 1.0)


def _minute(moment: datetime) -> str:
    """Naive UTC in the storage format of kiosk.stats.models.UtcMinute on SQLite."""
    return f"{moment:%Y-%m-%d %H:%M}"
