"""systemd's notification protocol, spoken to a real AF_UNIX datagram socket as systemd binds it."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.system.service_notify import ServiceNotifier, socket_address, watchdog_interval_s


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[str, socket.socket]]:
    """A datagram socket bound in tmp, as systemd's $NOTIFY_SOCKET is."""
    path = tmp_path / "notify"
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(str(path))
    receiver.settimeout(5)
    try:
        yield str(path), receiver
    finally:
        receiver.close()


def test_ready_status_watchdog_and_stopping_arrive_as_systemd_reads_them(
    notify_socket: tuple[str, socket.socket],
) -> None:
    address, receiver = notify_socket
    notifier = ServiceNotifier.from_environment({"NOTIFY_SOCKET": address, "WATCHDOG_USEC": "30000000"})
    assert notifier.enabled
    assert notifier.watchdog_interval == 15.0
    assert notifier.ready("start screen shown")
    assert receiver.recv(4096) == b"READY=1\nSTATUS=start screen shown"
    assert notifier.watchdog()
    assert receiver.recv(4096) == b"WATCHDOG=1"
    assert notifier.status("Đang chạy")
    assert receiver.recv(4096).decode("utf-8") == "STATUS=Đang chạy"
    assert notifier.stopping()
    assert receiver.recv(4096) == b"STOPPING=1"
    notifier.close()


def test_an_abstract_socket_is_named_with_a_leading_at() -> None:
    name = f"kiosk-test-{os.getpid()}"
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind("\0" + name)
    receiver.settimeout(5)
    try:
        notifier = ServiceNotifier.from_environment({"NOTIFY_SOCKET": f"@{name}"})
        assert notifier.ready()
        assert receiver.recv(4096) == b"READY=1"
        notifier.close()
    finally:
        receiver.close()


def test_outside_systemd_every_call_is_a_quiet_no_op() -> None:
    notifier = ServiceNotifier.from_environment({})
    assert not notifier.enabled
    assert notifier.watchdog_interval is None
    assert not notifier.ready()
    assert not notifier.watchdog()


def test_a_vanished_socket_is_logged_once_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    notifier = ServiceNotifier.from_environment({"NOTIFY_SOCKET": str(tmp_path / "gone")})
    assert not notifier.ready()
    assert not notifier.watchdog()
    notifier.close()
    assert len([r for r in caplog.records if "could not notify systemd" in r.getMessage()]) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [("/run/systemd/notify", "/run/systemd/notify"), ("@abstract", "\0abstract"), ("vsock:2:1234", None)],
)
def test_socket_addresses(value: str, expected: str | None) -> None:
    assert socket_address(value) == expected


def test_the_ping_interval_is_half_the_watchdog_timeout() -> None:
    assert watchdog_interval_s({"WATCHDOG_USEC": "2000000"}) == 1.0
    assert watchdog_interval_s({}) is None
    assert watchdog_interval_s({"WATCHDOG_USEC": "0"}) is None
    assert watchdog_interval_s({"WATCHDOG_USEC": "soon"}) is None


def test_the_watchdog_is_ours_when_systemd_named_us_or_cage_our_parent() -> None:
    environ = {"WATCHDOG_USEC": "2000000"}
    assert watchdog_interval_s({**environ, "WATCHDOG_PID": "100"}, pid=100, parent_pid=1) == 1.0
    # Under the unit, WATCHDOG_PID is cage's, and the kiosk is cage's child.
    assert watchdog_interval_s({**environ, "WATCHDOG_PID": "50"}, pid=100, parent_pid=50) == 1.0
    # Inherited further down (a process the kiosk started): not for it to feed.
    assert watchdog_interval_s({**environ, "WATCHDOG_PID": "7"}, pid=100, parent_pid=50) is None
