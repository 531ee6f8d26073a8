"""systemd's service notification protocol (``sd_notify``) in plain Python.

The kiosk's unit (packaging/linux) is ``Type=notify`` with a watchdog: systemd considers the
kiosk started only when it says ``READY=1`` (after the database check and the first paint),
and restarts it when the ``WATCHDOG=1`` pings stop (a frozen GUI thread). The protocol is one
datagram per message on the AF_UNIX socket named by ``$NOTIFY_SOCKET`` (a leading ``@`` means
Linux's abstract namespace), so the standard library is enough and no dependency is added.

Under the unit the main process is ``cage`` and the kiosk its child: systemd accepts the
child's messages because of ``NotifyAccess=all``, and ``$WATCHDOG_PID`` names cage, so a
``WATCHDOG_PID`` that is our parent's is taken as meant for us too. Outside systemd (a
developer's ``make run``, tests) nothing is set and every call is a cheap no-op. Sending never
raises: a lost notification must not take the kiosk down with it.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)

NOTIFY_SOCKET = "NOTIFY_SOCKET"
WATCHDOG_USEC = "WATCHDOG_USEC"
WATCHDOG_PID = "WATCHDOG_PID"


def socket_address(value: str) -> str | None:
    """The ``sendto`` address for a ``$NOTIFY_SOCKET`` value; None for kinds we do not speak (vsock)."""
    if value.startswith("@") and len(value) > 1:
        return "\0" + value[1:]
    if value.startswith("/"):
        return value
    return None


def watchdog_interval_s(
    environ: Mapping[str, str], *, pid: int | None = None, parent_pid: int | None = None
) -> float | None:
    """Seconds between two pings (half of ``$WATCHDOG_USEC``, as systemd advises); None: no watchdog."""
    text = environ.get(WATCHDOG_USEC, "").strip()
    if not text:
        return None
    try:
        usec = int(text)
    except ValueError:
        log.warning("ignoring %s=%r: not a number of microseconds", WATCHDOG_USEC, text)
        return None
    if usec <= 0:
        return None
    owner = environ.get(WATCHDOG_PID, "").strip()
    if owner:
        ours = {os.getpid() if pid is None else pid, os.getppid() if parent_pid is None else parent_pid}
        if not owner.isdigit() or int(owner) not in ours:
            # Inherited by a process the watchdog is not about (e.g. started by the kiosk).
            return None
    return usec / 1_000_000 / 2


class ServiceNotifier:
    """Sends notifications to systemd when the kiosk runs as a notify service; otherwise does nothing."""

    def __init__(self, address: str | None, watchdog_interval: float | None = None) -> None:
        self.address = address
        # Only meaningful with an address: a watchdog nobody is told about is no watchdog.
        self.watchdog_interval = watchdog_interval if address is not None else None
        self._socket: socket.socket | None = None
        self._failed_once = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> ServiceNotifier:
        """The notifier ``$NOTIFY_SOCKET`` and ``$WATCHDOG_USEC`` describe (a no-op one outside systemd)."""
        env = os.environ if environ is None else environ
        raw = env.get(NOTIFY_SOCKET, "")
        address = socket_address(raw) if raw else None
        if raw and address is None:
            log.warning("ignoring %s=%r: only AF_UNIX sockets are supported", NOTIFY_SOCKET, raw)
        if address is not None and not hasattr(socket, "AF_UNIX"):
            address = None
        return cls(address, watchdog_interval_s(env))

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def notify(self, *assignments: str) -> bool:
        """Send ``assignments`` (``"READY=1"``, ``"STATUS=..."``) as one message; True if it was sent."""
        if self.address is None:
            return False
        message = "\n".join(assignments).encode("utf-8")
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            self._socket.sendto(message, self.address)
        except OSError as error:
            # Log once: a ping every few seconds must not fill the log if systemd went away.
            if not self._failed_once:
                log.warning("could not notify systemd at %r: %s", self.address, error)
                self._failed_once = True
            return False
        return True

    def ready(self, status: str | None = None) -> bool:
        """The kiosk is up: systemd finishes starting the unit (``Type=notify``)."""
        return self.notify("READY=1", *([f"STATUS={status}"] if status else []))

    def watchdog(self) -> bool:
        """One keep-alive ping; systemd restarts the kiosk if none arrives within ``WatchdogSec``."""
        return self.notify("WATCHDOG=1")

    def status(self, text: str) -> bool:
        """A one-line state shown by ``systemctl status``."""
        return self.notify(f"STATUS={text}")

    def stopping(self) -> bool:
        """The kiosk is shutting down on purpose (not a crash)."""
        return self.notify("STOPPING=1")

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
