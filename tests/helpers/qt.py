"""Driving the real kiosk window in tests: a fake clock, taps, and what the visitor sees.

Imported by the UI tests (tests/unit/ui, tests/journeys); never by tests/conftest.py, which
stays Qt-free for the core-only test run.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import zxingcpp
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.model import Catalogue
from kiosk.i18n import UiText
from kiosk.stats.service import Statistics
from kiosk.stats.startup import check_database
from kiosk.system import paths
from kiosk.system.settings import Settings
from tests.helpers.catalogue import make_catalogue
from tests.helpers.clock import FakeClock
from ui.runtime import worker
from ui.runtime.qt_setup import load_fonts
from ui.shell.window import MainWindow, Screen

# Between two deliberate taps a visitor takes at least this long (more than the tap guard).
TAP_INTERVAL_S = 1.0
SCREEN_SIZE = (1366, 768)


@dataclass
class Kiosk:
    window: MainWindow
    clock: FakeClock
    qtbot: QtBot
    ui_text: UiText

    def tap(self, widget: QWidget, *, after_s: float = TAP_INTERVAL_S) -> None:
        """Tap ``widget`` the way a visitor would: it must be on screen and big enough to see."""
        assert widget.isVisible(), f"{widget!r} is not visible"
        assert widget.isEnabled(), f"{widget!r} is disabled"
        self.clock.advance(after_s)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        settle()

    def screen(self) -> Screen:
        """The screen now shown (a call, so each check reads it afresh)."""
        return self.window.current

    def wait_idle(self, seconds: float) -> None:
        """Let ``seconds`` pass without input, then let the idle timer look at the clock."""
        self.clock.advance(seconds)
        self.window.idle_watcher.tick()
        settle()

    def text(self, key: str, lang: str | None = None, **fmt: object) -> str:
        return self.ui_text.get(lang or self.window.session.language, key, **fmt)


def settle() -> None:
    app = QApplication.instance()
    assert app is not None
    app.processEvents()


@contextmanager
def qasync_loop(finish_within_s: float = 60.0) -> Iterator[None]:
    """The qasync event loop ``ui.app.build`` installs, for tests that tap through ``qtbot``.

    ``ui.runtime.worker`` delivers its results through it; Qt's own event processing (``qtbot``
    waits, ``settle``) runs it, so it is installed but never started. On the way out it waits
    for background work to deliver, so no task is left pending when the loop closes.
    """
    import qasync

    app = QApplication.instance()
    assert app is not None
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        yield
    finally:
        deadline = time.monotonic() + finish_within_s
        while worker.busy() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        loop.close()
        asyncio.set_event_loop(None)
    assert not worker.busy(), f"background work still running after {finish_within_s:g} s"


def ui_text() -> UiText:
    return UiText.load(paths.ui_text_dir())


def open_kiosk(
    qtbot: QtBot,
    tmp_path: Path,
    *,
    catalogue: Catalogue | None = None,
    settings: Settings | None = None,
    kiosk_mode: bool = False,
    physical_dpi: float | None = None,
    statistics: Statistics | None = None,
) -> Kiosk:
    """The real main window on the test catalogue, shown at kiosk-laptop size.

    Visits are recorded in the test's data dir, as on a kiosk (``statistics`` to pass others).
    """
    load_fonts()
    text = ui_text()
    clock = FakeClock()
    window = MainWindow(
        settings=settings or Settings(),
        catalogue=catalogue if catalogue is not None else make_catalogue(tmp_path / "content"),
        ui_text=text,
        kiosk_mode=kiosk_mode,
        clock=clock,
        physical_dpi=physical_dpi,
        statistics=statistics if statistics is not None else Statistics(check_database()),
    )
    qtbot.addWidget(window, before_close_func=_shut_down)
    window.resize(*SCREEN_SIZE)
    window.show()
    qtbot.waitExposed(window)
    settle()
    return Kiosk(window, clock, qtbot, text)


def show_alone(qtbot: QtBot, widget: QWidget, width: int, height: int) -> None:
    """Show one widget on its own, at a known size, as the tests of single widgets need."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)


def _shut_down(widget: QWidget) -> None:
    assert isinstance(widget, MainWindow)
    widget.shutdown()
    if widget.statistics is not None:
        widget.statistics.close()


def shown(widget: QWidget) -> Iterator[QWidget]:
    """``widget``'s descendants that are visible on screen now."""
    for child in widget.findChildren(QWidget):
        if child.isVisible() and child.window() is widget.window():
            yield child


def shown_buttons(widget: QWidget) -> list[QAbstractButton]:
    return [child for child in shown(widget) if isinstance(child, QAbstractButton)]


def shown_texts(widget: QWidget) -> list[str]:
    """Every text on screen, as the visitor reads it (labels and button words)."""
    return [child.text() for child in shown(widget) if isinstance(child, QLabel) and child.text()]


def button_with_text(widget: QWidget, text: str) -> QAbstractButton:
    matches = [button for button in shown_buttons(widget) if button.text() == text]
    assert len(matches) == 1, f"expected one visible button {text!r}, found {len(matches)}"
    return matches[0]


def decode_qr(widget: QWidget) -> list[str]:
    """What a phone camera reads from ``widget`` as drawn on screen."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    return [code.text for code in zxingcpp.read_barcodes(image)]


def clipped_labels(window: QWidget) -> list[str]:
    """Visible labels whose words do not all fit where they are drawn.

    A label is clipped if its height is less than its wrapped text needs, or if part of it
    lies outside an ancestor (other than a scroll area's viewport, where scrolling shows it).
    """
    problems: list[str] = []
    for child in shown(window):
        if not isinstance(child, QLabel) or not child.text():
            continue
        if child.wordWrap():
            needed = child.heightForWidth(child.width())
            if child.height() + 1 < needed:
                problems.append(f"{child.text()!r}: {child.height()} px high, needs {needed}")
                continue
        elif child.width() + 1 < child.sizeHint().width():
            problems.append(f"{child.text()!r}: {child.width()} px wide, needs {child.sizeHint().width()}")
            continue
        outside = _outside_ancestor(child)
        if outside:
            problems.append(f"{child.text()!r}: {outside}")
    return problems


def _outside_ancestor(label: QLabel) -> str:
    ancestor = label.parentWidget()
    while ancestor is not None:
        mapped = QRect(label.mapTo(ancestor, QPoint(0, 0)), label.size())
        parent = ancestor.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is ancestor:
            return ""
        if not QRect(QPoint(0, 0), ancestor.size()).contains(mapped):
            return f"outside {type(ancestor).__name__} ({mapped} not in {ancestor.size()})"
        if ancestor.isWindow():
            return ""
        ancestor = parent
    return ""


def pixels_like(image: QImage, colour: str) -> int:
    """How many pixels of ``image`` (every second one each way) are (nearly) ``colour``."""
    wanted = QColor(colour)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            distance = (
                abs(pixel.red() - wanted.red())
                + abs(pixel.green() - wanted.green())
                + abs(pixel.blue() - wanted.blue())
            )
            if distance < 60:
                count += 1
    return count
