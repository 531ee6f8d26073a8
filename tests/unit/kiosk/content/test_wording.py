"""The wording rules: what the voice says, which words it would misread, long sentences, the glossary."""

from __future__ import annotations

from kiosk.content.glossary_entry import GlossaryEntry
from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.wording import (
    glossary_for,
    long_sentences,
    spoken_form,
    syllables,
    unpronounced_abbreviations,
    variant_uses,
)

SAID = {
    "BHYT": "bảo hiểm y tế",
    "OTP": "ô tê pê",
    "Smart": "xờ mát",
    "113": "một một ba",
    "dichvucong.gov.vn": "dịch vụ công chấm gốp chấm vê en",
}


def test_pronunciation_replaces_whole_words_only_and_is_case_sensitive() -> None:
    assert spoken_form("Thẻ BHYT, mã OTP, Smart OTP.", SAID, "vi") == (
        "Thẻ bảo hiểm y tế, mã ô tê pê, xờ mát ô tê pê."
    )
    # Part of a word, or another case, is left alone.
    assert spoken_form("BHYTX otp OTPs", SAID, "vi") == "BHYTX otp OTPs"
    # A domain is one written word, dots and all, even at the end of a sentence.
    assert spoken_form("Vào https://dichvucong.gov.vn.", SAID, "vi") == (
        "Vào https://dịch vụ công chấm gốp chấm vê en."
    )
    assert spoken_form("Gọi 113 ngay.", SAID, "vi") == "Gọi một một ba ngay."


def test_dates_are_said_as_dates_in_each_language() -> None:
    assert spoken_form("Từ 1/6/2025 và từ ngày 15/12/2025.", {}, "vi") == (
        "Từ ngày 1 tháng 6 năm 2025 và từ ngày 15 tháng 12 năm 2025."
    )
    assert spoken_form("From 1/7/2024, on 22/12/2025.", {}, "en") == (
        "From the 1st of July 2024, on the 22nd of December 2025."
    )
    # Not a real day and month: left as written.
    assert spoken_form("32/13/2025", {}, "vi") == "32/13/2025"


def test_long_numbers_are_said_digit_by_digit_but_amounts_are_not() -> None:
    assert spoken_form("Số 012345678901.", {}, "vi") == "Số 0 1 2 3 4 5 6 7 8 9 0 1."
    assert spoken_form("Gọi 1900 0368.", {}, "vi") == "Gọi 1 9 0 0 0 3 6 8."
    assert spoken_form("Giá 500.000 đồng, 1.000.000 đồng, năm 2025, 12 số.", {}, "vi") == (
        "Giá 500.000 đồng, 1.000.000 đồng, năm 2025, 12 số."
    )


def test_abbreviations_without_an_entry_are_found_once() -> None:
    text = "Bật NFC, nhập mã OTP trong VNeID. NFC là gì? Thẻ BHYT, ô Họ tên, iPhone."
    assert unpronounced_abbreviations(text, SAID) == ["NFC", "VNeID"]


def test_syllables_count_words_in_vietnamese_and_vowel_groups_in_english() -> None:
    assert syllables("Bấm vào biểu tượng “VNeID” trên màn hình.", "vi") == 8
    assert syllables("Tap the button to install the application.", "en") == 12
    assert syllables("Make sure you use the same phone.", "en") == 7
    long = (
        "Bấm vào biểu tượng VNeID trên màn hình chính của điện thoại rồi chờ cho ứng dụng mở ra"
        " và đọc kỹ màn hình đầu tiên."
    )
    assert long_sentences(f"Mở ứng dụng. {long} Xong.", "vi") == [(long, 26)]


def test_variants_and_the_entries_a_text_uses() -> None:
    otp = GlossaryEntry("otp", "mã OTP", "Mã số gửi qua tin nhắn.", ("mã xác thực", "mã một lần"))
    nfc = GlossaryEntry("nfc", "NFC", "Đọc chip thẻ căn cước.")
    uses = list(variant_uses("Nhập Mã xác thực, rồi mã OTP.", [otp, nfc]))
    assert [(use.entry.id, use.variant) for use in uses] == [("otp", "mã xác thực")]
    assert glossary_for("Bật NFC rồi nhập mã một lần.", [otp, nfc]) == (otp, nfc)
    assert glossary_for("Bấm “Tiếp tục”.", [otp, nfc]) == ()


def test_the_shipped_glossary_explains_the_words_the_review_named() -> None:
    catalogue = load_catalogue(packs_dir(), ("vi", "en"))
    health = catalogue.tutorial("vneid-health-card")
    step = health.step_text("vi", health.steps[7])
    assert "passcode" in step.text
    assert [entry.term for entry in health.glossary_for(step.text, "vi")] == ["passcode"]
    terms = {entry.term for entry in health.words("vi").glossary}
    assert {"mã OTP", "passcode", "NFC", "Smart OTP", "tích hợp"} <= terms
    english = {entry.term for entry in health.words("en").glossary}
    assert {"OTP code", "passcode", "NFC", "Smart OTP"} <= english
