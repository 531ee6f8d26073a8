"""No words are cut off, on any screen, in any language, even at extra-large text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractScrollArea
from pytestqt.qtbot import QtBot

from kiosk.visit.session import TextSize
from tests.helpers.qt import clipped_labels, open_kiosk, settle, shown
from ui.tools.screenshots import scenes


@pytest.mark.parametrize("high_contrast", [False, True])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", list(TextSize))
def test_no_label_is_clipped(
    qtbot: QtBot, tmp_path: Path, lang: str, size: TextSize, high_contrast: bool
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    for name, set_up in scenes(window, window._catalogue):
        window.return_to_start()
        window.session.choose_language(lang)
        window.session.set_text_size(size)
        window.session.set_high_contrast(high_contrast)
        set_up()
        settle()
        assert clipped_labels(window) == [], name


def test_at_normal_size_the_main_screens_need_no_scrolling(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    for name, set_up in scenes(window, window._catalogue):
        window.return_to_start()
        set_up()
        settle()
        scrolling = [
            area
            for area in shown(window)
            if isinstance(area, QAbstractScrollArea) and area.verticalScrollBar().isVisible()
        ]
        assert scrolling == [], name


def test_the_check_finds_a_clipped_label(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

    from ui.widgets.common import label

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    # A top-level layout would resize the window, which the offscreen platform warns about.
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    words = label("Một câu rất dài sẽ không vừa trong một ô nhỏ như thế này đâu. " * 4)
    words.setFixedHeight(20)
    layout.addWidget(words)
    window.resize(300, 200)
    window.show()
    qtbot.waitExposed(window)
    assert len(clipped_labels(window)) == 1
