"""Reading a few chunks ahead on a helper thread, so SQLite and the writing overlap.

SQLite builds a chunk with Python's lock released; meanwhile the export's own thread counts
the previous chunk's keys, hashes it and writes it to the stick. On one core this changes
nothing; on two, most of that work disappears behind SQLite's. The chunks arrive in order,
an error in the helper is raised in the reader, and when the reader stops early (an error,
a cancel) the helper is stopped and waited for before the reader goes on, so nothing is left
using the database connection.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterable
from typing import TypeVar

T = TypeVar("T")

DEPTH = 2
# How often a helper with a full queue looks whether the reader has stopped.
POLL_SECONDS = 0.05


class _Done:
    pass


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def read_ahead(items: Iterable[T], *, name: str, depth: int = DEPTH) -> Generator[T, None, None]:
    """``items`` in order, produced up to ``depth`` ahead on a thread called ``name``."""
    ready: queue.Queue[T | _Done | _Failed] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def hand_over(item: T | _Done | _Failed) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=POLL_SECONDS)
            except queue.Full:
                continue
            return True
        return False

    def produce() -> None:
        iterator = iter(items)
        try:
            for item in iterator:
                if not hand_over(item):
                    return
            hand_over(_Done())
        except BaseException as error:  # raised again in the reader
            hand_over(_Failed(error))
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    helper = threading.Thread(target=produce, name=name, daemon=True)
    helper.start()
    try:
        while True:
            item = ready.get()
            if isinstance(item, _Done):
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item
    finally:
        stop.set()
        helper.join()
