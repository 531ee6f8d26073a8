"""Exports are signed by the kiosk: a forgery made as the security review's M7 made it fails
``verify-export``; a forgery signed with another key fails against the pinned fingerprint, or
this kiosk's own key; the secret key never leaves the data dir."""

from __future__ import annotations

import io
import json
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from kiosk.cli import parse, run_core_command
from kiosk.content.signing import SecretKey
from kiosk.export.cli import verify_export_command
from kiosk.export.identity import kiosk_id
from kiosk.export.kiosk_key import KioskKey, load_or_create
from kiosk.export.manifest import SIGNATURE
from kiosk.export.verify import check_export, verify_export
from kiosk.stats.db import open_database
from kiosk.stats.demo import demo_data
from kiosk.system import paths
from tests.helpers.export_forgery import add_fake_visits, recompute_manifest
from tests.helpers.stats import SOURCE, TUTORIALS, export

MINISIGN = shutil.which("minisign")


@pytest.fixture
def exported(data_dir: Path, tmp_path: Path) -> Path:
    """An export made by this kiosk (its own id and key, in the test's data dir)."""
    database = open_database(data_dir / "statistics.sqlite3")
    try:
        demo_data(database, 30, tutorials=TUTORIALS, seed=5)
    finally:
        database.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    out = io.StringIO()
    assert run_core_command(parse(["export", "--to", str(stick)]), out) == 0, out.getvalue()
    [folder] = (stick / "digital-literacy-kiosk").iterdir()
    return folder


