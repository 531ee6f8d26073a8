"""The player, the quiz and the finish screen fit the screen: no scrolling, nothing cut, nothing off
the window, at every text size, on 1366×768, 1600×900 and 1920×1080, in both languages and themes.

The shipped tutorials are shown (their words are the ones visitors read). One window per screen
size; the text size, language and theme change in it, as a visitor changes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QScrollBar, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue, QuizAnswer, StepKind
from kiosk.printing.state import IDLE
from kiosk.visit.session import TextSize
from tests.helpers.qt import clipped_labels, open_kiosk, shown, ui_text
from ui.look import theme
from ui.shell.window import MainWindow
from ui.tools.screenshots import scenes

SIZES = [(1366, 768), (1600, 900), (1920, 1080)]
SCENES = {
    "04-player",
    "05-quiz",
    "06-quiz-answered",
    "07-finish",
    "07-finish-score",
    "12-finish-print-failed",
}


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    catalogue = load_catalogue(packs_dir(), ui_languages=ui_text().languages())
    assert catalogue.tutorials, "no shipped tutorial loaded"
    return catalogue


def settle_fully() -> None:
    """Let the screens fit their words: a fit is done after the layout settles, then restyles."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(6):
        app.processEvents()


def problems(window: MainWindow) -> list[str]:
    """What does not fit: widgets off the window, scroll bars shown, words cut."""
    found = clipped_labels(window)
    area = window.rect()
    for widget in shown(window):
        if isinstance(widget, QScrollBar):
            found.append(f"a scroll bar is shown in {type(widget.parentWidget()).__name__}")
            continue
        if isinstance(widget, QScrollArea) and (words := widget.widget()) is not None:
            # Words that need more than the area shows are cut, with or without a scroll bar.
            needed = words.heightForWidth(widget.viewport().width()) if words.hasHeightForWidth() else -1
            needed = max(needed, words.minimumSizeHint().height())
            if needed > widget.viewport().height():
                found.append(
                    f"words need {needed} px in a scroll area {widget.viewport().height()} px high"
                    f" ({words.heightForWidth(widget.viewport().width())} for the width,"
                    f" {words.minimumSizeHint().height()} at least, {words.height()} given)"
                )
        placed = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not area.contains(placed):
            found.append(f"{type(widget).__name__} {_name(widget)} at {placed} is off the window {area}")
    return found


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return repr(text()) if callable(text) else widget.objectName()


def _combinations() -> Iterator[tuple[TextSize, str, bool]]:
    for size in TextSize:
        for high_contrast in (False, True):
            for lang in ("vi", "en"):
                yield size, lang, high_contrast


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_player_quiz_and_finish_fit_at_every_text_size(
    qtbot: QtBot, tmp_path: Path, shipped: Catalogue, width: int, height: int
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped)
    window = kiosk.window
    window.resize(width, height)
    settle_fully()
    assert window.look.screen == theme.screen_factor(width, height)
    failures: list[str] = []
    for size, lang, high_contrast in _combinations():
        # Chosen once for all the scenes (a new style sheet for each would take minutes).
        window.session.choose_language(lang)
        window.session.set_text_size(size)
        window.session.set_high_contrast(high_contrast)
        for name, set_up in scenes(window, shipped):
            if name not in SCENES:
                continue
            # What return_to_start would forget, without forgetting the visitor's choices.
            window.session.drill.clear()
            window.finish_screen.show_print_state(IDLE)
            set_up()
            settle_fully()
            colours = "high contrast" if high_contrast else "default"
            where = f"{width}×{height} {size.name} {lang} {colours} {name}"
            failures += [f"{where}: {problem}" for problem in problems(window)]
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_shipped_step_fits_at_extra_large_text_on_the_smallest_screen(
    qtbot: QtBot, tmp_path: Path, shipped: Catalogue, lang: str
) -> None:
    """Every step, before and after its question is answered: the words are never cut or scrolled."""
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped)
    window = kiosk.window
    window.session.choose_language(lang)
    window.session.set_text_size(TextSize.EXTRA_LARGE)
    failures: list[str] = []
    for tutorial in shipped.tutorials:
        for index, step in enumerate(tutorial.steps):
            window.open_tutorial(tutorial.id, index)
            settle_fully()
            failures += [f"{tutorial.id}/{step.id}: {problem}" for problem in problems(window)]
            if step.kind is StepKind.QUIZ and step.answer is not None:
                wrong = QuizAnswer.SAFE if step.answer is QuizAnswer.SCAM else QuizAnswer.SCAM
                window.player_screen.quiz.choose(wrong)
                settle_fully()
                failures += [f"{tutorial.id}/{step.id} answered: {problem}" for problem in problems(window)]
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_fonts_buttons_and_the_picture_grow_with_the_screen(
    qtbot: QtBot, tmp_path: Path, shipped: Catalogue, width: int, height: int
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped)
    window = kiosk.window
    first = shipped.tutorials[0]
    window.open_tutorial(first.id, 0)
    settle_fully()
    player = window.player_screen
    small = (player.text_label.font().pixelSize(), player.next_button.height(), player.picture.height())
    window.resize(width, height)
    settle_fully()
    grown = (player.text_label.font().pixelSize(), player.next_button.height(), player.picture.height())
    factor = theme.screen_factor(width, height)
    assert grown[0] == round(theme.FONT_BODY * factor)
    if factor > 1:
        assert grown[1] > small[1] and grown[2] > small[2], (small, grown)
    # The phone takes the whole height under the top bar (only its margin around it).
    assert player.picture.height() == player.height()
    assert player.picture.phone_rect().height() >= player.height() - 2 * theme.PICTURE_MARGIN - 1
    # Touch targets stay at least 64 px (and 12 mm) at any size.
    assert min(player.back_button.height(), player.next_button.height()) >= theme.MIN_TARGET_PX


