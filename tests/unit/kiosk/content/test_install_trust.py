"""Only signed packs from trusted, unrevoked keys install, and never an older or altered version unasked.

Each refusal says why and changes nothing: the state, what the kiosk shows, and the staging area.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.content.install import InstallError, OlderVersionError, install_pack
from kiosk.content.installed import STAGING, packs_dir, read_state
from kiosk.content.manifest import MANIFEST_FILE, SIGNATURE_FILE, make_manifest, write_manifest
from kiosk.content.packs import pack_folders
from kiosk.content.signing import PublicKey, SecretKey
from kiosk.content.trust import load_trust, revoke_key, trust_key
from kiosk.content.versions import is_older
from kiosk.system import paths
from tests.helpers.content_packs import (
    BUNDLED_VERSION,
    GOOD_PACK_ID,
    TEAM_PUBLIC_KEY,
    bundled_content,
    sign_pack,
    stick_pack,
)

TEAM_KEY_ID = "5BC61667524B3FA8"
NEW = "2026.12.01"


@pytest.fixture(autouse=True)
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = bundled_content(tmp_path / "bundle-content")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(folder))
    return folder


def _shown() -> dict[str, tuple[str, list[str]]]:
    """pack id -> (version in pack.yaml, every file with its bytes' hash) of what the kiosk shows."""
    shown = {}
    for folder in pack_folders(packs_dir()):
        manifest = make_manifest(folder)
        shown[folder.name] = (manifest.content_version, [f"{e.path}:{e.sha256}" for e in manifest.files])
    return shown


def _refused(pack: Path, match: str, *, allow_older: bool = False) -> InstallError:
    before_state, before = read_state(paths.installed_content_dir()), _shown()
    with pytest.raises(InstallError, match=match) as refusal:
        install_pack(pack, allow_older=allow_older)
    assert read_state(paths.installed_content_dir()) == before_state
    assert _shown() == before
    staging = paths.installed_content_dir() / STAGING
    assert not staging.is_dir() or not list(staging.iterdir())
    return refusal.value


def test_a_signed_pack_installs_and_names_its_signer(tmp_path: Path) -> None:
    result = install_pack(stick_pack(tmp_path / "stick", version=NEW))
    assert result.signer is not None
    assert (result.signer.name, result.signer.key_id) == ("test content team", TEAM_KEY_ID)
    # The manifest and its signature are kept byte for byte: the installed pack verifies again.
    installed = packs_dir() / GOOD_PACK_ID
    assert (installed / SIGNATURE_FILE).read_bytes() == (
        tmp_path / "stick/kiosk-content/good-pack" / SIGNATURE_FILE
    ).read_bytes()
    assert _shown()[GOOD_PACK_ID][0] == NEW


def test_an_unsigned_pack_is_refused(tmp_path: Path) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW)
    (pack / SIGNATURE_FILE).unlink()
    _refused(
        pack,
        r"manifest.json is not signed \(no manifest.json.minisig\): this kiosk installs signed packs only",
    )


def test_a_manifest_changed_after_signing_is_refused(tmp_path: Path) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW)
    svg = pack / "tutorials" / "vneid-login" / "images" / "01-open-app.svg"
    svg.write_bytes(svg.read_bytes().replace(b"</svg>", b"<!-- changed --></svg>"))
    # The one who changed the picture made the manifest again, but cannot sign it.
    write_manifest(pack, make_manifest(pack))
    _refused(
        pack,
        f"manifest.json does not match its signature by test content team \\(key {TEAM_KEY_ID}\\):"
        " it was changed after it was signed",
    )


def test_a_file_changed_after_signing_is_refused(tmp_path: Path) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW)
    text = pack / "vi.yaml"
    data = bytearray(text.read_bytes())
    data[-2] ^= 0x01  # same size: only the hash tells
    text.write_bytes(bytes(data))
    error = _refused(pack, "vi.yaml on the stick does not match manifest.json \\(its SHA-256 differs\\)")
    assert GOOD_PACK_ID not in str(error) or "vi.yaml" in str(error)


def test_a_pack_signed_by_an_unknown_key_is_refused_with_the_key_id(tmp_path: Path) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW)
    stranger = SecretKey.generate()
    sign_pack(pack, stranger)
    error = _refused(pack, f"signed by key {stranger.public_key.id_text}, which this kiosk does not trust")
    assert "kiosk content trust" in str(error)


def test_a_trusted_but_revoked_key_is_refused(tmp_path: Path) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW)
    revoke_key(TEAM_KEY_ID.lower())
    _refused(
        pack,
        f"signed by key {TEAM_KEY_ID} \\(test content team\\), which was revoked: it may not be installed",
    )
    # Trusting it again does not lift the revocation.
    trust_key(PublicKey.from_text(TEAM_PUBLIC_KEY.read_text(encoding="utf-8")), "again")
    _refused(pack, "which was revoked")


