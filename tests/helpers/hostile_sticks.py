"""Packs on a stick whose ``manifest.json`` is not what it claims: each must be listed, with why, unread."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.content.manifest import MANIFEST_FILE
from kiosk.content.sticks import MANIFEST_LIST_MAX_BYTES, STICK_FOLDER
from tests.helpers.content_packs import make_pack

# Folder name -> the words its listing must give.
HOSTILE_PROBLEMS = {
    "fifo": "manifest.json is a named pipe, not a plain file",
    "zero": "manifest.json is a link, not a plain file",
    "huge": "manifest.json is bigger than 8 MiB",
    "linked": "linked is a link to another folder; a pack must be a plain folder",
}


def hostile_packs(stick: Path) -> dict[str, Path]:
    """On ``stick``: a named pipe with no writer, a link to /dev/zero, a sparse manifest over the
    cap, and a pack folder that is a link; each named as in ``HOSTILE_PROBLEMS``."""
    folder = stick / STICK_FOLDER
    packs = {name: make_pack(folder, version="1", pack_id=name) for name in ("fifo", "zero", "huge")}
    os.mkfifo(packs["fifo"] / MANIFEST_FILE)
    (packs["zero"] / MANIFEST_FILE).symlink_to("/dev/zero")
    with (packs["huge"] / MANIFEST_FILE).open("wb") as manifest:
        manifest.truncate(MANIFEST_LIST_MAX_BYTES + 1)  # sparse: takes no room on the disk
    elsewhere = make_pack(stick / "elsewhere", version="1", pack_id="linked")
    (elsewhere / MANIFEST_FILE).write_text("{}", encoding="utf-8")
    packs["linked"] = folder / "linked"
    packs["linked"].symlink_to(elsewhere, target_is_directory=True)
    return packs
