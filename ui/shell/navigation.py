"""What each tap on the visitor's screens does, in one place; every tap passes the tap guard first.

The window owns the screens and the visit; ``Navigation`` only decides where a tap leads
(the next step, the finish screen, back to the topics) and asks the window to go there,
through the narrow ``ui.screens.host.VisitHost`` (it never sees the window itself). The
keyboard and number pad (``ui.input.keys``) press the same buttons, so they arrive here too.
In a guided session the finish screen's "next guide" and "end" lead on through the
volunteer's plan (``ui.guided.controller``); "another topic" opens the topics as ever.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.i18n import UiText
from kiosk.stats.codes import EndReason
from ui.input.tap_guard import TapGuard
from ui.screens.kind import Screen

if TYPE_CHECKING:
    from ui.screens.host import GuidedSteps, VisitHost
    from ui.screens.start import StartScreen
    from ui.shell.later_screens import LaterScreens
    from ui.shell.top_bar import TopBar


class Navigation:
    def __init__(
        self,
        host: VisitHost,
        guard: TapGuard,
        ui_text: UiText,
        *,
        open_comfort: Callable[[], None],
        guided_session: Callable[[], GuidedSteps | None],
    ) -> None:
        self._host = host
        self._guard = guard
        self._ui_text = ui_text
        self._open_comfort = open_comfort
        # The volunteer's plan while a guided session runs, else None.
        self._guided_session = guided_session
        self._later_screens: LaterScreens | None = None

    @property
    def _later(self) -> LaterScreens:
        later = self._later_screens
        assert later is not None, "the later screens are connected before any of their taps"
        return later

    def connect_first(self, top_bar: TopBar, start_screen: StartScreen) -> None:
        top_bar.home_requested.connect(self._on_home_requested)
        top_bar.comfort_requested.connect(self._on_comfort_requested)
        start_screen.start_requested.connect(self._on_start_requested)

    def connect_later(self, later: LaterScreens) -> None:
        self._later_screens = later
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
        later.finish.review_requested.connect(self._on_finish_review_requested)
        later.finish.next_requested.connect(self._on_finish_next_requested)
        later.comfort.done_requested.connect(self._on_comfort_done_requested)

    def _on_home_requested(self) -> None:
        if self._guard.allow():
            self._host.return_to_start()

    def _on_start_requested(self) -> None:
        if not self._guard.allow():
            return
        if len(self._ui_text.languages()) > 1:
            self._host.show_screen(Screen.LANGUAGE)
        else:
            self._host.show_screen(Screen.CATALOGUE)

    def _on_language_chosen(self, lang: str) -> None:
        if self._guard.allow():
            # The visit starts here, even when the language shown was kept.
            self._host.session.choose_language(lang)
            self._host.show_screen(Screen.CATALOGUE)

    def _on_language_back_requested(self) -> None:
        if self._guard.allow():
            self._host.show_screen(Screen.START)

    def _on_tutorial_chosen(self, tutorial_id: str) -> None:
        if self._guard.allow():
            self._host.open_tutorial(tutorial_id)

    def _on_catalogue_back_requested(self) -> None:
        if self._guard.allow():
            several = len(self._ui_text.languages()) > 1
            self._host.show_screen(Screen.LANGUAGE if several else Screen.START)

    def _on_player_back_requested(self) -> None:
        if not self._guard.allow():
            return
        if not self._host.session.previous_step():
            self._host.session.leave_tutorial()
            self._host.show_screen(Screen.CATALOGUE)

    def _on_player_next_requested(self) -> None:
        if self._guard.allow() and not self._host.session.next_step():
            self._host.show_finish()

    def _on_player_repeat_requested(self) -> None:
        if self._guard.allow():
            self._later.player.repeat()

    def _on_finish_back_requested(self) -> None:
        tutorial = self._host.current_tutorial()
        if self._guard.allow() and tutorial is not None:
            self._later.player.show_step(tutorial, self._host.session.step_index, self._host.session.language)
            self._host.show_screen(Screen.PLAYER)

    def _on_finish_review_requested(self, step_index: int) -> None:
        # A drill question listed under the score: open it again, with the answer given.
        tutorial = self._host.current_tutorial()
        if self._guard.allow() and tutorial is not None:
            session = self._host.session
            session.go_to_step(step_index)
            self._later.player.show_step(tutorial, step_index, session.language)
            self._host.show_screen(Screen.PLAYER)

    def _on_finish_another_requested(self) -> None:
        if not self._guard.allow():
            return
        tutorial = self._host.current_tutorial()
        self._host.session.leave_tutorial()
        if tutorial is not None:
            self._later.catalogue.select_category(tutorial.category)
        self._host.show_screen(Screen.CATALOGUE)

    def _on_finish_next_requested(self) -> None:
        guided = self._guided_session()
        if self._guard.allow() and guided is not None:
            guided.next_tutorial()

    def _on_finish_end_requested(self) -> None:
        if not self._guard.allow():
            return
        guided = self._guided_session()
        if guided is not None:
            guided.show_outcomes()
        else:
            self._host.return_to_start(EndReason.FINISHED)

    def _on_comfort_requested(self) -> None:
        if self._guard.allow():
            self._open_comfort()

    def _on_comfort_done_requested(self) -> None:
        if self._guard.allow():
            self._later.comfort.hide()
