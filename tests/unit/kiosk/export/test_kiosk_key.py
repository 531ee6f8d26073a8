"""The kiosk's signing key: made once (0600), kept, never followed through a link nor waited on
through a pipe; a damaged one is set aside and replaced, and the new key says so."""

from __future__ import annotations

import logging
import os
import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.export import kiosk_key
from kiosk.export.kiosk_key import fingerprint, load_or_create, normal_fingerprint, own_key, read_key
from kiosk.system import paths

NOW = datetime(2026, 12, 7, 21, 30, 12, tzinfo=UTC)


def _aside(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".broken-" in p.name)


def test_made_once_kept_and_read_back(data_dir: Path) -> None:
    path = paths.kiosk_key_file()
    assert own_key() is None
    key = load_or_create(now=NOW)
    assert path.parent == data_dir
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (key.made, key.replaces_damaged_key, key.stored) == ("2026-12-07T21:30Z", False, True)
    again = load_or_create()
    assert again == key
    assert own_key() == key
    first = path.read_text(encoding="ascii").splitlines()[0]
    assert first.startswith(
        f"untrusted comment: digital-literacy-kiosk export signing key {key.fingerprint}, "
    )
    assert ", made 2026-12-07T21:30Z;" in first


def test_the_fingerprint_is_8_groups_of_4_hex_digits_of_the_sha256() -> None:
    printed = fingerprint(bytes(32))
    # sha256 of 32 zero bytes: 66687aadf862bd776c8fc18b8e9f8e20…
    assert printed == "6668 7AAD F862 BD77 6C8F C18B 8E9F 8E20"
    assert normal_fingerprint("66687aadf862bd776c8fc18b8e9f8e20") == printed
    assert normal_fingerprint("6668-7aad:F862 BD77 6C8F C18B 8E9F 8E20") == printed
    assert normal_fingerprint("6668 7AAD") is None
    assert normal_fingerprint("ZZ68 7AAD F862 BD77 6C8F C18B 8E9F 8E20") is None


def test_a_damaged_key_is_set_aside_and_replaced(data_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = paths.kiosk_key_file()
    old = load_or_create(now=NOW)
    lines = path.read_text(encoding="ascii").splitlines()
    # One character of the key's base64 changed (in its secret half): its checksum no longer matches.
    broken = lines[1][:100] + ("A" if lines[1][100] != "A" else "B") + lines[1][101:]
    path.write_text(f"{lines[0]}\n{broken}\n", encoding="ascii")
    with caplog.at_level(logging.ERROR):
        new = load_or_create(now=NOW)
    assert new.fingerprint != old.fingerprint
    assert new.replaces_damaged_key and new.stored
    assert new.manifest_field()["replaces_damaged_key"] is True
    assert [p for p in _aside(data_dir) if p.startswith("kiosk-signing.key.broken-")]
    assert "its fingerprint has changed" in caplog.text
    # Kept across restarts: the note stays with the key.
    assert read_key(path).replaces_damaged_key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_link_is_never_followed(data_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.key"
    load_or_create(elsewhere)
    before = elsewhere.read_bytes()
    path = paths.kiosk_key_file()
    path.symlink_to(elsewhere)
    key = load_or_create()
    # The link was set aside, not read through; the file it pointed at is untouched.
    assert key.replaces_damaged_key
    assert not path.is_symlink() and path.is_file()
    assert elsewhere.read_bytes() == before
    assert key.secret.seed not in before


def test_a_named_pipe_is_refused_without_waiting(data_dir: Path) -> None:
    path = paths.kiosk_key_file()
    os.mkfifo(path)
    made: list[object] = []
    thread = threading.Thread(target=lambda: made.append(load_or_create()), daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "the key reader blocked on a named pipe"
    assert path.is_file() and stat.S_ISREG(path.lstat().st_mode)
    assert len(_aside(data_dir)) == 1


def test_a_data_dir_that_keeps_nothing_signs_with_one_key_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    path = folder / "kiosk-signing.key"
    monkeypatch.setattr(kiosk_key, "_unsaved", {})
    try:
        if os.access(folder, os.W_OK):
            # root writes anyway: a folder that is a file cannot be written into by anyone.
            path = tmp_path / "a-file" / "kiosk-signing.key"
            path.parent.write_text("not a folder")
        key = load_or_create(path)
        assert not key.stored
        assert key.manifest_field()["stored_on_kiosk"] is False
        # The same key for every export of this run, and the one verify-export compares with.
        assert load_or_create(path) is key
        assert own_key(path) is key
    finally:
        folder.chmod(0o700)
