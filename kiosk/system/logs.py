"""Logging for the kiosk: rotating files in the data dir, plus faulthandler.

A kiosk runs unattended all day; its log is what a volunteer or organiser reads after
something went wrong, so it must survive restarts (rotation, not truncation) and catch
hard crashes too (faulthandler writes tracebacks of segfaults and deadlocks).

A log that cannot be written must not stop the kiosk: flash storage fails into read-only
mode, disks fill up. Then the lines go to stderr, which systemd's journal keeps
(``journalctl -u kiosk``). The files are opened only if they are plain files
(``fsio.open_plain_file``): a named pipe put in their place would make the kiosk wait for ever.

The rotation is written here on ``logging.FileHandler`` rather than taken from
``logging.handlers``: that module pulls in sockets, pickling and queues, some 3 ms of every
start before the first paint, for a size check and a few renames.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from kiosk.system.fsio import describe_os_error, open_plain_file

LOG_FILE = "kiosk.log"
FAULT_FILE = "faults.log"
_MAX_BYTES = 1_000_000
_BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_APPEND = os.O_WRONLY | os.O_APPEND | os.O_CREAT
_STDERR_FD = 2

_fault_stream: TextIO | None = None


def _open_for_append(path: Path) -> io.TextIOWrapper:
    return open(open_plain_file(path, _APPEND), "a", encoding="utf-8")  # noqa: PTH123 (a descriptor)


class _KioskLogHandler(logging.FileHandler):
    """Ours, so setting up again (tests, a new data dir) replaces it and leaves others alone.

    Rotates like ``logging.handlers.RotatingFileHandler``: before a line that would take the
    file to ``max_bytes``, kiosk.log becomes kiosk.log.1 (.1 becomes .2 …, up to ``backups``).
    A line the file refuses (the disk filled up while the kiosk ran) goes to stderr instead,
    with one line saying why, rather than a "Logging error" traceback for every line.
    """

    # The error number the file last refused a line with; None while lines are written.
    _failing: int | None = None
    _refused = False

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__(path, mode="a", encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def _open(self) -> io.TextIOWrapper:
        # Also on every rotation: a pipe or link put in place meanwhile is refused then too.
        return _open_for_append(Path(self.baseFilename))

    def _should_rotate(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        if self.max_bytes <= 0 or not Path(self.baseFilename).is_file():
            return False
        line = f"{self.format(record)}{self.terminator}"
        self.stream.seek(0, os.SEEK_END)
        return bool(self.stream.tell() + len(line) >= self.max_bytes)

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = Path(self.baseFilename)
        for number in range(self.backups - 1, 0, -1):
            older = base.with_name(f"{base.name}.{number}")
            if older.exists():
                older.replace(base.with_name(f"{base.name}.{number + 1}"))
        if self.backups > 0 and base.exists():
            base.replace(base.with_name(f"{base.name}.1"))
        self.stream = self._open()

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError) or sys.stderr is None:
            super().handleError(record)
            return
        try:
            self._refused = True
            if self._failing != error.errno:
                self._failing = error.errno
                sys.stderr.write(
                    f"{self.baseFilename} cannot be written ({describe_os_error(error)}); "
                    "log lines go here until it can\n"
                )
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:
            super().handleError(record)

    def close(self) -> None:
        # Lines the full disk refused are still buffered; they were written to stderr already.
        with contextlib.suppress(OSError):
            super().close()

    def emit(self, record: logging.LogRecord) -> None:
        self._refused = False
        try:
            if self._should_rotate(record):
                self._rotate()
            super().emit(record)
        except Exception:
            self.handleError(record)
        if not self._refused:
            self._failing = None


class _KioskStderrHandler(logging.StreamHandler[TextIO]):
    """Ours too: the log when its file cannot be opened (read by journald under systemd)."""


def setup(log_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send all logging to ``log_dir``; returns the log file's path, or None when logging goes to stderr."""
    root = logging.getLogger()
    _remove_handlers(root)
    path = log_dir / LOG_FILE
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = _KioskLogHandler(path, max_bytes=_MAX_BYTES, backups=_BACKUPS)
    except OSError as error:
        _add(root, _KioskStderrHandler(sys.stderr), level)
        _fault_to(None)
        logging.getLogger(__name__).error(
            "%s cannot be opened (%s); logging and crash tracebacks go to stderr (the system journal)",
            path,
            describe_os_error(error),
        )
        return None
    _add(root, handler, level)
    _fault_to(log_dir / FAULT_FILE)
    return path


def close() -> None:
    """Stop logging into the data dir (tests that started the kiosk; the data dir is going away)."""
    _remove_handlers(logging.getLogger())
    _fault_to(None)


def _remove_handlers(root: logging.Logger) -> None:
    for old in list(root.handlers):
        if isinstance(old, _KioskLogHandler | _KioskStderrHandler):
            root.removeHandler(old)
            old.close()


def _add(root: logging.Logger, handler: logging.Handler, level: int) -> None:
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)


def _fault_to(path: Path | None) -> None:
    """Hard crashes (faulthandler) to ``path``; to stderr when it is None or cannot be opened."""
    global _fault_stream
    if _fault_stream is not None:
        faulthandler.disable()
        _fault_stream.close()
        _fault_stream = None
    if path is not None:
        try:
            _fault_stream = _open_for_append(path)
        except OSError as error:
            logging.getLogger(__name__).error(
                "%s cannot be opened (%s); crash tracebacks go to stderr", path, describe_os_error(error)
            )
        else:
            faulthandler.enable(_fault_stream)
            return
    # File descriptor 2, not sys.stderr (which a test or a frozen GUI app may have replaced).
    faulthandler.enable(_STDERR_FD)
