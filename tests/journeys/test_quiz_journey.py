"""The scam drill: "Safe" or "Scam"?, answered right and wrong, and the score at the end.

Next waits for an answer (it asks gently), Repeat and "*" keep the answer, and the finish
screen says "1/2" and lists the question to look at again, a tap away.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content.model import QuizAnswer
from tests.helpers.qt import Kiosk, open_kiosk, settle
from ui.screens.kind import Screen


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

    # Back to the first question: the answer given is still there, not asked again.
    kiosk.tap(kiosk.window.player_screen.back_button)
    assert quiz.verdict_frame.isVisible() and quiz.verdict_label.text() == "Đúng rồi!"
    assert not quiz.safe_button.isVisible()


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


def _next(kiosk: Kiosk) -> None:
    kiosk.tap(kiosk.window.player_screen.next_button)


def test_next_asks_for_an_answer_gently(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    _open_drill(kiosk, "vi")
    player = kiosk.window.player_screen
    quiz = player.quiz
    assert not quiz.ask_frame.isVisible()
    _next(kiosk)
    # Still the first question; a calm line (the note's colours, not the wrong answer's red).
    assert kiosk.window.top_bar.title_label.text() == "Bước 1 / 3"
    assert quiz.ask_frame.isVisible()
    assert quiz.ask_label.text() == "Bạn hãy chọn một câu trả lời trước: An toàn hay Lừa đảo. Không cần vội."
    assert quiz.ask_frame.property("role") == "note"
    assert quiz.safe_button.isVisible() and quiz.scam_button.isVisible()
    # Pressing Next again and again skips nothing.
    for _ in range(3):
        _next(kiosk)
    assert kiosk.window.session.step_index == 0
    kiosk.tap(quiz.scam_button)
    assert not quiz.ask_frame.isVisible()
    _next(kiosk)
    assert kiosk.window.top_bar.title_label.text() == "Bước 2 / 3"
    assert not quiz.ask_frame.isVisible()


def test_next_asks_in_english(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    _open_drill(kiosk, "en")
    _next(kiosk)
    quiz = kiosk.window.player_screen.quiz
    assert quiz.ask_label.text() == "Please choose an answer first: Safe or Scam. Take your time."
    assert quiz.ask_frame.isVisible()


def test_repeat_keeps_the_answer(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    _open_drill(kiosk, "vi")
    window = kiosk.window
    quiz = window.player_screen.quiz
    kiosk.tap(quiz.safe_button)  # wrong: the police asking for an OTP is a scam
    assert quiz.verdict_label.text() == "Chưa đúng."
    # "*" on the number pad or the keyboard.
    for modifiers in (Qt.KeyboardModifier.KeypadModifier, Qt.KeyboardModifier.NoModifier):
        kiosk.clock.advance(1.0)
        QTest.keyClick(window, Qt.Key.Key_Asterisk, modifiers)
        settle()
        assert quiz.is_answered and quiz.chosen is QuizAnswer.SAFE
        assert quiz.verdict_frame.isVisible() and quiz.verdict_label.text() == "Chưa đúng."
        assert not quiz.safe_button.isVisible()
    # The Repeat button (shown with reading aloud on).
    window.session.set_narration(True)
    kiosk.tap(window.player_screen.repeat_button)
    assert quiz.verdict_label.text() == "Chưa đúng." and not quiz.scam_button.isVisible()
    # With reading aloud on, "*" presses Repeat: the step is shown afresh, the answer stays.
    window.player_screen.words_area.verticalScrollBar().setValue(1)
    kiosk.clock.advance(1.0)
    QTest.keyClick(window, Qt.Key.Key_Asterisk, Qt.KeyboardModifier.KeypadModifier)
    settle()
    assert quiz.chosen is QuizAnswer.SAFE and quiz.verdict_label.text() == "Chưa đúng."
    # A change of language keeps it too.
    window.session.choose_language("en")
    assert quiz.verdict_label.text() == "Not quite."


def _answer_drill(kiosk: Kiosk, first: str, second: str) -> None:
    quiz = kiosk.window.player_screen.quiz
    kiosk.tap(quiz.scam_button if first == "scam" else quiz.safe_button)
    _next(kiosk)
    kiosk.tap(quiz.scam_button if second == "scam" else quiz.safe_button)
    _next(kiosk)
    _next(kiosk)


def test_the_score_and_the_question_to_look_at_again(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    _open_drill(kiosk, "vi")
    _answer_drill(kiosk, "scam", "scam")  # right, then wrong (the bank message is safe)
    window = kiosk.window
    assert kiosk.screen() is Screen.FINISH
    finish = window.finish_screen
    assert finish.score_label.isVisible()
    assert finish.score_label.text() == "Bạn trả lời đúng 1/2 câu. Chạm vào câu dưới đây để xem lại:"
    assert [b.text() for b in finish.review_buttons] == ["Tin nhắn ngân hàng"]
    # The tap opens that question again, with the answer given and why.
    kiosk.tap(finish.review_buttons[0])
    assert kiosk.screen() is Screen.PLAYER
    assert window.top_bar.title_label.text() == "Bước 2 / 3"
    quiz = window.player_screen.quiz
    assert quiz.verdict_label.text() == "Chưa đúng."
    assert quiz.answer_label.text() == "Đây là tình huống an toàn."


def test_the_score_in_english_all_right(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    _open_drill(kiosk, "en")
    _answer_drill(kiosk, "scam", "safe")
    finish = kiosk.window.finish_screen
    assert finish.score_label.text() == "You answered 2 of 2 correctly. Well done!"
    assert finish.review_buttons == []


def test_the_score_is_forgotten_with_the_tutorial(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    _open_drill(kiosk, "vi")
    _answer_drill(kiosk, "safe", "scam")
    finish = kiosk.window.finish_screen
    assert finish.score_label.text().startswith("Bạn trả lời đúng 0/2 câu.")
    assert len(finish.review_buttons) == 2
    # The same drill again, from the topics: asked afresh.
    kiosk.tap(finish.another_button)
    kiosk.tap(kiosk.window.catalogue_screen.tiles["scam-drill"])
    quiz = kiosk.window.player_screen.quiz
    assert not quiz.is_answered and quiz.safe_button.isVisible()


def test_no_score_after_a_tutorial_without_questions(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.window.open_tutorial("vneid-install", 2)
    _next(kiosk)
    assert kiosk.screen() is Screen.FINISH
    assert not kiosk.window.finish_screen.score_box.isVisible()
