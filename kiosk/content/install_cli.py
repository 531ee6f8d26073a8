"""``kiosk content install PATH``, ``rollback`` and ``manifest PACK [--sign KEY]``.

Wired up in ``kiosk.cli``. Plain lines on the given stream for organisers' scripts: progress
while copying, one line saying what is shown now, or ``error: ...`` (and the details) with
exit status 1, in which case the content shown is exactly what it was.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from kiosk.content.check import check_report
from kiosk.content.install import (
    InstallError,
    InstallProgress,
    OlderVersionError,
    Stage,
    counted,
    install_pack,
    rollback,
)
from kiosk.content.manifest import MANIFEST_FILE, ManifestError, make_manifest, sign_manifest, write_manifest
from kiosk.content.printable import printable
from kiosk.content.signing import SecretKey, SignatureError
from kiosk.content.sticks import STICK_FOLDER, find_packs


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _fail(out: TextIO, message: str, details: tuple[str, ...] = ()) -> int:
    # Messages name files from the stick: control characters are printed escaped.
    print(f"error: {printable(message)}", file=out)
    for line in details:
        print(f"  {printable(line)}", file=out)
    return 1


def pack_to_install(path: Path) -> Path:
    """``path`` when it holds a manifest, else the one pack under it (on a stick, or its kiosk-content)."""
    if (path / MANIFEST_FILE).is_file():
        return path
    found = find_packs([path.parent if path.name == STICK_FOLDER else path])
    if not found:
        expected = f"{path}/{STICK_FOLDER}/<pack>/{MANIFEST_FILE}"
        raise InstallError(f"no content pack in {path} (expected {expected})")
    if len(found) > 1:
        raise InstallError(
            f"{counted(len(found), 'content pack')} in {path}; name the one to install",
            [str(pack.folder) for pack in found],
        )
    return found[0].folder


def install_command(path: Path, out: TextIO, *, allow_older: bool = False) -> int:
    reported: set[Stage] = set()

    def progress(step: InstallProgress) -> None:
        if step.stage in reported or step.stage is Stage.DONE:
            return
        reported.add(step.stage)
        print(f"{step.stage.value} ({_megabytes(step.total_bytes)})", file=out, flush=True)

    try:
        result = install_pack(pack_to_install(path), on_progress=progress, allow_older=allow_older)
    except OlderVersionError as error:
        return _fail(out, str(error), (f"to go back to it: kiosk content install --allow-older {path}",))
    except InstallError as error:
        return _fail(out, str(error), error.details)
    for warning in result.warnings:
        print(warning, file=out)
    was = f" (was {result.replaced_version})" if result.replaced_version else " (new on this kiosk)"
    print(
        f"installed {result.pack_id} {result.content_version}{was}, signed by {result.signer};"
        f" {len(result.warnings)} warnings."
        " Restart the kiosk to show it.",
        file=out,
    )
    return 0


def rollback_command(out: TextIO, *, to_bundled: bool = False) -> int:
    try:
        result = rollback(to_bundled=to_bundled)
    except InstallError as error:
        return _fail(out, str(error), error.details)
    packs = ", ".join(f"{pack_id} {version}" for pack_id, version in result.packs) or "no packs"
    source = "the bundled packs" if result.bundled else "the content installed before"
    print(f"rolled back to {source}: {packs}. Restart the kiosk to show it.", file=out)
    return 0


def manifest_command(pack: Path, out: TextIO, *, sign_with: Path | None = None) -> int:
    """Check the pack first (a manifest for a broken pack would only be refused on every kiosk).

    ``sign_with``: a secret key file; the manifest is then signed too (``manifest.json.minisig``).
    """
    key = None
    if sign_with is not None:
        try:
            key = SecretKey.from_text(sign_with.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, SignatureError) as error:
            return _fail(out, f"{sign_with}: {error}; no manifest was written")
    # `kiosk content manifest .` names the pack by its real folder name.
    pack = Path(os.path.normpath(pack.absolute()))
    report = check_report(pack)
    for problem in report.problems:
        print(problem, file=out)
    if report.errors:
        return _fail(out, f"{counted(report.errors, 'error')} in {pack}; no manifest was written")
    try:
        manifest = make_manifest(pack)
        written = write_manifest(pack, manifest)
    except (ManifestError, OSError) as error:
        return _fail(out, f"{pack}: {error}")
    print(
        f"wrote {written}: {manifest.pack_id} {manifest.content_version},"
        f" {len(manifest.files)} files, {_megabytes(manifest.total_bytes)}",
        file=out,
    )
    if key is None:
        print(
            "sign it before putting it on sticks: `kiosk content sign` or `minisign -Sm manifest.json`",
            file=out,
        )
        return 0
    try:
        signature = sign_manifest(pack, key)
    except (ManifestError, OSError) as error:
        return _fail(out, f"{pack}: {error}")
    print(f"wrote {signature}: signed by key {key.public_key.id_text}", file=out)
    return 0
