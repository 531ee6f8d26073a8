"""A drill step: "Safe" or "Scam"? Then right or wrong, the real answer and why.

Both answer buttons look the same, so colour never gives the answer away. The buttons sit
in their own row (``answers``) that the player pins below the words, so they are never
scrolled out of sight at extra-large text. After the answer they make way for the
explanation. The answer is kept: "Repeat", a change of language or a step back shows it again
(``show_answer``), and the first answer is the one the score at the end counts.

"Next" before an answer asks for one (``ask_for_answer``): a calm line above the two
buttons, in the note's colours, never the red of a wrong answer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.model import QuizAnswer
from kiosk.i18n import UiText
from ui.look import theme
from ui.widgets.common import BigButton, label, repolish
from ui.widgets.focus_order import HELP_KEY, mark
from ui.widgets.icons import Icon, IconView


class QuizPanel(QWidget):
    # True when the visitor's answer was right.
    answered = Signal(bool)

    def __init__(self, ui_text: UiText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self._answer = QuizAnswer.SCAM
        self._why = ""
        self.chosen: QuizAnswer | None = None

        self.question_label = label("", "title")
        self.safe_button = BigButton(role="answer")
        self.scam_button = BigButton(role="answer")
        for button in (self.safe_button, self.scam_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        mark(self.safe_button, "help.control.safe", main=True)
        mark(self.scam_button, "help.control.scam")
        self.setProperty(HELP_KEY, "help.screen.quiz")
        self.safe_button.clicked.connect(self._on_safe_clicked)
        self.scam_button.clicked.connect(self._on_scam_clicked)
        # "Please choose an answer first": pinned with the buttons, so it is seen at any text size.
        self.ask_label = label("", "body")
        self.ask_frame = QFrame()
        self.ask_frame.setProperty("role", "note")
        ask_layout = QVBoxLayout(self.ask_frame)
        ask_layout.setContentsMargins(theme.SPACING, theme.SPACING // 2, theme.SPACING, theme.SPACING // 2)
        ask_layout.addWidget(self.ask_label)
        self.ask_frame.hide()
        self.answers = QWidget()
        answers_column = QVBoxLayout(self.answers)
        # Lined up with the words above it (the player's words column margin).
        answers_column.setContentsMargins(theme.SPACING, theme.SPACING // 2, 0, theme.SPACING // 2)
        answers_column.setSpacing(theme.SPACING // 2)
        answers_column.addWidget(self.ask_frame)
        answers_row = QHBoxLayout()
        answers_row.setContentsMargins(0, 0, 0, 0)
        answers_row.setSpacing(theme.SPACING * 2)
        answers_row.addWidget(self.safe_button)
        answers_row.addWidget(self.scam_button)
        answers_column.addLayout(answers_row)

        self.verdict_frame = QFrame()
        self.verdict_icon = IconView(Icon.CHECK, "verdict", parent=self.verdict_frame)
        self.verdict_label = label("", "verdict")
        verdict_row = QHBoxLayout(self.verdict_frame)
        verdict_row.setContentsMargins(theme.MARGIN, theme.SPACING, theme.MARGIN, theme.SPACING)
        verdict_row.setSpacing(theme.SPACING)
        verdict_row.addWidget(self.verdict_icon, 0, Qt.AlignmentFlag.AlignVCenter)
        verdict_row.addWidget(self.verdict_label, 1)
        self.answer_label = label("", "title")
        self.why_label = label("", "body")
        self._result = QWidget()
        result_layout = QVBoxLayout(self._result)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.setSpacing(theme.SPACING)
        result_layout.addWidget(self.verdict_frame)
        result_layout.addWidget(self.answer_label)
        result_layout.addWidget(self.why_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, theme.SPACING, 0, 0)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.question_label)
        layout.addWidget(self._result)
        self._result.hide()

    def set_quiz(self, answer: QuizAnswer, why: str, lang: str, chosen: QuizAnswer | None = None) -> None:
        """Show the question of a step whose right answer is ``answer``; with ``chosen``, the
        visitor's earlier answer and its verdict (nothing is announced: it was answered before)."""
        self._answer = answer
        self._why = why
        self.chosen = chosen
        self.ask_frame.hide()
        self.retranslate(lang)
        if chosen is None:
            self._result.hide()
            self.question_label.show()
            self.answers.show()

    def set_active(self, active: bool) -> None:
        """Show the quiz (and its pinned answer row) only on drill steps."""
        self.setVisible(active)
        self.answers.setVisible(active and self.chosen is None)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        text = self._ui_text
        self.question_label.setText(text.get(lang, "quiz.question"))
        self.safe_button.setText(text.get(lang, "quiz.safe"))
        self.scam_button.setText(text.get(lang, "quiz.scam"))
        self.ask_label.setText(text.get(lang, "quiz.choose_first"))
        if self.chosen is not None:
            self._show_result()

    def spoken_text(self) -> str:
        """Before the answer, the question; after it, right or wrong and the real answer.

        The reason ("why") is not in it: it comes from the pack, where a recording may say it.
        """
        if self.chosen is None:
            return self.question_label.text()
        return f"{self.verdict_label.text()} {self.answer_label.text()}"

    def ask_for_answer(self) -> str:
        """Next came before an answer: show the calm line asking for one, and return its words."""
        self.ask_frame.show()
        return self.ask_label.text()

    @property
    def asking(self) -> bool:
        """Whether the line asking for an answer is shown."""
        return self.ask_frame.isVisibleTo(self.answers) and self.chosen is None

    @property
    def is_answered(self) -> bool:
        return self.chosen is not None

    @property
    def was_right(self) -> bool:
        return self.chosen is self._answer

    def choose(self, answer: QuizAnswer) -> None:
        if self.chosen is not None:
            return
        self.chosen = answer
        self.ask_frame.hide()
        self._show_result()
        self.answered.emit(self.was_right)

    def _on_safe_clicked(self) -> None:
        self.choose(QuizAnswer.SAFE)

    def _on_scam_clicked(self) -> None:
        self.choose(QuizAnswer.SCAM)

    def _show_result(self) -> None:
        text = self._ui_text
        right = self.was_right
        self.verdict_frame.setProperty("role", "right" if right else "wrong")
        repolish(self.verdict_frame)
        for child in (self.verdict_icon, self.verdict_label):
            repolish(child)
        self.verdict_icon.set_icon(Icon.CHECK if right else Icon.CROSS)
        self.verdict_label.setText(text.get(self._lang, "quiz.right" if right else "quiz.wrong"))
        key = "quiz.is_scam" if self._answer is QuizAnswer.SCAM else "quiz.is_safe"
        self.answer_label.setText(text.get(self._lang, key))
        self.why_label.setText(self._why)
        self.why_label.setVisible(bool(self._why))
        self.question_label.hide()
        self.answers.hide()
        self._result.show()
