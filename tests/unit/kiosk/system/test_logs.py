from __future__ import annotations

import logging
import logging.handlers
import os
import stat
from pathlib import Path

import pytest

from kiosk.system import logs


def test_log_lines_land_in_the_data_dir(tmp_path: Path) -> None:
    path = logs.setup(tmp_path / "logs")
    logging.getLogger("kiosk.test").warning("Máy in không phản hồi")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path == tmp_path / "logs" / logs.LOG_FILE
    assert "Máy in không phản hồi" in path.read_text(encoding="utf-8")
    assert (tmp_path / "logs" / logs.FAULT_FILE).exists()


def test_setting_up_twice_keeps_one_handler(tmp_path: Path) -> None:
    logs.setup(tmp_path / "a")
    logs.setup(tmp_path / "b")
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(ours) == 1
    assert Path(ours[0].baseFilename).parent == tmp_path / "b"


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_a_pipe_in_place_of_the_log_sends_the_lines_to_stderr_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    os.mkfifo(folder / logs.LOG_FILE)  # no reader: opening it to write would wait for ever
    assert logs.setup(folder) is None
    logging.getLogger("kiosk.test").warning("Máy in không phản hồi")
    _flush()
    said = capsys.readouterr().err
    assert f"{folder / logs.LOG_FILE} cannot be opened (it is a named pipe, not a plain file)" in said
    assert "logging and crash tracebacks go to stderr" in said
    assert "Máy in không phản hồi" in said
    assert stat.S_ISFIFO((folder / logs.LOG_FILE).lstat().st_mode)
    # Setting up again on a good folder goes back to the file and leaves one handler of ours.
    path = logs.setup(tmp_path / "good")
    assert path is not None
    ours = [h for h in logging.getLogger().handlers if h.__class__.__module__ == logs.__name__]
    assert len(ours) == 1


def test_a_log_folder_that_cannot_be_made_sends_the_lines_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "state").write_text("a file where the data folder should be", encoding="utf-8")
    assert logs.setup(tmp_path / "state" / "logs") is None
    logging.getLogger("kiosk.test").error("still told")
    _flush()
    said = capsys.readouterr().err
    assert "cannot be opened" in said
    assert "still told" in said


def test_a_link_in_place_of_the_log_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("", encoding="utf-8")
    (folder / logs.LOG_FILE).symlink_to(elsewhere)
    assert logs.setup(folder) is None
    logging.getLogger("kiosk.test").warning("not into the link")
    _flush()
    assert elsewhere.read_text(encoding="utf-8") == ""
    assert "it is a link, not a plain file" in capsys.readouterr().err


def test_a_pipe_in_place_of_the_fault_log_sends_crash_tracebacks_to_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    os.mkfifo(folder / logs.FAULT_FILE)
    path = logs.setup(folder)
    _flush()
    assert path is not None
    assert f"{folder / logs.FAULT_FILE} cannot be opened (it is a named pipe" in path.read_text(
        encoding="utf-8"
    )
