"""Keys on the screen for a line of text: a kiosk has a touchscreen and often no keyboard.

Used by the "Record voices" page for a checker's short nickname ("TNV Lan B") and a language's
ISO 639-3 code. Letters, digits, a capital key, space and delete; each key types into the
``QLineEdit`` it serves, which keeps the focus (a plugged-in keyboard types there as well).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ui.look import theme
from ui.widgets.common import BigButton

DIGITS = "1234567890"
LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
KEY_SIZE = 66


class TouchKeys(QWidget):
    # Something was typed or deleted (the page clears its message).
    edited = Signal()

    def __init__(
        self,
        target: QLineEdit,
        *,
        shift: str,
        space: str,
        delete: str,
        digits: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._target = target
        self.upper = False
        self.keys: dict[str, BigButton] = {}
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(theme.SPACING // 3)
        for letters in (DIGITS, *LETTER_ROWS) if digits else LETTER_ROWS:
            row = QHBoxLayout()
            row.setSpacing(theme.SPACING // 3)
            row.addStretch(1)
            for letter in letters:
                key = self._key(letter, letter)
                key.clicked.connect(functools.partial(self._type, letter))
                row.addWidget(key)
            row.addStretch(1)
            rows.addLayout(row)
        self.shift_button = self._key("shift", shift, checkable=True)
        self.space_button = self._key("space", space)
        self.delete_button = self._key("delete", delete)
        self.shift_button.toggled.connect(self._on_shift)
        self.space_button.clicked.connect(functools.partial(self._type, " "))
        self.delete_button.clicked.connect(self._delete)
        last = QHBoxLayout()
        last.setSpacing(theme.SPACING // 3)
        last.addStretch(1)
        if digits:
            last.addWidget(self.shift_button)
            last.addWidget(self.space_button, 3)
        else:
            # A language code has lower-case letters only.
            self.shift_button.hide()
            self.space_button.hide()
        last.addWidget(self.delete_button)
        last.addStretch(1)
        rows.addLayout(last)

    def _key(self, name: str, shown: str, *, checkable: bool = False) -> BigButton:
        button = BigButton(shown, role="secondary", checkable=checkable)
        button.setObjectName(f"key-{name}")
        button.setMinimumSize(KEY_SIZE, KEY_SIZE)
        # The field keeps the focus: a tap types where the volunteer is typing.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.keys[name] = button
        return button

    def _type(self, letter: str) -> None:
        self._target.insert(letter.upper() if self.upper else letter)
        if self.upper and letter != " ":
            self.shift_button.setChecked(False)
        self.edited.emit()

    def _delete(self) -> None:
        self._target.backspace()
        self.edited.emit()

    def _on_shift(self, upper: bool) -> None:
        self.upper = upper
        for name, button in self.keys.items():
            if len(name) == 1:
                button.setText(name.upper() if upper else name)
