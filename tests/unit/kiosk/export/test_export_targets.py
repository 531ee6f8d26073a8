"""Where an export may go: a missing place, a file or a pipe is said as such (not "the stick was
removed"); a file, pipe or link named digital-literacy-kiosk on the stick is named and refused,
and nothing is written anywhere. Real files, a real named pipe, a real link."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.export.cli import export_command
from kiosk.export.errors import ExportError, ExportTrouble
from kiosk.export.files import PRODUCT_FOLDER
from tests.helpers.stats import PlannedVisit, export, fill


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "statistics.sqlite3"
    fill(path, [(datetime(2026, 11, 20, 2, 37, tzinfo=UTC), PlannedVisit())])
    return path


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def _refused(database: Path, target: Path) -> ExportError:
    with pytest.raises(ExportError) as raised:
        export(database, target)
    return raised.value


def _everything(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_a_missing_target(database: Path, tmp_path: Path) -> None:
    error = _refused(database, tmp_path / "not-mounted")
    assert error.trouble is ExportTrouble.NOT_A_FOLDER
    assert error.message == (
        f"{tmp_path / 'not-mounted'} does not exist. Nothing was written; check the path, or insert the "
        "stick and give the folder it is mounted on."
    )
    assert not (tmp_path / "not-mounted").exists()


def test_a_file_as_target(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "notadir"
    target.write_text("x")
    error = _refused(database, target)
    assert error.trouble is ExportTrouble.NOT_A_FOLDER
    assert error.message.startswith(f"{target} is a file, not a folder. Nothing was written")
    assert target.read_text() == "x"


def test_a_named_pipe_as_target(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "pipe"
    os.mkfifo(target)
    error = _refused(database, target)
    assert error.trouble is ExportTrouble.NOT_A_FOLDER
    assert error.message.startswith(f"{target} is a named pipe, not a folder. Nothing was written")


@pytest.mark.parametrize("what", ["file", "named pipe"])
def test_a_file_or_pipe_named_like_the_product_folder(database: Path, stick: Path, what: str) -> None:
    blocking = stick / PRODUCT_FOLDER
    if what == "file":
        blocking.write_text("someone's notes")
    else:
        os.mkfifo(blocking)
    error = _refused(database, stick)
    assert error.trouble is ExportTrouble.BLOCKED
    assert error.message == (
        f"{blocking} is a {what}, not a folder, so the export cannot go there. Nothing was written; "
        "rename or remove it on a computer, or use another stick."
    )
    assert _everything(stick) == [PRODUCT_FOLDER]


def test_a_linked_product_folder_is_refused(database: Path, stick: Path, data_dir: Path) -> None:
    # L5: the link led into the kiosk's own data dir, and the export was called "safe to remove".
    before = _everything(data_dir)
    (stick / PRODUCT_FOLDER).symlink_to(data_dir)
    error = _refused(database, stick)
    assert error.trouble is ExportTrouble.BLOCKED
    assert error.message.startswith(f"{stick / PRODUCT_FOLDER} is a link, not a folder")
    assert _everything(data_dir) == before


def test_the_command_line_says_it_exactly(data_dir: Path, stick: Path) -> None:
    fill(data_dir / "statistics.sqlite3", [(datetime(2026, 11, 20, 2, 37, tzinfo=UTC), PlannedVisit())])
    (stick / PRODUCT_FOLDER).symlink_to(data_dir)
    out = io.StringIO()
    assert export_command(stick, None, out) == 1
    assert out.getvalue() == (
        f"error: {stick / PRODUCT_FOLDER} is a link, not a folder, so the export cannot go there. "
        "Nothing was written; rename or remove it on a computer, or use another stick.\n"
    )
    assert "went away" not in out.getvalue()


def test_a_real_product_folder_is_used(database: Path, stick: Path) -> None:
    (stick / PRODUCT_FOLDER).mkdir()
    (stick / PRODUCT_FOLDER / "older-export").mkdir()
    result = export(database, stick)
    assert result.folder.parent == stick / PRODUCT_FOLDER
