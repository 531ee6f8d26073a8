"""Reading aloud in the kiosk window: when the narrator speaks, what it says, and the visitor's controls.

``ui.narration.narrator.Narrator`` speaks; this decides. With reading aloud on (the visitor's choice,
for this visit only: ``VisitorSession.narration``), each screen is said when it appears: a
tutorial's step in full (a drill's question after it, the verdict and its reason after the
answer), any other screen its title, the comfort panel and "Are you still there?" when they
open, the button the keys move to, the help when it is shown. Anything new cuts off what was
being said, at once, so Next, Back and Home interrupt; what to say next is chosen once the
window has settled (a zero timer), so a tap that changes the screen, the step and the top bar
speaks once. The end of a visit silences it and puts the volume back to its default.

"Touch and hear" (``ui.input.touch_and_hear``): the first touch on a button says its name, a second
one presses it. This object's stage of the window's ``ui.input.pipeline``, asked before the steady
taps, hands it the presses and releases of the visitor's buttons. The window's overlays
(``ui.overlays.overlay.Overlays``) tell it what opens and closes over the visit: the comfort
panel, the idle question and the help are said; organiser mode or a volunteer's page silences it.

Voice packs (``kiosk.narration.voices``): in a language volunteers recorded, each step, quiz
reason and interface word (touch-and-hear's button names too) plays its checked recording. A
language with a voice pack and no UI text of its own is spoken only: its screens show Vietnamese
while the recordings speak, so reading aloud turns on as soon as it is chosen.

No speaker, no engine, no voice: the narrator logs it once; the toggle and the comfort panel
say so calmly, and the visit goes on in silence.

It sees the window only as ``NarratedWindow``: the visit (``ui.screens.host.VisitHost``) and the
few widgets it listens to, which the window hands over when it builds the later screens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QStackedWidget, QWidget

from kiosk.content.model import StepKind, Tutorial
from kiosk.i18n import UiText
from kiosk.languages import REFERENCE_LANGUAGE
from kiosk.narration.errors import UnavailableReason
from kiosk.narration.voices import SOURCE_UI_KEYS, VoiceLookup, interface_item
from kiosk.visit.session import SessionChange, TextSize
from ui.input.touch_and_hear import TouchAndHear
from ui.narration.narrator import Narrator
from ui.overlays.overlay import Overlay, Overlays
from ui.screens.kind import Screen
from ui.screens.speakable import Speakable
from ui.widgets.focus_order import spoken_name
from ui.widgets.narration_controls import NarrationState

if TYPE_CHECKING:
    from ui.input.keys import VisitorKeys
    from ui.overlays.comfort import ComfortPanel
    from ui.screens.host import VisitHost
    from ui.screens.player import PlayerScreen
    from ui.widgets.narration_controls import NarrationToggle

log = logging.getLogger(__name__)

# A failure to say a screen title or a button's name without these is only logged: a pack's
# pre-rendered steps may still be heard on a kiosk without espeak-ng.
_SOUND_PROBLEMS = frozenset(
    {UnavailableReason.NO_SOUND_OUTPUT.value, UnavailableReason.PLAYBACK_FAILED.value}
)
_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick})
_RELEASE = QEvent.Type.MouseButtonRelease


@dataclass(frozen=True)
class NarratedWindow:
    """What reading aloud needs of the kiosk window: the visit, and the widgets it listens to."""

    host: VisitHost
    # The window itself, as a widget: what is drawn over it, and whose buttons are the visitor's.
    window: QWidget
    # The visitor's screens (the one shown is said) and the top bar above them.
    screens: QStackedWidget
    top_bar: QWidget
    # The speaker in the top bar, the player (Repeat, the quiz) and the comfort panel.
    toggle: NarrationToggle
    player: PlayerScreen
    comfort: ComfortPanel
    keys: VisitorKeys
    # The steady taps' window: a second landing within it is part of a first touch.
    repeat_s: float


class NarrationControl(QObject):
    """Built with the window's later screens; see the module docstring."""

    def __init__(
        self,
        parts: NarratedWindow,
        tutorials: Sequence[Tutorial],
        ui_text: UiText,
        clock: Callable[[], float],
        *,
        narrator: Narrator | None = None,
    ) -> None:
        super().__init__(parts.window)
        self._parts = parts
        self._host = parts.host
        self._ui_text = ui_text
        self._clock = clock
        self._session = parts.host.session
        if narrator is None:
            vietnamese = {
                key: ui_text.get(REFERENCE_LANGUAGE, key)
                for key in SOURCE_UI_KEYS
                if ui_text.has(REFERENCE_LANGUAGE, key)
            }
            voices = VoiceLookup.of(tutorials, vietnamese)
            narrator = Narrator(tutorials, voices=voices, parent=self)
        self.narrator = narrator
        self.toggle = parts.toggle
        self.section = parts.comfort.narration
        # What is drawn over the visit (the comfort panel, the idle question, help, organiser mode...).
        self._overlays = Overlays.of(parts.window)
        # Said once the window settles: the screen on top (see _schedule).
        self._pending = False
        # Said when the narration now playing ends (a drill's question after its step).
        self._then: Callable[[], None] | None = None
        # Whether the last request read a step (its failure is always worth telling).
        self._step_requested = False
        self._no_sound = False
        self.touches = TouchAndHear(
            clock,
            parts.repeat_s,
            say=self._on_touched,
        )
        self._unsubscribe = self._session.subscribe(self._on_session_changed)
        self._connect()
        self.show_state()

    def _connect(self) -> None:
        parts, narrator = self._parts, self.narrator
        narrator.speaking_changed.connect(self._on_speaking_changed)
        narrator.unavailable.connect(self._on_unavailable)
        narrator.volume_changed.connect(self._on_volume_changed)
        self._overlays.shown_changed.connect(self._on_overlay_shown_changed)
        parts.screens.currentChanged.connect(self._on_screen_changed)
        parts.player.repeat_requested.connect(self._on_repeat_requested)
        parts.player.quiz.answered.connect(self._on_quiz_answered)
        parts.player.answer_needed.connect(self._on_answer_needed)
        parts.keys.repeat_requested.connect(self._on_repeat_requested)
        parts.keys.focus_moved.connect(self._on_focus_moved)
        parts.keys.help_shown.connect(self._on_help_shown)
        parts.keys.volume_change_requested.connect(self._on_volume_change_requested)
        self.toggle.clicked.connect(self._on_toggle_clicked)
        self.section.narration_chosen.connect(self._on_narration_chosen)
        self.section.volume_step.connect(self._on_volume_step)
        self.section.touch_and_hear_chosen.connect(self._on_touch_and_hear_chosen)

    def shutdown(self) -> None:
        self._unsubscribe()
        self._then = None
        self.narrator.shutdown()

    # -- what is shown ---------------------------------------------------------------------
    @property
    def active(self) -> bool:
        """Reading aloud is on and the language on screen can be heard."""
        return self._session.narration and self.narrator.can_speak(self._session.language)

    def state(self) -> NarrationState:
        return NarrationState(
            on=self._session.narration,
            available=self.narrator.can_speak(self._session.language),
            no_sound=self._no_sound,
            touch_and_hear=self._session.touch_and_hear,
            volume_level=self.narrator.volume_level,
            volume_steps=self.narrator.volume_steps,
            room_for_words=self._session.text_size is TextSize.NORMAL,
        )

    def show_state(self) -> None:
        state = self.state()
        self.toggle.show_state(state)
        self.section.show_state(state)

    # -- saying things -----------------------------------------------------------------------
    def stop(self) -> None:
        self._pending = False
        self._then = None
        self.narrator.stop()

    def _schedule(self) -> None:
        """Silence now; say the screen on top once the window has settled (if reading aloud is on)."""
        self.stop()
        if self.active:
            self._pending = True
            QTimer.singleShot(0, self._on_settled)

    def _on_settled(self) -> None:
        if self._pending:
            self._pending = False
            self.say_screen()

    def say_screen(self) -> None:
        """Say what is on top: an overlay (the idle question, the comfort panel), a step or a screen."""
        if not self.active:
            return
        # The overlay on top that has words of its own (not the help: it is said as it is shown).
        spoken = [overlay for overlay in self._overlays.shown() if isinstance(overlay, Speakable)]
        if spoken:
            self._say(spoken[-1].spoken_text())
        elif self._host.current is Screen.PLAYER:
            self._say_step()
        else:
            screen = self._parts.screens.currentWidget()
            self._say(screen.spoken_text() if isinstance(screen, Speakable) else "")

    def _say(self, words: str, then: Callable[[], None] | None = None, voice_item: str = "") -> None:
        self._then = None
        self._step_requested = False
        lang = self._session.language
        if not voice_item and self._has_voices(lang):
            voice_item = interface_item(
                words,
                (
                    lambda key: self._ui_text.get(lang, key),
                    lambda key: self._ui_text.get(REFERENCE_LANGUAGE, key),
                ),
            )
        self.narrator.speak_text(words, lang, voice_item)
        self._then = then

    def _has_voices(self, lang: str) -> bool:
        voices = self.narrator.voices
        return voices is not None and voices.has(lang)

    def spoken_only(self, lang: str) -> bool:
        """A language heard through a voice pack with no UI text of its own (screens in Vietnamese)."""
        return lang not in self._ui_text.languages() and self._has_voices(lang)

    def _say_step(self) -> None:
        tutorial = self._host.current_tutorial()
        if tutorial is None:
            return
        index = self._session.step_index
        quiz = self._parts.player.quiz
        then: Callable[[], None] | None = None
        if tutorial.steps[index].kind is StepKind.QUIZ:
            then = self._say_verdict if quiz.is_answered else self._say_question
        self._then = None
        self._step_requested = True
        self.narrator.speak_step(tutorial, index, self._session.language)
        self._then = then

    def _say_question(self) -> None:
        self._say(self._parts.player.quiz.spoken_text())

    def _say_verdict(self) -> None:
        """Right or wrong, the real answer, then why (from the pack, maybe a recording)."""
        quiz = self._parts.player.quiz
        tutorial = self._host.current_tutorial()
        if tutorial is None:
            return
        index, lang = self._session.step_index, self._session.language

        def reason() -> None:
            self._step_requested = True
            self.narrator.speak_reason(tutorial, index, lang)

        # A voice pack says the verdict ("Right!") with the recorded word.
        verdict = "ui.quiz.right" if quiz.was_right else "ui.quiz.wrong"
        self._say(quiz.spoken_text(), then=reason, voice_item=verdict)

    def _on_speaking_changed(self, speaking: bool) -> None:
        then = self._then
        if not speaking and then is not None:
            self._then = None
            then()

    def _on_unavailable(self, reason: str) -> None:
        # The narrator logged it (once); the visitor is told by the toggle, not by a dialog.
        if (reason in _SOUND_PROBLEMS or self._step_requested) and not self._no_sound:
            self._no_sound = True
            self.show_state()

    # -- the visit, the screens --------------------------------------------------------------
    def _on_session_changed(self, change: SessionChange) -> None:
        if change is SessionChange.RESET:
            self.stop()
            self.narrator.reset_volume()
            self._no_sound = False
            self.touches.forget()
            self.show_state()
        elif change is SessionChange.LANGUAGE:
            self.stop()
            if self.spoken_only(self._session.language) and not self._session.narration:
                # The visitor chose it by ear: the recordings are how this visit speaks.
                log.info("Reading aloud turned on for the spoken-only language %s", self._session.language)
                self._session.set_narration(True)
            self.show_state()
        elif change in (SessionChange.NARRATION, SessionChange.COMFORT):
            self.show_state()
        elif change in (SessionChange.STEP, SessionChange.TUTORIAL):
            self._schedule()

    def _on_screen_changed(self, index: int) -> None:
        self._schedule()

    def _on_repeat_requested(self) -> None:
        self._schedule()

    def _on_quiz_answered(self, right: bool) -> None:
        if self.active:
            self.stop()
            self._say_verdict()

    def _on_answer_needed(self, words: str) -> None:
        # Next before an answer: the calm line asking for one is read, in place of the step.
        if self.active:
            self.stop()
            self._say(words)

    def _on_focus_moved(self, name: str) -> None:
        if self.active:
            self._pending = False
            self._say(name)

    def _on_help_shown(self, text: str) -> None:
        if self.active:
            self._pending = False
            self._say(text)

    def _on_overlay_shown_changed(self, overlay: QWidget, shown: bool) -> None:
        """A visitor's overlay opened (say it) or closed (silence); another came over the visit."""
        if isinstance(overlay, Overlay) and overlay.for_visitor:
            if shown:
                self._schedule()
            else:
                self.stop()
        elif shown:
            # Organiser mode or a volunteer's page came over the visit: not for the visitor's ears.
            self.stop()

    # -- the visitor's controls --------------------------------------------------------------
    def _on_toggle_clicked(self, checked: bool) -> None:
        self._set_narration(checked)

    def _on_narration_chosen(self, on: bool) -> None:
        self._set_narration(on)

    def _set_narration(self, on: bool) -> None:
        log.info("Reading aloud turned %s", "on" if on else "off")
        self._no_sound = False
        self._session.set_narration(on)
        # Shown again even without a change: a checkable button has already flipped itself.
        self.show_state()
        if not self.active:
            self.stop()
        elif self._parts.comfort.isVisible():
            self.stop()
            self._say(self._ui_text.get(self._session.language, "narration.turned_on"))
        else:
            self._schedule()

    def _on_touch_and_hear_chosen(self, on: bool) -> None:
        self._session.set_touch_and_hear(on)
        self.touches.forget()
        self.show_state()
        if on and self.active:
            # How it works, said the way it works: the visitor may not read the note beside it.
            self.stop()
            self._say(self._ui_text.get(self._session.language, "narration.touch_note"))

    def _on_volume_change_requested(self, step: int) -> None:
        # From the keys: what is being read goes on, louder or quieter; else say the new level.
        self._change_volume(step, announce=not self.narrator.speaking)

    def _on_volume_step(self, step: int) -> None:
        self._change_volume(step, announce=True)

    def _change_volume(self, step: int, *, announce: bool) -> None:
        if step > 0:
            self.narrator.volume_up()
        elif step < 0:
            self.narrator.volume_down()
        if announce and self.active:
            self.stop()
            level = self.narrator.volume_level + 1
            lang = self._session.language
            self._say(
                self._ui_text.get(lang, "narration.volume", level=level, steps=self.narrator.volume_steps)
            )

    def _on_volume_changed(self, level: int) -> None:
        self.show_state()

    # -- touch and hear --------------------------------------------------------------------------
    def filter(self, watched: QObject, event: QEvent) -> bool:
        """The pipeline's stage: True swallows a touch that only says a name."""
        kind = event.type()
        if kind not in _PRESSES and kind != _RELEASE:
            return False
        if not isinstance(watched, QAbstractButton) or not isinstance(event, QMouseEvent):
            return False
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        listening = kind != _RELEASE and self._hears_touches() and self._is_visitor_control(watched)
        return self.touches.swallows(watched, event, listening=listening)

    def _hears_touches(self) -> bool:
        return self._session.touch_and_hear and self.active

    def _is_visitor_control(self, control: QAbstractButton) -> bool:
        """A button of the visitor's screens or overlays (not of organiser mode or a volunteer's)."""
        parts = self._parts
        if control.window() is not parts.window or not control.isEnabled():
            return False
        if parts.top_bar.isAncestorOf(control) or parts.screens.isAncestorOf(control):
            return True
        parent = control.parentWidget()
        while parent is not None and not isinstance(parent, Overlay):
            parent = parent.parentWidget()
        return isinstance(parent, Overlay) and parent.for_visitor

    def _on_touched(self, control: QAbstractButton) -> None:
        self._pending = False
        self._say(spoken_name(control))