FINISH_SCENES = {"07-finish", "07-finish-score", "12-finish-print-failed"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_finish_screen_keeps_large_words_at_extra_large_text_on_the_smallest_screen(
    qtbot: QtBot, tmp_path: Path, shipped: Catalogue, lang: str
) -> None:
    """Extra-large text on 1366×768 shows at most one size smaller (large), never at normal; large
    text shows at its own size. With a code (and a drill's score) and without one."""
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped)
    window = kiosk.window
    window.session.choose_language(lang)
    large_body = round(theme.FONT_BODY * theme.TEXT_SCALES[TextSize.LARGE])
    finish = window.finish_screen
    seen: dict[tuple[TextSize, str], tuple[int, int]] = {}
    for size in (TextSize.LARGE, TextSize.EXTRA_LARGE):
        window.session.set_text_size(size)
        for name, set_up in scenes(window, shipped):
            if name not in FINISH_SCENES:
                continue
            window.session.drill.clear()
            finish.show_print_state(IDLE)
            set_up()
            settle_fully()
            assert finish.isVisible(), name
            body = finish.safety_label.font().pixelSize()
            seen[(size, name)] = (finish.fit_level(), body)
            assert problems(window) == [], (size, name)
    assert {key[1] for key in seen} == FINISH_SCENES
    for (size, name), (level, body) in seen.items():
        assert body >= large_body, (
            f"{size.name} {name}: body words at {body} px, under large ({large_body} px)"
        )
        assert level <= (1 if size is TextSize.EXTRA_LARGE else 0), f"{size.name} {name}: {level} sizes down"
    # The faces: one above the other in the right column without a code, a row under the words with one.
    for tutorial in (
        next(t for t in shipped.tutorials if not t.qr_url),
        next(t for t in shipped.tutorials if t.qr_url),
    ):
        window.open_tutorial(tutorial.id, len(tutorial.steps) - 1)
        window.show_finish()
        settle_fully()
        easy, okay = finish.face_buttons["easy"], finish.face_buttons["okay"]
        above = easy.mapTo(finish, QPoint(0, 0)).y() + easy.height() <= okay.mapTo(finish, QPoint(0, 0)).y()
        assert above is not bool(tutorial.qr_url), tutorial.id
        in_right = finish.print_button.mapTo(finish, QPoint(0, 0)).x() <= easy.mapTo(finish, QPoint(0, 0)).x()
        assert in_right is not bool(tutorial.qr_url), tutorial.id
