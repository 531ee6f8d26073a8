"""Checking an export against its manifest (`kiosk verify-export`, and the read-back after writing).

Every listed file must be there with its size and SHA-256, CSV files must have the listed
columns and row count, and nothing else may sit in the folder. A folder without a manifest
is an export that did not finish. The file is read back from the device, not from memory:
the page cache is dropped first where the system allows.

The hashes show damage; the signature shows who: ``manifest.json.minisig`` must be a good
signature of the manifest by the key the manifest names (kiosk.export.kiosk_key). Anyone can
make a key, so the key's fingerprint is what a district office compares with the one on the
kiosk's screen, or pins (``--fingerprint``). An export that names this kiosk is compared with
this kiosk's own key without asking.

The folder may come from anyone's stick: a link, a named pipe or a device in it is refused by
``lstat`` and never opened, and nothing from the stick is printed with its control characters.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from kiosk.content.signing import PublicKey, Signature, SignatureError, verify
from kiosk.export.identity import short, stored_kiosk_id
from kiosk.export.kiosk_key import fingerprint, own_key, signature_comment
from kiosk.export.manifest import KEY_FIELD, MANIFEST, SIGNATURE, FileEntry, ManifestError, load_manifest
from kiosk.system.fsio import NotPlainFileError, kind_of

log = logging.getLogger(__name__)

READ_BYTES = 1 << 20
# Far above a real export's (a few kB); a larger one is not read into memory.
MANIFEST_LIMIT = 1 << 20
SIGNATURE_LIMIT = 1 << 16
_KIOSK_ID = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class OwnKey:
    """This kiosk's id and its signing key's fingerprint."""

    kiosk_id: str
    fingerprint: str


@dataclass(frozen=True)
class Signer:
    """Who signed an export whose signature is good."""

    kiosk_id: str
    fingerprint: str
    made: str
    replaces_damaged_key: bool
    stored_on_kiosk: bool
    # "pinned": the fingerprint given; "own": this kiosk's own key; "": nothing to compare with here.
    matched: str


@dataclass(frozen=True)
class ExportCheck:
    problems: list[str]
    # Set when the signature is good (the files may still differ: see problems).
    signer: Signer | None


def this_kiosk() -> OwnKey | None:
    """This kiosk's id and key, if it has both; never makes either."""
    identifier = stored_kiosk_id()
    key = own_key()
    if identifier is None or key is None:
        return None
    return OwnKey(identifier, key.fingerprint)


def verify_export(folder: Path, *, on_bytes: Callable[[int], None] | None = None) -> list[str]:
    """Every problem found, one sentence each; an empty list means the export is intact and signed
    (by this kiosk's own key, if it names this kiosk)."""
    return check_export(folder, own=this_kiosk(), on_bytes=on_bytes).problems


