"""The volunteer's bar under the visitor's screens during a guided session.

It says where the session is ("guide 1 of 2"), lets the volunteer jump the open tutorial to
any step, hold the idle timer while the visitor works on their own phone, and end the session.
The step buttons wrap onto a second row rather than scroll: every step stays one tap away,
with no swipe and no scroll bar. At the kiosk's 1366 px and 64 px targets twelve steps take
one row; on a denser screen (larger targets in pixels) or with more steps they wrap. The bar
keeps the volunteer's look (normal text, default colours) whatever the visitor chose, so its
size does not change during a session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from ui.guided import look
from ui.guided.flow import FlowLayout
from ui.look import theme
from ui.widgets.common import BigButton, label
from ui.widgets.focus_order import mark


class VolunteerBar(QWidget):
    # The 0-based step the volunteer tapped.
    step_chosen = Signal(int)
    # True: the idle timer is to be held; False: it runs again.
    pause_toggled = Signal(bool)
    end_requested = Signal()

    def __init__(self, ui_text: UiText, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(look.BAR_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(look.volunteer_stylesheet(self.screen().physicalDotsPerInch()))
        self._ui_text = ui_text
        self._lang = lang
        self.step_buttons: list[BigButton] = []
        self._steps_group = QButtonGroup(self)
        self._steps_group.setExclusive(True)

        self.position_label = label("", "bar-position")
        self.steps = QWidget()
        self.steps_layout = FlowLayout(look.STEP_SPACING, self.steps)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.steps.setSizePolicy(policy)
        self.pause_button = BigButton(self._t("guided.bar.pause"), role="choice", checkable=True)
        self.end_button = BigButton(self._t("guided.bar.end"), role="secondary")
        for button in (self.pause_button, self.end_button):
            button.set_emphasis("compact")
            button.setMaximumWidth(look.BAR_BUTTON_MAX_WIDTH)
        mark(self.pause_button, "help.control.guided.pause")
        mark(self.end_button, "help.control.guided.end")
        self.pause_button.clicked.connect(self._on_pause_button_clicked)
        self.end_button.clicked.connect(self.end_requested)

        # Where the session is, over its steps: beside them it took the room of two step buttons.
        where = QVBoxLayout()
        where.setSpacing(look.STEP_SPACING)
        where.addWidget(self.position_label)
        where.addWidget(self.steps)
        row = QHBoxLayout(self)
        row.setContentsMargins(
            theme.MARGIN, theme.SPACING // 3 + theme.BORDER, theme.MARGIN, theme.SPACING // 2
        )
        row.setSpacing(theme.SPACING)
        row.addLayout(where, 1)
        row.addWidget(self.pause_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignVCenter)

    # -- public ------------------------------------------------------------------------
    def show_position(self, index: int, count: int) -> None:
        """The session is at its ``index``-th tutorial (0-based) of ``count``."""
        self.position_label.setText(self._t("guided.bar.position", n=index + 1, total=count))

    def show_steps(self, step_count: int, current_index: int) -> None:
        """One button per step of the open tutorial, the shown one (0-based) checked."""
        if step_count != len(self.step_buttons):
            self._make_steps(step_count)
        if 0 <= current_index < step_count:
            self.step_buttons[current_index].setChecked(True)

    def set_paused(self, paused: bool) -> None:
        """Show whether the idle timer is held (without announcing ``pause_toggled``)."""
        self.pause_button.setChecked(paused)

    def reset(self) -> None:
        """Nothing of the last session: no position, no steps, the timer running."""
        self.position_label.setText("")
        self._make_steps(0)
        self.set_paused(False)

    # -- helpers -----------------------------------------------------------------------
    def _make_steps(self, count: int) -> None:
        for button in self.step_buttons:
            self._steps_group.removeButton(button)
            self.steps_layout.removeWidget(button)
            # Hidden but still parented until deleted: a parentless widget would become a window.
            button.hide()
            button.deleteLater()
        self.step_buttons = []
        for index in range(count):
            button = BigButton(str(index + 1), role="choice", checkable=True, parent=self.steps)
            # Narrow sides, so "12" is as wide as "1": every step the smallest target allowed.
            inner = button.layout()
            if inner is not None:
                margins = inner.contentsMargins()
                inner.setContentsMargins(theme.BORDER, margins.top(), theme.BORDER, margins.bottom())
            # "3" alone says little aloud: the name says it is a step.
            button.setAccessibleName(self._t("guided.bar.step", n=index + 1))
            mark(button, "help.control.guided.step")
            button.clicked.connect(lambda _checked=False, chosen=index: self.step_chosen.emit(chosen))
            self._steps_group.addButton(button)
            self.steps_layout.addWidget(button)
            self.step_buttons.append(button)
            if self.isVisible():
                button.show()
        self.steps.updateGeometry()

    def _on_pause_button_clicked(self, checked: bool) -> None:
        self.pause_toggled.emit(checked)

    def _t(self, key: str, **fmt: object) -> str:
        return self._ui_text.get(self._lang, key, **fmt)
