"""Help says "tap the ringed button" or "look at the ringed part" by the step's ring; the finish
screen claims only what the tutorial's check level says; a tutorial without QR shows no code."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.content.model import Check, CheckLevel, RingKind
from tests.helpers.catalogue import make_catalogue
from tests.helpers.qt import ui_text
from ui.overlays.help import help_lines
from ui.screens.finish import FinishScreen
from ui.screens.player import PlayerScreen
from ui.widgets.focus_order import HELP_KEY


def test_help_names_the_kind_of_ring_of_the_step_shown(qtbot: QtBot, tmp_path: Path) -> None:
    text = ui_text()
    tutorial = make_catalogue(tmp_path).tutorials[0]
    tap = tutorial.steps[0]
    look = dataclasses.replace(tap, ring=RingKind.LOOK)
    plain = dataclasses.replace(tap, highlight="")
    player = PlayerScreen(text)
    qtbot.addWidget(player)
    said = {}
    for name, step in (("tap", tap), ("look", look), ("plain", plain)):
        shown = dataclasses.replace(tutorial, steps=(step, *tutorial.steps[1:]))
        player.show_step(shown, 0, "vi")
        key = player.property(HELP_KEY)
        said[name] = help_lines(text, "vi", None, key)[0]
    assert said["tap"] == text.get("vi", "help.screen.player")
    assert "màu cam" in said["tap"] and "bấm" in said["tap"]
    assert said["look"] == text.get("vi", "help.screen.player_look")
    assert "nhìn" in said["look"] and "không phải nút để bấm" in said["look"]
    assert "khoanh" not in said["plain"]
    assert len(set(said.values())) == 3


def test_the_finish_screen_claims_what_the_check_level_says(qtbot: QtBot, tmp_path: Path) -> None:
    text = ui_text()
    tutorial = make_catalogue(tmp_path).tutorials[0]
    finish = FinishScreen(text)
    qtbot.addWidget(finish)
    desk = dataclasses.replace(tutorial, check=Check(CheckLevel.DESK, date(2026, 11, 20)))
    finish.show_tutorial(desk, "en")
    assert finish.checked_label.text().startswith("Written from official guides of ")
    assert "20" in finish.checked_label.text()
    phone = Check(CheckLevel.PHONE, date(2026, 12, 8), app="VNeID", app_version="2.1.9")
    finish.show_tutorial(dataclasses.replace(tutorial, check=phone), "vi")
    assert finish.checked_label.text().startswith("Đã làm thử trên điện thoại với VNeID 2.1.9 ngày ")
    for words in ("real service", "dịch vụ thật"):
        assert words not in finish.checked_label.text()


def test_a_tutorial_without_a_qr_code_shows_no_code(qtbot: QtBot, tmp_path: Path) -> None:
    text = ui_text()
    tutorial = make_catalogue(tmp_path).tutorials[0]
    finish = FinishScreen(text)
    qtbot.addWidget(finish)
    finish.show_tutorial(dataclasses.replace(tutorial, qr_url=""), "vi")
    assert finish.qr_view.isHidden() and finish.url_label.isHidden() and finish.qr_hint_label.isHidden()
    finish.show_tutorial(tutorial, "vi")
    assert not finish.qr_view.isHidden()
