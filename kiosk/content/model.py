"""The content model: what a tutorial is once its pack has been read.

Every object here is immutable and fully resolved: texts already carry their
Vietnamese fallback, paths are absolute, so the UI never has to ask the loader again.

Each is a frozen dataclass that writes its own ``__init__`` and takes equality, hash and repr
from ``_Record``: ``@dataclass`` would compile those four anew for every class each time the
kiosk starts (this module loads before its start screen is shown), some 0.4 ms a class.
``dataclasses.fields`` and ``replace`` and the frozen attributes work as for any dataclass.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import Field, dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from kiosk.content.printable import printable
from kiosk.languages import REFERENCE_LANGUAGE

# Packs are written in the kiosk's reference language first; it fills every gap.
DEFAULT_LANGUAGE = REFERENCE_LANGUAGE


class _Record:
    """Equality, hash and repr over a dataclass's fields, as ``@dataclass(frozen=True)`` writes them."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__dataclass_fields__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, _Record)
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__dataclass_fields__)
        return f"{self.__class__.__qualname__}({values})"


_set = object.__setattr__
# TutorialText's default outcomes: replaced by a new dict in each.
_NO_OUTCOMES: Mapping[str, str] = MappingProxyType({})


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Problem(_Record):
    """One finding about a content file, printed as ``file:line: severity: message``."""

    path: Path
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __init__(self, path: Path, line: int, message: str, severity: Severity = Severity.ERROR) -> None:
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "message", message)
        _set(self, "severity", severity)

    def __str__(self) -> str:
        # Paths and messages name files from a stick: control characters are printed escaped.
        return printable(f"{self.path}:{self.line}: {self.severity.value}: {self.message}")


class StepKind(enum.Enum):
    INSTRUCTION = "instruction"
    QUIZ = "quiz"


class QuizAnswer(enum.Enum):
    SAFE = "safe"
    SCAM = "scam"


@dataclass(frozen=True, init=False, repr=False, eq=False)
class StepText(_Record):
    """A step's words in one language."""

    title: str
    text: str
    # Only quiz steps have it: why the situation is safe or a scam.
    why: str = ""

    def __init__(self, title: str, text: str, why: str = "") -> None:
        _set(self, "title", title)
        _set(self, "text", text)
        _set(self, "why", why)


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Step(_Record):
    """One step of a tutorial: its picture and, for a quiz, the right answer."""

    id: str
    kind: StepKind
    image: Path
    # id of the SVG element the visitor must tap; the player draws the highlight around it.
    highlight: str
    answer: QuizAnswer | None = None

    def __init__(
        self, id: str, kind: StepKind, image: Path, highlight: str, answer: QuizAnswer | None = None
    ) -> None:
        _set(self, "id", id)
        _set(self, "kind", kind)
        _set(self, "image", image)
        _set(self, "highlight", highlight)
        _set(self, "answer", answer)


