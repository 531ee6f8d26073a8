"""Content installs on real file systems: a read-only stick, a kiosk disk that is full.

A read-only stick (ext4 loop mounted ro) must install: installing only reads it. A data dir on
a tiny tmpfs is refused up front for space, and when the space runs out mid-copy anyway (a real
ENOSPC) the install is refused with the reason and the content shown stays as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import install
from kiosk.content.install import InstallError, install_pack
from kiosk.content.installed import STAGING, active_packs_dir
from kiosk.content.manifest import pack_identity
from kiosk.content.trust import load_trust
from tests.helpers.content_packs import GOOD_PACK_ID, bundled_content, stick_pack
from tests.helpers.mounts import read_only_ext4, tmpfs


def test_a_pack_installs_from_a_read_only_stick(tmp_path: Path) -> None:
    bundled = bundled_content(tmp_path / "bundle") / "packs"
    root = tmp_path / "data" / "installed-content"

    def fill(stick: Path) -> None:
        stick_pack(stick, version="2026.12.01")

    with read_only_ext4(tmp_path / "stick", tmp_path / "stick.img", fill) as stick:
        result = install_pack(stick / "kiosk-content" / GOOD_PACK_ID, root=root, bundled=bundled)
    assert result.content_version == "2026.12.01"
    shown = active_packs_dir(root)
    assert shown is not None and pack_identity(shown / GOOD_PACK_ID)[1] == "2026.12.01"


def test_no_room_on_the_kiosk_is_refused_before_copying(tmp_path: Path) -> None:
    bundled = bundled_content(tmp_path / "bundle") / "packs"
    pack = stick_pack(tmp_path / "stick", version="2026.12.01")
    trust = load_trust()  # read before the small disk hides the data dir
    with tmpfs(tmp_path / "data", "1m") as data:
        with pytest.raises(InstallError, match="not enough free space for the content"):
            install_pack(pack, root=data / "installed-content", bundled=bundled, trust=trust)
        assert active_packs_dir(data / "installed-content") is None


def test_a_disk_filling_up_mid_copy_leaves_the_content_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = bundled_content(tmp_path / "bundle") / "packs"
    pack = stick_pack(tmp_path / "stick", version="2026.12.01")
    # The pack's bytes fit in 32 KB, but each of its 15 small files takes a 4 KB page on tmpfs.
    # Past the up-front space check, so the copy itself meets the full disk.
    monkeypatch.setattr(install, "_SPARE_BYTES", 0)
    trust = load_trust()  # read before the small disk hides the data dir
    with tmpfs(tmp_path / "data", "32k") as data:
        root = data / "installed-content"
        with pytest.raises(InstallError, match="No space left on device"):
            install_pack(pack, root=root, bundled=bundled, trust=trust)
        assert active_packs_dir(root) is None
        staging = root / STAGING
        assert not staging.is_dir() or not list(staging.iterdir())
