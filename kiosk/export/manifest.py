"""``manifest.json``: what an export holds, written last, and able to vouch for itself.

The file lists every other file with its size and SHA-256 (and, for CSV files, its
columns and row count). It also carries the SHA-256 of its own content, and must be byte
for byte in the one canonical layout, so a changed byte inside the manifest is caught just
like a changed byte in the files it lists.

That hash shows damage, not tampering: anyone can recompute it. So the manifest also names the
kiosk's signing key (``kiosk_key``: its public half and fingerprint, kiosk.export.kiosk_key), and
``manifest.json.minisig`` beside it signs the manifest's exact bytes with that key. The signature
is written just before the manifest, so a folder without ``manifest.json`` is still the one sign
of an export that did not finish.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.minisig"
KEY_FIELD = "kiosk_key"
FORMAT = "digital-literacy-kiosk-export"
FORMAT_VERSION = 1
SELF_HASH = "manifest_sha256"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_FILE_NAME = re.compile(r"[a-z0-9_]+\.(csv|pdf|json)")


class ManifestError(ValueError):
    """The manifest cannot be trusted: malformed, or changed since it was written."""


@dataclass(frozen=True)
class FileEntry:
    name: str
    size: int
    sha256: str
    rows: int | None = None
    columns: tuple[str, ...] | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"bytes": self.size, "sha256": self.sha256}
        if self.rows is not None:
            data["rows"] = self.rows
        if self.columns is not None:
            data["columns"] = list(self.columns)
        return data


def _canonical(data: Mapping[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def dump_manifest(
    fields: Mapping[str, Any], files: list[FileEntry], *, kiosk_key: Mapping[str, Any] | None = None
) -> bytes:
    """The manifest's bytes: ``fields`` plus the signing key, the file list and the hash of it all."""
    data = {
        **fields,
        **({KEY_FIELD: dict(kiosk_key)} if kiosk_key is not None else {}),
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "files": {entry.name: entry.as_json() for entry in files},
    }
    data[SELF_HASH] = hashlib.sha256(_canonical(data)).hexdigest()
    return _canonical(data)


@dataclass(frozen=True)
class Manifest:
    data: Mapping[str, Any]
    files: Mapping[str, FileEntry]


def load_manifest(raw: bytes) -> Manifest:
    """Parse and check a manifest; raises ``ManifestError`` with the reason."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ManifestError(f"not valid JSON ({error})") from error
    if not isinstance(data, dict):
        raise ManifestError("not a JSON object")
    if _canonical(data) != raw:
        raise ManifestError("changed since it was written (it is not in the layout the kiosk writes)")
    claimed = data.pop(SELF_HASH, None)
    if not isinstance(claimed, str) or _HEX64.fullmatch(claimed) is None:
        raise ManifestError(f"{SELF_HASH} is missing or malformed")
    if hashlib.sha256(_canonical(data)).hexdigest() != claimed:
        raise ManifestError(f"changed since it was written ({SELF_HASH} does not match)")
    if data.get("format") != FORMAT:
        raise ManifestError(f"format is not {FORMAT!r}")
    if data.get("format_version") != FORMAT_VERSION:
        raise ManifestError(f"format_version {data.get('format_version')!r} is not {FORMAT_VERSION}")
    files = data.get("files")
    if not isinstance(files, dict) or not files:
        raise ManifestError("files is missing or empty")
    return Manifest(data=data, files={name: _entry(name, value) for name, value in files.items()})


def _entry(name: str, value: object) -> FileEntry:
    if _FILE_NAME.fullmatch(name) is None:
        raise ManifestError(f"file name {name!r} is not one an export holds")
    if not isinstance(value, dict):
        raise ManifestError(f"{name}: entry is not an object")
    size, digest = value.get("bytes"), value.get("sha256")
    rows, columns = value.get("rows"), value.get("columns")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise ManifestError(f"{name}: bytes is missing or not a number")
    if not isinstance(digest, str) or _HEX64.fullmatch(digest) is None:
        raise ManifestError(f"{name}: sha256 is missing or malformed")
    if name.endswith(".csv"):
        if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
            raise ManifestError(f"{name}: rows is missing or not a number")
        if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns) or not columns:
            raise ManifestError(f"{name}: columns is missing or malformed")
        return FileEntry(name, size, digest, rows, tuple(columns))
    return FileEntry(name, size, digest)
