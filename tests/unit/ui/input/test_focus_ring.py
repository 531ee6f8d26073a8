"""The keys' focus ring never looks like the step's "tap here" ring, in colour or in shape.

Read from what each ring draws (its pens and paths), then seen on the real window: a step of a
lesson with the focus on Next, in both themes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainterPath
from pytestqt.qtbot import QtBot

from tests.helpers.qt import open_kiosk, pixels_like, settle
from ui.look import theme


def curves(path: QPainterPath) -> int:
    return sum(
        1
        for index in range(path.elementCount())
        if path.elementAt(index).type == QPainterPath.ElementType.CurveToElement
    )


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_focus_ring_and_the_tap_here_ring_differ_in_shape_and_colour(
    qtbot: QtBot, tmp_path: Path, high_contrast: bool
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    qtbot.waitUntil(lambda: kiosk.window.first_paint_done)
    window = kiosk.window
    window.session.set_high_contrast(high_contrast)
    window.open_tutorial("vneid-install")
    settle()
    palette = window.look.palette
    player = window.player_screen
    assert window.focusWidget() is player.next_button
    focus_ring = window.keys.rings.ring_of(player.next_button)
    assert focus_ring.isVisible()

    focus = focus_ring.strokes()
    tap = player.picture.ring_strokes()
    assert tap, "the step rings a part of the phone"
    # The focus ring: a double outline (focus colour, halo, focus colour), square-cornered.
    assert [pen.color().name() for pen, _ in focus] == [
        QColor(palette.focus).name(),
        QColor(palette.ring_halo).name(),
        QColor(palette.focus).name(),
    ]
    assert all(curves(path) == 0 and path.elementCount() == 5 for _, path in focus)
    assert all(pen.joinStyle() == Qt.PenJoinStyle.MiterJoin for pen, _ in focus)
    # The tap-here ring: one rounded line of the ring colour on its halo.
    assert [pen.color().name() for pen, _ in tap][-1] == QColor(palette.ring).name()
    assert all(curves(path) >= 4 for _, path in tap)
    # Never the same colour, and far apart (not two oranges).
    assert QColor(palette.focus).name() != QColor(palette.ring).name()
    ring, mark = QColor(palette.ring), QColor(palette.focus)
    assert abs(ring.hue() - mark.hue()) >= 90

    # Seen: the focus colour around Next, the ring colour on the picture, and no focus colour there.
    next_image = player.next_button.grab().toImage()
    assert pixels_like(next_image, palette.focus) > 0
    picture_image = player.picture.grab().toImage()
    assert pixels_like(picture_image, palette.ring) > 0
    assert pixels_like(picture_image, palette.focus) == 0
    assert theme.FOCUS_RING_WIDTH == 2 * theme.FOCUS_RING_LINE + theme.FOCUS_RING_HALO
