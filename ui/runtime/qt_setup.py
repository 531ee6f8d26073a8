"""Qt set-up shared by the kiosk and the screenshot renderer: the application, fonts, logging.

Without the bundled Noto Sans, Qt silently draws boxes for Vietnamese letters on a bare
kiosk system, so the fonts are loaded before any widget exists. Qt's own messages go to
Python logging (and so to the kiosk's log files) instead of a console nobody reads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.system import paths
from ui.look import theme

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

MessageHandler = Callable[[QtMsgType, QMessageLogContext, str], None]

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def ensure_application(argv: list[str]) -> QApplication:
    """The running QApplication, created from ``argv`` if there is none yet."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if existing is not None:
        raise RuntimeError("a non-widget Qt application already exists")
    return QApplication(argv)


def load_fonts(folder: Path | None = None) -> list[str]:
    """Register the bundled fonts and make Noto Sans the application font."""
    folder = folder if folder is not None else paths.fonts_dir()
    families: list[str] = []
    for font_file in sorted(folder.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id < 0:
            log.error("Font %s could not be loaded", font_file)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if theme.FONT_FAMILY not in families:
        log.error(
            "Bundled font %s not found in %s; text may not show Vietnamese letters", theme.FONT_FAMILY, folder
        )
    font = QFont(theme.FONT_FAMILY)
    font.setPixelSize(theme.FONT_BODY)
    QApplication.setFont(font)
    return sorted(set(families))


class QtMessageRouter:
    """Sends Qt's messages to Python logging; keeps any handler that was there before."""

    def __init__(self) -> None:
        self._previous: MessageHandler | None = None
        self._installed = False

    def install(self) -> None:
        if not self._installed:
            self._previous = qInstallMessageHandler(self._on_message)
            self._installed = True

    def uninstall(self) -> None:
        if self._installed:
            qInstallMessageHandler(self._previous)
            self._installed = False
            self._previous = None

    def _on_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        where = f" ({context.category})" if context.category and context.category != "default" else ""
        qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)
        # A handler installed before ours (e.g. a test harness collecting Qt warnings) still sees it.
        if self._previous is not None:
            self._previous(kind, context, message)
