"""Finding packs on sticks (what the organiser screen will offer) and removable mounts without Qt."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.manifest import MANIFEST_FILE
from kiosk.content.sticks import find_packs
from tests.helpers.content_packs import make_pack, sign_pack, stick_pack


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
