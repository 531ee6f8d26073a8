"""``content check`` of voice packs: what a volunteer's recordings no longer match, with file:line.

A voice pack (``kiosk.voices``, ``<data dir>/voices/<lang>/voicepack.json``) is checked against
the content: a recording whose Vietnamese text has changed since (stale), a recording of a step
or word the content no longer has, a file that is missing or not the one recorded (its SHA-256
differs). Each is a warning at the line of ``voicepack.json`` that lists the recording: visitors
never hear such a recording, and the organiser's coverage lists it for recording again. A
``voicepack.json`` that cannot be read at all is an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.model import Problem, Severity

if TYPE_CHECKING:
    from kiosk.voices.items import SourceTexts
    from kiosk.voices.pack import Recording

VOICES_FOLDER = "voices"


def voice_pack_folders(path: Path) -> list[Path]:
    """The voice packs at ``path``: one pack's folder, or a voices folder of them; [] for anything else."""
    from kiosk.voices.pack import PACK_FILE

    if (path / PACK_FILE).is_file():
        return [path]
    if not path.is_dir():
        return []
    return sorted(entry for entry in path.iterdir() if (entry / PACK_FILE).is_file())


def is_voices_folder(path: Path) -> bool:
    return bool(voice_pack_folders(path))


def _entry_lines(raw: str) -> dict[str, int]:
    """The line of each recording's ``"file"`` in voicepack.json, by its file (as the pack writes it)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(raw.splitlines(), start=1):
        stripped = line.strip().rstrip(",")
        if stripped.startswith('"file":'):
            try:
                lines.setdefault(str(json.loads(stripped.removeprefix('"file":').strip())), number)
            except ValueError:
                continue
    return lines


def _recording_number_line(raw: str, number: int) -> int:
    """The line where recording ``number`` (from 1) of voicepack.json starts, or 1."""
    seen = 0
    inside = False
    for line_number, line in enumerate(raw.splitlines(), start=1):
        if '"recordings"' in line:
            inside = True
            continue
        if inside and line.strip().startswith("{"):
            seen += 1
            if seen == number:
                return line_number
    return 1


def check_voice_pack(folder: Path, texts: SourceTexts) -> list[Problem]:
    """Every problem of the voice pack in ``folder`` against ``texts`` (today's content)."""
    from kiosk.voices.coverage import Status, status_of
    from kiosk.voices.pack import PACK_FILE, VoicePack, VoicePackError

    file = folder / PACK_FILE
    try:
        pack = VoicePack.read(folder)
        raw = file.read_text(encoding="utf-8")
    except (VoicePackError, OSError, UnicodeDecodeError) as error:
        message = str(error).replace(f"{file}: ", "")
        return [Problem(file, 1, f"voice pack cannot be read: {message}", Severity.ERROR)]
    lines = _entry_lines(raw)
    problems: list[Problem] = []
    for text in pack.problems:
        # "…/voicepack.json: recording 3: why"
        where, _, why = text.removeprefix(f"{file}: ").partition(": ")
        number = int(where.split()[-1]) if where.split()[-1:] and where.split()[-1].isdigit() else 0
        line = _recording_number_line(raw, number) if number else 1
        problems.append(Problem(file, line, f"{where}: {why}: left out, never played", Severity.WARNING))

    def warn(recording: Recording, message: str) -> None:
        problems.append(
            Problem(file, lines.get(recording.file, 1), f"{recording.item.key}: {message}", Severity.WARNING)
        )

    for item, recording in sorted(pack.recordings().items()):
        if texts.text(item) is None:
            what = "interface word" if item.is_interface else "step"
            warn(recording, f"recording of a {what} the content no longer has: never played")
            continue
        path = pack.path_of(recording)
        if not path.is_file():
            warn(recording, f"its file {recording.file} is missing: record it again")
            continue
        status = status_of(pack, texts, item)
        if status is Status.MISSING:
            warn(
                recording,
                f"{recording.file} is not the file that was recorded (its SHA-256 differs): record it again",
            )
        elif status is Status.STALE:
            warn(recording, "stale: the Vietnamese text changed since it was recorded; record it again")
    return problems


def check_voices(path: Path, texts: SourceTexts | None = None) -> list[Problem]:
    """Every problem of the voice packs at ``path`` (a voices folder or one pack's folder).

    ``texts``: today's content (default: the kiosk's installed content and its own words).
    """
    from kiosk.voices.items import SourceTexts

    folders = voice_pack_folders(path)
    if not folders:
        return [Problem(path, 1, "no voice pack here (voicepack.json): give the data dir's voices folder")]
    found = texts if texts is not None else SourceTexts.of_kiosk()
    return [problem for folder in folders for problem in check_voice_pack(folder, found)]
