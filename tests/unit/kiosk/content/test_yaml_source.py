"""Reading content YAML: what the translator wrote stays text, and every finding has its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.schema import Findings, parse_date, parse_int
from kiosk.content.yaml_source import YamlList, YamlMap, YamlNode, YamlScalar, parse_yaml, read_yaml

SOURCE = Path("tutorial.yaml")


def _map(text: str) -> YamlMap:
    node, problems = parse_yaml(text, SOURCE)
    assert problems == []
    assert isinstance(node, YamlMap)
    return node


def _scalar(node: YamlNode) -> YamlScalar:
    assert isinstance(node, YamlScalar)
    return node


def test_every_key_and_value_has_its_line() -> None:
    top = _map("# comment\nid: open-store\nsteps:\n  - id: a\n    image: images/a.svg\n  - id: b\n")
    assert top.line == 2
    assert top.key_lines == {"id": 2, "steps": 3}
    assert _scalar(top.values["id"]) == YamlScalar("open-store", 2)
    steps = top.values["steps"]
    assert isinstance(steps, YamlList)
    assert [item.line for item in steps.items] == [4, 6]
    first = steps.items[0]
    assert isinstance(first, YamlMap)
    assert first.key_lines == {"id": 4, "image": 5}


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("no", "no"),  # plain YAML makes this False; in Vietnamese "no" is a word
        ("yes", "yes"),
        ("on", "on"),
        ("1", "1"),
        ("1.10", "1.10"),
        ("2026-11-20", "2026-11-20"),
        ("~", "~"),
        ("0123", "0123"),
        ('"quoted: text"', "quoted: text"),
        ("", ""),
    ],
)
def test_values_stay_the_text_as_written(written: str, kept: str) -> None:
    assert _scalar(_map(f"text: {written}\n").values["text"]).value == kept


def test_block_text_keeps_its_line_breaks() -> None:
    value = _scalar(_map("safety: |\n  Một.\n  Hai.\n").values["safety"])
    assert (value.value, value.line) == ("Một.\nHai.\n", 1)


def test_format_number_and_dates_are_converted_by_the_reader() -> None:
    top = _map("format: 1\nchecked: 2026-11-20\n")
    findings = Findings()
    assert parse_int(_scalar(top.values["format"]), "format", SOURCE, findings) == 1
    checked = parse_date(_scalar(top.values["checked"]), "checked", SOURCE, findings)
    assert checked is not None and checked.isoformat() == "2026-11-20"
    assert findings.problems == []


@pytest.mark.parametrize("written", ["2026-2-3", "20/11/2026", "2026-11-31", "2026-11-20T10:00", "hôm nay"])
def test_bad_dates_are_reported_at_their_line(written: str) -> None:
    findings = Findings()
    assert parse_date(YamlScalar(written, 7), "checked", SOURCE, findings) is None
    assert [(p.line, p.message) for p in findings.problems] == [
        (7, f"'checked' is not a real date: '{written}' (write dates as YYYY-MM-DD)")
    ]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("title: Bấm nút: Đăng nhập\n", 1, "mapping values are not allowed here"),
        ("steps:\n  - id: a\n   image: x\n", 3, "YAML syntax error"),
        ('title: "không đóng\nsummary: x\n', 3, "YAML syntax error"),
        ("title: a\n\tsummary: b\n", 2, "YAML syntax error"),
        ("title: a\n---\ntitle: b\n", 2, "YAML syntax error"),
    ],
)
def test_syntax_errors_point_at_the_line(text: str, line: int, fragment: str) -> None:
    node, problems = parse_yaml(text, SOURCE)
    assert node is None
    assert [(p.path, p.line) for p in problems] == [(SOURCE, line)]
    assert fragment in problems[0].message


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    node, problems = parse_yaml("title: a\nsteps:\n  x: 1\n  x: 2\ntitle: b\n", SOURCE)
    assert [(p.line, p.message) for p in problems] == [
        (4, "duplicate key 'x' (first at line 3)"),
        (5, "duplicate key 'title' (first at line 1)"),
    ]
    assert isinstance(node, YamlMap) and _scalar(node.values["title"]).value == "a"


def test_self_referencing_alias_is_reported_not_followed() -> None:
    node, problems = parse_yaml("a: &loop\n  - *loop\n", SOURCE)
    assert node is not None
    assert [p.message for p in problems] == ["an alias refers to itself"]


def test_empty_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "vi.yaml"
    path.write_text("# chưa dịch\n", encoding="utf-8")
    assert [(p.path, p.line, p.message) for p in read_yaml(path)[1]] == [(path, 1, "the file is empty")]


def test_missing_file_is_reported_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    node, problems = read_yaml(path)
    assert node is None
    assert [(p.path, p.line, p.message) for p in problems] == [(path, 1, "file is missing")]


def test_file_saved_in_a_windows_encoding_is_reported_at_the_line(tmp_path: Path) -> None:
    path = tmp_path / "vi.yaml"
    path.write_bytes("title: Cai dat\nsummary: Đăng nhập\n".encode("cp1258", errors="replace"))
    problems = read_yaml(path)[1]
    assert [(p.line, p.message) for p in problems] == [
        (2, "the file is not UTF-8 text; save it with UTF-8 encoding")
    ]


def test_byte_order_mark_from_windows_editors_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "vi.yaml"
    path.write_bytes("\ufefftitle: Đăng nhập\n".encode())
    node, problems = read_yaml(path)
    assert problems == []
    assert isinstance(node, YamlMap) and _scalar(node.values["title"]).value == "Đăng nhập"


def test_control_character_is_a_syntax_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "vi.yaml"
    path.write_text("title: a\nsummary: b\x07\n", encoding="utf-8")
    problems = read_yaml(path)[1]
    assert [p.line for p in problems] == [2]
    assert "not allowed" in problems[0].message
