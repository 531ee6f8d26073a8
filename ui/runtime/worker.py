"""The one way to do slow work (PDF build, printing, export, speech, content install) off the GUI thread.

``run_in_background(work, on_success, on_failure)`` runs ``work`` in a worker thread with
``await loop.run_in_executor(...)`` on the qasync event loop, then calls exactly one of the
two callbacks back on the GUI thread, where touching widgets is safe. ``work`` gets no
arguments: bind plain data (a tutorial, a language, bytes) with ``functools.partial`` or a
frozen dataclass, never a widget. An exception in ``work`` is logged with its traceback and
handed to ``on_failure``; an exception in a callback is a bug and goes to ``sys.excepthook``
(in kiosk mode: logged, then back to the start screen).

Work that reports how far it is (an export, a content install) passes ``on_progress``: then
``work`` gets one argument, ``report``, which it calls from its own thread with plain data.
Each report travels as a queued Qt signal to the GUI thread, where ``on_progress`` gets them
in the order they were made, and all of them before ``on_success`` or ``on_failure``.

The loop is the one ``ui.app.build`` installs. Tests that drive Qt through ``qtbot`` install
the same kind of loop without running it: Qt's own event processing delivers the results.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar, overload

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")
P = TypeVar("P")

# Few threads: the work is a handful of prints and exports, and an old laptop has few cores.
# Python threads rather than QThreads: one still busy at exit (a printer that never answers)
# delays the exit instead of aborting it ("QThread: Destroyed while thread is still running").
_EXECUTOR = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kiosk-worker")
# asyncio keeps only weak references to tasks; these keep the running ones alive.
_running: set[asyncio.Task[None]] = set()


@overload
def run_in_background(
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[Exception], None],
    *,
    what: str,
) -> asyncio.Task[None]: ...


@overload
def run_in_background(
    work: Callable[[Callable[[P], None]], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[Exception], None],
    *,
    what: str,
    on_progress: Callable[[P], None],
) -> asyncio.Task[None]: ...


def run_in_background(
    work: Callable[..., Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
    *,
    what: str,
    on_progress: Callable[[Any], None] | None = None,
) -> asyncio.Task[None]:
    """Start ``work`` in a worker thread; ``what`` names it in the log ("print handout …").

    With ``on_progress``, ``work(report)`` is called instead of ``work()``.
    """
    loop = _event_loop()
    relay = None
    if on_progress is not None:
        # Made here, on the GUI thread, so that is where its signal is delivered.
        relay = _ProgressRelay(on_progress)
        work = functools.partial(work, relay.progressed.emit)
    task = loop.create_task(_run(loop, work, on_success, on_failure, what, relay))
    _running.add(task)
    task.add_done_callback(_running.discard)
    return task


class _ProgressRelay(QObject):
    """Lives on the GUI thread: emitting ``progressed`` from the worker thread queues the call here."""

    progressed = Signal(object)

    def __init__(self, on_progress: Callable[[Any], None]) -> None:
        super().__init__()
        self._on_progress = on_progress
        self.progressed.connect(self._on_progressed, Qt.ConnectionType.QueuedConnection)

    def deliver_waiting(self) -> None:
        """Hand over every report the work made before it ended (they are queued already)."""
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall.value)

    def _on_progressed(self, value: object) -> None:
        _call(self._on_progress, value)


def busy() -> bool:
    """Whether any background work has not yet delivered its result (tests wait on this)."""
    # A finished task leaves the set from a done-callback the loop may not have run yet
    # (the loop stopped right after it); it has delivered its result all the same.
    return any(not task.done() for task in _running)


def _event_loop() -> asyncio.AbstractEventLoop:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    # Set but not running: tests process Qt events through qtbot instead of run_forever().
    # Imported here, after PySide6: imported first, qasync would go looking for other Qt bindings.
    import qasync

    loop = asyncio.get_event_loop()
    from_qasync: bool = isinstance(loop, qasync.QEventLoop)
    if not from_qasync:
        raise RuntimeError("ui.runtime.worker needs the qasync event loop (ui.app.build installs it)")
    return loop


async def _run(
    loop: asyncio.AbstractEventLoop,
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[Exception], None],
    what: str,
    relay: _ProgressRelay | None,
) -> None:
    try:
        result = await loop.run_in_executor(_EXECUTOR, work)
    except Exception as error:
        log.error("%s failed", what, exc_info=error)
        if relay is not None:
            relay.deliver_waiting()
        _call(on_failure, error)
        return
    if relay is not None:
        relay.deliver_waiting()
    _call(on_success, result)


def _call(callback: Callable[[T], None], value: T) -> None:
    try:
        callback(value)
    except Exception as error:
        # A callback's error is a bug in the UI: the crash path decides what happens.
        sys.excepthook(type(error), error, error.__traceback__)
