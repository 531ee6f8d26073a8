"""Finding content packs on USB sticks, for the organiser screen and ``kiosk content install``.

A stick carries packs as ``<stick>/kiosk-content/<pack-id>/`` with a ``manifest.json`` each
(content/README.md). Only the manifests are read here, so listing is instant even on a slow
stick; ``kiosk.content.install`` verifies everything else. Which sticks are plugged in is
``kiosk.system.removable``. A read-only stick is fine: installing only reads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.manifest import MANIFEST_FILE, ManifestError, read_signed_manifest
from kiosk.content.trust import TrustedKey, TrustStore, load_trust

STICK_FOLDER = "kiosk-content"


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
            candidates = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
        except OSError:
            continue  # no such folder, or the stick went away
        found += [
            describe(candidate, trust) for candidate in candidates if (candidate / MANIFEST_FILE).exists()
        ]
    return found


def describe(folder: Path, trust: TrustStore) -> PackOnStick:
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
