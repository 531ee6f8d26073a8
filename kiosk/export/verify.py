"""Checking an export against its manifest (`kiosk verify-export`, and the read-back after writing).

Every listed file must be there with its size and SHA-256, CSV files must have the listed
columns and row count, and nothing else may sit in the folder. A folder without a manifest
is an export that did not finish. The file is read back from the device, not from memory:
the page cache is dropped first where the system allows.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from kiosk.export.manifest import MANIFEST, FileEntry, ManifestError, load_manifest

log = logging.getLogger(__name__)

READ_BYTES = 1 << 20


def verify_export(folder: Path, *, on_bytes: Callable[[int], None] | None = None) -> list[str]:
    """Every problem found, one sentence each; an empty list means the export is intact."""
    if not folder.is_dir():
        return [f"{folder}: not a folder"]
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        return [f"{MANIFEST}: missing, so the export did not finish; do not use it"]
    try:
        manifest = load_manifest(_read(manifest_path))
    except ManifestError as error:
        return [f"{MANIFEST}: {error}"]
    except OSError as error:
        return [f"{MANIFEST}: cannot be read ({error.strerror or error})"]
    problems: list[str] = []
    present = sorted(path.name for path in folder.iterdir() if path.name != MANIFEST)
    problems.extend(f"{name}: not listed in {MANIFEST}" for name in present if name not in manifest.files)
    for name, entry in sorted(manifest.files.items()):
        problems.extend(_check_file(folder / name, entry, on_bytes))
    return problems


def _check_file(path: Path, entry: FileEntry, on_bytes: Callable[[int], None] | None) -> list[str]:
    if not path.is_file():
        return [f"{entry.name}: missing"]
    digest = hashlib.sha256()
    size = 0
    line_ends = 0
    head = b""
    try:
        with path.open("rb") as stream:
            _drop_cache(stream.fileno())
            while chunk := stream.read(READ_BYTES):
                digest.update(chunk)
                size += len(chunk)
                line_ends += chunk.count(b"\n")
                if len(head) < 4096:
                    head += chunk[: 4096 - len(head)]
                if on_bytes is not None:
                    on_bytes(len(chunk))
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
            problems.append(f"{entry.name}: columns {', '.join(header)} are not the manifest's")
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


def _read(path: Path) -> bytes:
    with path.open("rb") as stream:
        _drop_cache(stream.fileno())
        return stream.read()


def _drop_cache(descriptor: int) -> None:
    """Ask the kernel to forget cached pages, so what is checked is what the device holds."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    try:
        advise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
    except OSError as error:
        log.debug("cannot drop cached pages: %s", error)
