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

from kiosk.content.manifest import MANIFEST_FILE, ManifestError, read_manifest

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


def find_packs(roots: Iterable[Path]) -> list[PackOnStick]:
    """Every pack under ``<root>/kiosk-content/`` of each root, by root then pack folder name."""
    found: list[PackOnStick] = []
    for root in roots:
        folder = root / STICK_FOLDER
        try:
            candidates = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
        except OSError:
            continue  # no such folder, or the stick went away
        found += [describe(candidate) for candidate in candidates if (candidate / MANIFEST_FILE).exists()]
    return found


def describe(folder: Path) -> PackOnStick:
    try:
        manifest = read_manifest(folder)
    except ManifestError as error:
        return PackOnStick(folder, folder.name, problem=str(error))
    return PackOnStick(
        folder, manifest.pack_id, manifest.content_version, len(manifest.files), manifest.total_bytes
    )
