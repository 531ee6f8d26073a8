"""The end of a tutorial: well done, what to remember, the official page as a QR code
with a Print button under it, and three faces to say how it went. After a drill, the score
("6/8") and the questions answered wrong, each a button that opens that question again.

Without a code the right column holds the faces, one above the other, and Print; with a code it
holds the code (as large as the height allows, never under ``QrCodeView``'s least size) and Print,
and the faces are a row under the words. What the tutorial's check claims is a small line at the
bottom.

A tap on a face says thank you and announces ``feedback_given`` (easy / okay / hard), which
the window records as the visit's anonymous feedback. Printing
itself is ``ui.printing.printer``'s job: this screen asks, and shows the state it is told.

Everything fits without scrolling: when the words would not fit at the visitor's text size (a
drill's score at extra-large text on a 1366×768 screen), the claim line gives way first, then the
tutorial's name (the top bar says the visit is done), and only then the words step down one text
size (``ui.look.style.set_fit``): extra-large shows at large, never at normal, on 1366×768 and up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import CheckLevel, Tutorial
from kiosk.i18n import UiText
from kiosk.printing.state import FROM_FINISH, IDLE, PrintState
from kiosk.visit.drill import DrillAnswers
from ui.look import theme
from ui.look.style import forget_sizes, set_fit, words_outgrew
from ui.look.theme import Palette
from ui.widgets.common import BigButton, bar, breakable_url, label, readable_url, repolish, scroll_area
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon
from ui.widgets.print_panel import PrintPanel
from ui.widgets.qr_view import QrCodeView

log = logging.getLogger(__name__)

# Face icons are drawn larger than a line of text: they are the message.
_FACE_SCALE = 1.15
# One above the other in the right column: a little smaller, so three fit with Print under them.
_STACKED_FACE_SCALE = 1.2
_FACES = (("easy", Icon.FACE_HAPPY), ("okay", Icon.FACE_NEUTRAL), ("hard", Icon.FACE_SAD))
# What gives way, in turn, when the words do not fit: (text sizes down, claim shown, name shown).
# A second step down (extra-large drawn at normal) is the last resort of a screen smaller than
# 1366×768; the layout test holds 1366×768 and up to one step.
_FIT_TRIES = (
    (0, True, True),
    (0, False, True),
    (0, False, False),
    (1, True, True),
    (1, False, True),
    (1, False, False),
    (2, False, True),
    (2, False, False),
)
# A few pixels to spare, so rounding never brings a scroll bar.
_SLACK = 2


def _compact(button: BigButton) -> None:
    """Less padding above and below the words: a list to choose from, not the screen's main
    action (still a whole touch target: the style sheet's least height)."""
    pad = theme.BUTTON_PADDING + theme.BORDER
    layout = button.layout()
    if layout is not None:
        layout.setContentsMargins(pad, theme.BORDER * 2, pad, theme.BORDER * 2)


class FinishScreen(QWidget):
    back_requested = Signal()
    another_requested = Signal()
    end_requested = Signal()
    # In a guided session: the next guide of the volunteer's plan.
    next_requested = Signal()
    # (tutorial id, FROM_FINISH) and "the visitor has read how the print ended".
    print_requested = Signal(str, str)
    print_dismissed = Signal()
    # "easy", "okay" or "hard": the face the visitor tapped.
    feedback_given = Signal(str)
    # The step index of a drill question to look at again (a button under the score).
    review_requested = Signal(int)
    # "Thử làm" / "Try it": practise this tutorial on the phone pictures (ui/screens/practice.py).
    practice_requested = Signal(str)

    def __init__(self, ui_text: UiText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self.tutorial: Tutorial | None = None
        self.feedback: str | None = None
        self.print_state = IDLE
        # A guided session (``show_guided``): its end words, and the plan's next guide if any.
        self.guided = False
        self.guided_next: Tutorial | None = None

        self.tutorial_label = label("", "title")
        # After a drill: the score, and the questions to look at again (the window gives the
        # session's answers).
        self.drill = DrillAnswers()
        self.score_label = label("", "body")
        self.review_buttons: list[BigButton] = []
        self.score_box = QWidget()
        score_layout = QVBoxLayout(self.score_box)
        score_layout.setContentsMargins(0, 0, 0, 0)
        score_layout.setSpacing(theme.SPACING // 2)
        score_layout.addWidget(self.score_label)
        # One question to a row, the button as wide as the words; two to a row when every title
        # keeps to one line in half the width (``_arrange_reviews``).
        self._review_columns = 1
        self._review_grid = QGridLayout()
        self._review_grid.setSpacing(theme.SPACING // 2)
        score_layout.addLayout(self._review_grid)
        self.score_box.hide()
        self.remember_title = label("", "title")
        self.safety_label = label("", "body")
        self.note_frame = QFrame()
        self.note_frame.setProperty("role", "note")
        # "Remember:" beside the words when that takes fewer lines, else above them (``_arrange_note``).
        self._note_layout = note_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.note_frame)
        note_layout.setContentsMargins(theme.MARGIN, theme.SPACING // 3, theme.MARGIN, theme.SPACING // 3)
        note_layout.setSpacing(theme.SPACING)
        self.remember_title.setWordWrap(False)
        note_layout.addWidget(self.remember_title, 0, Qt.AlignmentFlag.AlignTop)
        note_layout.addWidget(self.safety_label, 1)
        # The claim ("Written from official guides of …"): a small line at the bottom.
        self.checked_label = label("", "muted")
        self.feedback_label = label("", "body")
        self.face_buttons: dict[str, BigButton] = {}
        self._faces = QButtonGroup(self)
        # The question, the faces and the thanks: a row under the words, or stacked in the right
        # column when there is no code (``_place_feedback``).
        self.feedback_box = QWidget()
        feedback_layout = QVBoxLayout(self.feedback_box)
        feedback_layout.setContentsMargins(0, 0, 0, 0)
        feedback_layout.setSpacing(theme.SPACING // 2)
        self._faces_row = faces_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        faces_row.setSpacing(theme.SPACING // 2)
        for name, icon in _FACES:
            # At large text a word beside the face was cut off: then the face goes above it.
            button = BigButton(
                role="face",
                icon=icon,
                checkable=True,
                icon_scale=_FACE_SCALE,
                stack_if_narrow=True,
                gap=theme.SPACING // 2,
            )
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            mark(button, "help.control.face")
            button.clicked.connect(lambda _checked=False, chosen=name: self._on_face_clicked(chosen))
            self._faces.addButton(button)
            faces_row.addWidget(button)
            self.face_buttons[name] = button
        self.thanks_label = label("", "title")
        feedback_layout.addWidget(self.feedback_label)
        feedback_layout.addLayout(faces_row)
        feedback_layout.addWidget(self.thanks_label)
        self._stacked_faces = False

        left = QWidget()
        self._left_layout = left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.SPACING, theme.MARGIN)
        left_layout.setSpacing(theme.SPACING)
        # The score sits close under the title.
        heading = QWidget()
        heading_layout = QVBoxLayout(heading)
        heading_layout.setContentsMargins(0, 0, 0, 0)
        heading_layout.setSpacing(theme.SPACING // 4)
        heading_layout.addWidget(self.tutorial_label)
        heading_layout.addWidget(self.score_box)
        for widget in (heading, self.note_frame, self.feedback_box):
            left_layout.addWidget(widget)
        left_layout.addStretch(1)
        left_layout.addWidget(self.checked_label)

        self.qr_view = QrCodeView()
        self.url_label = label("", "url", centred=True)
        # The QR column is narrow: its words grow less than the rest (theme.CHROME_MAX_SCALE).
        self.qr_hint_label = label("", "qr-hint", centred=True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(theme.SPACING, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        right_layout.setSpacing(theme.SPACING // 2)
        right_layout.addWidget(self.qr_hint_label)
        # The code takes whatever height the words leave (it draws itself square and centred).
        right_layout.addWidget(self.qr_view, 1)
        right_layout.addWidget(self.url_label)
        # Under the code it offers: scan it, or take it home on paper.
        self.print_button = BigButton(role="secondary", icon=Icon.PRINTER)
        mark(self.print_button, "help.control.print")
        self.print_button.clicked.connect(self._on_print_button_clicked)
        right_layout.addSpacing(theme.SPACING // 2)
        # Never taller than its words need, with or without a code above it.
        policy = self.print_button.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Maximum)
        self.print_button.setSizePolicy(policy)
        right_layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.practice_button = BigButton(role="secondary", icon=Icon.TOUCH)
        mark(self.practice_button, "help.control.practice")
        self.practice_button.clicked.connect(self._on_practice_clicked)
        right_layout.addWidget(self.practice_button, 0, Qt.AlignmentFlag.AlignBottom)
        self._right_layout = right_layout
        for button in (self.print_button, self.practice_button):
            _compact(button)

        self._left = left
        self._right = right
        self._fit_pending = False
        self._middle = QWidget()
        middle = QHBoxLayout(self._middle)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(0)
        self.words_area = scroll_area(left)
        # Words that grew after the fit (a face button stacking its icon over its word) fit anew.
        left.installEventFilter(self)
        middle.addWidget(self.words_area, 1)
        # Its width comes from the style sheet: it grows (a little) with the text size.
        right.setObjectName("QrColumn")
        middle.addWidget(right)

        self.back_button = BigButton(role="secondary", icon=Icon.BACK)
        self.another_button = BigButton(role="secondary")
        self.end_button = BigButton(role="primary", icon=Icon.HOME)
        self.next_button = BigButton(role="primary", icon=Icon.NEXT, icon_after=True)
        self.next_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.next_button.hide()
        mark(self.next_button, "help.control.next_guide", KeyRole.NEXT, main=True)
        for button in (self.another_button, self.end_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        mark(self.back_button, "help.control.back", KeyRole.BACK)
        mark(self.another_button, "help.control.another")
        # Page Down (the number pad's 3) presses the screen's main action, as Next elsewhere.
        mark(self.end_button, "help.control.end", KeyRole.NEXT, main=True)
        self.setProperty(HELP_KEY, "help.screen.finish")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._middle, 1)
        self._bar = bar("BottomBar", self.back_button, self.another_button, self.next_button, self.end_button)
        layout.addWidget(self._bar)
        self.back_button.clicked.connect(self.back_requested)
        self.another_button.clicked.connect(self.another_requested)
        self.end_button.clicked.connect(self.end_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.print_panel = PrintPanel(ui_text, self)
        self.print_panel.dismissed.connect(self.print_dismissed)
        self.print_panel.setProperty(HELP_KEY, "help.screen.print")
        mark(self.print_panel.ok_button, "help.control.ok", KeyRole.CLOSE, main=True)

    def show_tutorial(self, tutorial: Tutorial, lang: str) -> None:
        self.tutorial = tutorial
        self.qr_view.set_data(tutorial.qr_url)
        # A tutorial without an official page to open has no code to scan.
        for widget in (self.qr_view, self.url_label, self.qr_hint_label):
            widget.setVisible(bool(tutorial.qr_url))
        self._place_print_button(bool(tutorial.qr_url))
        self.practice_button.setVisible(tutorial.has_practice)
        self._place_feedback(stacked=not tutorial.qr_url)
        self.clear_feedback()
        self.retranslate(lang)

    def _on_practice_clicked(self) -> None:
        if self.tutorial is not None:
            self.practice_requested.emit(self.tutorial.id)

    def _place_print_button(self, under_code: bool) -> None:
        """Print goes under the code; without a code the column is only as wide as the Print button
        (the style sheet's ``code``), so the words get the rest of the width."""
        self._right.setProperty("code", "yes" if under_code else "none")
        repolish(self._right)

    def _place_feedback(self, *, stacked: bool) -> None:
        """The faces one above the other at the top of the right column (no code there), or a row
        under the words."""
        if stacked == self._stacked_faces:
            return
        self._stacked_faces = stacked
        if stacked:
            self._right_layout.insertWidget(0, self.feedback_box)
        else:
            self._left_layout.insertWidget(self._left_layout.indexOf(self.note_frame) + 1, self.feedback_box)
        self._faces_row.setDirection(
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )
        self._faces_row.setSpacing(theme.SPACING // 2)
        for button in self.face_buttons.values():
            button.set_icon_scale(_STACKED_FACE_SCALE if stacked else _FACE_SCALE)
        self.feedback_box.show()

    def show_guided(self, guided: bool, following: Tutorial | None = None) -> None:
        """In a guided session the main action is the plan's next guide (``following``), and the
        end (after the last guide) has the volunteer bar's words; call before ``show_tutorial``."""
        self.guided = guided
        self.guided_next = following if guided else None

    def spoken_text(self) -> str:
        """The screen's title (shown in the top bar)."""
        return self._ui_text.get(self._lang, "finish.title")

    def clear_feedback(self) -> None:
        self.feedback = None
        self._faces.setExclusive(False)
        for button in self.face_buttons.values():
            button.setChecked(False)
        self._faces.setExclusive(True)
        self.thanks_label.hide()

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        text = self._ui_text
        tutorial = self.tutorial
        if tutorial is not None:
            words = tutorial.text(lang)
            self.tutorial_label.setText(words.title)
            self.safety_label.setText(words.safety)
            self.note_frame.setVisible(bool(words.safety))
            # Only what was done to check it: written from official guides, or tried on a phone.
            check = tutorial.check
            day = check.date
            date = text.get(lang, "format.date", day=day.day, month=day.month, year=day.year)
            claim = "finish.checked_phone" if check.level is CheckLevel.PHONE else "finish.checked_desk"
            self.checked_label.setText(
                text.get(lang, claim, date=date, app=check.app, app_version=check.app_version)
            )
            self.url_label.setText(breakable_url(tutorial.qr_url))
            self.qr_view.setAccessibleName(text.get(lang, "print.qr_name", url=tutorial.qr_url))
        self.remember_title.setText(text.get(lang, "finish.remember"))
        caption = tutorial.text(lang).qr_caption if tutorial is not None else ""
        self.qr_hint_label.setText(text.get(lang, "finish.qr_hint", caption=caption))
        self.feedback_label.setText(text.get(lang, "finish.feedback"))
        for name, button in self.face_buttons.items():
            button.setText(text.get(lang, f"finish.{name}"))
        self.thanks_label.setText(text.get(lang, "finish.thanks"))
        self._show_score(lang)
        self.back_button.setText(text.get(lang, "common.back"))
        self.another_button.setText(text.get(lang, "finish.another"))
        self.practice_button.setText(text.get(lang, "practice.try"))
        self.end_button.setText(text.get(lang, "guided.bar.end" if self.guided else "finish.end"))
        following = self.guided_next
        if following is not None:
            self.next_button.setText(text.get(lang, "finish.next", title=following.text(lang).title))
        self.next_button.setVisible(following is not None)
        self.end_button.setVisible(following is None)
        self._show_print_state()
        self.fit(now=True)

    def show_print_state(self, state: PrintState) -> None:
        self.print_state = state
        self._show_print_state()

    def shown_url(self) -> str:
        """The address as the visitor reads it (without the invisible line-break hints)."""
        return readable_url(self.url_label.text())

    def set_palette(self, palette: Palette) -> None:
        self.qr_view.set_colours(palette.qr_dark, palette.qr_light)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.print_panel.fit()
        # The next guide's title is long: half the width, so it keeps to two lines at the largest text.
        self.next_button.setMinimumWidth(self.width() // 2)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if words_outgrew(self.words_area, watched, event):
            self.fit()
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        # The text size or the screen changed the style sheet: the words' sizes changed.
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.fit()
        return super().event(event)

    # -- fitting the words -------------------------------------------------------------------
    def fit(self, *, now: bool = False) -> None:
        """Fit the words to the screen (soon: once the layout has settled)."""
        if now and self.isVisible():
            # What it shows changed (a step, an answer): fitted before the next paint.
            self._fit_now()
        elif not self._fit_pending:
            # Its size or style changed: fitted once the layout has settled.
            self._fit_pending = True
            QTimer.singleShot(0, self._fit_now)

    def fit_level(self) -> int:
        """How many text sizes the words stepped down to fit (0: the visitor's size)."""
        value = self._middle.property("fit")
        return int(value) if value else 0

    def _fit_now(self) -> None:
        self._fit_pending = False
        if not self.isVisible():
            return
        has_date = bool(self.checked_label.text())
        fits = False
        for level, date_shown, name_shown in _FIT_TRIES:
            set_fit(self._middle, level)
            # The bottom bar's words step down with the rest.
            set_fit(self._bar, level)
            # Close together unless there is room to spare.
            gap, edge = theme.SPACING // 2, theme.SPACING // 4
            self._left_layout.setSpacing(gap)
            self._left_layout.setContentsMargins(theme.MARGIN, edge, theme.SPACING, edge)
            self._right_layout.setContentsMargins(theme.SPACING, edge, theme.MARGIN, edge)
            self.checked_label.setVisible(date_shown and has_date)
            self.tutorial_label.setVisible(name_shown)
            self._arrange_reviews(self._words_width())
            # What was just hidden or shown counts at once.
            forget_sizes(self._middle)
            self._arrange_note(self._words_width() - theme.MARGIN - theme.SPACING)
            fits = self._words_fit()
            if fits:
                break
        # Qt's scroll area measures hfw words at their preferred width, not at the width they get,
        # and may show a bar where none is needed: the fit above has measured them.
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fits else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        self.words_area.setVerticalScrollBarPolicy(policy)
        # Laid out now at what was chosen (the tries above left layouts measured at other sizes).
        forget_sizes(self._middle)
        for widget in (self, *self._middle.findChildren(QWidget)):
            inside = widget.layout()
            if inside is not None and widget.isVisible():
                inside.activate()

    def _right_width(self) -> int:
        """The right column's width as the layout will give it (the style sheet bounds it)."""
        right = self._right
        return min(max(right.minimumWidth(), right.sizeHint().width()), right.maximumWidth())

    def _words_width(self) -> int:
        return self.width() - self._right_width()

    def _arrange_reviews(self, width: int) -> None:
        """Two questions to a row when every title keeps to one line in half the width, else one."""
        buttons = self.review_buttons
        inner = width - theme.MARGIN - theme.SPACING
        half = (inner - theme.SPACING // 2) // 2
        pad = 2 * (theme.BUTTON_PADDING + theme.BORDER) + 2 * theme.BORDER
        columns = 1
        if len(buttons) > 1:
            widest = max(b.label_width_needed() for b in buttons)
            columns = 2 if widest + pad <= half else 1
        if columns == self._review_columns and all(self._review_grid.indexOf(b) >= 0 for b in buttons):
            return
        self._review_columns = columns
        for button in buttons:
            self._review_grid.removeWidget(button)
        for place, button in enumerate(buttons):
            self._review_grid.addWidget(button, place // columns, place % columns)

    def _arrange_note(self, width: int) -> None:
        """ "Remember:" beside the words or above them, whichever is lower."""
        layout, frame = self._note_layout, self.note_frame
        heights = {}
        for direction in (QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.TopToBottom):
            layout.setDirection(direction)
            layout.invalidate()
            heights[direction] = frame.heightForWidth(width)
        layout.setDirection(min(heights, key=lambda d: heights[d]))
        layout.invalidate()
        frame.updateGeometry()

    def _words_fit(self) -> bool:
        width = self._words_width()
        if not self._stacked_faces:
            # A face stacks its icon over its word when narrow: give each the width the row will
            # give it before measuring, so the measure is of what will be shown.
            faces = list(self.face_buttons.values())
            gaps = theme.MARGIN + theme.SPACING + (len(faces) - 1) * (theme.SPACING // 2)
            face_width = (width - gaps) // len(faces)
            for face in faces:
                if face.width() != face_width:
                    face.resize(face_width, face.height())
        bar = self._bar.heightForWidth(self.width()) if self._bar.hasHeightForWidth() else -1
        bar = bar if bar >= 0 else self._bar.sizeHint().height()
        room = self.height() - bar - _SLACK
        needed = self._left.heightForWidth(width) if self._left.hasHeightForWidth() else -1
        needed = needed if needed >= 0 else self._left.sizeHint().height()
        right = self._right
        right_needed = right.heightForWidth(self._right_width()) if right.hasHeightForWidth() else -1
        right_needed = max(right_needed, right.minimumSizeHint().height())
        return needed <= room and right_needed <= room

    def _show_print_state(self) -> None:
        state = self.print_state
        tutorial = self.tutorial
        # One printer, one handout at a time: while any prints, this button waits.
        self.print_button.setEnabled(not state.printing)
        ours = tutorial is not None and state.tutorial_id == tutorial.id
        key = "print.printing" if state.printing and ours else "print.button"
        self.print_button.setText(self._ui_text.get(self._lang, key))
        if tutorial is not None and ours and state.origin == FROM_FINISH:
            self.print_panel.show_outcome(state.phase, tutorial, self._lang, state.problem)
        else:
            self.print_panel.hide()

    def _show_score(self, lang: str) -> None:
        tutorial = self.tutorial
        score = self.drill.score(tutorial) if tutorial is not None else None
        for button in self.review_buttons:
            self._review_grid.removeWidget(button)
            # Hidden at once: deleted only when the event loop next runs.
            button.hide()
            button.deleteLater()
        self.review_buttons = []
        self.score_box.setVisible(score is not None)
        if tutorial is None or score is None:
            return
        text = self._ui_text
        # One line: the score, then "well done" or what the buttons under it are for.
        then = text.get(lang, "finish.review" if score.to_review else "finish.all_right")
        self.score_label.setText(
            text.get(lang, "finish.score", right=score.right, total=score.total) + " " + then
        )
        for place, index in enumerate(score.to_review):
            title = tutorial.step_text(lang, tutorial.steps[index]).title
            # The words take the button's width: a wide button keeps a short title on one line.
            button = BigButton(title, role="secondary", fill=True)
            _compact(button)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            mark(button, "help.control.review")
            button.clicked.connect(lambda _checked=False, step=index: self.review_requested.emit(step))
            columns = self._review_columns
            self._review_grid.addWidget(button, place // columns, place % columns)
            self.review_buttons.append(button)

    def _on_print_button_clicked(self) -> None:
        if self.tutorial is not None:
            self.print_requested.emit(self.tutorial.id, FROM_FINISH)

    def _on_face_clicked(self, name: str) -> None:
        self.feedback = name
        self.thanks_label.show()
        self.fit(now=True)
        self.feedback_given.emit(name)
