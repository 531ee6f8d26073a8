"""A visitor walks away: "Are you still there?", then a reset; or they answer and go on."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.system.settings import Settings
from tests.helpers.qt import Kiosk, open_kiosk
from ui.shell.window import Screen

TIMEOUT_S = 60
ANSWER_S = 25


def _in_a_tutorial(qtbot: QtBot, tmp_path: Path) -> Kiosk:
    kiosk = open_kiosk(qtbot, tmp_path, settings=Settings(idle_timeout_s=TIMEOUT_S, idle_answer_s=ANSWER_S))
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["vi"])
    kiosk.tap(window.catalogue_screen.tiles["vneid-install"])
    kiosk.tap(window.player_screen.next_button)
    return kiosk


def test_warning_appears_after_the_timeout_with_a_countdown(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = _in_a_tutorial(qtbot, tmp_path)
    overlay = kiosk.window.idle_overlay
    kiosk.wait_idle(TIMEOUT_S - 1)
    assert not overlay.isVisible()
    kiosk.wait_idle(1)
    assert overlay.isVisible()
    assert overlay.geometry() == kiosk.window.rect()
    assert overlay.question_label.text() == "Bạn vẫn đang ở đây chứ?"
    assert overlay.dial.seconds == ANSWER_S
    assert str(ANSWER_S) in overlay.countdown_label.text()
    assert overlay.continue_button.text() == "Tiếp tục"
    kiosk.wait_idle(5)
    assert overlay.dial.seconds == ANSWER_S - 5
    assert overlay.countdown_label.text().startswith(f"Sau {ANSWER_S - 5} giây")


def test_no_answer_resets_the_visit(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = _in_a_tutorial(qtbot, tmp_path)
    window = kiosk.window
    kiosk.wait_idle(TIMEOUT_S)
    kiosk.wait_idle(ANSWER_S - 1)
    assert kiosk.screen() is Screen.PLAYER
    kiosk.wait_idle(1)
    assert kiosk.screen() is Screen.START
    assert not window.idle_overlay.isVisible()
    assert window.session.is_pristine


def test_continue_keeps_the_visit(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = _in_a_tutorial(qtbot, tmp_path)
    window = kiosk.window
    kiosk.wait_idle(TIMEOUT_S)
    kiosk.wait_idle(ANSWER_S - 2)
    kiosk.tap(window.idle_overlay.continue_button, after_s=0)
    assert not window.idle_overlay.isVisible()
    assert kiosk.screen() is Screen.PLAYER
    assert (window.session.tutorial_id, window.session.step_index) == ("vneid-install", 1)
    # The wait starts again from the answer.
    kiosk.wait_idle(TIMEOUT_S - 1)
    assert not window.idle_overlay.isVisible()
    kiosk.wait_idle(1)
    assert window.idle_overlay.isVisible()


def test_taps_count_as_presence(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = _in_a_tutorial(qtbot, tmp_path)
    window = kiosk.window
    kiosk.wait_idle(TIMEOUT_S - 5)
    kiosk.tap(window.player_screen.repeat_button)
    kiosk.wait_idle(TIMEOUT_S - 5)
    assert not window.idle_overlay.isVisible()


def test_an_untouched_start_screen_never_asks(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.wait_idle(10 * TIMEOUT_S)
    assert not kiosk.window.idle_overlay.isVisible()
