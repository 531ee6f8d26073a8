"""Turning a ``Speech`` into one WAV file, written so that a power cut never leaves half a file.

A speech in two languages (a step partly translated) is spoken utterance by utterance, each
with its own voice, and the pieces are joined with a short pause. Every file is written under
a temporary name, flushed to disk, then renamed into place (``kiosk.system.fsio``): a reader
sees the whole file or none.
"""

from __future__ import annotations

import tempfile
import wave
from collections.abc import Callable
from pathlib import Path

from kiosk.narration.errors import SpeechUnavailableError, UnavailableReason
from kiosk.narration.espeak import Espeak
from kiosk.narration.speech import Speech
from kiosk.system.fsio import atomic_write

# Between two utterances in different languages, as between two sentences.
PAUSE_S = 0.3
PARTIAL_SUFFIX = ".part"


def write_atomically(target: Path, render: Callable[[Path], None]) -> Path:
    """``render`` writes a temporary file next to ``target``, which then replaces ``target`` whole."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, render, mode=0o600, suffix=PARTIAL_SUFFIX)
    except OSError as error:
        raise SpeechUnavailableError(UnavailableReason.FAILED, f"cannot write {target}: {error}") from error
    return target


def render_speech(espeak: Espeak, speech: Speech, out: Path) -> None:
    """Synthesise ``speech`` into the WAV file ``out``."""
    if not speech:
        raise SpeechUnavailableError(UnavailableReason.FAILED, "nothing to say")
    if len(speech.utterances) == 1:
        only = speech.utterances[0]
        espeak.synthesise(only.text, only.language, out)
        return
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".speech-") as work:
        pieces = []
        for index, utterance in enumerate(speech.utterances):
            piece = Path(work) / f"{index}.wav"
            espeak.synthesise(utterance.text, utterance.language, piece)
            pieces.append(piece)
        _join_wavs(pieces, out)


def _join_wavs(pieces: list[Path], out: Path) -> None:
    try:
        with wave.open(str(pieces[0]), "rb") as first:
            params = first.getparams()
        pause = b"\0" * (int(params.framerate * PAUSE_S) * params.sampwidth * params.nchannels)
        with wave.open(str(out), "wb") as joined:
            joined.setparams(params)
            for index, piece in enumerate(pieces):
                with wave.open(str(piece), "rb") as source:
                    if source.getparams()[:3] != params[:3]:
                        raise SpeechUnavailableError(
                            UnavailableReason.FAILED,
                            "the voices of a mixed-language step write different audio formats",
                        )
                    if index:
                        joined.writeframes(pause)
                    joined.writeframes(source.readframes(source.getnframes()))
    except (OSError, wave.Error, EOFError) as error:
        raise SpeechUnavailableError(
            UnavailableReason.FAILED, f"cannot join the narration's parts: {error}"
        ) from error
