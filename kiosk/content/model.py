"""The content model: what a tutorial is once its pack has been read.

Every object here is immutable and fully resolved: texts already carry their
Vietnamese fallback, paths are absolute, so the UI never has to ask the loader again.

Each is a frozen dataclass that writes its own ``__init__`` and takes equality, hash and repr
from ``kiosk.record.Record``: this module loads before the kiosk's start screen is shown, and
``@dataclass`` would compile those four anew for every class at every start.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

from kiosk.content.glossary_entry import GlossaryEntry
from kiosk.content.printable import printable
from kiosk.languages import REFERENCE_LANGUAGE
from kiosk.record import Record, set_field

# Packs are written in the kiosk's reference language first; it fills every gap.
DEFAULT_LANGUAGE = REFERENCE_LANGUAGE
# TutorialText's default outcomes: replaced by a new dict in each.
_NO_OUTCOMES: Mapping[str, str] = MappingProxyType({})


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Problem(Record):
    """One finding about a content file, printed as ``file:line: severity: message``."""

    path: Path
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __init__(self, path: Path, line: int, message: str, severity: Severity = Severity.ERROR) -> None:
        set_field(self, "path", path)
        set_field(self, "line", line)
        set_field(self, "message", message)
        set_field(self, "severity", severity)

    def __str__(self) -> str:
        # Paths and messages name files from a stick: control characters are printed escaped.
        return printable(f"{self.path}:{self.line}: {self.severity.value}: {self.message}")


class StepKind(enum.Enum):
    INSTRUCTION = "instruction"
    QUIZ = "quiz"


class QuizAnswer(enum.Enum):
    SAFE = "safe"
    SCAM = "scam"


class RingKind(enum.Enum):
    """What the ring around a step's highlight asks: tap that part, or only look at it."""

    TAP = "tap"
    LOOK = "look"


class PracticeKind(enum.Enum):
    """What a step's practice asks: tap a part of the picture, or type on the practice keyboard."""

    TAP = "tap"
    # The 12-digit number from a sample card shown on screen.
    DIGITS = "digits"
    # The code from a practice SMS notification.
    CODE = "code"
    # A password meeting the step's rules.
    PASSWORD = "password"


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Practice(Record):
    """What the visitor tries on a step in practice mode ("Try it")."""

    kind: PracticeKind
    # TAP: id of the SVG element to tap.
    target: str = ""
    # DIGITS and CODE: what the sample card or the practice SMS shows.
    sample: str = ""
    # PASSWORD: rule names (min8, max20, upper, lower, digit, symbol), in the order they are told.
    rules: tuple[str, ...] = ()

    def __init__(
        self, kind: PracticeKind, target: str = "", sample: str = "", rules: tuple[str, ...] = ()
    ) -> None:
        set_field(self, "kind", kind)
        set_field(self, "target", target)
        set_field(self, "sample", sample)
        set_field(self, "rules", rules)


class CheckLevel(enum.Enum):
    """How far a tutorial was checked: written from official guides, or tried on a real phone."""

    DESK = "desk"
    PHONE = "phone"


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Check(Record):
    """What was done to check a tutorial, and when: the handout and finish screen claim exactly this."""

    level: CheckLevel
    date: datetime.date
    # Level phone only: the app and its version it was tried with, and optionally the phone.
    app: str = ""
    app_version: str = ""
    device: str = ""

    def __init__(
        self, level: CheckLevel, date: datetime.date, app: str = "", app_version: str = "", device: str = ""
    ) -> None:
        set_field(self, "level", level)
        set_field(self, "date", date)
        set_field(self, "app", app)
        set_field(self, "app_version", app_version)
        set_field(self, "device", device)


@dataclass(frozen=True, init=False, repr=False, eq=False)
class PackWords(Record):
    """A pack's language aids in one language: how words are said aloud, and the glossary."""

    # Written word -> spoken words ("BHYT" -> "bảo hiểm y tế"), applied to whole words before synthesis.
    pronunciation: Mapping[str, str]
    glossary: tuple[GlossaryEntry, ...] = ()

    def __init__(self, pronunciation: Mapping[str, str], glossary: tuple[GlossaryEntry, ...] = ()) -> None:
        set_field(self, "pronunciation", pronunciation)
        set_field(self, "glossary", glossary)


NO_PACK_WORDS = PackWords(MappingProxyType({}))
# Tutorial's defaults: a stand-in replaced by level desk on the tutorial's own date; no words.
_DESK_ON_CHECKED = Check(CheckLevel.DESK, datetime.date.min)
_NO_WORDS: Mapping[str, PackWords] = MappingProxyType({})


@dataclass(frozen=True, init=False, repr=False, eq=False)
class StepText(Record):
    """A step's words in one language."""

    title: str
    text: str
    # Only quiz steps have it: why the situation is safe or a scam.
    why: str = ""
    # What narration says instead of ``text`` when it must differ ("" = say ``text``).
    spoken: str = ""
    # Practised steps only: the help after a first miss ("look for the red button at the bottom").
    hint: str = ""

    def __init__(self, title: str, text: str, why: str = "", spoken: str = "", hint: str = "") -> None:
        set_field(self, "title", title)
        set_field(self, "text", text)
        set_field(self, "why", why)
        set_field(self, "spoken", spoken)
        set_field(self, "hint", hint)


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Step(Record):
    """One step of a tutorial: its picture and, for a quiz, the right answer."""

    id: str
    kind: StepKind
    image: Path
    # id of the SVG element the player rings ("" when the step rings nothing).
    highlight: str
    answer: QuizAnswer | None = None
    # Whether the ringed part is to be tapped or only looked at (an ID card, a fee, a sender).
    ring: RingKind = RingKind.TAP
    # What the visitor tries in practice mode (None: the step is only shown there).
    practice: Practice | None = None

    def __init__(
        self,
        id: str,
        kind: StepKind,
        image: Path,
        highlight: str,
        answer: QuizAnswer | None = None,
        ring: RingKind = RingKind.TAP,
        practice: Practice | None = None,
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "kind", kind)
        set_field(self, "image", image)
        set_field(self, "highlight", highlight)
        set_field(self, "answer", answer)
        set_field(self, "ring", ring)
        set_field(self, "practice", practice)


