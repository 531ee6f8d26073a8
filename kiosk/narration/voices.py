"""Volunteers' voice packs in narration: which recording speaks a step or an interface word.

A language with a voice pack in the data dir (``kiosk.voices``) is heard through its people's
recordings: each step, quiz reason and interface word plays the pack's checked recording of
today's Vietnamese text (``Voices.playable``). A stale recording (the text changed), an
unchecked one (unless the organiser's "allow unchecked" setting is on) or a changed file never
plays; narration then falls back as it always has (a recording in the content pack,
pre-rendered audio, espeak-ng).

A language with a voice pack but no UI text file of its own is *spoken only*: its screens show
the Vietnamese text and pictures while the recordings speak, and reading aloud is on from the
start of the visit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from kiosk.content.audio import Part
from kiosk.content.model import Tutorial
from kiosk.narration.speech import RING_WORDS, normalise
from kiosk.voices.coverage import Voices
from kiosk.voices.items import INTERFACE_WORDS, SourceTexts, step_item
from kiosk.voices.languages import VoiceLanguage
from kiosk.voices.pack import VoicePackError

log = logging.getLogger(__name__)

GREETING = "ui.greeting"
# The UI text keys whose Vietnamese words a voice pack's hashes are made of.
SOURCE_UI_KEYS: tuple[str, ...] = (*INTERFACE_WORDS.values(), *RING_WORDS.values())


# The settings file as last read (its identity) and the setting then: read again only when it changed.
_setting_seen: dict[Path, tuple[tuple[int, int, int], bool]] = {}


def allow_unchecked_setting() -> bool:
    """The organiser's "play unchecked recordings" setting (off when absent or unreadable)."""
    from kiosk.system import paths
    from kiosk.system import settings as settings_store

    file = paths.settings_file()
    try:
        found = file.stat()
        identity = (found.st_ino, found.st_mtime_ns, found.st_size)
    except OSError:
        return False
    known = _setting_seen.get(file)
    if known is not None and known[0] == identity:
        return known[1]
    try:
        settings = settings_store.load(file)
    except Exception:  # A settings problem is logged by ``load``; a visitor only hears checked ones.
        return False
    allowed = bool(getattr(settings, "allow_unchecked_voices", False))
    _setting_seen[file] = (identity, allowed)
    return allowed


class VoiceLookup:
    """The kiosk's voice packs, as narration asks of them; each answer reads the files afresh."""

    def __init__(self, voices: Voices, allow_unchecked: Callable[[], bool] = allow_unchecked_setting) -> None:
        self.voices = voices
        self._allow_unchecked = allow_unchecked

    @classmethod
    def of(
        cls,
        tutorials: Iterable[Tutorial],
        vietnamese_ui: Mapping[str, str],
        root: Path | None = None,
        allow_unchecked: Callable[[], bool] = allow_unchecked_setting,
    ) -> VoiceLookup:
        """For the tutorials the kiosk shows and its Vietnamese UI words (``SOURCE_UI_KEYS`` at least)."""
        return cls(Voices(SourceTexts(tutorials, vietnamese_ui), root), allow_unchecked)

    def languages(self) -> list[VoiceLanguage]:
        """Every language with a readable voice pack, by code."""
        found = []
        for code in self.voices.languages():
            try:
                found.append(self.voices.pack(code).language)
            except VoicePackError as error:
                log.warning("voice pack not offered: %s", error)
        return found

    def has(self, language: str) -> bool:
        return language in self.voices.languages()

    def _playable(self, language: str, tutorial: str, step: str) -> Path | None:
        if not self.has(language):
            return None
        try:
            return self.voices.playable(language, tutorial, step, allow_unchecked=self._allow_unchecked())
        except (VoicePackError, OSError) as error:
            log.warning("voice pack %s cannot be played: %s", language, error)
            return None

    def step(self, language: str, tutorial_id: str, step_id: str, part: Part = Part.STEP) -> Path | None:
        """The recording of a tutorial's step (or a quiz step's reason) to play, if there is one."""
        item = step_item(tutorial_id, step_id, part)
        return self._playable(language, item.tutorial, item.step)

    def word(self, language: str, item_key: str) -> Path | None:
        """The recording of an interface word (``ui.start``) to play, if there is one."""
        return self._playable(language, "", item_key)

    def greeting(self, language: str) -> Path | None:
        return self.word(language, GREETING)


def interface_item(words: str, texts: Iterable[Callable[[str], str]]) -> str:
    """The interface word (``ui.next``) whose UI text is ``words``, "" when none is.

    ``texts`` give a UI key's text: in the visitor's language and in Vietnamese (what a
    spoken-only language's screens show).
    """
    said = normalise(words)
    if not said:
        return ""
    lookups = list(texts)
    for item_key, ui_key in INTERFACE_WORDS.items():
        if any(normalise(text_of(ui_key)) == said for text_of in lookups):
            return item_key
    return ""
