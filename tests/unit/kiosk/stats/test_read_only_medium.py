"""Seeing that the statistics sit on a read-only medium, with and without ``os.statvfs`` (Windows)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.stats.startup import on_read_only_medium
from tests.helpers.mounts import read_only_ext4


@pytest.mark.parametrize("statvfs", [True, False], ids=["statvfs", "no-statvfs"])
def test_a_read_only_mount_is_seen_and_a_writable_folder_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, statvfs: bool
) -> None:
    with read_only_ext4(tmp_path / "mnt", tmp_path / "disk.img") as folder:
        if not statvfs:
            monkeypatch.delattr(os, "statvfs")
        assert on_read_only_medium(folder / "statistics.sqlite3")
        assert not on_read_only_medium(tmp_path / "not-yet" / "statistics.sqlite3")
