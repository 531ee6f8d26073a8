"""A visitor walks away: "Are you still there?", then a reset; or they answer and go on."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.system.settings import Settings
from tests.helpers.audio import require_espeak
from tests.helpers.qt import Kiosk, open_kiosk, settle
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
    kiosk.tap(window.player_screen.next_button)
    kiosk.wait_idle(TIMEOUT_S - 5)
    assert not window.idle_overlay.isVisible()


def test_an_untouched_start_screen_never_asks(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.wait_idle(10 * TIMEOUT_S)
    assert not kiosk.window.idle_overlay.isVisible()


# -- "I am trying on my phone" ---------------------------------------------------------------
PHONE_S = 300


def _asked(qtbot: QtBot, tmp_path: Path, lang: str = "vi") -> Kiosk:
    """In a tutorial, with "Are you still there?" on screen."""
    settings = Settings(idle_timeout_s=TIMEOUT_S, idle_answer_s=ANSWER_S, phone_pause_s=PHONE_S)
    kiosk = open_kiosk(qtbot, tmp_path, settings=settings)
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles[lang])
    kiosk.tap(window.catalogue_screen.tiles["vneid-install"])
    kiosk.tap(window.player_screen.next_button)
    kiosk.wait_idle(TIMEOUT_S)
    assert window.idle_overlay.isVisible()
    return kiosk


def test_the_phone_pause_lasts_its_setting_with_a_clock_then_asks_again(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = _asked(qtbot, tmp_path)
    window = kiosk.window
    question, pause = window.idle_overlay, window.idle_overlay.phone_pause
    assert question.phone_button.text() == "Tôi đang thử trên điện thoại của mình"
    kiosk.wait_idle(ANSWER_S - 3)
    kiosk.tap(question.phone_button, after_s=0)
    assert pause.isVisible() and not question.isVisible()
    assert pause.geometry() == window.rect()
    assert pause.clock_label.text() == "Còn 5:00"
    # Large: more than a tenth of the window's height (the theme alone gives 72 px).
    assert pause.clock_label.font().pixelSize() > window.height() // 10
    assert pause.held_label.text() == "Máy giữ nguyên bài học của bạn trong 5 phút."
    assert pause.touch_label.text().startswith("Chạm vào bất cứ đâu để học tiếp")
    kiosk.wait_idle(28)
    assert pause.clock_label.text() == "Còn 4:32"
    # Far past the question's own countdown, and no reset.
    kiosk.wait_idle(PHONE_S - 28 - 1)
    assert pause.isVisible()
    assert pause.clock_label.text() == "Còn 0:01"
    assert kiosk.screen() is Screen.PLAYER
    # Time is up: the question again, with its full countdown; never a silent reset.
    kiosk.wait_idle(1)
    assert question.isVisible() and not pause.isVisible()
    assert question.dial.seconds == ANSWER_S
    assert kiosk.screen() is Screen.PLAYER
    kiosk.wait_idle(ANSWER_S)
    assert kiosk.screen() is Screen.START
    assert not question.isVisible() and not pause.isVisible()
    assert window.session.is_pristine


def test_a_touch_anywhere_ends_the_phone_pause_and_the_visit_goes_on(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = _asked(qtbot, tmp_path)
    window = kiosk.window
    pause = window.idle_overlay.phone_pause
    kiosk.tap(window.idle_overlay.phone_button)
    kiosk.wait_idle(100)
    # A touch on the words, not on a button.
    kiosk.tap(pause.title_label)
    assert not pause.isVisible() and not window.idle_overlay.isVisible()
    assert kiosk.screen() is Screen.PLAYER
    assert (window.session.tutorial_id, window.session.step_index) == ("vneid-install", 1)
    # The wait starts again from the touch.
    kiosk.wait_idle(TIMEOUT_S - 1)
    assert not window.idle_overlay.isVisible()
    kiosk.wait_idle(1)
    assert window.idle_overlay.isVisible()


def test_a_doubled_tap_on_the_phone_button_does_not_end_the_pause(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = _asked(qtbot, tmp_path)
    pause = kiosk.window.idle_overlay.phone_pause
    kiosk.tap(kiosk.window.idle_overlay.phone_button)
    # The same shaky finger lands again, now on the clock.
    kiosk.tap(pause.clock_label, after_s=0.1)
    assert pause.isVisible()
    kiosk.tap(pause.continue_button)
    assert not pause.isVisible()
    assert kiosk.screen() is Screen.PLAYER


def test_any_key_ends_the_phone_pause(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = _asked(qtbot, tmp_path, lang="en")
    window = kiosk.window
    pause = window.idle_overlay.phone_pause
    kiosk.tap(window.idle_overlay.phone_button)
    assert pause.clock_label.text() == "5:00 left"
    kiosk.clock.advance(5)
    QTest.keyClick(window, Qt.Key.Key_Down)
    settle()
    assert not pause.isVisible() and not window.idle_overlay.isVisible()
    assert kiosk.screen() is Screen.PLAYER


ASKED_VI = (
    f"Bạn vẫn đang ở đây chứ? Sau {ANSWER_S} giây, máy sẽ trở về màn hình đầu và xóa các lựa chọn của bạn. "
    "Bấm “Tiếp tục” để học tiếp, hoặc “Tôi đang thử trên điện thoại của mình” nếu bạn cần thêm thời gian."
)


def test_with_reading_aloud_on_the_question_and_the_phone_pause_are_said(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_espeak()
    kiosk = open_kiosk(qtbot, tmp_path, settings=Settings(idle_timeout_s=TIMEOUT_S, idle_answer_s=ANSWER_S))
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["vi"])
    kiosk.tap(window.catalogue_screen.tiles["vneid-install"])
    kiosk.tap(window.top_bar.narration_button)
    control = window.narration
    assert control is not None and control.active
    said: list[str] = []
    monkeypatch.setattr(control.narrator, "speak_text", lambda text, lang, voice_item="": said.append(text))
    kiosk.wait_idle(TIMEOUT_S)
    question = window.idle_overlay
    assert said == [ASKED_VI]
    said.clear()
    kiosk.tap(question.phone_button)
    assert said == [
        "Bạn cứ thử trên điện thoại. Máy giữ nguyên bài học của bạn trong 5 phút. "
        "Chạm vào bất cứ đâu để học tiếp. Hết giờ, máy sẽ hỏi bạn còn ở đây không."
    ]
    said.clear()
    kiosk.wait_idle(PHONE_S)
    assert question.isVisible()
    assert said == [ASKED_VI]
