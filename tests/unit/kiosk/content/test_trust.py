"""The trust store: shipped keys, the organiser's keys and revocations, kept across restarts."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kiosk.content.signing import SecretKey
from kiosk.content.trust import load_trust, normal_key_id, revoke_key, trust_key
from kiosk.content.versions import is_older
from kiosk.system import paths

REPO = Path(__file__).resolve().parents[4]


def test_the_shipped_content_team_key_is_trusted_and_readable() -> None:
    store = load_trust(keys_dir=REPO / "content" / "keys")
    assert "kiosk-content-team" in [key.name for key in store.keys]
    assert all(key.bundled for key in store.keys)
    assert not store.revoked & {key.key_id for key in store.keys}


def test_keys_added_and_revoked_are_kept_in_the_data_dir(tmp_path: Path) -> None:
    first, second = SecretKey.generate().public_key, SecretKey.generate().public_key
    trust_key(first, "  Nhóm   nội dung ")
    trust_key(second, "")
    trust_key(first, "renamed")
    revoke_key(second.id_text.lower())
    store = load_trust(keys_dir=tmp_path / "no-keys")
    assert [(key.name, key.key_id) for key in store.keys] == [
        (second.id_text, second.id_text),
        ("renamed", first.id_text),
    ]
    assert store.revoked == {second.id_text}
    saved = json.loads(paths.content_trust_file().read_text(encoding="utf-8"))
    assert saved["revoked"] == [second.id_text]


def test_an_unreadable_trust_file_trusts_no_added_key_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    paths.content_trust_file().write_text("{", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        assert load_trust(keys_dir=tmp_path).keys == ()
    assert "cannot be read" in caplog.text


@pytest.mark.parametrize("text", ["", "xyz", "12345678901234567", "5BC6-1667"])
def test_a_key_id_must_be_hex(text: str) -> None:
    with pytest.raises(ValueError, match="is not a key id"):
        normal_key_id(text)


def test_minisign_0_11_key_ids_without_leading_zeros_are_the_same_key() -> None:
    assert normal_key_id("261c54472cb5889") == "0261C54472CB5889"


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        ("2026.11.24", "2026.12.01"),
        ("3.9", "3.10"),
        ("2026.12", "2026.12.01"),
        ("2026.12.01-beta", "2026.12.01-2"),
    ],
)
def test_versions_compare_part_by_part(older: str, newer: str) -> None:
    assert is_older(older, newer) and not is_older(newer, older) and not is_older(newer, newer)