def check_export(
    folder: Path,
    *,
    pinned: str | None = None,
    own: OwnKey | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> ExportCheck:
    """The files, the manifest and its signature; ``pinned`` is a fingerprint the signer must have."""
    if not folder.is_dir():
        return ExportCheck([f"{folder}: not a folder"], None)
    manifest_path = folder / MANIFEST
    try:
        raw = _read_plain(manifest_path, MANIFEST_LIMIT)
    except FileNotFoundError:
        return ExportCheck([f"{MANIFEST}: missing, so the export did not finish; do not use it"], None)
    except NotPlainFileError as error:
        return ExportCheck([f"{MANIFEST}: is {error.kind}, not a plain file; it was not read"], None)
    except OSError as error:
        return ExportCheck([f"{MANIFEST}: cannot be read ({error.strerror or error})"], None)
    try:
        manifest = load_manifest(raw)
    except ManifestError as error:
        return ExportCheck([f"{MANIFEST}: {error}"], None)
    problems, signer = _check_signature(folder / SIGNATURE, raw, manifest.data, pinned, own)
    present = sorted(path.name for path in folder.iterdir() if path.name not in (MANIFEST, SIGNATURE))
    problems.extend(
        f"{_shown(name)}: not listed in {MANIFEST}" for name in present if name not in manifest.files
    )
    for name, entry in sorted(manifest.files.items()):
        problems.extend(_check_file(folder / name, entry, on_bytes))
    return ExportCheck(problems, signer)


def _check_signature(
    path: Path, manifest: bytes, data: Mapping[str, Any], pinned: str | None, own: OwnKey | None
) -> tuple[list[str], Signer | None]:
    try:
        text = _read_plain(path, SIGNATURE_LIMIT).decode("ascii")
    except FileNotFoundError:
        return [
            f"{SIGNATURE}: missing, so nothing shows that the export comes unchanged from a kiosk; "
            "do not rely on it"
        ], None
    except NotPlainFileError as error:
        return [f"{SIGNATURE}: is {error.kind}, not a plain file; it was not read"], None
    except UnicodeDecodeError:
        return [f"{SIGNATURE}: not a signature (it is not text)"], None
    except OSError as error:
        return [f"{SIGNATURE}: cannot be read ({error.strerror or error})"], None
    kiosk_id = data.get("kiosk_id")
    if not isinstance(kiosk_id, str) or _KIOSK_ID.fullmatch(kiosk_id) is None:
        return [f"{MANIFEST}: kiosk_id is missing or malformed"], None
    field = data.get(KEY_FIELD)
    if not isinstance(field, dict) or not isinstance(field.get("minisign_public_key"), str):
        return [f"{MANIFEST}: names no signing key ({KEY_FIELD}), so the signature cannot be checked"], None
    try:
        key = PublicKey.from_text(field["minisign_public_key"])
        signature = Signature.from_text(text)
    except SignatureError as error:
        return [f"{MANIFEST} or {SIGNATURE}: {error}"], None
    printed = fingerprint(key.key)
    if field.get("fingerprint") != printed:
        return [f"{MANIFEST}: the fingerprint it gives is not its key's ({printed})"], None
    if signature.to_text(signature_comment(printed)) != text:
        # Its first line is not signed: held to the kiosk's exact layout, no byte can change unseen.
        return [f"{SIGNATURE}: changed since it was written (it is not in the layout the kiosk writes)"], None
    try:
        verify(manifest, signature, key)
    except SignatureError as error:
        return [f"{SIGNATURE}: {error}; do not rely on this export"], None
    matched = ""
    if pinned is not None:
        if printed != pinned:
            return [
                f"{SIGNATURE}: signed by key {printed}, not by the key you gave ({pinned}): the export "
                "was not made by that kiosk, or was changed and signed again; do not rely on it"
            ], None
        matched = "pinned"
    if own is not None and own.kiosk_id == kiosk_id:
        if printed != own.fingerprint:
            return [
                f"{SIGNATURE}: signed by key {printed}, but this kiosk ({short(kiosk_id)}), which the "
                f"manifest names, signs with key {own.fingerprint}: the export was not made here, or was "
                "changed and signed again; do not rely on it"
            ], None
        matched = matched or "own"
    signer = Signer(
        kiosk_id=kiosk_id,
        fingerprint=printed,
        made=_shown(str(field.get("made", ""))),
        replaces_damaged_key=field.get("replaces_damaged_key") is True,
        stored_on_kiosk=field.get("stored_on_kiosk") is not False,
        matched=matched,
    )
    return [], signer


def _check_file(path: Path, entry: FileEntry, on_bytes: Callable[[int], None] | None) -> list[str]:
    digest = hashlib.sha256()
    size = 0
    line_ends = 0
    head = b""
    try:
        with _open_plain(path) as stream:
            while chunk := stream.read(READ_BYTES):
                digest.update(chunk)
                size += len(chunk)
                line_ends += chunk.count(b"\n")
                if len(head) < 4096:
                    head += chunk[: 4096 - len(head)]
                if on_bytes is not None:
                    on_bytes(len(chunk))
    except FileNotFoundError:
        return [f"{entry.name}: missing"]
    except NotPlainFileError as error:
        return [f"{entry.name}: is {error.kind}, not a plain file; it was not read"]
    except OSError as error:
        return [f"{entry.name}: cannot be read ({error.strerror or error})"]
    problems: list[str] = []
    if size != entry.size:
        problems.append(f"{entry.name}: {size} bytes, the manifest says {entry.size}")
    if digest.hexdigest() != entry.sha256:
        problems.append(f"{entry.name}: SHA-256 differs from the manifest (the file was changed or damaged)")
    if entry.columns is not None:
        header = _header(head)
        if header != entry.columns:
            problems.append(f"{entry.name}: columns {_shown(', '.join(header))} are not the manifest's")
        # Values never hold line breaks (ids and codes only), so each line end closes one row.
        rows = line_ends - 1
        if rows != entry.rows:
            problems.append(f"{entry.name}: {rows} rows, the manifest says {entry.rows}")
    return problems


def _header(head: bytes) -> tuple[str, ...]:
    line = head.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    try:
        return tuple(next(csv.reader([line.rstrip("\r")]), []))
    except csv.Error:
        # A damaged header (e.g. a byte turned into a line break): reported, not raised.
        return (line,)


def _shown(text: str) -> str:
    """``text`` from a stick, printable: a control character shows as ``\\x1b``, never acts."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _open_plain(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a plain file; ``NotPlainFileError`` (never opened) if not.

    ``lstat`` first, so a link, pipe or device is never opened; then opened without following a
    link or waiting on a pipe and checked again, for one swapped in meanwhile.
    """
    status = path.lstat()
    if not stat.S_ISREG(status.st_mode):
        raise NotPlainFileError(path, kind_of(status.st_mode))
    flags = (
        os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        descriptor = os.open(path, flags)
    except OSError:
        if path.is_symlink():
            raise NotPlainFileError(path, "a link") from None
        raise
    opened = os.fstat(descriptor)
    if not stat.S_ISREG(opened.st_mode):
        os.close(descriptor)
        raise NotPlainFileError(path, kind_of(opened.st_mode))
    _drop_cache(descriptor)
    return os.fdopen(descriptor, "rb")


def _read_plain(path: Path, limit: int) -> bytes:
    with _open_plain(path) as stream:
        data: bytes = stream.read(limit + 1)
    if len(data) > limit:
        raise OSError(f"larger than {limit} bytes, more than an export's ever is")
    return data


def _drop_cache(descriptor: int) -> None:
    """Ask the kernel to forget cached pages, so what is checked is what the device holds."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    try:
        advise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
    except OSError as error:
        log.debug("cannot drop cached pages: %s", error)
