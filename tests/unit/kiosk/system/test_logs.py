from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

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
