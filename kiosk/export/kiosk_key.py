"""The kiosk's own signing key: each kiosk signs its exports' ``manifest.json`` with it.

A SHA-256 per file (``manifest.json``) shows damage; anyone can recompute it, so it cannot show
tampering. The Ed25519 key, made at the kiosk's first start and kept only in its data dir (mode
0600, never written to a stick), can: a changed file needs a new manifest, and a new manifest
needs this key. A district office pins the key's fingerprint, read off the organiser's screen.

The files are minisign's (``kiosk.content.signing``, the content team's format): the signature
is ``manifest.json.minisig`` beside the manifest, so an office without the kiosk's software can
check an export with the standard tool too: ``minisign -Vm manifest.json -P <public_key>``.

A key file that cannot be used (damaged, a link, a pipe) is set aside and a new key is made; the
key then says it replaced a damaged one, and every export carries that note. A key file that
merely cannot be read (permissions, an I/O error) is left alone: exports are then signed with a
key for this run only, and say so. No export ever waits for, or fails over, the key.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.content.signing import PublicKey, SecretKey, SignatureError
from kiosk.system import paths
from kiosk.system.fsio import (
    FileTooLargeError,
    NotPlainFileError,
    atomic_write_text,
    read_plain_file,
    set_aside,
)

log = logging.getLogger(__name__)

FINGERPRINT_BYTES = 16
# A minisign secret key file is about 350 bytes.
_KEY_FILE_LIMIT = 4096
_MADE = re.compile(r"\bmade (\d{4}-\d\d-\d\dT\d\d:\d\dZ)")
_REPLACED = "replacing a damaged key"
_lock = threading.Lock()
# Keys that could not be stored: the same one signs every export of this run.
_unsaved: dict[Path, KioskKey] = {}


def fingerprint(public_key: bytes) -> str:
    """``3F2A 91C0 …``: the first 16 bytes of the SHA-256 of the raw Ed25519 key, 8 groups of 4."""
    digits = hashlib.sha256(public_key).hexdigest()[: 2 * FINGERPRINT_BYTES].upper()
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def normal_fingerprint(text: str) -> str | None:
    """A fingerprint as typed (any case; spaces, ``-`` or ``:``) as printed; None if it is not one."""
    digits = re.sub(r"[\s:-]", "", text).upper()
    if re.fullmatch(rf"[0-9A-F]{{{2 * FINGERPRINT_BYTES}}}", digits) is None:
        return None
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


@dataclass(frozen=True)
class KioskKey:
    secret: SecretKey
    # When it was made (UTC, to the minute), "" when the file does not say.
    made: str
    # Made because the key file before it could not be used: its fingerprint changed.
    replaces_damaged_key: bool = False
    # False when the data dir would not keep it: it signs this run's exports only.
    stored: bool = True

    @property
    def public_key(self) -> PublicKey:
        return self.secret.public_key

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key.key)

    def manifest_field(self) -> dict[str, Any]:
        """What ``manifest.json`` says of the key (``kiosk_key``): never its secret half."""
        return {
            "fingerprint": self.fingerprint,
            "made": self.made,
            "minisign_public_key": self.public_key.base64(),
            "replaces_damaged_key": self.replaces_damaged_key,
            "stored_on_kiosk": self.stored,
        }

    def sign_manifest(self, manifest: bytes, kiosk_id: str) -> bytes:
        """The text of ``manifest.json.minisig`` for the manifest's exact bytes."""
        signature = self.secret.sign(
            manifest, f"digital-literacy-kiosk export; kiosk {kiosk_id}; key {self.fingerprint}"
        )
        return signature.to_text(signature_comment(self.fingerprint)).encode("ascii")

    def to_text(self) -> str:
        lines = self.secret.to_text().splitlines()
        note = f", {_REPLACED}" if self.replaces_damaged_key else ""
        comment = (
            f"untrusted comment: digital-literacy-kiosk export signing key {self.fingerprint}, "
            f"made {self.made}{note}; keep it secret, never copy it"
        )
        return f"{comment}\n{lines[1]}\n"


