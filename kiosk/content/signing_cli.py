"""``kiosk content keygen | sign | trust | revoke | keys``: the content team's and organiser's key commands.

Wired up in ``kiosk.cli`` (``add_signing_commands`` and ``run``). Keys and signatures are
minisign's, so a team may use ``minisign`` instead for any of these (content/README.md).
Plain lines on the given stream; ``error: ...`` and exit status 1 when nothing was done.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

SIGNING_COMMANDS = ("keygen", "sign", "trust", "revoke", "keys")


def add_signing_commands(content_commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keygen = content_commands.add_parser(
        "keygen", help="make a key pair for signing content packs (minisign format, no password)"
    )
    keygen.add_argument("--out", type=Path, default=Path(), help="folder for NAME.key and NAME.pub")
    keygen.add_argument(
        "--name", default="content-team", help="file name of the keys (default: content-team)"
    )
    sign = content_commands.add_parser(
        "sign", help="sign a pack's manifest.json (writes manifest.json.minisig)"
    )
    sign.add_argument("pack", type=Path, help="the pack folder, with its manifest.json")
    sign.add_argument(
        "--key", type=Path, required=True, help="the secret key (from keygen or `minisign -G -W`)"
    )
    trust = content_commands.add_parser("trust", help="trust a public key for packs installed on this kiosk")
    trust.add_argument("public_key", type=Path, help="the .pub file")
    trust.add_argument("--name", default="", help="who signs with it, as the organiser page shows it")
    revoke = content_commands.add_parser("revoke", help="refuse packs signed by a key from now on")
    revoke.add_argument("key_id", help="the key id (16 hex digits, as `kiosk content keys` shows it)")
    content_commands.add_parser("keys", help="list the trusted and the revoked signing keys")


def _fail(out: TextIO, message: str) -> int:
    print(f"error: {message}", file=out)
    return 1


def run(args: argparse.Namespace, out: TextIO) -> int:
    command: str = args.content_command
    if command == "keygen":
        return keygen_command(args.out, args.name, out)
    if command == "sign":
        return sign_command(args.pack, args.key, out)
    if command == "trust":
        return trust_command(args.public_key, args.name, out)
    if command == "revoke":
        return revoke_command(args.key_id, out)
    return keys_command(out)


def keygen_command(folder: Path, name: str, out: TextIO) -> int:
    from kiosk.content.signing import SecretKey

    secret_file, public_file = folder / f"{name}.key", folder / f"{name}.pub"
    for existing in (secret_file, public_file):
        if existing.exists():
            return _fail(out, f"{existing} exists; nothing was written (choose another --name)")
    key = SecretKey.generate()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(key.to_text())
        public_file.write_text(key.public_key.to_text(), encoding="utf-8")
    except OSError as error:
        return _fail(out, str(error))
    key_id = key.public_key.id_text
    print(f"key id {key_id}", file=out)
    print(f"SECRET key: {secret_file}", file=out)
    print(
        "  Keep it secret and backed up, off this kiosk and out of any repository: whoever holds it"
        " can publish content that every kiosk trusting this key installs. It has no password.",
        file=out,
    )
    print(f"public key: {public_file}", file=out)
    print(
        "  Give it to the kiosks: put it in content/keys/ of the kiosk bundle, or run"
        f" `kiosk content trust {public_file.name}` on each kiosk.",
        file=out,
    )
    return 0


def sign_command(pack: Path, key_file: Path, out: TextIO) -> int:
    from kiosk.content.manifest import ManifestError, sign_manifest
    from kiosk.content.signing import SecretKey, SignatureError

    try:
        key = SecretKey.from_text(key_file.read_text(encoding="utf-8"))
        written = sign_manifest(pack, key)
    except (OSError, UnicodeDecodeError, SignatureError, ManifestError) as error:
        return _fail(out, f"nothing was signed: {error}")
    print(f"wrote {written}: signed by key {key.public_key.id_text}", file=out)
    return 0


def trust_command(public_file: Path, name: str, out: TextIO) -> int:
    from kiosk.content.signing import PublicKey, SignatureError
    from kiosk.content.trust import load_trust, trust_key

    try:
        key = PublicKey.from_text(public_file.read_text(encoding="utf-8"))
        trusted = trust_key(key, name or public_file.stem)
    except (OSError, UnicodeDecodeError, SignatureError) as error:
        return _fail(out, f"no key was added: {error}")
    print(f"trusted {trusted}", file=out)
    if trusted.key_id in load_trust().revoked:
        print(f"note: key {trusted.key_id} is revoked, so packs it signed are still refused", file=out)
    return 0


def revoke_command(key_id: str, out: TextIO) -> int:
    from kiosk.content.trust import revoke_key

    try:
        revoked = revoke_key(key_id)
    except (OSError, ValueError) as error:
        return _fail(out, f"nothing was revoked: {error}")
    print(f"revoked key {revoked}: packs it signed are refused from now on", file=out)
    return 0


def keys_command(out: TextIO) -> int:
    from kiosk.content.trust import load_trust

    store = load_trust()
    for key in store.keys:
        state = "revoked" if key.key_id in store.revoked else "trusted"
        where = "bundled" if key.bundled else "added on this kiosk"
        print(f"{key.key_id}\t{state}\t{key.name} ({where})", file=out)
    for key_id in sorted(store.revoked - {key.key_id for key in store.keys}):
        print(f"{key_id}\trevoked", file=out)
    return 0
