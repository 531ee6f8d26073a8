"""The handout's fixed words ("Bước", "Quét mã để mở …", the footer), one YAML file per language.

They live in ``content/handouts/<lang>.yaml`` under a ``handout:`` key, so a translator adds a
language the same way as for the UI text, and the section can later move into the UI
catalogue unchanged. They are read by the same reader as the UI text
(``kiosk.content.ui_texts.read_translations``) with the same fallback rule: Vietnamese is the
reference and must be complete; a word missing or broken in another language is printed in
Vietnamese and reported once in the log, so a half-translated file never leaves a blank on
paper.
"""

from __future__ import annotations

import datetime
import logging
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from kiosk.content.model import Check, CheckLevel
from kiosk.content.ui_texts import Translations, read_translations
from kiosk.languages import REFERENCE_LANGUAGE
from kiosk.system import paths

log = logging.getLogger(__name__)

# Fallback reports already logged, so printing many handouts does not repeat them.
_reported: set[str] = set()
SECTION = "handout"

# The placeholders each word must carry; anything else is a translation slip.
_PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "step": frozenset({"number"}),
    "date": frozenset({"date"}),
    "checked_desk": frozenset({"date"}),
    "checked_phone": frozenset({"app", "app_version", "date"}),
}
# The old one-size claim ("checked against the real service"), said of every tutorial whatever was done.
OLD_CLAIM_KEY = "checked"


class HandoutWordsError(Exception):
    """The Vietnamese handout words cannot be used, so no handout can be printed."""


def words_dir() -> Path:
    return paths.content_dir() / "handouts"


@dataclass(frozen=True)
class HandoutWords:
    """Every fixed word of a handout in one language, already NFC."""

    language: str
    step: str
    date: str
    # What was done to check a tutorial, by its check level: written from guides, or tried on a phone.
    checked_desk: str
    checked_phone: str
    remember: str
    scan: str
    situation: str
    answer: str
    safe: str
    scam: str
    why: str
    footer: str
    # The take-home sheet of a guided session ("Continue at home").
    take_home: str
    done: str
    not_finished: str
    next: str

    def step_label(self, number: int) -> str:
        return self.step.format(number=number)

    def date_line(self, day: datetime.date) -> str:
        return self.date.format(date=_day(day))

    def check_line(self, check: Check) -> str:
        """What was done to check the tutorial, and when: never more than its check level says."""
        if check.level is CheckLevel.PHONE:
            return self.checked_phone.format(
                app=check.app, app_version=check.app_version, date=_day(check.date)
            )
        return self.checked_desk.format(date=_day(check.date))

    @classmethod
    def load(cls, language: str, folder: Path | None = None) -> HandoutWords:
        """The words in ``language``, each missing or broken one taken from Vietnamese."""
        folder = folder if folder is not None else words_dir()
        translations = read_translations(folder, languages={REFERENCE_LANGUAGE, language})
        reference_path = folder / f"{REFERENCE_LANGUAGE}.yaml"
        if REFERENCE_LANGUAGE not in translations.texts:
            found = translations.problems_of(REFERENCE_LANGUAGE)
            why = "; ".join(problem.message for problem in found) or "the file is missing"
            raise HandoutWordsError(f"{reference_path}: {why}")
        reference = translations.reference
        problems = [
            f"{key}: {problem}" for key in _keys() if (problem := _check(key, reference.get(_full(key))))
        ]
        if problems:
            raise HandoutWordsError(f"{reference_path}: {'; '.join(problems)}")
        if language != REFERENCE_LANGUAGE:
            _report_fallbacks(translations, language)
        chosen, _ = translations.resolved(language, usable=_usable)
        values = {key: unicodedata.normalize("NFC", chosen[_full(key)]) for key in _keys()}
        return cls(language=language, **values)


def _keys() -> list[str]:
    return [f.name for f in fields(HandoutWords) if f.name != "language"]


def _day(day: datetime.date) -> str:
    # Day only, the way Vietnamese forms write it; no time, nothing that could identify a visit.
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _full(key: str) -> str:
    """A word's key as the reader flattens it (``handout.step``)."""
    return f"{SECTION}.{key}"


def _usable(full_key: str, text: str) -> bool:
    return not _check(full_key.removeprefix(f"{SECTION}."), text)


def _check(key: str, value: str | None) -> str:
    """What is wrong with one word, or ``""``."""
    if not value:
        return "missing or empty"
    try:
        found = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        return f"broken braces ({error})"
    expected = _PLACEHOLDERS.get(key, frozenset())
    if found != expected:
        wanted = ", ".join(f"{{{name}}}" for name in sorted(expected)) or "no {…}"
        return f"must contain {wanted}"
    return ""


def _report_fallbacks(translations: Translations, language: str) -> None:
    """One line per language file: which words are printed in Vietnamese, and why."""
    path = translations.folder / f"{language}.yaml"
    if language not in translations.texts:
        found = translations.problems_of(language)
        why = "; ".join(problem.message for problem in found) or "there is no such file"
        _report(f"handout words {path} are unusable ({why}); printing Vietnamese words")
        return
    own = translations.texts[language]
    fallbacks = [f"{key} ({problem})" for key in _keys() if (problem := _check(key, own.get(_full(key))))]
    if fallbacks:
        _report(f"handout words {path}: printed in Vietnamese instead: {', '.join(fallbacks)}")


def _report(message: str) -> None:
    if message not in _reported:
        _reported.add(message)
        log.warning("%s", message)
