"""``manifest.json``: made by the author's command, read back strictly by the kiosk."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kiosk.content.manifest import MANIFEST_FILE, ManifestError, make_manifest, read_manifest, write_manifest
from tests.helpers.content_packs import GOOD_PACK, make_pack


def test_a_manifest_lists_every_file_with_its_size_and_sha256(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, version="2026.12.01")
    (pack / ".DS_Store").write_bytes(b"finder")
    written = write_manifest(pack, make_manifest(pack))
    data = json.loads(written.read_text(encoding="utf-8"))
    assert (data["format"], data["pack"], data["content_version"]) == (1, "good-pack", "2026.12.01")
    every_file = sorted(
        path.relative_to(GOOD_PACK).as_posix() for path in GOOD_PACK.rglob("*") if path.is_file()
    )
    assert [entry["path"] for entry in data["files"]] == every_file
    for entry in data["files"]:
        content = (pack / entry["path"]).read_bytes()
        assert entry["size"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    assert read_manifest(pack) == make_manifest(pack)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: data.update(format=2), "format 2"),
        (lambda data: data.pop("pack"), "needs a text 'pack'"),
        (lambda data: data.update(pack="../../etc"), "is not a pack id"),
        (lambda data: data["files"].append(dict(data["files"][0])), "lists a file twice"),
        (lambda data: data["files"][0].update(path="/etc/passwd"), "not a path inside the pack"),
        (lambda data: data["files"][0].update(path="icons/../../x"), "not a path inside the pack"),
        (lambda data: data["files"][0].update(size=-1), "whole number of bytes"),
        (lambda data: data["files"][0].update(sha256="abc"), "64 lower-case hex digits"),
        (lambda data: data.update(files=[e for e in data["files"] if e["path"] != "pack.yaml"]), "pack.yaml"),
    ],
)
def test_a_broken_manifest_is_refused_with_the_reason(tmp_path: Path, change: object, message: str) -> None:
    pack = make_pack(tmp_path, version="1")
    data = json.loads(make_manifest(pack).to_json())
    assert callable(change)
    change(data)
    (pack / MANIFEST_FILE).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        read_manifest(pack)


def test_unreadable_json_is_refused(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, version="1")
    (pack / MANIFEST_FILE).write_text('{"format": 1, "files": [', encoding="utf-8")
    with pytest.raises(ManifestError, match="cannot be read"):
        read_manifest(pack)


def test_links_are_not_allowed_in_a_pack(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, version="1")
    (pack / "icons" / "link.svg").symlink_to(pack / "icons" / "vneid.svg")
    with pytest.raises(ManifestError, match="links are not allowed"):
        make_manifest(pack)
