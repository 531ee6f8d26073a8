"""Which signing keys the kiosk trusts for content packs, and which it refuses.

A pack from a stick installs only when its ``manifest.json`` is signed by a trusted key that was
not revoked (``kiosk.content.install``). Trusted keys come from two places:

* the bundle: ``content/keys/*.pub`` (the content team's keys; the file name is the key's name),
  with ``content/keys/revoked.txt`` listing key ids that are refused (one per line, ``#`` comments);
* the organiser: ``kiosk content trust KEY.pub`` or organiser mode (its "Trusted keys" page, from
  a ``.pub`` on a stick), kept in the data dir (``paths.content_trust_file()``, JSON, replaced
  whole), with the ids revoked there. The organiser can also remove a key added that way.

A revoked key is refused wherever it is trusted: revoking is how a lost or leaked key is
stopped on every kiosk that gets the list.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.signing import PublicKey, Signature, SignatureError, verify
from kiosk.system import paths
from kiosk.system.fsio import atomic_write_text

log = logging.getLogger(__name__)

TRUST_FORMAT = 1
REVOKED_FILE = "revoked.txt"
_KEY_ID = re.compile(r"[0-9A-F]{1,16}")


@dataclass(frozen=True)
class TrustedKey:
    """A key the kiosk accepts signatures from: its name for people, and where it came from."""

    name: str
    key: PublicKey
    bundled: bool

    @property
    def key_id(self) -> str:
        return self.key.id_text

    def __str__(self) -> str:
        return f"{self.name} (key {self.key_id})"


@dataclass(frozen=True)
class TrustStore:
    keys: tuple[TrustedKey, ...] = ()
    revoked: frozenset[str] = frozenset()

    def find(self, key_id: str) -> TrustedKey | None:
        return next((key for key in self.keys if key.key_id == key_id), None)


def normal_key_id(text: str) -> str:
    """A key id as minisign prints it, as 16 hex digits; ``ValueError`` for anything else.

    minisign 0.11 leaves out leading zeros (``261C54472CB5889``); 0.12 prints all 16 digits.
    """
    key_id = text.strip().upper()
    if not _KEY_ID.fullmatch(key_id):
        raise ValueError(f"{text!r} is not a key id (16 hex digits, as `minisign` prints it)")
    return key_id.zfill(16)


def load_trust(keys_dir: Path | None = None, trust_file: Path | None = None) -> TrustStore:
    """The bundled keys and the organiser's; unreadable entries are logged and left out."""
    keys_dir = keys_dir if keys_dir is not None else paths.bundled_keys_dir()
    trust_file = trust_file if trust_file is not None else paths.content_trust_file()
    keys: list[TrustedKey] = []
    revoked: set[str] = set()
    if keys_dir.is_dir():
        for file in sorted(keys_dir.glob("*.pub")):
            try:
                keys.append(
                    TrustedKey(file.stem, PublicKey.from_text(file.read_text(encoding="utf-8")), True)
                )
            except (OSError, UnicodeDecodeError, SignatureError) as error:
                log.error("bundled content key %s cannot be read: %s", file, error)
        revoked |= _revoked_list(keys_dir / REVOKED_FILE)
    added, added_revoked = _read_trust_file(trust_file)
    known = {key.key_id for key in keys}
    keys += [key for key in added if key.key_id not in known]
    return TrustStore(tuple(keys), frozenset(revoked | added_revoked))


def _revoked_list(file: Path) -> set[str]:
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    except (OSError, UnicodeDecodeError) as error:
        log.error("revoked content keys %s cannot be read: %s", file, error)
        return set()
    found = set()
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            try:
                found.add(normal_key_id(entry))
            except ValueError as error:
                log.error("%s: %s", file, error)
    return found


