"""The reference language every text falls back to, and the one table of language names.

Vietnamese is the reference: every text the kiosk shows, prints or exports exists in
Vietnamese, and a text missing in another language is taken from it (``kiosk.i18n``,
``kiosk.content.ui_texts``, the handout words, the tutorials). A language's name written in
itself ("Tiếng Việt", "English") comes from its own UI text file (``language.name``), so a
language added by an organiser names itself; the names here are what other texts call it:
English in the content checker's messages, Vietnamese in the commune report. An unknown
code is shown as the code.

Standard library only: the content cache's start-up path imports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from kiosk.record import Record, set_field

REFERENCE_LANGUAGE = "vi"


@dataclass(frozen=True, init=False, repr=False, eq=False)
class LanguageNames(Record):
    """A language's name in English and in Vietnamese (written as ``kiosk.record`` says)."""

    english: str
    vietnamese: str

    def __init__(self, english: str, vietnamese: str) -> None:
        set_field(self, "english", english)
        set_field(self, "vietnamese", vietnamese)


NAMES: Mapping[str, LanguageNames] = MappingProxyType(
    {
        "vi": LanguageNames("Vietnamese", "Tiếng Việt"),
        "en": LanguageNames("English", "Tiếng Anh"),
        "hmn": LanguageNames("Hmong", "Tiếng H'Mông"),
        "th": LanguageNames("Thai", "Tiếng Thái"),
        "dao": LanguageNames("Dao", "Tiếng Dao"),
    }
)


def english_name(code: str) -> str:
    """The language's name in English ("Vietnamese"), for the content checker's messages."""
    names = NAMES.get(code)
    return names.english if names is not None else code


def vietnamese_name(code: str) -> str:
    """The language's name in Vietnamese ("Tiếng Anh"), for the commune report."""
    names = NAMES.get(code)
    return names.vietnamese if names is not None else code
