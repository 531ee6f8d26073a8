"""Statistics test helpers: a clock the test moves, and visits recorded through the real recorder.

Qt-free, so the core-only test run can use it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.export.job import ExportJob, ExportResult, ExportSource
from kiosk.stats.db import Database, open_database
from kiosk.stats.demo import DemoTutorial
from kiosk.stats.recorder import AgeBand, EndReason, Feedback, Need, VisitMode, VisitRecorder
from kiosk.visit.session import TextSize

TUTORIALS = (
    DemoTutorial("vneid-install", "2026.11.24", 7, ("vneid-installed",)),
    DemoTutorial("vneid-activate", "2026.11.24", 8, ("level2-activated",)),
    DemoTutorial("qr-pay-bill", "2026.11.24", 9, ("bill-paid", "balance-alerts-on")),
)
# "Could not finish" reasons for demo data, as the core pack lists them.
REASONS = ("sms-code-missing", "no-chip-card", "no-nfc", "other")


class Clock:
    """A UTC clock that stands still until the test moves it."""

    def __init__(self, start: datetime = datetime(2026, 11, 24, 3, 15, 42, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@contextmanager
def recording(path: Path, clock: Clock | None = None) -> Iterator[tuple[Database, VisitRecorder]]:
    database = open_database(path)
    # The daily counts of guided sessions fall on the point's local day: Vietnam's, as in the exports.
    recorder = VisitRecorder(database, clock=clock or Clock(), offset=timedelta(hours=7))
    try:
        yield database, recorder
    finally:
        recorder.close()
        database.close()


@dataclass(frozen=True)
class PlannedVisit:
    language: str = "vi"
    mode: VisitMode = VisitMode.SELF
    tutorial: str | None = "vneid-install"
    completed: bool = True
    handout: bool = False
    qr: bool = False
    large_text: bool = False
    high_contrast: bool = False
    feedback: Feedback | None = None
    end: EndReason = EndReason.FINISHED
    # A guided session's results for its tutorial, and the optional profile (None: not noted).
    achieved: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    # The achieved outcomes the visitor reached with help.
    helped: tuple[str, ...] = ()
    age_band: AgeBand | None = None
    needs: frozenset[Need] | None = None


def record(recorder: VisitRecorder, plan: PlannedVisit, steps_total: int = 7) -> str:
    """One whole visit through the recorder's API, as the UI would make it."""
    visit = recorder.start_visit(
        language=plan.language,
        mode=plan.mode,
        text_size=TextSize.LARGE if plan.large_text else TextSize.NORMAL,
        high_contrast=plan.high_contrast,
    )
    if plan.tutorial is not None:
        run = recorder.start_run(
            visit, tutorial_id=plan.tutorial, content_version="2026.11.24", steps_total=steps_total
        )
        last = steps_total if plan.completed else 2
        for index in range(last):
            recorder.record_step(run, index, 20 + index)
        recorder.finish_run(run, completed=plan.completed)
        if plan.handout:
            recorder.mark_handout(run)
        if plan.qr:
            recorder.mark_qr(run)
        if plan.achieved or plan.reasons:
            recorder.record_outcomes(plan.tutorial, plan.achieved, plan.reasons, helped=plan.helped)
    if plan.needs is not None or plan.age_band is not None:
        recorder.record_profile(plan.age_band, plan.needs or ())
    recorder.end_visit(visit, plan.end)
    if plan.feedback is not None:
        recorder.set_feedback(visit, plan.feedback)
    return visit


VIETNAM = timedelta(hours=7)
SOURCE = ExportSource(
    point_name="Điểm hỗ trợ kỹ năng số xã Tả Van",
    kiosk_id="5f0c3a9e2b7d4c1aa8e6f3d2c1b0a987",
    tutorial_titles={
        "vneid-install": "Cài ứng dụng VNeID an toàn",
        "qr-pay-bill": "Trả tiền điện, nước bằng mã QR",
    },
)


def fill(path: Path, plans: list[tuple[datetime, PlannedVisit]]) -> list[str]:
    """Record each planned visit at its moment; returns the visit ids."""
    clock = Clock()
    ids = []
    with recording(path, clock) as (_database, recorder):
        for moment, plan in plans:
            clock.now = moment
            ids.append(record(recorder, plan))
        assert recorder.flush(30)
    return ids


# When the helper exports: the next morning in Vietnam (25 November, 08:30), so the visits the
# tests record on 24 November (Clock's day) are in a day that is over, as an export needs.
EXPORTED_AT = datetime(2026, 11, 25, 1, 30, 12, tzinfo=UTC)


def export(database: Path, target: Path, **options: object) -> ExportResult:
    job = ExportJob(
        target,
        SOURCE,
        database_path=database,
        offset=VIETNAM,
        clock=lambda: EXPORTED_AT,
        **options,  # type: ignore[arg-type]
    )
    return job.run()
