"""Content packs on a "USB stick" (a folder) and a bundled content folder, for the install tests.

Qt-free: the core's tests use it in the environment without PySide6. Packs on sticks are signed
with the test suite's own key (tests/data/keys, never trusted outside the tests), which
``stick_pack`` trusts in the test's data dir, as an organiser would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content.manifest import MANIFEST_FILE, SIGNATURE_FILE, make_manifest, write_manifest
from kiosk.content.signing import PublicKey, SecretKey
from kiosk.content.sticks import STICK_FOLDER
from kiosk.content.trust import TrustedKey, trust_key

REPO = Path(__file__).resolve().parents[2]
GOOD_PACK = REPO / "tests" / "data" / "good-pack"
GOOD_PACK_ID = "good-pack"
BUNDLED_VERSION = "2026.11.24"
TUTORIALS = ("vneid-login", "safe-install")
TEST_KEYS = REPO / "tests" / "data" / "keys"
# A key pair for the tests only (made with `minisign -G -W`); its secret half is public in the repo.
TEAM_SECRET_KEY = TEST_KEYS / "test-content-team.key"
TEAM_PUBLIC_KEY = TEST_KEYS / "test-content-team.pub"
TEAM_KEY_NAME = "test content team"


def team_key() -> SecretKey:
    return SecretKey.from_text(TEAM_SECRET_KEY.read_text(encoding="utf-8"))


def trust_team_key() -> TrustedKey:
    """Trust the tests' content key in the current data dir (as `kiosk content trust` does)."""
    return trust_key(PublicKey.from_text(TEAM_PUBLIC_KEY.read_text(encoding="utf-8")), TEAM_KEY_NAME)


def sign_pack(pack: Path, key: SecretKey | None = None) -> Path:
    """(Re)sign the pack's manifest.json as it is, even broken (as `minisign -Sm` would), with
    ``key`` (the tests' content key by default)."""
    key = key if key is not None else team_key()
    signature = key.sign((pack / MANIFEST_FILE).read_bytes(), "file:manifest.json")
    target = pack / SIGNATURE_FILE
    target.write_text(signature.to_text(), encoding="utf-8")
    return target


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
    """A pack with its signed manifest on a stick: ``<stick>/kiosk-content/<pack_id>``; its key is trusted."""
    pack = make_pack(stick / STICK_FOLDER, version=version, pack_id=pack_id, title_suffix=title_suffix)
    write_manifest(pack, make_manifest(pack))
    sign_pack(pack)
    trust_team_key()
    return pack


def bundled_content(folder: Path) -> Path:
    """A content folder as the kiosk ships one: the repo's UI texts and the good pack as its packs."""
    shutil.copytree(REPO / "content" / "ui", folder / "ui")
    shutil.copytree(GOOD_PACK, folder / "packs" / GOOD_PACK_ID)
    return folder
