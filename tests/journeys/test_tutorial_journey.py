"""A visitor taps through a whole tutorial, in Vietnamese and in English."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.catalogue import QR_URL
from tests.helpers.qt import button_with_text, decode_qr, open_kiosk, shown_texts
from ui.shell.window import Screen


@dataclass(frozen=True)
class Expected:
    language: str
    catalogue: str
    category: str
    tile: str
    progress: tuple[str, ...]
    titles: tuple[str, ...]
    first_text: str
    next: str
    done: str
    back: str
    finished: str
    safety: str
    checked: str
    end: str
    thanks: str
    easy: str


EXPECTED = {
    "vi": Expected(
        language="Tiếng Việt",
        catalogue="Bạn muốn học gì?",
        category="Ứng dụng VNeID",
        tile="Cài ứng dụng VNeID an toàn",
        progress=("Bước 1 / 3", "Bước 2 / 3", "Bước 3 / 3"),
        titles=("Mở kho ứng dụng", "Tìm VNeID", "Cài đặt"),
        first_text="Trên điện thoại Android, mở CH Play.",
        next="Tiếp theo",
        done="Hoàn thành",
        back="Quay lại",
        finished="Bạn đã học xong!",
        safety="Chỉ cài VNeID từ CH Play hoặc App Store.",
        checked="Viết theo hướng dẫn chính thức ngày 20/11/2026.",
        end="Kết thúc",
        thanks="Cảm ơn bạn đã góp ý!",
        easy="Dễ hiểu",
    ),
    "en": Expected(
        language="English",
        catalogue="What would you like to learn?",
        category="The VNeID app",
        tile="Install the VNeID app safely",
        progress=("Step 1 of 3", "Step 2 of 3", "Step 3 of 3"),
        titles=("Open the app store", "Search for VNeID", "Install"),
        first_text="On an Android phone, open CH Play.",
        next="Next",
        done="Finish",
        back="Back",
        finished="You have finished!",
        safety="Only install VNeID from CH Play or the App Store.",
        checked="Written from official guides of 20/11/2026.",
        end="End visit",
        thanks="Thank you for telling us!",
        easy="Easy",
    ),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_whole_tutorial(qtbot: QtBot, tmp_path: Path, lang: str) -> None:
    want = EXPECTED[lang]
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    assert kiosk.screen() is Screen.START
    assert "Xin chào!" in shown_texts(window)

    kiosk.tap(button_with_text(window, "Bắt đầu"))
    assert kiosk.screen() is Screen.LANGUAGE
    # Every language is offered in its own name.
    tiles = window.language_screen.tiles
    assert {tile.text() for tile in tiles.values()} == {"Tiếng Việt", "English"}

    kiosk.tap(tiles[lang])
    assert kiosk.screen() is Screen.CATALOGUE
    assert window.top_bar.title_label.text() == want.catalogue
    assert window.catalogue_screen.tabs["vneid"].text() == want.category
    assert window.catalogue_screen.tabs["vneid"].isChecked()

    kiosk.tap(window.catalogue_screen.tiles["vneid-install"])
    assert kiosk.screen() is Screen.PLAYER
    player = window.player_screen
    for index in range(3):
        assert window.top_bar.title_label.text() == want.progress[index]
        assert player.title_label.text() == want.titles[index]
        assert player.picture.highlight_rect() is not None
        # Repeat reads the step again: not shown while reading aloud is off.
        assert player.back_button.isVisible() and not player.repeat_button.isVisible()
        assert player.next_button.isVisible() and window.top_bar.home_button.isVisible()
        if index == 0:
            assert player.text_label.text() == want.first_text
        if index < 2:
            assert player.next_button.text() == want.next
            kiosk.tap(player.next_button)
    assert player.next_button.text() == want.done

    # Back goes one step back, and on again.
    kiosk.tap(player.back_button)
    assert window.top_bar.title_label.text() == want.progress[1]
    kiosk.tap(player.next_button)
    kiosk.tap(player.next_button)

    assert kiosk.screen() is Screen.FINISH
    finish = window.finish_screen
    assert window.top_bar.title_label.text() == want.finished
    assert finish.tutorial_label.text() == want.tile
    assert finish.safety_label.text() == want.safety
    assert finish.checked_label.text() == want.checked
    assert finish.qr_view.data == QR_URL
    assert "https://" + finish.shown_url() == QR_URL
    assert decode_qr(finish.qr_view) == [QR_URL]

    kiosk.tap(finish.face_buttons["easy"])
    assert finish.face_buttons["easy"].text() == want.easy
    assert finish.thanks_label.isVisible()
    assert finish.thanks_label.text() == want.thanks

    kiosk.tap(button_with_text(window, want.end))
    assert kiosk.screen() is Screen.START
    assert window.session.is_pristine
    assert "Xin chào!" in shown_texts(window)


def test_back_from_the_first_step_returns_to_the_topics(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["vi"])
    kiosk.tap(window.catalogue_screen.tabs["safety"])
    assert set(window.catalogue_screen.tiles) == {"scam-drill"}
    kiosk.tap(window.catalogue_screen.tiles["scam-drill"])
    kiosk.tap(window.player_screen.back_button)
    assert kiosk.screen() is Screen.CATALOGUE
    assert window.session.tutorial_id is None
    kiosk.tap(window.catalogue_screen.back_button)
    assert kiosk.screen() is Screen.LANGUAGE
    kiosk.tap(window.language_screen.back_button)
    assert kiosk.screen() is Screen.START


def test_choose_another_topic_keeps_the_language_and_category(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["en"])
    kiosk.tap(window.catalogue_screen.tabs["safety"])
    kiosk.tap(window.catalogue_screen.tiles["scam-drill"])
    quiz = window.player_screen.quiz
    # Next waits for an answer to each of the drill's two questions.
    for answer in (quiz.scam_button, quiz.safe_button, None):
        if answer is not None:
            kiosk.tap(answer)
        kiosk.tap(window.player_screen.next_button)
    assert kiosk.screen() is Screen.FINISH
    kiosk.tap(button_with_text(window, "Choose another topic"))
    assert kiosk.screen() is Screen.CATALOGUE
    assert window.session.language == "en"
    assert window.catalogue_screen.tabs["safety"].isChecked()


def test_a_shaky_double_tap_moves_only_one_step(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    window.open_tutorial("vneid-install")
    kiosk.tap(window.player_screen.next_button)
    kiosk.tap(window.player_screen.next_button, after_s=0.15)
    assert window.session.step_index == 1
    kiosk.tap(window.player_screen.next_button)
    assert window.session.step_index == 2


def test_a_doubled_tap_on_start_does_not_also_choose_a_language(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["en"], after_s=0.1)
    assert kiosk.screen() is Screen.LANGUAGE
    assert window.session.language == "vi"
