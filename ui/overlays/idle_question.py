"""The full-screen "Are you still there?" with a countdown, a big "Continue" and "I am trying on my phone".

The phone button hands over to ``ui.overlays.phone_pause.PhonePauseOverlay`` (made here, shown by
the window): the visit is held longer, with a clock, while the visitor tries the step on their own
phone. Any key still answers "Continue" (a keypad user is there); the phone is for touch."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from ui.look import theme
from ui.overlays.overlay import Overlay
from ui.overlays.phone_pause import PhonePauseOverlay
from ui.widgets.common import BigButton, label
from ui.widgets.focus_order import ANY_KEY_CLOSES, HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon

_TRACK_ALPHA = 60


class CountdownDial(QWidget):
    """The seconds left, large, inside a ring that empties as time runs out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "countdown")
        self.seconds = 0
        self.total = 1
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_seconds(self, seconds: int, total: int) -> None:
        self.seconds, self.total = seconds, max(1, total)
        self.update()

    def sizeHint(self) -> QSize:
        side = max(theme.COUNTDOWN_DIAMETER, math.ceil(self.fontMetrics().height() * 2.2))
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        # Never squeezed: the seconds must stay inside their ring.
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        side = min(self.width(), self.height())
        width = max(6.0, side / 14)
        ring = QRectF(width, width, side - 2 * width, side - 2 * width)
        track = colour.lighter(100)
        track.setAlpha(_TRACK_ALPHA)
        painter.setPen(QPen(track, width))
        painter.drawEllipse(ring)
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        # Qt angles: 1/16 degree, counter-clockwise from three o'clock; start at twelve.
        painter.drawArc(ring, 90 * 16, round(360 * 16 * self.seconds / self.total))
        painter.drawText(QRectF(0, 0, side, side), Qt.AlignmentFlag.AlignCenter, str(self.seconds))
        painter.end()


class IdleOverlay(Overlay):
    continue_requested = Signal()
    # "I am trying on my phone": hold the visit longer.
    phone_requested = Signal()

    def __init__(self, ui_text: UiText, parent: QWidget) -> None:
        super().__init__(parent, name="IdleOverlay")
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self._seconds = 0
        self._total = 1
        self.question_label = label("", "hero", centred=True)
        self.dial = CountdownDial()
        self.countdown_label = label("", "body")
        self.continue_button = BigButton(role="primary", icon=Icon.CHECK)
        self.continue_button.set_emphasis("hero")
        mark(self.continue_button, "help.control.continue", KeyRole.CLOSE, main=True)
        self.phone_button = BigButton(role="secondary", icon=Icon.PHONE, stack_if_narrow=True)
        mark(self.phone_button, "help.control.phone")
        # Drawn over the same window; the window shows one or the other.
        self.phone_pause = PhonePauseOverlay(ui_text, parent)
        self.setProperty(HELP_KEY, "help.screen.idle")
        # Any key at all answers "Are you still there?": whoever pressed it is there.
        self.setProperty(ANY_KEY_CLOSES, True)
        column = QVBoxLayout(self)
        column.setContentsMargins(theme.MARGIN * 2, theme.MARGIN, theme.MARGIN * 2, theme.MARGIN)
        column.setSpacing(theme.SPACING)
        column.addStretch(1)
        column.addWidget(self.question_label)
        # The seconds beside what happens when they run out: room for a large dial at any text size.
        countdown = QHBoxLayout()
        countdown.setSpacing(theme.SPACING * 2)
        countdown.addStretch(1)
        countdown.addWidget(self.dial, 0, Qt.AlignmentFlag.AlignVCenter)
        countdown.addWidget(self.countdown_label, 3)
        countdown.addStretch(1)
        column.addLayout(countdown)
        column.addSpacing(theme.SPACING)
        # "Continue" and "I am trying on my phone" side by side, as tall as each other.
        answers = QHBoxLayout()
        answers.setSpacing(theme.SPACING * 2)
        answers.addStretch(1)
        answers.addWidget(self.continue_button, 4)
        answers.addWidget(self.phone_button, 4)
        answers.addStretch(1)
        column.addLayout(answers)
        column.addStretch(1)
        self.continue_button.clicked.connect(self.continue_requested)
        self.phone_button.clicked.connect(self.phone_requested)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self.question_label.setText(self._ui_text.get(lang, "idle.question"))
        self.continue_button.setText(self._ui_text.get(lang, "idle.continue"))
        self.phone_button.setText(self._ui_text.get(lang, "idle.phone"))
        self.phone_pause.retranslate(lang)
        self._update_countdown()

    def open(self) -> None:
        """The question, over the phone clock if that was shown (its time is up)."""
        self.phone_pause.hide()
        super().open()

    def show_phone_pause(self, seconds: int, total: int) -> None:
        """The phone clock with ``seconds`` left, instead of the question."""
        self.phone_pause.show_clock(seconds, total)
        if not self.phone_pause.isVisible():
            self.hide()
            self.phone_pause.open()

    def close_all(self) -> None:
        """Neither the question nor the phone clock: the visit goes on (or was reset)."""
        self.hide()
        self.phone_pause.hide()

    def spoken_text(self) -> str:
        """The question and the seconds left, as shown when it is said, then the two answers."""
        choices = self._ui_text.get(self._lang, "idle.choices")
        return f"{self.question_label.text()} {self.countdown_label.text()} {choices}"

    def show_countdown(self, seconds: int, total: int) -> None:
        self._seconds, self._total = seconds, total
        self._update_countdown()

    def _update_countdown(self) -> None:
        self.dial.set_seconds(self._seconds, self._total)
        self.countdown_label.setText(self._ui_text.get(self._lang, "idle.countdown", seconds=self._seconds))