def _read_trust_file(file: Path) -> tuple[list[TrustedKey], set[str]]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [], set()
    except (OSError, UnicodeDecodeError, ValueError) as error:
        log.error("trusted content keys %s cannot be read: %s", file, error)
        return [], set()
    if not isinstance(data, dict) or data.get("format") != TRUST_FORMAT:
        log.error("trusted content keys %s are not in a format this kiosk knows", file)
        return [], set()
    keys: list[TrustedKey] = []
    for entry in data.get("keys", []):
        try:
            keys.append(TrustedKey(str(entry["name"]), PublicKey.from_text(str(entry["public_key"])), False))
        except (KeyError, TypeError, SignatureError) as error:
            log.error("a trusted content key in %s cannot be read: %s", file, error)
    revoked = set()
    for entry in data.get("revoked", []):
        try:
            revoked.add(normal_key_id(str(entry)))
        except ValueError as error:
            log.error("%s: %s", file, error)
    return keys, revoked


def _write_trust_file(file: Path, keys: list[TrustedKey], revoked: set[str]) -> None:
    data = {
        "format": TRUST_FORMAT,
        "keys": [{"name": key.name, "public_key": key.key.base64()} for key in keys],
        "revoked": sorted(revoked),
    }
    file.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(file, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def trust_key(key: PublicKey, name: str, trust_file: Path | None = None) -> TrustedKey:
    """Trust ``key`` from now on (replacing the name of a key already trusted); returns it."""
    trust_file = trust_file if trust_file is not None else paths.content_trust_file()
    name = " ".join(name.split()) or key.id_text
    keys, revoked = _read_trust_file(trust_file)
    trusted = TrustedKey(name, key, False)
    keys = [other for other in keys if other.key_id != key.id_text] + [trusted]
    _write_trust_file(trust_file, keys, revoked)
    log.info("content signing key %s trusted", trusted)
    return trusted


def untrust_key(key_id: str, trust_file: Path | None = None) -> TrustedKey | None:
    """Stop trusting a key the organiser added (a bundled key is revoked instead); returns it if it was."""
    trust_file = trust_file if trust_file is not None else paths.content_trust_file()
    key_id = normal_key_id(key_id)
    keys, revoked = _read_trust_file(trust_file)
    removed = next((key for key in keys if key.key_id == key_id), None)
    if removed is None:
        return None
    _write_trust_file(trust_file, [key for key in keys if key.key_id != key_id], revoked)
    log.info("content signing key %s no longer trusted", removed)
    return removed


def revoke_key(key_id: str, trust_file: Path | None = None) -> str:
    """Refuse packs signed by ``key_id`` from now on, even from a bundled key; returns the id."""
    trust_file = trust_file if trust_file is not None else paths.content_trust_file()
    key_id = normal_key_id(key_id)
    keys, revoked = _read_trust_file(trust_file)
    _write_trust_file(trust_file, keys, revoked | {key_id})
    log.info("content signing key %s revoked", key_id)
    return key_id


def check_signature(data: bytes, signature_text: str | None, store: TrustStore, *, what: str) -> TrustedKey:
    """The trusted key that signed ``data`` (the bytes of ``what``), or ``SignatureError`` saying why not."""
    if signature_text is None:
        raise SignatureError(
            f"{what} is not signed (no {what}.minisig): this kiosk installs signed packs only;"
            " sign it with `kiosk content sign` or `minisign -Sm`"
        )
    try:
        signature = Signature.from_text(signature_text)
    except SignatureError as error:
        raise SignatureError(f"{what}.minisig cannot be read: {error}") from None
    key_id = signature.key_id_text
    trusted = store.find(key_id)
    if key_id in store.revoked:
        by = f" ({trusted.name})" if trusted is not None else ""
        raise SignatureError(
            f"{what} is signed by key {key_id}{by}, which was revoked: it may not be installed"
        )
    if trusted is None:
        raise SignatureError(
            f"{what} is signed by key {key_id}, which this kiosk does not trust"
            " (an organiser can add the key with `kiosk content trust KEY.pub`)"
        )
    try:
        verify(data, signature, trusted.key)
    except SignatureError:
        raise SignatureError(
            f"{what} does not match its signature by {trusted}: it was changed after it was signed"
        ) from None
    return trusted
