"""minisign keys and signatures, so a content team signs packs with the standard ``minisign`` tool.

A pack's ``manifest.json`` lists every file with its SHA-256; ``manifest.json.minisig`` beside
it signs the manifest, so one signature vouches for the whole pack. The formats are minisign's
(https://jedisct1.github.io/minisign/), read and written here byte for byte:

    public key  "untrusted comment: ..." / base64("Ed" + key id (8) + Ed25519 key (32))
    signature   "untrusted comment: ..." / base64("ED" + key id (8) + signature (64))
                "trusted comment: ..."   / base64(signature over signature + trusted comment)
    secret key  "untrusted comment: ..." / base64("Ed" + kdf "\\0\\0" + "B2" + salt (32) + 2 × 8
                 limits + key id (8) + seed and public key (64) + BLAKE2b-256 checksum (32))

"ED" signs the BLAKE2b-512 of the file (minisign's default since 0.8); the legacy "Ed" signs the
file itself and is accepted too. Only unencrypted secret keys (``minisign -G -W``, or
``kiosk content keygen``) can be used by ``kiosk content sign``; a password-protected key signs
with ``minisign`` itself. The Ed25519 arithmetic is the ``cryptography`` library's.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

SIGNATURE_SUFFIX = ".minisig"
_UNTRUSTED = "untrusted comment: "
_TRUSTED = "trusted comment: "
_ALG = b"Ed"
_ALG_PREHASHED = b"ED"
_KDF_NONE = b"\0\0"
_KDF_SCRYPT = b"Sc"
_CHECKSUM_ALG = b"B2"
_KEY_ID_BYTES = 8
_PUBLIC_BYTES = 2 + _KEY_ID_BYTES + 32
_SIGNATURE_BYTES = 2 + _KEY_ID_BYTES + 64
_SECRET_BYTES = 2 + 2 + 2 + 32 + 8 + 8 + _KEY_ID_BYTES + 64 + 32
# minisign refuses longer trusted comments; a signature file is a few hundred bytes.
_TRUSTED_COMMENT_MAX = 8192


class SignatureError(ValueError):
    """A key or signature cannot be read, or a signature does not match; ``str()`` says which."""


def key_id_text(key_id: bytes) -> str:
    """The key id as minisign prints it (``minisign public key 1A2B…``): 16 upper-case hex digits."""
    return f"{int.from_bytes(key_id, 'little'):016X}"


def _comment_id(key_id: bytes) -> str:
    """The key id as minisign writes it in a key file's comment line: no leading zeros."""
    return f"{int.from_bytes(key_id, 'little'):X}"


