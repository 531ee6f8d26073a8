"""The narrator: reads steps, titles, buttons and warnings aloud, and is interrupted by anything new.

The window calls it; it never decides *when* to speak (narration on or off, Repeat, the
idle warning are the window's business). Every ``speak_*`` call and ``stop`` cuts off what
is playing, and a synthesis that finishes after a newer request is thrown away, so a visitor
tapping "Next" quickly never hears an old step. Audio already on disk (a recording, audio
pre-rendered into the pack, the cache) plays at once; anything else is synthesised by
espeak-ng through ``ui.runtime.worker`` so the screen never freezes.

Nothing here may strand a visitor: no speaker, no espeak-ng or no voice for a language are
logged once and announced through ``unavailable``, and the kiosk carries on in silence.

Volume is the narration's own gain, in ``volume_steps`` levels from quiet-but-audible to
full; the window calls ``reset_volume`` at the end of a visit so the next visitor starts at
the default.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from kiosk.content.audio import Part
from kiosk.content.model import Tutorial
from kiosk.narration.errors import SpeechUnavailableError, UnavailableReason
from kiosk.narration.narration import Narration, NarrationAudio, NarrationRequest
from kiosk.narration.voices import VoiceLookup
from ui.narration.playback import NarrationPlayback
from ui.runtime import worker

log = logging.getLogger(__name__)

# Narration gain per volume level, in dB below full (linear gain = 10 ** (dB / 20)). Even the
# lowest level stays clearly audible: "quieter" must never become "silent" for a visitor who
# cannot see what the button did.
VOLUME_STEPS_DB: tuple[float, ...] = (-16.0, -12.0, -8.0, -4.0, 0.0)
DEFAULT_VOLUME_LEVEL = 3


def gain_of(level: int) -> float:
    """The linear gain QtMultimedia is given for volume ``level``."""
    return float(10 ** (VOLUME_STEPS_DB[level] / 20))


def _synthesise(
    narration: Narration, request: NarrationRequest, still_wanted: Callable[[], bool]
) -> NarrationAudio | SpeechUnavailableError | None:
    """Worker-thread work: an expected failure is an answer, not a crash (``ui.runtime.worker`` logs those).

    None when the visitor moved on while this waited for a worker: quick taps on "Next" then
    cost no espeak-ng runs for steps nobody will hear.
    """
    if not still_wanted():
        return None
    try:
        return narration.audio(request)
    except SpeechUnavailableError as error:
        return error


class Narrator(QObject):
    """Speaks one narration at a time; see the module docstring for the rules."""

    # True while a narration is being prepared or played; False when it ended, was stopped or failed.
    speaking_changed = Signal(bool)
    # A ``kiosk.narration.UnavailableReason`` value ("no-sound-output", "no-engine", "no-voice",
    # "failed", "playback-failed"); emitted for each request that could not be spoken.
    unavailable = Signal(str)
    # The new volume level (0 .. volume_steps - 1).
    volume_changed = Signal(int)

    def __init__(
        self,
        tutorials: Sequence[Tutorial] = (),
        *,
        narration: Narration | None = None,
        voices: VoiceLookup | None = None,
        default_volume_level: int = DEFAULT_VOLUME_LEVEL,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if not 0 <= default_volume_level < len(VOLUME_STEPS_DB):
            raise ValueError(f"volume level {default_volume_level} is not 0..{len(VOLUME_STEPS_DB) - 1}")
        self._tutorials = tuple(tutorials)
        # ``voices``: the kiosk's voice packs, heard before any other audio (kiosk.narration.voices).
        self._narration = narration if narration is not None else Narration(voices=voices)
        self._default_level = default_volume_level
        self._level = default_volume_level
        self._playback = NarrationPlayback(self)
        self._playback.finished.connect(self._on_playback_finished)
        self._playback.failed.connect(self._on_playback_failed)
        # Raised by every request and stop(): a result carrying an older number is stale.
        self._generation = 0
        self._speaking = False
        self._speakable: dict[str, bool] = {}
        # What was already written to the log: say each problem once, not on every step.
        self._logged: set[str] = set()

    # -- what the window asks -------------------------------------------------------------

    @property
    def speaking(self) -> bool:
        return self._speaking

    @property
    def volume_level(self) -> int:
        return self._level

    @property
    def volume_steps(self) -> int:
        return len(VOLUME_STEPS_DB)

    def can_speak(self, lang: str) -> bool:
        """Whether every step can be heard in ``lang`` (for the narration toggle); remembered per language."""
        known = self._speakable.get(lang)
        if known is None:
            known = self._narration.can_speak(lang, self._tutorials)
            self._speakable[lang] = known
        return known

    def speak_step(self, tutorial: Tutorial, step_index: int, lang: str) -> None:
        """Read step ``step_index`` (from 0): its title and text. A quiz step's answer is not read."""
        self._speak(Narration.for_step(tutorial, step_index, lang, Part.STEP))

    def speak_reason(self, tutorial: Tutorial, step_index: int, lang: str) -> None:
        """Read a quiz step's reason ("why"), once the visitor has answered."""
        self._speak(Narration.for_step(tutorial, step_index, lang, Part.REASON))

    def speak_text(self, text: str, lang: str, voice_item: str = "") -> None:
        """Read any text on screen: a title, a button's words, the idle warning.

        ``voice_item``: the interface word it is (``ui.next``): a voice pack's recording of it
        plays in its place.
        """
        self._speak(Narration.for_text(text, lang, voice_item))

    @property
    def voices(self) -> VoiceLookup | None:
        return self._narration.voices

    def stop(self) -> None:
        """Silence now; a synthesis still running will not play when it finishes."""
        self._generation += 1
        self._playback.stop()
        self._set_speaking(False)

    def volume_up(self) -> None:
        self._set_level(min(self._level + 1, len(VOLUME_STEPS_DB) - 1))

    def volume_down(self) -> None:
        self._set_level(max(self._level - 1, 0))

    def reset_volume(self) -> None:
        """Back to the default level (end of a visit)."""
        self._set_level(self._default_level)

    def shutdown(self) -> None:
        self.stop()

    # -- inside ---------------------------------------------------------------------------

    def _speak(self, request: NarrationRequest) -> None:
        # Like stop(), but "speaking" stays on from one step straight to the next.
        self._generation += 1
        generation = self._generation
        self._playback.stop()
        if not request.speech:
            self._set_speaking(False)
            return
        if not self._playback.available():
            self._set_speaking(False)
            self._report(UnavailableReason.NO_SOUND_OUTPUT, "no sound server (PulseAudio) is running")
            return
        self._set_speaking(True)
        ready = self._narration.ready(request)
        if ready is not None:
            self._play(ready)
            return
        worker.run_in_background(
            functools.partial(
                _synthesise, self._narration, request, functools.partial(self._is_current, generation)
            ),
            functools.partial(self._on_synthesised, generation),
            functools.partial(self._on_synthesis_crashed, generation),
            what="narration synthesis",
        )

    def _is_current(self, generation: int) -> bool:
        """Whether no newer request or stop came since ``generation`` (read from a worker thread too)."""
        return generation == self._generation

    def _on_synthesised(
        self, generation: int, outcome: NarrationAudio | SpeechUnavailableError | None
    ) -> None:
        if outcome is None or not self._is_current(generation):
            return  # a newer request or a stop came first
        if isinstance(outcome, SpeechUnavailableError):
            self._set_speaking(False)
            self._report(outcome.reason, str(outcome))
            return
        self._play(outcome)

    def _on_synthesis_crashed(self, generation: int, error: Exception) -> None:
        # Already logged with its traceback by ui.runtime.worker.
        if generation == self._generation:
            self._set_speaking(False)
            self.unavailable.emit(UnavailableReason.FAILED.value)

    def _play(self, audio: NarrationAudio) -> None:
        log.debug("narration from %s: %s", audio.source.value, audio.path)
        self._playback.play(audio.path, gain_of(self._level))

    def _on_playback_finished(self) -> None:
        self._set_speaking(False)

    def _on_playback_failed(self, reason: str) -> None:
        self._set_speaking(False)
        self._report(UnavailableReason.PLAYBACK_FAILED, reason)

    def _report(self, reason: UnavailableReason, detail: str) -> None:
        if detail not in self._logged:
            self._logged.add(detail)
            log.warning("narration unavailable (%s): %s", reason.value, detail)
        self.unavailable.emit(reason.value)

    def _set_speaking(self, speaking: bool) -> None:
        if speaking != self._speaking:
            self._speaking = speaking
            self.speaking_changed.emit(speaking)

    def _set_level(self, level: int) -> None:
        if level != self._level:
            self._level = level
            self._playback.set_volume(gain_of(level))
            self.volume_changed.emit(level)
