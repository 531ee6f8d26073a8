"""Recording visits without making the screen wait: one writer thread, one commit per event.

The UI calls ``VisitRecorder`` from the GUI thread; each call checks its arguments at once
(a wrong value is a bug at the call site), puts the write on a queue and returns. A single
background thread commits each write in its own transaction (``synchronous=FULL``), so a
power cut loses at most the write in progress. Every write can be followed: the returned
future (or ``on_committed``) completes only after its commit is on disk.

At the end of each visit ``checkpoint`` (queued like a write) moves the visit's writes from
the ``-wal`` journal into the database file and brings the high-water record up to date
(``kiosk.stats.highwater``), so a lost journal loses nothing and a smaller file is noticed.

When the disk is full or read-only the write fails with ``DatabaseUnavailableError``, the
``on_unavailable`` callback hears of it (from the writer thread: the UI must hop to its own
thread), later writes that depend on a lost row are skipped, and the kiosk carries on.
"""

from __future__ import annotations

import atexit
import logging
import queue
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Collection
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from kiosk.stats import guided
from kiosk.stats.codes import (
    PRACTISED_CODE,
    AgeBand,
    EndReason,
    Feedback,
    Need,
    OutcomeKind,
    TextSize,
    VisitMode,
)
from kiosk.stats.db import Database
from kiosk.stats.failures import DatabaseUnavailableError
from kiosk.stats.models import StepTime, TutorialRun, Visit, content_version_code
from kiosk.stats.periods import local_offset
from kiosk.stats.practice import add_practice_counts

__all__ = ["AgeBand", "EndReason", "Feedback", "Need", "VisitMode", "VisitRecorder", "utc_now"]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
# Called from the writer thread after the commit, with the id of the visit or run written.
Committed = Callable[[str], None]

# Only codes and ids go in (the forms kiosk.content.schema accepts): a typed word could never match.
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}")
_TUTORIAL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")

# A step shown longer than this was left open; the time is capped rather than refused.
MAX_STEP_SECONDS = 3600
_TEXT_SIZE_ORDER = {size: rank for rank, size in enumerate(TextSize)}


def utc_now() -> datetime:
    return datetime.now(UTC)


def _done() -> Future[None]:
    future: Future[None] = Future()
    future.set_result(None)
    return future


def _require(pattern: re.Pattern[str], value: str, what: str) -> str:
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        raise ValueError(f"{what} {value!r} is not a valid {what}")
    return value


@dataclass
class _Write:
    # None for a flush marker or a task: nothing to write in a transaction.
    work: Callable[[Connection], None] | None
    future: Future[None] = field(default_factory=Future)
    # Work outside any transaction (the checkpoint), on the writer thread.
    task: Callable[[], None] | None = None
    on_committed: Committed | None = None
    # The visit or run this write needs; skipped when that row was never stored.
    needs: str | None = None
    # The visit or run this write creates.
    creates: str | None = None

    @property
    def row_id(self) -> str:
        return self.creates or self.needs or ""


