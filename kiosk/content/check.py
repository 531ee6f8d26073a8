"""``content check``: every problem in a content folder, a packs folder or one pack.

It runs exactly the reading the kiosk runs at start-up (``read_pack``), so a pack that passes
here loads whole on the kiosk, and a problem found here is the one the kiosk would log.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.audio import stray_audio
from kiosk.content.model import Problem, Severity
from kiosk.content.pack_reader import PACK_FILE, PackResult, read_pack
from kiosk.content.packs import read_packs
from kiosk.content.schema import Findings
from kiosk.content.texts import read_text_file
from kiosk.content.ui_texts import read_ui_texts
from kiosk.content.voice_check import check_voices, is_voices_folder

PACKS_FOLDER = "packs"
UI_FOLDER = "ui"
HANDOUTS_FOLDER = "handouts"
# The one-size claim every tutorial once printed ("checked against the real service"), whatever
# was done: now one claim per check level, which content check makes sure is all that is said.
_OLD_CLAIMS = {UI_FOLDER: ("finish", "checked"), HANDOUTS_FOLDER: ("handout", "checked")}
_NEW_CLAIMS = {
    UI_FOLDER: "finish.checked_desk, finish.checked_phone",
    HANDOUTS_FOLDER: "handout.checked_desk, handout.checked_phone",
}


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Problem, ...]
    # Tutorials the checked packs list, loadable or not.
    tutorial_count: int

    @property
    def errors(self) -> int:
        return sum(problem.severity is Severity.ERROR for problem in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def check_report(path: Path) -> CheckReport:
    """Check ``path``: a content folder (``packs/`` and ``ui/``), a packs folder, or one pack."""
    # `content check .` must know the pack's folder name: '.' has none.
    path = Path(os.path.normpath(path.absolute()))
    if path.is_file() and path.name == PACK_FILE:
        path = path.parent
    problems: list[Problem] = []
    if (path / PACK_FILE).is_file():
        pack = read_pack(path)
        problems.extend(pack.problems)
        problems.extend(_stray_audio((pack,)))
        count = len(pack.listed)
    elif (path / PACKS_FOLDER).is_dir():
        packs = read_packs(path / PACKS_FOLDER)
        problems.extend(packs.problems)
        problems.extend(_stray_audio(packs.packs))
        problems.extend(read_ui_texts(path / UI_FOLDER)[1])
        problems.extend(_old_claims(path))
        count = packs.tutorial_count
    elif is_voices_folder(path):
        # The data dir's voice packs (or one of them), against the kiosk's content now.
        problems.extend(check_voices(path))
        count = 0
    elif path.is_dir():
        packs = read_packs(path)
        problems.extend(packs.problems)
        problems.extend(_stray_audio(packs.packs))
        count = packs.tutorial_count
    else:
        message = "not found: give the content folder, a packs folder or a pack folder"
        problems.append(Problem(path, 1, message))
        count = 0
    problems.sort(key=lambda problem: (str(problem.path), problem.line))
    return CheckReport(tuple(problems), count)


def _old_claims(content: Path) -> list[Problem]:
    """The old "checked against the real service" words, in the UI or handout texts: refused, since
    they claim more than a tutorial's check level says was done."""
    found: list[Problem] = []
    for folder, (section, word) in _OLD_CLAIMS.items():
        key = f"{section}.{word}"
        for file in sorted((content / folder).glob("*.yaml")):
            flat = read_text_file(file, None, Findings())
            if flat is not None and key in flat.values:
                message = (
                    f"'{key}' is the old one-size claim, said of every tutorial whatever was done; write"
                    f" {_NEW_CLAIMS[folder]} instead (each tutorial's check level picks one)"
                )
                found.append(Problem(file, flat.values[key].line, message, Severity.ERROR))
    return found


def _stray_audio(packs: tuple[PackResult, ...]) -> list[Problem]:
    """Recordings no step plays; only ``content check`` looks, the kiosk never lists audio folders."""
    return [
        problem
        for pack in packs
        for tutorial in pack.tutorials
        if tutorial.folder is not None
        for problem in stray_audio(tutorial.folder, tutorial.steps)
    ]


def check_content(path: Path) -> list[Problem]:
    """Every problem under ``path`` (errors and warnings), sorted by file and line."""
    return list(check_report(path).problems)
