"""The first thing a passer-by sees: who we are, a warm hello, and one huge "Bắt đầu"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from ui.look import theme
from ui.widgets.common import BigButton, label, scroll_area
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon

# Lines of text stay this wide at most, so eyes need not travel across the whole screen.
_TEXT_WIDTH = 1200


class StartScreen(QWidget):
    start_requested = Signal()

    def __init__(self, ui_text: UiText, point_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self.point_label = label(point_name, "heading", centred=True)
        self.welcome_label = label("", "hero", centred=True)
        self.intro_label = label("", "body", centred=True)
        self.start_button = BigButton(role="primary", icon=Icon.NEXT, icon_after=True)
        self.start_button.set_emphasis("hero")
        mark(self.start_button, "help.control.start", KeyRole.NEXT, main=True)
        self.setProperty(HELP_KEY, "help.screen.start")
        self.start_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.other_languages_label = label("", "muted", centred=True)
        self.privacy_label = label("", "muted", centred=True)

        column_widget = QWidget()
        column_widget.setMaximumWidth(_TEXT_WIDTH)
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, theme.SPACING // 2, 0, theme.SPACING // 2)
        column.setSpacing(theme.SPACING)
        column.addStretch(1)
        column.addWidget(self.point_label)
        column.addWidget(self.welcome_label)
        column.addWidget(self.intro_label)
        column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.other_languages_label)
        column.addStretch(1)
        column.addWidget(self.privacy_label)
        # Centred by stretches, not by alignment: an aligned label would not wrap its lines.
        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(theme.MARGIN, 0, theme.MARGIN, 0)
        row.addStretch(1)
        row.addWidget(column_widget, 100)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_area(content))
        self.start_button.clicked.connect(self.start_requested)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        text = self._ui_text
        self.welcome_label.setText(text.get(lang, "start.welcome"))
        self.intro_label.setText(text.get(lang, "start.intro"))
        self.start_button.setText(text.get(lang, "start.button"))
        self.privacy_label.setText(text.get(lang, "start.privacy"))
        # "Start" in the other languages too, for a visitor who cannot read this one.
        others = [text.get(other, "start.button") for other in text.languages() if other != lang]
        self.other_languages_label.setText("  ·  ".join(others))
        self.other_languages_label.setVisible(bool(others))

    def spoken_text(self) -> str:
        """The hello and what the kiosk is for (not the point's name, the button or the small print)."""
        text, lang = self._ui_text, self._lang
        return f"{text.get(lang, 'start.welcome')} {text.get(lang, 'start.intro')}"
