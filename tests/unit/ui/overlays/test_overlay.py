"""An overlay covers its window through every resize, opens on top, and is known to the window while shown."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.qt import open_kiosk, settle, show_alone
from ui.guided.page import VolunteerPage
from ui.input.keys import Action
from ui.organiser.screen import OrganiserScreen
from ui.overlays.comfort import ComfortPanel
from ui.overlays.help import HelpOverlay
from ui.overlays.idle_question import IdleOverlay
from ui.overlays.overlay import Overlay, Overlays


class _Page(Overlay):
    """An overlay with one button, so what is on top can be found by pointing at it."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent, name=name)
        self.button = QPushButton(name)
        QVBoxLayout(self).addWidget(self.button)


class _Staff(_Page):
    for_visitor = False


def _window(qtbot: QtBot) -> QWidget:
    window = QWidget()
    show_alone(qtbot, window, 800, 600)
    return window


def _on_top(window: QWidget) -> QWidget | None:
    """The widget a touch in the middle of the window would reach."""
    return window.childAt(QPoint(window.width() // 2, window.height() // 2))


def test_an_overlay_covers_its_window_and_follows_every_resize(qtbot: QtBot) -> None:
    window = _window(qtbot)
    page = _Page(window, "first")
    assert page.geometry() == window.rect()
    assert not page.isVisible()
    page.open()
    assert page.isVisible() and page.geometry() == window.rect()
    window.resize(1366, 768)
    settle()
    assert page.geometry() == window.rect()
    # Hidden, it still follows: opened again later, it is the window's size at once.
    page.hide()
    window.resize(1024, 600)
    settle()
    assert page.geometry() == window.rect()


def test_the_overlay_opened_last_is_on_top_and_opening_again_raises_it(qtbot: QtBot) -> None:
    window = _window(qtbot)
    first, second = _Page(window, "first"), _Page(window, "second")
    overlays = Overlays.of(window)
    first.open()
    second.open()
    assert overlays.shown() == [first, second]
    assert overlays.covering() is second
    assert _on_top(window) is second.button
    first.open()
    assert overlays.shown() == [second, first]
    assert _on_top(window) is first.button
    # A plain raise (as the window does for the idle question) is seen too.
    second.raise_()
    assert overlays.covering() is second
    assert _on_top(window) is second.button


def test_an_overlay_is_registered_while_shown_and_each_change_is_announced(qtbot: QtBot) -> None:
    window = _window(qtbot)
    overlays = Overlays.of(window)
    changes: list[tuple[str, bool]] = []
    overlays.shown_changed.connect(lambda overlay, shown: changes.append((overlay.objectName(), shown)))
    page, staff = _Page(window, "page"), _Staff(window, "staff")
    assert Overlays.of(window) is overlays and overlays.shown() == []
    changes.clear()  # Whatever Qt says of a widget made hidden is not an opening.
    page.open()
    staff.open()
    assert overlays.shown() == [page, staff]
    staff.close()
    page.hide()
    assert overlays.shown() == []
    assert changes == [("page", True), ("staff", True), ("staff", False), ("page", False)]
    assert page.for_visitor and not staff.for_visitor


def test_each_window_has_its_own_overlays(qtbot: QtBot) -> None:
    one, other = _window(qtbot), _window(qtbot)
    page = _Page(one, "page")
    page.open()
    assert Overlays.of(one) is not Overlays.of(other)
    assert Overlays.of(one).shown() == [page]
    assert Overlays.of(other).shown() == []


def test_an_overlay_never_keeps_its_window_alive() -> None:
    """A window dropped is freed at once, on this thread, not later by the collector on any thread."""
    gc.disable()
    try:
        window = QWidget()
        page = _Page(window, "page")
        page.open()
        Overlays.of(window).shown_changed.connect(lambda overlay, shown: None)
        gone = weakref.ref(window)
        del window, page
        assert gone() is None
    finally:
        gc.enable()


def test_the_kiosk_overlays_cover_the_window_after_a_resize(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    window.open_comfort()
    window.show_idle_warning(20)
    window.keys.perform(Action.HELP)
    settle()
    help_overlay = window.keys.help_overlay
    overlays = Overlays.of(window)
    # The idle question stays above the comfort panel; help opened last is on top of both.
    assert overlays.shown() == [window.comfort_panel, window.idle_overlay, help_overlay]
    window.resize(1024, 700)
    settle()
    for overlay in overlays.shown():
        assert overlay.geometry() == window.rect(), overlay.objectName()
    assert window.organiser is not None
    window.organiser.open()
    settle()
    screen = window.organiser.screen
    assert overlays.covering() is screen and screen.geometry() == window.rect()
    assert [overlay.for_visitor for overlay in overlays.shown()] == [True, True, True, False]


def test_every_overlay_of_the_kiosk_is_one() -> None:
    for visitors in (ComfortPanel, IdleOverlay, HelpOverlay):
        assert issubclass(visitors, Overlay) and visitors.for_visitor
    for staff in (OrganiserScreen, VolunteerPage):
        assert issubclass(staff, Overlay) and not staff.for_visitor
