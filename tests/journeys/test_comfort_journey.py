"""Large text and high contrast: one tap away on every screen, for this visit only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from kiosk.visit.session import TextSize
from tests.helpers.qt import Kiosk, open_kiosk, settle
from ui.look import theme
from ui.shell.window import Screen
from ui.tools.screenshots import scenes


def _choose_big_and_dark(kiosk: Kiosk) -> None:
    window = kiosk.window
    kiosk.tap(window.top_bar.comfort_button)
    panel = window.comfort_panel
    assert panel.isVisible()
    kiosk.tap(panel.size_buttons[TextSize.EXTRA_LARGE])
    kiosk.tap(panel.high_contrast_button)
    assert panel.size_buttons[TextSize.EXTRA_LARGE].isChecked()
    assert panel.high_contrast_button.isChecked()
    kiosk.tap(panel.done_button)
    assert not panel.isVisible()


def _body_pixel_size(kiosk: Kiosk) -> int:
    return kiosk.window.start_screen.intro_label.font().pixelSize()


def test_the_comfort_button_is_on_every_screen(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    for name, set_up in scenes(window, window._catalogue):
        if name in {"08-idle", "09-comfort"}:
            continue
        window.return_to_start()
        set_up()
        settle()
        assert window.top_bar.comfort_button.isVisible(), name


def test_bigger_text_and_high_contrast_apply_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    normal = _body_pixel_size(kiosk)
    _choose_big_and_dark(kiosk)
    assert _body_pixel_size(kiosk) == round(normal * 1.6)
    text_colour = kiosk.window.start_screen.intro_label.palette().color(QPalette.ColorRole.WindowText)
    assert text_colour.name().upper() == theme.HIGH_CONTRAST.text
    assert kiosk.window.look.palette is theme.HIGH_CONTRAST


def test_home_ends_the_visit_and_resets_comfort(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    normal = _body_pixel_size(kiosk)
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["en"])
    _choose_big_and_dark(kiosk)
    kiosk.tap(window.catalogue_screen.tiles["vneid-install"])
    kiosk.tap(window.player_screen.next_button)
    # The choice carries through the visit...
    assert window.session.text_size is TextSize.EXTRA_LARGE
    assert window.player_screen.title_label.font().pixelSize() == round(theme.FONT_TITLE * 1.6)
    kiosk.tap(window.top_bar.home_button)
    # ...and ends with it.
    assert kiosk.screen() is Screen.START
    assert window.session.is_pristine
    assert window.look.palette is theme.DEFAULT
    assert _body_pixel_size(kiosk) == normal
    assert window.start_screen.start_button.text() == "Bắt đầu"


def test_the_idle_reset_also_resets_comfort(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    _choose_big_and_dark(kiosk)
    kiosk.wait_idle(window.idle_watcher.timeout_s)
    assert window.idle_overlay.isVisible()
    kiosk.wait_idle(window.idle_watcher.answer_s)
    assert window.session.is_pristine
    assert window.look.palette is theme.DEFAULT
    assert window.look.scale == 1.0
