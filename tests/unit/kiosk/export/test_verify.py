"""verify-export: every changed, missing or extra byte or file is found, the manifest and its
signature included; links, pipes and devices in an export are refused, never read."""

from __future__ import annotations

import json
import os
import random
import threading
from pathlib import Path

import pytest

from kiosk.content.signing import SecretKey
from kiosk.export.kiosk_key import KioskKey
from kiosk.export.manifest import SIGNATURE, FileEntry, dump_manifest, load_manifest
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
    """A manifest that vouches for itself but lies about a file (as a careless tool might write),
    signed by a key of its own, so only the lie is left to find."""
    manifest = load_manifest((folder / "manifest.json").read_bytes())
    fields = {
        k: v for k, v in manifest.data.items() if k not in ("files", "format", "format_version", "kiosk_key")
    }
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
    key = KioskKey(SecretKey.generate(), "2026-12-07T10:00Z")
    raw = dump_manifest(fields, entries, kiosk_key=key.manifest_field())
    (folder / "manifest.json").write_bytes(raw)
    (folder / SIGNATURE).write_bytes(key.sign_manifest(raw, str(fields["kiosk_id"])))


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
    (folder / "day_counts.json").unlink()
    assert verify_export(folder) == ["day_counts.json: missing"]


def test_an_extra_file(folder: Path) -> None:
    (folder / "notes.txt").write_text("added later")
    assert verify_export(folder) == ["notes.txt: not listed in manifest.json"]


def test_a_shortened_file(folder: Path) -> None:
    path = folder / "report_figures.csv"
    path.write_bytes(path.read_bytes()[:-40])
    problems = verify_export(folder)
    assert any(p.startswith("report_figures.csv: ") and "bytes, the manifest says" in p for p in problems)
    assert any("SHA-256 differs" in p for p in problems)


def test_row_counts_are_checked(folder: Path) -> None:
    rows = load_manifest((folder / "manifest.json").read_bytes()).files["report_figures.csv"].rows
    assert rows is not None
    _rewrite_manifest(folder, {"report_figures.csv": {"rows": rows + 1}})
    assert verify_export(folder) == [f"report_figures.csv: {rows} rows, the manifest says {rows + 1}"]


def test_columns_are_checked(folder: Path) -> None:
    _rewrite_manifest(folder, {"report_figures.csv": {"columns": ("section", "name")}})
    [problem] = verify_export(folder)
    assert problem.startswith("report_figures.csv: columns section, item, measure, shown")


def test_a_manifest_cannot_point_outside_the_folder(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["files"]["report_figures.csv"]
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


def test_a_flip_of_any_byte_of_the_signature_is_caught(folder: Path) -> None:
    path = folder / SIGNATURE
    original = path.read_bytes()
    missed = []
    for offset in range(len(original)):
        data = bytearray(original)
        data[offset] ^= 0x20 if 0x41 <= data[offset] <= 0x7A else 0x01
        path.write_bytes(bytes(data))
        if not verify_export(folder):
            missed.append(offset)
    path.write_bytes(original)
    assert missed == []


def test_a_linked_file_is_refused_and_not_read(folder: Path) -> None:
    # L7: the review's link to /etc/passwd printed its first line as "columns root:x:0:0…".
    (folder / "report_figures.csv").unlink()
    (folder / "report_figures.csv").symlink_to("/etc/passwd")
    problems = verify_export(folder)
    assert problems == ["report_figures.csv: is a link, not a plain file; it was not read"]
    assert not any("root" in problem for problem in problems)


def test_a_linked_manifest_is_refused(folder: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.json"
    real.write_bytes((folder / "manifest.json").read_bytes())
    (folder / "manifest.json").unlink()
    (folder / "manifest.json").symlink_to(real)
    assert verify_export(folder) == ["manifest.json: is a link, not a plain file; it was not read"]


def _without_waiting(folder: Path) -> list[str]:
    """verify_export on a thread: a pipe that blocked the reader would fail here, not hang the run."""
    found: list[list[str]] = []
    thread = threading.Thread(target=lambda: found.append(verify_export(folder)), daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "verify-export blocked on a named pipe"
    return found[0]


def test_named_pipes_are_refused_without_waiting(folder: Path) -> None:
    (folder / "day_counts.json").unlink()
    os.mkfifo(folder / "day_counts.json")
    (folder / SIGNATURE).unlink()
    os.mkfifo(folder / SIGNATURE)
    assert _without_waiting(folder) == [
        f"{SIGNATURE}: is a named pipe, not a plain file; it was not read",
        "day_counts.json: is a named pipe, not a plain file; it was not read",
    ]
    (folder / "manifest.json").unlink()
    os.mkfifo(folder / "manifest.json")
    assert _without_waiting(folder) == ["manifest.json: is a named pipe, not a plain file; it was not read"]


def test_a_device_is_refused(folder: Path) -> None:
    (folder / "report.pdf").unlink()
    try:
        os.mknod(folder / "report.pdf", 0o600 | 0o020000, os.makedev(1, 5))  # /dev/zero's numbers
    except PermissionError:
        pytest.skip("making a device node needs root (CI runs as root)")
    assert verify_export(folder) == ["report.pdf: is a device, not a plain file; it was not read"]


def test_control_characters_in_names_are_shown_not_sent(folder: Path) -> None:
    (folder / "esc\x1b[2Jred.txt").write_text("x")
    assert verify_export(folder) == ["esc\\x1b[2Jred.txt: not listed in manifest.json"]
