"""Public keys on a stick (``kiosk-keys/*.pub``) are read with care, and an added key can be removed."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.content.signing import SecretKey
from kiosk.content.sticks import KEY_FILE_MAX_BYTES, KEYS_FOLDER, MAX_KEYS_PER_STICK, find_keys
from kiosk.content.trust import load_trust, revoke_key, trust_key, untrust_key


def test_keys_on_sticks_are_read_by_stick_then_name(tmp_path: Path) -> None:
    first, second = tmp_path / "A", tmp_path / "B"
    made = {}
    for stick, name in ((second, "zeta"), (first, "team"), (first, "alpha")):
        (stick / KEYS_FOLDER).mkdir(parents=True, exist_ok=True)
        key = SecretKey.generate().public_key
        (stick / KEYS_FOLDER / f"{name}.pub").write_text(key.to_text(), encoding="utf-8")
        made[name] = key
    (first / KEYS_FOLDER / "notes.txt").write_text("not a key", encoding="utf-8")
    (first / KEYS_FOLDER / ".hidden.pub").write_text("hidden", encoding="utf-8")

    found = find_keys([first, second, tmp_path / "no-stick"])

    assert [(key.file.parent.parent.name, key.name) for key in found] == [
        ("A", "alpha"),
        ("A", "team"),
        ("B", "zeta"),
    ]
    assert all(key.problem is None and key.key == made[key.name] for key in found)
    assert found[0].key_id == made["alpha"].id_text


def test_a_key_file_that_is_not_a_small_plain_file_is_listed_with_why_and_never_opened(
    tmp_path: Path,
) -> None:
    keys = tmp_path / "stick" / KEYS_FOLDER
    keys.mkdir(parents=True)
    os.mkfifo(keys / "pipe.pub")
    (keys / "zero.pub").symlink_to("/dev/zero")
    (keys / "folder.pub").mkdir()
    (keys / "big.pub").write_bytes(b"x" * (KEY_FILE_MAX_BYTES + 1))
    (keys / "bytes.pub").write_bytes(b"\xff\xfe")
    (keys / "\x1b[2Jescape.pub").write_text("untrusted comment: x\nAAAA\n", encoding="utf-8")

    found = {key.name: key.problem for key in find_keys([tmp_path / "stick"])}

    # A name from the stick is shown with its control characters escaped.
    assert found.pop("\\x1b[2Jescape", None) is not None
    assert found == {
        "big": f"it is bigger than {KEY_FILE_MAX_BYTES} bytes",
        "bytes": "it is not text",
        "folder": "it is a folder, not a plain file",
        "pipe": "it is a named pipe, not a plain file",
        "zero": "it is a link, not a plain file",
    }


def test_a_keys_folder_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "team.pub").write_text(SecretKey.generate().public_key.to_text(), encoding="utf-8")
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / KEYS_FOLDER).symlink_to(elsewhere)
    assert find_keys([stick]) == []


def test_a_stick_with_a_great_many_keys_is_read_only_so_far(tmp_path: Path) -> None:
    keys = tmp_path / KEYS_FOLDER
    keys.mkdir()
    for index in range(MAX_KEYS_PER_STICK + 5):
        (keys / f"{index:03}.pub").write_text("junk", encoding="utf-8")
    assert len(find_keys([tmp_path])) == MAX_KEYS_PER_STICK


def test_an_added_key_is_removed_and_a_revoked_id_stays_revoked(tmp_path: Path) -> None:
    trust_file = tmp_path / "trust.json"
    kept = trust_key(SecretKey.generate().public_key, "kept", trust_file)
    gone = trust_key(SecretKey.generate().public_key, "gone", trust_file)
    revoke_key(gone.key_id, trust_file)

    assert untrust_key(gone.key_id, trust_file) == gone
    assert untrust_key(gone.key_id, trust_file) is None  # removed already
    store = load_trust(tmp_path / "no-bundled-keys", trust_file)
    assert [key.name for key in store.keys] == ["kept"]
    assert store.find(kept.key_id) is not None
    assert gone.key_id in store.revoked
