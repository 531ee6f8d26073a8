"""Exporting to real sticks' conditions: full (tmpfs), read-only (ext4 ro), FAT (mtools), pulled out."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk.export.errors import ExportError, ExportTrouble
from kiosk.export.job import ExportProgress
from kiosk.export.verify import verify_export
from kiosk.stats.db import open_database
from kiosk.stats.demo import demo_data
from tests.helpers.mounts import FAT_ENVIRONMENT, fat_image, read_only_ext4, run, tmpfs, unmount
from tests.helpers.stats import TUTORIALS, PlannedVisit, export, fill


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "statistics.sqlite3"
    opened = open_database(path)
    try:
        demo_data(opened, 400, tutorials=TUTORIALS, seed=9)
    finally:
        opened.close()
    fill(path, [(datetime(2026, 11, 24, 2, 0, tzinfo=UTC), PlannedVisit())])
    return path


def _everything_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_a_64k_stick_is_refused_before_anything_is_written(database: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "stick", "64k") as stick:
        with pytest.raises(ExportError) as raised:
            export(database, stick)
        assert raised.value.trouble is ExportTrouble.NOT_ENOUGH_SPACE
        assert "Nothing was written" in raised.value.message
        assert raised.value.free is not None and raised.value.free <= 64 * 1024
        assert _everything_under(stick) == []


def test_a_stick_that_fills_up_midway_is_left_clean(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stick claims plenty of room (as a failing or fake-capacity stick does), then runs out.
    monkeypatch.setattr("kiosk.export.job.shutil.disk_usage", lambda _path: SimpleNamespace(free=10**9))
    with tmpfs(tmp_path / "stick", "64k") as stick:
        with pytest.raises(ExportError) as raised:
            export(database, stick)
        assert raised.value.trouble is ExportTrouble.NOT_ENOUGH_SPACE
        assert "became full" in raised.value.message and "removed" in raised.value.message
        assert _everything_under(stick) == []
        # The room is given back: a small file fits again.
        (stick / "after.txt").write_bytes(b"x" * 40_000)


def test_a_read_only_stick_gives_a_clear_message(database: Path, tmp_path: Path) -> None:
    with read_only_ext4(tmp_path / "stick", tmp_path / "ro.img") as stick:
        before = _everything_under(stick)
        with pytest.raises(ExportError) as raised:
            export(database, stick)
        assert raised.value.trouble is ExportTrouble.READ_ONLY
        assert "read-only" in raised.value.message
        assert _everything_under(stick) == before


def test_a_stick_pulled_out_midway_leaves_no_manifest(database: Path, tmp_path: Path) -> None:
    handles: list[int] = []

    def pull_the_stick(progress: ExportProgress) -> None:
        # After the day file is written, before the report and the manifest.
        if progress.stage == "report.pdf" and not handles:
            # Keep a way into the detached file system to look at what the stick kept.
            handles.append(os.open(stick, os.O_RDONLY | os.O_DIRECTORY))
            unmount(stick)

    with tmpfs(tmp_path / "stick", "8m") as stick:
        try:
            with pytest.raises(ExportError) as raised:
                export(database, stick, progress=pull_the_stick)
            assert raised.value.trouble is ExportTrouble.TARGET_GONE
            assert "no manifest.json" in raised.value.message
            assert handles
            kept = Path(f"/proc/self/fd/{handles[0]}")
            names = {path.name for path in kept.rglob("*")}
            assert "manifest.json" not in names
            for folder in kept.glob("digital-literacy-kiosk/export-*"):
                assert verify_export(folder)[0].startswith("manifest.json: missing")
        finally:
            for handle in handles:
                os.close(handle)


@pytest.fixture
def exported(database: Path, tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "staging"
    target.mkdir()
    yield export(database, target).folder


def test_an_export_survives_a_round_trip_through_fat(exported: Path, tmp_path: Path) -> None:
    image = fat_image(tmp_path / "stick.img")
    run("mmd", "-i", str(image), "::/digital-literacy-kiosk", env=FAT_ENVIRONMENT)
    run("mcopy", "-s", "-i", str(image), str(exported), "::/digital-literacy-kiosk/", env=FAT_ENVIRONMENT)
    folder = f"::/digital-literacy-kiosk/{exported.name}"
    listing = run("mdir", "-b", "-i", str(image), folder, env=FAT_ENVIRONMENT).split()
    assert sorted(listing) == sorted(f"{folder}/{path.name}" for path in exported.iterdir())
    manifest = run("mtype", "-i", str(image), f"{folder}/manifest.json", env=FAT_ENVIRONMENT)
    assert manifest.encode("utf-8") == (exported / "manifest.json").read_bytes()
    back = tmp_path / "read-back"
    back.mkdir()
    run(
        "mcopy",
        "-s",
        "-i",
        str(image),
        f"::/digital-literacy-kiosk/{exported.name}",
        str(back),
        env=FAT_ENVIRONMENT,
    )
    copied = back / exported.name
    assert sorted(p.name for p in copied.iterdir()) == sorted(p.name for p in exported.iterdir())
    assert verify_export(copied) == []