def signature_comment(printed: str) -> str:
    """The untrusted comment of a signature by the key with fingerprint ``printed``."""
    return f"signature from digital-literacy-kiosk key {printed}"


class KeyFileError(ValueError):
    """The key file is there but cannot be used as a key."""


def read_key(path: Path) -> KioskKey:
    """The key in ``path``. ``KeyFileError`` if the file is not a usable key (it is never followed
    if a link, never waited on if a pipe); ``FileNotFoundError`` and other ``OSError`` pass through."""
    try:
        raw = read_plain_file(path, _KEY_FILE_LIMIT)
    except (NotPlainFileError, FileTooLargeError, IsADirectoryError) as error:
        raise KeyFileError(str(error)) from error
    try:
        text = raw.decode("ascii")
        secret = SecretKey.from_text(text)
    except (UnicodeDecodeError, SignatureError) as error:
        raise KeyFileError(f"{path} is not a usable key ({error})") from error
    first = text.splitlines()[0] if text else ""
    made = _MADE.search(first)
    return KioskKey(secret, made.group(1) if made else "", replaces_damaged_key=_REPLACED in first)


def load_or_create(path: Path | None = None, *, now: datetime | None = None) -> KioskKey:
    """This kiosk's key, made and stored (mode 0600) when there is none yet."""
    path = path if path is not None else paths.kiosk_key_file()
    with _lock:
        if path in _unsaved:
            return _unsaved[path]
        replaced = False
        try:
            return read_key(path)
        except FileNotFoundError:
            pass
        except KeyFileError as error:
            replaced = True
            try:
                set_aside(path, f"the export signing key cannot be used ({error}); a new key is made")
            except OSError as move_error:
                log.error("could not set the signing key file %s aside: %s", path, move_error)
                return _unsaved_key(path, now, replaced, move_error)
        except OSError as error:
            # Not damaged, only unreadable now: keep the file, sign this run's exports with a new key.
            log.error("the export signing key %s cannot be read: %s", path, error)
            return _unsaved_key(path, now, False, error)
        key = _new_key(now, replaced)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, key.to_text(), encoding="ascii", mode=0o600)
        except OSError as error:
            return _unsaved_key(path, now, replaced, error)
        if replaced:
            log.error("made a new export signing key %s: its fingerprint has changed", key.fingerprint)
        else:
            log.info("made the kiosk's export signing key %s", key.fingerprint)
        return key


def own_key(path: Path | None = None) -> KioskKey | None:
    """The key this kiosk signs with now, if it has one; never makes one (``verify-export``)."""
    path = path if path is not None else paths.kiosk_key_file()
    with _lock:
        if path in _unsaved:
            return _unsaved[path]
    try:
        return read_key(path)
    except (OSError, KeyFileError):
        return None


def ensure_key(path: Path) -> None:
    """Make the key if there is none, never raising: run at the kiosk's first start, after the
    first paint, on a thread of its own (``ui.main``); an export that comes first makes it too."""
    try:
        load_or_create(path)
    except Exception:  # The next export tries again; a visitor's screen is never its concern.
        log.exception("could not make the export signing key")


def _new_key(now: datetime | None, replaced: bool, stored: bool = True) -> KioskKey:
    made = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
    return KioskKey(SecretKey.generate(), made, replaces_damaged_key=replaced, stored=stored)


def _unsaved_key(path: Path, now: datetime | None, replaced: bool, error: OSError) -> KioskKey:
    key = _new_key(now, replaced, stored=False)
    log.error(
        "could not keep an export signing key in %s (%s): this run's exports are signed with %s, "
        "a key used for this run only",
        path,
        error,
        key.fingerprint,
    )
    _unsaved[path] = key
    return key
