"""What a step says aloud, in which language."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from kiosk.content.audio import Part
from kiosk.narration.speech import Utterance, step_speech, text_speech

from .narration_helpers import GOOD_PACK, copy_pack, tutorial


def test_a_step_says_its_title_then_its_text_in_the_screen_language() -> None:
    login = tutorial(GOOD_PACK, "vneid-login")
    assert step_speech(login, 0, "en").utterances == (
        Utterance("Open the app. Tap the “VNeID” icon on the screen.", "en"),
    )
    vietnamese = step_speech(login, 0, "vi")
    assert vietnamese.languages == ("vi",)
    assert vietnamese.text.startswith(login.text("vi").steps["open-app"].title)


def test_a_quiz_step_does_not_give_its_answer_away_until_asked_for_the_reason() -> None:
    login = tutorial(GOOD_PACK, "vneid-login")
    step = step_speech(login, 1, "en")
    assert step.text == (
        "A call from the “police”."
        " A caller says he is a police officer and asks you to read him the OTP code."
    )
    assert "never" not in step.text
    assert step_speech(login, 1, "en", Part.REASON).text == "The police never ask for an OTP code by phone."
    # An instruction step has no reason to read.
    assert not step_speech(login, 0, "en", Part.REASON)


def test_an_untranslated_part_is_spoken_by_the_vietnamese_voice(tmp_path: Path) -> None:
    pack = copy_pack(GOOD_PACK, tmp_path)
    english = pack / "tutorials/vneid-login/en.yaml"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("    text: Tap the “VNeID” icon on the screen.\n", ""), encoding="utf-8")
    login = tutorial(pack, "vneid-login")
    speech = step_speech(login, 0, "en")
    vietnamese_text = login.text("vi").steps["open-app"].text
    assert speech.utterances == (Utterance("Open the app.", "en"), Utterance(vietnamese_text, "vi"))
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
