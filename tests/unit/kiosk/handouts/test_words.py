"""The handout's fixed words: Vietnamese complete, other languages falling back word by word."""

from __future__ import annotations

import logging
import shutil
import unicodedata
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from kiosk.handouts import HandoutWords, HandoutWordsError
from kiosk.handouts.words import words_dir


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "handouts"
    shutil.copytree(words_dir(), copy)
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_shipped_words_are_complete_and_nfc(language: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        words = HandoutWords.load(language)
    assert caplog.records == []
    for field in fields(HandoutWords):
        value = getattr(words, field.name)
        assert value.strip()
        assert unicodedata.is_normalized("NFC", value)


def test_vietnamese_words() -> None:
    words = HandoutWords.load("vi")
    assert words.step_label(3) == "Bước 3"
    assert words.date_line(date(2026, 1, 5)) == "Ngày 05/01/2026"
    assert (words.safe, words.scam) == ("An toàn", "Lừa đảo")
    assert words.scan.startswith("Quét mã")


def test_language_without_a_file_prints_vietnamese() -> None:
    words = HandoutWords.load("hmn")
    assert words.language == "hmn"
    assert words.step_label(1) == "Bước 1"


def test_missing_or_broken_word_falls_back_alone(folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    english = folder / "en.yaml"
    _edit(english, "  scam: Scam\n", "")
    _edit(english, "step: Step {number}", "step: Step {numbre}")
    with caplog.at_level(logging.WARNING, logger="kiosk.handouts.words"):
        words = HandoutWords.load("en", folder)
    assert words.scam == "Lừa đảo"
    assert words.step_label(2) == "Bước 2"
    assert words.safe == "Safe"
    assert any("scam" in r.getMessage() and "step" in r.getMessage() for r in caplog.records)


def test_broken_translation_file_prints_vietnamese(folder: Path) -> None:
    (folder / "en.yaml").write_text("handout: [not, a, mapping\n", encoding="utf-8")
    english = vars(HandoutWords.load("en", folder))
    vietnamese = vars(HandoutWords.load("vi", folder))
    assert {**english, "language": "vi"} == vietnamese


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  footer:", "  footnote:"),
        ("Bước {number}", "Bước"),
        ("\nhandout:", "\nwords:"),
        ("  why: Vì sao", "  why: [Vì sao"),
    ],
)
def test_unusable_vietnamese_words_are_an_error(folder: Path, old: str, new: str) -> None:
    _edit(folder / "vi.yaml", old, new)
    with pytest.raises(HandoutWordsError, match=r"vi\.yaml"):
        HandoutWords.load("vi", folder)
