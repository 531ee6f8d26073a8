"""The statistics database and its visit recorder, opened on a background thread.

Start-up has already checked the file (``kiosk.stats.startup``); what is left is loading
SQLAlchemy and opening an engine, about half a second that the start screen should not wait
for. ``open_in_background`` starts that once the screen is painted; ``recorder()`` and
``database()`` wait for it (rarely at all: a visitor needs longer than that to reach a
language) and answer None when statistics are off for this run, which the kiosk survives.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING

from kiosk.stats.failures import DatabaseUnavailableError
from kiosk.stats.startup import StartupCheck

if TYPE_CHECKING:
    from kiosk.stats.db import Database
    from kiosk.stats.recorder import VisitRecorder

log = logging.getLogger(__name__)

# How long a caller waits for the open before going on without statistics this time.
OPEN_WAIT_S = 30.0


class Statistics:
    def __init__(
        self,
        check: StartupCheck,
        *,
        on_unavailable: Callable[[DatabaseUnavailableError], None] | None = None,
    ) -> None:
        self.check = check
        self._on_unavailable = on_unavailable
        self._opened: Future[tuple[Database, VisitRecorder] | None] = Future()
        self._started = False
        self._lock = threading.Lock()
        # Set when the open failed; the organiser's screen says so.
        self.unavailable: DatabaseUnavailableError | None = check.unavailable

    def open_in_background(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
        if not self.check.ready:
            self._opened.set_result(None)
            return
        threading.Thread(target=self._open, name="statistics-open", daemon=True).start()

    def recorder(self, timeout: float = OPEN_WAIT_S) -> VisitRecorder | None:
        opened = self._wait(timeout)
        return opened[1] if opened is not None else None

    def database(self, timeout: float = OPEN_WAIT_S) -> Database | None:
        opened = self._wait(timeout)
        return opened[0] if opened is not None else None

    def close(self) -> None:
        """Commit what the recorder holds and close the database (at shutdown)."""
        if not self._opened.done():
            if not self._started:
                return
            try:
                self._opened.result(OPEN_WAIT_S)
            except FutureTimeout:
                log.error("the statistics database was still opening at shutdown")
                return
        opened = self._opened.result()
        if opened is not None:
            database, recorder = opened
            recorder.close()
            database.close()

    def _wait(self, timeout: float) -> tuple[Database, VisitRecorder] | None:
        self.open_in_background()
        try:
            return self._opened.result(timeout)
        except FutureTimeout:
            log.error("the statistics database did not open within %s s; going on without it", timeout)
            return None

    def _open(self) -> None:
        try:
            from kiosk.stats.db import open_database
            from kiosk.stats.recorder import VisitRecorder

            database = open_database(self.check.path, checked=self.check)
            recorder = VisitRecorder(database, on_unavailable=self._on_unavailable)
        except DatabaseUnavailableError as error:
            log.error("statistics are off for this run: %s (%s)", error, error.detail)
            self.unavailable = error
            self._opened.set_result(None)
        except BaseException as error:
            # A bug: logged with its traceback; the visitors are served without statistics.
            log.exception("opening the statistics database failed")
            self._opened.set_result(None)
            if not isinstance(error, Exception):
                raise
        else:
            self._opened.set_result((database, recorder))
