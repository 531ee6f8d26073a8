"""Listing the sticks: from a written mount table, from real mounts, and the folders offered beside them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.system.removable import (
    REMOVABLE_PARENTS,
    Drive,
    folder_drives,
    is_removable_mount,
    list_drives,
    removable_drives,
)
from tests.helpers.mounts import read_only_ext4, tmpfs


@pytest.fixture
def media(tmp_path: Path) -> Path:
    """Where this test's sticks are mounted (in place of /media)."""
    folder = tmp_path / "media"
    folder.mkdir()
    return folder


def _table(tmp_path: Path, text: str) -> Path:
    table = tmp_path / "mounts"
    table.write_text(text, encoding="utf-8")
    return table


def test_sticks_are_below_the_removable_media_folders_not_at_them() -> None:
    assert [Path("/media"), Path("/run/media"), Path("/mnt")] == list(REMOVABLE_PARENTS)
    assert is_removable_mount(Path("/media/kiosk/USB"))
    assert is_removable_mount(Path("/run/media/kiosk/USB"))
    assert is_removable_mount(Path("/mnt/stick"))
    assert not is_removable_mount(Path("/"))
    assert not is_removable_mount(Path("/home"))
    assert not is_removable_mount(Path("/media"))
    assert not is_removable_mount(Path("/mediacenter/USB"))


def test_the_kernels_table_gives_the_sticks_their_names_and_writability(tmp_path: Path, media: Path) -> None:
    for name in ("sdb1", "ĐIỂM HỖ TRỢ", "sdd1", "proc"):
        (media / name).mkdir()
    table = _table(
        tmp_path,
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
        "proc /proc proc rw 0 0\n"
        f"/dev/sdb1 {media}/sdb1 vfat rw,flush 0 0\n"
        f"/dev/sdc1 {media}/ĐIỂM\\040HỖ\\040TRỢ vfat ro,nosuid 0 0\n"
        f"/dev/sdd1 {media}/sdd1 exfat rw 0 0\n"
        f"proc {media}/proc proc rw 0 0\n"
        f"/dev/sde1 {media}/gone vfat rw 0 0\n"
        "/dev/sdf1 /home ext4 rw 0 0\n",
    )
    labels = tmp_path / "by-label"
    labels.mkdir()
    (labels / "KIOSK\\x20USB").symlink_to("/dev/sdb1")

    drives = removable_drives(mounts=table, labels=labels, parents=(media,))

    assert [(d.path, d.name, d.writable) for d in drives] == [
        (media / "sdb1", "KIOSK USB", True),
        (media / "sdd1", "sdd1", True),
        (media / "ĐIỂM HỖ TRỢ", "ĐIỂM HỖ TRỢ", False),
    ]
    assert all(drive.free_bytes > 0 for drive in drives)


def test_a_mount_over_a_mount_counts_once_as_the_one_on_top(tmp_path: Path, media: Path) -> None:
    (media / "sdb1").mkdir()
    table = _table(tmp_path, f"/dev/sdb1 {media}/sdb1 vfat ro 0 0\n/dev/sdb1 {media}/sdb1 vfat rw 0 0\n")
    [drive] = removable_drives(mounts=table, labels=tmp_path / "none", parents=(media,))
    assert drive.writable


def test_no_mount_table_means_no_sticks_and_the_folders_still_come(tmp_path: Path) -> None:
    folder = tmp_path / "training-stick"
    folder.mkdir()
    drives = list_drives([folder, tmp_path / "missing"], mounts=tmp_path / "no-such-table")
    assert drives == [Drive(folder, "training-stick", True, drives[0].free_bytes)]
    assert drives[0].free_bytes > 0


def test_a_read_only_folder_is_offered_but_not_as_writable(tmp_path: Path) -> None:
    with read_only_ext4(tmp_path / "ro", tmp_path / "ro.img") as folder:
        [drive] = folder_drives([folder])
    assert drive.path == tmp_path / "ro" and not drive.writable


def test_real_mounts_are_listed_with_what_each_holds(tmp_path: Path, media: Path) -> None:
    """A tmpfs stick and a read-only ext4 stick, read back from the kernel's own table."""
    with (
        tmpfs(media / "KIOSK USB", "1m") as writable,
        read_only_ext4(media / "RO", tmp_path / "ro.img") as ro,
    ):
        drives = list_drives([tmp_path], parents=(media,))
        (writable / "fill").write_bytes(b"x" * 512 * 1024)
        fuller = list_drives(parents=(media,))
    assert [(d.path, d.name, d.writable) for d in drives] == [
        (writable, "KIOSK USB", True),
        (ro, "RO", False),
        (tmp_path, tmp_path.name, os.access(tmp_path, os.W_OK)),
    ]
    assert 900 * 1024 < drives[0].free_bytes <= 1024 * 1024
    assert fuller[0].free_bytes <= drives[0].free_bytes - 512 * 1024
    # Unmounted: gone from the list.
    assert list_drives(parents=(media,)) == []
