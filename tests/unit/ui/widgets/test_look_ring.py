"""The "look here" ring (an ID card, an amount: nothing to tap) never looks like the "tap here" ring."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from tests.helpers.catalogue import make_catalogue
from tests.helpers.qt import pixels_like, show_alone
from ui.look import theme
from ui.widgets.step_picture import LOOK_COLOUR, StepPicture


def _ring_band(qtbot: QtBot, tmp_path: Path, look: bool) -> tuple[int, int, int]:
    """Orange, look-blue and halo-white pixels on the ring's top edge band."""
    step = make_catalogue(tmp_path).tutorials[0].steps[0]
    picture = StepPicture()
    show_alone(qtbot, picture, 400, 600)
    picture.set_palette(theme.DEFAULT)
    picture.set_step(step.image, step.highlight, "")
    picture.set_look(look)
    ring = picture.ring_rect()
    assert ring is not None
    image = picture.grab().toImage()
    half = round(theme.RING_WIDTH / 2)
    band = QRect(round(ring.left()) + 20, round(ring.top()) - half, round(ring.width()) - 40, 2 * half)
    top = image.copy(band)
    return pixels_like(top, theme.DEFAULT.ring), pixels_like(top, LOOK_COLOUR), pixels_like(top, "#FFFFFF")


def test_the_tap_ring_is_solid_orange(qtbot: QtBot, tmp_path: Path) -> None:
    orange, blue, _ = _ring_band(qtbot, tmp_path, look=False)
    assert orange > 50 and blue == 0


def test_the_look_ring_is_dashed_blue_with_no_orange(qtbot: QtBot, tmp_path: Path) -> None:
    orange, blue, white = _ring_band(qtbot, tmp_path, look=True)
    assert orange == 0 and blue > 20
    # Dashed: the halo shows between the dashes, along the same line.
    assert white > 10
