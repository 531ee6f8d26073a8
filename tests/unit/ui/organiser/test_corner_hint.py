"""The hidden corner is told, small, where an organiser looks: the help page (not read aloud), installer."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.organiser import host_window
from tests.helpers.qt import ui_text
from ui.organiser.look import LONG_PRESS_S
from ui.overlays.help import HelpOverlay

ROOT = Path(__file__).resolve().parents[4]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("vi", "Người tổ chức: giữ góc trên bên trái màn hình 3 giây"),
        ("en", "Organiser: hold the top-left corner of the screen for 3 seconds"),
    ],
)
def test_the_help_page_prints_the_corner_small_and_does_not_say_it(
    qtbot: QtBot, lang: str, words: str
) -> None:
    window = host_window(qtbot)
    overlay = HelpOverlay(ui_text(), window)
    with qtbot.waitSignal(overlay.help_shown) as shown:
        overlay.show_help(lang, None, "help.screen.start")
    assert overlay.organiser_hint.text().startswith(words)
    assert overlay.organiser_hint.isVisible()
    assert overlay.organiser_hint.property("role") == "muted"
    # Read aloud is only what the visitor needs: the hint is for the organiser's eyes.
    assert words not in shown.args[0]


def test_the_installer_tells_the_corner() -> None:
    script = (ROOT / "packaging" / "linux" / "install.sh").read_text(encoding="utf-8")
    assert "hold the top-left corner of the screen for 3 seconds (or press Ctrl+Alt+O)" in script
    # The words follow the real hold time.
    assert LONG_PRESS_S == 3
