"""``kiosk content build-audio [PATH]`` (wired up in ``kiosk.cli``): pre-render narration into packs.

Organisers run it before copying a pack to kiosks that lack espeak-ng; the output says what
was done per pack and the exit code is 1 if any narration could not be made.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from kiosk.content.installed import packs_dir
from kiosk.content.pack_reader import PACK_FILE
from kiosk.content.packs import pack_folders
from kiosk.narration.build import BuildResult, build_pack_audio
from kiosk.narration.espeak import Espeak

_PACKS_FOLDER = "packs"


def _packs(path: Path) -> list[Path]:
    """One pack folder (or its pack.yaml), a packs folder, or a content folder holding ``packs/``."""
    if path.is_file() and path.name == PACK_FILE:
        return [path.parent]
    if (path / PACK_FILE).is_file():
        return [path]
    if (path / _PACKS_FOLDER).is_dir():
        return pack_folders(path / _PACKS_FOLDER)
    return pack_folders(path)


def _summary(result: BuildResult) -> str:
    languages = ", ".join(result.languages) or "none"
    return (
        f"{result.pack}: {result.written} written, {result.up_to_date} already up to date,"
        f" {result.recorded} recorded by a person, {result.removed} out-of-date removed"
        f" (languages: {languages})"
    )


def build_audio_command(path: Path | None, out: TextIO, espeak: Espeak | None = None) -> int:
    """Build every pack under ``path`` (default: the kiosk's packs); 1 if anything failed."""
    target = path if path is not None else packs_dir()
    packs = _packs(target)
    if not packs:
        print(f"error: no content pack found at {target}", file=out)
        return 1
    failed = False
    for pack in packs:
        result = build_pack_audio(pack, espeak)
        print(_summary(result), file=out)
        for error in result.errors:
            print(f"error: {error}", file=out)
        failed = failed or bool(result.errors)
    return 1 if failed else 0


def spoken_command(tutorial_id: str, language: str, out: TextIO, path: Path | None = None) -> int:
    """``kiosk content spoken TUTORIAL --lang vi``: exactly what narration says, step by step.

    One line per narration, made by the same function the kiosk speaks with
    (``kiosk.narration.speech.step_speech``): the step's title, its text (or ``spoken``
    words) with the pronunciation list, dates and numbers applied, then what its ring asks;
    a quiz step's reason on its own line. Words said by another language's voice (a part not
    yet translated) are marked ``[vi]``.
    """
    from kiosk.content.audio import Part, parts_of
    from kiosk.content.loader import load_catalogue
    from kiosk.narration.speech import step_speech

    catalogue = load_catalogue(path if path is not None else packs_dir(), ui_languages=(language,))
    try:
        tutorial = catalogue.tutorial(tutorial_id)
    except KeyError:
        known = ", ".join(t.id for t in catalogue.tutorials) or "none"
        print(f"error: no tutorial '{tutorial_id}' (see `kiosk content list`; loaded: {known})", file=out)
        return 1
    print(f"{tutorial.id} ({language}): {tutorial.text(language).title}", file=out)
    for index, step in enumerate(tutorial.steps):
        for part in parts_of(step):
            speech = step_speech(tutorial, index, language, part)
            if not speech:
                continue
            said = " ".join(
                u.text if u.language == language else f"[{u.language}] {u.text}" for u in speech.utterances
            )
            label = f"{index + 1} {step.id}" + (" (why)" if part is Part.REASON else "")
            print(f"{label}: {said}", file=out)
    return 0
