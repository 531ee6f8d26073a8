"""Turning what a visitor does into anonymous statistics, without the visitor ever noticing.

``VisitRecording`` only listens to the ``VisitorSession`` (``kiosk.visit.session``) and calls
the ``VisitRecorder``; nobody tells it what happened:

- ``VISIT_STARTED``: the visit starts, with the visitor's language, comfort and mode (self or
  guided); a later comfort change is noted on it;
- a tutorial run starts when a tutorial begins; the time on each step is recorded when the
  visitor leaves that step;
- ``TUTORIAL_FINISHED``: the run is completed and its QR code was shown (the finish screen);
  a tutorial left before that is recorded as not completed;
- ``FEEDBACK``: the face the visitor tapped;
- ``PRACTICE_STEP``: one practice step's counts (attempts, misses, hints, shown and moved on),
  added to the day's counts of that tutorial's step, tied to no visit;
- ``RESET``: the visit ends with the session's ``end_reason``; then the recorder checkpoints
  the database (its journal into the file, and the high-water record), on its own thread.

Handouts (``mark_handout``) and a volunteer's outcomes and profile (``record_outcomes``,
``record_profile``) are told by the printer and the guided session: they are not choices of the
visit but results of it.

``recorder`` gives the recorder when it is needed (``kiosk.stats.service.Statistics.recorder``
opens the database in the background and answers None when statistics are off this run).
Only codes, ids, counts and times are recorded: never anything typed. The recorder writes on
its own thread; a failure there (disk full, read-only) is logged by the recorder and heard
through its ``on_unavailable`` callback (``ui.main`` logs it): the visitor sees nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, TypeVar

from kiosk.content.model import Catalogue
from kiosk.stats.codes import AgeBand, EndReason, Feedback, Need
from kiosk.visit.session import SessionChange, TextSize, VisitorSession

if TYPE_CHECKING:
    # Loaded off the GUI thread by kiosk.stats.service: only named here.
    from kiosk.stats.recorder import VisitRecorder

log = logging.getLogger(__name__)

T = TypeVar("T")


class VisitRecording:
    def __init__(
        self,
        session: VisitorSession,
        recorder: Callable[[], VisitRecorder | None],
        catalogue: Catalogue,
        clock: Callable[[], float],
    ) -> None:
        self._session = session
        self._recorder = recorder
        self._catalogue = catalogue
        self._clock = clock
        # The comfort settings last recorded on the visit (a change is noted, a repeat is not).
        self._comfort: tuple[TextSize, bool] | None = None
        self.visit_id: str | None = None
        self.run_id: str | None = None
        # The tutorial of the open (or last finished) run of this visit.
        self._run_tutorial: str | None = None
        self._run_completed = False
        self._step_index = 0
        self._step_since = 0.0
        # The latest run of each tutorial in this visit, for handouts printed later.
        self._runs_by_tutorial: dict[str, str] = {}
        self._unsubscribe = session.subscribe(self._on_session_changed)

    def close(self) -> None:
        """Stop listening (the window is closing)."""
        self._unsubscribe()

    # -- what the session announces ---------------------------------------------------
    def begin_visit(self) -> None:
        """The visitor made their first choice: the visit starts, once."""
        if self.visit_id is not None:
            return
        session = self._session
        self._comfort = (session.text_size, session.high_contrast)
        self.visit_id = self._safely(
            "start a visit",
            lambda recorder: recorder.start_visit(
                language=session.language,
                mode=session.mode,
                text_size=session.text_size,
                high_contrast=session.high_contrast,
            ),
        )

    def reached_finish(self) -> None:
        """The visitor went past the last step to the finish screen: the run is completed."""
        run_id = self.run_id
        if run_id is None or self._run_completed:
            return
        self._close_step()
        self._run_completed = True
        self._safely("finish a run", lambda recorder: recorder.finish_run(run_id, completed=True))

    def end_visit(self, reason: EndReason) -> None:
        """Call before ``session.reset()`` with why the visit ended (Finish, Home, idle)."""
        self._leave_run()
        visit_id = self.visit_id
        if visit_id is None:
            return
        self.visit_id = None
        self._run_tutorial = None
        self.run_id = None
        self._runs_by_tutorial.clear()
        self._comfort = None
        self._safely("end a visit", lambda recorder: recorder.end_visit(visit_id, EndReason(reason)))
        # Queued behind the visit's writes: the GUI thread only puts it on the queue.
        self._safely("checkpoint the statistics", lambda recorder: recorder.checkpoint())

    # -- what the printer and the guided session tell ----------------------------------
    def mark_handout(self, tutorial_id: str | None = None) -> None:
        """A handout was printed: for the open or last run, or for ``tutorial_id``'s run in this visit.

        A handout printed from the topic screen, for a tutorial not opened in this visit, is
        recorded as a run of its own that got no further than its first step and was not
        completed, with its handout printed: the commune counts handouts per tutorial.
        """
        if tutorial_id is None:
            run_id = self._run_for(None)
        else:
            run_id = self._runs_by_tutorial.get(tutorial_id) or self._handout_only_run(tutorial_id)
        if run_id is not None:
            self._safely("mark a handout", lambda recorder: recorder.mark_handout(run_id))

    def mark_qr(self, tutorial_id: str | None = None) -> None:
        """The finish screen showed the QR code of the open or last run."""
        run_id = self._run_for(tutorial_id)
        if run_id is not None:
            self._safely("mark a QR code", lambda recorder: recorder.mark_qr(run_id))

    def record_outcomes(
        self,
        tutorial_id: str,
        achieved: Collection[str],
        reasons: Collection[str],
        helped: Collection[str] = (),
        practised: bool = False,
    ) -> None:
        """What a volunteer ticked for one tutorial (``helped``: achieved with help; ``practised``:
        practised on the kiosk): counted per day, never on the visit."""
        self._safely(
            "count outcomes",
            lambda recorder: recorder.record_outcomes(
                tutorial_id, achieved=achieved, reasons=reasons, helped=helped, practised=practised
            ),
        )

    def record_profile(self, age_band: AgeBand | None, needs: Collection[Need]) -> None:
        """The optional profile of a guided visit: counted per day, never on the visit."""
        self._safely("count a profile", lambda recorder: recorder.record_profile(age_band, needs))

    def set_feedback(self, face: Feedback | int) -> None:
        visit_id = self.visit_id
        if visit_id is not None:
            self._safely("save feedback", lambda recorder: recorder.set_feedback(visit_id, Feedback(face)))

    # -- listening to the session -----------------------------------------------------
    def _on_session_changed(self, change: SessionChange) -> None:
        if change is SessionChange.RESET:
            self.end_visit(self._session.end_reason)
        elif change is SessionChange.VISIT_STARTED:
            self.begin_visit()
        elif change is SessionChange.COMFORT:
            self._on_comfort()
        elif change is SessionChange.TUTORIAL:
            self._on_tutorial()
        elif change is SessionChange.STEP:
            self._on_step()
        elif change is SessionChange.TUTORIAL_FINISHED:
            self.reached_finish()
            self.mark_qr()
        elif change is SessionChange.FEEDBACK:
            face = self._session.feedback
            if face is not None:
                self.set_feedback(face)
        elif change is SessionChange.PRACTICE_STEP:
            self._on_practice()

    def _on_practice(self) -> None:
        result = self._session.last_practice
        if result is None:
            return
        self._safely(
            "count a practice step",
            lambda recorder: recorder.record_practice(
                result.tutorial_id,
                result.step_id,
                attempts=result.attempts,
                misses=result.misses,
                hints_shown=result.hints_shown,
                shown_and_moved_on=result.shown_and_moved_on,
            ),
        )

    def _on_comfort(self) -> None:
        if self.visit_id is None:
            self.begin_visit()
            return
        session = self._session
        comfort = (session.text_size, session.high_contrast)
        if comfort == self._comfort:
            return
        self._comfort = comfort
        visit_id = self.visit_id
        self._safely(
            "note comfort settings",
            lambda recorder: recorder.note_comfort(
                visit_id, text_size=session.text_size, high_contrast=session.high_contrast
            ),
        )

    def _on_tutorial(self) -> None:
        self._leave_run()
        tutorial_id = self._session.tutorial_id
        if tutorial_id is None:
            return
        self.begin_visit()
        visit_id = self.visit_id
        if visit_id is None:
            return
        try:
            version = self._catalogue.tutorial(tutorial_id).content_version
        except KeyError:
            log.error("tutorial %r is not in the catalogue; its run is not recorded", tutorial_id)
            return
        steps = self._session.step_count
        self.run_id = self._start_run(visit_id, tutorial_id, version, steps)
        self._run_tutorial = tutorial_id
        self._run_completed = False
        self._step_index = self._session.step_index
        self._step_since = self._clock()

    def _on_step(self) -> None:
        if self.run_id is None:
            return
        self._close_step()
        self._step_index = self._session.step_index

    # -- helpers ------------------------------------------------------------------------
    def _start_run(self, visit_id: str, tutorial_id: str, version: str, steps: int) -> str | None:
        run_id = self._safely(
            "start a run",
            lambda recorder: recorder.start_run(
                visit_id, tutorial_id=tutorial_id, content_version=version, steps_total=steps
            ),
        )
        if run_id is not None:
            self._runs_by_tutorial[tutorial_id] = run_id
        return run_id

    def _handout_only_run(self, tutorial_id: str) -> str | None:
        self.begin_visit()
        visit_id = self.visit_id
        try:
            tutorial = self._catalogue.tutorial(tutorial_id)
        except KeyError:
            log.error("tutorial %r is not in the catalogue; its handout is not recorded", tutorial_id)
            return None
        if visit_id is None:
            return None
        run_id = self._start_run(visit_id, tutorial_id, tutorial.content_version, len(tutorial.steps))
        if run_id is not None:
            self._safely("finish a run", lambda recorder: recorder.finish_run(run_id, completed=False))
        return run_id

    def _close_step(self) -> None:
        """Record the time on the step being left, and start timing the next one."""
        run_id = self.run_id
        now = self._clock()
        seconds = max(0.0, now - self._step_since)
        self._step_since = now
        if run_id is None:
            return
        index = self._step_index
        self._safely("record a step", lambda recorder: recorder.record_step(run_id, index, seconds))

    def _leave_run(self) -> None:
        """The tutorial was left (or the visit ended): finish the run if the finish screen did not."""
        run_id = self.run_id
        if run_id is None or self._run_completed:
            # A completed run stays the "last run" for the finish screen's QR code and handout.
            return
        self._close_step()
        self._run_completed = True
        self._safely("finish a run", lambda recorder: recorder.finish_run(run_id, completed=False))

    def _run_for(self, tutorial_id: str | None) -> str | None:
        if self.run_id is None or (tutorial_id is not None and tutorial_id != self._run_tutorial):
            log.info("no run of %s in this visit to mark", tutorial_id or "any tutorial")
            return None
        return self.run_id

    def _safely(self, what: str, call: Callable[[VisitRecorder], T]) -> T | None:
        """A statistic is never worth stranding a visitor: any failure is logged and dropped."""
        recorder = self._recorder()
        if recorder is None:
            # Statistics are off this run (the reason was logged once, when the open failed).
            return None
        try:
            return call(recorder)
        except Exception:
            log.exception("could not %s for the statistics", what)
            return None
