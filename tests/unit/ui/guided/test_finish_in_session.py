"""The finish screen in a guided session: the plan's next guide is the main action, one end with one name."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.content.model import Catalogue
from kiosk.i18n import UiText
from kiosk.visit.session import TextSize
from tests.helpers.qt import settle
from ui.guided.volunteer_bar import VolunteerBar
from ui.look import theme
from ui.look.style import stylesheet
from ui.screens.finish import FinishScreen


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_next_guide_leads_and_the_end_has_the_bars_words(
    window: QWidget, shipped: Catalogue, text: UiText, lang: str
) -> None:
    first, second = shipped.tutorials[:2]
    finish = FinishScreen(text, window)
    finish.setGeometry(window.rect())
    finish.show()
    bar = VolunteerBar(text, lang)

    finish.show_guided(True, second)
    finish.show_tutorial(first, lang)
    settle()
    assert finish.next_button.isVisible() and not finish.end_button.isVisible()
    assert finish.next_button.text() == text.get(lang, "finish.next", title=second.text(lang).title)
    assert second.text(lang).title in finish.next_button.text()
    assert finish.next_button.property("role") == "primary"
    assert finish.another_button.isVisible() and finish.another_button.property("role") == "secondary"
    # At the largest text the long title keeps half the width (two or three lines), whole.
    window.setStyleSheet(stylesheet(theme.look_for(TextSize.EXTRA_LARGE, False, theme.FALLBACK_DPI)))
    settle()
    assert finish.next_button.width() >= finish.width() // 2
    words = finish.next_button._label
    assert words.heightForWidth(words.width()) <= words.height()
    assert words.height() <= 3.5 * words.fontMetrics().lineSpacing(), words.height()
    assert finish.next_button.rect().contains(words.geometry())

    # After the last guide: the end, in the same words as the volunteer's bar.
    finish.show_guided(True, None)
    finish.show_tutorial(second, lang)
    settle()
    assert not finish.next_button.isVisible() and finish.end_button.isVisible()
    assert finish.end_button.text() == bar.end_button.text() == text.get(lang, "guided.bar.end")

    # A visitor on their own: the visit's end, no next guide.
    finish.show_guided(False, second)
    finish.show_tutorial(first, lang)
    settle()
    assert not finish.next_button.isVisible() and finish.end_button.isVisible()
    assert finish.end_button.text() == text.get(lang, "finish.end")
