"""Telling systemd the kiosk is up, and keeping its watchdog fed from the GUI thread.

The pings come from a ``QTimer`` on the GUI thread on purpose: if that thread hangs (a
deadlock, an endless loop in a slot) the pings stop, systemd's ``WatchdogSec`` runs out and
the unit restarts the kiosk, so a visitor never faces a frozen screen for long. A pinging
thread of its own would keep a dead kiosk "alive". The protocol is ``kiosk.system.service_notify``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer

from kiosk.system.service_notify import ServiceNotifier

log = logging.getLogger(__name__)


class ServiceWatchdog(QObject):
    """``READY=1`` once, then ``WATCHDOG=1`` every half ``WatchdogSec`` while the event loop runs."""

    def __init__(self, notifier: ServiceNotifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)

    @classmethod
    def from_environment(cls, parent: QObject | None = None) -> ServiceWatchdog:
        return cls(ServiceNotifier.from_environment(), parent)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def announce_ready(self, status: str = "start screen shown") -> None:
        """Tell systemd the kiosk is serving visitors and start the pings (if the unit has a watchdog)."""
        if not self.notifier.enabled:
            return
        self.notifier.ready(status)
        interval = self.notifier.watchdog_interval
        if interval is not None:
            self._timer.start(max(1, round(interval * 1000)))
            log.info("systemd told the kiosk is ready; watchdog ping every %.1f s", interval)
        else:
            log.info("systemd told the kiosk is ready (no watchdog)")

    def stop(self) -> None:
        """The kiosk is quitting on purpose: no more pings, and systemd is told so."""
        self._timer.stop()
        self.notifier.stopping()
        self.notifier.close()

    def _on_timeout(self) -> None:
        self.notifier.watchdog()
