"""The volunteer's choice buttons: one-of rows, toggles in a grid, and a tutorial that shows its order.

Every button is a kiosk ``BigButton`` (or ``LayoutButton``) with the role ``choice``, so a
chosen one is filled like the comfort panel's choices, and its words are its accessible name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QSizePolicy, QWidget

from ui.look import theme
from ui.widgets.common import BigButton, LayoutButton, label
from ui.widgets.focus_order import mark

T = TypeVar("T")


def toggle(text: str, help_key: str) -> BigButton:
    """A checkable choice; put it in a row with stretch (``OneOf``, ``grid``) so the row shares out evenly."""
    button = BigButton(text, role="choice", checkable=True)
    # Its width comes from its row's stretch, never under its longest word: by their words alone,
    # "60 and over" took the room "Not asked" needed.
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    button.setSizePolicy(policy)
    mark(button, help_key)
    return button


def grid(buttons: Sequence[QWidget], columns: int) -> QGridLayout:
    """``buttons`` in reading order, ``columns`` to a row, the columns equally wide."""
    layout = QGridLayout()
    layout.setSpacing(theme.SPACING // 2)
    for index, button in enumerate(buttons):
        layout.addWidget(button, index // columns, index % columns)
    for column in range(columns):
        layout.setColumnStretch(column, 1)
    return layout


class OneOf(Generic[T]):
    """A row of choices of which exactly one is chosen (a language, a text size, an age band)."""

    def __init__(self, owner: QWidget) -> None:
        self._group = QButtonGroup(owner)
        self._group.setExclusive(True)
        self.buttons: dict[T, BigButton] = {}
        self.row = QHBoxLayout()
        self.row.setSpacing(theme.SPACING // 2)

    def add(self, value: T, text: str, help_key: str) -> BigButton:
        button = toggle(text, help_key)
        self._group.addButton(button)
        self.row.addWidget(button, 1)
        self.buttons[value] = button
        return button

    def choose(self, value: T) -> None:
        self.buttons[value].setChecked(True)

    @property
    def value(self) -> T:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        raise LookupError("nothing is chosen")


class TutorialChoice(LayoutButton):
    """A tutorial to add to the session: its order number ("1", "2"…) beside its title once chosen."""

    def __init__(self, tutorial_id: str, title: str, *, parent: QWidget | None = None) -> None:
        super().__init__("choice", checkable=True, parent=parent)
        self.tutorial_id = tutorial_id
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        pad = theme.BUTTON_PADDING
        row.setContentsMargins(pad + theme.BORDER, pad, pad + theme.BORDER, pad)
        row.setSpacing(theme.SPACING // 2)
        self.number_label = label("", "order-number", centred=True, parent=self)
        self.title_label = label(title, "choice-label", parent=self)
        for child in (self.number_label, self.title_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(self.number_label)
        row.addWidget(self.title_label, 1)
        self.order: int | None = None
        self.setAccessibleName(title)

    def text(self) -> str:
        return self.title_label.text()

    def show_order(self, order: int | None, name: str) -> None:
        """Show ``order`` (1-based; None when not chosen) and say it in the accessible ``name``."""
        self.order = order
        self.number_label.setText("" if order is None else str(order))
        self.setChecked(order is not None)
        self.setAccessibleName(name)
