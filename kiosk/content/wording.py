"""How a tutorial's words are said aloud and read: pronunciation, sentence length, glossary.

One place for the rules, shared by narration (``kiosk.narration.speech``), ``kiosk content
spoken`` and ``kiosk content check``:

- ``spoken_form``: the words the voice says for a text, once the pack's pronunciation list is
  applied (whole words, case-sensitive: "BHYT" -> "bảo hiểm y tế") and dates (d/m/yyyy) and
  long runs of digits (phone and ID numbers) are written out;
- ``unpronounced_abbreviations``: words of 2+ capitals the voice would guess at;
- ``long_sentences``: sentences over ``MAX_SYLLABLES`` (one action per sentence, short);
- ``variant_uses`` and ``glossary_for``: the glossary's names for one idea.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from kiosk.content.glossary_entry import GlossaryEntry

# A sentence longer than this is hard to hold in mind for a first-time reader.
MAX_SYLLABLES = 25

_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# d/m/yyyy (also d-m-yyyy), optionally after the word for "day" already written.
_DATE = re.compile(r"(?<![\w/])(?:(ngày|on) )?(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])")
# Five or more digits in one run (an ID or phone number, a code): said digit by digit.
_DIGIT_RUN = re.compile(r"(?<![\d.,])\d{5,}(?![.,]?\d)")
# Groups of 3+ digits separated by single spaces ("1900 0368", "0912 345 678"): a number to dial.
_DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{3,}(?: \d{3,})+(?![.,]?\d)")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+", re.IGNORECASE)


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }".replace(" ", "")


def _say_date(match: re.Match[str], language: str) -> str:
    before, day_text, month_text, year = match.groups()
    day, month = int(day_text), int(month_text)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    if language == "en":
        said = f"the {_ordinal(day)} of {_EN_MONTHS[month - 1]} {year}"
        return f"{before} {said}" if before else said
    if language == "vi":
        return f"ngày {day} tháng {month} năm {year}"
    return match.group(0)


def _digits(match: re.Match[str]) -> str:
    return " ".join(ch for ch in match.group(0) if ch.isdigit())


def _whole_words(keys: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every key, the longest first, matched only as a whole word."""
    ordered = sorted(set(keys), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(key) for key in ordered) + r")(?![\w])")


def apply_pronunciation(text: str, pronunciation: Mapping[str, str]) -> str:
    """Every written word of the list replaced by its spoken words (whole words, case-sensitive)."""
    pattern = _whole_words(pronunciation)
    if pattern is None:
        return text
    return pattern.sub(lambda match: pronunciation[match.group(0)], text)


def spoken_form(text: str, pronunciation: Mapping[str, str], language: str) -> str:
    """What the voice says for ``text`` in ``language``: the pack's list, then dates and long numbers."""
    said = apply_pronunciation(text, pronunciation)
    said = _DATE.sub(lambda match: _say_date(match, language), said)
    said = _DIGIT_GROUPS.sub(
        lambda match: _digits(match) if _count_digits(match) >= 7 else match.group(0), said
    )
    return _DIGIT_RUN.sub(_digits, said)


def _count_digits(match: re.Match[str]) -> int:
    return sum(ch.isdigit() for ch in match.group(0))


def unpronounced_abbreviations(text: str, pronunciation: Mapping[str, str]) -> list[str]:
    """Words with two or more capitals ("NFC", "VNeID") that the pronunciation list does not cover."""
    rest = apply_pronunciation(text, dict.fromkeys(pronunciation, " "))
    found: list[str] = []
    for match in _WORD.finditer(rest):
        word = match.group(0)
        if sum(ch.isupper() for ch in word) >= 2 and word not in found:
            found.append(word)
    return found


def sentences(text: str) -> list[str]:
    """The sentences of a text, cut after ".", "!", "?" or "…" followed by a space."""
    return [part.strip() for part in _SENTENCE_END.split(" ".join(text.split())) if part.strip()]


def syllables(sentence: str, language: str) -> int:
    """Vietnamese (and by default): one syllable per written word; English: vowel groups per word."""
    words = _WORD.findall(sentence)
    if language != "en":
        return len(words)
    count = 0
    for word in words:
        groups = len(_VOWEL_GROUPS.findall(word))
        # A silent final "e" ("make", "use") is no syllable of its own.
        if groups > 1 and word.lower().endswith("e") and not word.lower().endswith(("le", "ee")):
            groups -= 1
        count += max(1, groups)
    return count


def long_sentences(text: str, language: str, limit: int = MAX_SYLLABLES) -> list[tuple[str, int]]:
    """Each sentence of ``text`` longer than ``limit`` syllables, with its count."""
    counted = ((sentence, syllables(sentence, language)) for sentence in sentences(text))
    return [(sentence, count) for sentence, count in counted if count > limit]


def _phrase(words: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + re.escape(words) + r"(?![\w])", re.IGNORECASE)


def uses(text: str, words: str) -> bool:
    """Whether ``words`` occur in ``text`` as a whole phrase (any case)."""
    return _phrase(words).search(text) is not None


@dataclass(frozen=True)
class VariantUse:
    """A glossary variant found in a text: ``variant`` is another name for ``entry.term``."""

    entry: GlossaryEntry
    variant: str


def variant_uses(text: str, glossary: Iterable[GlossaryEntry]) -> Iterator[VariantUse]:
    """The glossary variants ``text`` uses (each names an idea the glossary calls by its term)."""
    for entry in glossary:
        for variant in entry.variants:
            if uses(text, variant):
                yield VariantUse(entry, variant)


def glossary_for(text: str, glossary: Iterable[GlossaryEntry]) -> tuple[GlossaryEntry, ...]:
    """The glossary entries whose term (or a variant of it) ``text`` uses, in glossary order."""
    return tuple(
        entry for entry in glossary if any(uses(text, words) for words in (entry.term, *entry.variants))
    )
