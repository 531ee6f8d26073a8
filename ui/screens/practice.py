"""Practice mode ("Thử làm" / "Try it"): the visitor tries each step on the phone picture.

The phone picture fills the height; beside it, the step's words say what to do. On a tap step
the visitor taps on the picture where they would tap on their phone
(``ui.widgets.practice_picture``); on a typing step they type on a keyboard drawn like a phone's
(``ui.widgets.practice_keyboard``): the number on a sample card, the code of a practice SMS
that slides in, or a password meeting the rules (the kiosk says which rule is still missing).

A miss is never a failure (``kiosk.practice.ladder``): the first brings the step's hint (said
aloud when reading aloud is on), the second makes the target pulse, the third shows it and
moves on. A hit brings a green tick and, with sound on, a soft chime, then the next step. Each
practised step ends with ``step_done`` carrying its counts (never what was typed): the window
hands them to the visit (``VisitorSession.practice_step_done``).

With the keys: the picture is one button; focused, it rings the target and says "tap here", and
Enter taps it. On a typing step the keys reach every key of the keyboard.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QFrame, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.model import Practice, PracticeKind, Tutorial
from kiosk.i18n import UiText
from kiosk.practice.keyboard import Layer
from kiosk.practice.ladder import Feedback, MissLadder
from kiosk.practice.password import missing_rules
from kiosk.practice.run import PracticeRun, answer_for
from ui.look import theme
from ui.look.theme import Palette
from ui.widgets.common import BigButton, bar, label, scroll_area
from ui.widgets.focus_order import HELP_KEY, MAIN_ACTION, KeyRole, mark
from ui.widgets.icons import Icon
from ui.widgets.practice_keyboard import PracticeKeys, SampleCard, SmsNotice, TypedField
from ui.widgets.practice_picture import PracticePicture, Reveal

# How long the tick (or the shown answer) stays before the next step.
ADVANCE_MS = 1400
SHOWN_MS = 2600
_MAX_LENGTH = {PracticeKind.DIGITS: 12, PracticeKind.CODE: 6, PracticeKind.PASSWORD: 20}


class PracticeScreen(QWidget):
    # One practised step is over (hit, or shown and moved on): its counts.
    step_done = Signal(object)
    # The visitor leaves practice (Back, or Done at the end).
    leave_requested = Signal()
    # Something new to say aloud (the step, a hint, the end): the window asks the narration.
    speak_requested = Signal()
    # A hit: the soft success sound, if sound is on (the window plays it).
    success = Signal()

    def __init__(self, ui_text: UiText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self.tutorial: Tutorial | None = None
        self.run: PracticeRun | None = None
        self._palette = theme.DEFAULT
        # The visitor's spoken words for now (the step, then a hint...).
        self._spoken = ""
        self._clock = _seconds
        self.advance_ms = ADVANCE_MS
        self.shown_ms = SHOWN_MS

        self.picture = PracticePicture()
        self.picture.tapped.connect(self._on_tapped)
        self.picture.clicked.connect(self._on_target_key)
        # Never the main action: focused, it rings the target, which the visitor is to look for.
        mark(self.picture, "help.control.practice_picture")
        self.tutorial_label = label("", "muted")
        self.title_label = label("", "title")
        self.text_label = label("", "body")
        self.prompt_label = label("", "body")
        self.feedback = QFrame()
        self.feedback.setProperty("role", "note")
        self.feedback_label = label("", "body")
        feedback_layout = QVBoxLayout(self.feedback)
        feedback_layout.setContentsMargins(
            theme.SPACING, theme.SPACING // 2, theme.SPACING, theme.SPACING // 2
        )
        feedback_layout.addWidget(self.feedback_label)
        self.feedback.hide()
        self.sample = SampleCard()
        self.sms = SmsNotice()
        self.field = TypedField()
        self.keyboard = PracticeKeys(ui_text)
        self.keyboard.changed.connect(self._on_typed)
        # A new layer of keys (?123, ABC) may be taller or shorter: the panel follows.
        self.keyboard.layer_changed.connect(self._fit_typing)
        self.sms.height_changed.connect(self._fit_typing)
        self.keyboard.done.connect(self._on_typing_done)
        self.rule_label = label("", "body")
        words = QWidget()
        self._words = words
        column = QVBoxLayout(words)
        column.setContentsMargins(theme.SPACING, theme.SPACING // 2, theme.SPACING, theme.SPACING // 2)
        column.setSpacing(theme.SPACING)
        for widget in (self.tutorial_label, self.title_label, self.text_label, self.prompt_label):
            column.addWidget(widget)
        column.addStretch(1)
        self.words_area = scroll_area(words)
        # It gives way to the typing panel, down to a line or two (then it scrolls).
        self.words_area.setMinimumHeight(theme.MIN_TARGET_PX)
        # What must stay in sight whatever the text size: the help after a miss, and on a typing
        # step the message or card to copy, what was typed, the rule still missing, the keys.
        typing = QWidget()
        typing_column = QVBoxLayout(typing)
        typing_column.setContentsMargins(theme.SPACING, 0, theme.SPACING, theme.SPACING // 2)
        typing_column.setSpacing(theme.SPACING // 2)
        shown: tuple[QWidget, ...] = (self.feedback, self.sms, self.sample, self.field, self.rule_label)
        for part in (*shown, self.keyboard):
            typing_column.addWidget(part)
        # As tall as it needs: the step's words above give way (they scroll).
        typing.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._typing = typing

        self.leave_button = BigButton(role="secondary", icon=Icon.BACK)
        self.leave_button.clicked.connect(self.leave_requested)
        mark(self.leave_button, "help.control.practice_leave", KeyRole.BACK)
        self.again_button = BigButton(role="secondary", icon=Icon.REPEAT)
        self.again_button.clicked.connect(self._on_again)
        mark(self.again_button, "help.control.practice_again")
        self.end_button = BigButton(role="primary", icon=Icon.NEXT, icon_after=True)
        self.end_button.clicked.connect(self.leave_requested)
        mark(self.end_button, "help.control.practice_end", KeyRole.NEXT)
        for button in (self.leave_button, self.again_button, self.end_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._bar = bar("BottomBar", self.leave_button, self.again_button, self.end_button)
        self.setProperty(HELP_KEY, "help.screen.practice")
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.words_area, 1)
        right.addWidget(self._typing)
        right.addWidget(self._bar)
        # As on the player: the keys reach the words and keys first, the picture shows on the left.
        layout = QBoxLayout(QBoxLayout.Direction.RightToLeft, self)
        layout.setContentsMargins(theme.SPACING, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        layout.addLayout(right, 1)
        layout.addWidget(self.picture)
        self._advance = QTimer(self)
        self._advance.setSingleShot(True)
        self._advance.timeout.connect(self._next_step)

    # -- the practice ------------------------------------------------------------------
    def start(
        self,
        tutorial: Tutorial,
        lang: str,
        *,
        repeat_s: float = 0.0,
        px_per_mm: float = 0.0,
        steady: bool = False,
        clock: Callable[[], float] | None = None,
    ) -> None:
        """Practise ``tutorial`` from its first practised step (``clock``: the window's, in seconds)."""
        if clock is not None:
            self._clock = clock
        self.tutorial = tutorial
        self._lang = lang
        self.run = PracticeRun(tutorial, repeat_s)
        if px_per_mm > 0:
            self.picture.px_per_mm = px_per_mm
        self.picture.steady = steady
        self._advance.stop()
        self._show_step()

    def go_to(self, step_id: str) -> None:
        """Show the practised step ``step_id`` afresh (a volunteer's choice, the screenshots)."""
        run = self.run
        if run is None:
            return
        for index, step in enumerate(run.steps):
            if step.id == step_id:
                self._advance.stop()
                run.index = index
                run.ladder = MissLadder(run.repeat_s)
                self._show_step()
                return

    @property
    def practice(self) -> Practice | None:
        step = self.run.step if self.run is not None else None
        return step.practice if step is not None else None

    @property
    def finished(self) -> bool:
        return self.run is not None and self.run.finished

    def progress_text(self) -> str:
        run = self.run
        if run is None or run.finished:
            return self._ui_text.get(self._lang, "practice.title")
        return self._ui_text.get(self._lang, "practice.progress", n=run.index + 1, total=len(run.steps))

    def _show_step(self) -> None:
        run, tutorial = self.run, self.tutorial
        if run is None or tutorial is None:
            return
        # A visitor on the keys keeps a focus on this screen (a touch never gives a button the focus).
        keys = isinstance(self.window().focusWidget(), QAbstractButton) and self.isVisible()
        self.tutorial_label.setText(tutorial.text(self._lang).title)
        self.feedback.hide()
        self.sms.hide()
        self.sample.hide()
        self.field.hide()
        self.rule_label.hide()
        self.keyboard.hide()
        step = run.step
        if step is None or step.practice is None:
            self._show_end(keys)
            return
        self.text_label.show()
        self.prompt_label.show()
        self.again_button.hide()
        self.end_button.hide()
        words = tutorial.step_text(self._lang, step)
        self.title_label.setText(words.title)
        self.text_label.setText(words.text)
        practice = step.practice
        missing = self._text("player.picture_missing")
        target = practice.target if practice.kind is PracticeKind.TAP else ""
        self.picture.set_target(step.image, target, missing)
        tap = practice.kind is PracticeKind.TAP
        self.picture.setFocusPolicy(Qt.FocusPolicy.TabFocus if tap else Qt.FocusPolicy.NoFocus)
        self.picture.setEnabled(tap)
        # On a typing step the keys need the room: the prompt says what to type.
        self.text_label.setVisible(tap)
        self.tutorial_label.setVisible(tap)
        if tap:
            self.prompt_label.setText(self._text("practice.tap_prompt"))
        else:
            self._show_typing(practice)
        if keys:
            first = self.picture if tap else (self.keyboard.buttons[0] if self.keyboard.buttons else None)
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)
        self._spoken = f"{words.title}. {words.text} {self.prompt_label.text()}"
        self.retranslate(self._lang)
        self.words_area.verticalScrollBar().setValue(0)
        self._fit_typing()
        QTimer.singleShot(0, self._fit_typing)
        self.speak_requested.emit()

    def _show_typing(self, practice: Practice) -> None:
        kind = practice.kind
        layer = Layer.LETTERS if kind is PracticeKind.PASSWORD else Layer.DIGITS
        self.keyboard.start(layer, _MAX_LENGTH[kind], self._lang)
        self.keyboard.show()
        self.field.set_prompt(self._text("practice.field_prompt"))
        self.field.show_text("")
        self.field.show()
        first = self.keyboard.buttons[0] if self.keyboard.buttons else None
        if first is not None:
            first.setProperty(MAIN_ACTION, True)
        if kind is PracticeKind.DIGITS:
            self.prompt_label.setText(self._text("practice.digits_prompt"))
            self.sample.show_sample(self._text("practice.sample_caption"), practice.sample)
            self.sample.show()
        elif kind is PracticeKind.CODE:
            self.prompt_label.setText(self._text("practice.code_prompt"))
            self.sms.slide_in(
                self._text("practice.sms_sender"), self._text("practice.sms_message", code=practice.sample)
            )
        else:
            self.prompt_label.setText(self._text("practice.password_prompt"))
            self.rule_label.show()
            self._on_typed("")

    def _show_end(self, keys: bool = False) -> None:
        self.picture.setEnabled(False)
        self.picture.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tutorial_label.show()
        self.text_label.show()
        self.title_label.setText(self._text("practice.done_title"))
        self.text_label.setText(self._text("practice.done_text"))
        self.prompt_label.hide()
        self.again_button.show()
        self.end_button.show()
        self.end_button.setProperty(MAIN_ACTION, True)
        if keys:
            self.end_button.setFocus(Qt.FocusReason.TabFocusReason)
        self._spoken = f"{self.title_label.text()} {self.text_label.text()}"
        self.retranslate(self._lang)
        self.speak_requested.emit()

    # -- taps ----------------------------------------------------------------------------
    def _on_tapped(self, point: QPointF) -> None:
        practice = self.practice
        if practice is None or practice.kind is not PracticeKind.TAP or self._advance.isActive():
            return
        self.picture.show_ripple(point)
        self._answer(self.run.tap(self.picture.is_on_target(point), self._clock()) if self.run else None)

    def _on_target_key(self) -> None:
        """Enter on the focused picture: the keys tap the target (the ring shows it)."""
        practice = self.practice
        if practice is None or practice.kind is not PracticeKind.TAP or self._advance.isActive():
            return
        centre = self.picture.target_centre()
        if centre is not None:
            self.picture.show_ripple(centre)
        self._answer(self.run.tap(True, self._clock()) if self.run else None)

    def _answer(self, feedback: Feedback | None) -> None:
        if feedback is None or feedback is Feedback.IGNORED or self.run is None or self.tutorial is None:
            return
        step = self.run.step
        assert step is not None
        hint = self.tutorial.step_text(self._lang, step).hint
        if feedback is Feedback.SUCCESS:
            self.picture.show_tick()
            self._say(self._text("practice.right"), "right")
            self.success.emit()
            self._advance.start(self.advance_ms)
        elif feedback is Feedback.HINT:
            self._say(f"{self._text('practice.not_quite')} {hint}")
        elif feedback is Feedback.PULSE:
            self.picture.set_reveal(Reveal.PULSE)
            self._say(f"{hint} {self._text(self._pulse_key())}")
        elif feedback is Feedback.SHOW:
            self.picture.set_reveal(Reveal.SHOWN)
            practice = step.practice
            if practice is not None and practice.kind is not PracticeKind.TAP:
                self.keyboard.type_answer(answer_for(practice))
            self._say(self._text("practice.shown" if self._is_tap() else "practice.shown_typed"))
            self._advance.start(self.shown_ms)

    def _is_tap(self) -> bool:
        practice = self.practice
        return practice is not None and practice.kind is PracticeKind.TAP

    def _pulse_key(self) -> str:
        return "practice.pulse" if self._is_tap() else "practice.pulse_typed"

    def _say(self, words: str, role: str = "note") -> None:
        self.feedback.setProperty("role", role)
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)
        self.feedback_label.setText(words)
        self.feedback.show()
        self._spoken = words
        self.speak_requested.emit()

    def _next_step(self) -> None:
        run = self.run
        if run is None:
            return
        counts = run.next_step()
        if counts is not None and self.tutorial is not None:
            self.step_done.emit(counts)
        self._show_step()

    def _on_again(self) -> None:
        if self.tutorial is not None and self.run is not None:
            self.run = PracticeRun(self.tutorial, self.run.repeat_s)
            self._show_step()

    # -- typing ----------------------------------------------------------------------------
    def _on_typed(self, text: str) -> None:
        self.field.show_text(text)
        practice = self.practice
        if practice is None or practice.kind is not PracticeKind.PASSWORD:
            return
        gaps = missing_rules(text, practice.rules)
        if gaps:
            gap = gaps[0]
            self.rule_label.setText(self._text(gap.key, n=gap.n))
        else:
            self.rule_label.setText(self._text("practice.password_ok"))

    def _on_typing_done(self, text: str) -> None:
        practice = self.practice
        if (
            practice is None
            or practice.kind is PracticeKind.TAP
            or self._advance.isActive()
            or self.run is None
        ):
            return
        feedback = self.run.typed(text, self._clock())
        if feedback is Feedback.HINT and practice.kind is PracticeKind.PASSWORD:
            gaps = missing_rules(text, practice.rules)
            rule = self._text(gaps[0].key, n=gaps[0].n) if gaps else ""
            self._answer(feedback)
            self._say(f"{self._text('practice.not_quite')} {rule}")
            return
        self._answer(feedback)

    # -- the rest --------------------------------------------------------------------------
    def spoken_text(self) -> str:
        return self._spoken

    def _text(self, key: str, **fmt: object) -> str:
        return self._ui_text.get(self._lang, key, **fmt)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self.leave_button.setText(self._text("practice.leave"))
        self.again_button.setText(self._text("practice.again"))
        self.end_button.setText(self._text("practice.end"))
        # Touched (touch and hear), it says what it is; reached with the keys, "tap here".
        self.picture.set_names(self._text("practice.picture_name"), self._text("practice.tap_here"))

    def set_language(self, lang: str) -> None:
        """Show the step now practised in ``lang`` (its tries so far are kept)."""
        self._lang = lang
        if self.run is not None and self._advance.isActive():
            # The step was done: on to the next, in the new language.
            self._advance.stop()
            self._next_step()
        elif self.run is not None:
            self._show_step()
        else:
            self.retranslate(lang)

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.picture.set_palette(palette)

    def stop(self) -> None:
        """The visit left practice: no step goes on by itself, and the pictures are freed."""
        self._advance.stop()
        self.run = None
        self.picture.release()

    def _fit_typing(self) -> None:
        """The typing panel as tall as its contents at its width; the step's words get the rest."""
        panel = self._typing
        layout = panel.layout()
        outer = self.layout()
        if outer is not None and self.isVisible():
            # Measured at the width it gets now (a step shown, a text size changed).
            outer.activate()
        width = panel.width()
        if layout is None or width <= 0:
            return
        # The words above keep at least the step's title line in sight.
        self.words_area.setMinimumHeight(self.title_label.fontMetrics().lineSpacing() + theme.SPACING)
        need = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        least = layout.totalMinimumSize().height()
        room = self.height() - self._bar.sizeHint().height() - self.words_area.minimumHeight()
        panel.setFixedHeight(max(least, min(need, room)))

    def _fit_picture(self) -> None:
        full = self.picture.width_for_height(self.height())
        self.picture.setFixedWidth(
            min(full, max(self.width() * 2 // 5, self.picture.minimumSizeHint().width()))
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_picture()
        self._fit_typing()
        QTimer.singleShot(0, self._fit_typing)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_picture()
        self._fit_typing()
        QTimer.singleShot(0, self._fit_typing)


def _seconds() -> float:
    return time.monotonic()
