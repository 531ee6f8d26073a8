"""The kiosk's own words: checked as ``kiosk.i18n`` will read them, Vietnamese filling the gaps."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.check import check_content
from kiosk.content.model import Problem, Severity
from kiosk.content.ui_texts import read_ui_texts

from .content_helpers import copy_good_pack

VI = """language:
  name: Tiếng Việt
player:
  next: Tiếp
  progress: Bước {n} trên {total}
"""
EN = """language:
  name: English
player:
  next: Next
  progress: Step {n} of {total}
"""


def _ui(tmp_path: Path, **files: str) -> Path:
    ui = tmp_path / "ui"
    ui.mkdir()
    for language, text in files.items():
        (ui / f"{language}.yaml").write_text(text, encoding="utf-8")
    return ui


def _found(problems: list[Problem]) -> list[tuple[str, int, Severity, str]]:
    return [(p.path.name, p.line, p.severity, p.message) for p in problems]


def test_complete_texts_have_no_problem_and_are_flattened(tmp_path: Path) -> None:
    texts, problems = read_ui_texts(_ui(tmp_path, vi=VI, en=EN))
    assert problems == []
    assert texts["en"]["player.progress"] == "Step {n} of {total}"
    assert texts["vi"]["language.name"] == "Tiếng Việt"


def test_key_missing_in_a_translation_warns_and_shows_vietnamese(tmp_path: Path) -> None:
    ui = _ui(tmp_path, vi=VI, en=EN.replace("  next: Next\n", ""))
    texts, problems = read_ui_texts(ui)
    assert _found(problems) == [
        ("en.yaml", 3, Severity.WARNING, "'player.next' is missing; falls back to Vietnamese")
    ]
    assert texts["en"]["player.next"] == "Tiếp"


def test_key_vietnamese_lacks_is_never_shown(tmp_path: Path) -> None:
    ui = _ui(tmp_path, vi=VI, en=EN + "  skip: Skip\n")
    assert _found(read_ui_texts(ui)[1]) == [
        ("en.yaml", 6, Severity.WARNING, "'player.skip' is not in vi.yaml; it is never shown")
    ]


def test_translated_placeholder_is_reported(tmp_path: Path) -> None:
    ui = _ui(tmp_path, vi=VI, en=EN.replace("Step {n} of {total}", "Step {n} of {tổng}"))
    assert _found(read_ui_texts(ui)[1]) == [
        (
            "en.yaml",
            5,
            Severity.WARNING,
            "'player.progress' must use the same {placeholders} as Vietnamese: {n} {total}",
        )
    ]


def test_values_and_keys_yaml_would_not_read_as_text_are_errors(tmp_path: Path) -> None:
    ui = _ui(tmp_path, vi=VI + "answer:\n  no: Không\n  count: 3\n  ok: 'yes'\n")
    assert _found(read_ui_texts(ui)[1]) == [
        ("vi.yaml", 7, Severity.ERROR, "key 'no' is not read as text by YAML; put it in quotes"),
        ("vi.yaml", 8, Severity.ERROR, "'3' of 'count' is not read as text by YAML; put it in quotes"),
    ]


def test_a_list_is_not_a_text(tmp_path: Path) -> None:
    ui = _ui(tmp_path, vi=VI + "days: [Hai, Ba]\n")
    assert _found(read_ui_texts(ui)[1]) == [
        ("vi.yaml", 6, Severity.ERROR, "'days' must be a single text, not a list")
    ]


def test_language_without_its_name_is_not_offered(tmp_path: Path) -> None:
    ui = _ui(tmp_path, vi=VI, hmn="player:\n  next: Mus ntxiv\n")
    problems = list(read_ui_texts(ui)[1])
    assert ("hmn.yaml", 1, Severity.ERROR) in [(p.path.name, p.line, p.severity) for p in problems]
    assert any("'language.name'" in p.message for p in problems)


def test_missing_vietnamese_file_is_an_error(tmp_path: Path) -> None:
    ui = _ui(tmp_path, en=EN)
    problems = read_ui_texts(ui)[1]
    assert [(p.path, p.line, p.severity) for p in problems] == [(ui / "vi.yaml", 1, Severity.ERROR)]


def test_content_check_includes_the_ui_texts(tmp_path: Path) -> None:
    copy_good_pack(tmp_path)
    _ui(tmp_path, vi=VI, en="language:\n  name: English\nplayer: [Next]\n")
    problems = check_content(tmp_path)
    assert [(p.path.relative_to(tmp_path).as_posix(), p.line, p.severity) for p in problems] == [
        ("ui/en.yaml", 3, Severity.ERROR)
    ]


def test_content_folder_without_ui_texts_is_an_error(tmp_path: Path) -> None:
    copy_good_pack(tmp_path)
    problems = check_content(tmp_path)
    assert [(p.path, p.line, p.severity) for p in problems] == [(tmp_path / "ui", 1, Severity.ERROR)]
