"""Every shipped tutorial, step by step, as a visitor sees it on the kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractScrollArea
from pytestqt.qtbot import QtBot

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue, QuizAnswer, StepKind
from kiosk.visit.session import TextSize
from tests.helpers.qt import clipped_labels, decode_qr, open_kiosk, settle, ui_text
from ui.shell.window import Screen


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    catalogue = load_catalogue(packs_dir(), ui_languages=ui_text().languages())
    assert catalogue.tutorials, "no shipped tutorial loaded"
    return catalogue


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_step_of_every_tutorial_shows_its_words_and_ring(
    qtbot: QtBot, tmp_path: Path, shipped: Catalogue, lang: str
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped)
    window = kiosk.window
    player = window.player_screen
    for tutorial in shipped.tutorials:
        window.return_to_start()
        kiosk.tap(window.start_screen.start_button)
        kiosk.tap(window.language_screen.tiles[lang])
        kiosk.tap(window.catalogue_screen.tabs[tutorial.category])
        kiosk.tap(window.catalogue_screen.tiles[tutorial.id])
        total = len(tutorial.steps)
        for index, step in enumerate(tutorial.steps):
            words = tutorial.step_text(lang, step)
            where = f"{tutorial.id}/{step.id} ({lang})"
            assert window.top_bar.title_label.text() == kiosk.text(
                "player.progress", n=index + 1, total=total
            )
            assert player.title_label.text() == words.title, where
            assert player.text_label.text() == words.text, where
            assert player.picture.highlight_rect() is not None, f"{where}: no ring"
            assert player.quiz.isVisible() == (step.kind is StepKind.QUIZ), where
            # At normal size the words fit without scrolling.
            assert not player.words_area.verticalScrollBar().isVisible(), where
            if step.kind is StepKind.QUIZ:
                # Next waits for an answer.
                quiz = player.quiz
                kiosk.tap(quiz.scam_button if step.answer is QuizAnswer.SCAM else quiz.safe_button)
            kiosk.tap(player.next_button)
        assert kiosk.screen() is Screen.FINISH
        assert not any(
            area.verticalScrollBar().isVisible()
            for area in window.finish_screen.findChildren(QAbstractScrollArea)
        ), tutorial.id
        finish = window.finish_screen
        if tutorial.qr_url:
            # Shown without "https://", which a phone adds by itself, under what the code opens.
            assert "https://" + finish.shown_url() == tutorial.qr_url
            assert decode_qr(finish.qr_view) == [tutorial.qr_url]
            caption = tutorial.text(lang).qr_caption
            assert caption and finish.qr_hint_label.text().endswith(caption), tutorial.id
        else:
            # No official page to open: no code, and no words about one.
            assert finish.qr_view.isHidden() and finish.qr_hint_label.isHidden(), tutorial.id


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_shipped_words_are_cut_off_at_extra_large_size(
    qtbot: QtBot, tmp_path: Path, shipped: Catalogue, lang: str
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped)
    window = kiosk.window
    for tutorial in shipped.tutorials:
        window.return_to_start()
        window.session.choose_language(lang)
        window.session.set_text_size(TextSize.EXTRA_LARGE)
        for index, step in enumerate(tutorial.steps):
            window.open_tutorial(tutorial.id, index)
            if step.kind is StepKind.QUIZ and step.answer is not None:
                window.player_screen.quiz.choose(step.answer)
            settle()
            assert clipped_labels(window) == [], f"{tutorial.id}/{step.id}"
        window.show_finish()
        settle()
        assert clipped_labels(window) == [], f"{tutorial.id} finish"
