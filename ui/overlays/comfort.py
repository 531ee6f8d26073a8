"""Text size, contrast and reading aloud, one tap from every screen, for this visit only.

Each choice takes effect at once: the colours change on the panel itself, and the chosen size
shows as the filled button (its "Aa" drawn at that size) and on every screen after "Done".
The reading-aloud section (``ui.widgets.narration_controls``) is driven by
``ui.narration.control``, which knows the narrator.

The panel's own words keep one size whatever text size is chosen, so no button moves under the
visitor's finger: tapping "Rất lớn" used to push "Tương phản cao" some 90 px down, and the next
tap landed on nothing. That size comes from the window's height (larger on a larger screen),
the largest that shows every row without scrolling; each section's name stands to the left of
its buttons, so the rows fit a 1366×768 screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from kiosk.visit.session import TextSize
from ui.look import theme
from ui.overlays.overlay import Overlay
from ui.widgets.common import BigButton, bar, label
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon
from ui.widgets.narration_controls import NarrationSection

_SIZE_KEYS = {
    TextSize.NORMAL: "comfort.size_normal",
    TextSize.LARGE: "comfort.size_large",
    TextSize.EXTRA_LARGE: "comfort.size_extra_large",
}

# The panel's button words in px on a window 768 px high (the commonest kiosk laptop), the
# largest tried first; other heights scale it. Every size the visitor can choose is bigger than
# normal text's (FONT_BUTTON), and the top bar's words at the largest text are this size.
_BUTTON_PX_AT_768 = (36, 34, 32, 30, 28)
_REFERENCE_HEIGHT = 768
# The other words of the panel, relative to its button words (as in ui/look/theme.py).
_TITLE_RATIO = theme.FONT_HEADING / theme.FONT_BUTTON
_BODY_RATIO = theme.FONT_BODY / theme.FONT_BUTTON
_NOTE_RATIO = theme.FONT_SMALL / theme.FONT_BUTTON
# The column of section names ("Text size", "Screen colours", "Read aloud"), of the panel's width.
_NAME_COLUMN_SHARE = 0.2


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

        self.narration.title_label.hide()
        self.narration_label = label("", "section")
        self.content = QWidget()
        grid = QGridLayout(self.content)
        grid.setContentsMargins(theme.MARGIN * 2, theme.SPACING, theme.MARGIN * 2, theme.SPACING)
        grid.setHorizontalSpacing(theme.SPACING * 2)
        grid.setVerticalSpacing(theme.SPACING)
        grid.addWidget(self.title_label, 0, 0, 1, 2)
        top = Qt.AlignmentFlag.AlignTop
        for row, (name, choices) in enumerate(
            ((self.size_label, size_row), (self.contrast_label, contrast_row)), start=1
        ):
            grid.addWidget(name, row, 0, top)
            grid.addLayout(choices, row, 1)
        grid.addWidget(self.narration_label, 3, 0, top)
        grid.addWidget(self.narration, 3, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)
        self._names = (self.size_label, self.contrast_label, self.narration_label)
        for name in self._names:
            # Level with the words of the buttons beside it.
            name.setContentsMargins(0, theme.BUTTON_PADDING + theme.BORDER, 0, 0)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.content, 1)
        self.note_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        outer.addWidget(bar("BottomBar", self.note_label, self.done_button))
        self.button_px = 0
        self._fitted_for: tuple[int, int, str, bool] | None = None
        # A note on reading aloud (no voice, no sound) takes a row: fit the words again.
        self.narration.note_label.installEventFilter(self)

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
        self.narration_label.setText(text.get(lang, "narration.toggle"))
        self.note_label.setText(text.get(lang, "comfort.note"))
        for size, button in self.size_buttons.items():
            button.setText(text.get(lang, _SIZE_KEYS[size]))
        self.default_button.setText(text.get(lang, "comfort.contrast_default"))
        self.high_contrast_button.setText(text.get(lang, "comfort.contrast_high"))
        self.done_button.setText(text.get(lang, "comfort.done"))
        self.narration.retranslate(lang)
        self.fit_words()

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_words()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_words()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.narration.note_label and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.fit_words()
        return super().eventFilter(watched, event)

    def fit_words(self) -> None:
        """The largest words for this window with which every row shows, whatever text size is chosen."""
        width, height = self.width(), self.height()
        state = (width, height, self.title_label.text(), self.narration.note_label.isVisibleTo(self))
        if not self.isVisible() or state == self._fitted_for or width <= 0 or height <= 0:
            return
        self._fitted_for = state
        for name in self._names:
            name.setFixedWidth(round(width * _NAME_COLUMN_SHARE))
        factor = height / _REFERENCE_HEIGHT
        candidates = [max(1, round(px * factor)) for px in _BUTTON_PX_AT_768]
        for button_px in candidates:
            self._use_words(button_px)
            if self._all_shown():
                return

    def _use_words(self, button_px: int) -> None:
        if button_px == self.button_px:
            return
        self.button_px = button_px
        title = round(button_px * _TITLE_RATIO)
        body = round(button_px * _BODY_RATIO)
        note = round(button_px * _NOTE_RATIO)
        # Set on the panel, these win over the window's sheet (which follows the chosen text size)
        # for everything inside it; colours, borders and targets still come from the window's.
        self.setStyleSheet(
            f"""
QLabel[role="screen-title"] {{ font-size: {title}px; }}
QLabel[role="section"] {{ font-size: {button_px}px; }}
QLabel[role="body"] {{ font-size: {body}px; }}
QLabel[role="muted"] {{ font-size: {note}px; }}
*[role="choice-label"], *[role="primary-label"], *[role="secondary-label"] {{ font-size: {button_px}px; }}
"""
        )

    def _all_shown(self) -> bool:
        """Every word and button inside the panel has the height it needs at its width."""
        layout = self.layout()
        assert layout is not None
        layout.activate()
        for child in self.findChildren(QWidget):
            if not child.isVisibleTo(self) or not child.hasHeightForWidth():
                continue
            if child.height() + 1 < child.heightForWidth(child.width()):
                return False
        return True
