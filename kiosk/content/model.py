"""The content model: what a tutorial is once its pack has been read.

Every object here is immutable and fully resolved: texts already carry their
Vietnamese fallback, paths are absolute, so the UI never has to ask the loader again.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kiosk.content.printable import printable
from kiosk.languages import REFERENCE_LANGUAGE

# Packs are written in the kiosk's reference language first; it fills every gap.
DEFAULT_LANGUAGE = REFERENCE_LANGUAGE


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding about a content file, printed as ``file:line: severity: message``."""

    path: Path
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        # Paths and messages name files from a stick: control characters are printed escaped.
        return printable(f"{self.path}:{self.line}: {self.severity.value}: {self.message}")


class StepKind(enum.Enum):
    INSTRUCTION = "instruction"
    QUIZ = "quiz"


class QuizAnswer(enum.Enum):
    SAFE = "safe"
    SCAM = "scam"


@dataclass(frozen=True)
class StepText:
    title: str
    text: str
    # Only quiz steps have it: why the situation is safe or a scam.
    why: str = ""


@dataclass(frozen=True)
class Step:
    id: str
    kind: StepKind
    image: Path
    # id of the SVG element the visitor must tap; the player draws the highlight around it.
    highlight: str
    answer: QuizAnswer | None = None


@dataclass(frozen=True)
class TutorialText:
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


@dataclass(frozen=True)
class Source:
    title: str
    checked: date
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Tutorial:
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

    def text(self, language: str) -> TutorialText:
        """The text in ``language``, or the Vietnamese text if that language is absent."""
        return self.texts.get(language) or self.texts[DEFAULT_LANGUAGE]

    def step_text(self, language: str, step: Step) -> StepText:
        return self.text(language).steps[step.id]

    def outcome_text(self, language: str, outcome_id: str) -> str:
        """The words of one of ``outcomes`` (KeyError for an id the tutorial does not list)."""
        return self.text(language).outcomes[outcome_id]


@dataclass(frozen=True)
class Category:
    id: str
    icon: Path
    titles: Mapping[str, str]

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class Reason:
    """Why a guided session could not finish a tutorial ("no chip ID card"), from a pack's list."""

    id: str
    titles: Mapping[str, str]

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class Catalogue:
    """Every tutorial the kiosk can show, in display order, and what was wrong while loading."""

    categories: tuple[Category, ...]
    tutorials: tuple[Tutorial, ...]
    languages: tuple[str, ...]
    problems: tuple[Problem, ...] = field(default=())
    # "Could not finish" reasons of every pack, in pack order (the first pack's words win).
    reasons: tuple[Reason, ...] = field(default=())

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
