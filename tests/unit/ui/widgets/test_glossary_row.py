"""Words to know: a step whose text uses a glossary term shows it under the words; a tap shows
what it means over the window; Escape (or a tap) closes it. On the shipped tutorials."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from tests.helpers.qt import open_kiosk, settle, ui_text


def _step_with(catalogue, words: str, lang: str):  # type: ignore[no-untyped-def]
    for tutorial in catalogue.tutorials:
        for index, step in enumerate(tutorial.steps):
            if words in tutorial.step_text(lang, step).text:
                return tutorial, index
    raise AssertionError(f"no shipped step says {words!r}")


def test_a_step_with_otp_code_explains_it_on_a_tap(qtbot: QtBot, tmp_path: Path) -> None:
    shipped = load_catalogue(packs_dir(), ui_languages=ui_text().languages())
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped)
    window = kiosk.window
    window.session.choose_language("vi")
    tutorial, index = _step_with(shipped, "mã OTP", "vi")
    window.open_tutorial(tutorial.id, index)
    settle()
    player = window.player_screen
    row = player.glossary_row
    # Offered once the step is laid out, in the room its words leave.
    qtbot.waitUntil(row.isVisible, timeout=2000)
    assert row.caption.text() == "Từ cần biết:"
    terms = {button.text(): button for button in row.buttons}
    assert "mã OTP" in terms
    button = terms["mã OTP"]
    assert button.accessibleName() == "Nghĩa của “mã OTP” là gì?"
    # Keyboard reachable: a button that takes the focus from the keys.
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()
    panel = player.glossary_panel
    assert panel is not None and panel.isVisible()
    assert panel.term_label.text() == "mã OTP"
    assert panel.meaning_label.text().startswith("Mã số gửi qua tin nhắn, chỉ dùng một lần")
    # What reading aloud says when it opens: the term, then its meaning.
    assert panel.spoken_text().startswith("mã OTP. Mã số gửi qua tin nhắn")
    # Over the whole window, as the other overlays.
    assert panel.geometry() == window.rect()
    QTest.keyClick(panel, Qt.Key.Key_Escape)
    settle()
    assert not panel.isVisible()
    # Again, and a tap anywhere closes it.
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()
    assert panel.isVisible()
    QTest.mouseClick(panel, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    settle()
    assert not panel.isVisible()


def test_english_words_to_know_and_a_step_without_terms(qtbot: QtBot, tmp_path: Path) -> None:
    shipped = load_catalogue(packs_dir(), ui_languages=ui_text().languages())
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped)
    window = kiosk.window
    window.session.choose_language("en")
    tutorial, index = _step_with(shipped, "OTP code", "en")
    window.open_tutorial(tutorial.id, index)
    settle()
    row = window.player_screen.glossary_row
    qtbot.waitUntil(row.isVisible, timeout=2000)
    assert row.caption.text() == "Words to know:"
    assert "OTP code" in [button.text() for button in row.buttons]
    # A step that uses no term shows no row.
    for other in shipped.tutorials:
        for step_index, step in enumerate(other.steps):
            if not other.glossary_for(other.step_text("en", step).text, "en"):
                window.open_tutorial(other.id, step_index)
                settle()
                assert not window.player_screen.glossary_row.isVisible()
                return
