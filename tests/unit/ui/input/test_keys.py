"""Keys and the number pad: the map, the order the focus moves in, the ring, and what keys leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.qt import Kiosk, open_kiosk, pixels_like, settle
from ui.input.keys import Action, action_for
from ui.input.pipeline import Slot
from ui.look import theme
from ui.organiser.entry import OrganiserEntry
from ui.shell.window import Screen
from ui.widgets.focus_order import controls

K = Qt.Key
KEYPAD = Qt.KeyboardModifier.KeypadModifier
NONE = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.mark.parametrize(
    ("key", "modifiers", "action"),
    [
        # A keyboard.
        (K.Key_Tab, NONE, Action.NEXT_CONTROL),
        (K.Key_Backtab, SHIFT, Action.PREVIOUS_CONTROL),
        (K.Key_Down, NONE, Action.NEXT_CONTROL),
        (K.Key_Up, NONE, Action.PREVIOUS_CONTROL),
        (K.Key_Right, NONE, Action.NEXT_CONTROL),
        (K.Key_Left, NONE, Action.PREVIOUS_CONTROL),
        (K.Key_Return, NONE, Action.PRESS),
        (K.Key_Space, NONE, Action.PRESS),
        (K.Key_PageUp, NONE, Action.BACK),
        (K.Key_PageDown, NONE, Action.NEXT),
        (K.Key_F2, NONE, Action.HELP),
        (K.Key_Question, SHIFT, Action.HELP),
        (K.Key_Escape, NONE, Action.CLOSE),
        (K.Key_Asterisk, SHIFT, Action.REPEAT),
        # A number pad with NumLock on: digits.
        (K.Key_8, KEYPAD, Action.PREVIOUS_CONTROL),
        (K.Key_2, KEYPAD, Action.NEXT_CONTROL),
        (K.Key_4, KEYPAD, Action.PREVIOUS_CONTROL),
        (K.Key_6, KEYPAD, Action.NEXT_CONTROL),
        (K.Key_7, KEYPAD, Action.FIRST_CONTROL),
        (K.Key_1, KEYPAD, Action.LAST_CONTROL),
        (K.Key_5, KEYPAD, Action.PRESS),
        (K.Key_9, KEYPAD, Action.BACK),
        (K.Key_3, KEYPAD, Action.NEXT),
        (K.Key_0, KEYPAD, Action.HELP),
        # ... with NumLock off: the keys printed under the digits.
        (K.Key_Up, KEYPAD, Action.PREVIOUS_CONTROL),
        (K.Key_Down, KEYPAD, Action.NEXT_CONTROL),
        (K.Key_Clear, KEYPAD, Action.PRESS),
        (K.Key_PageUp, KEYPAD, Action.BACK),
        (K.Key_PageDown, KEYPAD, Action.NEXT),
        (K.Key_Insert, KEYPAD, Action.HELP),
        (K.Key_Home, KEYPAD, Action.FIRST_CONTROL),
        (K.Key_End, KEYPAD, Action.LAST_CONTROL),
        # ... and the keys NumLock does not change.
        (K.Key_Enter, KEYPAD, Action.PRESS),
        (K.Key_Slash, KEYPAD, Action.HELP),
        (K.Key_Asterisk, KEYPAD, Action.REPEAT),
        (K.Key_Plus, KEYPAD, Action.VOLUME_UP),
        (K.Key_Minus, KEYPAD, Action.VOLUME_DOWN),
    ],
)
def test_the_key_map(key: Qt.Key, modifiers: Qt.KeyboardModifier, action: Action) -> None:
    assert action_for(key, modifiers) is action


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        # The organiser's chord, the operator's way out, Alt+F4: never a visitor's key.
        (K.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier),
        (K.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | SHIFT),
        (K.Key_F4, Qt.KeyboardModifier.AltModifier),
        (K.Key_Tab, Qt.KeyboardModifier.ControlModifier),
        # The main keyboard's digits and slash are not the number pad's.
        (K.Key_5, NONE),
        (K.Key_Slash, NONE),
        (K.Key_A, NONE),
    ],
)
def test_keys_that_are_not_the_visitors(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    assert action_for(key, modifiers) is None


def press(kiosk: Kiosk, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    kiosk.clock.advance(1.0)
    QTest.keyClick(kiosk.window.focusWidget() or kiosk.window, key, modifiers)
    settle()


def test_the_focus_goes_through_the_screen_then_its_bottom_bar_then_the_top_bar(
    qtbot: QtBot, tmp_path: Path
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    qtbot.waitUntil(lambda: kiosk.window.first_paint_done)
    window = kiosk.window
    window.show_screen(Screen.CATALOGUE)
    settle()
    catalogue = window.catalogue_screen
    row = catalogue.rows["vneid-install"]
    assert controls(window) == [
        catalogue.tabs["vneid"],
        catalogue.tabs["safety"],
        row.tile,
        row.print_button,
        catalogue.back_button,
        window.top_bar.home_button,
        window.top_bar.narration_button,
        window.top_bar.comfort_button,
    ]
    # The screen opened on its main action, the first lesson.
    assert window.focusWidget() is row.tile
    # Shift+Tab from nothing chosen starts at the end; Tab past the end comes round again.
    window.setFocus()
    press(kiosk, K.Key_Backtab, SHIFT)
    assert window.focusWidget() is window.top_bar.comfort_button
    press(kiosk, K.Key_Tab)
    assert window.focusWidget() is catalogue.tabs["vneid"]


def test_an_overlay_keeps_the_keys_to_itself(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    window.open_tutorial("vneid-install")
    window.open_comfort()
    settle()
    panel = window.comfort_panel
    assert controls(window) == [
        *panel.size_buttons.values(),
        panel.default_button,
        panel.high_contrast_button,
        panel.narration.on_button,
        panel.narration.off_button,
        panel.done_button,
    ]
    # Page Down does not turn the page under the panel: it closes the panel ("Done").
    press(kiosk, K.Key_PageDown)
    assert not panel.isVisible()
    assert window.session.step_index == 0
    # Esc closes it too, and only closes: it never goes back a step on the screen.
    window.open_comfort()
    press(kiosk, K.Key_Escape)
    assert not panel.isVisible()
    press(kiosk, K.Key_Escape)
    assert kiosk.screen() is Screen.PLAYER


def ring_pixels(widget: QWidget, colour: str) -> int:
    """How many pixels of ``widget`` as drawn are (nearly) ``colour``."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return pixels_like(image, colour)


