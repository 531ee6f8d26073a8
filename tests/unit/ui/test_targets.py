"""Every control a visitor can touch is at least 12 mm and 64 px, at every text size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QScrollBar
from pytestqt.qtbot import QtBot

from kiosk.visit.session import TextSize
from tests.helpers.qt import open_kiosk, settle, shown
from ui.look import theme
from ui.tools.screenshots import scenes


@pytest.mark.parametrize("dpi", [None, 220.0])
@pytest.mark.parametrize("size", list(TextSize))
def test_every_control_on_every_screen_is_big_enough(
    qtbot: QtBot, tmp_path: Path, size: TextSize, dpi: float | None
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, physical_dpi=dpi)
    window = kiosk.window
    actual_dpi = dpi if dpi is not None else window.screen().physicalDotsPerInch()
    floor = theme.min_target_px(actual_dpi)
    catalogue = window._catalogue
    checked = 0
    for name, set_up in scenes(window, catalogue):
        window.return_to_start()
        window.session.set_text_size(size)
        set_up()
        settle()
        for control in shown(window):
            if not isinstance(control, QAbstractButton | QScrollBar):
                continue
            label = f"{name}: {type(control).__name__} {getattr(control, 'text', lambda: '')()!r}"
            if isinstance(control, QScrollBar):
                # A scroll bar is touched across its width; its length follows the content.
                assert control.width() >= floor, label
                continue
            assert control.width() >= floor and control.height() >= floor, (
                f"{label} is {control.width()}×{control.height()} px, needs {floor}"
            )
            smallest_mm = min(control.width(), control.height()) * theme.MM_PER_INCH / actual_dpi
            assert smallest_mm >= theme.MIN_TARGET_MM, label
            checked += 1
    assert checked > 30
