"""``kiosk content build-audio``: pre-render every step of a pack, so a kiosk without espeak-ng speaks.

For each tutorial, each of the pack's languages and each step (and each quiz step's reason)
that has no recording, espeak-ng's rendering goes to ``audio-built/<lang>/`` in the tutorial's
folder (naming: ``kiosk.content.audio``). A file already there for the same words is kept;
files for words that have since changed are removed, since ``audio-built/`` belongs to this
command alone. Recordings under ``audio/`` are never touched.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.audio import BUILT_FOLDER, built_audio, parts_of
from kiosk.content.model import Tutorial
from kiosk.content.pack_reader import read_pack
from kiosk.narration.errors import SpeechUnavailableError, UnavailableReason
from kiosk.narration.espeak import Espeak
from kiosk.narration.narration import AudioSource, Narration, NarrationRequest
from kiosk.narration.speech import Speech
from kiosk.narration.synthesis import render_speech, write_atomically

_NO_VOICE_HINT = "; record those steps instead (tutorials/<id>/audio/<lang>/<step-id>.wav)"


@dataclass
class BuildResult:
    """What build-audio did to one pack."""

    pack: Path
    languages: tuple[str, ...] = ()
    written: int = 0
    up_to_date: int = 0
    recorded: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Job:
    target: Path
    speech: Speech


def build_pack_audio(pack_folder: Path, espeak: Espeak | None = None, jobs: int | None = None) -> BuildResult:
    """Pre-render the narration of every step of the pack in ``pack_folder``."""
    engine = espeak if espeak is not None else Espeak()
    pack = read_pack(pack_folder)
    result = BuildResult(pack=pack_folder, languages=pack.languages)
    if not pack.usable:
        result.errors.append(
            f"{pack_folder}: the pack cannot be read; run `kiosk content check {pack_folder}`"
        )
        return result
    for tutorial_id in sorted(set(pack.listed) - {tutorial.id for tutorial in pack.tutorials}):
        result.errors.append(f"{tutorial_id}: not built, the tutorial has errors (see `kiosk content check`)")
    todo: list[_Job] = []
    keep: set[Path] = set()
    narration = Narration(engine)
    for tutorial in pack.tutorials:
        for request in _requests(tutorial, pack.languages):
            found = narration.prerendered(request)
            if found is not None and found.source is AudioSource.RECORDED:
                result.recorded += 1
                continue
            target = _target(tutorial, request)
            keep.add(target)
            if target.is_file():
                result.up_to_date += 1
            else:
                todo.append(_Job(target, request.speech))
    _render_all(todo, engine, result, jobs)
    for tutorial in pack.tutorials:
        result.removed += _remove_stale(tutorial, keep)
    return result


def _requests(tutorial: Tutorial, languages: tuple[str, ...]) -> list[NarrationRequest]:
    requests = [
        Narration.for_step(tutorial, index, language, part)
        for language in languages
        for index, step in enumerate(tutorial.steps)
        for part in parts_of(step)
    ]
    return [request for request in requests if request.speech]


def _target(tutorial: Tutorial, request: NarrationRequest) -> Path:
    assert tutorial.folder is not None  # read from a pack folder
    return built_audio(tutorial.folder, request.language, request.step_id, request.part, request.speech.key)


def _render_all(todo: list[_Job], engine: Espeak, result: BuildResult, jobs: int | None) -> None:
    """espeak-ng runs as a subprocess: one per CPU at a time keeps every core busy."""
    if not todo:
        return

    def render(job: _Job) -> SpeechUnavailableError | None:
        try:
            write_atomically(job.target, lambda out: render_speech(engine, job.speech, out))
        except SpeechUnavailableError as error:
            return error
        return None

    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="build-audio") as pool:
        outcomes = list(pool.map(render, todo))
    # One cause (espeak-ng missing, no voice for a language) fails many files: say it once, with a count.
    causes: dict[str, list[Path]] = {}
    for job, error in zip(todo, outcomes, strict=True):
        if error is None:
            result.written += 1
            continue
        hint = _NO_VOICE_HINT if error.reason is UnavailableReason.NO_VOICE else ""
        causes.setdefault(f"{error}{hint}", []).append(job.target)
    for cause, targets in causes.items():
        where = str(targets[0]) if len(targets) == 1 else f"{len(targets)} files not written"
        result.errors.append(f"{cause} ({where})")


def _remove_stale(tutorial: Tutorial, keep: set[Path]) -> int:
    """Files under ``audio-built/`` for words no step says any more; empty folders too."""
    if tutorial.folder is None:
        return 0
    root = tutorial.folder / BUILT_FOLDER
    if not root.is_dir():
        return 0
    removed = 0
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(root.iterdir()):
        root.rmdir()
    return removed