def test_a_key_revoked_in_the_bundle_is_refused_even_when_bundled(tmp_path: Path, bundled: Path) -> None:
    keys = bundled / "keys"
    keys.mkdir()
    shutil.copy(TEAM_PUBLIC_KEY, keys / "content-team.pub")
    (keys / "revoked.txt").write_text(
        f"# leaked on 2026-12-01\n{TEAM_KEY_ID}  # the old laptop\n", encoding="utf-8"
    )
    pack = stick_pack(tmp_path / "stick", version=NEW)
    paths.content_trust_file().unlink()  # only the bundle's word counts here
    store = load_trust()
    assert [key.name for key in store.keys] == ["content-team"] and TEAM_KEY_ID in store.revoked
    _refused(pack, "which was revoked")


def test_a_bundled_key_is_trusted_without_the_organiser(tmp_path: Path, bundled: Path) -> None:
    (bundled / "keys").mkdir()
    shutil.copy(TEAM_PUBLIC_KEY, bundled / "keys" / "Nhóm nội dung.pub")
    pack = stick_pack(tmp_path / "stick", version=NEW)
    paths.content_trust_file().unlink()
    result = install_pack(pack)
    assert result.signer is not None and result.signer.name == "Nhóm nội dung" and result.signer.bundled


def test_an_older_version_is_refused_unless_chosen(tmp_path: Path) -> None:
    install_pack(stick_pack(tmp_path / "new", version=NEW))
    older = stick_pack(tmp_path / "old", version="2026.11.30")
    error = _refused(older, f"good-pack 2026.11.30 is older than {NEW}, shown now: nothing was installed")
    assert isinstance(error, OlderVersionError)
    assert (error.offered, error.installed) == ("2026.11.30", NEW)
    result = install_pack(older, allow_older=True)
    assert (result.content_version, result.replaced_version) == ("2026.11.30", NEW)
    assert _shown()[GOOD_PACK_ID][0] == "2026.11.30"


def test_an_older_version_than_the_bundled_one_is_refused_too(tmp_path: Path) -> None:
    assert is_older("2026.11.01", BUNDLED_VERSION)
    _refused(stick_pack(tmp_path / "old", version="2026.11.01"), f"older than {BUNDLED_VERSION}")


def test_the_same_version_with_other_files_is_refused(tmp_path: Path) -> None:
    install_pack(stick_pack(tmp_path / "first", version=NEW))
    again = stick_pack(tmp_path / "again", version=NEW)
    # Signed by the team, but changed without a new content_version.
    with (again / "vi.yaml").open("a", encoding="utf-8") as text:
        text.write("# sửa\n")
    write_manifest(again, make_manifest(again))
    sign_pack(again)
    error = _refused(again, f"good-pack {NEW} on the stick has other files than good-pack {NEW} shown now")
    assert error.details == ("vi.yaml",)
    # With the same files it installs again (a repair), and nothing is refused.
    same = stick_pack(tmp_path / "same", version=NEW)
    assert install_pack(same, allow_older=False).replaced_version == NEW


def test_a_pack_signed_with_the_minisign_cli_installs(tmp_path: Path) -> None:
    minisign = shutil.which("minisign")
    if minisign is None:
        pytest.skip("the minisign CLI is not installed (packaging/dev/setup.sh installs it)")
    public, secret = tmp_path / "team.pub", tmp_path / "team.key"
    subprocess.run(
        [minisign, "-G", "-W", "-p", public, "-s", secret],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    pack = stick_pack(tmp_path / "stick", version=NEW)
    (pack / SIGNATURE_FILE).unlink()
    subprocess.run(
        [minisign, "-S", "-W", "-s", secret, "-m", pack / MANIFEST_FILE],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    key = PublicKey.from_text(public.read_text(encoding="utf-8"))
    _refused(pack, f"signed by key {key.id_text}, which this kiosk does not trust")
    trust_key(key, "minisign team")
    result = install_pack(pack)
    assert result.signer is not None and result.signer.name == "minisign team"


@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_a_signature_that_is_not_a_plain_file_is_refused(tmp_path: Path, kind: str) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW)
    signature = pack / SIGNATURE_FILE
    signature.unlink()
    if kind == "link":
        signature.symlink_to("/dev/zero")
        _refused(pack, "manifest.json.minisig is a link")
    else:
        import os

        os.mkfifo(signature)
        _refused(pack, "manifest.json.minisig is not a plain file")
