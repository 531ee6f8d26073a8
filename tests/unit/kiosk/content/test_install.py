"""Installing a content pack from a stick: verified, checked, all or nothing, and rolled back.

The kiosk's own reading is the judge: after an install, ``kiosk.content.installed.packs_dir`` and the
start-up loader (with its cache) must show the new ``content_version``; after a refused
install, exactly what was shown before.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.content.cache import load_content
from kiosk.content.check import check_report
from kiosk.content.install import InstallError, InstallProgress, Stage, install_pack, rollback
from kiosk.content.installed import SETS, STAGING, packs_dir, read_state
from kiosk.content.manifest import MANIFEST_FILE, make_manifest, write_manifest
from kiosk.system import paths
from tests.helpers.content_packs import (
    BUNDLED_VERSION,
    GOOD_PACK_ID,
    bundled_content,
    make_pack,
    replace_once,
    sign_pack,
    stick_pack,
    trust_team_key,
)

NEW_VERSION = "2026.12.01"
HIT = "content unchanged since it was last checked"


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The kiosk's shipped content: the good pack at BUNDLED_VERSION."""
    folder = bundled_content(tmp_path / "bundle-content")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(folder))
    return folder


def _staged() -> list[Path]:
    """What an install left in its staging area (it must leave nothing)."""
    staging = paths.installed_content_dir() / STAGING
    return list(staging.iterdir()) if staging.is_dir() else []


def _shown_versions() -> dict[str, str]:
    """tutorial id -> content_version, as the kiosk's start-up loads them (through its cache)."""
    ui_text, catalogue = load_content(paths.ui_text_dir(), packs_dir(), paths.content_cache_file())
    assert ui_text.languages()[0] == "vi"
    return {tutorial.id: tutorial.content_version for tutorial in catalogue.tutorials}