def _verify(folder: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    status = run_core_command(parse(["verify-export", str(folder), *args]), out)
    assert status is not None
    return status, out.getvalue()


def test_a_good_export_names_its_kiosk_and_key(exported: Path) -> None:
    key = load_or_create()
    status, text = _verify(exported)
    assert status == 0, text
    assert text.splitlines() == [
        f"{exported}: every file matches manifest.json, signed by kiosk {kiosk_id()}",
        f"{exported}: signing key fingerprint {key.fingerprint}",
        f"{exported}: this is this kiosk's own key: the export was made here and is unchanged",
    ]
    manifest = json.loads((exported / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kiosk_key"]["fingerprint"] == key.fingerprint
    assert manifest["kiosk_key"]["minisign_public_key"] == key.public_key.base64()


def test_elsewhere_it_says_to_compare_the_fingerprint(exported: Path) -> None:
    fingerprint = load_or_create().fingerprint
    # Another machine: a district office's, with no kiosk id or key of its own.
    paths.kiosk_id_file().unlink()
    paths.kiosk_key_file().unlink()
    status, text = _verify(exported)
    assert status == 0, text
    assert f"signing key fingerprint {fingerprint}\n" in text
    assert "compare this fingerprint with the one on that kiosk's organiser screen" in text
    # Checking never makes an id or a key on the office's machine.
    assert not paths.kiosk_id_file().exists() and not paths.kiosk_key_file().exists()
    # Pinned, in any case and with or without spaces.
    status, text = _verify(exported, "--fingerprint", fingerprint.replace(" ", "").lower())
    assert status == 0, text
    assert text.endswith(
        "this is the fingerprint you gave: the export is unchanged since that kiosk signed it\n"
    )


def test_the_review_s_forgery_fails(exported: Path) -> None:
    """M7: 500 visits more, every hash, size, row count and the manifest's own hash recomputed."""
    add_fake_visits(exported)
    recompute_manifest(exported)
    # Without the signature the forgery is perfect: only the signature tells.
    assert check_export(exported).problems == [
        f"{SIGNATURE}: the signature does not match: the file was changed after it was signed; "
        "do not rely on this export"
    ]
    status, text = _verify(exported)
    assert status == 1
    assert text == (
        f"{exported}: {SIGNATURE}: the signature does not match: the file was changed after it was "
        "signed; do not rely on this export\n"
    )


def test_a_forgery_signed_with_another_key_fails_the_pin(exported: Path) -> None:
    real = load_or_create().fingerprint
    forger = KioskKey(SecretKey.generate(), "2026-12-07T10:00Z")
    add_fake_visits(exported)
    recompute_manifest(exported, key=forger)
    # Elsewhere, with nothing pinned, it is "good" but shows the forger's fingerprint, not the kiosk's.
    assert check_export(exported).signer is not None
    status, text = _verify(exported, "--fingerprint", real)
    assert status == 1
    assert text == (
        f"{exported}: {SIGNATURE}: signed by key {forger.fingerprint}, not by the key you gave ({real}): "
        "the export was not made by that kiosk, or was changed and signed again; do not rely on it\n"
    )
    # On the kiosk it names, no pin is needed: its own key is the pin.
    status, text = _verify(exported)
    assert status == 1
    assert f"but this kiosk ({kiosk_id()[:8]}), which the manifest names, signs with key {real}" in text
    # And the job's own read-back refuses it too.
    assert verify_export(exported) != []


def test_a_missing_signature_fails(exported: Path) -> None:
    (exported / SIGNATURE).unlink()
    status, text = _verify(exported)
    assert status == 1
    assert text == (
        f"{exported}: {SIGNATURE}: missing, so nothing shows that the export comes unchanged from a "
        "kiosk; do not rely on it\n"
    )


def test_a_fingerprint_that_is_not_one_is_refused(exported: Path) -> None:
    status, text = _verify(exported, "--fingerprint", "12AB")
    assert status == 1
    assert text.startswith("error: '12AB' is not a key fingerprint")


def test_the_secret_key_is_0600_and_never_in_an_export(exported: Path, data_dir: Path) -> None:
    key_file = paths.kiosk_key_file()
    assert key_file.parent == data_dir
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    secret = load_or_create().secret.seed
    stored = key_file.read_bytes()
    for path in exported.iterdir():
        data = path.read_bytes()
        assert secret not in data, path.name
        assert stored.splitlines()[1] not in data, path.name
    assert sorted(path.name for path in exported.iterdir() if not path.name.endswith(".csv")) == [
        "day_counts.json",
        "manifest.json",
        SIGNATURE,
        "report.pdf",
    ]


def test_the_report_shows_the_fingerprint(exported: Path) -> None:
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(exported / "report.pdf").pages)
    assert load_or_create().fingerprint in text


@pytest.mark.skipif(MINISIGN is None, reason="the minisign CLI is not installed (packaging/dev/setup.sh)")
def test_an_office_can_check_it_with_minisign_alone(exported: Path) -> None:
    public = json.loads((exported / "manifest.json").read_text(encoding="utf-8"))["kiosk_key"]
    assert MINISIGN is not None
    done = subprocess.run(
        [MINISIGN, "-V", "-P", public["minisign_public_key"], "-m", str(exported / "manifest.json")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"kiosk {kiosk_id()}; key {public['fingerprint']}" in done.stdout
    add_fake_visits(exported)
    recompute_manifest(exported)
    done = subprocess.run(
        [MINISIGN, "-V", "-P", public["minisign_public_key"], "-m", str(exported / "manifest.json")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode != 0


def test_the_job_signs_with_the_key_it_makes(data_dir: Path, tmp_path: Path) -> None:
    """An export at a kiosk's very first start makes the key (0600) and signs with it."""
    database = data_dir / "statistics.sqlite3"
    opened = open_database(database)
    try:
        demo_data(opened, 3, tutorials=TUTORIALS, seed=1)
    finally:
        opened.close()
    assert not paths.kiosk_key_file().exists()
    target = tmp_path / "stick"
    target.mkdir()
    result = export(database, target)
    assert stat.S_IMODE(paths.kiosk_key_file().stat().st_mode) == 0o600
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kiosk_key"]["fingerprint"] == load_or_create().fingerprint
    assert manifest["kiosk_id"] == SOURCE.kiosk_id
    assert verify_export(result.folder) == []
    assert verify_export_command(result.folder, io.StringIO()) == 0
