"""Each screen and overlay says what it shows, in the language it shows it (``spoken_text()``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.model import QuizAnswer
from kiosk.i18n import UiText
from tests.helpers.catalogue import make_catalogue
from tests.helpers.qt import ui_text
from ui.overlays.comfort import ComfortPanel
from ui.overlays.idle_question import IdleOverlay
from ui.screens.catalogue import CatalogueScreen
from ui.screens.finish import FinishScreen
from ui.screens.language import LanguageScreen
from ui.screens.player import PlayerScreen
from ui.screens.quiz import QuizPanel
from ui.screens.speakable import Speakable
from ui.screens.start import StartScreen


@pytest.fixture
def text() -> UiText:
    return ui_text()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_start_screen_says_its_hello_and_what_the_kiosk_is_for(
    qtbot: QtBot, text: UiText, lang: str
) -> None:
    screen = StartScreen(text, "Điểm hỗ trợ")
    qtbot.addWidget(screen)
    screen.retranslate(lang)
    assert screen.spoken_text() == f"{text.get(lang, 'start.welcome')} {text.get(lang, 'start.intro')}"
    assert screen.spoken_text() == f"{screen.welcome_label.text()} {screen.intro_label.text()}"


def test_the_language_screen_asks_in_the_visitors_language_only(qtbot: QtBot, text: UiText) -> None:
    screen = LanguageScreen(text)
    qtbot.addWidget(screen)
    screen.retranslate("en")
    # The heading shows the question in every language; only the visitor's is heard.
    assert text.get("vi", "language.choose") in screen.heading_label.text()
    assert screen.spoken_text() == text.get("en", "language.choose")


def test_the_topics_and_the_finish_screen_say_their_titles(
    qtbot: QtBot, text: UiText, tmp_path: Path
) -> None:
    catalogue = CatalogueScreen(text, make_catalogue(tmp_path))
    finish = FinishScreen(text)
    for screen in (catalogue, finish):
        qtbot.addWidget(screen)
    catalogue.retranslate("en")
    finish.retranslate("vi")
    assert catalogue.spoken_text() == text.get("en", "catalogue.title")
    assert finish.spoken_text() == text.get("vi", "finish.title")
    catalogue.retranslate("vi")
    assert catalogue.spoken_text() == text.get("vi", "catalogue.title")


def test_the_quiz_says_its_question_then_the_verdict_and_the_real_answer(qtbot: QtBot, text: UiText) -> None:
    player = PlayerScreen(text)
    qtbot.addWidget(player)
    # In its player, which holds its row of answers.
    quiz = player.quiz
    quiz.set_quiz(QuizAnswer.SCAM, "Banks never ask for your OTP.", "en")
    assert quiz.spoken_text() == text.get("en", "quiz.question")
    quiz.choose(QuizAnswer.SAFE)
    # Wrong, then what it really is; the reason is read from the pack, not from here.
    assert quiz.spoken_text() == f"{text.get('en', 'quiz.wrong')} {text.get('en', 'quiz.is_scam')}"
    assert "OTP" not in quiz.spoken_text()
    quiz.retranslate("vi")
    assert quiz.spoken_text() == f"{text.get('vi', 'quiz.wrong')} {text.get('vi', 'quiz.is_scam')}"
    quiz.set_quiz(QuizAnswer.SAFE, "", "vi")
    assert quiz.spoken_text() == text.get("vi", "quiz.question")


def test_the_idle_question_says_the_seconds_left_as_they_count_down(qtbot: QtBot, text: UiText) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    idle = IdleOverlay(text, window)
    idle.retranslate("en")
    idle.show_countdown(25, 30)
    question, choices = text.get("en", "idle.question"), text.get("en", "idle.choices")
    assert idle.spoken_text() == f"{question} {text.get('en', 'idle.countdown', seconds=25)} {choices}"
    assert "I am trying on my phone" in choices
    idle.show_countdown(7, 30)
    assert idle.spoken_text().endswith(f"{text.get('en', 'idle.countdown', seconds=7)} {choices}")


def test_the_comfort_panel_says_its_title(qtbot: QtBot, text: UiText) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    panel = ComfortPanel(text, window)
    panel.retranslate("vi")
    assert panel.spoken_text() == text.get("vi", "comfort.title")


def test_every_screen_but_the_player_is_speakable(qtbot: QtBot, text: UiText, tmp_path: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    speakable = [
        StartScreen(text, ""),
        LanguageScreen(text),
        CatalogueScreen(text, make_catalogue(tmp_path)),
        FinishScreen(text),
        QuizPanel(text),
        ComfortPanel(text, window),
        IdleOverlay(text, window),
    ]
    player = PlayerScreen(text)
    for widget in (*speakable[:5], player):
        qtbot.addWidget(widget)
    assert all(isinstance(widget, Speakable) for widget in speakable)
    # The player's step is read as a step (a recording may say it), not as text.
    assert not isinstance(player, Speakable)
