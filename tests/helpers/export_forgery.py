"""Forged exports, made as the security review's M7 made them: edit a CSV file, then recompute
every SHA-256, size and row count and the manifest with its own hash. Qt-free."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kiosk.export.kiosk_key import KioskKey
from kiosk.export.manifest import KEY_FIELD, MANIFEST, SIGNATURE, FileEntry, dump_manifest, load_manifest

_BUILT_IN = ("files", "format", "format_version")


def add_fake_visits(folder: Path, count: int = 500) -> None:
    """``count`` more visits on the first day of day_counts.json, and a report CSV that agrees."""
    path = folder / "day_counts.json"
    data = json.loads(path.read_text(encoding="ascii"))
    day = data["days"][0]
    day["visits"] += count
    day["visits_by_mode"]["guided"] = day["visits_by_mode"].get("guided", 0) + count
    path.write_text(json.dumps(data, sort_keys=True, indent=1) + "\n", encoding="ascii")
    report = folder / "report_figures.csv"
    report.write_bytes(report.read_bytes().replace(b"summary,,visits,", b"summary,,visits,5", 1))


def recompute_manifest(folder: Path, *, key: KioskKey | None = None, kiosk_id: str | None = None) -> bytes:
    """Every file's hash, size and row count again, and the manifest with its own hash (M7).

    With ``key``, the manifest names that key instead and is signed by it (a forger with a key of
    their own); ``kiosk_id`` changes the kiosk the manifest names.
    """
    manifest = load_manifest((folder / MANIFEST).read_bytes())
    fields = {name: value for name, value in manifest.data.items() if name not in _BUILT_IN}
    if kiosk_id is not None:
        fields["kiosk_id"] = kiosk_id
    entries = []
    for name, entry in manifest.files.items():
        data = (folder / name).read_bytes()
        rows = data.count(b"\n") - 1 if entry.rows is not None else None
        entries.append(FileEntry(name, len(data), hashlib.sha256(data).hexdigest(), rows, entry.columns))
    if key is None:
        raw = dump_manifest(fields, entries)
    else:
        fields.pop(KEY_FIELD, None)
        raw = dump_manifest(fields, entries, kiosk_key=key.manifest_field())
        (folder / SIGNATURE).write_bytes(key.sign_manifest(raw, str(fields["kiosk_id"])))
    (folder / MANIFEST).write_bytes(raw)
    return raw
