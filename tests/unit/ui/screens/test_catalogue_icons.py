"""A category icon comes from a content pack: it is drawn off the GUI thread, within the budget."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk.content.model import Category
from tests.helpers.pictures import slow_svg
from ui.screens.catalogue import CategoryIcon


def test_an_icon_slow_to_draw_leaves_a_blank_tile_until_it_is_ready(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    icon = CategoryIcon(Category(id="slow", icon=slow_svg(tmp_path / "slow.svg"), titles={"vi": "Chậm"}))
    qtbot.addWidget(icon)
    icon.resize(200, 200)
    icon.images.budget_s = 0.2
    with caplog.at_level(logging.WARNING, logger="ui.widgets.picture_images"):
        started = time.monotonic()
        blank = icon.grab().toImage()
        waited = time.monotonic() - started
    assert waited < icon.images.budget_s + 0.5, f"the GUI thread waited {waited:.2f} s"
    assert "Category icon" in caplog.text and "slow.svg takes more than 0.2 s to draw" in caplog.text
    middle = icon.rect().center()
    assert blank.pixelColor(middle) == QColor("#FFFFFF")
    with qtbot.waitSignal(icon.images.ready, timeout=120_000):
        pass
    assert icon.grab().toImage().pixelColor(middle) != QColor("#FFFFFF")


def test_a_shipped_icon_is_drawn_at_once(qtbot: QtBot) -> None:
    root = Path(__file__).resolve().parents[4]
    shipped = sorted((root / "content" / "packs" / "core").rglob("*.svg"))
    icons = [path for path in shipped if "icon" in path.as_posix()]
    assert icons, "the core pack ships category icons"
    icon = CategoryIcon(Category(id="shipped", icon=icons[0], titles={"vi": "Có sẵn"}))
    qtbot.addWidget(icon)
    icon.resize(200, 200)
    image = icon.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, 200, 5) for y in range(0, 200, 5)}
    assert len(colours) > 2, "the icon is drawn, not only its white tile"
