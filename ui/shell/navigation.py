"""What each tap on the visitor's screens does, in one place; every tap passes the tap guard first.

The window owns the screens and the visit; ``Navigation`` only decides where a tap leads
(the next step, the finish screen, back to the topics) and asks the window to go there. The
keyboard and number pad (``ui.input.keys``) press the same buttons, so they arrive here too.
In a guided session the finish screen's "another topic" and "end" lead on through the
volunteer's plan instead (``ui.guided.controller``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.i18n import UiText
from kiosk.stats.codes import EndReason
from ui.input.tap_guard import TapGuard
from ui.screens.kind import Screen

if TYPE_CHECKING:
    from ui.screens.start import StartScreen
    from ui.shell.later_screens import LaterScreens
    from ui.shell.top_bar import TopBar
    from ui.shell.window import MainWindow


class Navigation:
    def __init__(self, window: MainWindow, guard: TapGuard, ui_text: UiText) -> None:
        self._window = window
        self._guard = guard
        self._ui_text = ui_text

    def connect_first(self, top_bar: TopBar, start_screen: StartScreen) -> None:
        top_bar.home_requested.connect(self.on_home_requested)
        top_bar.comfort_requested.connect(self.on_comfort_requested)
        start_screen.start_requested.connect(self.on_start_requested)

    def connect_later(self, later: LaterScreens) -> None:
        later.language.language_chosen.connect(self.on_language_chosen)
        later.language.back_requested.connect(self.on_language_back_requested)
        later.catalogue.tutorial_chosen.connect(self.on_tutorial_chosen)
        later.catalogue.back_requested.connect(self.on_catalogue_back_requested)
        later.player.back_requested.connect(self.on_player_back_requested)
        later.player.next_requested.connect(self.on_player_next_requested)
        later.player.repeat_requested.connect(self.on_player_repeat_requested)
        later.finish.back_requested.connect(self.on_finish_back_requested)
        later.finish.another_requested.connect(self.on_finish_another_requested)
        later.finish.end_requested.connect(self.on_finish_end_requested)
        later.comfort.done_requested.connect(self.on_comfort_done_requested)

    def on_home_requested(self) -> None:
        if self._guard.allow():
            self._window.return_to_start()

    def on_start_requested(self) -> None:
        if not self._guard.allow():
            return
        if len(self._ui_text.languages()) > 1:
            self._window.show_screen(Screen.LANGUAGE)
        else:
            self._window.show_screen(Screen.CATALOGUE)

    def on_language_chosen(self, lang: str) -> None:
        if self._guard.allow():
            # The visit starts here, even when the language shown was kept.
            self._window.session.choose_language(lang)
            self._window.show_screen(Screen.CATALOGUE)

    def on_language_back_requested(self) -> None:
        if self._guard.allow():
            self._window.show_screen(Screen.START)

    def on_tutorial_chosen(self, tutorial_id: str) -> None:
        if self._guard.allow():
            self._window.open_tutorial(tutorial_id)

    def on_catalogue_back_requested(self) -> None:
        if self._guard.allow():
            several = len(self._ui_text.languages()) > 1
            self._window.show_screen(Screen.LANGUAGE if several else Screen.START)

    def on_player_back_requested(self) -> None:
        if not self._guard.allow():
            return
        if not self._window.session.previous_step():
            self._window.session.leave_tutorial()
            self._window.show_screen(Screen.CATALOGUE)

    def on_player_next_requested(self) -> None:
        if self._guard.allow() and not self._window.session.next_step():
            self._window.show_finish()

    def on_player_repeat_requested(self) -> None:
        if self._guard.allow():
            self._window.player_screen.repeat()

    def on_finish_back_requested(self) -> None:
        tutorial = self._window.current_tutorial()
        if self._guard.allow() and tutorial is not None:
            self._window.player_screen.show_step(
                tutorial, self._window.session.step_index, self._window.session.language
            )
            self._window.show_screen(Screen.PLAYER)

    def on_finish_another_requested(self) -> None:
        if not self._guard.allow():
            return
        guided = self._window.guided_session()
        if guided is not None:
            guided.next_tutorial()
            return
        tutorial = self._window.current_tutorial()
        self._window.session.leave_tutorial()
        if tutorial is not None:
            self._window.catalogue_screen.select_category(tutorial.category)
        self._window.show_screen(Screen.CATALOGUE)

    def on_finish_end_requested(self) -> None:
        if not self._guard.allow():
            return
        guided = self._window.guided_session()
        if guided is not None:
            guided.show_outcomes()
        else:
            self._window.return_to_start(EndReason.FINISHED)

    def on_comfort_requested(self) -> None:
        if self._guard.allow():
            self._window.open_comfort()

    def on_comfort_done_requested(self) -> None:
        if self._guard.allow():
            self._window.comfort_panel.hide()
