"""minisign compatibility: what the real ``minisign`` makes verifies here, and what we make verifies there."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.content.manifest import make_manifest, write_manifest
from kiosk.content.signing import PublicKey, SecretKey, Signature, SignatureError, verify
from tests.helpers.content_packs import make_pack

MINISIGN = shutil.which("minisign")
needs_minisign = pytest.mark.skipif(
    MINISIGN is None, reason="the minisign CLI is not installed (packaging/dev/setup.sh installs it)"
)


def _minisign(*args: str | Path) -> subprocess.CompletedProcess[str]:
    assert MINISIGN is not None
    return subprocess.run(
        [MINISIGN, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.run_core_command(cli.parse(list(argv)), out)
    assert code is not None
    return code, out.getvalue()


@pytest.fixture
def minisign_pair(tmp_path: Path) -> tuple[Path, Path]:
    public, secret = tmp_path / "team.pub", tmp_path / "team.key"
    done = _minisign("-G", "-W", "-p", public, "-s", secret)
    assert done.returncode == 0, done.stderr
    return public, secret


@needs_minisign
@pytest.mark.parametrize("legacy", [False, True], ids=["prehashed", "legacy"])
def test_a_file_signed_by_minisign_verifies_here(
    minisign_pair: tuple[Path, Path], tmp_path: Path, legacy: bool
) -> None:
    public, secret = minisign_pair
    message = tmp_path / "manifest.json"
    message.write_bytes(b'{"format": 1, "pack": "core"}\n')
    done = _minisign("-S", "-W", "-s", secret, "-m", message, *(["-l"] if legacy else []))
    assert done.returncode == 0, done.stderr
    key = PublicKey.from_text(public.read_text(encoding="utf-8"))
    signature = Signature.from_text((tmp_path / "manifest.json.minisig").read_text(encoding="utf-8"))
    assert signature.algorithm == (b"Ed" if legacy else b"ED")
    assert signature.key_id_text == key.id_text
    # minisign names the key by the same number (0.11 leaves out leading zeros).
    printed = public.read_text(encoding="utf-8").splitlines()[0].rsplit(" ", 1)[1]
    assert int(printed, 16) == int(key.id_text, 16)
    verify(message.read_bytes(), signature, key)
    with pytest.raises(SignatureError, match="changed after it was signed"):
        verify(message.read_bytes().replace(b"core", b"evil"), signature, key)
    # minisign's own secret key file (no password) is one ``kiosk content sign`` can use.
    assert SecretKey.from_text(secret.read_text(encoding="utf-8")).public_key == key


@needs_minisign
def test_a_pack_signed_by_kiosk_content_sign_verifies_with_minisign(tmp_path: Path) -> None:
    code, output = _run("content", "keygen", "--out", str(tmp_path / "keys"), "--name", "team")
    assert code == 0, output
    secret, public = tmp_path / "keys" / "team.key", tmp_path / "keys" / "team.pub"
    assert "SECRET key: " + str(secret) in output and "Keep it secret" in output
    assert secret.stat().st_mode & 0o077 == 0
    pack = make_pack(tmp_path, version="1")
    write_manifest(pack, make_manifest(pack))
    code, output = _run("content", "sign", str(pack), "--key", str(secret))
    assert code == 0, output
    key_id = PublicKey.from_text(public.read_text(encoding="utf-8")).id_text
    assert output == f"wrote {pack / 'manifest.json.minisig'}: signed by key {key_id}\n"

    done = _minisign("-V", "-p", public, "-m", pack / "manifest.json")
    assert done.returncode == 0, done.stderr
    assert "Signature and comment signature verified" in done.stdout
    assert "Trusted comment: pack:good-pack\tcontent_version:1\tfile:manifest.json" in done.stdout
    # The secret key we write is minisign's too: minisign signs with it, and recreates our public key.
    done = _minisign("-S", "-W", "-s", secret, "-m", pack / "manifest.json", "-x", tmp_path / "again.minisig")
    assert done.returncode == 0, done.stderr
    done = _minisign("-R", "-s", secret, "-p", tmp_path / "recreated.pub")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "recreated.pub").read_text() == public.read_text()

    manifest = (pack / "manifest.json").read_text(encoding="utf-8")
    (pack / "manifest.json").write_text(manifest.replace('"1"', '"2"'), encoding="utf-8")
    assert _minisign("-V", "-p", public, "-m", pack / "manifest.json").returncode != 0


def test_keygen_never_overwrites_a_key(tmp_path: Path) -> None:
    assert _run("content", "keygen", "--out", str(tmp_path))[0] == 0
    before = (tmp_path / "content-team.key").read_text()
    code, output = _run("content", "keygen", "--out", str(tmp_path))
    assert code == 1 and "exists; nothing was written" in output
    assert (tmp_path / "content-team.key").read_text() == before


def test_a_changed_trusted_comment_is_refused() -> None:
    key = SecretKey.generate()
    signature = key.sign(b"data", "pack:core")
    forged = Signature(
        signature.algorithm, signature.key_id, signature.signature, "pack:evil", signature.global_signature
    )
    verify(b"data", Signature.from_text(signature.to_text()), key.public_key)
    with pytest.raises(SignatureError, match="trusted comment was changed"):
        verify(b"data", forged, key.public_key)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "must start with 'untrusted comment:'"),
        ("untrusted comment: x\nnot base64!\ntrusted comment: y\nAAAA\n", "base64 line cannot be read"),
        ("untrusted comment: x\nAAAA\ntrusted comment: y\nAAAA\n", "3 bytes where 74 were expected"),
        ("untrusted comment: x\n", "four lines"),
    ],
)
def test_an_unreadable_signature_says_why(text: str, message: str) -> None:
    with pytest.raises(SignatureError, match=message):
        Signature.from_text(text)


def test_a_damaged_secret_key_is_refused() -> None:
    text = SecretKey.generate().to_text()
    comment, line = text.splitlines()
    raw = bytearray(__import__("base64").b64decode(line))
    raw[70] ^= 1  # a byte of the seed: the checksum no longer matches
    damaged = f"{comment}\n{__import__('base64').b64encode(bytes(raw)).decode()}\n"
    with pytest.raises(SignatureError, match="damaged"):
        SecretKey.from_text(damaged)


def test_a_public_key_file_names_its_key_as_minisign_does() -> None:
    # minisign writes the id in the comment line without leading zeros (1 key in 16 has one);
    # the kiosk shows all 16 digits elsewhere and reads both.
    key = PublicKey(bytes(7) + b"\x0a", bytes(32))
    first, _base64_line = key.to_text().splitlines()
    assert first == "untrusted comment: minisign public key A00000000000000"
    assert key.id_text == "0A00000000000000"
    assert PublicKey.from_text(key.to_text()) == key
