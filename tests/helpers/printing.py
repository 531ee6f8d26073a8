"""A print service double for the UI's state machine: it records, waits when told, and answers.

Only the unit and journey tests of the UI use it; the real printing path is tested against
a real CUPS scheduler in tests/integration/. Qt-free.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from kiosk.printing.cups import PrintResult, PrintStatus

OK = PrintResult(PrintStatus.OK, "job T-1 done (test)", "T", "T-1")
QUEUE_STOPPED = PrintResult(PrintStatus.QUEUE_STOPPED, "printer T disabled since now - Paper out (test)", "T")


@dataclass(frozen=True)
class PrintCall:
    pdf: bytes
    media: str
    title: str


@dataclass
class RecordingPrinter:
    """Answers ``result``; with ``hold``, only once ``release()`` is called (a slow printer)."""

    result: PrintResult = OK
    hold: bool = False
    calls: list[PrintCall] = field(default_factory=list)
    _released: threading.Event = field(default_factory=threading.Event)
    _started: threading.Event = field(default_factory=threading.Event)

    def print_pdf(self, pdf: bytes, *, media: str, title: str) -> PrintResult:
        # Runs in ui.runtime.worker's thread, as the real service does.
        self.calls.append(PrintCall(pdf, media, title))
        self._started.set()
        if self.hold and not self._released.wait(timeout=60):
            raise TimeoutError("the test never released the held print")
        return self.result

    def wait_started(self, timeout_s: float = 30.0) -> bool:
        return self._started.wait(timeout_s)

    def release(self) -> None:
        self._released.set()


@dataclass
class BrokenPrinter:
    """A print service with a bug: it raises instead of answering."""

    calls: int = 0

    def print_pdf(self, pdf: bytes, *, media: str, title: str) -> PrintResult:
        self.calls += 1
        raise RuntimeError("printer driver crashed (test)")
