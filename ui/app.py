"""Building and running the kiosk's Qt application on a qasync event loop.

``build`` stops before the loop so tests (and ``ui.main.start``) can drive the real
window; ``run`` enters the loop and returns the exit code when the kiosk quits.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

# isort: split
# qasync uses the Qt binding already imported (PySide6, above); imported first, it would try
# to import PyQt5, PyQt6 and PySide2 before PySide6 at every start.
import qasync

from kiosk.content.model import Catalogue
from kiosk.i18n import UiText
from kiosk.settings import Settings
from ui import theme
from ui.main_window import MainWindow
from ui.qt_setup import QtMessageRouter, ensure_application, load_fonts

log = logging.getLogger(__name__)


class _Recovery(QObject):
    """Carries "back to the start screen" to the GUI thread, from whichever thread failed."""

    requested = Signal()


class KioskApp:
    """The running kiosk: the Qt application, its event loop and the window."""

    def __init__(
        self, app: QApplication, loop: qasync.QEventLoop, window: MainWindow, router: QtMessageRouter
    ) -> None:
        self.app = app
        self.loop = loop
        self.window = window
        self._router = router
        self._recovery = _Recovery()
        # Queued: the exception hook may run in a worker thread; widgets live in this one.
        self._recovery.requested.connect(window.return_to_start, Qt.ConnectionType.QueuedConnection)

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
        if not self.loop.is_closed():
            self.loop.close()
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
) -> KioskApp:
    """Create (or reuse) the QApplication, load fonts, make the loop and show the window."""
    app = ensure_application(argv)
    router = QtMessageRouter()
    router.install()
    load_fonts()
    app.setApplicationName("digital-literacy-kiosk")
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow(
        settings=settings, catalogue=catalogue, ui_text=ui_text, kiosk_mode=kiosk_mode, clock=clock
    )
    window.setWindowTitle(settings.point_name)
    if kiosk_mode:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        # No window manager under the kiosk compositor: take the screen's geometry ourselves.
        window.setGeometry(window.screen().geometry())
        window.showFullScreen()
    else:
        window.resize(theme.WINDOWED_WIDTH, theme.WINDOWED_HEIGHT)
        window.show()
    log.info("Window shown (%s)", "kiosk mode" if kiosk_mode else "windowed")
    return KioskApp(app, loop, window, router)


def run(kiosk_app: KioskApp) -> int:
    """Run the event loop until the kiosk quits; the Qt exit code."""
    try:
        # qasync's run_forever returns QApplication.exec()'s exit code.
        code: int = kiosk_app.loop.run_forever()
    finally:
        kiosk_app.close()
    log.info("Kiosk stopped (exit code %d)", code)
    return code
