"""The step's phone picture enlarged to the window's full height, so its small words can be read.

A tap on the step's picture (or Enter on it, with the keys) opens it; a second tap on the picture,
the Close button beside it, Back or Escape closes it, and the step is as it was. The ring stays
around the part to tap: the whole phone is shown, so the ringed part is always in sight.

It is drawn over the whole window as the overlays are (ui/overlays/overlay.py), and follows the
window's size; the keys reach its controls because it covers the window
(``ui.widgets.focus_order.cover_of``), so Back and Escape press its Close button.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from ui.look import theme
from ui.look.theme import Palette
from ui.widgets.common import BigButton, label
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon
from ui.widgets.step_picture import StepPicture


class PictureZoom(QWidget):
    def __init__(self, ui_text: UiText, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("PictureZoom")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        parent.installEventFilter(self)
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self.picture = StepPicture()
        self.picture.clicked.connect(self.hide)
        mark(self.picture, "help.control.picture_close")
        self.hint_label = label("", "body")
        self.close_button = BigButton(role="primary", icon=Icon.BACK)
        self.close_button.clicked.connect(self.hide)
        mark(self.close_button, "help.control.picture_close", KeyRole.CLOSE, main=True)
        self.setProperty(HELP_KEY, "help.screen.picture")
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, theme.MARGIN, 0, theme.MARGIN)
        column.setSpacing(theme.SPACING)
        column.addStretch(1)
        column.addWidget(self.hint_label)
        column.addWidget(self.close_button)
        self._side = side
        row = QHBoxLayout(self)
        row.setContentsMargins(theme.MARGIN, 0, theme.MARGIN, 0)
        row.setSpacing(theme.MARGIN)
        row.addStretch(1)
        row.addWidget(self.picture)
        row.addWidget(side, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        self.hide()

    def show_picture(
        self, image: Path, highlight: str, missing_text: str, palette: Palette, lang: str
    ) -> None:
        """Open over the whole window with ``image`` (and its ring) as tall as the window."""
        self._lang = lang
        self.picture.set_palette(palette)
        self.picture.set_step(image, highlight, missing_text)
        text = self._ui_text
        self.picture.setText(text.get(lang, "player.picture_close"))
        self.picture.setAccessibleName(text.get(lang, "player.picture_close"))
        self.hint_label.setText(text.get(lang, "player.picture_hint"))
        self.close_button.setText(text.get(lang, "player.picture_close"))
        self._fit_window()
        self.show()
        self.raise_()
        self._size_picture()

    def spoken_text(self) -> str:
        return self.hint_label.text()

    def release(self) -> None:
        """The visit is over: close, and free the picture."""
        self.hide()
        self.picture.release()

    def _fit_window(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit_window()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_picture()

    def _size_picture(self) -> None:
        # The phone takes the window's whole height; the words and Close sit beside it.
        height = self.height()
        width = min(self.picture.width_for_height(height), self.width() // 2)
        self.picture.setFixedSize(width, height)
        self._side.setMaximumWidth(max(self.width() - width - 4 * theme.MARGIN, 0))
