"""Every shipped tutorial, in Vietnamese and English, on A4 and on a receipt, read back as a visitor would.

The text must be there in correct (NFC) Vietnamese, the QR code must take a phone to
exactly the tutorial's official page, and every font must travel inside the PDF.
"""

from __future__ import annotations

import functools
import unicodedata
from datetime import date

import pytest

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue, QuizAnswer, StepKind, Tutorial
from kiosk.handouts import HandoutWords, PaperSize, build_handout

from .pdf_checks import flat, font_problems, one_bit, page_count, page_texts, qr_texts, render

POINT_NAME = "Nhà văn hóa thôn Bản Lang, xã Mường Lay"
TODAY = date(2026, 11, 24)
LANGUAGES = ("vi", "en")
# A4 at a typical office-printer preview resolution; the receipt exactly as a 203 dpi thermal head prints it.
A4_DPI = 150
THERMAL_DPI = 203


@functools.cache
def catalogue() -> Catalogue:
    return load_catalogue(packs_dir())


@functools.cache
def handout(tutorial_id: str, language: str, size: PaperSize) -> bytes:
    tutorial = catalogue().tutorial(tutorial_id)
    words = HandoutWords.load(language)
    return build_handout(tutorial, language, size, point_name=POINT_NAME, today=TODAY, words=words)


CASES = [
    pytest.param(tutorial.id, language, size, id=f"{tutorial.id}-{language}-{size.value}")
    for tutorial in catalogue().tutorials
    for language in LANGUAGES
    for size in PaperSize
]


def test_the_shipped_tutorials_are_all_here() -> None:
    shipped = sorted(p.name for p in (packs_dir() / "core" / "tutorials").iterdir() if p.is_dir())
    assert sorted(t.id for t in catalogue().tutorials) == shipped
    assert len(shipped) >= 4


def _expected_texts(tutorial: Tutorial, language: str, words: HandoutWords) -> list[str]:
    text = tutorial.text(language)
    expected = [POINT_NAME, text.title, text.safety, words.date_line(TODAY), words.check_line(tutorial.check)]
    if tutorial.qr_url:
        expected += [words.scan, text.qr_caption]
    for number, step in enumerate(tutorial.steps, start=1):
        step_text = tutorial.step_text(language, step)
        expected.append(f"{words.step_label(number)}: {step_text.title}")
        if step.kind is StepKind.QUIZ:
            verdict = words.scam if step.answer is QuizAnswer.SCAM else words.safe
            expected += [f"{words.answer}: {verdict.upper()}", step_text.why]
    return expected


@pytest.mark.parametrize(("tutorial_id", "language", "size"), CASES)
def test_text_is_there_in_nfc(tutorial_id: str, language: str, size: PaperSize) -> None:
    pages = page_texts(handout(tutorial_id, language, size))
    whole = "\n".join(pages)
    assert unicodedata.is_normalized("NFC", whole)
    reading = flat(whole)
    words = HandoutWords.load(language)
    for expected in _expected_texts(catalogue().tutorial(tutorial_id), language, words):
        assert flat(expected) in reading
    # The address may be broken over lines after "/" or ".", never changed.
    assert catalogue().tutorial(tutorial_id).qr_url in "".join(reading.split())
    if not catalogue().tutorial(tutorial_id).qr_url:
        assert flat(words.scan) not in reading
    # The privacy line is at the foot of every A4 page and at the end of a receipt.
    assert all(flat(words.footer) in flat(page) for page in pages)


@pytest.mark.parametrize(("tutorial_id", "language", "size"), CASES)
def test_qr_code_opens_the_official_page(tutorial_id: str, language: str, size: PaperSize) -> None:
    pdf = handout(tutorial_id, language, size)
    url = catalogue().tutorial(tutorial_id).qr_url
    if size is PaperSize.A4:
        found = qr_texts(render(pdf, A4_DPI))
    else:
        assert page_count(pdf) == 1, "a receipt is one strip of paper"
        found = qr_texts(one_bit(render(pdf, THERMAL_DPI)))
    # A tutorial without a QR code (no official page to open) prints none.
    assert found == ([url] if url else [])


@pytest.mark.parametrize(("tutorial_id", "language", "size"), CASES)
def test_every_font_is_embedded(tutorial_id: str, language: str, size: PaperSize) -> None:
    count, problems = font_problems(handout(tutorial_id, language, size))
    assert count >= 2
    assert problems == []
