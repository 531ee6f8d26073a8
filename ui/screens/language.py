"""Choosing a language: one big tile per language, each named in that language."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from ui.look import theme
from ui.widgets.common import BigButton, bar, label, scroll_area
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon

_COLUMNS = 2


class LanguageScreen(QWidget):
    language_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, ui_text: UiText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self.heading_label = label("", "heading", centred=True)
        self.tiles: dict[str, BigButton] = {}
        grid = QGridLayout()
        grid.setSpacing(theme.SPACING * 2)
        for index, lang in enumerate(ui_text.languages()):
            tile = BigButton(ui_text.language_name(lang), role="language")
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            mark(tile, "help.control.language", main=True)
            tile.clicked.connect(lambda _checked=False, chosen=lang: self.language_chosen.emit(chosen))
            grid.addWidget(tile, index // _COLUMNS, index % _COLUMNS)
            self.tiles[lang] = tile

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(theme.MARGIN * 3, theme.MARGIN, theme.MARGIN * 3, theme.MARGIN)
        column.setSpacing(theme.SPACING * 2)
        column.addStretch(1)
        column.addWidget(self.heading_label)
        column.addLayout(grid)
        column.addStretch(2)

        self.back_button = BigButton(role="secondary", icon=Icon.BACK)
        mark(self.back_button, "help.control.back", KeyRole.BACK)
        self.setProperty(HELP_KEY, "help.screen.language")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll_area(content), 1)
        layout.addWidget(bar("BottomBar", self.back_button, None, stretch_at=(1,)))
        self.back_button.clicked.connect(self.back_requested)
        self.heading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        text = self._ui_text
        # The question in every language, this one first: the visitor may not read this one.
        ordered = [lang, *(other for other in text.languages() if other != lang)]
        self.heading_label.setText("  /  ".join(text.get(other, "language.choose") for other in ordered))
        self.back_button.setText(text.get(lang, "common.back"))

    def spoken_text(self) -> str:
        """The question in the visitor's language only: heard in every language, it would be a long wait."""
        return self._ui_text.get(self._lang, "language.choose")