def test_an_install_is_what_the_kiosk_shows_next_and_the_cache_does_not_hide_it(
    bundled: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    assert set(_shown_versions().values()) == {BUNDLED_VERSION}
    assert set(_shown_versions().values()) == {BUNDLED_VERSION}
    assert HIT in caplog.text  # the second start came from the cache
    caplog.clear()
    pack = stick_pack(tmp_path / "stick", version=NEW_VERSION, title_suffix=" (mới)")
    steps: list[InstallProgress] = []

    result = install_pack(pack, on_progress=steps.append)

    assert (result.pack_id, result.content_version, result.replaced_version) == (
        GOOD_PACK_ID,
        NEW_VERSION,
        BUNDLED_VERSION,
    )
    assert packs_dir() == result.packs_dir
    assert result.packs_dir.parent == paths.installed_content_dir() / SETS
    assert set(_shown_versions().values()) == {NEW_VERSION}
    assert HIT not in caplog.text
    _, catalogue = load_content(paths.ui_text_dir(), packs_dir(), paths.content_cache_file())
    assert catalogue.tutorial("vneid-login").text("vi").title == "Đăng nhập VNeID (mới)"
    # Progress: every stage in order, bytes rising to the total.
    stages = [step.stage for step in steps]
    assert stages[0] is Stage.VERIFYING and stages[-1] is Stage.DONE
    assert stages.index(Stage.CHECKING) < stages.index(Stage.SWITCHING)
    copied = [step.done_bytes for step in steps if step.stage is Stage.COPYING]
    assert copied == sorted(copied) and copied[-1] == steps[-1].total_bytes
    # The installed pack keeps its manifest; nothing is left half-made.
    assert (result.packs_dir / GOOD_PACK_ID / MANIFEST_FILE).is_file()
    assert not _staged()
    # The bundled pack itself is never changed.
    assert BUNDLED_VERSION in (bundled / "packs" / GOOD_PACK_ID / "pack.yaml").read_text(encoding="utf-8")


def test_a_new_pack_is_shown_beside_the_bundled_ones(bundled: Path, tmp_path: Path) -> None:
    result = install_pack(stick_pack(tmp_path / "stick", version="1", pack_id="extra"))
    assert result.replaced_version is None
    assert _shown_versions() == {
        "vneid-login": BUNDLED_VERSION,
        "safe-install": BUNDLED_VERSION,
        "extra-vneid-login": "1",
        "extra-safe-install": "1",
    }


def test_rollback_returns_to_the_content_before_and_back_again(bundled: Path, tmp_path: Path) -> None:
    install_pack(stick_pack(tmp_path / "a", version="2026.12.01"))
    install_pack(stick_pack(tmp_path / "b", version="2026.12.15"))
    assert set(_shown_versions().values()) == {"2026.12.15"}

    back = rollback()
    assert not back.bundled and back.packs == ((GOOD_PACK_ID, "2026.12.01"),)
    assert set(_shown_versions().values()) == {"2026.12.01"}
    # A rollback can itself be undone: the two swap places.
    rollback()
    assert set(_shown_versions().values()) == {"2026.12.15"}
    # Only the shown set and the one before it are kept.
    assert len(list((paths.installed_content_dir() / SETS).iterdir())) == 2


def test_rollback_of_the_first_install_returns_to_the_bundled_packs(bundled: Path, tmp_path: Path) -> None:
    install_pack(stick_pack(tmp_path / "stick", version=NEW_VERSION))
    result = rollback()
    assert result.bundled
    assert result.packs_dir == paths.bundled_packs_dir() == packs_dir()
    assert set(_shown_versions().values()) == {BUNDLED_VERSION}


def test_the_bundled_packs_can_be_brought_back_after_several_installs(bundled: Path, tmp_path: Path) -> None:
    install_pack(stick_pack(tmp_path / "a", version="2026.12.01"))
    install_pack(stick_pack(tmp_path / "b", version="2026.12.15"))
    result = rollback(to_bundled=True)
    assert result.bundled and result.packs == ((GOOD_PACK_ID, BUNDLED_VERSION),)
    assert set(_shown_versions().values()) == {BUNDLED_VERSION}
    with pytest.raises(InstallError, match="already shown"):
        rollback(to_bundled=True)
    rollback()
    assert set(_shown_versions().values()) == {"2026.12.15"}


def test_nothing_to_roll_back_says_so(bundled: Path) -> None:
    with pytest.raises(InstallError, match="nothing to roll back"):
        rollback()


def _refused(pack: Path, match: str) -> InstallError:
    """Install ``pack``, expect a refusal matching ``match``, and prove nothing changed."""
    before_state = read_state(paths.installed_content_dir())
    before = _shown_versions()
    with pytest.raises(InstallError, match=match) as refusal:
        install_pack(pack)
    assert read_state(paths.installed_content_dir()) == before_state
    assert _shown_versions() == before
    assert not _staged()
    return refusal.value


def test_a_flipped_byte_is_refused_and_the_old_pack_stays(bundled: Path, tmp_path: Path) -> None:
    install_pack(stick_pack(tmp_path / "first", version="2026.11.30"))
    pack = stick_pack(tmp_path / "stick", version=NEW_VERSION)
    svg = pack / "tutorials" / "vneid-login" / "images" / "01-open-app.svg"
    data = bytearray(svg.read_bytes())
    data[len(data) // 2] ^= 0x01
    svg.write_bytes(bytes(data))
    error = _refused(pack, "SHA-256")
    assert "tutorials/vneid-login/images/01-open-app.svg" in str(error)
    assert set(_shown_versions().values()) == {"2026.11.30"}


def test_a_missing_file_is_refused_as_an_incomplete_copy(bundled: Path, tmp_path: Path) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW_VERSION)
    (pack / "tutorials" / "safe-install" / "en.yaml").unlink()
    error = _refused(pack, "incomplete")
    assert error.details == ("tutorials/safe-install/en.yaml",)
    assert set(_shown_versions().values()) == {BUNDLED_VERSION}


def test_a_truncated_file_is_refused(bundled: Path, tmp_path: Path) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW_VERSION)
    text = pack / "tutorials" / "vneid-login" / "vi.yaml"
    text.write_bytes(text.read_bytes()[:40])
    assert "tutorials/vneid-login/vi.yaml" in _refused(pack, "is not the one in manifest.json").details


def test_a_file_added_after_the_manifest_is_refused(bundled: Path, tmp_path: Path) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW_VERSION)
    (pack / "tutorials" / "vneid-login" / "notes.txt").write_text("draft", encoding="utf-8")
    # Hidden files (macOS writes ._* files on FAT sticks) are neither listed nor installed.
    (pack / "._pack.yaml").write_bytes(b"\0\5\26\7")
    error = _refused(pack, "not in manifest.json")
    assert error.details == ("tutorials/vneid-login/notes.txt",)


