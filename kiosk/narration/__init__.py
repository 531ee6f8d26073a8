"""Narration: every step read aloud offline, from a recording in the pack or synthesised speech.

The core decides *what* is spoken and *which audio file* speaks it (a volunteer's recording,
audio pre-rendered into the pack by ``kiosk content build-audio``, or espeak-ng's speech,
cached in the data dir). Playing the file is the UI's job (``ui.narration.narrator``).
"""

from kiosk.narration.errors import SpeechUnavailableError, UnavailableReason
from kiosk.narration.narration import AudioSource, Narration, NarrationAudio
from kiosk.narration.speech import Speech, Utterance, step_speech, text_speech

__all__ = [
    "AudioSource",
    "Narration",
    "NarrationAudio",
    "Speech",
    "SpeechUnavailableError",
    "UnavailableReason",
    "Utterance",
    "step_speech",
    "text_speech",
]
