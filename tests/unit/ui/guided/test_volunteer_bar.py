"""The volunteer's bar: jump to a step, hold the idle timer (and say so), end the session; one slim row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import UiText
from kiosk.visit.session import TextSize
from tests.helpers.qt import SCREEN_SIZE, settle, shown_texts
from ui.guided.volunteer_bar import VolunteerBar
from ui.look import theme
from ui.look.style import stylesheet

from .conftest import accessibility_problems, tap

MOST_STEPS = 12


def bar_at_bottom(window: QWidget, text: UiText, lang: str = "vi") -> VolunteerBar:
    """The bar where the window puts it: under the screens, the window's full width."""
    # A child that fills the window, laid out (a layout on the shown top-level window itself
    # would make the offscreen platform warn that it cannot pass size hints on).
    body = QWidget(window)
    body.setGeometry(window.rect())
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(QWidget(), 1)
    bar = VolunteerBar(text, lang)
    column.addWidget(bar)
    body.show()
    settle()
    return bar


def in_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def test_a_tapped_step_is_announced_and_the_shown_one_is_checked(
    qtbot: QtBot, window: QWidget, text: UiText
) -> None:
    bar = bar_at_bottom(window, text)
    bar.show_steps(5, 2)
    settle()
    assert [button.text() for button in bar.step_buttons] == ["1", "2", "3", "4", "5"]
    assert [button.isChecked() for button in bar.step_buttons] == [False, False, True, False, False]
    assert bar.step_buttons[3].accessibleName() == "Bước 4"
    with qtbot.waitSignal(bar.step_chosen) as chosen:
        tap(bar.step_buttons[3])
    assert chosen.args == [3]
    with qtbot.waitSignal(bar.step_chosen) as chosen:
        tap(bar.step_buttons[0])
    assert chosen.args == [0]
    bar.show_steps(5, 4)
    assert [button.isChecked() for button in bar.step_buttons] == [False, False, False, False, True]


def test_the_next_tutorial_gets_its_own_steps(qtbot: QtBot, window: QWidget, text: UiText) -> None:
    bar = bar_at_bottom(window, text)
    bar.show_position(0, 2)
    bar.show_steps(3, 2)
    bar.show_position(1, 2)
    bar.show_steps(7, 0)
    settle()
    assert "Hướng dẫn · bài 2/2" in shown_texts(bar)
    assert [button.text() for button in bar.step_buttons if button.isVisible()] == [
        str(n) for n in range(1, 8)
    ]
    assert bar.step_buttons[0].isChecked()


def test_the_pause_toggle_says_whether_the_timer_is_held(qtbot: QtBot, window: QWidget, text: UiText) -> None:
    bar = bar_at_bottom(window, text)
    with qtbot.waitSignal(bar.pause_toggled) as toggled:
        tap(bar.pause_button)
    assert toggled.args == [True]
    assert bar.pause_button.isChecked()
    with qtbot.waitSignal(bar.pause_toggled) as toggled:
        tap(bar.pause_button)
    assert toggled.args == [False]
    # Told by the window (an idle reset, a new session): shown, not announced back.
    with qtbot.assertNotEmitted(bar.pause_toggled):
        bar.set_paused(True)
    assert bar.pause_button.isChecked()


@pytest.mark.parametrize(
    ("lang", "paused", "resume", "running", "pause"),
    [
        ("vi", "Đã tạm dừng — {}", "Tiếp tục đếm giờ", "Hướng dẫn · bài 1/2", "Tạm dừng đếm giờ"),
        ("en", "Paused — {}", "Restart the timer", "Guide 1 of 2", "Pause the timer"),
    ],
)
def test_a_paused_timer_says_so_in_words_with_a_clock(
    qtbot: QtBot, window: QWidget, text: UiText, lang: str, paused: str, resume: str, running: str, pause: str
) -> None:
    now = [1000.0]
    body = QWidget(window)
    body.setGeometry(window.rect())
    column = QVBoxLayout(body)
    column.addStretch(1)
    bar = VolunteerBar(text, lang, clock=lambda: now[0])
    column.addWidget(bar)
    body.show()
    bar.show_position(0, 2)
    bar.show_steps(8, 0)
    settle()
    assert not bar.paused_label.isVisible() and bar.pause_button.text() == pause
    tap(bar.pause_button)
    settle()
    texts = shown_texts(bar)
    assert paused.format("00:00") in texts and running in texts
    assert bar.pause_button.text() == resume and bar.pause_button.accessibleName() == resume
    # The clock counts the pause, every second.
    now[0] += 754
    qtbot.waitUntil(lambda: bar.paused_label.text() == paused.format("12:34"), timeout=3000)
    tap(bar.pause_button)
    settle()
    assert not bar.paused_label.isVisible() and bar.pause_button.text() == pause
    # Held again: counted from zero.
    bar.set_paused(True)
    assert bar.paused_label.text() == paused.format("00:00")
    bar.reset()
    assert not bar.paused_label.isVisible() and bar.pause_button.text() == pause
    assert accessibility_problems(window, text) == []


