"""``manifest.json`` of a content pack on a USB stick: every file with its size and SHA-256.

A stick is pulled half-way through a copy, a FAT file system loses a cluster, an author edits
one file after making the pack: the manifest lets the kiosk tell a complete, unchanged pack
from all of these before anything is installed (``kiosk.content.install``). Authors make it
with ``kiosk content manifest PACK``; the format is in content/README.md:

    {"format": 1, "pack": "core", "content_version": "2026.12.01",
     "files": [{"path": "pack.yaml", "size": 512, "sha256": "…"}, …]}

Paths are relative, ``/``-separated, and may not leave the pack. Hidden files and folders
(``.DS_Store``, the ``._*`` files macOS writes on FAT sticks, ``.git``) are neither listed nor
installed; any other file not listed means the pack changed after its manifest was made.

``manifest.json.minisig`` beside it is the content team's minisign signature of the manifest's
exact bytes (``kiosk.content.signing``); ``read_signed_manifest`` verifies it against the
kiosk's trusted keys and parses those same bytes, so what is checked is what is installed.
Both files are read bounded: plain files only (no links, FIFOs or devices), size capped.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from kiosk.content.pack_reader import PACK_FILE
from kiosk.content.printable import has_hidden_characters
from kiosk.content.signing import SIGNATURE_SUFFIX, SecretKey, SignatureError
from kiosk.content.trust import TrustedKey, TrustStore, check_signature
from kiosk.system.fsio import FileTooLargeError, NotPlainFileError, atomic_write_text, read_plain_file

MANIFEST_FILE = "manifest.json"
SIGNATURE_FILE = MANIFEST_FILE + SIGNATURE_SUFFIX
MANIFEST_FORMAT = 1
# A manifest lines ~150 bytes per file: room for tens of thousands of files.
MANIFEST_MAX_BYTES = 8 * 2**20
SIGNATURE_MAX_BYTES = 16 * 2**10
_CHUNK = 1 << 20
_SHA256_HEX = frozenset("0123456789abcdef")
_PACK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


class ManifestError(ValueError):
    """The manifest is missing, unreadable, or does not describe a pack the kiosk can install."""


@dataclass(frozen=True)
class ManifestEntry:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class PackManifest:
    pack_id: str
    content_version: str
    files: tuple[ManifestEntry, ...]

    @property
    def total_bytes(self) -> int:
        return sum(entry.size for entry in self.files)

    def to_json(self) -> str:
        data = {
            "format": MANIFEST_FORMAT,
            "pack": self.pack_id,
            "content_version": self.content_version,
            "files": [{"path": e.path, "size": e.size, "sha256": e.sha256} for e in self.files],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def is_hidden(relative: PurePosixPath) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in relative.parts)


def pack_files(pack_dir: Path) -> list[str]:
    """Every file a manifest of ``pack_dir`` lists, sorted: all but the manifest and hidden files."""
    found: list[str] = []
    for top, dirs, files in os.walk(pack_dir):
        folder = Path(top)
        dirs[:] = sorted(d for d in dirs if not is_hidden(PurePosixPath(d)))
        for name in dirs:
            if (folder / name).is_symlink():
                relative = PurePosixPath((folder / name).relative_to(pack_dir).as_posix())
                raise ManifestError(f"{relative}: a link to a folder (links are not allowed in a pack)")
        for name in sorted(files):
            path = folder / name
            relative = PurePosixPath(path.relative_to(pack_dir).as_posix())
            if is_hidden(relative) or str(relative) in (MANIFEST_FILE, SIGNATURE_FILE):
                continue
            if path.is_symlink() or not path.is_file():
                raise ManifestError(f"{relative}: not a plain file (links are not allowed in a pack)")
            if has_hidden_characters(str(relative)):
                raise ManifestError(f"{relative}: control or right-to-left characters in a file name")
            found.append(str(relative))
    return sorted(found)


def file_digest(path: Path) -> tuple[int, str]:
    """(size, SHA-256 hex) of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def pack_identity(pack_dir: Path) -> tuple[str, str]:
    """(id, content_version) as ``pack.yaml`` states them; ``content check`` judges the rest."""
    try:
        data = yaml.safe_load((pack_dir / PACK_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ManifestError(f"{PACK_FILE}: cannot be read ({error})") from error
    if not isinstance(data, dict):
        raise ManifestError(f"{PACK_FILE}: not a pack manifest")
    pack_id, version = data.get("id"), data.get("content_version")
    if not isinstance(pack_id, str) or not isinstance(version, str):
        raise ManifestError(f"{PACK_FILE}: needs a text 'id' and 'content_version'")
    return pack_id, version


def make_manifest(pack_dir: Path) -> PackManifest:
    """Hash every file of ``pack_dir`` (the author's copy, before it goes onto sticks)."""
    pack_id, version = pack_identity(pack_dir)
    entries = []
    for relative in pack_files(pack_dir):
        size, sha256 = file_digest(pack_dir / relative)
        entries.append(ManifestEntry(relative, size, sha256))
    return PackManifest(pack_id, version, tuple(entries))


def write_manifest(pack_dir: Path, manifest: PackManifest) -> Path:
    """Write ``manifest.json`` into ``pack_dir``, replacing an older one in one step."""
    target = pack_dir / MANIFEST_FILE
    atomic_write_text(target, manifest.to_json())
    return target


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a plain file (not a link, FIFO or device) of at most ``limit`` bytes."""
    try:
        return read_plain_file(path, limit)
    except FileNotFoundError:
        raise
    except NotPlainFileError as error:
        if error.kind == "a link":
            raise ManifestError(f"{path.name} is a link; it must be a plain file") from None
        raise ManifestError(f"{path.name} is not a plain file") from None
    except FileTooLargeError:
        raise ManifestError(f"{path.name} is larger than {limit // 1024} KB") from None
    except OSError as error:
        raise ManifestError(f"{path.name} cannot be read: {error}") from error


@dataclass(frozen=True)
class SignedManifest:
    """A manifest whose signature was verified, with the exact bytes that were signed."""

    manifest: PackManifest
    signer: TrustedKey
    raw: bytes
    signature: str


def read_signed_manifest(pack_dir: Path, store: TrustStore) -> SignedManifest:
    """The manifest of ``pack_dir`` if a trusted, unrevoked key signed it; ``ManifestError`` says why not."""
    raw = _manifest_bytes(pack_dir)
    try:
        signature: str | None = read_bounded(pack_dir / SIGNATURE_FILE, SIGNATURE_MAX_BYTES).decode("utf-8")
    except FileNotFoundError:
        signature = None
    except (OSError, UnicodeDecodeError) as error:
        raise ManifestError(f"{SIGNATURE_FILE} cannot be read: {error}") from error
    try:
        signer = check_signature(raw, signature, store, what=MANIFEST_FILE)
    except SignatureError as error:
        raise ManifestError(str(error)) from None
    return SignedManifest(parse_manifest(raw), signer, raw, signature or "")


def sign_manifest(pack_dir: Path, key: SecretKey) -> Path:
    """Write ``manifest.json.minisig`` for the manifest in ``pack_dir`` (as ``minisign -Sm`` would)."""
    raw = _manifest_bytes(pack_dir)
    manifest = parse_manifest(raw)
    comment = f"pack:{manifest.pack_id}\tcontent_version:{manifest.content_version}\tfile:{MANIFEST_FILE}"
    signature = key.sign(raw, comment)
    target = pack_dir / SIGNATURE_FILE
    atomic_write_text(
        target, signature.to_text(f"signature of {manifest.pack_id} {manifest.content_version}")
    )
    return target


def read_manifest(pack_dir: Path) -> PackManifest:
    """The manifest of the pack in ``pack_dir``, with every field and path checked (not its signature)."""
    return parse_manifest(_manifest_bytes(pack_dir))


def _manifest_bytes(pack_dir: Path) -> bytes:
    try:
        return read_bounded(pack_dir / MANIFEST_FILE, MANIFEST_MAX_BYTES)
    except FileNotFoundError:
        raise ManifestError(f"{MANIFEST_FILE} is missing; make it with `kiosk content manifest`") from None
    except OSError as error:
        raise ManifestError(f"{MANIFEST_FILE} cannot be read: {error}") from error


def parse_manifest(raw: bytes) -> PackManifest:
    """The manifest in ``raw`` (the bytes of ``manifest.json``), with every field and path checked."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ManifestError(f"{MANIFEST_FILE} cannot be read: {error}") from error
    if not isinstance(data, dict):
        raise ManifestError(f"{MANIFEST_FILE} is not a JSON object")
    if data.get("format") != MANIFEST_FORMAT:
        raise ManifestError(
            f"{MANIFEST_FILE} has format {data.get('format')!r}; this kiosk reads format {MANIFEST_FORMAT}"
        )
    pack_id, version, files = data.get("pack"), data.get("content_version"), data.get("files")
    if not isinstance(pack_id, str) or not pack_id or not isinstance(version, str):
        raise ManifestError(f"{MANIFEST_FILE} needs a text 'pack' and 'content_version'")
    if not _PACK_ID.fullmatch(pack_id):
        # It names a folder in the kiosk's data dir: letters, digits, - and _ only, as in pack.yaml.
        raise ManifestError(f"{MANIFEST_FILE}: {pack_id!r} is not a pack id")
    if not isinstance(files, list):
        raise ManifestError(f"{MANIFEST_FILE} needs a 'files' list")
    entries = tuple(_entry(item) for item in files)
    names = [entry.path for entry in entries]
    if len(set(names)) != len(names):
        raise ManifestError(f"{MANIFEST_FILE} lists a file twice")
    if PACK_FILE not in names:
        raise ManifestError(f"{MANIFEST_FILE} does not list {PACK_FILE}")
    return PackManifest(pack_id, version, entries)


def _entry(item: Any) -> ManifestEntry:
    if not isinstance(item, dict):
        raise ManifestError(f"{MANIFEST_FILE}: each file needs path, size and sha256")
    path, size, sha256 = item.get("path"), item.get("size"), item.get("sha256")
    if not isinstance(path, str) or not _safe_path(path):
        raise ManifestError(f"{MANIFEST_FILE}: {path!r} is not a path inside the pack")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise ManifestError(f"{MANIFEST_FILE}: {path}: size must be a whole number of bytes")
    if not isinstance(sha256, str) or len(sha256) != 64 or not set(sha256) <= _SHA256_HEX:
        raise ManifestError(f"{MANIFEST_FILE}: {path}: sha256 must be 64 lower-case hex digits")
    return ManifestEntry(path, size, sha256)


def _safe_path(text: str) -> bool:
    """Relative, ``/``-separated, inside the pack, not hidden, and not the manifest itself."""
    if not text or "\\" in text or "\0" in text or text.startswith("/") or ":" in text:
        return False
    if has_hidden_characters(text):
        # A newline or an escape sequence in a name would reach the organiser's screen.
        return False
    relative = PurePosixPath(text)
    if any(part in ("", ".", "..") for part in text.split("/")):
        return False
    return not is_hidden(relative) and text not in (MANIFEST_FILE, SIGNATURE_FILE)
