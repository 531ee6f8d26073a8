"""Install runs ``content check`` on its staged copy: a pack signed by a trusted key but
breaking the kiosk's allow-list or a hard limit is refused all the same, and nothing changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.cache import load_content
from kiosk.content.install import InstallError, install_pack
from kiosk.content.installed import STAGING, packs_dir, read_state
from kiosk.content.manifest import make_manifest, write_manifest
from kiosk.system import paths
from tests.helpers.content_packs import bundled_content, make_pack, replace_once, sign_pack, trust_team_key

LOGIN = Path("tutorials/vneid-login")


@pytest.fixture(autouse=True)
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = bundled_content(tmp_path / "bundle-content")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(folder))
    return folder


def _signed(pack: Path) -> Path:
    write_manifest(pack, make_manifest(pack))
    sign_pack(pack)
    trust_team_key()
    return pack


def _shown() -> dict[str, str]:
    _ui, catalogue = load_content(paths.ui_text_dir(), packs_dir(), paths.content_cache_file())
    return {tutorial.id: tutorial.qr_url for tutorial in catalogue.tutorials}


def _refused(pack: Path) -> InstallError:
    state, shown = read_state(paths.installed_content_dir()), _shown()
    with pytest.raises(InstallError, match="`kiosk content check` found") as refusal:
        install_pack(pack)
    assert read_state(paths.installed_content_dir()) == state
    assert _shown() == shown
    staging = paths.installed_content_dir() / STAGING
    assert not staging.is_dir() or not list(staging.iterdir())
    return refusal.value


def test_a_look_alike_domain_added_by_the_pack_is_refused_at_install(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "stick", version="2026.12.01")
    replace_once(pack / "pack.yaml", "  - vneid.gov.vn\n", "  - vneid.gov.vn\n  - evil.example\n")
    replace_once(
        pack / LOGIN / "tutorial.yaml",
        "qr: https://vneid.gov.vn\n",
        "qr: https://vneid.gov.vn.evil.example/login\n",
    )
    error = _refused(_signed(pack))
    assert [line.split(": error: ")[0] for line in error.details] == [
        "good-pack/pack.yaml:8",
        "good-pack/tutorials/vneid-login/tutorial.yaml:3",
    ]
    assert "vneid.gov.vn.evil.example" not in " ".join(_shown().values())


def test_a_picture_over_its_size_cap_is_refused_at_install(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "stick", version="2026.12.01")
    with (pack / LOGIN / "images/01-open-app.svg").open("ab") as picture:
        picture.write(b"<!--" + b"-" * (300 * 1024) + b"-->\n")
    error = _refused(_signed(pack))
    assert error.details == (
        "good-pack/tutorials/vneid-login/images/01-open-app.svg:1: error:"
        " file is 300 KB; the limit for this kind of file is 256 KB",
    )


def test_a_file_named_with_escape_sequences_never_reaches_the_screen_raw(tmp_path: Path) -> None:
    # The review's repro: a file left out of the manifest, whose name clears the screen and
    # retitles the terminal; the refusal names it, escaped.
    pack = _signed(make_pack(tmp_path / "stick", version="2026.12.01"))
    (pack / LOGIN / "images" / "esc\x1b[2J\x1b]0;pwned\x07.svg").write_text("<svg/>", encoding="utf-8")
    state = read_state(paths.installed_content_dir())
    with pytest.raises(InstallError, match="control or right-to-left characters in a file name") as refusal:
        install_pack(pack)
    assert read_state(paths.installed_content_dir()) == state
    assert "\x1b" not in str(refusal.value) and "\x07" not in str(refusal.value)
    assert "tutorials/vneid-login/images/esc\\x1b[2J\\x1b]0;pwned\\x07.svg" in str(refusal.value)
