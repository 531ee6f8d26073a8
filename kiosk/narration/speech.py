"""What a step says aloud: its words, and the language each part of them is in.

A step speaks its title, then its text (or its ``spoken`` words, where the text would be
misread), then what its ring asks: tap the ringed button, or only look at the ringed part.
A quiz step's reason ("why") is a separate narration, read only after the visitor has
answered, so hearing the step never gives the answer away. A part of a step that is not yet
translated is shown in Vietnamese, so it is spoken with the Vietnamese voice too: an English
voice reading Vietnamese words is noise to everyone.

Every piece is said as ``kiosk.content.wording.spoken_form`` writes it: the pack's
pronunciation list applied ("BHYT" -> "bảo hiểm y tế"), dates and long numbers written out.
This is the one function that makes a step's words for the voice: the narrator, build-audio
and ``kiosk content spoken`` all call it, and a cached or pre-rendered file is keyed by its
result, so a changed pronunciation is never served from an old file.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.audio import Part
from kiosk.content.model import DEFAULT_LANGUAGE, RingKind, Step, Tutorial
from kiosk.content.wording import spoken_form
from kiosk.system import paths

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


def text_speech(text: str, language: str, pronunciation: Mapping[str, str] | None = None) -> Speech:
    """A screen title, a button's words, the idle warning: any text on screen, in ``language``.

    Dates and long numbers are written out as in a step ("ngày 20 tháng 11 năm 2026" for the
    finish screen's date); ``pronunciation`` is a pack's list, where the words come from one.
    """
    return _joined([(normalise(spoken_form(normalise(text), pronunciation or {}, language)), language)])


# The UI text keys of what a ring asks, read after the step's text.
RING_WORDS = {RingKind.TAP: "player.ring_tap", RingKind.LOOK: "player.ring_look"}


@functools.cache
def _ring_words(ui_dir: Path) -> dict[str, dict[str, str]]:
    """Per language, the words of each ring kind (only languages that have their own)."""
    # Imported here: the narrator loads this module on the kiosk, where the UI texts are read once anyway.
    from kiosk.content.ui_texts import read_ui_translations

    texts = read_ui_translations(ui_dir).texts
    return {
        language: {key: own[key] for key in RING_WORDS.values() if own.get(key)}
        for language, own in texts.items()
    }


def ring_cue(step: Step, language: str, ui_dir: Path | None = None) -> tuple[str, str]:
    """What the step's ring asks, and the language those words are in ("" for a step that rings nothing)."""
    if not step.highlight:
        return "", language
    key = RING_WORDS[step.ring]
    words = _ring_words(ui_dir if ui_dir is not None else paths.ui_text_dir())
    for candidate in (language, DEFAULT_LANGUAGE):
        said = words.get(candidate, {}).get(key)
        if said:
            return said, candidate
    return "", language


def _say(tutorial: Tutorial, text: str, language: str) -> str:
    return normalise(spoken_form(normalise(text), tutorial.words(language).pronunciation, language))


def step_speech(tutorial: Tutorial, step_index: int, language: str, part: Part = Part.STEP) -> Speech:
    """What step ``step_index`` (from 0) of ``tutorial`` says in ``language``; empty if no such part."""
    step = tutorial.steps[step_index]
    text = tutorial.text(language)
    words = text.steps[step.id]

    def spoken_in(field: str) -> str:
        fell_back = f"steps.{step.id}.{field}" in text.fallbacks
        return DEFAULT_LANGUAGE if fell_back else text.language

    def piece(value: str, field: str) -> tuple[str, str]:
        said_in = spoken_in(field)
        return _say(tutorial, value, said_in), said_in

    if part is Part.REASON:
        return _joined([piece(words.why, "why")])
    title, title_language = piece(words.title, "title")
    body = piece(words.spoken, "text") if words.spoken else piece(words.text, "text")
    cue, cue_language = ring_cue(step, language)
    return _joined(
        [
            (_as_sentence(title), title_language),
            (_as_sentence(body[0]), body[1]),
            (_say(tutorial, cue, cue_language), cue_language),
        ]
    )
