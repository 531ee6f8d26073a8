""" "I am trying on my phone": the visit is held, a large clock counts down, any touch goes on.

Opened from "Are you still there?" (``ui.overlays.idle_question``). The window's idle watcher
(``ui.shell.idle``) counts the time; this only shows it. A touch anywhere on it, a key or its
"Continue" button ends the pause early; when the time is up the question comes back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import UiText
from ui.look import theme
from ui.overlays.overlay import Overlay
from ui.widgets.common import BigButton, label
from ui.widgets.focus_order import ANY_KEY_CLOSES, HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon

# The clock's digits are at least this part of the window's height (the theme's size on a small screen).
_CLOCK_HEIGHT_SHARE = 0.11


def clock_text(seconds: int) -> str:
    """Minutes and seconds, as a clock shows them: 272 → "4:32"."""
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes}:{rest:02d}"


class PhonePauseOverlay(Overlay):
    # A touch, a key or "Continue": the visitor is back.
    continue_requested = Signal()

    def __init__(self, ui_text: UiText, parent: QWidget) -> None:
        super().__init__(parent, name="PhonePauseOverlay")
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self._seconds = 0
        self._total = 0
        self.title_label = label("", "hero", centred=True)
        self.held_label = label("", "body", centred=True)
        self.clock_label = label("", "countdown", centred=True)
        self.touch_label = label("", "body", centred=True)
        self.continue_button = BigButton(role="primary", icon=Icon.CHECK)
        self.continue_button.set_emphasis("hero")
        mark(self.continue_button, "help.control.phone_back", KeyRole.CLOSE, main=True)
        self.setProperty(HELP_KEY, "help.screen.phone")
        # Any key ends the pause, like a touch: whoever pressed it is back.
        self.setProperty(ANY_KEY_CLOSES, True)
        column = QVBoxLayout(self)
        column.setContentsMargins(theme.MARGIN * 2, theme.MARGIN, theme.MARGIN * 2, theme.MARGIN)
        column.setSpacing(theme.SPACING)
        column.addStretch(1)
        column.addWidget(self.title_label)
        column.addWidget(self.held_label)
        column.addWidget(self.clock_label)
        column.addWidget(self.touch_label)
        column.addSpacing(theme.SPACING)
        column.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        self.continue_button.clicked.connect(self.continue_requested)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self.title_label.setText(self._ui_text.get(lang, "idle.phone_title"))
        self.touch_label.setText(self._ui_text.get(lang, "idle.phone_touch"))
        self.continue_button.setText(self._ui_text.get(lang, "idle.continue"))
        self._update_clock()

    def open(self) -> None:
        super().open()
        self._size_clock()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_clock()

    def _size_clock(self) -> None:
        """The theme's countdown size (it follows the text size), or larger on a tall screen."""
        clock = self.clock_label
        clock.setStyleSheet("")
        clock.ensurePolished()
        themed = clock.font().pixelSize()
        wanted = round(self.height() * _CLOCK_HEIGHT_SHARE)
        if wanted > themed > 0:
            clock.setStyleSheet(f"font-size: {wanted}px;")

    def show_clock(self, seconds: int, total: int) -> None:
        self._seconds, self._total = seconds, total
        self._update_clock()

    def clock(self) -> str:
        """The time left as shown ("4:32")."""
        return clock_text(self._seconds)

    def spoken_text(self) -> str:
        """Said when it opens: what happens, how long, and how to go on (no clock digits to spell)."""
        return f"{self.title_label.text()}. {self.held_label.text()} {self.touch_label.text()}"

    def _update_clock(self) -> None:
        ui_text, lang = self._ui_text, self._lang
        self.held_label.setText(ui_text.get(lang, "idle.phone_held", minutes=max(1, round(self._total / 60))))
        self.clock_label.setText(ui_text.get(lang, "idle.phone_clock", time=clock_text(self._seconds)))

    # A touch anywhere that is not the button: the release ends the pause (the press alone could
    # be a finger resting on the glass).
    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.continue_requested.emit()
