"""One step of a tutorial: the phone picture with the ring, the step's words, and the way on.

Back, Repeat and Next sit in the same places on every step. The words scroll only as a
last resort (very long text at extra-large size); the buttons never move. Repeat reads the
step again, so it shows only while reading aloud is on (its place stays, so Next never moves).

On a drill question Next waits for an answer: it asks for one gently instead
(``answer_needed`` carries the words, for reading aloud). The answers go to ``drill``
(the session's, ``kiosk.visit.drill``), so a repeat, a step back or a change of language shows
the answer given, and the finish screen can add up the score.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.model import RingKind, Step, StepKind, Tutorial
from kiosk.i18n import UiText
from kiosk.visit.drill import DrillAnswers
from ui.look import theme
from ui.look.theme import Palette
from ui.screens.quiz import QuizPanel
from ui.widgets.common import BigButton, bar, label, scroll_area
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon
from ui.widgets.step_picture import StepPicture


class PlayerScreen(QWidget):
    back_requested = Signal()
    next_requested = Signal()
    repeat_requested = Signal()
    # Next was pressed on an unanswered drill question: the calm line asking for an answer.
    answer_needed = Signal(str)

    def __init__(self, ui_text: UiText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self.tutorial: Tutorial | None = None
        self.step_index = 0
        # The window gives the session's (its lifetime is the open tutorial's).
        self.drill = DrillAnswers()

        self.picture = StepPicture()
        self.tutorial_label = label("", "muted")
        self.title_label = label("", "title")
        self.text_label = label("", "body")
        self.quiz = QuizPanel(ui_text)
        self.quiz.answered.connect(self._on_quiz_answered)
        words = QWidget()
        words_layout = QVBoxLayout(words)
        words_layout.setContentsMargins(theme.SPACING, theme.MARGIN, theme.SPACING, theme.MARGIN)
        words_layout.setSpacing(theme.SPACING)
        words_layout.addWidget(self.tutorial_label)
        words_layout.addWidget(self.title_label)
        words_layout.addWidget(self.text_label)
        words_layout.addWidget(self.quiz)
        words_layout.addStretch(1)
        self.words_area = scroll_area(words)
        words_column = QWidget()
        column = QVBoxLayout(words_column)
        column.setContentsMargins(0, 0, theme.MARGIN, 0)
        column.setSpacing(0)
        column.addWidget(self.words_area, 1)
        column.addWidget(self.quiz.answers)

        middle = QHBoxLayout()
        middle.setContentsMargins(theme.SPACING, 0, 0, 0)
        middle.setSpacing(theme.SPACING)
        middle.addWidget(self.picture)
        middle.addWidget(words_column, 1)

        self.back_button = BigButton(role="secondary", icon=Icon.BACK)
        self.repeat_button = BigButton(role="secondary", icon=Icon.REPEAT)
        self.next_button = BigButton(role="primary", icon=Icon.NEXT, icon_after=True)
        for button in (self.back_button, self.repeat_button, self.next_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # Hidden while reading aloud is off (``set_repeat_visible``), keeping its place.
        policy = self.repeat_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.repeat_button.setSizePolicy(policy)
        self.repeat_button.hide()
        mark(self.back_button, "help.control.step_back", KeyRole.BACK)
        mark(self.repeat_button, "help.control.repeat", KeyRole.REPEAT)
        mark(self.next_button, "help.control.next", KeyRole.NEXT, main=True)
        self.setProperty(HELP_KEY, "help.screen.player")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(middle, 1)
        layout.addWidget(bar("BottomBar", self.back_button, self.repeat_button, self.next_button))
        self.back_button.clicked.connect(self.back_requested)
        self.repeat_button.clicked.connect(self.repeat_requested)
        self.next_button.clicked.connect(self._on_next_clicked)

    @property
    def step(self) -> Step | None:
        if self.tutorial is None:
            return None
        return self.tutorial.steps[self.step_index]

    def progress_text(self) -> str:
        if self.tutorial is None:
            return ""
        total = len(self.tutorial.steps)
        return self._ui_text.get(self._lang, "player.progress", n=self.step_index + 1, total=total)

    def show_step(self, tutorial: Tutorial, step_index: int, lang: str) -> None:
        self.tutorial = tutorial
        self.step_index = step_index
        self._lang = lang
        step = tutorial.steps[step_index]
        words = tutorial.step_text(lang, step)
        self.tutorial_label.setText(tutorial.text(lang).title)
        self.title_label.setText(words.title)
        self.text_label.setText(words.text)
        self.picture.set_step(step.image, step.highlight, self._ui_text.get(lang, "player.picture_missing"))
        # A "look here" ring (an ID card, an amount, a sender) is drawn unlike the "tap here" ring,
        # and Help says which it is.
        self.picture.set_look(step.ring is RingKind.LOOK)
        if not step.highlight:
            self.setProperty(HELP_KEY, "help.screen.player_plain")
        elif step.ring is RingKind.LOOK:
            self.setProperty(HELP_KEY, "help.screen.player_look")
        else:
            self.setProperty(HELP_KEY, "help.screen.player")
        if step.kind is StepKind.QUIZ and step.answer is not None:
            self.quiz.set_quiz(step.answer, words.why, lang, self.drill.chosen(step_index))
            self.quiz.set_active(True)
        else:
            self.quiz.set_active(False)
        self.retranslate(lang)
        self.words_area.verticalScrollBar().setValue(0)

    def release(self) -> None:
        """The visit is over: free the step pictures it parsed."""
        self.picture.release()

    def set_repeat_visible(self, visible: bool) -> None:
        """Repeat reads the step again: shown only while reading aloud is on."""
        self.repeat_button.setVisible(visible)

    def repeat(self) -> None:
        """Show the step afresh, back to its top; a drill question keeps its answer."""
        if self.tutorial is not None:
            self.show_step(self.tutorial, self.step_index, self._lang)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        text = self._ui_text
        self.back_button.setText(text.get(lang, "common.back"))
        self.repeat_button.setText(text.get(lang, "player.repeat"))
        last = self.tutorial is not None and self.step_index == len(self.tutorial.steps) - 1
        self.next_button.setText(text.get(lang, "player.done" if last else "player.next"))

    def set_palette(self, palette: Palette) -> None:
        self.picture.set_palette(palette)

    def _on_next_clicked(self) -> None:
        step = self.step
        if step is not None and step.kind is StepKind.QUIZ and not self.quiz.is_answered:
            self.answer_needed.emit(self.quiz.ask_for_answer())
            # With the keys, the focus goes to the first answer, so Enter (5) answers.
            if isinstance(self.window().focusWidget(), QAbstractButton):
                self.quiz.safe_button.setFocus(Qt.FocusReason.TabFocusReason)
            return
        self.next_requested.emit()

    def _on_quiz_answered(self, right: bool) -> None:
        if self.quiz.chosen is not None:
            self.drill.record(self.step_index, self.quiz.chosen)
        # Answered with the keys: the answer buttons are gone, so the focus goes to the way on.
        # (A touch never gives a button the focus, so a touch visitor sees no ring appear.)
        if isinstance(self.window().focusWidget(), QAbstractButton):
            self.next_button.setFocus(Qt.FocusReason.TabFocusReason)
        # At extra-large text the verdict may appear below the fold: once the layout has
        # made room for it, scroll it to the top of the words.
        QTimer.singleShot(0, self._on_verdict_laid_out)

    def _on_verdict_laid_out(self) -> None:
        content = self.words_area.widget()
        if content is None or not self.quiz.is_answered:
            return
        top = self.quiz.verdict_frame.mapTo(content, QPoint(0, 0)).y()
        self.words_area.verticalScrollBar().setValue(top - theme.SPACING)