class VisitRecorder:
    def __init__(
        self,
        database: Database,
        *,
        clock: Clock = utc_now,
        offset: timedelta | None = None,
        on_unavailable: Callable[[DatabaseUnavailableError], None] | None = None,
    ) -> None:
        self._database = database
        self._clock = clock
        # The point's offset from UTC, for the local day of the daily counts: the machine's,
        # taken once, as the dashboard and the export take it (Vietnam has no daylight saving).
        self._offset = offset if offset is not None else local_offset()
        self._on_unavailable = on_unavailable
        self._queue: queue.SimpleQueue[_Write | None] = queue.SimpleQueue()
        # Visits and runs whose first row never made it, and why: their later writes are skipped.
        self._lost: dict[str, Exception] = {}
        self._healthy = True
        self._closed = False
        # How long the last checkpoint took on the writer thread (never on the GUI thread).
        self.last_checkpoint_s: float | None = None
        self._thread = threading.Thread(target=self._run, name="visit-recorder", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    # -- the visit ---------------------------------------------------------------------
    def start_visit(
        self,
        *,
        language: str,
        mode: VisitMode = VisitMode.SELF,
        text_size: TextSize = TextSize.NORMAL,
        high_contrast: bool = False,
        on_committed: Committed | None = None,
    ) -> str:
        """Begin recording a visit; returns its random id at once (the row follows)."""
        _require(_LANGUAGE, language, "language")
        values = {
            "uid": uuid.uuid4().hex,
            "started_at": self._clock(),
            "language": language,
            "mode": VisitMode(mode).value,
            "text_size": TextSize(text_size).value,
            "high_contrast": bool(high_contrast),
        }
        visit_id = str(values["uid"])
        self._submit(lambda c: c.execute(insert(Visit).values(**values)), on_committed, creates=visit_id)
        return visit_id

    def note_comfort(
        self,
        visit_id: str,
        *,
        text_size: TextSize,
        high_contrast: bool,
        on_committed: Committed | None = None,
    ) -> Future[None]:
        """Remember the largest text size and whether high contrast was used at any time."""
        size = TextSize(text_size)
        ranked = case(*((Visit.text_size == s.value, rank) for s, rank in _TEXT_SIZE_ORDER.items()), else_=0)
        statement = (
            update(Visit)
            .where(Visit.uid == visit_id)
            .values(
                text_size=case((ranked < _TEXT_SIZE_ORDER[size], size.value), else_=Visit.text_size),
                high_contrast=Visit.high_contrast | bool(high_contrast),
            )
        )
        return self._submit(lambda c: c.execute(statement), on_committed, needs=visit_id)

    def end_visit(
        self, visit_id: str, reason: EndReason, on_committed: Committed | None = None
    ) -> Future[None]:
        ended = self._clock()
        statement = (
            update(Visit)
            .where(Visit.uid == visit_id)
            .values(ended_at=ended, end_reason=EndReason(reason).value)
        )
        return self._submit(lambda c: c.execute(statement), on_committed, needs=visit_id)

    def set_feedback(
        self, visit_id: str, face: Feedback | int, on_committed: Committed | None = None
    ) -> Future[None]:
        statement = update(Visit).where(Visit.uid == visit_id).values(feedback=int(Feedback(face)))
        return self._submit(lambda c: c.execute(statement), on_committed, needs=visit_id)

    # -- tutorial runs -----------------------------------------------------------------
    def start_run(
        self,
        visit_id: str,
        *,
        tutorial_id: str,
        content_version: str,
        steps_total: int,
        on_committed: Committed | None = None,
    ) -> str:
        """Begin recording a tutorial within a visit; returns the run's random id at once."""
        _require(_TUTORIAL_ID, tutorial_id, "tutorial id")
        version = content_version_code(content_version)
        if not isinstance(steps_total, int) or steps_total < 1:
            raise ValueError(f"steps_total must be a positive number, not {steps_total!r}")
        run_id = uuid.uuid4().hex
        statement = insert(TutorialRun).values(
            uid=run_id,
            visit_id=select(Visit.id).where(Visit.uid == visit_id).scalar_subquery(),
            tutorial_id=tutorial_id,
            content_version=version,
            steps_total=steps_total,
            furthest_step=1,
            completed=False,
            handout_printed=False,
            qr_shown=False,
        )
        self._submit(lambda c: c.execute(statement), on_committed, needs=visit_id, creates=run_id)
        return run_id

    def record_step(
        self, run_id: str, step_index: int, seconds: float, on_committed: Committed | None = None
    ) -> Future[None]:
        """Add ``seconds`` spent on the step at zero-based ``step_index`` (as ``VisitorSession``)."""
        if not isinstance(step_index, int) or step_index < 0:
            raise ValueError(f"step_index must be 0 or more, not {step_index!r}")
        if seconds < 0:
            raise ValueError(f"seconds must not be negative, not {seconds!r}")
        number = step_index + 1
        whole = min(round(seconds), MAX_STEP_SECONDS)
        run_key = select(TutorialRun.id).where(TutorialRun.uid == run_id).scalar_subquery()
        upsert = sqlite_insert(StepTime).values(run_id=run_key, step_number=number, seconds=whole)
        upsert = upsert.on_conflict_do_update(
            index_elements=[StepTime.run_id, StepTime.step_number],
            set_={"seconds": StepTime.seconds + upsert.excluded.seconds},
        )
        furthest = (
            update(TutorialRun)
            .where(TutorialRun.uid == run_id)
            .values(
                furthest_step=func.min(TutorialRun.steps_total, func.max(TutorialRun.furthest_step, number))
            )
        )

        def work(connection: Connection) -> None:
            connection.execute(upsert)
            connection.execute(furthest)

        return self._submit(work, on_committed, needs=run_id)

    def finish_run(
        self, run_id: str, *, completed: bool, on_committed: Committed | None = None
    ) -> Future[None]:
        """The visitor left the tutorial; ``completed`` when they reached its end."""
        values: dict[str, object] = {"completed": bool(completed)}
        if completed:
            values["furthest_step"] = TutorialRun.steps_total
        statement = update(TutorialRun).where(TutorialRun.uid == run_id).values(**values)
        return self._submit(lambda c: c.execute(statement), on_committed, needs=run_id)

    def mark_handout(self, run_id: str, on_committed: Committed | None = None) -> Future[None]:
        statement = update(TutorialRun).where(TutorialRun.uid == run_id).values(handout_printed=True)
        return self._submit(lambda c: c.execute(statement), on_committed, needs=run_id)

    def mark_qr(self, run_id: str, on_committed: Committed | None = None) -> Future[None]:
        statement = update(TutorialRun).where(TutorialRun.uid == run_id).values(qr_shown=True)
        return self._submit(lambda c: c.execute(statement), on_committed, needs=run_id)

    # -- guided sessions: daily counts, tied to no visit ----------------------------------
    def record_outcomes(
        self,
        tutorial_id: str,
        achieved: Collection[str] = (),
        reasons: Collection[str] = (),
        on_committed: Committed | None = None,
        helped: Collection[str] = (),
        practised: bool = False,
    ) -> Future[None]:
        """Count what a guided session did with one tutorial: the ``achieved`` outcome ids (those
        also in ``helped`` as done with help) and, if it could not be finished, the ``reasons``
        ids (both may be given: part done, part not); ``practised`` when the visitor practised the
        tutorial on the kiosk ("Try it"), counted as kind "practised".

        Counted on today's local day; nothing links the counts to the visit. With neither,
        nothing is recorded.
        """
        _require(_TUTORIAL_ID, tutorial_id, "tutorial id")
        for what, ids in (("outcome id", achieved), ("reason id", reasons)):
            if isinstance(ids, str):
                raise ValueError(f"give a sequence of {what}s, not the text {ids!r}")
            for code in ids:
                _require(_TUTORIAL_ID, code, what)
            if len(set(ids)) != len(ids):
                raise ValueError(f"each {what} may be given once: {list(ids)!r}")
        if isinstance(helped, str) or not set(helped) <= set(achieved):
            raise ValueError(f"outcomes done with help must be among those achieved: {helped!r}")
        keys = guided.outcome_keys(tutorial_id, list(achieved), list(reasons), set(helped))
        if practised:
            keys.append((tutorial_id, OutcomeKind.PRACTISED.value, PRACTISED_CODE))
        if not keys:
            return _done()
        counts = Counter((self._local_day(), *key) for key in keys)
        return self._submit(lambda c: guided.add_outcome_counts(c, counts), on_committed)

    def record_profile(
        self,
        age_band: AgeBand | None,
        needs: Collection[Need],
        on_committed: Committed | None = None,
    ) -> Future[None]:
        """Count the optional coarse profile of a guided visitor, each attribute on its own.

        Adds one to today's "profile noted", to ``age_band`` if given, and to each of ``needs``
        (or to "none" when empty). Call it at most once per guided visit; it is never stored
        with the visit.
        """
        keys = guided.profile_keys(
            AgeBand(age_band) if age_band is not None else None, [Need(n) for n in needs]
        )
        counts = Counter((self._local_day(), *key) for key in keys)
        return self._submit(lambda c: guided.add_profile_counts(c, counts), on_committed)

    # -- practice ("Try it"): daily counts per step, tied to no visit --------------------
    def record_practice(
        self,
        tutorial_id: str,
        step_id: str,
        *,
        attempts: int,
        misses: int,
        hints_shown: int,
        shown_and_moved_on: bool,
        on_committed: Committed | None = None,
    ) -> Future[None]:
        """Count one practice step done: added to today's counts of that tutorial's step.

        Only counts: never what was typed, and nothing links them to the visit.
        """
        _require(_TUTORIAL_ID, tutorial_id, "tutorial id")
        _require(_TUTORIAL_ID, step_id, "step id")
        numbers = {"attempts": attempts, "misses": misses, "hints_shown": hints_shown}
        for name, number in numbers.items():
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                raise ValueError(f"{name} must be a whole number, 0 or more, not {number!r}")
        row = {
            "day": self._local_day(),
            "tutorial_id": tutorial_id,
            "step_id": step_id,
            "demo": False,
            "practised": 1,
            **numbers,
            "shown_and_moved_on": int(bool(shown_and_moved_on)),
        }
        return self._submit(lambda c: add_practice_counts(c, [row]), on_committed)

    def _local_day(self) -> date:
        return (self._clock().astimezone(UTC) + self._offset).date()

    # -- after a visit -----------------------------------------------------------------
    def checkpoint(self) -> Future[None]:
        """Empty the ``-wal`` journal into the file and update the high-water record, after the
        writes queued so far; call at the end of a visit. Returns at once, like a write."""
        if self._closed:
            raise RuntimeError("the visit recorder is closed")
        write = _Write(None, task=self._checkpoint)
        self._queue.put(write)
        return write.future

    def _checkpoint(self) -> None:
        started = time.perf_counter()
        try:
            done = self._database.record_high_water(self._clock())
        except DatabaseUnavailableError as error:
            # The statistics themselves fail the same way and are reported there.
            log.warning("statistics checkpoint not made: %s", error.with_detail)
            return
        if not done.complete:
            log.info("statistics checkpoint left part of the journal to a reader; the next one takes it")
        self.last_checkpoint_s = time.perf_counter() - started

    # -- shutdown ----------------------------------------------------------------------
    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write queued so far has been committed (or failed)."""
        if not self._thread.is_alive():
            return True
        marker = _Write(None)
        self._queue.put(marker)
        try:
            marker.future.result(timeout)
        except TimeoutError:
            return False
        return True

    def close(self, timeout: float | None = 30.0) -> None:
        """Commit what is queued, then stop the writer. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        self._queue.put(_Write(None, task=self._checkpoint))
        self._queue.put(None)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.error("the visit recorder did not finish its writes within %s s", timeout)

    # -- the writer thread -------------------------------------------------------------
    def _submit(
        self,
        work: Callable[[Connection], object],
        on_committed: Committed | None,
        *,
        needs: str | None = None,
        creates: str | None = None,
    ) -> Future[None]:
        if self._closed:
            raise RuntimeError("the visit recorder is closed")

        def run(connection: Connection) -> None:
            work(connection)

        write = _Write(run, on_committed=on_committed, needs=needs, creates=creates)
        self._queue.put(write)
        return write.future

    def _run(self) -> None:
        while True:
            write = self._queue.get()
            if write is None:
                return
            self._perform(write)

    def _perform(self, write: _Write) -> None:
        if write.work is None:
            if write.task is not None:
                try:
                    write.task()
                except Exception as error:
                    log.exception("a statistics task failed (a bug)")
                    write.future.set_exception(error)
                    return
            write.future.set_result(None)
            return
        lost = self._lost.get(write.needs) if write.needs is not None else None
        if lost is not None:
            if write.creates is not None:
                self._lost[write.creates] = lost
            write.future.set_exception(lost)
            return
        work = write.work
        try:
            with self._database.connection(write=True) as connection:
                work(connection)
        except DatabaseUnavailableError as unavailable:
            self._failed(write, unavailable)
            return
        except Exception as error:
            log.exception("recording a statistic failed (a bug)")
            if write.creates is not None:
                self._lost[write.creates] = error
            write.future.set_exception(error)
            return
        if not self._healthy:
            log.info("statistics can be saved again")
            self._healthy = True
        write.future.set_result(None)
        if write.on_committed is not None:
            try:
                write.on_committed(write.row_id)
            except Exception:
                log.exception("an on_committed callback failed")

    def _failed(self, write: _Write, unavailable: DatabaseUnavailableError) -> None:
        if write.creates is not None:
            self._lost[write.creates] = unavailable
        write.future.set_exception(unavailable)
        if self._healthy:
            self._healthy = False
            log.error("statistics cannot be saved: %s (%s)", unavailable, unavailable.detail)
            if self._on_unavailable is not None:
                try:
                    self._on_unavailable(unavailable)
                except Exception:
                    log.exception("the on_unavailable callback failed")
