"""The handout's fixed words ("Bước", "Quét mã để mở …", the footer), one YAML file per language.

They live in ``content/handouts/<lang>.yaml`` under a ``handout:`` key, so a translator adds a
language the same way as for the UI text, and the section can later move into the UI
catalogue unchanged. Vietnamese is the reference and must be complete; a word missing or
broken in another language is printed in Vietnamese and reported once in the log, so a
half-translated file never leaves a blank on paper.
"""

from __future__ import annotations

import datetime
import logging
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from kiosk.system import paths

log = logging.getLogger(__name__)

REFERENCE_LANGUAGE = "vi"
# Fallback reports already logged, so printing many handouts does not repeat them.
_reported: set[str] = set()
SECTION = "handout"

# The placeholders each word must carry; anything else is a translation slip.
_PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "step": frozenset({"number"}),
    "date": frozenset({"date"}),
    "checked": frozenset({"date"}),
}


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
    checked: str
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

    def checked_line(self, day: datetime.date) -> str:
        return self.checked.format(date=_day(day))

    @classmethod
    def load(cls, language: str, folder: Path | None = None) -> HandoutWords:
        """The words in ``language``, each missing or broken one taken from Vietnamese."""
        folder = folder if folder is not None else words_dir()
        reference_path = folder / f"{REFERENCE_LANGUAGE}.yaml"
        try:
            reference = _read(reference_path)
        except (OSError, ValueError) as error:
            raise HandoutWordsError(f"{reference_path}: {error}") from error
        problems = [f"{key}: {problem}" for key in _keys() if (problem := _check(key, reference.get(key)))]
        if problems:
            raise HandoutWordsError(f"{reference_path}: {'; '.join(problems)}")
        chosen = dict(reference)
        if language != REFERENCE_LANGUAGE:
            chosen.update(_translated(folder / f"{language}.yaml", reference))
        values = {key: chosen[key] for key in _keys()}
        return cls(language=language, **values)


def _keys() -> list[str]:
    return [f.name for f in fields(HandoutWords) if f.name != "language"]


def _day(day: datetime.date) -> str:
    # Day only, the way Vietnamese forms write it; no time, nothing that could identify a visit.
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _read(path: Path) -> dict[str, str]:
    """The ``handout:`` words of one file; ``OSError`` or ``ValueError`` when it is unusable."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"not valid YAML: {error}") from error
    section = data.get(SECTION) if isinstance(data, Mapping) else None
    if not isinstance(section, Mapping):
        raise ValueError(f"the file must hold a `{SECTION}:` mapping of words")
    return {
        str(key): unicodedata.normalize("NFC", value).strip()
        for key, value in section.items()
        if isinstance(value, str)
    }


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


def _translated(path: Path, reference: Mapping[str, str]) -> dict[str, str]:
    try:
        words = _read(path)
    except (OSError, ValueError) as error:
        _report(f"handout words {path} are unusable ({error}); printing Vietnamese words")
        return {}
    usable: dict[str, str] = {}
    fallbacks: list[str] = []
    for key in _keys():
        problem = _check(key, words.get(key))
        if problem:
            fallbacks.append(f"{key} ({problem})")
        else:
            usable[key] = words[key]
    if fallbacks:
        _report(f"handout words {path}: printed in Vietnamese instead: {', '.join(fallbacks)}")
    return usable


def _report(message: str) -> None:
    if message not in _reported:
        _reported.add(message)
        log.warning("%s", message)
