"""The practice keyboard, drawn like a phone's: letters, ⇧ for a capital, ?123 for digits and
symbols, ⌫ to take back a character. Only the model: which keys show, and what a press types.

What is typed lives only here, in memory, while the step is on screen; nothing keeps it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

SHIFT = "⇧"
BACKSPACE = "⌫"
SYMBOLS = "?123"
LETTERS = "ABC"
SPACE = " "

_LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_SYMBOL_ROWS = ("1234567890", "@#$_&-+()/", "*\"':;!?.,")
_DIGIT_ROWS = ("123" + BACKSPACE, "4560", "789")


class Layer(enum.Enum):
    LETTERS = "letters"
    SYMBOLS = "symbols"
    # A number pad only (an ID number, a code): what a phone shows for a number field.
    DIGITS = "digits"


@dataclass
class PracticeKeyboard:
    """What the visitor typed and which keys show; ``max_length`` caps the text."""

    layer: Layer = Layer.LETTERS
    max_length: int = 20
    text: str = ""
    # ⇧ was pressed: the next letter is a capital (then it turns off, as on a phone).
    shift: bool = False

    @property
    def digits_only(self) -> bool:
        return self.layer is Layer.DIGITS

    def rows(self) -> list[list[str]]:
        """The keys of the shown layer, row by row (the special keys in their places)."""
        if self.layer is Layer.DIGITS:
            # Three rows of four (a screen's number pad), so it fits beside the phone at any size.
            return [list(row) for row in _DIGIT_ROWS]
        if self.layer is Layer.SYMBOLS:
            rows = [list(row) for row in _SYMBOL_ROWS]
            rows[-1].append(BACKSPACE)
            return [*rows, [LETTERS, SPACE]]
        letters = [list(row.upper() if self.shift else row) for row in _LETTER_ROWS]
        letters[-1] = [SHIFT, *letters[-1], BACKSPACE]
        return [*letters, [SYMBOLS, SPACE]]

    def press(self, key: str) -> str:
        """Press ``key`` (as ``rows`` names it); the text after it."""
        if key == BACKSPACE:
            self.text = self.text[:-1]
        elif key == SHIFT:
            self.shift = not self.shift
        elif key == SYMBOLS and not self.digits_only:
            self.layer = Layer.SYMBOLS
        elif key == LETTERS and not self.digits_only:
            self.layer = Layer.LETTERS
        elif len(key) == 1 and len(self.text) < self.max_length:
            if self.digits_only and not key.isdigit():
                return self.text
            if key.isalpha() and self.layer is Layer.LETTERS:
                key = key.upper() if self.shift else key.lower()
                self.shift = False
            self.text += key
        return self.text

    def type_text(self, text: str) -> str:
        """Type ``text`` as a visitor would, key by key (⇧ before each capital, ?123 and back for
        symbols): for showing a right answer and for tests."""
        for char in text:
            if self.digits_only:
                self.press(char)
                continue
            if char.isalpha():
                if self.layer is not Layer.LETTERS:
                    self.press(LETTERS)
                if char.isupper() != self.shift:
                    self.press(SHIFT)
                self.press(char)
            elif char == SPACE:
                self.press(SPACE)
            else:
                if self.layer is not Layer.SYMBOLS:
                    self.press(SYMBOLS)
                self.press(char)
        return self.text

    def clear(self) -> None:
        self.text = ""
        self.shift = False
