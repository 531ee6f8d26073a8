"""Global exception hooks: an error must never strand a visitor.

Installed at start-up for the main thread and for worker threads. Every uncaught
exception is logged with its traceback. In kiosk mode the registered recovery callback
(the UI's "back to the start screen") runs and the kiosk keeps going; in windowed mode,
used by developers and organisers, the default hook also runs so the error is visible.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger(__name__)

Recovery = Callable[[], None]


class ExceptionHooks:
    def __init__(self, *, kiosk_mode: bool) -> None:
        self.kiosk_mode = kiosk_mode
        self._recovery: Recovery | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def set_recovery(self, recovery: Recovery | None) -> None:
        """The action that returns the visitor to a safe place after an error."""
        self._recovery = recovery

    def install(self) -> None:
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def _on_exception(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, error, trace)
            return
        log.critical("Uncaught exception", exc_info=(kind, error, trace))
        if not self.kiosk_mode:
            self._previous_hook(kind, error, trace)
            return
        self._recover()

    def _on_thread_exception(self, hook_args: threading.ExceptHookArgs) -> None:
        error = hook_args.exc_value
        if error is None:  # only SystemExit-like calls carry no value; nothing to recover from
            return
        log.critical(
            "Uncaught exception in thread %s",
            hook_args.thread.name if hook_args.thread else "?",
            exc_info=(hook_args.exc_type, error, hook_args.exc_traceback),
        )
        if self.kiosk_mode:
            self._recover()

    def _recover(self) -> None:
        if self._recovery is None:
            return
        try:
            self._recovery()
        except Exception:
            # The recovery itself failed: nothing safer is left than logging it.
            log.critical("Returning to the start screen failed", exc_info=True)