def test_a_pack_without_a_manifest_is_refused(bundled: Path, tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "stick", version=NEW_VERSION)
    _refused(pack, "manifest.json is missing")


def test_a_pack_failing_content_check_is_refused_with_the_checks_message(
    bundled: Path, tmp_path: Path
) -> None:
    pack = make_pack(tmp_path / "stick", version=NEW_VERSION)
    replace_once(pack / "tutorials" / "vneid-login" / "tutorial.yaml", "qr: https://", "qr: http://")
    check_errors = [p for p in check_report(pack).problems if p.severity.value == "error"]
    assert check_errors
    write_manifest(pack, make_manifest(pack))
    sign_pack(pack)
    trust_team_key()
    error = _refused(pack, "`kiosk content check` found 1 error$")
    assert len(error.details) == len(check_errors)
    for problem, line in zip(check_errors, error.details, strict=True):
        # The same finding, named by its place in the pack rather than in the staging folder.
        assert line.endswith(f":{problem.line}: error: {problem.message}")
        assert line.startswith(f"{GOOD_PACK_ID}/tutorials/vneid-login/tutorial.yaml:")


def test_tutorials_clashing_with_another_pack_are_refused(bundled: Path, tmp_path: Path) -> None:
    # A second pack that repeats the bundled pack's tutorial ids: the whole set must check clean.
    pack = make_pack(tmp_path / "stick", version="1", pack_id="copycat")
    for tutorial in ("vneid-login", "safe-install"):
        renamed = pack / "tutorials" / f"copycat-{tutorial}"
        replace_once(renamed / "tutorial.yaml", f"id: copycat-{tutorial}\n", f"id: {tutorial}\n")
        renamed.rename(pack / "tutorials" / tutorial)
        replace_once(pack / "pack.yaml", f"  - copycat-{tutorial}\n", f"  - {tutorial}\n")
    write_manifest(pack, make_manifest(pack))
    sign_pack(pack)
    trust_team_key()
    error = _refused(pack, "content check")
    assert any("is already in pack" in line for line in error.details)


def test_a_manifest_that_disagrees_with_pack_yaml_is_refused(bundled: Path, tmp_path: Path) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW_VERSION)
    manifest = (pack / MANIFEST_FILE).read_text(encoding="utf-8")
    (pack / MANIFEST_FILE).write_text(manifest.replace(NEW_VERSION, "2027.01.01"), encoding="utf-8")
    sign_pack(pack)  # signed as it is: the signature vouches for the team, not for the pack's sense
    _refused(pack, "pack.yaml says good-pack 2026.12.01")


def test_a_manifest_path_leaving_the_pack_is_refused(bundled: Path, tmp_path: Path) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW_VERSION)
    manifest = (pack / MANIFEST_FILE).read_text(encoding="utf-8")
    (pack / MANIFEST_FILE).write_text(manifest.replace('"vi.yaml"', '"../vi.yaml"'), encoding="utf-8")
    sign_pack(pack)
    _refused(pack, "not a path inside the pack")


def test_an_interrupted_install_leaves_the_shown_set_and_is_cleaned_up_by_the_next(
    bundled: Path, tmp_path: Path
) -> None:
    pack = stick_pack(tmp_path / "stick", version=NEW_VERSION)

    class StickPulledError(Exception):
        """The stick is pulled half-way through the copy."""

    def pull_half_way(step: InstallProgress) -> None:
        if step.stage is Stage.COPYING and step.done_bytes > step.total_bytes // 2:
            raise StickPulledError

    with pytest.raises(StickPulledError):
        install_pack(pack, on_progress=pull_half_way)
    assert packs_dir() == paths.bundled_packs_dir()
    assert not _staged()
    assert install_pack(pack).content_version == NEW_VERSION
    assert set(_shown_versions().values()) == {NEW_VERSION}


def test_a_damaged_state_file_falls_back_to_the_bundled_packs(
    bundled: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    install_pack(stick_pack(tmp_path / "stick", version=NEW_VERSION))
    (paths.installed_content_dir() / "state.json").write_text("{not json", encoding="utf-8")
    assert packs_dir() == paths.bundled_packs_dir()
    assert "unreadable" in caplog.text