@dataclass(frozen=True, init=False, repr=False, eq=False)
class TutorialText(_Record):
    """A tutorial's text in one language, with any missing part already taken from Vietnamese."""

    language: str
    title: str
    summary: str
    safety: str
    steps: Mapping[str, StepText]
    # Keys that were missing in this language and fell back to Vietnamese (e.g. "steps.open-store.text").
    fallbacks: tuple[str, ...] = ()
    # The words of each outcome the tutorial lists (outcome id -> "VNeID installed"), for the
    # volunteer's checklist and the take-home sheet.
    outcomes: Mapping[str, str] = field(default_factory=dict)
    # What the visitor can do next at home, on the take-home sheet; "" when the tutorial has none.
    next_steps: str = ""

    def __init__(
        self,
        language: str,
        title: str,
        summary: str,
        safety: str,
        steps: Mapping[str, StepText],
        fallbacks: tuple[str, ...] = (),
        outcomes: Mapping[str, str] = _NO_OUTCOMES,
        next_steps: str = "",
    ) -> None:
        _set(self, "language", language)
        _set(self, "title", title)
        _set(self, "summary", summary)
        _set(self, "safety", safety)
        _set(self, "steps", steps)
        _set(self, "fallbacks", fallbacks)
        # A new dict for each, as field(default_factory=dict) gives.
        _set(self, "outcomes", {} if outcomes is _NO_OUTCOMES else outcomes)
        _set(self, "next_steps", next_steps)


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Source(_Record):
    """Where a tutorial's facts come from, and when that was last checked."""

    title: str
    checked: date
    url: str = ""
    note: str = ""

    def __init__(self, title: str, checked: date, url: str = "", note: str = "") -> None:
        _set(self, "title", title)
        _set(self, "checked", checked)
        _set(self, "url", url)
        _set(self, "note", note)


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Tutorial(_Record):
    """One tutorial of a pack, with its steps and its words in every language."""

    id: str
    pack_id: str
    content_version: str
    category: str
    qr_url: str
    checked: date
    sources: tuple[Source, ...]
    steps: tuple[Step, ...]
    texts: Mapping[str, TutorialText]
    # The tutorial's folder in its pack, where recorded narration lives (None for one built in code).
    folder: Path | None = None
    # What a guided session can achieve with it on the visitor's own phone (ids, checklist order).
    outcomes: tuple[str, ...] = ()

    def __init__(
        self,
        id: str,
        pack_id: str,
        content_version: str,
        category: str,
        qr_url: str,
        checked: date,
        sources: tuple[Source, ...],
        steps: tuple[Step, ...],
        texts: Mapping[str, TutorialText],
        folder: Path | None = None,
        outcomes: tuple[str, ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "pack_id", pack_id)
        _set(self, "content_version", content_version)
        _set(self, "category", category)
        _set(self, "qr_url", qr_url)
        _set(self, "checked", checked)
        _set(self, "sources", sources)
        _set(self, "steps", steps)
        _set(self, "texts", texts)
        _set(self, "folder", folder)
        _set(self, "outcomes", outcomes)

    def text(self, language: str) -> TutorialText:
        """The text in ``language``, or the Vietnamese text if that language is absent."""
        return self.texts.get(language) or self.texts[DEFAULT_LANGUAGE]

    def step_text(self, language: str, step: Step) -> StepText:
        return self.text(language).steps[step.id]

    def outcome_text(self, language: str, outcome_id: str) -> str:
        """The words of one of ``outcomes`` (KeyError for an id the tutorial does not list)."""
        return self.text(language).outcomes[outcome_id]


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Category(_Record):
    """A group of tutorials on the topics screen, with its icon."""

    id: str
    icon: Path
    titles: Mapping[str, str]

    def __init__(self, id: str, icon: Path, titles: Mapping[str, str]) -> None:
        _set(self, "id", id)
        _set(self, "icon", icon)
        _set(self, "titles", titles)

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles[DEFAULT_LANGUAGE]


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Reason(_Record):
    """Why a guided session could not finish a tutorial ("no chip ID card"), from a pack's list."""

    id: str
    titles: Mapping[str, str]

    def __init__(self, id: str, titles: Mapping[str, str]) -> None:
        _set(self, "id", id)
        _set(self, "titles", titles)

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles[DEFAULT_LANGUAGE]


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Catalogue(_Record):
    """Every tutorial the kiosk can show, in display order, and what was wrong while loading."""

    categories: tuple[Category, ...]
    tutorials: tuple[Tutorial, ...]
    languages: tuple[str, ...]
    problems: tuple[Problem, ...] = field(default=())
    # "Could not finish" reasons of every pack, in pack order (the first pack's words win).
    reasons: tuple[Reason, ...] = field(default=())

    def __init__(
        self,
        categories: tuple[Category, ...],
        tutorials: tuple[Tutorial, ...],
        languages: tuple[str, ...],
        problems: tuple[Problem, ...] = (),
        reasons: tuple[Reason, ...] = (),
    ) -> None:
        _set(self, "categories", categories)
        _set(self, "tutorials", tutorials)
        _set(self, "languages", languages)
        _set(self, "problems", problems)
        _set(self, "reasons", reasons)

    def tutorial(self, tutorial_id: str) -> Tutorial:
        for tutorial in self.tutorials:
            if tutorial.id == tutorial_id:
                return tutorial
        raise KeyError(tutorial_id)

    def in_category(self, category_id: str) -> tuple[Tutorial, ...]:
        return tuple(t for t in self.tutorials if t.category == category_id)

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)

    def reason(self, reason_id: str) -> Reason:
        for reason in self.reasons:
            if reason.id == reason_id:
                return reason
        raise KeyError(reason_id)
