"""Text size, contrast and reading aloud, one tap from every screen, for this visit only.

Each choice takes effect at once, so the visitor sees the result on the panel itself
before tapping "Done". The reading-aloud section (``ui.widgets.narration_controls``) is driven by
``ui.narration.control``, which knows the narrator.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from kiosk.visit.session import TextSize
from ui.look import theme
from ui.overlays.overlay import Overlay
from ui.widgets.common import BigButton, bar, label, scroll_area
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon
from ui.widgets.narration_controls import NarrationSection

_SIZE_KEYS = {
    TextSize.NORMAL: "comfort.size_normal",
    TextSize.LARGE: "comfort.size_large",
    TextSize.EXTRA_LARGE: "comfort.size_extra_large",
}


class ComfortPanel(Overlay):
    text_size_chosen = Signal(TextSize)
    contrast_chosen = Signal(bool)
    done_requested = Signal()

    def __init__(self, ui_text: UiText, parent: QWidget) -> None:
        super().__init__(parent, name="ComfortPanel")
        self._ui_text = ui_text
        self.title_label = label("", "screen-title", centred=True)
        self.size_label = label("", "section")
        self.contrast_label = label("", "section")
        self.note_label = label("", "muted", centred=True)

        self.size_buttons: dict[TextSize, BigButton] = {}
        size_group = QButtonGroup(self)
        size_row = QHBoxLayout()
        size_row.setSpacing(theme.SPACING)
        for size in TextSize:
            # The "Aa" on each button is drawn at that size, so the choice can be seen, not only read.
            button = BigButton(
                role="choice",
                icon=Icon.TEXT_SIZE,
                checkable=True,
                icon_scale=theme.ICON_SCALE * theme.TEXT_SCALES[size],
            )
            button.clicked.connect(lambda _checked=False, chosen=size: self.text_size_chosen.emit(chosen))
            mark(button, "help.control.size")
            self._add(button, size_group, size_row)
            self.size_buttons[size] = button

        contrast_group = QButtonGroup(self)
        contrast_row = QHBoxLayout()
        contrast_row.setSpacing(theme.SPACING)
        self.default_button = BigButton(role="choice", icon=Icon.CONTRAST, checkable=True)
        self.high_contrast_button = BigButton(role="choice", icon=Icon.CONTRAST, checkable=True)
        self.default_button.clicked.connect(self._on_default_button_clicked)
        self.high_contrast_button.clicked.connect(self._on_high_contrast_button_clicked)
        self._add(self.default_button, contrast_group, contrast_row)
        self._add(self.high_contrast_button, contrast_group, contrast_row)

        self.narration = NarrationSection(ui_text)

        self.done_button = BigButton(role="primary", icon=Icon.CHECK)
        self.done_button.set_emphasis("wide")
        for choice in (self.default_button, self.high_contrast_button):
            mark(choice, "help.control.contrast")
        mark(self.done_button, "help.control.done", KeyRole.CLOSE, main=True)
        self.setProperty(HELP_KEY, "help.screen.comfort")
        self.done_button.clicked.connect(self.done_requested)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(theme.MARGIN * 3, theme.SPACING, theme.MARGIN * 3, theme.SPACING)
        column.setSpacing(theme.SPACING)
        column.addWidget(self.title_label)
        column.addWidget(self.size_label)
        column.addLayout(size_row)
        column.addWidget(self.contrast_label)
        column.addLayout(contrast_row)
        column.addWidget(self.narration)
        column.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(scroll_area(content), 1)
        # "Done" stays in sight however far the choices scroll (extra-large text, reading aloud).
        self.note_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        outer.addWidget(bar("BottomBar", self.note_label, self.done_button))

    @staticmethod
    def _add(button: BigButton, group: QButtonGroup, row: QHBoxLayout) -> None:
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        group.addButton(button)
        row.addWidget(button)

    def retranslate(self, lang: str) -> None:
        text = self._ui_text
        self.title_label.setText(text.get(lang, "comfort.title"))
        self.size_label.setText(text.get(lang, "comfort.text_size"))
        self.contrast_label.setText(text.get(lang, "comfort.contrast"))
        self.note_label.setText(text.get(lang, "comfort.note"))
        for size, button in self.size_buttons.items():
            button.setText(text.get(lang, _SIZE_KEYS[size]))
        self.default_button.setText(text.get(lang, "comfort.contrast_default"))
        self.high_contrast_button.setText(text.get(lang, "comfort.contrast_high"))
        self.done_button.setText(text.get(lang, "comfort.done"))
        self.narration.retranslate(lang)

    def spoken_text(self) -> str:
        """Its title only: the choices are said one by one as the keys or a touch reach them."""
        return self.title_label.text()

    def show_choices(self, text_size: TextSize, high_contrast: bool) -> None:
        self.size_buttons[text_size].setChecked(True)
        (self.high_contrast_button if high_contrast else self.default_button).setChecked(True)

    def _on_default_button_clicked(self) -> None:
        self.contrast_chosen.emit(False)

    def _on_high_contrast_button_clicked(self) -> None:
        self.contrast_chosen.emit(True)
