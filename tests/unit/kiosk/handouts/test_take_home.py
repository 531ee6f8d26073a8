"""The "continue at home" sheet of a guided session, read back as the visitor and their phone would."""

from __future__ import annotations

import functools
import io
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue
from kiosk.handouts import HandoutWords, PaperSize, TakeHome, TakeHomePart, build_take_home, fonts
from kiosk.handouts.cli import take_home_command

from .pdf_checks import flat, font_problems, one_bit, page_count, page_texts, qr_texts, render

POINT_NAME = "Nhà văn hóa thôn Bản Lang, xã Mường Lay"
TODAY = date(2026, 11, 25)
A4_DPI = 150
THERMAL_DPI = 203
# Install done; activation not finished (the SMS code never came); a bill paid by QR.
RESULTS: tuple[tuple[str, list[str], list[str]], ...] = (
    ("vneid-install", ["vneid-installed"], []),
    ("vneid-activate", [], ["sms-code-missing"]),
    ("qr-pay-bill", ["balance-alerts-on", "bill-paid"], []),
)


@functools.cache
def catalogue() -> Catalogue:
    return load_catalogue(packs_dir(), ("vi", "en"))


@functools.cache
def sheet(language: str, paper: PaperSize) -> bytes:
    session = TakeHome.from_catalogue(catalogue(), RESULTS)
    words = HandoutWords.load(language)
    return build_take_home(session, language, paper, point_name=POINT_NAME, today=TODAY, words=words)


def _text(pdf: bytes) -> str:
    return flat("\n".join(page_texts(pdf)))


