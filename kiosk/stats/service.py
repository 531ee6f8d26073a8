"""The statistics database and its visit recorder, checked and opened on a background thread.

Checking the file (``kiosk.stats.startup``: damage, a lost journal, an old schema), loading
SQLAlchemy and opening an engine take time the start screen should not wait for, nor its
imports (the check alone is some 6 ms of imports before a first paint). So the kiosk gives
``Statistics`` the check to run (a callable) and ``open_in_background`` runs both once the
screen is painted; ``recorder()`` and ``database()`` wait for it (rarely at all: a visitor
needs longer than that to reach a language) and answer None when statistics are off for
this run, which the kiosk survives. A check already made (tests, tools) can be given too.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.stats.db import Database
    from kiosk.stats.failures import DatabaseUnavailableError
    from kiosk.stats.recorder import VisitRecorder
    from kiosk.stats.startup import StartupCheck

log = logging.getLogger(__name__)

# How long a caller waits for the open before going on without statistics this time.
OPEN_WAIT_S = 30.0


class Statistics:
    def __init__(
        self,
        check: StartupCheck | Callable[[], StartupCheck],
        *,
        path: Path | None = None,
        on_unavailable: Callable[[DatabaseUnavailableError], None] | None = None,
    ) -> None:
        """``check``: one made already, or the check to run in the background (then give ``path``)."""
        self._check: StartupCheck | None = None
        self._check_later: Callable[[], StartupCheck] | None = None
        # Set when the check or the open failed; the organiser's screen says so.
        self._unavailable: DatabaseUnavailableError | None = None
        if callable(check):
            if path is None:
                raise ValueError("a check run later needs the database's path")
            self._check_later = check
            self.path = path
        else:
            self._check = check
            self.path = check.path
            self._unavailable = check.unavailable
        self._on_unavailable = on_unavailable
        self._opened: Future[tuple[Database, VisitRecorder] | None] = Future()
        self._started = False
        self._lock = threading.Lock()
        # Set once the check is made (before the open): systemd hears "ready" only after it.
        self._checked = threading.Event()
        if self._check is not None:
            self._checked.set()

    def wait_checked(self, timeout: float = OPEN_WAIT_S) -> bool:
        """Start the check if need be and wait for it (not for the open); False if it took too long."""
        self.open_in_background()
        return self._checked.wait(timeout)

    @property
    def unavailable(self) -> DatabaseUnavailableError | None:
        """Why statistics are off for this run, or None (waits for a check running in the background)."""
        if self._check is None or not self._opened.done():
            self._wait(OPEN_WAIT_S)
        return self._unavailable

    @property
    def check(self) -> StartupCheck:
        """The start-up check of the database (waits for it when it runs in the background)."""
        if self._check is None:
            self._wait(OPEN_WAIT_S)
        assert self._check is not None, "the statistics check did not finish"
        return self._check

    def open_in_background(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
        if self._check is not None and not self._check.ready:
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
        from kiosk.stats.failures import DatabaseUnavailableError

        try:
            if self._check is None:
                assert self._check_later is not None
                try:
                    self._check = self._check_later()
                    self._unavailable = self._check.unavailable
                finally:
                    self._checked.set()
            if not self._check.ready:
                self._opened.set_result(None)
                return

            from kiosk.stats.db import open_database
            from kiosk.stats.recorder import VisitRecorder

            database = open_database(self._check.path, checked=self._check)
            recorder = VisitRecorder(database, on_unavailable=self._on_unavailable)
        except DatabaseUnavailableError as error:
            log.error("statistics are off for this run: %s (%s)", error, error.detail)
            self._unavailable = error
            self._opened.set_result(None)
        except BaseException as error:
            # A bug: logged with its traceback; the visitors are served without statistics.
            log.exception("opening the statistics database failed")
            self._opened.set_result(None)
            if not isinstance(error, Exception):
                raise
        else:
            self._opened.set_result((database, recorder))
