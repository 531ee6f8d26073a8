"""Sharing a voice pack between kiosks on a USB stick: signed by the recording kiosk, installed whole.

Export (``kiosk voices export hmn STICK``) writes ``STICK/kiosk-voices/hmn/``: the pack's
``voicepack.json`` and recordings, a ``manifest.json`` listing each file's size and SHA-256,
``manifest.json.minisig`` (signed by this kiosk's own key, ``kiosk.export.kiosk_key``, in the
content packs' minisign format) and ``kiosk-key.pub``, the public half, for the other kiosk's
organiser to trust once (``kiosk content trust STICK/kiosk-voices/hmn/kiosk-key.pub``: the same
trusted keys as content packs, ``kiosk.content.trust``). The folder is written under a hidden
name and renamed when whole, so a pulled stick leaves no half pack that looks whole.

Install (``kiosk voices install STICK_FOLDER``) follows the content packs' path: the signature
of the manifest's exact bytes by a trusted, unrevoked key; every listed file present with its
size and nothing else; enough free space; each file hashed as it is copied into a staging
folder; the staged pack read as the kiosk reads it; only then does it replace the language's
pack in the data dir (one rename). Any refusal leaves the kiosk's voices as they were, with a
message that says why and what to do.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk.content.manifest import (
    MANIFEST_FILE,
    MANIFEST_MAX_BYTES,
    SIGNATURE_FILE,
    SIGNATURE_MAX_BYTES,
    ManifestEntry,
    ManifestError,
    pack_files,
    read_bounded,
)
from kiosk.content.signing import SignatureError
from kiosk.content.trust import TrustedKey, TrustStore, check_signature, load_trust
from kiosk.system.fsio import fsync_folder
from kiosk.voices.languages import is_voice_language_code
from kiosk.voices.pack import PACK_FILE, VoicePack, VoicePackError, voices_dir

log = logging.getLogger(__name__)

STICK_FOLDER = "kiosk-voices"
PUBLIC_KEY_FILE = "kiosk-key.pub"
KIND = "voice-pack"
FORMAT = 1
STAGING = ".staging"
_CHUNK = 1 << 20
# Room kept free beyond the pack, on the kiosk's disk and on the stick.
SPARE_BYTES = 20 * 1024 * 1024
_SHA256_HEX = frozenset("0123456789abcdef")


class VoiceShareError(Exception):
    """Nothing was exported or installed; ``str()`` says why in one line, ``details`` name files."""

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.details = tuple(details[:20])


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    files: int
    total_bytes: int
    fingerprint: str


@dataclass(frozen=True)
class VoiceInstallResult:
    language: str
    folder: Path
    recordings: int
    signer: TrustedKey
    # Recordings this kiosk had of the language before (replaced by the installed pack).
    replaced: int


def _digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


# -- export ------------------------------------------------------------------------------------


def export_pack(
    language: str, stick: Path, *, root: Path | None = None, key_file: Path | None = None
) -> ExportResult:
    """Write the language's voice pack to ``stick/kiosk-voices/<language>``, signed by this kiosk's key."""
    from kiosk.export.kiosk_key import load_or_create, signature_comment

    try:
        pack = VoicePack.open(language, root)
    except VoicePackError as error:
        raise VoiceShareError(str(error)) from error
    if not pack.file.is_file():
        raise VoiceShareError(f"there is no voice pack in {language} on this kiosk: record one first")
    if not stick.is_dir():
        raise VoiceShareError(f"{stick} is not a folder: plug the stick in and give its folder")
    # A recording whose file is missing or changed here is not played here either: it goes as
    # listed but without its file, so the other kiosk lists it as missing too.
    recorded = {recording.file for recording in pack.recordings().values() if pack.intact(recording)}
    names = [PACK_FILE, *sorted(recorded)]
    entries = []
    for name in names:
        size, sha256 = _digest(pack.folder / name)
        entries.append(ManifestEntry(name, size, sha256))
    total = sum(entry.size for entry in entries)
    key = load_or_create(key_file)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "kind": KIND,
        "language": language,
        "made": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "kiosk_key": key.manifest_field(),
        "files": [{"path": e.path, "size": e.size, "sha256": e.sha256} for e in entries],
    }
    raw = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    signature = key.secret.sign(raw, f"voice pack {language}; kiosk key {key.fingerprint}")
    signed = signature.to_text(signature_comment(key.fingerprint)).encode("ascii")
    public = key.public_key.to_text().encode("ascii")
    free = shutil.disk_usage(stick).free
    needed = total + len(raw) + len(signed) + len(public)
    if free < needed + 1024 * 1024:
        raise VoiceShareError(
            f"the stick has {_mb(free)} free and the voice pack needs {_mb(needed)}:"
            " nothing was written; free some room or use another stick"
        )
    top = stick / STICK_FOLDER
    target = top / language
    partial = top / f".{language}.partial-{uuid.uuid4().hex[:8]}"
    try:
        partial.mkdir(parents=True)
        for entry in entries:
            destination = partial / entry.path
            destination.parent.mkdir(parents=True, exist_ok=True)
            _copy_synced(pack.folder / entry.path, destination)
        for name, data in ((MANIFEST_FILE, raw), (SIGNATURE_FILE, signed), (PUBLIC_KEY_FILE, public)):
            with (partial / name).open("xb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        _fsync_tree(partial)
        if target.exists():
            old = top / f".{language}.old-{uuid.uuid4().hex[:8]}"
            target.rename(old)
            partial.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            partial.rename(target)
        fsync_folder(top)
    except OSError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise VoiceShareError(
            f"the voice pack could not be written to {stick} ({error.strerror or error}):"
            " the stick may be full, read-only or pulled out; nothing usable was written, try again"
        ) from error
    log.info(
        "voice pack %s exported to %s (%d files), signed by key %s",
        language,
        target,
        len(entries),
        key.fingerprint,
    )
    return ExportResult(target, len(entries), total, key.fingerprint)


def _copy_synced(source: Path, target: Path) -> None:
    with source.open("rb") as stream, target.open("xb") as out:
        shutil.copyfileobj(stream, out, _CHUNK)
        out.flush()
        os.fsync(out.fileno())


def _fsync_tree(folder: Path) -> None:
    for top, _dirs, _files in os.walk(folder, topdown=False):
        fsync_folder(Path(top))


# -- install -----------------------------------------------------------------------------------


def pack_on_stick(path: Path) -> Path:
    """The voice pack folder in ``path``: the folder itself, or the one under ``kiosk-voices/``."""
    if (path / MANIFEST_FILE).is_file():
        return path
    top = path / STICK_FOLDER
    found = (
        sorted(entry for entry in top.iterdir() if (entry / MANIFEST_FILE).is_file()) if top.is_dir() else []
    )
    found = [entry for entry in found if not entry.name.startswith(".")]
    if len(found) == 1:
        return found[0]
    if not found:
        raise VoiceShareError(
            f"no voice pack in {path}: give the folder kiosk-voices/<language> on the stick"
        )
    names = ", ".join(str(entry) for entry in found)
    raise VoiceShareError(f"{path} holds several voice packs: give one of them ({names})")


def _safe(path: str) -> bool:
    pure = PurePosixPath(path)
    return (
        bool(path)
        and "\\" not in path
        and not pure.is_absolute()
        and ".." not in pure.parts
        and "" not in path.split("/")
    )


def _parse(raw: bytes) -> tuple[str, tuple[ManifestEntry, ...]]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise VoiceShareError(f"{MANIFEST_FILE} cannot be read: {error}") from error
    if not isinstance(data, dict) or data.get("kind") != KIND or data.get("format") != FORMAT:
        raise VoiceShareError(
            f"{MANIFEST_FILE} is not a voice pack's manifest (kind {KIND!r}, format {FORMAT})"
        )
    language, files = data.get("language"), data.get("files")
    if not isinstance(language, str) or not is_voice_language_code(language):
        raise VoiceShareError(f"{MANIFEST_FILE}: {language!r} is not a language code")
    if not isinstance(files, list):
        raise VoiceShareError(f"{MANIFEST_FILE} needs a 'files' list")
    entries = []
    for item in files:
        path = item.get("path") if isinstance(item, dict) else None
        size = item.get("size") if isinstance(item, dict) else None
        sha256 = item.get("sha256") if isinstance(item, dict) else None
        if not isinstance(path, str) or not _safe(path):
            raise VoiceShareError(f"{MANIFEST_FILE}: {path!r} is not a path inside the pack")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise VoiceShareError(f"{MANIFEST_FILE}: {path}: size must be a whole number of bytes")
        if not isinstance(sha256, str) or len(sha256) != 64 or not set(sha256) <= _SHA256_HEX:
            raise VoiceShareError(f"{MANIFEST_FILE}: {path}: sha256 must be 64 lower-case hex digits")
        entries.append(ManifestEntry(path, size, sha256))
    names = [entry.path for entry in entries]
    if len(set(names)) != len(names) or PACK_FILE not in names:
        raise VoiceShareError(f"{MANIFEST_FILE} must list {PACK_FILE}, and each file once")
    return language, tuple(entries)


def _require_complete(source: Path, entries: Sequence[ManifestEntry]) -> None:
    try:
        present = set(pack_files(source)) - {PUBLIC_KEY_FILE}
    except (ManifestError, OSError) as error:
        raise VoiceShareError(f"{source}: {error}") from error
    listed = {entry.path for entry in entries}
    missing = sorted(listed - present)
    if missing:
        raise VoiceShareError(
            f"the voice pack on the stick is incomplete: {len(missing)} file(s) of {MANIFEST_FILE} missing"
            " (the stick was pulled out while it was written? export it again)",
            missing,
        )
    extra = sorted(present - listed)
    if extra:
        raise VoiceShareError(
            f"{len(extra)} file(s) not in {MANIFEST_FILE}: the pack was changed after it was exported;"
            " nothing was installed",
            extra,
        )
    wrong = [entry.path for entry in entries if (source / entry.path).stat().st_size != entry.size]
    if wrong:
        raise VoiceShareError(
            f"{len(wrong)} file(s) on the stick are not the size {MANIFEST_FILE} says: damaged or changed;"
            " nothing was installed",
            wrong,
        )


def _copy_verified(source: Path, target: Path, entry: ManifestEntry) -> None:
    digest = hashlib.sha256()
    size = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out:
        try:
            with source.open("rb") as stream:
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
        except OSError as error:
            raise VoiceShareError(
                f"{entry.path} cannot be read from the stick ({error.strerror or error}):"
                " was it pulled out? Nothing was installed"
            ) from error
        out.flush()
        os.fsync(out.fileno())
    if size != entry.size or digest.hexdigest() != entry.sha256:
        raise VoiceShareError(
            f"{entry.path} on the stick does not match {MANIFEST_FILE} (its SHA-256 differs):"
            " the file is damaged or was changed; nothing was installed"
        )


def install_pack(
    source: Path, *, root: Path | None = None, trust: TrustStore | None = None
) -> VoiceInstallResult:
    """Install the voice pack in ``source`` (found by ``pack_on_stick``) or raise ``VoiceShareError``."""
    root = root if root is not None else voices_dir()
    folder = pack_on_stick(source)
    try:
        raw = read_bounded(folder / MANIFEST_FILE, MANIFEST_MAX_BYTES)
        try:
            signature: str | None = read_bounded(folder / SIGNATURE_FILE, SIGNATURE_MAX_BYTES).decode("utf-8")
        except FileNotFoundError:
            signature = None
    except (ManifestError, OSError, UnicodeDecodeError) as error:
        raise VoiceShareError(f"{folder}: {error}") from error
    try:
        signer = check_signature(
            raw, signature, trust if trust is not None else load_trust(), what=MANIFEST_FILE
        )
    except SignatureError as error:
        raise VoiceShareError(
            f"{error}; nothing was installed (the organiser trusts the recording kiosk's key with"
            f" `kiosk content trust {folder / PUBLIC_KEY_FILE}`)"
            if "does not trust" in str(error)
            else f"{error}; nothing was installed"
        ) from None
    language, entries = _parse(raw)
    _require_complete(folder, entries)
    total = sum(entry.size for entry in entries)
    try:
        root.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(root).free
        if free < total + SPARE_BYTES:
            raise VoiceShareError(
                f"not enough free space for the voice pack: {_mb(total)} needed (and {_mb(SPARE_BYTES)}"
                f" kept free), {_mb(free)} free in {root}; nothing was installed"
            )
        staging = root / STAGING / uuid.uuid4().hex[:12]
        staged = staging / language
        try:
            staged.mkdir(parents=True)
            for entry in entries:
                _copy_verified(folder / entry.path, staged / entry.path, entry)
            try:
                pack = VoicePack.read(staged)
            except VoicePackError as error:
                raise VoiceShareError(
                    f"the voice pack cannot be used: {str(error).replace(str(staged) + os.sep, '')}"
                ) from error
            broken = [
                r.item.key
                for r in pack.recordings().values()
                if pack.path_of(r).exists() and not pack.intact(r)
            ]
            if broken:
                raise VoiceShareError(
                    f"{len(broken)} recording(s) do not match {PACK_FILE}: nothing was installed", broken
                )
            _fsync_tree(staged)
            target = root / language
            replaced = 0
            old = staging / f"{language}.old"
            if (target / PACK_FILE).is_file():
                try:
                    replaced = len(VoicePack.read(target).recordings())
                except VoicePackError:
                    replaced = 0
            if target.exists():
                target.rename(old)
            try:
                staged.rename(target)
            except OSError:
                if old.exists():
                    old.rename(target)
                raise
            fsync_folder(root)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            if (root / STAGING).is_dir() and not any((root / STAGING).iterdir()):
                (root / STAGING).rmdir()
    except OSError as error:
        raise VoiceShareError(f"nothing was installed: {error}") from error
    log.info(
        "voice pack %s (%d recordings) signed by %s installed from %s into %s",
        language,
        len(pack.recordings()),
        signer,
        folder,
        root / language,
    )
    return VoiceInstallResult(language, root / language, len(pack.recordings()), signer, replaced)