@pytest.mark.parametrize("paper", list(PaperSize))
def test_vietnamese_sheet_says_what_was_done_what_not_and_what_next(paper: PaperSize) -> None:
    text = _text(sheet("vi", paper))
    assert unicodedata.is_normalized("NFC", text)
    in_order = [
        POINT_NAME,
        "Ngày 25/11/2026",
        "Tiếp tục ở nhà",
        "1. Cài ứng dụng VNeID an toàn",
        "Hôm nay đã làm được:",
        "Đã cài ứng dụng VNeID từ CH Play hoặc App Store",
        "Việc tiếp theo ở nhà",
        "mang thẻ căn cước gắn chip đến công an xã, phường",
        "2. Kích hoạt tài khoản định danh điện tử mức 2",
        "Chưa làm xong vì:",
        "Không nhận được mã qua tin nhắn",
        "Nếu ứng dụng báo “Đang kiểm tra hồ sơ”",
        "3. Trả tiền điện, nước bằng mã QR",
        # Printed in the tutorial's order, not the order they were ticked in.
        "Đã trả một hóa đơn bằng mã QR",
        "Đã bật thông báo biến động số dư",
        "luôn xem tên người nhận và số tiền",
    ]
    positions = [text.find(flat(part)) for part in in_order]
    assert -1 not in positions, [part for part, at in zip(in_order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    # The privacy line: in each A4 page's footer, at the end of a receipt.
    pdf = sheet("vi", paper)
    footer = "Tờ hướng dẫn này không chứa thông tin cá nhân nào."
    assert text.count(footer) == (page_count(pdf) if paper is PaperSize.A4 else 1)
    # What was not ticked is not printed.
    assert "Đã kích hoạt tài khoản" not in text
    assert text.count("Hôm nay đã làm được") == 2 and text.count("Chưa làm xong vì") == 1


@pytest.mark.parametrize("paper", list(PaperSize))
def test_english_sheet(paper: PaperSize) -> None:
    text = _text(sheet("en", paper))
    for part in (
        "Continue at home",
        "1. Install the VNeID app safely",
        "Done today:",
        "Installed the VNeID app from CH Play or the App Store",
        "Not finished because:",
        "The SMS code did not arrive",
        "Next, at home",
        "Paid a bill by QR code",
        "This sheet holds no personal data.",
    ):
        assert flat(part) in text, part


def test_every_qr_code_opens_its_tutorials_official_page_on_a4() -> None:
    pdf = sheet("vi", PaperSize.A4)
    per_page = [qr_texts(render(pdf, A4_DPI, page)) for page in range(page_count(pdf))]
    expected = [catalogue().tutorial(tutorial_id).qr_url for tutorial_id, _, _ in RESULTS]
    # The bill payment has no QR code: no official page of the kiosk's list pays a bill.
    expected = [url for url in expected if url]
    assert sorted(url for urls in per_page for url in urls) == sorted(expected)
    # A tutorial is never split from its code: each page holds whole tutorials.
    for text, urls in zip(page_texts(pdf), per_page, strict=True):
        assert flat(text).count("Quét mã bằng điện thoại") == len(urls)


def test_every_qr_code_scans_on_a_receipt_printed_at_203_dpi() -> None:
    pdf = sheet("en", PaperSize.RECEIPT)
    assert page_count(pdf) == 1
    found = qr_texts(one_bit(render(pdf, THERMAL_DPI)))
    assert sorted(found) == sorted(url for t, _, _ in RESULTS if (url := catalogue().tutorial(t).qr_url))


@pytest.mark.parametrize("paper", list(PaperSize))
def test_fonts_travel_inside_and_the_same_session_gives_the_same_bytes(paper: PaperSize) -> None:
    pdf = sheet("vi", paper)
    count, problems = font_problems(pdf)
    assert count >= 2 and problems == []
    # Ticked as a set, in another order: the same sheet.
    shuffled = TakeHome.from_catalogue(catalogue(), [(t, frozenset(a), frozenset(r)) for t, a, r in RESULTS])
    again = build_take_home(
        shuffled, "vi", paper, point_name=POINT_NAME, today=TODAY, words=HandoutWords.load("vi")
    )
    assert again == pdf


def test_a_tutorial_with_nothing_ticked_still_gets_its_next_steps_and_code() -> None:
    session = TakeHome.from_catalogue(catalogue(), [("scam-drill", [], [])])
    pdf = build_take_home(
        session, "vi", PaperSize.A4, point_name=POINT_NAME, today=TODAY, words=HandoutWords.load("vi")
    )
    text = _text(pdf)
    assert "Việc tiếp theo ở nhà" in text and "tinnhiemmang.vn" in text
    assert "Hôm nay đã làm được" not in text and "Chưa làm xong" not in text
    assert qr_texts(render(pdf, A4_DPI)) == [catalogue().tutorial("scam-drill").qr_url]


def test_unknown_ids_are_refused_before_anything_is_printed() -> None:
    install = catalogue().tutorial("vneid-install")
    reasons = {reason.id: reason for reason in catalogue().reasons}
    with pytest.raises(ValueError, match="no outcome bill-paid"):
        TakeHome((TakeHomePart(install, achieved=("bill-paid",)),), reasons)
    with pytest.raises(ValueError, match="unknown reason battery-flat"):
        TakeHome((TakeHomePart(install, reasons=("battery-flat",)),), reasons)
    with pytest.raises(ValueError, match="at least one tutorial"):
        TakeHome((), reasons)
    with pytest.raises(KeyError):
        TakeHome.from_catalogue(catalogue(), [("no-such-tutorial", [], [])])


def test_noto_sans_has_every_letter_of_the_outcomes_next_steps_and_reasons() -> None:
    fonts.register_fonts()
    letters = {c for language in ("vi", "en") for c in "".join(vars(HandoutWords.load(language)).values())}
    for tutorial in catalogue().tutorials:
        for text in tutorial.texts.values():
            letters |= set(unicodedata.normalize("NFC", "".join([*text.outcomes.values(), text.next_steps])))
    for reason in catalogue().reasons:
        letters |= set(unicodedata.normalize("NFC", "".join(reason.titles.values())))
    for face in (fonts.REGULAR, fonts.BOLD):
        font = pdfmetrics.getFont(face)
        assert isinstance(font, TTFont)
        missing = sorted(c for c in letters if not c.isspace() and ord(c) not in font.face.charWidths)
        assert missing == [], face


def test_the_command_writes_the_sheet_or_one_line_saying_why_not(tmp_path: Path) -> None:
    out = tmp_path / "home.pdf"
    stream = io.StringIO()
    results = ["vneid-install:vneid-installed", "vneid-activate:sms-code-missing", "scam-drill"]
    assert take_home_command(results, "en", "receipt", out, stream) == 0
    assert stream.getvalue() == f"{out}\n"
    text = _text(out.read_bytes())
    assert "Installed the VNeID app" in text and "The SMS code did not arrive" in text
    for wrong in (["vneid-install:bill-paid"], ["no-such-tutorial"]):
        stream = io.StringIO()
        assert take_home_command(wrong, "vi", "a4", tmp_path / "x.pdf", stream) == 1
        assert stream.getvalue().startswith("error: ") and stream.getvalue().count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()