def _lines(text: str, what: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not lines[0].startswith(_UNTRUSTED):
        raise SignatureError(f"not a minisign {what}: it must start with '{_UNTRUSTED.strip()}'")
    return lines


def _decoded(text: str, size: int, what: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError(f"not a minisign {what}: its base64 line cannot be read") from None
    if len(raw) != size:
        raise SignatureError(f"not a minisign {what}: {len(raw)} bytes where {size} were expected")
    return raw


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes
    key: bytes

    @property
    def id_text(self) -> str:
        return key_id_text(self.key_id)

    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        """A ``.pub`` file's text, or the bare base64 line (minisign's ``-P`` form)."""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) == 1 and not lines[0].startswith(_UNTRUSTED):
            lines = [_UNTRUSTED + "public key", lines[0]]
        lines = _lines("\n".join(lines), "public key")
        if len(lines) < 2:
            raise SignatureError("not a minisign public key: the base64 line is missing")
        raw = _decoded(lines[1], _PUBLIC_BYTES, "public key")
        if raw[:2] != _ALG:
            raise SignatureError("not a minisign public key: unknown signature algorithm")
        return cls(raw[2 : 2 + _KEY_ID_BYTES], raw[2 + _KEY_ID_BYTES :])

    def base64(self) -> str:
        return base64.b64encode(_ALG + self.key_id + self.key).decode("ascii")

    def to_text(self) -> str:
        return f"{_UNTRUSTED}minisign public key {_comment_id(self.key_id)}\n{self.base64()}\n"


@dataclass(frozen=True)
class Signature:
    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes

    @property
    def key_id_text(self) -> str:
        return key_id_text(self.key_id)

    @classmethod
    def from_text(cls, text: str) -> Signature:
        lines = _lines(text, "signature")
        if len(lines) != 4 or not lines[2].startswith(_TRUSTED):
            raise SignatureError("not a minisign signature: it needs four lines (comments and signatures)")
        raw = _decoded(lines[1], _SIGNATURE_BYTES, "signature")
        if raw[:2] not in (_ALG, _ALG_PREHASHED):
            raise SignatureError("not a minisign signature: unknown signature algorithm")
        comment = lines[2][len(_TRUSTED) :]
        if len(comment.encode("utf-8")) > _TRUSTED_COMMENT_MAX:
            raise SignatureError("not a minisign signature: its trusted comment is too long")
        return cls(
            raw[:2],
            raw[2 : 2 + _KEY_ID_BYTES],
            raw[2 + _KEY_ID_BYTES :],
            comment,
            _decoded(lines[3], 64, "signature"),
        )

    def to_text(self, untrusted_comment: str = "signature from minisign secret key") -> str:
        signature = base64.b64encode(self.algorithm + self.key_id + self.signature).decode("ascii")
        return (
            f"{_UNTRUSTED}{untrusted_comment}\n{signature}\n{_TRUSTED}{self.trusted_comment}\n"
            f"{base64.b64encode(self.global_signature).decode('ascii')}\n"
        )


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    seed: bytes

    @classmethod
    def generate(cls) -> SecretKey:
        import secrets

        return cls(secrets.token_bytes(_KEY_ID_BYTES), secrets.token_bytes(32))

    @property
    def public_key(self) -> PublicKey:
        key = self._private().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return PublicKey(self.key_id, key)

    def _private(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.seed)

    @classmethod
    def from_text(cls, text: str) -> SecretKey:
        lines = _lines(text, "secret key")
        if len(lines) < 2:
            raise SignatureError("not a minisign secret key: the base64 line is missing")
        raw = _decoded(lines[1], _SECRET_BYTES, "secret key")
        if raw[:2] != _ALG or raw[4:6] != _CHECKSUM_ALG:
            raise SignatureError("not a minisign secret key: unknown algorithm")
        if raw[2:4] == _KDF_SCRYPT:
            raise SignatureError(
                "this secret key has a password: sign with `minisign -S`, or remove the password"
                " with `minisign -C -W`"
            )
        if raw[2:4] != _KDF_NONE:
            raise SignatureError("not a minisign secret key: unknown key derivation")
        key_id, secret, checksum = raw[54:62], raw[62:126], raw[126:]
        # minisign leaves the checksum of an unencrypted key as zeros; one we wrote is checked.
        if any(checksum) and checksum != _checksum(key_id, secret):
            raise SignatureError("the secret key is damaged (its checksum differs)")
        key = cls(key_id, secret[:32])
        if key.public_key.key != secret[32:]:
            raise SignatureError("the secret key is damaged (its public half does not match)")
        return key

    def to_text(self) -> str:
        """minisign's unencrypted secret key file (``minisign -G -W`` reads it alike)."""
        secret = self.seed + self.public_key.key
        raw = (
            _ALG
            + _KDF_NONE
            + _CHECKSUM_ALG
            + bytes(32 + 8 + 8)
            + self.key_id
            + secret
            + _checksum(self.key_id, secret)
        )
        comment = f"minisign secret key {key_id_text(self.key_id)} (no password: keep it secret)"
        return f"{_UNTRUSTED}{comment}\n{base64.b64encode(raw).decode('ascii')}\n"

    def sign(self, data: bytes, trusted_comment: str) -> Signature:
        """A prehashed ("ED") signature of ``data``, as ``minisign -S`` makes."""
        if "\n" in trusted_comment or "\r" in trusted_comment:
            raise SignatureError("a trusted comment is one line")
        private = self._private()
        signature = private.sign(hashlib.blake2b(data, digest_size=64).digest())
        global_signature = private.sign(signature + trusted_comment.encode("utf-8"))
        return Signature(_ALG_PREHASHED, self.key_id, signature, trusted_comment, global_signature)


def _checksum(key_id: bytes, secret: bytes) -> bytes:
    return hashlib.blake2b(_ALG + key_id + secret, digest_size=32).digest()


def verify(data: bytes, signature: Signature, key: PublicKey) -> None:
    """Raise ``SignatureError`` unless ``signature`` is ``key``'s over ``data`` and its trusted comment."""
    if signature.key_id != key.key_id:
        raise SignatureError(f"the signature is by key {signature.key_id_text}, not by key {key.id_text}")
    public = Ed25519PublicKey.from_public_bytes(key.key)
    signed = hashlib.blake2b(data, digest_size=64).digest() if signature.algorithm == _ALG_PREHASHED else data
    try:
        public.verify(signature.signature, signed)
    except InvalidSignature:
        raise SignatureError(
            "the signature does not match: the file was changed after it was signed"
        ) from None
    try:
        public.verify(
            signature.global_signature, signature.signature + signature.trusted_comment.encode("utf-8")
        )
    except InvalidSignature:
        raise SignatureError("the signature's trusted comment was changed after it was signed") from None
