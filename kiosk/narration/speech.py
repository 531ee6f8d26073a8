"""What a step says aloud: its words, and the language each part of them is in.

A step speaks its title, then its text; a quiz step's reason ("why") is a separate narration,
read only after the visitor has answered, so hearing the step never gives the answer away.
A part of a step that is not yet translated is shown in Vietnamese, so it is spoken with the
Vietnamese voice too: an English voice reading Vietnamese words is noise to everyone.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from kiosk.content.audio import Part
from kiosk.content.model import DEFAULT_LANGUAGE, Tutorial

# Ends a title with a full stop unless it already ends a sentence, so the voice pauses after it.
_SENTENCE_ENDS = (".", "!", "?", "…", ":", ";")


@dataclass(frozen=True)
class Utterance:
    """Words in one language."""

    text: str
    language: str


@dataclass(frozen=True)
class Speech:
    """What one narration says, in order; usually a single utterance."""

    utterances: tuple[Utterance, ...]

    def __bool__(self) -> bool:
        return bool(self.utterances)

    @property
    def text(self) -> str:
        return " ".join(utterance.text for utterance in self.utterances)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(utterance.language for utterance in self.utterances))

    @property
    def key(self) -> str:
        """A short hash of exactly these words in these languages (names pre-rendered files)."""
        digest = hashlib.sha256()
        for utterance in self.utterances:
            digest.update(f"{utterance.language}\x1f{utterance.text}\x1e".encode())
        return digest.hexdigest()[:16]


def normalise(text: str) -> str:
    """NFC (so the same Vietnamese word always hashes alike) with line breaks and runs of spaces as one."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _as_sentence(text: str) -> str:
    if text and not text.rstrip("”\"'’)»").endswith(_SENTENCE_ENDS):
        return f"{text}."
    return text


def _joined(pieces: list[tuple[str, str]]) -> Speech:
    """Empty pieces dropped, neighbours in the same language merged into one utterance."""
    utterances: list[Utterance] = []
    for text, language in pieces:
        if not text:
            continue
        if utterances and utterances[-1].language == language:
            utterances[-1] = Utterance(f"{utterances[-1].text} {text}", language)
        else:
            utterances.append(Utterance(text, language))
    return Speech(tuple(utterances))


def text_speech(text: str, language: str) -> Speech:
    """A screen title, a button's words, the idle warning: any text on screen, in ``language``."""
    return _joined([(normalise(text), language)])


def step_speech(tutorial: Tutorial, step_index: int, language: str, part: Part = Part.STEP) -> Speech:
    """What step ``step_index`` (from 0) of ``tutorial`` says in ``language``; empty if no such part."""
    step = tutorial.steps[step_index]
    text = tutorial.text(language)
    words = text.steps[step.id]

    def spoken_in(field: str) -> str:
        fell_back = f"steps.{step.id}.{field}" in text.fallbacks
        return DEFAULT_LANGUAGE if fell_back else text.language

    if part is Part.REASON:
        return _joined([(normalise(words.why), spoken_in("why"))])
    return _joined(
        [
            (_as_sentence(normalise(words.title)), spoken_in("title")),
            (normalise(words.text), spoken_in("text")),
        ]
    )
