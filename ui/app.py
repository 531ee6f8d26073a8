"""Building and running the kiosk's Qt application on a qasync event loop.

``build`` stops before the loop so tests (and ``ui.main.start``) can drive the real
window; ``run`` enters the loop and returns the exit code when the kiosk quits.

The qasync loop (and asyncio with it) is made once the start screen is painted, not before:
nothing awaits until a visitor taps. ``KioskApp.loop`` makes it at once if it is asked for
sooner (tests), and ``run`` lets Qt paint the start screen before it enters the loop.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.content.model import Catalogue
from kiosk.i18n import UiText
from kiosk.system.settings import Settings
from ui.look import theme
from ui.runtime.qt_setup import QtMessageRouter, ensure_application, load_fonts
from ui.shell.window import MainWindow

if TYPE_CHECKING:
    import qasync

    from kiosk.stats.service import Statistics
    from ui.runtime.watchdog import ServiceWatchdog

log = logging.getLogger(__name__)

# run() waits at most this long for the first paint before it enters the qasync loop anyway.
_FIRST_PAINT_WAIT_MS = 2000


class _Recovery(QObject):
    """Carries "back to the start screen" to the GUI thread, from whichever thread failed."""

    requested = Signal()


class KioskApp:
    """The running kiosk: the Qt application, its event loop and the window."""

    def __init__(self, app: QApplication, window: MainWindow, router: QtMessageRouter) -> None:
        self.app = app
        self._loop: qasync.QEventLoop | None = None
        self.window = window
        self._router = router
        self._recovery = _Recovery()
        # Queued: the exception hook may run in a worker thread; widgets live in this one.
        self._recovery.requested.connect(window.return_to_start, Qt.ConnectionType.QueuedConnection)
        if window.first_paint_done:
            self._make_loop()
        else:
            window.first_painted.connect(self._make_loop)

    @property
    def loop(self) -> qasync.QEventLoop:
        """The qasync event loop, made now if the start screen has not been painted yet."""
        return self._make_loop()

    def _make_loop(self) -> qasync.QEventLoop:
        if self._loop is None:
            import asyncio

            # Imported here, after PySide6: imported first, qasync would try to import PyQt5,
            # PyQt6 and PySide2 before PySide6.
            import qasync

            self._loop = qasync.QEventLoop(self.app)
            asyncio.set_event_loop(self._loop)
        return self._loop

    def wait_for_first_paint(self) -> int | None:
        """Let Qt paint the start screen (at most ``_FIRST_PAINT_WAIT_MS``) before the loop is made.

        None, or the exit code if the application was told to quit meanwhile.
        """
        if self._loop is not None or self.window.first_paint_done:
            return None
        waiting = QEventLoop()
        waited: list[bool] = []

        def stop_waiting() -> None:
            waited.append(True)
            waiting.quit()

        self.window.first_painted.connect(stop_waiting)
        QTimer.singleShot(_FIRST_PAINT_WAIT_MS, stop_waiting)
        code = waiting.exec()
        self.window.first_painted.disconnect(stop_waiting)
        # Ended neither by the paint nor the timeout: QApplication.exit() was called.
        return None if waited else code

    @property
    def kiosk_mode(self) -> bool:
        return self.window.kiosk_mode

    def recover_from_error(self) -> None:
        """After an uncaught error in kiosk mode: reset the visit and show the start screen."""
        log.warning("Recovering from an error: back to the start screen")
        self._recovery.requested.emit()

    def close(self) -> None:
        """Release the window, the loop and the Qt message routing (tests, after ``run``)."""
        self.window.shutdown()
        self.window.close()
        if self.window.statistics is not None:
            # Every visit recorded so far is committed before the kiosk exits.
            self.window.statistics.close()
        if self._loop is not None:
            import asyncio

            if not self._loop.is_closed():
                self._loop.close()
            asyncio.set_event_loop(None)
        self._router.uninstall()


def build(
    argv: list[str],
    *,
    settings: Settings,
    catalogue: Catalogue,
    ui_text: UiText,
    kiosk_mode: bool,
    clock: Callable[[], float] = time.monotonic,
    statistics: Statistics | None = None,
) -> KioskApp:
    """Create (or reuse) the QApplication, load fonts and show the window.

    The event loop is made once the window is painted (``KioskApp.loop``).
    """
    app = ensure_application(argv)
    router = QtMessageRouter()
    router.install()
    load_fonts()
    app.setApplicationName("digital-literacy-kiosk")
    window = MainWindow(
        settings=settings,
        catalogue=catalogue,
        ui_text=ui_text,
        kiosk_mode=kiosk_mode,
        clock=clock,
        statistics=statistics,
    )
    # The window sets its own title, in the visitor's language (MainWindow._retranslate).
    if kiosk_mode:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        # No window manager under the kiosk compositor: take the screen's geometry ourselves.
        window.setGeometry(window.screen().geometry())
        window.showFullScreen()
        # Back to full screen by itself whatever a window manager does (ui/shell/lockdown.py).
        if window.lock is not None:
            window.lock.keep_full_screen()
    else:
        window.resize(theme.WINDOWED_WIDTH, theme.WINDOWED_HEIGHT)
        window.show()
    log.info("Window shown (%s)", "kiosk mode" if kiosk_mode else "windowed")
    return KioskApp(app, window, router)


def run(kiosk_app: KioskApp) -> int:
    """Run the event loop until the kiosk quits; the Qt exit code."""
    service: ServiceWatchdog | None = None
    try:
        code = kiosk_app.wait_for_first_paint()
        if code is None:
            # Under systemd: ready only now (database checked, start screen painted); then the
            # pings. Its modules load only now too: nothing of it is needed for the first paint.
            from ui.runtime.watchdog import ServiceWatchdog

            service = ServiceWatchdog.from_environment(kiosk_app.app)
            statistics = kiosk_app.window.statistics
            # The database is checked in the background from the first paint on; ready waits for it.
            if statistics is not None and not statistics.wait_checked():
                log.error("the statistics check is still running; telling systemd the kiosk is ready anyway")
            service.announce_ready()
            # qasync's run_forever returns QApplication.exec()'s exit code.
            code = kiosk_app.loop.run_forever()
    finally:
        if service is not None:
            service.stop()
        kiosk_app.close()
    log.info("Kiosk stopped (exit code %d)", code)
    return code
