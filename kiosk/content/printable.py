"""File names and texts from a stick, made safe to print on a terminal or a screen.

A stick can carry a file named with escape sequences (clearing the organiser's terminal,
renaming its window) or a newline that fakes a ``file:line: error:`` line, or right-to-left
marks that make a name read backwards. Every such character is shown as a ``\\xNN`` /
``\\uNNNN`` escape instead, so what is printed is exactly what is on the stick.
"""

from __future__ import annotations

import unicodedata

# Control characters (Cc), format characters such as bidi overrides and zero-width spaces
# (Cf), and line or paragraph separators (Zl, Zp).
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def is_hidden_character(character: str) -> bool:
    """Whether ``character`` changes how a terminal or a line of text shows what follows."""
    return unicodedata.category(character) in _HIDDEN_CATEGORIES


def has_hidden_characters(text: str) -> bool:
    return any(is_hidden_character(character) for character in text)


def printable(text: str) -> str:
    """``text`` with every hidden character written as an escape (``\\x1b``, ``\\u202e``)."""
    if not has_hidden_characters(text):
        return text
    return "".join(ascii(ch)[1:-1] if is_hidden_character(ch) else ch for ch in text)
