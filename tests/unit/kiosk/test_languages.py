"""The reference language and the one table of language names."""

from __future__ import annotations

from kiosk.content.model import DEFAULT_LANGUAGE
from kiosk.content.texts import falls_back
from kiosk.i18n import UiText
from kiosk.languages import REFERENCE_LANGUAGE, english_name, vietnamese_name
from kiosk.system import paths


def test_vietnamese_is_the_reference_everywhere() -> None:
    assert REFERENCE_LANGUAGE == DEFAULT_LANGUAGE == "vi"
    assert UiText.load(paths.ui_text_dir()).languages()[0] == REFERENCE_LANGUAGE
    assert (paths.content_dir() / "handouts" / f"{REFERENCE_LANGUAGE}.yaml").is_file()


def test_names_for_the_checker_and_for_the_report() -> None:
    assert english_name("hmn") == "Hmong"
    assert vietnamese_name("en") == "Tiếng Anh"
    assert falls_back("vi") == "falls back to Vietnamese"


def test_an_unknown_language_is_named_by_its_code() -> None:
    assert english_name("xx") == vietnamese_name("xx") == "xx"
