"""Reading every pack under a packs folder, in folder order, into one set of tutorials.

Shared by the loader (which keeps the tutorials) and ``content check`` (which reports the
problems), so the two can never disagree about what is valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.model import DEFAULT_LANGUAGE, Category, Problem, Reason, Severity, Tutorial
from kiosk.content.pack_reader import PACK_FILE, PackResult, read_pack
from kiosk.content.schema import is_language_code


@dataclass(frozen=True)
class PacksResult:
    packs: tuple[PackResult, ...]
    categories: tuple[Category, ...]
    tutorials: tuple[Tutorial, ...]
    languages: tuple[str, ...]
    problems: tuple[Problem, ...]
    reasons: tuple[Reason, ...] = ()

    @property
    def tutorial_count(self) -> int:
        """How many tutorials the packs list, loaded or not (for the check summary)."""
        return sum(len(pack.listed) for pack in self.packs)


def pack_folders(packs_dir: Path) -> list[Path]:
    """Every pack folder, sorted; hidden folders (``.git``, ``__pycache__``) are not packs."""
    if not packs_dir.is_dir():
        return []
    return sorted(p for p in packs_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def read_packs(packs_dir: Path, ui_languages: Sequence[str] = ()) -> PacksResult:
    """Check and build every pack; a tutorial id already taken by an earlier pack is an error."""
    problems: list[Problem] = []
    folders = pack_folders(packs_dir)
    if not packs_dir.is_dir():
        problems.append(Problem(packs_dir, 1, "content packs folder not found"))
    elif not folders:
        problems.append(Problem(packs_dir, 1, "no content packs in this folder"))
    packs = tuple(read_pack(folder, ui_languages) for folder in folders)
    categories: dict[str, Category] = {}
    tutorials: dict[str, Tutorial] = {}
    reasons: dict[str, Reason] = {}
    languages: dict[str, None] = {DEFAULT_LANGUAGE: None}
    for pack in packs:
        problems.extend(pack.problems)
        if not pack.usable:
            continue
        languages.update(dict.fromkeys(pack.languages))
        for category in pack.categories:
            # A later pack may add tutorials to an existing topic; the first pack's icon and title win.
            categories.setdefault(category.id, category)
        for reason in pack.reasons:
            # The same reason in two packs is one reason to count; the first pack's words win.
            reasons.setdefault(reason.id, reason)
        for tutorial in pack.tutorials:
            earlier = tutorials.get(tutorial.id)
            if earlier is not None:
                message = (
                    f"tutorial '{tutorial.id}' is already in pack '{earlier.pack_id}'; this one is not shown"
                )
                problems.append(
                    Problem(pack.folder / PACK_FILE, pack.listed[tutorial.id], message, Severity.ERROR)
                )
                continue
            tutorials[tutorial.id] = tutorial
    languages.update(dict.fromkeys(filter(is_language_code, ui_languages)))
    return PacksResult(
        packs=packs,
        categories=tuple(categories.values()),
        tutorials=tuple(tutorials.values()),
        languages=tuple(languages),
        problems=tuple(problems),
        reasons=tuple(reasons.values()),
    )
