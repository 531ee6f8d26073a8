"""What can be recorded, and today's Vietnamese text of each: tutorial steps and interface words.

An ``Item`` is one recording's subject: a tutorial's step (``open-store``), a quiz step's
reason (``fake-call.why``), or an interface word a visitor hears (``ui.start``). Its source text
is the Vietnamese a volunteer reads and translates: for a step its title, its text (and its
``spoken`` words, if any) and what its ring asks; for an interface word the kiosk's own
Vietnamese words (content/ui/vi.yaml). A recording keeps the SHA-256 of that text, so a
content update that changes it makes the recording stale (``kiosk.voices.coverage``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.audio import Part, parts_of
from kiosk.content.model import DEFAULT_LANGUAGE, Tutorial
from kiosk.narration.speech import RING_WORDS, normalise

UI_PREFIX = "ui."
# The interface words a spoken-only visit needs, and the UI text key (content/ui) each says.
INTERFACE_WORDS: Mapping[str, str] = {
    "ui.greeting": "start.welcome",
    "ui.start": "start.button",
    "ui.next": "player.next",
    "ui.back": "common.back",
    "ui.home": "common.home",
    "ui.repeat": "player.repeat",
    "ui.done": "player.done",
    "ui.print": "print.button",
    "ui.idle": "idle.question",
    "ui.continue": "idle.continue",
    "ui.quiz.question": "quiz.question",
    "ui.quiz.safe": "quiz.safe",
    "ui.quiz.scam": "quiz.scam",
    "ui.quiz.right": "quiz.right",
    "ui.quiz.wrong": "quiz.wrong",
}
# The coverage group of the interface words (tutorials are grouped by their id).
UI_GROUP = "ui"


@dataclass(frozen=True, order=True)
class Item:
    """One recording's subject: ``tutorial`` "" and ``step`` "ui.start" for an interface word."""

    tutorial: str
    step: str

    @classmethod
    def interface(cls, key: str) -> Item:
        return cls("", key)

    @property
    def is_interface(self) -> bool:
        return not self.tutorial

    @property
    def group(self) -> str:
        return UI_GROUP if self.is_interface else self.tutorial

    @property
    def key(self) -> str:
        """``vneid-install/open-store`` or ``ui.start``: how messages name it."""
        return self.step if self.is_interface else f"{self.tutorial}/{self.step}"


def step_item(tutorial_id: str, step_id: str, part: Part = Part.STEP) -> Item:
    return Item(tutorial_id, f"{step_id}.{part.value}" if part.value else step_id)


def text_hash(text: str) -> str:
    """SHA-256 of the text as normalised (NFC, runs of white space as one space)."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


class SourceTexts:
    """Today's Vietnamese text of everything that can be recorded, in the order a volunteer records it."""

    def __init__(self, tutorials: Iterable[Tutorial], ui_words: Mapping[str, str]) -> None:
        # ``ui_words``: the kiosk's Vietnamese UI texts by dotted key (content/ui/vi.yaml).
        self._texts: dict[Item, str] = {}
        self._groups: dict[str, list[Item]] = {}
        for tutorial in tutorials:
            text = tutorial.text(DEFAULT_LANGUAGE)
            for step in tutorial.steps:
                words = text.steps.get(step.id)
                if words is None:
                    continue
                for part in parts_of(step):
                    if part is Part.REASON:
                        said = words.why
                    else:
                        cue = ui_words.get(RING_WORDS[step.ring], "") if step.highlight else ""
                        said = "\n".join(
                            piece for piece in (words.title, words.text, words.spoken, cue) if piece
                        )
                    if said.strip():
                        self._add(step_item(tutorial.id, step.id, part), said)
        for item_key, ui_key in INTERFACE_WORDS.items():
            said = ui_words.get(ui_key, "")
            if said.strip():
                self._add(Item.interface(item_key), said)

    def _add(self, item: Item, text: str) -> None:
        self._texts[item] = normalise(text)
        self._groups.setdefault(item.group, []).append(item)

    @classmethod
    def of_kiosk(cls, packs: Path | None = None, ui_dir: Path | None = None) -> SourceTexts:
        """The texts of the kiosk's content now (its packs and its own Vietnamese words)."""
        from kiosk.content.installed import packs_dir
        from kiosk.content.loader import load_catalogue
        from kiosk.content.ui_texts import read_ui_translations
        from kiosk.system import paths

        catalogue = load_catalogue(packs if packs is not None else packs_dir())
        ui = read_ui_translations(ui_dir if ui_dir is not None else paths.ui_text_dir())
        return cls(catalogue.tutorials, ui.texts.get(DEFAULT_LANGUAGE, {}))

    @property
    def groups(self) -> Mapping[str, list[Item]]:
        """Items per tutorial id (and ``ui`` for the interface words), in order."""
        return self._groups

    def text(self, item: Item) -> str | None:
        """Today's Vietnamese text of ``item``; None when the content has no such step or word."""
        return self._texts.get(item)

    def hash(self, item: Item) -> str | None:
        text = self._texts.get(item)
        return text_hash(text) if text is not None else None