@dataclass(frozen=True, init=False, repr=False, eq=False)
class TutorialText(Record):
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
    # What the QR code opens, printed under it; "" when the tutorial has no QR code.
    qr_caption: str = ""

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
        qr_caption: str = "",
    ) -> None:
        set_field(self, "language", language)
        set_field(self, "title", title)
        set_field(self, "summary", summary)
        set_field(self, "safety", safety)
        set_field(self, "steps", steps)
        set_field(self, "fallbacks", fallbacks)
        # A new dict for each, as field(default_factory=dict) gives.
        set_field(self, "outcomes", {} if outcomes is _NO_OUTCOMES else outcomes)
        set_field(self, "next_steps", next_steps)
        set_field(self, "qr_caption", qr_caption)


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Source(Record):
    """Where a tutorial's facts come from, and when that was last checked."""

    title: str
    checked: date
    url: str = ""
    note: str = ""

    def __init__(self, title: str, checked: date, url: str = "", note: str = "") -> None:
        set_field(self, "title", title)
        set_field(self, "checked", checked)
        set_field(self, "url", url)
        set_field(self, "note", note)


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Tutorial(Record):
    """One tutorial of a pack, with its steps and its words in every language."""

    id: str
    pack_id: str
    content_version: str
    category: str
    # The official page the QR code opens; "" when the tutorial has no QR code.
    qr_url: str
    # The date of ``check`` (kept for readers that only print the date).
    checked: date
    sources: tuple[Source, ...]
    steps: tuple[Step, ...]
    texts: Mapping[str, TutorialText]
    # The tutorial's folder in its pack, where recorded narration lives (None for one built in code).
    folder: Path | None = None
    # What a guided session can achieve with it on the visitor's own phone (ids, checklist order).
    outcomes: tuple[str, ...] = ()
    # How far it was checked (the default stands for level desk on ``checked``).
    check: Check = _DESK_ON_CHECKED
    # The pack's pronunciation list and glossary, per language.
    pack_words: Mapping[str, PackWords] = field(default_factory=dict)

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
        check: Check = _DESK_ON_CHECKED,
        pack_words: Mapping[str, PackWords] = _NO_WORDS,
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "pack_id", pack_id)
        set_field(self, "content_version", content_version)
        set_field(self, "category", category)
        set_field(self, "qr_url", qr_url)
        set_field(self, "checked", checked)
        set_field(self, "sources", sources)
        set_field(self, "steps", steps)
        set_field(self, "texts", texts)
        set_field(self, "folder", folder)
        set_field(self, "outcomes", outcomes)
        set_field(self, "check", Check(CheckLevel.DESK, checked) if check is _DESK_ON_CHECKED else check)
        set_field(self, "pack_words", pack_words)

    def text(self, language: str) -> TutorialText:
        """The text in ``language``, or the Vietnamese text if that language is absent."""
        return self.texts.get(language) or self.texts[DEFAULT_LANGUAGE]

    @property
    def has_practice(self) -> bool:
        """Whether practice mode ("Try it") has a step to try in this tutorial."""
        return any(step.practice is not None for step in self.steps)

    def step_text(self, language: str, step: Step) -> StepText:
        return self.text(language).steps[step.id]

    def words(self, language: str) -> PackWords:
        """The pack's pronunciation list and glossary in ``language`` (empty when it has none)."""
        return self.pack_words.get(language) or NO_PACK_WORDS

    def glossary_for(self, step_text: str, language: str) -> tuple[GlossaryEntry, ...]:
        """The pack's glossary entries (in ``language``) whose term or a variant ``step_text`` uses,
        in glossary order: what the player explains when the visitor taps a word."""
        from kiosk.content.wording import glossary_for  # the wording rules import this module

        return glossary_for(step_text, self.words(language).glossary)

    def outcome_text(self, language: str, outcome_id: str) -> str:
        """The words of one of ``outcomes`` (KeyError for an id the tutorial does not list)."""
        return self.text(language).outcomes[outcome_id]


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Category(Record):
    """A group of tutorials on the topics screen, with its icon."""

    id: str
    icon: Path
    titles: Mapping[str, str]

    def __init__(self, id: str, icon: Path, titles: Mapping[str, str]) -> None:
        set_field(self, "id", id)
        set_field(self, "icon", icon)
        set_field(self, "titles", titles)

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles[DEFAULT_LANGUAGE]


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Reason(Record):
    """Why a guided session could not finish a tutorial ("no chip ID card"), from a pack's list."""

    id: str
    titles: Mapping[str, str]

    def __init__(self, id: str, titles: Mapping[str, str]) -> None:
        set_field(self, "id", id)
        set_field(self, "titles", titles)

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles[DEFAULT_LANGUAGE]


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Catalogue(Record):
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
        set_field(self, "categories", categories)
        set_field(self, "tutorials", tutorials)
        set_field(self, "languages", languages)
        set_field(self, "problems", problems)
        set_field(self, "reasons", reasons)

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
