from __future__ import annotations

import logging
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
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logs._KioskLogHandler)]
    assert len(ours) == 1
    assert Path(ours[0].baseFilename).parent == tmp_path / "b"


def test_the_log_rotates_by_size_and_keeps_its_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "_MAX_BYTES", 2_000)
    monkeypatch.setattr(logs, "_BACKUPS", 2)
    logs.setup(tmp_path)
    try:
        for number in range(200):
            logging.getLogger("kiosk.test").warning("line %03d of the rotation test", number)
        _flush()
    finally:
        logs.close()
    names = sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("kiosk.log"))
    assert names == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    assert all((tmp_path / name).stat().st_size <= 2_000 for name in names)
    # The newest lines are in kiosk.log, the ones just before in kiosk.log.1.
    assert "line 199 " in (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    newest_backup = (tmp_path / "kiosk.log.1").read_text(encoding="utf-8")
    assert "line 199 " not in newest_backup and "line 1" in newest_backup


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
