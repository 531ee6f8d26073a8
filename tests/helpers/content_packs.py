"""Content packs on a "USB stick" (a folder) and a bundled content folder, for the install tests.

Qt-free: the core's tests use it in the environment without PySide6.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content.manifest import make_manifest, write_manifest
from kiosk.content.sticks import STICK_FOLDER

REPO = Path(__file__).resolve().parents[2]
GOOD_PACK = REPO / "tests" / "data" / "good-pack"
GOOD_PACK_ID = "good-pack"
BUNDLED_VERSION = "2026.11.24"
TUTORIALS = ("vneid-login", "safe-install")


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def make_pack(target: Path, *, version: str, pack_id: str = GOOD_PACK_ID, title_suffix: str = "") -> Path:
    """A copy of tests/data/good-pack at ``target/<pack_id>`` with ``version``; its tutorials
    renamed ``<pack_id>-...`` when the id is not the good pack's, so both packs can be shown."""
    pack = target / pack_id
    shutil.copytree(GOOD_PACK, pack)
    replace_once(pack / "pack.yaml", f'content_version: "{BUNDLED_VERSION}"', f'content_version: "{version}"')
    if pack_id != GOOD_PACK_ID:
        replace_once(pack / "pack.yaml", f"id: {GOOD_PACK_ID}", f"id: {pack_id}")
        for tutorial in TUTORIALS:
            renamed = f"{pack_id}-{tutorial}"
            replace_once(pack / "pack.yaml", f"  - {tutorial}\n", f"  - {renamed}\n")
            (pack / "tutorials" / tutorial).rename(pack / "tutorials" / renamed)
            replace_once(
                pack / "tutorials" / renamed / "tutorial.yaml", f"id: {tutorial}\n", f"id: {renamed}\n"
            )
    if title_suffix:
        # A visible change in every tutorial's Vietnamese title, so a mix of two versions shows.
        for tutorial_text in sorted((pack / "tutorials").glob("*/vi.yaml")):
            lines = tutorial_text.read_text(encoding="utf-8").splitlines(keepends=True)
            lines = [
                f"{line.rstrip()}{title_suffix}\n" if line.startswith("title:") else line for line in lines
            ]
            tutorial_text.write_text("".join(lines), encoding="utf-8")
    return pack


def stick_pack(stick: Path, *, version: str, pack_id: str = GOOD_PACK_ID, title_suffix: str = "") -> Path:
    """A pack with its manifest on a stick: ``<stick>/kiosk-content/<pack_id>``."""
    pack = make_pack(stick / STICK_FOLDER, version=version, pack_id=pack_id, title_suffix=title_suffix)
    write_manifest(pack, make_manifest(pack))
    return pack


def bundled_content(folder: Path) -> Path:
    """A content folder as the kiosk ships one: the repo's UI texts and the good pack as its packs."""
    shutil.copytree(REPO / "content" / "ui", folder / "ui")
    shutil.copytree(GOOD_PACK, folder / "packs" / GOOD_PACK_ID)
    return folder
