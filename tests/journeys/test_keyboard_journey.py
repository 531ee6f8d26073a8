"""A whole visit without touching the screen: a keyboard, then a USB number pad (NumLock on and off).

Only key presses (``qtbot.keyClick``) drive these visits: no mouse or touch event at all. Each
key goes where a real keyboard sends it, to the widget with the focus (or the window).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.qt import Kiosk, open_kiosk, settle
from ui.shell.window import Screen

KEYPAD = Qt.KeyboardModifier.KeypadModifier
NONE = Qt.KeyboardModifier.NoModifier


def press(kiosk: Kiosk, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    """One deliberate key press, a second after the last (longer than any repeat guard)."""
    kiosk.clock.advance(1.0)
    window = kiosk.window
    # pytest-qt's keyClick has no type hints (it is QTest.keyClick).
    kiosk.qtbot.keyClick(window.focusWidget() or window, key, modifier)  # type: ignore[no-untyped-call]
    settle()


def opened(qtbot: QtBot, tmp_path: Path) -> Kiosk:
    """The kiosk once its first paint is done (the keys are made then, and focus the start button)."""
    kiosk = open_kiosk(qtbot, tmp_path)
    qtbot.waitUntil(lambda: kiosk.window.first_paint_done)
    settle()
    return kiosk


def focused(kiosk: Kiosk) -> QWidget | None:
    return kiosk.window.focusWidget()


def test_a_whole_visit_with_the_keyboard_alone(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = opened(qtbot, tmp_path)
    window = kiosk.window
    # Each screen opens with its main action focused: Enter at once presses "Start".
    assert focused(kiosk) is window.start_screen.start_button
    press(kiosk, Qt.Key.Key_Return)
    assert kiosk.screen() is Screen.LANGUAGE

    # Language: Tiếng Việt (focused at once), English, Back, then the top bar.
    assert focused(kiosk) is window.language_screen.tiles["vi"]
    press(kiosk, Qt.Key.Key_Tab)
    assert focused(kiosk) is window.language_screen.tiles["en"]
    press(kiosk, Qt.Key.Key_Enter)
    assert kiosk.screen() is Screen.CATALOGUE
    assert window.session.language == "en"

    # Topics: the first lesson of the chosen tab is focused; the tabs come before the tiles.
    catalogue = window.catalogue_screen
    assert focused(kiosk) is catalogue.tiles["vneid-install"]
    press(kiosk, Qt.Key.Key_Home)
    assert focused(kiosk) is catalogue.tabs["vneid"]
    press(kiosk, Qt.Key.Key_Down)
    assert focused(kiosk) is catalogue.tabs["safety"]
    press(kiosk, Qt.Key.Key_Space)
    assert catalogue.selected_category == "safety"
    press(kiosk, Qt.Key.Key_Down)
    assert focused(kiosk) is catalogue.tiles["scam-drill"]
    press(kiosk, Qt.Key.Key_Return)
    assert kiosk.screen() is Screen.PLAYER

    # A quiz step: the answers come first. Help says what the chosen button does, in English.
    player = window.player_screen
    assert focused(kiosk) is player.quiz.safe_button
    press(kiosk, Qt.Key.Key_Right)
    assert focused(kiosk) is player.quiz.scam_button
    with qtbot.waitSignal(window.keys.help_shown) as shown:
        press(kiosk, Qt.Key.Key_F2)
    assert window.keys.help_overlay.isVisible()
    assert kiosk.text("help.on_control", name="Scam") in shown.args[0]
    assert kiosk.text("help.control.scam") in shown.args[0]
    press(kiosk, Qt.Key.Key_Escape)
    assert not window.keys.help_overlay.isVisible()
    assert focused(kiosk) is player.quiz.scam_button
    press(kiosk, Qt.Key.Key_Return)
    assert player.quiz.is_answered and player.quiz.was_right
    # The answer buttons made way for the explanation: the focus is on the way on.
    assert focused(kiosk) is player.next_button

    # Page Down goes on, Page Up goes back.
    press(kiosk, Qt.Key.Key_PageDown)
    assert window.session.step_index == 1
    press(kiosk, Qt.Key.Key_PageUp)
    assert window.session.step_index == 0
    press(kiosk, Qt.Key.Key_PageDown)
    press(kiosk, Qt.Key.Key_Home)
    assert focused(kiosk) is player.quiz.safe_button
    press(kiosk, Qt.Key.Key_Return)
    assert player.quiz.was_right
    press(kiosk, Qt.Key.Key_PageDown)
    assert window.session.step_index == 2
    assert not player.quiz.isVisible()
    press(kiosk, Qt.Key.Key_PageDown)
    assert kiosk.screen() is Screen.FINISH

    # The finish screen opens on End visit; Home goes to the first face.
    finish = window.finish_screen
    assert focused(kiosk) is finish.end_button
    press(kiosk, Qt.Key.Key_Home)
    assert focused(kiosk) is finish.face_buttons["easy"]
    press(kiosk, Qt.Key.Key_Return)
    assert finish.feedback == "easy"
    # Up from the first control wraps to the top bar (text size, reading aloud; no Home here:
    # End visit is the finish screen's one way home), then End.
    for _ in range(3):
        press(kiosk, Qt.Key.Key_Up)
    assert focused(kiosk) is finish.end_button
    press(kiosk, Qt.Key.Key_Return)
    assert kiosk.screen() is Screen.START
    assert window.session.is_pristine


def test_a_whole_visit_with_a_number_pad(qtbot: QtBot, tmp_path: Path) -> None:
    """No Tab, no arrows: each screen opens on its main action, so 5 and 3 go from start to the
    end of a tutorial; 8/2 choose, 9 is Back, 0 is Help; NumLock on (digits) and off (arrows)."""
    kiosk = opened(qtbot, tmp_path)
    window = kiosk.window
    assert focused(kiosk) is window.start_screen.start_button
    press(kiosk, Qt.Key.Key_5, KEYPAD)
    assert kiosk.screen() is Screen.LANGUAGE
    assert focused(kiosk) is window.language_screen.tiles["vi"]
    press(kiosk, Qt.Key.Key_2, KEYPAD)
    assert focused(kiosk) is window.language_screen.tiles["en"]
    press(kiosk, Qt.Key.Key_8, KEYPAD)
    press(kiosk, Qt.Key.Key_5, KEYPAD)
    assert kiosk.screen() is Screen.CATALOGUE
    assert window.session.language == "vi"

    # NumLock off: the pad's 5 is Clear. The first lesson is focused at once.
    assert focused(kiosk) is window.catalogue_screen.tiles["vneid-install"]
    press(kiosk, Qt.Key.Key_Clear, KEYPAD)
    assert kiosk.screen() is Screen.PLAYER
    assert focused(kiosk) is window.player_screen.next_button

    # 0 is Help (in Vietnamese here), and 0 again closes it.
    with qtbot.waitSignal(window.keys.help_shown) as shown:
        press(kiosk, Qt.Key.Key_0, KEYPAD)
    assert kiosk.text("help.screen.player") in shown.args[0]
    assert kiosk.text("help.keypad") in shown.args[0]
    press(kiosk, Qt.Key.Key_0, KEYPAD)
    assert not window.keys.help_overlay.isVisible()

    # 3 and 9 (PgDn and PgUp with NumLock off) go on and back through the steps.
    press(kiosk, Qt.Key.Key_3, KEYPAD)
    press(kiosk, Qt.Key.Key_PageDown, KEYPAD)
    assert window.session.step_index == 2
    press(kiosk, Qt.Key.Key_9, KEYPAD)
    assert window.session.step_index == 1
    # The volume keys are announced for narration.
    with qtbot.waitSignal(window.keys.volume_change_requested) as volume:
        press(kiosk, Qt.Key.Key_Plus, KEYPAD)
    assert volume.args == [1]
    press(kiosk, Qt.Key.Key_3, KEYPAD)
    press(kiosk, Qt.Key.Key_5, KEYPAD)
    assert kiosk.screen() is Screen.FINISH
    assert focused(kiosk) is window.finish_screen.end_button

    # 1 (End) goes to the last control (the top bar comes last: text size); 8 goes back up.
    press(kiosk, Qt.Key.Key_1, KEYPAD)
    assert focused(kiosk) is window.top_bar.comfort_button
    press(kiosk, Qt.Key.Key_8, KEYPAD)
    assert focused(kiosk) is window.top_bar.narration_button
    # No Home in the top bar here: End visit is the finish screen's one way home.
    press(kiosk, Qt.Key.Key_8, KEYPAD)
    assert focused(kiosk) is window.finish_screen.end_button
    press(kiosk, Qt.Key.Key_Enter, KEYPAD)
    assert kiosk.screen() is Screen.START


def test_a_tap_opens_the_next_screen_on_its_main_action(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.tap(kiosk.window.start_screen.start_button)
    assert kiosk.window.focusWidget() is kiosk.window.language_screen.tiles["vi"]
    assert kiosk.window.keys.rings.ring_of(kiosk.window.language_screen.tiles["vi"]).isVisible()


def test_enter_answers_the_idle_question(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.tap(kiosk.window.start_screen.start_button)
    kiosk.wait_idle(kiosk.window.idle_watcher.timeout_s)
    assert kiosk.window.idle_overlay.isVisible()
    QTest.keyClick(kiosk.window, Qt.Key.Key_Return)
    settle()
    assert not kiosk.window.idle_overlay.isVisible()
    assert kiosk.screen() is Screen.LANGUAGE


def test_any_key_answers_the_idle_question(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.window.open_tutorial("vneid-install")
    kiosk.wait_idle(kiosk.window.idle_watcher.timeout_s)
    assert kiosk.window.idle_overlay.isVisible()
    press(kiosk, Qt.Key.Key_8, KEYPAD)
    assert not kiosk.window.idle_overlay.isVisible()
    # The key answered the question; it did not also move through the tutorial.
    assert kiosk.screen() is Screen.PLAYER
    assert kiosk.window.session.step_index == 0