@pytest.mark.parametrize("high_contrast", [False, True])
def test_each_screen_opens_with_a_thick_ring_on_its_main_action(
    qtbot: QtBot, tmp_path: Path, high_contrast: bool
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    qtbot.waitUntil(lambda: kiosk.window.first_paint_done)
    window = kiosk.window
    window.session.set_high_contrast(high_contrast)
    settle()
    start = window.start_screen.start_button
    focus = window.look.palette.focus
    assert window.focusWidget() is start
    # Sampled every other pixel: two lines all round, FOCUS_RING_LINE thick each, are at least this many.
    perimeter = 2 * (start.width() + start.height())
    assert ring_pixels(start, focus) >= perimeter * 2 * theme.FOCUS_RING_LINE // 4 * 0.8
    # A tap opens the next screen on its main action: the ring is there, not on Back.
    kiosk.tap(start)
    settle()
    tile = window.language_screen.tiles["vi"]
    assert window.focusWidget() is tile
    assert ring_pixels(tile, focus) > 0
    assert ring_pixels(window.language_screen.back_button, focus) == 0


def test_help_speaks_the_screens_language_and_closes_with_any_of_its_keys(
    qtbot: QtBot, tmp_path: Path
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    window.session.choose_language("en")
    window.show_screen(Screen.LANGUAGE)
    settle()
    with qtbot.waitSignal(window.keys.help_shown) as shown:
        press(kiosk, K.Key_Question, SHIFT)
    overlay = window.keys.help_overlay
    assert overlay.isVisible()
    # The screen opened on "Tiếng Việt": Help names it, then says what the screen is for.
    assert shown.args[0].startswith("Help\n" + kiosk.text("help.on_control", name="Tiếng Việt"))
    assert kiosk.text("help.screen.language") in shown.args[0]
    assert overlay.close_button.text() == "Close help"
    press(kiosk, K.Key_F2)
    assert not overlay.isVisible()
    for key in (K.Key_Escape, K.Key_PageUp, K.Key_PageDown, K.Key_Return, K.Key_0):
        press(kiosk, K.Key_F1)
        assert overlay.isVisible()
        press(kiosk, key, KEYPAD if key is K.Key_0 else NONE)
        assert not overlay.isVisible(), key
    # Help never moved the visitor: still on the language screen.
    assert kiosk.screen() is Screen.LANGUAGE


def test_help_goes_when_the_visit_is_reset(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    window.open_tutorial("vneid-install")
    press(kiosk, K.Key_F2)
    assert window.keys.help_overlay.isVisible()
    window.return_to_start()
    assert not window.keys.help_overlay.isVisible()


def test_a_held_key_does_not_repeat(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    window.open_tutorial("vneid-install")
    held = QKeyEvent(QEvent.Type.KeyPress, K.Key_PageDown, NONE, "", True)
    press(kiosk, K.Key_PageDown)
    kiosk.clock.advance(1.0)
    QApplication.sendEvent(window, held)
    assert window.session.step_index == 1


def test_the_organiser_chord_still_reaches_its_stage(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    entered: list[bool] = []
    entry = OrganiserEntry(window, lambda: entered.append(True))
    window.input.place(Slot.ORGANISER_CORNER, entry)
    try:
        press(kiosk, K.Key_Down)
        start_button = window.start_screen.start_button
        assert window.focusWidget() is start_button
        chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        # The keys let the chord pass, so it would reach the organiser whichever stage came first.
        assert not window.keys.filter(start_button, QKeyEvent(QEvent.Type.KeyPress, K.Key_O, chord))
        press(kiosk, K.Key_O, chord)
        assert entered == [True]
    finally:
        entry.stop()
        assert window.organiser is not None
        window.input.place(Slot.ORGANISER_CORNER, window.organiser.entry)


def test_alt_f4_is_still_refused_in_kiosk_mode_with_a_button_focused(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, kiosk_mode=True)
    window = kiosk.window
    press(kiosk, K.Key_Down)
    assert window.focusWidget() is window.start_screen.start_button
    press(kiosk, K.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert window.isVisible()
    assert kiosk.screen() is Screen.START


def test_the_pin_pad_gets_the_number_pad_digits(qtbot: QtBot, tmp_path: Path) -> None:
    """A widget with ``own_keys`` (the PIN pad) types digits; the keys do not move the focus."""
    from kiosk.pins import PinStore
    from tests.helpers.organiser import pin_store
    from ui.organiser.pin_dialog import PinPad

    kiosk = open_kiosk(qtbot, tmp_path)
    store: PinStore = pin_store(tmp_path, kiosk.clock)
    pad = PinPad(store, kiosk.ui_text, "vi", parent=kiosk.window)
    pad.setGeometry(kiosk.window.rect())
    pad.show()
    pad.start()
    settle()
    for key in (K.Key_2, K.Key_8, K.Key_4, K.Key_6):
        press(kiosk, key, KEYPAD)
    assert pad.entered == "2846"


def test_a_text_field_keeps_its_keys(qtbot: QtBot, tmp_path: Path) -> None:
    """Should a volunteer's screen hold a text field, its arrows, Space and + are for typing."""
    from PySide6.QtWidgets import QLineEdit

    kiosk = open_kiosk(qtbot, tmp_path)
    field = QLineEdit(kiosk.window)
    field.setGeometry(10, 10, 300, 64)
    field.show()
    field.setFocus()
    for key in (K.Key_A, K.Key_Space, K.Key_Plus, K.Key_Left, K.Key_B):
        press(kiosk, key)
    # "a", " ", "+", then Left moves the cursor before the "+" and "b" goes there.
    assert field.text() == "a b+"
    assert kiosk.window.focusWidget() is field
