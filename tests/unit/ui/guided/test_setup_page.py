"""The volunteer's setup page: taps become the GuidedPlan, and a new start forgets the last visitor."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.model import Catalogue
from kiosk.i18n import UiText
from kiosk.stats.codes import AgeBand, Need
from kiosk.visit.guided import GuidedPlan
from kiosk.visit.session import TextSize
from tests.helpers.accessibility import names, translation_problems
from tests.helpers.organiser import host_window
from tests.helpers.qt import settle, shown_texts
from ui.guided.setup_page import GuidedSetup

from .conftest import accessibility_problems, tap

LANGUAGES = ("vi", "en")


def open_setup(window: QWidget, catalogue: Catalogue, text: UiText, lang: str = "vi") -> GuidedSetup:
    page = GuidedSetup(catalogue, text, lang, LANGUAGES, window)
    assert not page.isVisible()
    page.start()
    settle()
    return page


def order_shown(page: GuidedSetup) -> dict[str, str]:
    return {tid: button.number_label.text() for tid, button in page.tutorial_buttons.items()}


def test_taps_make_the_plan_in_the_order_tapped(
    qtbot: QtBot, window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_setup(window, catalogue, text)
    assert page.geometry() == window.rect()
    tap(page.tutorial_buttons["scam-drill"])
    tap(page.tutorial_buttons["vneid-install"])
    assert order_shown(page) == {"vneid-install": "2", "scam-drill": "1"}
    assert page.tutorial_buttons["scam-drill"].accessibleName() == "Bài 1: Nhận biết lừa đảo"
    tap(page.language.buttons["en"])
    tap(page.text_size.buttons[TextSize.LARGE])
    tap(page.contrast.buttons[True])
    tap(page.age_band.buttons[AgeBand.SIXTY_PLUS])
    tap(page.need_buttons[Need.SIGHT])
    tap(page.need_buttons[Need.READING])
    assert "Đã chọn 2 bài" in shown_texts(page)
    with qtbot.waitSignal(page.start_requested) as started:
        tap(page.start_button)
    assert started.args == [
        GuidedPlan(
            tutorial_ids=("scam-drill", "vneid-install"),
            language="en",
            text_size=TextSize.LARGE,
            high_contrast=True,
            age_band=AgeBand.SIXTY_PLUS,
            needs=frozenset({Need.SIGHT, Need.READING}),
        )
    ]
    assert not page.isVisible()


def test_untouched_choices_are_the_defaults_and_no_profile(
    qtbot: QtBot, window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_setup(window, catalogue, text)
    tap(page.tutorial_buttons["vneid-install"])
    with qtbot.waitSignal(page.start_requested) as started:
        tap(page.start_button)
    assert started.args == [GuidedPlan(("vneid-install",), "vi")]


def test_tapping_a_chosen_tutorial_again_takes_it_out_and_the_others_close_up(
    qtbot: QtBot, window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_setup(window, catalogue, text, "en")
    tap(page.tutorial_buttons["vneid-install"])
    tap(page.tutorial_buttons["scam-drill"])
    tap(page.tutorial_buttons["vneid-install"])
    assert order_shown(page) == {"vneid-install": "", "scam-drill": "1"}
    assert not page.tutorial_buttons["vneid-install"].isChecked()
    assert page.tutorial_buttons["vneid-install"].accessibleName() == "Install the VNeID app safely"
    assert page.tutorial_buttons["scam-drill"].accessibleName() == "Guide 1: Spotting scams"
    tap(page.tutorial_buttons["vneid-install"])
    assert page.plan().tutorial_ids == ("scam-drill", "vneid-install")


def test_start_waits_for_a_tutorial(
    qtbot: QtBot, window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_setup(window, catalogue, text)
    assert not page.start_button.isEnabled()
    assert "Chưa chọn bài nào" in shown_texts(page)
    tap(page.tutorial_buttons["scam-drill"])
    assert page.start_button.isEnabled()
    tap(page.tutorial_buttons["scam-drill"])
    assert not page.start_button.isEnabled()
    with qtbot.assertNotEmitted(page.start_requested):
        page.start_button.click()


def test_a_new_start_forgets_every_choice_of_the_last_visitor(
    qtbot: QtBot, window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_setup(window, catalogue, text)
    tap(page.tutorial_buttons["scam-drill"])
    tap(page.language.buttons["en"])
    tap(page.text_size.buttons[TextSize.EXTRA_LARGE])
    tap(page.contrast.buttons[True])
    tap(page.age_band.buttons[AgeBand.UNDER_60])
    tap(page.need_buttons[Need.HEARING])
    page.scroller.verticalScrollBar().setValue(page.scroller.verticalScrollBar().maximum())
    with qtbot.waitSignal(page.cancelled):
        tap(page.cancel_button)
    assert not page.isVisible()

    page.start()
    settle()
    assert page.isVisible()
    assert page.plan() == GuidedPlan((), "vi")
    assert order_shown(page) == {"vneid-install": "", "scam-drill": ""}
    assert not any(button.isChecked() for button in page.tutorial_buttons.values())
    assert not any(button.isChecked() for button in page.need_buttons.values())
    assert page.age_band.buttons[None].isChecked()
    assert not page.start_button.isEnabled()
    assert page.scroller.verticalScrollBar().value() == 0


def test_the_visitor_language_starts_as_the_volunteers_only_when_offered(
    qtbot: QtBot, window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = GuidedSetup(catalogue, text, "vi", ("en",), window)
    page.start()
    assert page.plan().language == "en"
    assert list(page.language.buttons) == ["en"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_control_is_big_named_helped_and_uncut(
    window: QWidget, shipped: Catalogue, text: UiText, lang: str
) -> None:
    page = open_setup(window, shipped, text, lang)
    for button in list(page.tutorial_buttons.values())[:2]:
        tap(button)
    assert accessibility_problems(window, text) == []


def test_names_follow_the_language(qtbot: QtBot, shipped: Catalogue, text: UiText) -> None:
    windows = [host_window(qtbot) for _lang in LANGUAGES]
    for host, lang in zip(windows, LANGUAGES, strict=True):
        page = open_setup(host, shipped, text, lang)
        tap(next(iter(page.tutorial_buttons.values())))
    first, second = (names(host) for host in windows)
    assert translation_problems(first, second) == []


def _size(page: Any) -> TextSize:
    """The chosen text size, read afresh (a function, so mypy does not narrow it between taps)."""
    size: TextSize = page.text_size.value
    return size


@pytest.mark.parametrize(
    ("lang", "note", "undo"),
    [
        ("vi", "Đã chuyển sang chữ lớn vì người dân nhìn kém.", "Dùng lại cỡ chữ thường"),
        ("en", "The text is now large, as the visitor sees poorly.", "Back to normal text"),
    ],
)
def test_seeing_poorly_makes_the_text_large_says_so_and_can_be_undone(
    qtbot: QtBot, window: QWidget, shipped: Catalogue, text: UiText, lang: str, note: str, undo: str
) -> None:
    page = open_setup(window, shipped, text, lang)
    tap(next(iter(page.tutorial_buttons.values())))
    assert _size(page) is TextSize.NORMAL and not page.large_text_row.isVisible()
    tap(page.need_buttons[Need.SIGHT])
    settle()
    assert _size(page) is TextSize.LARGE
    assert page.large_text_row.isVisible() and page.large_text_note.text() == note
    assert page.undo_large_button.text() == undo
    # Every control still big, named and uncut with the note shown.
    assert accessibility_problems(window, text) == []
    # Undone: normal text, the note goes, the need stays noted.
    tap(page.undo_large_button)
    assert _size(page) is TextSize.NORMAL and not page.large_text_row.isVisible()
    assert page.need_buttons[Need.SIGHT].isChecked()
    # Unticking the need puts back the size it made large; a size the volunteer chose stays.
    tap(page.need_buttons[Need.SIGHT])
    tap(page.need_buttons[Need.SIGHT])
    assert _size(page) is TextSize.LARGE
    tap(page.need_buttons[Need.SIGHT])
    assert _size(page) is TextSize.NORMAL and not page.large_text_row.isVisible()
    tap(page.text_size.buttons[TextSize.EXTRA_LARGE])
    tap(page.need_buttons[Need.SIGHT])
    assert _size(page) is TextSize.EXTRA_LARGE and not page.large_text_row.isVisible()
    with qtbot.waitSignal(page.start_requested) as started:
        tap(page.start_button)
    assert started.args[0].text_size is TextSize.EXTRA_LARGE
