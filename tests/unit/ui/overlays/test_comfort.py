"""The comfort panel: every row whole on the kiosk's screens, and no button moves when a size is chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea
from pytestqt.qtbot import QtBot

from kiosk.visit.session import TextSize
from tests.helpers.qt import Kiosk, clipped_labels, open_kiosk, settle, shown
from ui.overlays.comfort import ComfortPanel
from ui.widgets.narration_controls import NarrationState

WINDOW_SIZES = [(1366, 768), (1600, 900), (1920, 1080)]


def _open_panel(qtbot: QtBot, tmp_path: Path, size: tuple[int, int], lang: str) -> tuple[Kiosk, ComfortPanel]:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    window.resize(*size)
    window.session.choose_language(lang)
    settle()
    kiosk.tap(window.top_bar.comfort_button)
    panel = window.comfort_panel
    assert panel.isVisible()
    return kiosk, panel


def _controls(panel: ComfortPanel) -> dict[QAbstractButton, QRect]:
    """Where each button of the panel is, in the window."""
    window = panel.window()
    return {
        button: QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        for button in shown(panel)
        if isinstance(button, QAbstractButton)
    }


def _moved(before: dict[QAbstractButton, QRect], after: dict[QAbstractButton, QRect]) -> list[str]:
    assert before.keys() == after.keys()
    return [
        f"{name.accessibleName()}: {before[name]} -> {after[name]}"
        for name in before
        if max(
            abs(before[name].left() - after[name].left()),
            abs(before[name].top() - after[name].top()),
            abs(before[name].right() - after[name].right()),
            abs(before[name].bottom() - after[name].bottom()),
        )
        > 2
    ]


def _whole(panel: ComfortPanel) -> list[str]:
    """What of the panel a visitor could not see or read whole: cut words, buttons off the panel."""
    problems = clipped_labels(panel.window())
    inside = panel.rect()
    for child in shown(panel):
        place = QRect(child.mapTo(panel, child.rect().topLeft()), child.size())
        if isinstance(child, QAbstractButton) and not inside.contains(place):
            problems.append(f"{child.accessibleName()!r} at {place}, outside the panel {inside}")
        if isinstance(child, QAbstractScrollArea):
            problems.append("a scroll area")
    return problems


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", WINDOW_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_no_control_moves_when_a_text_size_is_chosen(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    kiosk, panel = _open_panel(qtbot, tmp_path, size, lang)
    before = _controls(panel)
    # Three sizes, two colours, reading aloud on and off, quieter, louder, touch and hear, Done.
    assert len(before) == 11
    # Each size in turn, back and forth: every tap lands where the visitor saw the button.
    for text_size in (TextSize.EXTRA_LARGE, TextSize.NORMAL, TextSize.LARGE, TextSize.EXTRA_LARGE):
        kiosk.tap(panel.size_buttons[text_size])
        settle()
        assert kiosk.window.session.text_size is text_size
        assert _moved(before, _controls(panel)) == [], text_size
    kiosk.tap(panel.high_contrast_button)
    settle()
    assert _moved(before, _controls(panel)) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", WINDOW_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_row_shows_whole_at_every_text_size(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    kiosk, panel = _open_panel(qtbot, tmp_path, size, lang)
    narration = kiosk.window.narration
    assert narration is not None
    states = {
        "off": NarrationState(),
        "on, touch and hear": NarrationState(on=True, touch_and_hear=True),
        "no voice for the language": NarrationState(available=False),
        "no sound": NarrationState(on=True, no_sound=True),
    }
    for text_size in TextSize:
        kiosk.tap(panel.size_buttons[text_size])
        for name, state in states.items():
            panel.narration.show_state(state)
            settle()
            settle()
            assert _whole(panel) == [], (text_size, name)
            # The read-aloud row, the one that was cut: its last button ends above the bottom bar.
            touch = panel.narration.touch_button
            bottom = touch.mapTo(panel, touch.rect().bottomLeft()).y()
            bottom_bar = panel.done_button.parentWidget()
            assert bottom_bar is not None
            assert bottom < bottom_bar.y(), (text_size, name)


def test_the_words_grow_with_the_screen_not_with_the_chosen_size(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, panel = _open_panel(qtbot, tmp_path, (1366, 768), "vi")
    small_screen = panel.button_px
    kiosk.tap(panel.size_buttons[TextSize.EXTRA_LARGE])
    assert panel.button_px == small_screen
    kiosk.window.resize(1920, 1080)
    settle()
    assert panel.button_px >= small_screen * 1.3
    # On the kiosk laptop, well above normal text's button words (28 px), even with a note shown.
    assert small_screen >= 32


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_note_on_reading_aloud_moves_no_button(qtbot: QtBot, tmp_path: Path, lang: str) -> None:
    """ "No sound" shows after tapping On: it takes the volume's place, and nothing else moves."""
    kiosk, panel = _open_panel(qtbot, tmp_path, (1366, 768), lang)
    kiosk.tap(panel.size_buttons[TextSize.EXTRA_LARGE])
    panel.narration.show_state(NarrationState(on=True))
    settle()
    before = _controls(panel)
    for state in (NarrationState(on=True, no_sound=True), NarrationState(available=False)):
        panel.narration.show_state(state)
        settle()
        settle()
        assert panel.narration.note_label.isVisible()
        after = _controls(panel)
        kept = {button: place for button, place in before.items() if button in after}
        # Only the volume and "touch and hear" give way to the note.
        assert set(before) - set(after) == {
            panel.narration.quieter_button,
            panel.narration.louder_button,
            panel.narration.touch_button,
        }
        assert _moved(kept, {button: after[button] for button in kept}) == [], state
        assert _whole(panel) == [], state