def test_end_is_announced(qtbot: QtBot, window: QWidget, text: UiText) -> None:
    bar = bar_at_bottom(window, text)
    with qtbot.waitSignal(bar.end_requested):
        tap(bar.end_button)


def test_reset_keeps_nothing_of_the_last_session(qtbot: QtBot, window: QWidget, text: UiText) -> None:
    bar = bar_at_bottom(window, text, "en")
    bar.show_position(1, 3)
    bar.show_steps(8, 5)
    bar.set_paused(True)
    bar.reset()
    settle()
    assert bar.step_buttons == []
    assert not bar.pause_button.isChecked()
    assert bar.position_label.text() == ""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_twelve_steps_fit_the_kiosk_width_as_big_targets(
    qtbot: QtBot, window: QWidget, text: UiText, lang: str
) -> None:
    assert window.width() == SCREEN_SIZE[0]
    bar = bar_at_bottom(window, text, lang)
    bar.show_position(0, 2)
    bar.show_steps(MOST_STEPS, MOST_STEPS - 1)
    settle()
    floor = theme.min_target_px(window.screen().physicalDotsPerInch())
    rects = [in_window(button, window) for button in bar.step_buttons]
    for rect in rects:
        assert window.rect().contains(rect), rect
        assert rect.width() >= floor and rect.height() >= floor, rect
    for index, rect in enumerate(rects):
        assert not any(rect.intersects(other) for other in rects[index + 1 :]), rect
    for button in (bar.pause_button, bar.end_button):
        assert window.rect().contains(in_window(button, window))
        assert not any(in_window(button, window).intersects(rect) for rect in rects)
    # At 64 px targets twelve take two rows (no shipped guide has more than ten steps).
    if floor == theme.MIN_TARGET_PX:
        assert bar.steps_layout.rows() == 2
        assert bar.height() < SCREEN_SIZE[1] // 4
    assert accessibility_problems(window, text) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_shipped_guide_takes_one_slim_row(qtbot: QtBot, window: QWidget, text: UiText, lang: str) -> None:
    """Ten steps (the shipped guides have at most nine), paused: one row of targets, little more."""
    bar = bar_at_bottom(window, text, lang)
    bar.show_position(0, 2)
    bar.show_steps(10, 9)
    bar.set_paused(True)
    settle()
    floor = theme.min_target_px(window.screen().physicalDotsPerInch())
    if floor == theme.MIN_TARGET_PX:
        assert bar.steps_layout.rows() == 1
        # One target's height and a thin frame: 64 px and at most 20 more.
        assert bar.height() <= floor + 20, bar.height()
    for widget in (bar.position_label, bar.paused_label, bar.pause_button, bar.end_button):
        assert in_window(widget, window).bottom() < window.height()
    assert accessibility_problems(window, text) == []


def test_the_bar_keeps_its_size_whatever_the_visitor_chose(
    qtbot: QtBot, window: QWidget, text: UiText
) -> None:
    bar = bar_at_bottom(window, text)
    bar.show_position(0, 1)
    bar.show_steps(9, 0)
    settle()
    before = (bar.height(), bar.step_buttons[0].size())
    window.setStyleSheet(stylesheet(theme.look_for(TextSize.EXTRA_LARGE, True, theme.FALLBACK_DPI)))
    settle()
    assert (bar.height(), bar.step_buttons[0].size()) == before
