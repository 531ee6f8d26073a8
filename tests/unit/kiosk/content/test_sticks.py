"""Finding packs on sticks (what the organiser screen will offer) and removable mounts without Qt."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.manifest import MANIFEST_FILE
from kiosk.content.sticks import find_packs, removable_media_roots
from tests.helpers.content_packs import make_pack, stick_pack


def test_packs_on_sticks_are_listed_from_their_manifests(tmp_path: Path) -> None:
    first, second, empty = tmp_path / "stick-1", tmp_path / "stick-2", tmp_path / "stick-3"
    core = stick_pack(first, version="2026.12.01")
    extra = stick_pack(first, version="1", pack_id="extra")
    broken = make_pack(second / "kiosk-content", version="1")
    (broken / MANIFEST_FILE).write_text("{", encoding="utf-8")
    make_pack(second / "kiosk-content", version="1", pack_id="no-manifest")
    empty.mkdir()

    found = find_packs([first, second, empty, tmp_path / "pulled-out"])

    assert [(pack.folder, pack.pack_id, pack.content_version) for pack in found] == [
        (extra, "extra", "1"),
        (core, "good-pack", "2026.12.01"),
        (broken, "good-pack", ""),
    ]
    assert found[1].files == len([p for p in core.rglob("*") if p.is_file()]) - 1
    assert found[1].total_bytes > 0 and found[1].problem is None
    assert found[2].problem is not None and "cannot be read" in found[2].problem


def test_removable_mounts_come_from_the_kernels_table(tmp_path: Path) -> None:
    table = tmp_path / "mounts"
    table.write_text(
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
        "proc /proc proc rw 0 0\n"
        "/dev/sdb1 /media/kiosk-usb/sdb1 vfat rw,flush 0 0\n"
        "/dev/sdc1 /media/kiosk/ĐIỂM\\040HỖ\\040TRỢ vfat ro 0 0\n"
        "/dev/sdd1 /mnt ext4 rw 0 0\n"
        "/dev/sde1 /run/media/volunteer/STICK exfat rw 0 0\n",
        encoding="utf-8",
    )
    assert removable_media_roots(table) == [
        Path("/media/kiosk/ĐIỂM HỖ TRỢ"),
        Path("/media/kiosk-usb/sdb1"),
        Path("/run/media/volunteer/STICK"),
    ]
    assert removable_media_roots(tmp_path / "no-such-table") == []
