"""The kiosk window: the top bar, the screens, and the two overlays (comfort, idle).

It owns the visit (``VisitorSession``) and moves between screens when the visitor taps.
Every navigation tap passes the ``TapGuard`` first so a doubled tap cannot skip a step.

Only the start screen (with the top bar and the idle watcher) is built before the window
is first shown: it is all a passer-by sees. The other screens and the overlays are built
right after the first paint, while nobody has tapped yet, or at once if one is needed
sooner (a test, or a very quick first tap), so every tap always finds its screen. The
handout printer, which serves their Print buttons, is made with them; ``first_painted``
then tells ``ui.app`` to make its event loop.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.content.model import Catalogue, Tutorial
from kiosk.i18n import UiText
from kiosk.session import SessionChange, TextSize, VisitorSession
from kiosk.settings import Settings
from kiosk.stats.codes import EndReason, Feedback
from ui import theme
from ui.idle import IdleWatcher
from ui.later_screens import LaterScreens
from ui.lockdown import KioskLock
from ui.print_state import PrintPhase, PrintState
from ui.screens.start import StartScreen
from ui.style import stylesheet
from ui.tap_guard import TapGuard
from ui.theme import Look
from ui.top_bar import TopBar
from ui.visit_recording import VisitRecording

if TYPE_CHECKING:
    from kiosk.stats.service import Statistics

    # Imported when they are built (ui/later_screens.py), after the first paint.
    from ui.comfort import ComfortPanel
    from ui.handout_printer import HandoutPrinter
    from ui.idle_overlay import IdleOverlay
    from ui.organiser.access import OrganiserAccess
    from ui.screens.catalogue import CatalogueScreen
    from ui.screens.finish import FinishScreen
    from ui.screens.language import LanguageScreen
    from ui.screens.player import PlayerScreen

log = logging.getLogger(__name__)

# The finish screen's faces, as the statistics record them.
_FEEDBACK = {"easy": Feedback.HAPPY, "okay": Feedback.NEUTRAL, "hard": Feedback.UNHAPPY}


def _no_recorder() -> None:
    return None


class Screen(enum.Enum):
    START = "start"
    LANGUAGE = "language"
    CATALOGUE = "catalogue"
    PLAYER = "player"
    FINISH = "finish"


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
        self.look: Look = theme.look_for(TextSize.NORMAL, False, self._dpi)

        self.top_bar = TopBar(ui_text)
        self.start_screen = StartScreen(ui_text, settings.point_name)
        self._screens: dict[Screen, QWidget] = {Screen.START: self.start_screen}
        self._later: LaterScreens | None = None
        self._first_paint_seen = False
        self.first_paint_done = False
        # Handout printing (issue 3, ui/handout_printer.py): made with the later screens, whose
        # Print buttons it serves, so its modules (and ui.worker's) load after the first paint.
        self._handout_printer: HandoutPrinter | None = None
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

        self.idle_watcher = IdleWatcher(
            clock,
            timeout_s=settings.idle_timeout_s,
            answer_s=settings.idle_answer_s,
            armed=self._visit_in_progress,
            parent=self,
        )
        self.current = Screen.START
        self._connect()
        self.session.subscribe(self._on_session_changed)
        # Kiosk mode: close requests and Alt+F4 are refused; see ui/lockdown.py for the way out.
        self.lock = KioskLock(self, self._on_operator_exit) if kiosk_mode else None
        self.organiser: OrganiserAccess | None = None
        if statistics is not None:
            self.organiser = self._organiser_access(statistics, settings)
        self._apply_look()
        self._retranslate()
        self.show_screen(Screen.START)
        self.idle_watcher.start()

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
        self.build_later_screens()
        if self.statistics is not None:
            self.statistics.open_in_background()
        self.first_paint_done = True
        self.first_painted.emit()

    def _connect(self) -> None:
        self.top_bar.home_requested.connect(self._on_home_requested)
        self.top_bar.comfort_requested.connect(self._on_comfort_requested)
        self.start_screen.start_requested.connect(self._on_start_requested)
        self.idle_watcher.warning_started.connect(self._on_idle_warning_started)
        self.idle_watcher.countdown_changed.connect(self._on_idle_countdown_changed)
        self.idle_watcher.expired.connect(self._on_idle_expired)

    def _connect_later(self, later: LaterScreens) -> None:
        later.language.language_chosen.connect(self._on_language_chosen)
        later.language.back_requested.connect(self._on_language_back_requested)
        later.catalogue.tutorial_chosen.connect(self._on_tutorial_chosen)
        later.catalogue.back_requested.connect(self._on_catalogue_back_requested)
        later.player.back_requested.connect(self._on_player_back_requested)
        later.player.next_requested.connect(self._on_player_next_requested)
        later.player.repeat_requested.connect(self._on_player_repeat_requested)
        later.finish.back_requested.connect(self._on_finish_back_requested)
        later.finish.another_requested.connect(self._on_finish_another_requested)
        later.finish.end_requested.connect(self._on_finish_end_requested)
        later.comfort.text_size_chosen.connect(self.session.set_text_size)
        later.comfort.contrast_chosen.connect(self.session.set_high_contrast)
        later.comfort.done_requested.connect(self._on_comfort_done_requested)
        later.idle.continue_requested.connect(self._on_idle_continue_requested)
        later.finish.feedback_given.connect(self._on_feedback_given)
        # Handout printing (issue 3): the Print buttons of the finish screen and the catalogue.
        from ui.handout_printer import HandoutPrinter, connect_print_buttons

        self._handout_printer = HandoutPrinter(self._settings, self._catalogue, parent=self)
        printing = (later.finish, later.catalogue)
        connect_print_buttons(self._handout_printer, self.session, self._guard, printing)
        self._handout_printer.state_changed.connect(self._on_print_state_changed)

    # -- public ------------------------------------------------------------------------
    def return_to_start(self, reason: EndReason = EndReason.HOME) -> None:
        """End the visit: forget every choice and show the start screen (also after an error)."""
        if self.organiser is not None:
            self.organiser.close()
        self.recording.end_visit(reason)
        later = self._later
        if later is not None:
            later.idle.hide()
            later.comfort.hide()
            later.catalogue.reset()
            later.finish.clear_feedback()
            later.player.release()
        self.idle_watcher.resume()
        self.session.reset()
        self.show_screen(Screen.START)

    def show_screen(self, screen: Screen) -> None:
        if screen not in self._screens:
            self.build_later_screens()
        self.current = screen
        self.stack.setCurrentWidget(self._screens[screen])
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._refresh_top_bar()

    def current_tutorial(self) -> Tutorial | None:
        tutorial_id = self.session.tutorial_id
        return self._catalogue.tutorial(tutorial_id) if tutorial_id is not None else None

    def open_tutorial(self, tutorial_id: str, step_index: int = 0) -> None:
        tutorial = self._catalogue.tutorial(tutorial_id)
        self.session.begin_tutorial(tutorial_id, len(tutorial.steps))
        self.session.go_to_step(step_index)
        self.player_screen.show_step(tutorial, step_index, self.session.language)
        self.show_screen(Screen.PLAYER)

    def show_finish(self) -> None:
        tutorial = self.current_tutorial()
        if tutorial is None:
            return
        self.finish_screen.show_tutorial(tutorial, self.session.language)
        self.show_screen(Screen.FINISH)
        self.recording.reached_finish()
        self.recording.mark_qr()

    def open_comfort(self) -> None:
        self.comfort_panel.show_choices(self.session.text_size, self.session.high_contrast)
        self.comfort_panel.setGeometry(self.rect())
        self.comfort_panel.show()
        self.comfort_panel.raise_()
        if self.idle_overlay.isVisible():
            self.idle_overlay.raise_()

    def show_idle_warning(self, seconds: int) -> None:
        self.idle_overlay.show_countdown(seconds, round(self.idle_watcher.answer_s))
        self.idle_overlay.setGeometry(self.rect())
        self.idle_overlay.show()
        self.idle_overlay.raise_()

    def shutdown(self) -> None:
        """Stop watching for idle visitors and let the window close, even in kiosk mode."""
        self.idle_watcher.stop()
        self.recording.close()
        if self.organiser is not None:
            self.organiser.remove()
        if self.lock is not None:
            self.lock.release()

    # -- look and language -------------------------------------------------------------
    def _visit_in_progress(self) -> bool:
        """Whether the idle watcher should be counting: a visit, or organiser mode left open."""
        organiser = self.organiser
        if organiser is not None and organiser.is_open:
            # An export in progress is never cut short; the screen closes once it is idle after.
            return not organiser.exporting
        return self.current is not Screen.START or not self.session.is_pristine

    def _apply_look(self) -> None:
        self.look = theme.look_for(self.session.text_size, self.session.high_contrast, self._dpi)
        self.setStyleSheet(stylesheet(self.look))
        if self._later is not None:
            self._later.set_palette(self.look.palette)

    def _retranslate(self) -> None:
        lang = self.session.language
        self.top_bar.retranslate(lang)
        self.start_screen.retranslate(lang)
        if self._later is not None:
            self._later.retranslate(lang)
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
        else:
            title = ""
        self.top_bar.set_title(title)
        self.top_bar.set_home_visible(self.current is not Screen.START)

    def _on_session_changed(self, change: SessionChange) -> None:
        if change in (SessionChange.COMFORT, SessionChange.RESET):
            self._apply_look()
        if change in (SessionChange.LANGUAGE, SessionChange.RESET):
            self._retranslate()
        tutorial = self.current_tutorial()
        if change is SessionChange.STEP and tutorial is not None:
            self.player_screen.show_step(tutorial, self.session.step_index, self.session.language)
            self._refresh_top_bar()

    # -- navigation (every tap through the guard) -------------------------------------
    def _on_home_requested(self) -> None:
        if self._guard.allow():
            self.return_to_start()

    def _on_start_requested(self) -> None:
        if not self._guard.allow():
            return
        if len(self._ui_text.languages()) > 1:
            self.show_screen(Screen.LANGUAGE)
        else:
            self.show_screen(Screen.CATALOGUE)

    def _on_language_chosen(self, lang: str) -> None:
        if self._guard.allow():
            self.session.choose_language(lang)
            # The visit starts here even when the language shown was kept (no session change).
            self.recording.begin_visit()
            self.show_screen(Screen.CATALOGUE)

    def _on_language_back_requested(self) -> None:
        if self._guard.allow():
            self.show_screen(Screen.START)

    def _on_tutorial_chosen(self, tutorial_id: str) -> None:
        if self._guard.allow():
            self.open_tutorial(tutorial_id)

    def _on_catalogue_back_requested(self) -> None:
        if self._guard.allow():
            several = len(self._ui_text.languages()) > 1
            self.show_screen(Screen.LANGUAGE if several else Screen.START)

    def _on_player_back_requested(self) -> None:
        if not self._guard.allow():
            return
        if not self.session.previous_step():
            self.session.leave_tutorial()
            self.show_screen(Screen.CATALOGUE)

    def _on_player_next_requested(self) -> None:
        if self._guard.allow() and not self.session.next_step():
            self.show_finish()

    def _on_player_repeat_requested(self) -> None:
        if self._guard.allow():
            self.player_screen.repeat()

    def _on_finish_back_requested(self) -> None:
        tutorial = self.current_tutorial()
        if self._guard.allow() and tutorial is not None:
            self.player_screen.show_step(tutorial, self.session.step_index, self.session.language)
            self.show_screen(Screen.PLAYER)

    def _on_finish_another_requested(self) -> None:
        if not self._guard.allow():
            return
        tutorial = self.current_tutorial()
        self.session.leave_tutorial()
        if tutorial is not None:
            self.catalogue_screen.select_category(tutorial.category)
        self.show_screen(Screen.CATALOGUE)

    def _on_finish_end_requested(self) -> None:
        if self._guard.allow():
            self.return_to_start(EndReason.FINISHED)

    def _on_feedback_given(self, face: str) -> None:
        self.recording.set_feedback(_FEEDBACK[face])

    def _on_print_state_changed(self, state: PrintState) -> None:
        if state.phase is PrintPhase.DONE:
            self.recording.mark_handout(state.tutorial_id)

    def _on_comfort_requested(self) -> None:
        if self._guard.allow():
            self.open_comfort()

    def _on_comfort_done_requested(self) -> None:
        if self._guard.allow():
            self.comfort_panel.hide()

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
        self.idle_overlay.hide()

    # -- organiser mode ----------------------------------------------------------------
    def _organiser_access(self, statistics: Statistics, settings: Settings) -> OrganiserAccess:
        from ui.organiser.access import OrganiserAccess, kiosk_setup

        catalogue, ui_text = self._catalogue, self._ui_text
        access = OrganiserAccess(self, lambda: kiosk_setup(statistics, settings, catalogue, ui_text))
        access.closed.connect(self.return_to_start)
        return access

    # -- window behaviour --------------------------------------------------------------
    def _on_operator_exit(self) -> None:
        self.shutdown()
        QApplication.exit(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._later is not None:
            for overlay in self._later.overlays():
                overlay.setGeometry(self.rect())

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
        if self._on_visitor_key(event.key()):
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_visitor_key(self, key: int) -> bool:
        """The first keyboard/keypad keys: Enter presses, arrows go back and on, Esc closes.

        Tab moves between buttons (Qt's own focus chain). The full EZ Access key set comes later.
        """
        if self.idle_overlay.isVisible():
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_idle_continue_requested()
                return True
            return False
        if key == Qt.Key.Key_Escape and self.comfort_panel.isVisible():
            self.comfort_panel.hide()
            return True
        focused = self.focusWidget()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(focused, QAbstractButton):
            focused.click()
            return True
        if self.current is Screen.PLAYER and not self.comfort_panel.isVisible():
            if key == Qt.Key.Key_Right:
                self._on_player_next_requested()
                return True
            if key == Qt.Key.Key_Left:
                self._on_player_back_requested()
                return True
        return False
