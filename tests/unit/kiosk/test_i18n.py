from __future__ import annotations

import logging
import string
from pathlib import Path

import pytest

from kiosk.i18n import UiText, UiTextError
from kiosk.system import paths


def _write(folder: Path, lang: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{lang}.yaml").write_text(text, encoding="utf-8")


VI = """
language:
  name: Tiếng Việt
player:
  next: Tiếp theo
  progress: "Bước {n} / {total}"
only_vi: Chỉ có tiếng Việt
"""
EN = """
language:
  name: English
player:
  next: Next
  progress: "Step {n} of {total}"
"""


@pytest.fixture
def texts(tmp_path: Path) -> UiText:
    _write(tmp_path, "vi", VI)
    _write(tmp_path, "en", EN)
    return UiText.load(tmp_path)


def test_nested_keys_are_flattened_with_dots(texts: UiText) -> None:
    assert texts.get("vi", "player.next") == "Tiếp theo"
    assert texts.get("en", "player.next") == "Next"


def test_vietnamese_comes_first_and_each_language_is_named_in_itself(texts: UiText) -> None:
    assert texts.languages() == ("vi", "en")
    assert texts.language_name("vi") == "Tiếng Việt"
    assert texts.language_name("en") == "English"


def test_fields_are_filled_in(texts: UiText) -> None:
    assert texts.get("vi", "player.progress", n=3, total=8) == "Bước 3 / 8"
    assert texts.get("en", "player.progress", n=3, total=8) == "Step 3 of 8"


def test_missing_text_falls_back_to_vietnamese_and_is_reported_once(
    texts: UiText, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.i18n"):
        first = texts.get("en", "only_vi")
        second = texts.get("en", "only_vi")
    assert first == second == "Chỉ có tiếng Việt"
    reports = [record for record in caplog.records if "only_vi" in record.getMessage()]
    assert len(reports) == 1
    assert reports[0].levelno == logging.WARNING
    assert "en" in reports[0].getMessage()


def test_unknown_key_shows_the_key_and_is_reported(texts: UiText, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.i18n"):
        assert texts.get("vi", "no.such.key") == "no.such.key"
    assert "no.such.key" in caplog.text


def test_a_translation_with_a_wrong_field_falls_back_to_vietnamese(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _write(tmp_path, "vi", VI)
    _write(tmp_path, "en", EN.replace("{total}", "{totl}"))
    texts = UiText.load(tmp_path)
    with caplog.at_level(logging.WARNING, logger="kiosk.i18n"):
        assert texts.get("en", "player.progress", n=1, total=2) == "Bước 1 / 2"
    assert "player.progress" in caplog.text


def test_a_broken_language_file_is_skipped_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _write(tmp_path, "vi", VI)
    _write(tmp_path, "en", "language: [unclosed")
    _write(tmp_path, "hmn", "player:\n  next: Mus ntxiv\n")  # no language.name
    with caplog.at_level(logging.ERROR, logger="kiosk.i18n"):
        texts = UiText.load(tmp_path)
    assert texts.languages() == ("vi",)
    assert "en.yaml" in caplog.text
    assert "hmn.yaml" in caplog.text


def test_without_vietnamese_there_is_nothing_to_show(tmp_path: Path) -> None:
    _write(tmp_path, "en", EN)
    with pytest.raises(UiTextError):
        UiText.load(tmp_path)


def test_non_text_values_are_dropped_and_fall_back(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _write(tmp_path, "vi", VI)
    # YAML reads a bare `no` as a boolean: the key is skipped, never shown as "False".
    _write(tmp_path, "en", EN.replace("next: Next", "next: no"))
    with caplog.at_level(logging.WARNING, logger="kiosk.i18n"):
        texts = UiText.load(tmp_path)
        assert texts.get("en", "player.next") == "Tiếp theo"
    assert "player.next" in caplog.text


# -- the shipped UI text ----------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_shipped_texts_load_with_vietnamese_and_english() -> None:
    texts = UiText.load(paths.ui_text_dir())
    assert texts.languages()[:2] == ("vi", "en")
    assert texts.language_name("vi") == "Tiếng Việt"
    assert texts.language_name("en") == "English"
    assert texts.get("vi", "start.button") == "Bắt đầu"
    assert texts.get("vi", "player.progress", n=3, total=8) == "Bước 3 / 8"
    assert texts.get("en", "player.progress", n=3, total=8) == "Step 3 of 8"
    assert texts.get("vi", "quiz.safe") == "An toàn"
    assert texts.get("vi", "quiz.scam") == "Lừa đảo"
    assert texts.get("vi", "idle.question") == "Bạn vẫn đang ở đây chứ?"
    assert texts.get("vi", "idle.continue") == "Tiếp tục"


def test_shipped_english_has_every_vietnamese_text_with_the_same_fields(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import yaml

    folder = paths.ui_text_dir()
    with caplog.at_level(logging.WARNING, logger="kiosk.i18n"):
        UiText.load(folder)
    assert not caplog.records, caplog.text

    def flat(data: dict[str, object], prefix: str = "") -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, dict):
                out.update(flat(value, name))
            else:
                assert isinstance(value, str), name
                out[name] = value
        return out

    vi = flat(yaml.safe_load((folder / "vi.yaml").read_text(encoding="utf-8")))
    en = flat(yaml.safe_load((folder / "en.yaml").read_text(encoding="utf-8")))
    assert set(vi) == set(en)
    for key in vi:
        assert _fields(vi[key]) == _fields(en[key]), key


def test_the_kiosk_shows_what_the_checker_read(tmp_path: Path) -> None:
    from kiosk.content.ui_texts import placeholders, read_ui_texts

    _write(tmp_path, "vi", VI)
    _write(tmp_path, "en", EN.replace("  next: Next\n", "  next: ''\n"))
    checked, _ = read_ui_texts(tmp_path)
    texts = UiText.load(tmp_path)
    assert sorted(texts.languages()) == sorted(checked)
    for lang, values in checked.items():
        for key, template in values.items():
            # Each {field} filled with itself gives the template back.
            fields = {name: f"{{{name}}}" for name in placeholders(template) or ()}
            assert texts.get(lang, key, **fields) == template, (lang, key)
    assert texts.get("en", "player.next") == "Tiếp theo"
