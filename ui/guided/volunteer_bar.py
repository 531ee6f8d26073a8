"""The volunteer's bar under the visitor's screens during a guided session.

It says where the session is ("guide 1 of 2"), lets the volunteer jump the open tutorial to
any step, hold the idle timer while the visitor works on their own phone (saying plainly that
it is held, and for how long), and end the session. Everything is one slim row, one target
high, so the phone picture above keeps most of its size: the position and the pause state
are two short lines beside the steps. The step buttons wrap onto a second row rather than
scroll: every step stays one tap away, with no swipe and no scroll bar. At the kiosk's 1366 px
and 64 px targets ten steps take one row (the shipped guides have at most nine); on a denser
screen or with more steps they wrap. The bar keeps the volunteer's look (normal text, default
colours) whatever the visitor chose, so its size does not change during a session.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from ui.guided import look
from ui.guided.flow import FlowLayout
from ui.look import theme
from ui.widgets.common import BigButton, label
from ui.widgets.focus_order import mark
from ui.widgets.icons import Icon


class VolunteerBar(QWidget):
    # The 0-based step the volunteer tapped.
    step_chosen = Signal(int)
    # True: the idle timer is to be held; False: it runs again.
    pause_toggled = Signal(bool)
    end_requested = Signal()
    # The volunteer starts practice ("Try it") of the open tutorial for the visitor.
    practice_requested = Signal()

    def __init__(
        self,
        ui_text: UiText,
        lang: str,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(look.BAR_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(look.volunteer_stylesheet(self.screen().physicalDotsPerInch()))
        self._ui_text = ui_text
        self._lang = lang
        self.step_buttons: list[BigButton] = []
        self._steps_group = QButtonGroup(self)
        self._steps_group.setExclusive(True)

        self._clock = clock
        self._paused_at: float | None = None
        self.position_label = label("", "bar-position")
        # "Paused — 03:12": how long the idle timer has been held, counted every second.
        self.paused_label = label("", "bar-paused")
        self.paused_label.hide()
        self._pause_clock = QTimer(self)
        self._pause_clock.setInterval(1000)
        self._pause_clock.timeout.connect(self._show_pause)
        self.steps = QWidget()
        self.steps_layout = FlowLayout(look.STEP_SPACING, self.steps)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.steps.setSizePolicy(policy)
        self.pause_button = BigButton(self._t("guided.bar.pause"), role="choice", checkable=True)
        self.end_button = BigButton(self._t("guided.bar.end"), role="secondary")
        # The hand alone (its name for touch and hear and Help): the steps keep their one row.
        self.practice_button = BigButton(role="secondary", icon=Icon.TOUCH)
        self.practice_button.setAccessibleName(self._t("practice.try"))
        self.practice_button.setToolTip(self._t("practice.try"))
        mark(self.practice_button, "help.control.practice")
        self.practice_button.clicked.connect(self.practice_requested)
        self.practice_button.hide()
        self.steps.installEventFilter(self)
        self._practice_wraps: tuple[object, ...] = ()
        self._steps_pending = False
        for button in (self.pause_button, self.end_button, self.practice_button):
            button.set_emphasis("compact")
        mark(self.pause_button, "help.control.guided.pause")
        mark(self.end_button, "help.control.guided.end")
        self.pause_button.clicked.connect(self._on_pause_button_clicked)
        self.end_button.clicked.connect(self.end_requested)

        # Where the session is, and whether the timer is held, in two short lines beside the steps.
        where = QVBoxLayout()
        where.setSpacing(0)
        where.addStretch(1)
        where.addWidget(self.position_label)
        where.addWidget(self.paused_label)
        where.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(
            look.BAR_MARGIN, look.BAR_PADDING + theme.BORDER, look.BAR_MARGIN, look.BAR_PADDING
        )
        row.setSpacing(look.BAR_GAP)
        row.addLayout(where)
        row.addWidget(self.steps, 1, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.practice_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.pause_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignVCenter)

    # -- public ------------------------------------------------------------------------
    def show_position(self, index: int, count: int) -> None:
        """The session is at its ``index``-th tutorial (0-based) of ``count``."""
        self.position_label.setText(self._t("guided.bar.position", n=index + 1, total=count))
        self._fit_practice()

    def show_steps(self, step_count: int, current_index: int) -> None:
        """One button per step of the open tutorial, the shown one (0-based) checked."""
        if step_count != len(self.step_buttons):
            # Fitted once they are all made (each new step resizes the row on its way).
            self._steps_pending = True
            self._make_steps(step_count)
            self._steps_pending = False
        if 0 <= current_index < step_count:
            self.step_buttons[current_index].setChecked(True)
        self._fit_practice()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_practice()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The steps' room changes with the words beside them (the position, "Paused").
        if watched is self.steps and event.type() == QEvent.Type.Resize:
            self._fit_practice()
        return super().eventFilter(watched, event)

    def _fit_practice(self) -> None:
        """The "Try it" button shows only while the steps keep their one row beside it."""
        button = self.practice_button
        row = self.layout()
        if row is None or self.width() <= 0 or self._steps_pending:
            return
        steps = [step.sizeHint().width() for step in self.step_buttons]
        one_row = sum(steps) + look.STEP_SPACING * max(len(steps) - 1, 0)
        margins = row.contentsMargins()
        # Measured from what does not move (the bar's width and its other parts' sizes), so
        # showing or hiding the button never changes the answer.
        where = row.itemAt(0)
        others = [where.sizeHint().width() if where is not None else 0]
        others += [self.pause_button.sizeHint().width(), self.end_button.sizeHint().width()]
        room = self.width() - margins.left() - margins.right() - sum(others) - 3 * look.BAR_GAP
        # What the room depends on: once the steps wrapped beside the button, it stays hidden for it.
        key = (self.width(), len(steps), self.position_label.text(), self.paused_label.isVisibleTo(self))
        if button.isVisibleTo(self) and self.steps_layout.rows() > 1:
            self._practice_wraps = key
        # A step's width to spare: the words beside the steps change ("Paused — 03:12").
        spare = theme.MIN_TARGET_PX + look.STEP_SPACING
        wide = room - button.sizeHint().width() - look.BAR_GAP - spare >= one_row
        # Only with a tutorial open (its steps shown): it is that tutorial the visitor practises.
        visible = bool(steps) and wide and key != self._practice_wraps
        if visible != button.isVisibleTo(self):
            button.setVisible(visible)

    def set_paused(self, paused: bool) -> None:
        """Show whether the idle timer is held (without announcing ``pause_toggled``)."""
        self.pause_button.setChecked(paused)
        self._show_paused(paused)

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
        self._show_paused(checked)
        self.pause_toggled.emit(checked)

    def _show_paused(self, paused: bool) -> None:
        """Held: "Paused — 00:00" counting up, and the button says how to go on; else as before."""
        if paused and self._paused_at is None:
            self._paused_at = self._clock()
            self._pause_clock.start()
        elif not paused:
            self._paused_at = None
            self._pause_clock.stop()
        self.pause_button.setText(self._t("guided.bar.resume" if paused else "guided.bar.pause"))
        self.paused_label.setVisible(paused)
        self._show_pause()
        self._fit_practice()

    def _show_pause(self) -> None:
        if self._paused_at is None:
            self.paused_label.setText("")
            return
        seconds = max(0, int(self._clock() - self._paused_at))
        minutes, seconds = divmod(seconds, 60)
        self.paused_label.setText(self._t("guided.bar.paused", time=f"{minutes:02d}:{seconds:02d}"))

    def _t(self, key: str, **fmt: object) -> str:
        return self._ui_text.get(self._lang, key, **fmt)
