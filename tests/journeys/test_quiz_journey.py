"""The scam drill: "Safe" or "Scam"?, answered right and wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.qt import Kiosk, open_kiosk


def _open_drill(kiosk: Kiosk, lang: str) -> None:
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles[lang])
    kiosk.tap(window.catalogue_screen.tabs["safety"])
    kiosk.tap(window.catalogue_screen.tiles["scam-drill"])


def test_answered_right_then_wrong_in_vietnamese(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    _open_drill(kiosk, "vi")
    quiz = kiosk.window.player_screen.quiz
    assert quiz.isVisible()
    assert quiz.question_label.text() == "Theo bạn, tình huống này an toàn hay lừa đảo?"
    assert (quiz.safe_button.text(), quiz.scam_button.text()) == ("An toàn", "Lừa đảo")
    assert not quiz.verdict_frame.isVisible()

    # The police asking for an OTP: a scam, and the visitor says so.
    kiosk.tap(quiz.scam_button)
    assert quiz.verdict_label.text() == "Đúng rồi!"
    assert quiz.answer_label.text() == "Đây là lừa đảo."
    assert quiz.why_label.text() == "Công an không bao giờ hỏi mã OTP qua điện thoại."
    assert quiz.why_label.isVisible()
    assert not quiz.safe_button.isVisible()

    kiosk.tap(kiosk.window.player_screen.next_button)
    assert kiosk.window.top_bar.title_label.text() == "Bước 2 / 3"
    assert not quiz.verdict_frame.isVisible()
    # A plain balance message: safe, but the visitor says scam.
    kiosk.tap(quiz.scam_button)
    assert quiz.verdict_label.text() == "Chưa đúng."
    assert quiz.answer_label.text() == "Đây là tình huống an toàn."
    assert quiz.verdict_frame.property("role") == "wrong"

    # Repeat asks again; this time the visitor gets it right.
    kiosk.tap(kiosk.window.player_screen.repeat_button)
    assert not quiz.verdict_frame.isVisible()
    kiosk.tap(quiz.safe_button)
    assert quiz.verdict_label.text() == "Đúng rồi!"
    assert quiz.verdict_frame.property("role") == "right"


@pytest.mark.parametrize(("answer", "verdict"), [("scam", "That's right!"), ("safe", "Not quite.")])
def test_answered_in_english(qtbot: QtBot, tmp_path: Path, answer: str, verdict: str) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    _open_drill(kiosk, "en")
    quiz = kiosk.window.player_screen.quiz
    assert quiz.question_label.text() == "Is this situation safe, or is it a scam?"
    kiosk.tap(quiz.scam_button if answer == "scam" else quiz.safe_button)
    assert quiz.verdict_label.text() == verdict
    assert quiz.answer_label.text() == "This is a scam."
    assert quiz.why_label.text() == "The police never ask for an OTP code over the phone."


def test_instruction_steps_show_no_quiz(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.window.open_tutorial("scam-drill", 2)
    assert not kiosk.window.player_screen.quiz.isVisible()
