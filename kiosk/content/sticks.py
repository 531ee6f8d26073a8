"""Finding content packs on USB sticks, for the organiser screen and ``kiosk content install``.

A stick carries packs as ``<stick>/kiosk-content/<pack-id>/`` with a ``manifest.json`` each
(content/README.md). Only the manifests are read here, so listing is quick even on a slow
stick; ``kiosk.content.install`` verifies everything else. Which sticks are plugged in is
``kiosk.system.removable``. A read-only stick is fine: installing only reads it.

Anyone can write a stick, so nothing on it is taken at its word: a pack folder that is a
link, or a ``manifest.json`` that is not a plain file (a link, a named pipe that would wait
for ever, a device such as ``/dev/zero``) or is bigger than ``MANIFEST_LIST_MAX_BYTES``, is
listed with why it cannot be installed, and is never opened. Even so, listing touches a
stick that may be slow or failing: screens list in the background (``ui.runtime.worker``).

A stick can also carry the content team's public keys, ``<stick>/kiosk-keys/*.pub``, for the
organiser to trust (after comparing the key id with the one the team sent another way): they
are read with the same care, a small plain file each (``find_keys``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.manifest import MANIFEST_FILE, ManifestError, read_signed_manifest
from kiosk.content.printable import printable
from kiosk.content.signing import PublicKey, SignatureError
from kiosk.content.trust import TrustedKey, TrustStore, load_trust
from kiosk.system.fsio import FileTooLargeError, NotPlainFileError, kind_of, read_plain_file

STICK_FOLDER = "kiosk-content"
# A manifest lists ~150 bytes per file: room for tens of thousands of files, and no more is read.
MANIFEST_LIST_MAX_BYTES = 8 * 2**20
# More pack folders than any real stick carries: the rest of a stick full of folders is not looked at.
MAX_PACKS_PER_STICK = 100
KEYS_FOLDER = "kiosk-keys"
KEY_SUFFIX = ".pub"
# A minisign public key file is about 100 bytes; a comment line makes it a little longer.
KEY_FILE_MAX_BYTES = 4096
MAX_KEYS_PER_STICK = 20


@dataclass(frozen=True)
class PackOnStick:
    """A pack found on a stick: what its manifest says, or why it cannot be installed."""

    folder: Path
    pack_id: str
    content_version: str = ""
    files: int = 0
    total_bytes: int = 0
    problem: str | None = None
    # The trusted key that signed the manifest (None: the pack cannot be installed, see problem).
    signer: TrustedKey | None = None


def find_packs(roots: Iterable[Path], trust: TrustStore | None = None) -> list[PackOnStick]:
    """Every pack under ``<root>/kiosk-content/`` of each root, by root then pack folder name.

    Each manifest's signature is checked against ``trust`` (the kiosk's keys by default).
    """
    trust = trust if trust is not None else load_trust()
    found: list[PackOnStick] = []
    for root in roots:
        folder = root / STICK_FOLDER
        try:
            candidates = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
        except OSError:
            continue  # no such folder, or the stick went away
        packs = [candidate for candidate in candidates if _holds_manifest(candidate)]
        found += [describe(candidate, trust) for candidate in packs[:MAX_PACKS_PER_STICK]]
    return found


@dataclass(frozen=True)
class KeyOnStick:
    """A public key found on a stick (``name``: its file name without ``.pub``), or why it is unusable."""

    file: Path
    name: str
    key: PublicKey | None = None
    problem: str | None = None

    @property
    def key_id(self) -> str:
        return self.key.id_text if self.key is not None else ""


def find_keys(roots: Iterable[Path]) -> list[KeyOnStick]:
    """Every ``<root>/kiosk-keys/*.pub`` of each root, by root then file name; no link or pipe is opened."""
    found: list[KeyOnStick] = []
    for root in roots:
        folder = root / KEYS_FOLDER
        try:
            if not stat.S_ISDIR(folder.lstat().st_mode):
                continue  # a link posing as the folder is not followed
            candidates = sorted(
                p for p in folder.iterdir() if p.name.endswith(KEY_SUFFIX) and not p.name.startswith(".")
            )
        except OSError:
            continue  # no such folder, or the stick went away
        found += [_read_key(candidate) for candidate in candidates[:MAX_KEYS_PER_STICK]]
    return found


def _read_key(file: Path) -> KeyOnStick:
    name = printable(file.name[: -len(KEY_SUFFIX)])
    try:
        status = file.lstat()
    except OSError as error:
        return KeyOnStick(file, name, problem=f"it cannot be read: {error.strerror or error}")
    if not stat.S_ISREG(status.st_mode):
        return KeyOnStick(file, name, problem=f"it is {kind_of(status.st_mode)}, not a plain file")
    if status.st_size > KEY_FILE_MAX_BYTES:
        return KeyOnStick(file, name, problem=f"it is bigger than {KEY_FILE_MAX_BYTES} bytes")
    try:
        # A link or pipe swapped in since the look above is refused, not followed.
        data = read_plain_file(file, KEY_FILE_MAX_BYTES)
    except NotPlainFileError:
        return KeyOnStick(file, name, problem="it is not a plain file")
    except FileTooLargeError:
        return KeyOnStick(file, name, problem=f"it is bigger than {KEY_FILE_MAX_BYTES} bytes")
    except OSError as error:
        return KeyOnStick(file, name, problem=f"it cannot be read: {error.strerror or error}")
    try:
        key = PublicKey.from_text(data.decode("utf-8"))
    except (UnicodeDecodeError, SignatureError) as error:
        reason = error if isinstance(error, SignatureError) else "it is not text"
        return KeyOnStick(file, name, problem=printable(str(reason)))
    return KeyOnStick(file, name, key)


def describe(folder: Path, trust: TrustStore) -> PackOnStick:
    problem = _not_readable(folder)
    if problem is not None:
        return PackOnStick(folder, folder.name, problem=problem)
    try:
        signed = read_signed_manifest(folder, trust)
    except ManifestError as error:
        return PackOnStick(folder, folder.name, problem=str(error))
    manifest = signed.manifest
    return PackOnStick(
        folder,
        manifest.pack_id,
        manifest.content_version,
        len(manifest.files),
        manifest.total_bytes,
        signer=signed.signer,
    )


def _holds_manifest(candidate: Path) -> bool:
    """A folder (or a link posing as one) with something named ``manifest.json`` in it."""
    try:
        return stat.S_ISDIR(candidate.stat().st_mode) and os.path.lexists(candidate / MANIFEST_FILE)
    except OSError:
        return False


def _not_readable(folder: Path) -> str | None:
    """Why the pack in ``folder`` is not even opened, from what the stick's file system says alone."""
    try:
        if stat.S_ISLNK(folder.lstat().st_mode):
            return f"{folder.name} is a link to another folder; a pack must be a plain folder"
        status = (folder / MANIFEST_FILE).lstat()
    except OSError as error:
        return f"{MANIFEST_FILE} cannot be read: {error.strerror or error}"
    mode = status.st_mode
    if not stat.S_ISREG(mode):
        return f"{MANIFEST_FILE} is {kind_of(mode)}, not a plain file"
    if status.st_size > MANIFEST_LIST_MAX_BYTES:
        return f"{MANIFEST_FILE} is bigger than {MANIFEST_LIST_MAX_BYTES >> 20} MiB"
    return None
