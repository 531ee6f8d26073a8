"""Where a tutorial's narration audio lives in its pack, and which files there belong to no step.

Recorded audio (a volunteer's voice, e.g. in Hmong) and audio pre-rendered by ``kiosk content
build-audio`` sit in the tutorial's folder::

    tutorials/<id>/audio/<lang>/<step-id>.wav          a recording of the step (title and text)
    tutorials/<id>/audio/<lang>/<step-id>.why.wav      a quiz step's reason, read after the answer
    tutorials/<id>/audio-built/<lang>/<step-id>.<key>.wav        pre-rendered by build-audio
    tutorials/<id>/audio-built/<lang>/<step-id>.why.<key>.wav

Files are named by step id, not step number, so inserting a step never makes an old recording
speak over the wrong picture. A recording may be ``.wav``, ``.ogg``, ``.opus`` or ``.mp3``.
Pre-rendered files carry ``<key>``, a hash of the exact words they speak: after a text edit the
old file no longer matches and is never played (build-audio replaces it), while a recording is
always trusted, as a person made it for that step.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from pathlib import Path

from kiosk.content.model import Problem, Severity, Step, StepKind
from kiosk.content.schema import is_language_code

AUDIO_FOLDER = "audio"
BUILT_FOLDER = "audio-built"
# In order of preference when a step has more than one; QtMultimedia plays all three.
AUDIO_SUFFIXES = (".wav", ".ogg", ".opus", ".mp3")
BUILT_SUFFIX = ".wav"


class Part(enum.Enum):
    """What of a step is spoken: the step as it appears, or a quiz step's reason after the answer."""

    STEP = ""
    REASON = "why"


def _stem(step_id: str, part: Part) -> str:
    return f"{step_id}.{part.value}" if part.value else step_id


def parts_of(step: Step) -> tuple[Part, ...]:
    return (Part.STEP, Part.REASON) if step.kind is StepKind.QUIZ else (Part.STEP,)


def recorded_audio(tutorial_folder: Path, language: str, step_id: str, part: Part) -> Path | None:
    """The recording of ``step_id`` in ``language``, if the pack has one."""
    folder = tutorial_folder / AUDIO_FOLDER / language
    stem = _stem(step_id, part)
    for suffix in AUDIO_SUFFIXES:
        candidate = folder / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def built_audio(tutorial_folder: Path, language: str, step_id: str, part: Part, key: str) -> Path:
    """Where build-audio puts the rendering of exactly these words (``key``); it may not exist."""
    return tutorial_folder / BUILT_FOLDER / language / f"{_stem(step_id, part)}.{key}{BUILT_SUFFIX}"


def stray_audio(tutorial_folder: Path, steps: Iterable[Step]) -> list[Problem]:
    """Warnings for files under ``audio/`` that no step would ever play (usually a typo in a name)."""
    root = tutorial_folder / AUDIO_FOLDER
    if not root.is_dir():
        return []
    expected = {_stem(step.id, part) for step in steps for part in parts_of(step)}
    problems: list[Problem] = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir() or not is_language_code(entry.name):
            message = "not played: recordings go in a folder named by language, e.g. audio/vi/<step-id>.wav"
            problems.append(Problem(entry, 1, message, Severity.WARNING))
            continue
        for file in sorted(entry.iterdir()):
            if file.name.startswith("."):
                continue
            if file.suffix.lower() not in AUDIO_SUFFIXES:
                message = "not played: recordings must be .wav, .ogg, .opus or .mp3 files"
            elif file.suffix not in AUDIO_SUFFIXES:
                message = f"not played: write the ending in small letters ({file.suffix.lower()})"
            elif file.stem not in expected:
                message = (
                    f"not played: '{file.stem}' is not a step of this tutorial"
                    " (name a recording <step-id> or, for a quiz step's reason, <step-id>.why)"
                )
            else:
                continue
            problems.append(Problem(file, 1, message, Severity.WARNING))
    return problems
