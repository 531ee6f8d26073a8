"""The kiosk window: the top bar, the screens, and the two overlays (comfort, idle).

It owns the visit (``VisitorSession``) and moves between screens when the visitor taps.
Every navigation tap passes the ``TapGuard`` first so a doubled tap cannot skip a step.

Only the start screen (with the top bar and the idle watcher) is built before the window
is first shown: it is all a passer-by sees. The visitor's input (the application event filter
with the keys, the steady taps and the organiser corner), the other screens and the overlays
are built right after the first paint, while nobody has tapped yet, or at once if one is
needed sooner (a test), so every tap always finds its screen. The handout printer, which
serves their Print buttons, is made with them; ``first_painted`` then tells ``ui.app`` to
make its event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.content.model import Catalogue, Tutorial
from kiosk.i18n import UiText
from kiosk.stats.codes import EndReason, Feedback
from kiosk.system.settings import Settings
from kiosk.visit.recording import VisitRecording
from kiosk.visit.session import SessionChange, TextSize, VisitorSession
from ui.input.tap_guard import TapGuard
from ui.look import theme
from ui.look.style import stylesheet
from ui.look.theme import Look
from ui.screens.kind import Screen
from ui.screens.start import StartScreen
from ui.shell.idle import IdleWatcher
from ui.shell.navigation import Navigation
from ui.shell.top_bar import TopBar

if TYPE_CHECKING:
    from kiosk.printing.state import PrintState
    from kiosk.stats.service import Statistics
    from ui.guided.controller import GuidedController

    # Imported when they are made, after the first paint: the visitor's input (build_input),
    # organiser mode's entry with it, the other screens (ui/shell/later_screens.py).
    from ui.input.keys import VisitorKeys
    from ui.input.pipeline import InputPipeline
    from ui.input.steady_taps import SteadyTaps
    from ui.narration.control import NarrationControl
    from ui.organiser.access import OrganiserAccess
    from ui.overlays.comfort import ComfortPanel
    from ui.overlays.idle_question import IdleOverlay
    from ui.printing.printer import HandoutPrinter
    from ui.screens.catalogue import CatalogueScreen
    from ui.screens.finish import FinishScreen
    from ui.screens.language import LanguageScreen
    from ui.screens.player import PlayerScreen
    from ui.screens.practice import PracticeScreen
    from ui.shell.later_screens import LaterScreens

    # Only in kiosk mode.
    from ui.shell.lockdown import KioskLock

__all__ = ["MainWindow", "Screen"]

log = logging.getLogger(__name__)

# The finish screen's faces, as the statistics record them.
_FEEDBACK = {"easy": Feedback.HAPPY, "okay": Feedback.NEUTRAL, "hard": Feedback.UNHAPPY}


def _no_recorder() -> None:
    return None


class MainWindow(QWidget):
    # Once, when the first paint is done and the later screens are built (ui.app makes its loop then).
    first_painted = Signal()

    def __init__(
        self,
        *,
        settings: Settings,
        catalogue: Catalogue,
        ui_text: UiText,
        kiosk_mode: bool,
        clock: Callable[[], float],
        physical_dpi: float | None = None,
        statistics: Statistics | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # The window holds the keyboard focus, so no button shows a focus ring until the
        # visitor uses the keys (Tab) to move between buttons.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.kiosk_mode = kiosk_mode
        self._catalogue = catalogue
        self._ui_text = ui_text
        screen = self.screen()
        self._dpi = physical_dpi if physical_dpi is not None else screen.physicalDotsPerInch()
        language = settings.default_language
        if language not in ui_text.languages():
            log.warning("Default language %r has no UI text; using Vietnamese", language)
            language = ui_text.languages()[0]
        self.session = VisitorSession(language)
        # Anonymous statistics (kiosk.stats): the database opens in the background after the
        # first paint; without ``statistics`` (screenshots) nothing is recorded.
        self.statistics = statistics
        self.recording = VisitRecording(
            self.session, statistics.recorder if statistics is not None else _no_recorder, catalogue, clock
        )
        self._guard = TapGuard(clock)
        self.navigation = Navigation(
            self, self._guard, ui_text, open_comfort=self.open_comfort, guided_session=self.guided_session
        )
        self.top_bar: TopBar = TopBar(ui_text)
        self.start_screen = StartScreen(ui_text, settings.point_name)
        self._clock = clock
        # The visitor's input (ui/input/pipeline.py: the keys, the steady taps, the organiser
        # corner) is made after the first paint, or when first asked for (build_input).
        self._input: InputPipeline | None = None
        self._steady_taps: SteadyTaps | None = None
        self._keys: VisitorKeys | None = None
        self._organiser: OrganiserAccess | None = None
        self.look: Look = theme.look_for(TextSize.NORMAL, False, self._dpi)

        self._screens: dict[Screen, QWidget] = {Screen.START: self.start_screen}
        self._later: LaterScreens | None = None
        # Practice mode ("Try it"): built when first opened; the screen it goes back to.
        self._practice: PracticeScreen | None = None
        self._practice_return = Screen.CATALOGUE
        self._first_paint_seen = False
        self.first_paint_done = False
        # Handout printing (issue 3, ui/printing/printer.py): made with the later screens, whose
        # Print buttons it serves, so its modules (and ui.runtime.worker's) load after the first paint.
        self._handout_printer: HandoutPrinter | None = None
        self.narration: NarrationControl | None = None  # reading aloud: made with the later screens
        self._settings = settings
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The window's size is the screen's; letting the layout resize the window would
        # fight the full-screen geometry (and platforms without a window manager warn).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.stack, 1)

        self.idle_watcher: IdleWatcher = IdleWatcher(
            clock,
            timeout_s=settings.idle_timeout_s,
            answer_s=settings.idle_answer_s,
            phone_pause_s=settings.phone_pause_s,
            armed=self._visit_in_progress,
            parent=self,
        )
        self.current = Screen.START
        self._connect()
        self.session.subscribe(self._on_session_changed)
        # Kiosk mode: close requests and Alt+F4 are refused; see ui/shell/lockdown.py for the way out.
        self.lock: KioskLock | None = None
        if kiosk_mode:
            from ui.shell.lockdown import KioskLock

            self.lock = KioskLock(self, self._on_operator_exit, pin_gate=lambda: self.organiser)
        # Volunteer-guided sessions (ui/guided): built when a volunteer first comes in.
        self._guided: GuidedController | None = None
        self._apply_look()
        self._retranslate()
        self.show_screen(Screen.START)
        self.idle_watcher.start()

    # -- the visitor's input ---------------------------------------------------------------
    @property
    def input(self) -> InputPipeline:
        """The one application event filter for the visitor's input (ui/input/pipeline.py)."""
        return self.build_input()

    @property
    def steady_taps(self) -> SteadyTaps:
        """A repeated tap on one button counts once (ui/input/steady_taps.py)."""
        self.build_input()
        assert self._steady_taps is not None
        return self._steady_taps

    @property
    def keys(self) -> VisitorKeys:
        """The keyboard and number pad (ui/input/keys.py)."""
        self.build_input()
        assert self._keys is not None
        return self._keys

    @property
    def organiser(self) -> OrganiserAccess | None:
        """The way into organiser mode; None without statistics (screenshots, some tests)."""
        self.build_input()
        return self._organiser

    def build_input(self) -> InputPipeline:
        """The visitor's input pipeline with its stages, made now if not made yet.

        Nobody can touch or type into a window that is not on the screen yet, and a Python
        application event filter made before the first paint would see every event of it:
        the first event it sees of an object PySide has no Python type for yet (the style,
        on the window's first focus) makes PySide build that type, some 8 ms for QStyle.
        """
        if self._input is None:
            self._input = self._build_input()
        return self._input

    def _build_input(self) -> InputPipeline:
        from ui.input.keys import VisitorKeys
        from ui.input.pipeline import InputPipeline, Slot
        from ui.input.steady_taps import SteadyTaps

        settings = self._settings
        # The one application event filter for the visitor's input: each part is placed in its
        # slot, and the slots are asked in the pipeline's fixed order (ui/input/pipeline.py).
        pipeline = InputPipeline(self)
        pipeline.place(Slot.IDLE_ACTIVITY, self.idle_watcher)
        self._steady_taps = SteadyTaps(self, self._clock, settings.repeat_tap_ms)
        pipeline.place(Slot.STEADY_TAPS, self._steady_taps)
        self._keys = VisitorKeys(
            self, self._ui_text, self.session, self._steady_taps, lambda: self.look.palette
        )
        pipeline.place(Slot.KEYS, self._keys)
        if self.statistics is not None:
            self._organiser = self._organiser_access(self.statistics, settings)
            pipeline.place(Slot.ORGANISER_CORNER, self._organiser.entry)
        return pipeline

    # -- the screens the start screen does not show --------------------------------------
    @property
    def language_screen(self) -> LanguageScreen:
        return self.build_later_screens().language

    @property
    def catalogue_screen(self) -> CatalogueScreen:
        return self.build_later_screens().catalogue

    @property
    def player_screen(self) -> PlayerScreen:
        return self.build_later_screens().player

    @property
    def finish_screen(self) -> FinishScreen:
        return self.build_later_screens().finish

    @property
    def comfort_panel(self) -> ComfortPanel:
        return self.build_later_screens().comfort

    @property
    def idle_overlay(self) -> IdleOverlay:
        return self.build_later_screens().idle

    @property
    def handout_printer(self) -> HandoutPrinter:
        self.build_later_screens()
        assert self._handout_printer is not None
        return self._handout_printer

    def build_later_screens(self) -> LaterScreens:
        """Every screen but the start screen, built now if not built yet."""
        if self._later is None:
            self._later = self._build_later_screens()
        return self._later

    def _build_later_screens(self) -> LaterScreens:
        from ui.shell.later_screens import LaterScreens

        later = LaterScreens.build(self._ui_text, self._catalogue, self)
        self._screens.update(
            {
                Screen.LANGUAGE: later.language,
                Screen.CATALOGUE: later.catalogue,
                Screen.PLAYER: later.player,
                Screen.FINISH: later.finish,
            }
        )
        for screen in (later.language, later.catalogue, later.player, later.finish):
            self.stack.addWidget(screen)
        # The drill's answers live as long as the open tutorial: the session keeps them.
        later.player.drill = self.session.drill
        later.finish.drill = self.session.drill
        later.player.set_repeat_visible(self.session.narration)
        self._connect_later(later)
        later.retranslate(self.session.language)
        later.set_palette(self.look.palette)
        return later

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._first_paint_seen:
            # Once the start screen is on the glass (the children finish this same paint),
            # build the rest while the visitor reads it.
            self._first_paint_seen = True
            QTimer.singleShot(0, self._on_first_paint_done)

    def _on_first_paint_done(self) -> None:
        self.build_input()
        # The start screen is on the glass: its main action takes the focus (ui/input/main_action.py).
        self.keys.main_focus.apply()
        self.build_later_screens()
        if self.statistics is not None:
            self.statistics.open_in_background()
        self.first_paint_done = True
        self.first_painted.emit()

    def _connect(self) -> None:
        self.navigation.connect_first(self.top_bar, self.start_screen)
        self.idle_watcher.warning_started.connect(self._on_idle_warning_started)
        self.idle_watcher.countdown_changed.connect(self._on_idle_countdown_changed)
        self.idle_watcher.expired.connect(self._on_idle_expired)
        self.idle_watcher.phone_pause_changed.connect(self._on_phone_pause_changed)

    def _connect_later(self, later: LaterScreens) -> None:
        self.navigation.connect_later(later)
        later.comfort.text_size_chosen.connect(self.session.set_text_size)
        later.comfort.contrast_chosen.connect(self.session.set_high_contrast)
        later.idle.continue_requested.connect(self._on_idle_continue_requested)
        later.idle.phone_requested.connect(self._on_phone_requested)
        later.idle.phone_pause.continue_requested.connect(self._on_phone_pause_ended)
        later.finish.feedback_given.connect(self._on_feedback_given)
        # "Thử làm" / "Try it" on a topic's tile (and at the end of a lesson).
        later.catalogue.practice_requested.connect(self._on_practice_requested)
        later.finish.practice_requested.connect(self._on_practice_requested)
        # Handout printing (issue 3): the Print buttons of the finish screen and the catalogue.
        from ui.printing.printer import HandoutPrinter, connect_print_buttons

        self._handout_printer = HandoutPrinter(self._settings, self._catalogue, parent=self)
        printing = (later.finish, later.catalogue)
        connect_print_buttons(self._handout_printer, self.session, self._guard, printing)
        self._handout_printer.state_changed.connect(self._on_print_state_changed)
        # A print message opens with its OK focused; once it is dismissed, the screen's main action.
        for screen in printing:
            screen.print_dismissed.connect(self.keys.main_focus.refocus)
        # Loads QtMultimedia: after the first paint.
        from ui.input.pipeline import Slot
        from ui.narration.control import NarratedWindow, NarrationControl

        parts = NarratedWindow(
            host=self,
            window=self,
            screens=self.stack,
            top_bar=self.top_bar,
            toggle=self.top_bar.narration_button,
            player=later.player,
            comfort=later.comfort,
            keys=self.keys,
            repeat_s=self.steady_taps.window_s,
        )
        self.narration = NarrationControl(parts, self._catalogue.tutorials, self._ui_text, self._clock)
        self.input.place(Slot.TOUCH_AND_HEAR, self.narration)

    # -- public ------------------------------------------------------------------------
    def return_to_start(self, reason: EndReason = EndReason.HOME) -> None:
        """End the visit: forget every choice and show the start screen (also after an error)."""
        if self._organiser is not None:
            self._organiser.close()
        if self._guided is not None:
            self._guided.reset()
        later = self._later
        if later is not None:
            later.idle.close_all()
            later.comfort.hide()
            later.catalogue.reset()
            later.finish.clear_feedback()
            later.player.release()
        if self._practice is not None:
            self._practice.stop()
        self.idle_watcher.resume()
        self.session.reset(reason)
        self.show_screen(Screen.START)

    def show_screen(self, screen: Screen) -> None:
        if screen not in self._screens:
            self.build_later_screens()
        self.current = screen
        self.stack.setCurrentWidget(self._screens[screen])
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._refresh_top_bar()
        # The screen opens with its main action focused (ui/input/main_action.py); the start
        # screen's first showing is focused once the keys are made, after the first paint.
        if self._keys is not None:
            self._keys.main_focus.refocus()

    def note_activity(self) -> None:
        self.idle_watcher.note_activity()

    def current_tutorial(self) -> Tutorial | None:
        tutorial_id = self.session.tutorial_id
        return self._catalogue.tutorial(tutorial_id) if tutorial_id is not None else None

    def open_tutorial(self, tutorial_id: str, step_index: int = 0) -> None:
        tutorial = self._catalogue.tutorial(tutorial_id)
        self.session.begin_tutorial(tutorial_id, len(tutorial.steps))
        self.session.go_to_step(step_index)
        self.player_screen.show_step(tutorial, step_index, self.session.language)
        self.show_screen(Screen.PLAYER)

    @property
    def practice_screen(self) -> PracticeScreen:
        """Practice mode ("Try it"), built now if it was not opened yet."""
        if self._practice is None:
            from ui.shell.practice_wiring import build_practice

            self._practice = build_practice(self, self._ui_text)
            # Each step shown changes the top bar's "Try it: step 2 of 5".
            self._practice.speak_requested.connect(self._refresh_top_bar)
            self._screens[Screen.PRACTICE] = self._practice
            self.stack.addWidget(self._practice)
        return self._practice

    def open_practice(self, tutorial_id: str) -> None:
        """Practise ``tutorial_id`` on the phone pictures; Back returns to the screen shown now."""
        from ui.look.theme import MIN_TARGET_MM

        tutorial = self._catalogue.tutorial(tutorial_id)
        if self.current is not Screen.PRACTICE:
            self._practice_return = self.current if self.current is not Screen.START else Screen.CATALOGUE
        screen = self.practice_screen
        screen.set_palette(self.look.palette)
        repeat_s = self.steady_taps.window_s
        px_per_mm = self.look.min_target_px / MIN_TARGET_MM
        screen.start(
            tutorial,
            self.session.language,
            repeat_s=repeat_s,
            px_per_mm=px_per_mm,
            steady=repeat_s > 0,
            clock=self._clock,
        )
        self.show_screen(Screen.PRACTICE)

    def _on_practice_requested(self, tutorial_id: str) -> None:
        if self._guard.allow():
            self.open_practice(tutorial_id)

    def _on_volunteer_practice(self) -> None:
        # The volunteer's "Try it": the tutorial open now (or the one practised), for the visitor.
        tutorial = self.current_tutorial()
        practised = self._practice.tutorial if self._practice is not None else None
        chosen = tutorial if tutorial is not None else practised
        if chosen is not None and chosen.has_practice and self._guard.allow():
            self.open_practice(chosen.id)

    def leave_practice(self) -> None:
        if self._practice is not None:
            self._practice.stop()
        self.show_screen(self._practice_return)

    def show_finish(self) -> None:
        tutorial = self.current_tutorial()
        if tutorial is None:
            return
        guided = self.guided_session()
        following = guided.following() if guided is not None else None
        self.finish_screen.show_guided(guided is not None, following)
        self.finish_screen.show_tutorial(tutorial, self.session.language)
        self.show_screen(Screen.FINISH)
        self.session.finish_tutorial()

    def open_comfort(self) -> None:
        self.comfort_panel.show_choices(self.session.text_size, self.session.high_contrast)
        self.comfort_panel.open()
        if self.idle_overlay.isVisible():
            self.idle_overlay.raise_()

    def show_idle_warning(self, seconds: int) -> None:
        self.idle_overlay.show_countdown(seconds, round(self.idle_watcher.answer_s))
        self.idle_overlay.open()

    def shutdown(self) -> None:
        """Stop watching for idle visitors and let the window close, even in kiosk mode."""
        if self._input is not None:
            self._input.remove()
        self.idle_watcher.stop()
        self.recording.close()
        if self.narration is not None:
            self.narration.shutdown()
        if self._organiser is not None:
            self._organiser.remove()
        if self.lock is not None:
            self.lock.release()

    # -- look and language -------------------------------------------------------------
    def _visit_in_progress(self) -> bool:
        """Whether the idle watcher should be counting: a visit, or organiser mode left open."""
        guided = self.guided_session()
        if guided is not None and guided.idle_paused:
            # The volunteer paused the timer (a visitor slow to type a code on their own phone).
            return False
        organiser = self._organiser
        if organiser is not None and organiser.is_open:
            # An export in progress is never cut short; the screen closes once it is idle after.
            return not organiser.exporting
        return self.current is not Screen.START or not self.session.is_pristine

    def _apply_look(self) -> None:
        screen = theme.screen_factor(self.width(), self.height())
        self.look = theme.look_for(self.session.text_size, self.session.high_contrast, self._dpi, screen)
        self.setStyleSheet(stylesheet(self.look))
        if self._later is not None:
            self._later.set_palette(self.look.palette)
        if self._practice is not None:
            self._practice.set_palette(self.look.palette)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Sizes scale with the screen (ui/look/theme.py: screen_factor): restyle when it changes.
        if theme.screen_factor(self.width(), self.height()) != self.look.screen:
            self._apply_look()

    def _retranslate(self) -> None:
        lang = self.session.language
        # The title follows the visitor's language; the point's name stays as the organiser wrote it.
        self.setWindowTitle(self._ui_text.get(lang, "window.title", point=self._settings.point_name))
        self.top_bar.retranslate(lang)
        self.start_screen.retranslate(lang)
        if self._later is not None:
            self._later.retranslate(lang)
        if self._practice is not None:
            self._practice.set_language(lang)
        tutorial = self.current_tutorial()
        if tutorial is not None:
            self.player_screen.show_step(tutorial, self.session.step_index, lang)
            self.finish_screen.show_tutorial(tutorial, lang)
        self._refresh_top_bar()

    def _refresh_top_bar(self) -> None:
        lang = self.session.language
        if self.current is Screen.CATALOGUE:
            title = self._ui_text.get(lang, "catalogue.title")
        elif self.current is Screen.PLAYER:
            title = self.player_screen.progress_text()
        elif self.current is Screen.FINISH:
            title = self._ui_text.get(lang, "finish.title")
        elif self.current is Screen.PRACTICE and self._practice is not None:
            title = self._practice.progress_text()
        else:
            title = ""
        self.top_bar.set_title(title)
        # One way home per screen: the finish screen's own end button, when it shows, is it.
        on_finish = self.current is Screen.FINISH
        finish_ends = on_finish and self.finish_screen.end_button.isVisibleTo(self.finish_screen)
        self.top_bar.set_home_visible(self.current is not Screen.START and not finish_ends)

    def _on_session_changed(self, change: SessionChange) -> None:
        if change in (SessionChange.COMFORT, SessionChange.RESET):
            self._apply_look()
        if change in (SessionChange.LANGUAGE, SessionChange.RESET):
            self._retranslate()
        if change in (SessionChange.NARRATION, SessionChange.RESET) and self._later is not None:
            # Repeat reads the step again: shown only while reading aloud is on.
            self._later.player.set_repeat_visible(self.session.narration)
        tutorial = self.current_tutorial()
        if change is SessionChange.STEP and tutorial is not None:
            self.player_screen.show_step(tutorial, self.session.step_index, self.session.language)
            self._refresh_top_bar()

    # -- statistics ------------------------------------------------------------------
    def _on_feedback_given(self, face: str) -> None:
        self.session.give_feedback(_FEEDBACK[face])

    def _on_print_state_changed(self, state: PrintState) -> None:
        from kiosk.printing.state import FROM_GUIDED, PrintPhase

        if state.phase in (PrintPhase.DONE, PrintPhase.FAILED) and self._keys is not None:
            # The print message opens with its OK focused (ui/input/main_action.py).
            self._keys.main_focus.refocus()
        # A take-home sheet (FROM_GUIDED) is marked by the guided controller, for every guide on it.
        if state.phase is PrintPhase.DONE and state.origin != FROM_GUIDED:
            self.recording.mark_handout(state.tutorial_id)

    # -- idle --------------------------------------------------------------------------
    def _on_idle_warning_started(self, seconds: int) -> None:
        self.show_idle_warning(seconds)

    def _on_idle_countdown_changed(self, seconds: int) -> None:
        self.idle_overlay.show_countdown(seconds, round(self.idle_watcher.answer_s))

    def _on_idle_expired(self) -> None:
        self.return_to_start(EndReason.IDLE)

    def _on_idle_continue_requested(self) -> None:
        # Counted as a tap, so a doubled tap on "Continue" does not also hit the screen below.
        self._guard.allow()
        self.idle_watcher.resume()
        self.idle_overlay.close_all()

    def _on_phone_requested(self) -> None:
        # "I am trying on my phone" (counted as a tap: a doubled one does not end the pause at once).
        if self._guard.allow():
            self.idle_watcher.pause_for_phone()

    def _on_phone_pause_changed(self, seconds: int) -> None:
        self.idle_overlay.show_phone_pause(seconds, round(self.idle_watcher.phone_pause_s))

    def _on_phone_pause_ended(self) -> None:
        # A touch or key on the phone clock: back to the visit (unless it is the phone tap doubled).
        if self._guard.allow():
            self.idle_watcher.resume()
            self.idle_overlay.close_all()

    # -- organiser mode ----------------------------------------------------------------
    def _organiser_access(self, statistics: Statistics, settings: Settings) -> OrganiserAccess:
        from ui.organiser.access import OrganiserAccess, kiosk_setup

        catalogue, ui_text = self._catalogue, self._ui_text
        access = OrganiserAccess(self, lambda: kiosk_setup(statistics, settings, catalogue, ui_text))
        access.closed.connect(self.return_to_start)
        access.volunteer_accepted.connect(self._on_volunteer_accepted)
        return access

    @property
    def guided(self) -> GuidedController:
        """The guided-session controller, built now if no volunteer came in yet."""
        if self._guided is None:
            from ui.guided.controller import GuidedController

            lang = self._settings.default_language
            languages = self._ui_text.languages()
            printer = self.handout_printer
            guided = GuidedController(self, self, printer, self._catalogue, self._ui_text, lang, languages)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(guided.bar)
            printer.state_changed.connect(guided.on_print_state)
            guided.bar.practice_requested.connect(self._on_volunteer_practice)
            self._guided = guided
        return self._guided

    def guided_session(self) -> GuidedController | None:
        """The controller while a guided session runs; None in a self-guided visit."""
        guided = self._guided
        return guided if guided is not None and guided.active else None

    def _on_volunteer_accepted(self) -> None:
        self.guided.offer()

    # -- window behaviour --------------------------------------------------------------
    def _on_operator_exit(self) -> None:
        # Only after the organiser's PIN (ui/shell/lockdown.py). A visit left under the PIN pad is ended
        # and recorded first, as when it goes back to the start screen.
        self.return_to_start()
        self.shutdown()
        QApplication.exit(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.lock is not None and self.lock.refuses_close():
            event.ignore()
            return
        self.idle_watcher.stop()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.lock is not None and self.lock.swallows(event):
            event.accept()
            return
        # Visitor keys are caught on their way to any widget (ui/input/keys.py); this is for the rest.
        if self.keys.handle(event):
            event.accept()
            return
        super().keyPressEvent(event)
