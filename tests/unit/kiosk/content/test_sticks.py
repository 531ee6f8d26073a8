"""Finding packs on sticks (what the organiser screen will offer) and removable mounts without Qt."""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.content.manifest import MANIFEST_FILE
from kiosk.content.sticks import MAX_PACKS_PER_STICK, STICK_FOLDER, PackOnStick, find_packs
from tests.helpers.content_packs import make_pack, sign_pack, stick_pack
from tests.helpers.hostile_sticks import HOSTILE_PROBLEMS, hostile_packs


def test_packs_on_sticks_are_listed_from_their_manifests(tmp_path: Path) -> None:
    first, second, empty = tmp_path / "stick-1", tmp_path / "stick-2", tmp_path / "stick-3"
    core = stick_pack(first, version="2026.12.01")
    extra = stick_pack(first, version="1", pack_id="extra")
    broken = make_pack(second / "kiosk-content", version="1")
    (broken / MANIFEST_FILE).write_text("{", encoding="utf-8")
    sign_pack(broken)  # signed by a trusted key, and still unreadable
    make_pack(second / "kiosk-content", version="1", pack_id="no-manifest")
    empty.mkdir()

    found = find_packs([first, second, empty, tmp_path / "pulled-out"])

    assert [(pack.folder, pack.pack_id, pack.content_version) for pack in found] == [
        (extra, "extra", "1"),
        (core, "good-pack", "2026.12.01"),
        (broken, "good-pack", ""),
    ]
    # All but manifest.json and its signature.
    assert found[1].files == len([p for p in core.rglob("*") if p.is_file()]) - 2
    assert found[1].signer is not None and found[1].signer.name == "test content team"
    assert found[1].total_bytes > 0 and found[1].problem is None
    assert found[2].problem is not None and "cannot be read" in found[2].problem


def test_a_manifest_that_is_not_a_small_plain_file_is_listed_with_why_and_never_opened(
    tmp_path: Path,
) -> None:
    stick = tmp_path / "stick"
    good = stick_pack(stick, version="2026.12.01")
    hostile = hostile_packs(stick)
    found: list[list[PackOnStick]] = []
    # In a thread of its own: were the named pipe opened, the listing would wait for ever.
    listing = threading.Thread(target=lambda: found.append(find_packs([stick])), daemon=True)
    listing.start()
    listing.join(timeout=10)

    assert not listing.is_alive(), "listing the stick waits on its named pipe"
    [packs] = found
    problems = {pack.folder.name: pack.problem for pack in packs}
    assert problems == {good.name: None, **HOSTILE_PROBLEMS}
    assert {pack.folder for pack in packs} == {good, *hostile.values()}


def test_a_stick_with_a_great_many_folders_is_listed_only_so_far(tmp_path: Path) -> None:
    folder = tmp_path / "stick" / STICK_FOLDER
    for number in range(MAX_PACKS_PER_STICK + 5):
        (folder / f"pack-{number:04}").mkdir(parents=True)
        (folder / f"pack-{number:04}" / MANIFEST_FILE).write_text("{", encoding="utf-8")

    found = find_packs([tmp_path / "stick"])

    assert len(found) == MAX_PACKS_PER_STICK
    assert found[-1].folder.name == f"pack-{MAX_PACKS_PER_STICK - 1:04}"
