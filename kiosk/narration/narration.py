"""Which audio file speaks a narration: a recording, pre-rendered audio, the cache, or espeak-ng now.

In that order of preference: a person's recording is best (and the only voice for Hmong or
Thai): first a volunteer's checked recording in the kiosk's voice pack for the visitor's
language (``kiosk.narration.voices``), then one in the content pack; audio that
``kiosk content build-audio`` put in the pack lets a kiosk without espeak-ng
speak; otherwise espeak-ng synthesises once and the cache keeps the result. ``ready`` answers
from files alone (no subprocess, so the GUI thread may call it); ``audio`` may synthesise and
belongs on a worker thread.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.audio import Part, built_audio, parts_of, recorded_audio
from kiosk.content.model import Tutorial
from kiosk.narration.cache import AudioCache, cache_key
from kiosk.narration.errors import SpeechUnavailableError, UnavailableReason
from kiosk.narration.espeak import Espeak
from kiosk.narration.speech import Speech, step_speech, text_speech
from kiosk.system import paths

if TYPE_CHECKING:
    from kiosk.narration.voices import VoiceLookup


class AudioSource(enum.Enum):
    # A volunteer's recording in the kiosk's voice pack (kiosk.voices).
    VOICE_PACK = "voice-pack"
    RECORDED = "recorded"
    BUILT = "built"
    CACHED = "cached"
    SYNTHESISED = "synthesised"


@dataclass(frozen=True)
class NarrationAudio:
    path: Path
    source: AudioSource


@dataclass(frozen=True)
class NarrationRequest:
    """One thing to say, with where a recording of it could be (plain data: safe to hand to a thread)."""

    speech: Speech
    # The language on screen.
    language: str
    # Only for a tutorial's step: its folder in the pack, the step's id, which part of it.
    tutorial_folder: Path | None = None
    step_id: str = ""
    part: Part = Part.STEP
    # Where a voice pack's recording of it could be: the tutorial's id (with ``step_id``), or an
    # interface word (``ui.next``) for a text.
    tutorial_id: str = ""
    voice_item: str = ""

    def recording_languages(self) -> tuple[str, ...]:
        """Where to look for a recording: the screen's language, then the language actually spoken."""
        spoken = self.speech.languages
        if len(spoken) == 1 and spoken[0] != self.language:
            return (self.language, spoken[0])
        return (self.language,)


class Narration:
    """Finds or makes the audio for a narration; shared by the kiosk's narrator and build-audio."""

    def __init__(
        self, espeak: Espeak | None = None, cache: AudioCache | None = None, voices: VoiceLookup | None = None
    ) -> None:
        self.espeak = espeak if espeak is not None else Espeak()
        self.cache = cache if cache is not None else AudioCache(paths.narration_cache_dir())
        # The kiosk's voice packs (None: none are looked at, as in build-audio).
        self.voices = voices
        self._tidy_lock = threading.Lock()
        self._tidied = False

    @staticmethod
    def for_step(
        tutorial: Tutorial, step_index: int, language: str, part: Part = Part.STEP
    ) -> NarrationRequest:
        return NarrationRequest(
            speech=step_speech(tutorial, step_index, language, part),
            language=language,
            tutorial_folder=tutorial.folder,
            step_id=tutorial.steps[step_index].id,
            part=part,
            tutorial_id=tutorial.id,
        )

    @staticmethod
    def for_text(text: str, language: str, voice_item: str = "") -> NarrationRequest:
        """Any text on screen; ``voice_item``: the interface word it is (``ui.next``), if it is one."""
        return NarrationRequest(speech=text_speech(text, language), language=language, voice_item=voice_item)

    def voice_pack(self, request: NarrationRequest) -> NarrationAudio | None:
        """The checked, current recording of it in the voice pack of the visitor's language."""
        voices = self.voices
        if voices is None:
            return None
        if request.tutorial_id and request.step_id:
            found = voices.step(request.language, request.tutorial_id, request.step_id, request.part)
        elif request.voice_item:
            found = voices.word(request.language, request.voice_item)
        else:
            return None
        return NarrationAudio(found, AudioSource.VOICE_PACK) if found is not None else None

    def prerendered(self, request: NarrationRequest) -> NarrationAudio | None:
        """A voice pack's or the content pack's recording, or build-audio's rendering of these words."""
        if not request.speech:
            return None
        voiced = self.voice_pack(request)
        if voiced is not None:
            return voiced
        folder = request.tutorial_folder
        if folder is None:
            return None
        languages = request.recording_languages()
        for language in languages:
            recorded = recorded_audio(folder, language, request.step_id, request.part)
            if recorded is not None:
                return NarrationAudio(recorded, AudioSource.RECORDED)
        for language in languages:
            built = built_audio(folder, language, request.step_id, request.part, request.speech.key)
            if built.is_file():
                return NarrationAudio(built, AudioSource.BUILT)
        return None

    def ready(self, request: NarrationRequest) -> NarrationAudio | None:
        """Audio that needs no synthesis, if there is some; never runs a program."""
        found = self.prerendered(request)
        if found is not None or not request.speech:
            return found
        identities = [self.espeak.known_identity(u.language) for u in request.speech.utterances]
        if any(identity is None for identity in identities):
            return None
        cached = self.cache.lookup(cache_key(request.speech, [i for i in identities if i is not None]))
        return NarrationAudio(cached, AudioSource.CACHED) if cached is not None else None

    def audio(self, request: NarrationRequest) -> NarrationAudio:
        """The audio for ``request``, synthesised now if need be (slow: call it off the GUI thread)."""
        found = self.prerendered(request)
        if found is not None:
            return found
        speech = request.speech
        if not speech:
            raise SpeechUnavailableError(UnavailableReason.FAILED, "there is nothing to say")
        key = cache_key(speech, [self.espeak.identity(u.language) for u in speech.utterances])
        cached = self.cache.lookup(key)
        if cached is not None:
            return NarrationAudio(cached, AudioSource.CACHED)
        self._tidy_once()
        return NarrationAudio(self.cache.store(key, speech, self.espeak), AudioSource.SYNTHESISED)

    def can_speak(self, language: str, tutorials: Iterable[Tutorial]) -> bool:
        """Whether every step can be heard in ``language``: espeak-ng has its voice, or the packs carry audio.

        Asks espeak-ng once per language (then remembered) and looks at the files of every step.
        A language with a voice pack can be heard: its steps not recorded yet are read in
        Vietnamese, the language they are shown in.
        """
        if self.espeak.has_voice(language):
            return True
        if self.voices is not None and self.voices.has(language):
            return True
        requests = [
            self.for_step(tutorial, index, language, part)
            for tutorial in tutorials
            for index, step in enumerate(tutorial.steps)
            for part in parts_of(step)
        ]
        spoken = [request for request in requests if request.speech]
        return bool(spoken) and all(self.prerendered(request) is not None for request in spoken)

    def _tidy_once(self) -> None:
        """Keep the cache within its limit, once per run, on the first synthesis (already off the GUI)."""
        with self._tidy_lock:
            if self._tidied:
                return
            self._tidied = True
        self.cache.tidy()
