"""A volunteer-guided session over the kiosk window: setup, the volunteer's bar, outcomes, take-home.

The volunteer's PIN opens the setup page (``offer``). Starting the plan sets the visitor's
language and comfort, marks the visit as guided and opens the first tutorial: from then on the
visitor sees the ordinary player, and only the volunteer's bar at the bottom of the window
shows that the session is guided (jump to a step, pause the idle timer, end). After each
tutorial the finish screen's main action is the plan's next tutorial ("Next guide: …"); after
the last one, or on "end" (the same words on the bar and the finish screen), the outcomes page
asks the volunteer what was achieved, and whether by the visitor alone or with help, prints the
take-home sheet if wanted, and the counts are recorded when the volunteer taps Done, which the
page confirms ("Results saved") before the kiosk goes back to the start.

Nothing of the session outlives the visit: the window's ``return_to_start`` calls ``reset``.
The controller asks the window only through ``ui.screens.host.VisitHost``; its pages are drawn
over ``parent`` (the window, as a widget) and the take-home sheet goes to the handout printer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.content.model import Catalogue, Tutorial
from kiosk.i18n import UiText
from kiosk.printing.state import FROM_GUIDED, PrintPhase, PrintState
from kiosk.stats.codes import EndReason, VisitMode
from kiosk.visit.guided import GuidedPlan, GuidedSession, PlanError
from kiosk.visit.session import SessionChange
from ui.guided.outcomes_page import OutcomesPage
from ui.guided.setup_page import GuidedSetup
from ui.guided.volunteer_bar import VolunteerBar
from ui.screens.host import VisitHost
from ui.screens.kind import Screen

if TYPE_CHECKING:
    from ui.printing.printer import HandoutPrinter

log = logging.getLogger(__name__)

# How long "Results saved" stays in sight before the kiosk goes back to the start.
SAVED_MS = 2500


class GuidedController(QObject):
    def __init__(
        self,
        host: VisitHost,
        parent: QWidget,
        printer: HandoutPrinter,
        catalogue: Catalogue,
        ui_text: UiText,
        lang: str,
        languages: Sequence[str],
    ) -> None:
        super().__init__(parent)
        self._host = host
        self._printer = printer
        self._catalogue = catalogue
        self._languages = tuple(languages)
        self.setup_page = GuidedSetup(catalogue, ui_text, lang, languages, parent)
        self.outcomes_page = OutcomesPage(catalogue, ui_text, lang, parent)
        # The window puts the bar in its layout, under the screens; shown only during a session.
        self.bar = VolunteerBar(ui_text, lang)
        self.bar.hide()
        self.session: GuidedSession | None = None
        self.idle_paused = False
        # The tutorials of the last take-home sheet sent to the printer (marked when it is done).
        self._printing: tuple[str, ...] = ()

        self.setup_page.start_requested.connect(self._on_start_requested)
        self.bar.step_chosen.connect(self._on_step_chosen)
        self.bar.pause_toggled.connect(self._on_pause_toggled)
        self.bar.end_requested.connect(self.show_outcomes)
        self.outcomes_page.print_requested.connect(self._on_print_requested)
        self.outcomes_page.done_requested.connect(self._on_done_requested)
        host.session.subscribe(self._on_session_changed)

    @property
    def active(self) -> bool:
        return self.session is not None

    # -- what the window asks ------------------------------------------------------------
    def offer(self) -> None:
        """A volunteer's PIN was accepted: end any visit in progress and choose the session."""
        self._host.return_to_start()
        self.setup_page.start()

    def following(self) -> Tutorial | None:
        """The plan's tutorial after the present one (the finish screen's main action); None at the last."""
        session = self.session
        following = session.following if session is not None else None
        if following is None:
            return None
        try:
            return self._catalogue.tutorial(following)
        except KeyError:
            return None

    def next_tutorial(self) -> None:
        """The visitor finished a tutorial: the next one of the plan, or the outcomes after the last."""
        session = self.session
        if session is None:
            return
        following = session.advance()
        if following is None:
            self.show_outcomes()
            return
        self._host.session.leave_tutorial()
        self._open(following)

    def show_outcomes(self) -> None:
        session = self.session
        if session is None:
            return
        # Leaving the tutorial closes its run (completed only if the finish screen was reached).
        self._host.session.leave_tutorial()
        self.outcomes_page.show_session(session)

    def reset(self) -> None:
        """The visit is over (done, Home, idle, an error): forget the session entirely."""
        self.session = None
        self.idle_paused = False
        self._printing = ()
        self.bar.reset()
        self.bar.hide()
        self.setup_page.hide()
        self.outcomes_page.hide()

    # -- slots ---------------------------------------------------------------------------
    def _on_start_requested(self, plan: GuidedPlan) -> None:
        try:
            plan.check(self._catalogue, self._languages)
        except PlanError as error:
            log.error("guided session not started: %s", error)
            return
        self.session = GuidedSession(plan)
        visitor = self._host.session
        visitor.set_mode(VisitMode.GUIDED)
        # The visit starts with the language, even the one already shown.
        visitor.choose_language(plan.language)
        visitor.set_text_size(plan.text_size)
        visitor.set_high_contrast(plan.high_contrast)
        log.info("guided session started: %d guides", len(plan.tutorial_ids))
        self.bar.show()
        self._open(plan.tutorial_ids[0])

    def _open(self, tutorial_id: str) -> None:
        session = self.session
        assert session is not None
        self.bar.show_position(session.position, session.count)
        self._host.open_tutorial(tutorial_id)

    def _on_session_changed(self, change: SessionChange) -> None:
        if self.session is None or change not in (SessionChange.TUTORIAL, SessionChange.STEP):
            return
        visitor = self._host.session
        if visitor.tutorial_id is not None:
            self.bar.show_steps(visitor.step_count, visitor.step_index)

    def _on_step_chosen(self, index: int) -> None:
        host = self._host
        if self.session is None or host.session.tutorial_id is None:
            return
        host.note_activity()
        host.session.go_to_step(index)
        if host.current is not Screen.PLAYER:
            host.show_screen(Screen.PLAYER)

    def _on_pause_toggled(self, paused: bool) -> None:
        self.idle_paused = paused
        self._host.note_activity()
        log.info("guided session: idle timer %s", "paused" if paused else "running")

    def _on_print_requested(self) -> None:
        session = self.session
        if session is None:
            return
        ticked = self.outcomes_page.ticked()
        results = [
            (tutorial_id, sorted(ticked[tutorial_id].achieved), sorted(ticked[tutorial_id].reasons))
            if tutorial_id in ticked
            else (tutorial_id, [], [])
            for tutorial_id in session.plan.tutorial_ids
        ]
        if self._printer.request_take_home(results, session.plan.language):
            self._printing = session.plan.tutorial_ids

    def on_print_state(self, state: PrintState) -> None:
        """The handout printer's state: the outcomes page shows the take-home sheet's."""
        if state.origin != FROM_GUIDED:
            return
        self.outcomes_page.show_print_state(state)
        if state.phase is PrintPhase.DONE:
            for tutorial_id in self._printing:
                self._host.recording.mark_handout(tutorial_id)
            self._printing = ()

    def _on_done_requested(self) -> None:
        session = self.session
        if session is None:
            return
        recording = self._host.recording
        for tutorial_id, outcome in self.outcomes_page.ticked().items():
            recording.record_outcomes(
                tutorial_id,
                sorted(outcome.achieved),
                sorted(outcome.reasons),
                helped=sorted(outcome.helped),
                practised=outcome.practised,
            )
        plan = session.plan
        if plan.age_band is not None or plan.needs:
            recording.record_profile(plan.age_band, sorted(plan.needs))
        log.info("guided session done")
        # The volunteer reads "Results saved", then the kiosk is ready for the next visitor.
        self.session = None
        self.outcomes_page.show_saved()
        QTimer.singleShot(SAVED_MS, self, self._on_saved_shown)

    def _on_saved_shown(self) -> None:
        self.outcomes_page.hide()
        if self.session is None:
            self._host.return_to_start(EndReason.FINISHED)
