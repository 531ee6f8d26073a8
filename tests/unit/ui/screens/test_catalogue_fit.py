"""The topic screen: one scroll area at most (the tutorials), every tab whole, as the catalogue grows.

And how a print from it ended, over it: whole, without scrolling.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.model import Catalogue
from kiosk.printing.state import FROM_CATALOGUE, PrinterProblem, PrintPhase, PrintState
from kiosk.visit.session import TextSize
from tests.helpers.grown import GROWN_CATEGORIES, grown_catalogue, shipped_content
from tests.helpers.qt import clipped_labels, open_kiosk, settle, shown
from ui.screens.catalogue import CatalogueScreen, CategoryColumn
from ui.shell.window import MainWindow, Screen

WINDOW_SIZES = [(1366, 768), (1600, 900), (1920, 1080)]


def _scroll_bars(widget: QWidget) -> list[str]:
    bars = []
    for area in shown(widget):
        if isinstance(area, QAbstractScrollArea):
            if area.verticalScrollBar().isVisible():
                bars.append(f"vertical in {area.objectName() or type(area).__name__}")
            if area.horizontalScrollBar().isVisible():
                bars.append(f"horizontal in {area.objectName() or type(area).__name__}")
    return bars


def _check_every_combination(qtbot: QtBot, tmp_path: Path, catalogue: Catalogue) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=catalogue)
    window = kiosk.window
    screen = window.catalogue_screen
    screen.tile_area.setObjectName("TutorialTiles")
    for size in WINDOW_SIZES:
        window.resize(*size)
        for lang in ("vi", "en"):
            for text_size in TextSize:
                window.return_to_start()
                window.session.choose_language(lang)
                window.session.set_text_size(text_size)
                window.show_screen(Screen.CATALOGUE)
                # The first topic (shown on opening) and the last (the tab at the bottom of the column).
                for category_id in dict.fromkeys((next(iter(screen.tabs)), list(screen.tabs)[-1])):
                    screen.select_category(category_id)
                    where = (size, lang, text_size, category_id)
                    # Laid out over a few turns of the event loop (the tabs fit once the new sizes
                    # reach them); what is still wrong after that, the visitor would see.
                    with contextlib.suppress(qtbot.TimeoutError):
                        qtbot.waitUntil(lambda: not _problems(screen), timeout=2000)
                    assert _problems(screen) == [], where


def _problems(screen: CatalogueScreen) -> list[str]:
    window = screen.window()
    assert isinstance(window, MainWindow)
    problems = [bar for bar in _scroll_bars(window) if bar != "vertical in TutorialTiles"]
    problems += clipped_labels(window)
    column = screen.findChild(CategoryColumn)
    assert column is not None
    for tab in screen.tabs.values():
        place = QRect(tab.mapTo(column, tab.rect().topLeft()), tab.size())
        if not column.rect().contains(place):
            problems.append(f"{tab.text()!r} at {place}, outside its column {column.rect()}")
        if tab.height() < window.look.min_target_px:
            problems.append(f"{tab.text()!r} only {tab.height()} px high")
    return problems


def test_the_shipped_topics_need_one_scroll_area_at_most(qtbot: QtBot, tmp_path: Path) -> None:
    _, catalogue = shipped_content(tmp_path)
    _check_every_combination(qtbot, tmp_path, catalogue)


def test_six_topics_and_sixteen_tutorials_still_fit(qtbot: QtBot, tmp_path: Path) -> None:
    _, shipped = shipped_content(tmp_path)
    catalogue = grown_catalogue(shipped)
    assert len(catalogue.categories) == len(GROWN_CATEGORIES) == 6
    _check_every_combination(qtbot, tmp_path, catalogue)


@pytest.mark.parametrize("text_size", [TextSize.NORMAL, TextSize.EXTRA_LARGE])
def test_tabs_squeeze_only_as_far_as_they_must(qtbot: QtBot, tmp_path: Path, text_size: TextSize) -> None:
    """Two topics keep their full look; six at the largest text on 1366×768 get closer and smaller."""
    _, shipped = shipped_content(tmp_path)
    kiosk = open_kiosk(qtbot, tmp_path / "grown", catalogue=grown_catalogue(shipped))
    window = kiosk.window
    window.session.set_text_size(text_size)
    window.show_screen(Screen.CATALOGUE)
    for _ in range(3):
        settle()
    column = window.catalogue_screen.findChild(CategoryColumn)
    assert column is not None
    if text_size is TextSize.EXTRA_LARGE:
        assert column.squeeze_step >= 2
    # Each step is undone when the room comes back: a tall screen shows the tabs unsqueezed.
    window.resize(1920, 2160)
    for _ in range(3):
        settle()
    assert column.squeeze_step == 0


@pytest.mark.parametrize("size", WINDOW_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_how_a_print_ended_shows_whole_without_scrolling(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Printed, or why not with the QR code: the words, the tutorial's title and OK, all in sight."""
    _, catalogue = shipped_content(tmp_path)
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=catalogue)
    window = kiosk.window
    window.resize(*size)
    screen = window.catalogue_screen
    tutorial = catalogue.tutorials[0]
    outcomes = [(PrintPhase.DONE, None)] + [(PrintPhase.FAILED, problem) for problem in PrinterProblem]
    for lang in ("vi", "en"):
        for text_size in TextSize:
            window.return_to_start()
            window.session.choose_language(lang)
            window.session.set_text_size(text_size)
            window.show_screen(Screen.CATALOGUE)
            screen.select_category(tutorial.category)
            for phase, problem in outcomes:
                screen.show_print_state(PrintState(phase, tutorial.id, FROM_CATALOGUE, problem))
                settle()
                settle()
                where = (lang, text_size, problem)
                assert screen.print_panel.isVisible(), where
                assert _scroll_bars(screen.print_panel) == [], where
                assert clipped_labels(screen.print_panel) == [], where
