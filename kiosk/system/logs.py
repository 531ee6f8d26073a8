"""Logging for the kiosk: rotating files in the data dir, plus faulthandler.

A kiosk runs unattended all day; its log is what a volunteer or organiser reads after
something went wrong, so it must survive restarts (rotation, not truncation) and catch
hard crashes too (faulthandler writes tracebacks of segfaults and deadlocks).
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
from pathlib import Path
from typing import TextIO

LOG_FILE = "kiosk.log"
FAULT_FILE = "faults.log"
_MAX_BYTES = 1_000_000
_BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_fault_stream: TextIO | None = None


class _KioskLogHandler(logging.handlers.RotatingFileHandler):
    """Ours, so setting up again (tests, a new data dir) replaces it and leaves others alone."""


def setup(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send all logging to ``log_dir``; returns the log file's path."""
    global _fault_stream
    log_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _KioskLogHandler):
            root.removeHandler(handler)
            handler.close()
    path = log_dir / LOG_FILE
    handler = _KioskLogHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    if _fault_stream is not None:
        faulthandler.disable()
        _fault_stream.close()
    _fault_stream = (log_dir / FAULT_FILE).open("a", encoding="utf-8")
    faulthandler.enable(_fault_stream)
    return path
