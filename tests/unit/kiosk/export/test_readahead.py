"""Reading ahead keeps the order, passes errors on, and leaves no helper behind when stopped early."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import closing

import pytest

from kiosk.export.readahead import read_ahead


class Source:
    """Numbers, made on whichever thread asks; remembers whether it was closed and where."""

    def __init__(self, count: int, fail_at: int | None = None) -> None:
        self.count = count
        self.fail_at = fail_at
        self.made_on: set[str] = set()
        self.closed = threading.Event()

    def __iter__(self) -> Iterator[int]:
        try:
            for number in range(self.count):
                self.made_on.add(threading.current_thread().name)
                if number == self.fail_at:
                    raise OSError(5, "Input/output error")
                yield number
        finally:
            self.closed.set()


def _helpers() -> list[str]:
    return [thread.name for thread in threading.enumerate() if thread.name.startswith("test-ahead")]


def test_items_arrive_in_order_from_a_helper_thread() -> None:
    source = Source(500)
    assert list(read_ahead(source, name="test-ahead")) == list(range(500))
    assert source.made_on == {"test-ahead"}
    assert source.closed.is_set()
    assert _helpers() == []


def test_an_error_in_the_helper_is_raised_in_the_reader() -> None:
    source = Source(50, fail_at=20)
    seen: list[int] = []
    with pytest.raises(OSError, match="Input/output error"):
        for number in read_ahead(source, name="test-ahead"):
            seen.append(number)
    assert seen == list(range(20))
    assert _helpers() == []


def test_a_reader_that_stops_early_stops_the_helper() -> None:
    source = Source(10_000)
    chunks = read_ahead(source, name="test-ahead", depth=2)
    assert next(chunks) == 0
    # The helper is now waiting on a full queue; closing must end it, not leave it waiting.
    chunks.close()
    assert _helpers() == []
    assert source.closed.is_set()


def test_an_error_in_the_reader_stops_the_helper() -> None:
    source = Source(10_000)

    def read() -> None:
        with closing(read_ahead(source, name="test-ahead")) as numbers:
            for number in numbers:
                if number == 3:
                    raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        read()
    assert _helpers() == []
    assert source.closed.is_set()
