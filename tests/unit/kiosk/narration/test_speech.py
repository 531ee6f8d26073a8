"""What a step says aloud, in which language."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from kiosk.content.audio import Part
from kiosk.narration.speech import Utterance, step_speech, text_speech

from .narration_helpers import GOOD_PACK, copy_pack, tutorial


def test_a_step_says_its_title_then_its_text_in_the_screen_language() -> None:
    login = tutorial(GOOD_PACK, "vneid-login")
    # The pack's pronunciation list spells VNeID out; the ring's words come last.
    assert step_speech(login, 0, "en").utterances == (
        Utterance(
            "Open the app. Tap the “V N e I D” icon on the screen. Tap the button with the orange ring.", "en"
        ),
    )
    vietnamese = step_speech(login, 0, "vi")
    assert vietnamese.languages == ("vi",)
    assert vietnamese.text.startswith(login.text("vi").steps["open-app"].title)


def test_a_quiz_step_does_not_give_its_answer_away_until_asked_for_the_reason() -> None:
    login = tutorial(GOOD_PACK, "vneid-login")
    step = step_speech(login, 1, "en")
    assert step.text == (
        "A call from the “police”."
        " A caller says he is a police officer and asks you to read him the O T P code."
        " Look at the part with the dashed blue ring: it is there to see, not to tap."
    )
    assert "never" not in step.text
    assert step_speech(login, 1, "en", Part.REASON).text == "The police never ask for an O T P code by phone."
    # An instruction step has no reason to read.
    assert not step_speech(login, 0, "en", Part.REASON)


def test_an_untranslated_part_is_spoken_by_the_vietnamese_voice(tmp_path: Path) -> None:
    pack = copy_pack(GOOD_PACK, tmp_path)
    english = pack / "tutorials/vneid-login/en.yaml"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("    text: Tap the “VNeID” icon on the screen.\n", ""), encoding="utf-8")
    login = tutorial(pack, "vneid-login")
    speech = step_speech(login, 0, "en")
    assert speech.utterances == (
        Utterance("Open the app.", "en"),
        Utterance("Bấm vào biểu tượng “vê en e ai đi” trên màn hình.", "vi"),
        Utterance("Tap the button with the orange ring.", "en"),
    )
    # A language the tutorial is not written in at all is Vietnamese throughout.
    assert step_speech(login, 0, "hmn").languages == ("vi",)


def test_text_is_nfc_and_on_one_line_so_the_same_words_always_make_the_same_key() -> None:
    decomposed = unicodedata.normalize("NFD", "Mở kho\n  ứng dụng")
    speech = text_speech(decomposed, "vi")
    assert speech.text == "Mở kho ứng dụng"
    assert unicodedata.is_normalized("NFC", speech.text)
    assert speech.key == text_speech("Mở kho ứng dụng", "vi").key
    assert speech.key != text_speech("Mở kho ứng dụng", "en").key
    assert not text_speech("  \n ", "vi")


def test_the_spoken_words_replace_the_text_and_are_pronounced_too(tmp_path: Path) -> None:
    pack = copy_pack(GOOD_PACK, tmp_path)
    vietnamese = pack / "tutorials/vneid-login/vi.yaml"
    text = vietnamese.read_text(encoding="utf-8")
    vietnamese.write_text(
        text.replace(
            "    text: Bấm vào biểu tượng “VNeID” trên màn hình.\n",
            "    text: Bấm vào biểu tượng “VNeID” trên màn hình.\n"
            "    spoken: Từ ngày 1/6/2025, gọi 1900 0368 hoặc bấm vào biểu tượng VNeID.\n",
        ),
        encoding="utf-8",
    )
    login = tutorial(pack, "vneid-login")
    assert step_speech(login, 0, "vi").text == (
        "Mở ứng dụng. Từ ngày 1 tháng 6 năm 2025, gọi 1 9 0 0 0 3 6 8 hoặc bấm vào biểu tượng vê en e ai đi."
        " Nút cần bấm được khoanh vòng màu cam."
    )
    # English has no spoken words of its own: it says its text.
    assert "Tap the “V N e I D” icon" in step_speech(login, 0, "en").text


def test_a_step_that_rings_nothing_says_nothing_about_a_ring(tmp_path: Path) -> None:
    pack = copy_pack(GOOD_PACK, tmp_path)
    structure = pack / "tutorials/vneid-login/tutorial.yaml"
    text = structure.read_text(encoding="utf-8")
    structure.write_text(text.replace("    highlight: app-icon\n    ring: tap\n", ""), encoding="utf-8")
    login = tutorial(pack, "vneid-login")
    assert step_speech(login, 0, "en").text == "Open the app. Tap the “V N e I D” icon on the screen."


def test_the_audio_key_follows_the_words_said_not_the_words_written(tmp_path: Path) -> None:
    before = step_speech(tutorial(GOOD_PACK, "vneid-login"), 1, "vi")
    pack = copy_pack(GOOD_PACK, tmp_path)
    words = pack / "vi.yaml"
    words.write_text(
        words.read_text(encoding="utf-8").replace("OTP: ô tê pê", "OTP: ô tê bê"), encoding="utf-8"
    )
    after = step_speech(tutorial(pack, "vneid-login"), 1, "vi")
    assert "ô tê bê" in after.text and "ô tê pê" in before.text
    # Pre-rendered and cached audio is named by this key: the old file is never played again.
    assert after.key != before.key


def test_screen_words_have_their_dates_and_long_numbers_written_out() -> None:
    assert text_speech("Viết theo hướng dẫn chính thức ngày 20/11/2026.", "vi").text == (
        "Viết theo hướng dẫn chính thức ngày 20 tháng 11 năm 2026."
    )
    assert text_speech("Written from official guides of 20/11/2026.", "en").text == (
        "Written from official guides of the 20th of November 2026."
    )
    assert text_speech("Mở VNeID", "vi", {"VNeID": "vê en e ai đi"}).text == "Mở vê en e ai đi"
