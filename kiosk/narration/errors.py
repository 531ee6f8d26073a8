"""Why a narration cannot be spoken, in terms the UI can turn into a calm message."""

from __future__ import annotations

import enum


class UnavailableReason(enum.Enum):
    # espeak-ng is not installed (and the pack has no recording or pre-rendered audio).
    NO_ENGINE = "no-engine"
    # espeak-ng has no voice for the language (e.g. Hmong): only recordings can speak it.
    NO_VOICE = "no-voice"
    # espeak-ng failed or hung, or the audio could not be written (disk full, read-only).
    FAILED = "failed"
    # Told by the player: no sound server or speaker to play through.
    NO_SOUND_OUTPUT = "no-sound-output"
    # Told by the player: the audio file could not be played (damaged, unknown format).
    PLAYBACK_FAILED = "playback-failed"


class SpeechUnavailableError(Exception):
    """This text cannot be turned into audio here; ``str()`` says exactly why, for the log."""

    def __init__(self, reason: UnavailableReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
