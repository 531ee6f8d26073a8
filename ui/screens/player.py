"""One step of a tutorial: the phone picture with the ring, the step's words, and the way on.

Back, Repeat and Next sit in the same places on every step, under the words. Repeat reads the
step again, so it shows only while reading aloud is on (its place stays, so Next never moves).

The picture is as tall as the screen under the top bar, and the words get the rest of the
width. When the words would not fit beside it (long text at extra-large size), the picture
gives way first, down to a fifth of the width; only then do the words step down a text size
(``ui.look.style.set_fit``). The words scroll only if even that is not enough. A tap on the
picture shows it enlarged to the window's full height (``ui.widgets.picture_zoom``).

On a drill question Next waits for an answer: it asks for one gently instead
(``answer_needed`` carries the words, for reading aloud). The answers go to ``drill``
(the session's, ``kiosk.visit.drill``), so a repeat, a step back or a change of language shows
the answer given, and the finish screen can add up the score.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.glossary_entry import GlossaryEntry
from kiosk.content.model import RingKind, Step, StepKind, Tutorial
from kiosk.i18n import UiText
from kiosk.visit.drill import DrillAnswers
from ui.look import theme
from ui.look.style import MAX_FIT, forget_sizes, set_fit, words_outgrew
from ui.look.theme import Palette
from ui.screens.quiz import QuizPanel
from ui.widgets.common import BigButton, bar, label, scroll_area
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark
from ui.widgets.glossary_row import GlossaryPanel, GlossaryRow
from ui.widgets.icons import Icon
from ui.widgets.picture_zoom import PictureZoom
from ui.widgets.step_picture import StepPicture

# The picture gives way to the words down to this share of the screen's width.
LEAST_PICTURE_SHARE = 0.2
# Picture widths tried between its full width and its least, this many pixels apart.
_PICTURE_STEP = 6
# A few pixels to spare, so rounding never brings a scroll bar.
_SLACK = 2


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
        self.picture.clicked.connect(self.open_zoom)
        mark(self.picture, "help.control.picture")
        self.zoom: PictureZoom | None = None
        self._palette = theme.DEFAULT
        self._fit_pending = False
        self.tutorial_label = label("", "muted")
        self.title_label = label("", "title")
        self.text_label = label("", "body")
        # "Words to know": the glossary terms the step's text uses, each explained on a tap.
        self.glossary_row = GlossaryRow(ui_text)
        self.glossary_row.term_chosen.connect(self.show_glossary)
        self.glossary_panel: GlossaryPanel | None = None
        self.quiz = QuizPanel(ui_text)
        self.quiz.answered.connect(self._on_quiz_answered)
        words = QWidget()
        self._words = words
        words_layout = QVBoxLayout(words)
        words_layout.setContentsMargins(theme.SPACING, theme.MARGIN, theme.SPACING, theme.MARGIN)
        words_layout.setSpacing(theme.SPACING)
        words_layout.addWidget(self.tutorial_label)
        words_layout.addWidget(self.title_label)
        words_layout.addWidget(self.text_label)
        words_layout.addWidget(self.glossary_row)
        words_layout.addWidget(self.quiz)
        words_layout.addStretch(1)
        self.words_area = scroll_area(words)
        # Words that grew after the fit (a face button stacking its icon over its word) fit anew.
        words.installEventFilter(self)
        words_column = QWidget()
        column = QVBoxLayout(words_column)
        column.setContentsMargins(0, 0, theme.MARGIN, 0)
        column.setSpacing(0)
        column.addWidget(self.words_area, 1)
        column.addWidget(self.quiz.answers)
        self._words_column = words_column

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
        # The picture takes the whole height; the words and the way on share the rest of the width.
        self._bar = bar("BottomBar", self.back_button, self.repeat_button, self.next_button)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(words_column, 1)
        right.addWidget(self._bar)
        # Laid out right to left, so the keys reach the words, the answers and the way on before
        # the picture (ui.widgets.focus_order walks the layout's order); the picture shows left.
        layout = QBoxLayout(QBoxLayout.Direction.RightToLeft, self)
        layout.setContentsMargins(theme.SPACING, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        layout.addLayout(right, 1)
        layout.addWidget(self.picture)
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
        self.glossary_row.set_entries(tutorial.glossary_for(words.text, lang), lang)
        # Shown once the words are laid out, if there is room (``_offer_glossary``).
        self.glossary_row.hide()
        if self.glossary_panel is not None:
            self.glossary_panel.hide()
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
        if self.zoom is not None and self.zoom.isVisible():
            self.open_zoom()
        self.fit(now=True)

    def release(self) -> None:
        """The visit is over: free the step pictures it parsed."""
        self.picture.release()
        if self.zoom is not None:
            self.zoom.release()

    def open_zoom(self) -> None:
        """The step's picture over the whole window, as tall as it."""
        step = self.step
        if step is None:
            return
        if self.zoom is None:
            self.zoom = PictureZoom(self._ui_text, self.window())
        missing = self._ui_text.get(self._lang, "player.picture_missing")
        # The same ring as on the step: "tap here", or "look here".
        self.zoom.picture.set_look(step.ring is RingKind.LOOK)
        self.zoom.show_picture(step.image, step.highlight, missing, self._palette, self._lang)

    def show_glossary(self, entry: GlossaryEntry) -> None:
        """What a term means, in a small panel over the window (any tap, Back or Escape closes it)."""
        if self.glossary_panel is None:
            self.glossary_panel = GlossaryPanel(self._ui_text, self.window())
        self.glossary_panel.show_entry(entry, self._lang)

    def close_zoom(self) -> None:
        if self.zoom is not None:
            self.zoom.hide()

    # -- fitting the words beside the picture ------------------------------------------------
    def fit(self, *, now: bool = False) -> None:
        """Size the picture and the words' text for this step (soon: once the layout has settled)."""
        if now and self.isVisible():
            # What it shows changed (a step, an answer): fitted before the next paint.
            self._fit_now()
        elif not self._fit_pending:
            # Its size or style changed: fitted once the layout has settled.
            self._fit_pending = True
            QTimer.singleShot(0, self._fit_now)

    def _fit_now(self) -> None:
        self._fit_pending = False
        if not self.isVisible():
            return
        full = self.picture.width_for_height(self.height())
        least = min(
            full, max(self.picture.minimumSizeHint().width(), round(self.width() * LEAST_PICTURE_SHARE))
        )
        widths = [*range(full, least, -_PICTURE_STEP), least]
        # What gives way, in turn: the picture's width; the tutorial's name over the step (the top
        # bar says where the visitor is); after an answer, the step's text (the verdict and its
        # reason take its place); then the text size, a size at a time.
        answered = self.quiz.isVisibleTo(self) and self.quiz.is_answered
        spares = [(True, True), (False, True), (False, not answered)]
        tries = [
            (level, spare)
            for level in range(MAX_FIT + 1)
            for spare in (spares if level == 0 else spares[-1:])
        ]
        for level, (name_shown, text_shown) in tries:
            self._set_fit(level)
            self.tutorial_label.setVisible(name_shown)
            self.text_label.setVisible(text_shown)
            # Rather a narrower picture than Back or Next on two lines; rather that than smaller words.
            for one_line in (True, False):
                for width in widths:
                    if self._words_fit(width, bar_on_one_line=one_line):
                        self._settle(width, fits=True)
                        return
        # Even so the words do not fit: they scroll, beside the smallest picture.
        self._settle(least, fits=False)

    def _settle(self, picture_width: int, *, fits: bool) -> None:
        self.picture.setFixedWidth(picture_width)
        if fits and self.glossary_row.entries:
            # Offered once laid out, in the room the words leave.
            QTimer.singleShot(0, self._offer_glossary)
        # Qt's scroll area measures hfw words at their preferred width, not at the width they get,
        # and may show a bar where none is needed: the fit above has measured them.
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fits else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        self.words_area.setVerticalScrollBarPolicy(policy)

    def _set_fit(self, level: int) -> None:
        for container in (self._words, self.quiz.answers):
            set_fit(container, level)

    def fit_level(self) -> int:
        """How many text sizes the words stepped down to fit (0: the visitor's size)."""
        value = self._words.property("fit")
        return int(value) if value else 0

    def _words_fit(self, picture_width: int, *, bar_on_one_line: bool) -> bool:
        """Whether the words, the answers and the bar fit beside a picture ``picture_width`` wide
        (with ``bar_on_one_line``: and Back, Repeat and Next each keep their words on one line)."""
        width = self.width() - picture_width - 2 * theme.SPACING
        words_width = width - theme.MARGIN
        used = _height_for(self._bar, width)
        if bar_on_one_line and used > self._bar.sizeHint().height():
            return False
        if not self.quiz.answers.isHidden():
            used += _height_for(self.quiz.answers, words_width)
        return _height_for(self._words, words_width) + used + _SLACK <= self.height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.close_zoom()
        if self.glossary_panel is not None:
            self.glossary_panel.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if words_outgrew(self.words_area, watched, event):
            self.fit()
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        # The text size or the screen changed the style sheet: the words' sizes changed.
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.fit()
        return super().event(event)

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
        self.picture.setText(text.get(lang, "player.picture_name"))
        self.picture.setAccessibleName(text.get(lang, "player.picture_name"))

    def _offer_glossary(self) -> None:
        """Show the "words to know" row once the step is laid out, if it fits in the room the
        words leave (the words come first: without room, no row)."""
        row, words, area = self.glossary_row, self._words, self.words_area
        if not row.entries or row.isVisibleTo(self) or not self.isVisible():
            return
        forget_sizes(words)
        width = area.viewport().width()
        inner = width - 2 * theme.SPACING
        need = _height_for(words, width) + _height_for(row, inner) + theme.SPACING
        if need + _SLACK <= area.viewport().height():
            row.show()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.picture.set_palette(palette)
        if self.zoom is not None:
            self.zoom.picture.set_palette(palette)

    def _on_next_clicked(self) -> None:
        step = self.step
        if step is not None and step.kind is StepKind.QUIZ and not self.quiz.is_answered:
            self.answer_needed.emit(self.quiz.ask_for_answer())
            self.fit(now=True)
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
        # The verdict and the reason replace the question and the answers: fit them anew.
        self.fit(now=True)
        # At extra-large text the verdict may appear below the fold: once the layout has
        # made room for it, scroll it to the top of the words.
        QTimer.singleShot(0, self._on_verdict_laid_out)

    def _on_verdict_laid_out(self) -> None:
        content = self.words_area.widget()
        if content is None or not self.quiz.is_answered:
            return
        top = self.quiz.verdict_frame.mapTo(content, QPoint(0, 0)).y()
        self.words_area.verticalScrollBar().setValue(top - theme.SPACING)


def _height_for(widget: QWidget, width: int) -> int:
    """The height ``widget`` wants at ``width`` (its words wrapped to that width)."""
    height = widget.heightForWidth(width) if widget.hasHeightForWidth() else -1
    return height if height >= 0 else widget.sizeHint().height()
