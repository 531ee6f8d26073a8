"""A tap on the step's phone picture shows it as tall as the window, ring and all; a second tap,
Close, Back or Escape goes back to the step as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.visit.session import TextSize
from tests.helpers.qt import Kiosk, open_kiosk, settle
from ui.shell.window import Screen


def _on_first_step(qtbot: QtBot, tmp_path: Path) -> Kiosk:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    tutorial = window._catalogue.tutorials[0]
    window.open_tutorial(tutorial.id, 0)
    for _ in range(4):
        settle()
    assert kiosk.screen() is Screen.PLAYER
    return kiosk


def test_a_tap_enlarges_the_picture_to_the_windows_height_and_a_second_tap_closes_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    kiosk = _on_first_step(qtbot, tmp_path)
    window = kiosk.window
    player = window.player_screen
    small = player.picture.phone_rect().height()
    kiosk.tap(player.picture)
    zoom = player.zoom
    assert zoom is not None and zoom.isVisible()
    # As tall as the window: the whole phone, so its ringed part is in sight.
    assert zoom.picture.height() == window.height()
    large = zoom.picture.phone_rect().height()
    assert large > small * 1.1, (small, large)
    ring = zoom.picture.ring_rect()
    assert ring is not None and zoom.picture.rect().toRectF().contains(ring)
    # Its words say what it is and how to go back, in the visitor's language.
    assert zoom.close_button.text() == kiosk.text("player.picture_close")
    kiosk.tap(zoom.picture)
    assert not zoom.isVisible()
    assert kiosk.screen() is Screen.PLAYER and window.session.step_index == 0


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_PageUp])
def test_escape_or_back_closes_the_enlarged_picture(qtbot: QtBot, tmp_path: Path, key: Qt.Key) -> None:
    kiosk = _on_first_step(qtbot, tmp_path)
    window = kiosk.window
    player = window.player_screen
    kiosk.tap(player.picture)
    assert player.zoom is not None and player.zoom.isVisible()
    kiosk.clock.advance(1.0)
    QTest.keyClick(window, key)
    settle()
    assert not player.zoom.isVisible()
    # Back closed the picture only: the step is still the first one.
    assert kiosk.screen() is Screen.PLAYER and window.session.step_index == 0


def test_the_close_button_closes_it(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = _on_first_step(qtbot, tmp_path)
    player = kiosk.window.player_screen
    kiosk.tap(player.picture)
    assert player.zoom is not None
    kiosk.tap(player.zoom.close_button)
    assert not player.zoom.isVisible()


def test_the_picture_is_a_named_control_the_keys_reach(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = _on_first_step(qtbot, tmp_path)
    window = kiosk.window
    player = window.player_screen
    picture = player.picture
    assert picture.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert picture.accessibleName() == kiosk.text("player.picture_name")
    window.session.choose_language("en")
    settle()
    assert picture.accessibleName() == kiosk.text("player.picture_name", "en")
    assert picture.accessibleName() != kiosk.text("player.picture_name", "vi")
    # Enter on the focused picture opens it, as a tap does.
    window.keys.focus(picture)
    kiosk.clock.advance(1.0)
    QTest.keyClick(window, Qt.Key.Key_Return)
    settle()
    assert player.zoom is not None and player.zoom.isVisible()


def test_the_picture_grows_with_the_text_size_never_under_the_words(qtbot: QtBot, tmp_path: Path) -> None:
    """At a larger text size the picture keeps the whole height while the words fit beside it."""
    kiosk = _on_first_step(qtbot, tmp_path)
    window = kiosk.window
    player = window.player_screen
    window.session.set_text_size(TextSize.EXTRA_LARGE)
    for _ in range(4):
        settle()
    assert player.picture.height() == player.height()
    assert (
        player.picture.geometry().right()
        < player.text_label.mapTo(player, player.text_label.rect().topLeft()).x()
    )


def test_the_enlarged_picture_rings_the_same_way_as_the_step(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = _on_first_step(qtbot, tmp_path)
    player = kiosk.window.player_screen
    kiosk.tap(player.picture)
    assert player.zoom is not None
    small = [pen.color().name() for pen, _path in player.picture.ring_strokes()]
    large = [pen.color().name() for pen, _path in player.zoom.picture.ring_strokes()]
    assert small and small == large
