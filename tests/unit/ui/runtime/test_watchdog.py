"""The watchdog pings come from the GUI thread: a blocked event loop stops them, as it must.

A real AF_UNIX datagram socket stands in for systemd; a thread receives and timestamps every
message, so the test can tell exactly which pings arrived while the GUI thread was blocked.
"""

from __future__ import annotations

import itertools
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.system.service_notify import ServiceNotifier
from ui.runtime.watchdog import ServiceWatchdog

# WATCHDOG_USEC of 0.2 s: a ping every 0.1 s.
WATCHDOG_USEC = 200_000
INTERVAL_S = WATCHDOG_USEC / 1_000_000 / 2
# Longer than two ping intervals, as a hung slot would be.
BLOCK_S = 6 * INTERVAL_S


class Systemd:
    """Receives notifications on a bound datagram socket and keeps (arrival time, message)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.messages: list[tuple[float, str]] = []
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind(str(path))
        self._socket.settimeout(0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._receive, daemon=True)
        self._thread.start()

    def _receive(self) -> None:
        while not self._stop.is_set():
            try:
                data = self._socket.recv(4096)
            except TimeoutError:
                continue
            self.messages.append((time.monotonic(), data.decode()))

    def pings(self) -> list[float]:
        return [at for at, message in self.messages if message == "WATCHDOG=1"]

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._socket.close()


@contextmanager
def systemd(tmp_path: Path) -> Iterator[Systemd]:
    receiver = Systemd(tmp_path / "notify")
    try:
        yield receiver
    finally:
        receiver.close()


def _wait(qtbot: QtBot, seconds: float) -> None:
    qtbot.wait(round(seconds * 1000))


def test_ready_then_pings_and_a_blocked_gui_thread_stops_them(qtbot: QtBot, tmp_path: Path) -> None:
    with systemd(tmp_path) as receiver:
        notifier = ServiceNotifier.from_environment(
            {"NOTIFY_SOCKET": str(receiver.path), "WATCHDOG_USEC": str(WATCHDOG_USEC)}
        )
        watchdog = ServiceWatchdog(notifier)
        watchdog.announce_ready("start screen shown")
        assert watchdog.active
        qtbot.waitUntil(lambda: len(receiver.pings()) >= 3, timeout=5000)
        assert receiver.messages[0][1] == "READY=1\nSTATUS=start screen shown"

        blocked: list[float] = []

        def hang() -> None:
            # A slot that never returns in time: the event loop, and with it the timer, stands still.
            blocked.append(time.monotonic())
            time.sleep(BLOCK_S)
            blocked.append(time.monotonic())

        QTimer.singleShot(0, hang)
        qtbot.waitUntil(lambda: len(blocked) == 2, timeout=5000)
        before = len(receiver.pings())
        qtbot.waitUntil(lambda: len(receiver.pings()) >= before + 3, timeout=5000)
        start, end = blocked
        # A ping sent just before the block may be read a little late by the receiving thread.
        during = [at for at in receiver.pings() if start + INTERVAL_S < at < end]
        assert during == [], f"{len(during)} pings while the GUI thread was blocked"
        # Systemd would have seen the gap: no ping for longer than the watchdog timeout.
        pings = receiver.pings()
        longest_gap = max(later - earlier for earlier, later in itertools.pairwise(pings))
        assert longest_gap >= BLOCK_S - INTERVAL_S
        # The pings resumed once the event loop ran again.
        assert any(at > end for at in pings)
        watchdog.stop()
        qtbot.waitUntil(lambda: receiver.messages[-1][1] == "STOPPING=1", timeout=5000)
        assert not watchdog.active


def test_without_a_watchdog_only_ready_is_sent(qtbot: QtBot, tmp_path: Path) -> None:
    with systemd(tmp_path) as receiver:
        watchdog = ServiceWatchdog(ServiceNotifier.from_environment({"NOTIFY_SOCKET": str(receiver.path)}))
        watchdog.announce_ready()
        assert not watchdog.active
        qtbot.waitUntil(lambda: len(receiver.messages) == 1, timeout=5000)
        _wait(qtbot, 3 * INTERVAL_S)
        assert [message for _, message in receiver.messages] == ["READY=1\nSTATUS=start screen shown"]
        watchdog.stop()


def test_outside_systemd_nothing_starts(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    watchdog = ServiceWatchdog.from_environment(QApplication.instance())
    watchdog.announce_ready()
    assert not watchdog.active
    watchdog.stop()
