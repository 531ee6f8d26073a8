"""The bar across the top of every screen: Home on the left, where you are, comfort on the right.

"Cỡ chữ / Tương phản" is here on every screen (start included) so large text or high
contrast is always one tap away; so is the speaker that turns reading aloud on and off
(``ui.widgets.narration_controls.NarrationToggle``, driven by ``ui.narration.control``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.i18n import UiText
from ui.look import theme
from ui.widgets.common import BigButton, label
from ui.widgets.focus_order import mark
from ui.widgets.icons import Icon
from ui.widgets.narration_controls import NarrationToggle


class TopBar(QWidget):
    home_requested = Signal()
    comfort_requested = Signal()

    def __init__(self, ui_text: UiText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.home_button = BigButton(role="nav", icon=Icon.HOME)
        self.comfort_button = BigButton(role="nav", icon=Icon.TEXT_SIZE)
        mark(self.home_button, "help.control.home")
        mark(self.comfort_button, "help.control.comfort")
        self.narration_button = NarrationToggle(ui_text)
        self.title_label = label("", "screen-title", centred=True)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(
            theme.MARGIN, theme.SPACING // 2, theme.MARGIN, theme.SPACING // 2 + theme.BORDER
        )
        row.setSpacing(theme.SPACING)
        row.addWidget(self.home_button)
        row.addWidget(self.title_label, 1)
        row.addWidget(self.narration_button)
        row.addWidget(self.comfort_button)
        self.home_button.clicked.connect(self.home_requested)
        self.comfort_button.clicked.connect(self.comfort_requested)

    def retranslate(self, lang: str) -> None:
        self.home_button.setText(self._ui_text.get(lang, "common.home"))
        self.comfort_button.setText(self._ui_text.get(lang, "common.comfort"))
        self.narration_button.retranslate(lang)

    def set_title(self, text: str) -> None:
        self.title_label.setText(text)

    def set_home_visible(self, visible: bool) -> None:
        # Keep the place so the comfort button never jumps around between screens.
        policy = self.home_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.home_button.setSizePolicy(policy)
        self.home_button.setVisible(visible)
