"""verify-export: every changed, missing or extra byte or file is found, the manifest included."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kiosk.export.manifest import FileEntry, dump_manifest, load_manifest
from kiosk.export.verify import verify_export
from kiosk.stats.db import open_database
from kiosk.stats.demo import demo_data
from tests.helpers.stats import TUTORIALS, export

FLIPS = 1000


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("verify")
    database = open_database(base / "statistics.sqlite3")
    try:
        demo_data(database, 40, tutorials=TUTORIALS, seed=11)
    finally:
        database.close()
    target = base / "stick"
    target.mkdir()
    return export(base / "statistics.sqlite3", target).folder


@pytest.fixture
def folder(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / pristine.name
    copy.mkdir()
    for path in pristine.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    return copy


def _rewrite_manifest(folder: Path, change: dict[str, dict[str, object]]) -> None:
    """A manifest that vouches for itself but lies about a file (as a careless tool might write)."""
    manifest = load_manifest((folder / "manifest.json").read_bytes())
    fields = {k: v for k, v in manifest.data.items() if k not in ("files", "format", "format_version")}
    entries = []
    for name, entry in manifest.files.items():
        values = {
            "name": name,
            "size": entry.size,
            "sha256": entry.sha256,
            "rows": entry.rows,
            "columns": entry.columns,
        }
        values.update(change.get(name, {}))
        entries.append(FileEntry(**values))  # type: ignore[arg-type]
    (folder / "manifest.json").write_bytes(dump_manifest(fields, entries))


def test_an_intact_export_verifies(folder: Path) -> None:
    assert verify_export(folder) == []


def test_every_single_byte_flip_is_caught(folder: Path) -> None:
    rng = random.Random(20261124)
    files = sorted(folder.iterdir())
    missed = []
    for _ in range(FLIPS):
        path = rng.choice(files)
        data = bytearray(path.read_bytes())
        offset = rng.randrange(len(data))
        original = data[offset]
        data[offset] = original ^ rng.randrange(1, 256)
        path.write_bytes(bytes(data))
        if not verify_export(folder):
            missed.append((path.name, offset))
        data[offset] = original
        path.write_bytes(bytes(data))
    assert missed == []
    assert verify_export(folder) == []


def test_a_flip_of_any_byte_of_the_manifest_is_caught(folder: Path) -> None:
    path = folder / "manifest.json"
    original = path.read_bytes()
    rng = random.Random(7)
    missed = []
    for offset in range(len(original)):
        data = bytearray(original)
        data[offset] ^= rng.randrange(1, 256)
        path.write_bytes(bytes(data))
        if not verify_export(folder):
            missed.append(offset)
    path.write_bytes(original)
    assert missed == []


def test_a_missing_manifest_means_unfinished(folder: Path) -> None:
    (folder / "manifest.json").unlink()
    assert verify_export(folder) == ["manifest.json: missing, so the export did not finish; do not use it"]


def test_a_manifest_that_is_not_json(folder: Path) -> None:
    (folder / "manifest.json").write_text("{ truncated", encoding="utf-8")
    [problem] = verify_export(folder)
    assert problem.startswith("manifest.json: not valid JSON")


def test_a_missing_file(folder: Path) -> None:
    (folder / "daily_counts.csv").unlink()
    assert verify_export(folder) == ["daily_counts.csv: missing"]


def test_an_extra_file(folder: Path) -> None:
    (folder / "notes.txt").write_text("added later")
    assert verify_export(folder) == ["notes.txt: not listed in manifest.json"]


def test_a_shortened_file(folder: Path) -> None:
    path = folder / "visits.csv"
    path.write_bytes(path.read_bytes()[:-40])
    problems = verify_export(folder)
    assert any(p.startswith("visits.csv: ") and "bytes, the manifest says" in p for p in problems)
    assert any("SHA-256 differs" in p for p in problems)


def test_row_counts_are_checked(folder: Path) -> None:
    rows = load_manifest((folder / "manifest.json").read_bytes()).files["visits.csv"].rows
    assert rows is not None
    _rewrite_manifest(folder, {"visits.csv": {"rows": rows + 1}})
    assert verify_export(folder) == [f"visits.csv: {rows} rows, the manifest says {rows + 1}"]


def test_columns_are_checked(folder: Path) -> None:
    _rewrite_manifest(folder, {"visits.csv": {"columns": ("visit_id", "name")}})
    [problem] = verify_export(folder)
    assert problem.startswith("visits.csv: columns visit_id, started_hour_utc")


def test_a_manifest_cannot_point_outside_the_folder(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["files"]["visits.csv"]
    fields = {
        k: v for k, v in manifest.items() if k not in ("files", "format", "format_version", "manifest_sha256")
    }
    (folder / "manifest.json").write_bytes(
        dump_manifest(fields, [FileEntry("../../etc/passwd", entry["bytes"], entry["sha256"])])
    )
    [problem] = verify_export(folder)
    assert "is not one an export holds" in problem


def test_not_a_folder(tmp_path: Path) -> None:
    assert verify_export(tmp_path / "nothing") == [f"{tmp_path / 'nothing'}: not a folder"]
