"""Every UI text key the code names literally exists in Vietnamese (``content/ui/vi.yaml``).

A typo in a key shows the raw key to a visitor or organiser and only logs a warning, so the
keys are read from the source (not imported: the core tests run without Qt) and checked:

* ``<...>ui_text.get(lang, "a.b.c", ...)`` (or ``text.get``): the literal key;
* any other text in the code written like a key of a known section (``"comfort.size_large"``
  in a table, ``"help.control.next"`` given to ``mark``): a key, or a section of keys;
* ``self._t("name")`` where the class (or a base class) defines ``_t`` as
  ``return self._ui_text.get(self._lang, f"prefix.{key}", ...)``: the prefix is read from
  that definition; a prefix that is not written out is listed in ``WORDS_OF`` below.

Keys built at run time from other values are listed in ``BUILT_KEYS`` with where they come from.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.ui_texts import read_ui_translations
from kiosk.export.errors import ExportTrouble
from kiosk.system import paths

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ("kiosk", "ui")
UI_TEXT_NAMES = frozenset({"ui_text", "_ui_text", "text"})

# Classes whose _t prefix is a value given at construction (StickPage's ``words``): the pages.
WORDS_OF = {
    "ExportPanel": "organiser.export",
    "ContentPanel": "organiser.content",
    "TrustPage": "organiser.keys",
}

# Keys the code builds from other values.
BUILT_KEYS = (
    # ui/organiser/export_panel.py: an ExportTrouble's value, with "_" for "-".
    *(f"organiser.export.{trouble.value.replace('-', '_')}" for trouble in ExportTrouble),
)


@dataclass
class _Class:
    name: str
    path: Path
    bases: list[str]
    # The _t prefix: "" (key as given), "organiser." or None (not written out); absent: no _t here.
    prefix: str | None = None
    has_t: bool = False
    t_calls: list[tuple[str, int]] = field(default_factory=list)


def _python_files() -> Iterator[Path]:
    for folder in SOURCES:
        yield from sorted((ROOT / folder).rglob("*.py"))


def _is_ui_text(node: ast.expr) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return name in UI_TEXT_NAMES


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _t_prefix(function: ast.FunctionDef) -> str | None:
    """The prefix ``_t`` puts before its key, or None when it is not written out."""
    key = function.args.args[1].arg
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            if len(node.args) < 2:
                continue
            built = node.args[1]
            if isinstance(built, ast.Name) and built.id == key:
                return ""
            if isinstance(built, ast.JoinedStr) and len(built.values) == 2:
                head, tail = built.values
                if (
                    isinstance(tail, ast.FormattedValue)
                    and isinstance(tail.value, ast.Name)
                    and tail.value.id == key
                    and _literal(head) is not None
                ):
                    return _literal(head)
    return None


def _key_like(sections: frozenset[str]) -> re.Pattern[str]:
    names = "|".join(sorted(re.escape(section) for section in sections))
    return re.compile(rf"(?:{names})(?:\.[a-z0-9_]+)+")


def _scan(
    sections: frozenset[str] = frozenset(),
) -> tuple[list[tuple[str, Path, int]], list[tuple[str, Path, int]], dict[str, _Class]]:
    """Keys given to ``get``, other texts written like keys, and each class's ``_t`` use."""
    direct: list[tuple[str, Path, int]] = []
    key_like: list[tuple[str, Path, int]] = []
    classes: dict[str, _Class] = {}
    pattern = _key_like(sections) if sections else None
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        # Pieces of f-strings ("dashboard." in f"dashboard.{key}") are not keys on their own.
        pieces = {
            id(value) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for value in node.values
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and (text := _literal(node)) is not None
                and pattern is not None
                and id(node) not in pieces
                and pattern.fullmatch(text)
            ):
                key_like.append((text, path, node.lineno))
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "get"
                and _is_ui_text(node.func.value)
                and len(node.args) >= 2
                and (key := _literal(node.args[1])) is not None
            ):
                direct.append((key, path, node.lineno))
            if not isinstance(node, ast.ClassDef):
                continue
            found = _Class(node.name, path, [b.id for b in node.bases if isinstance(b, ast.Name)])
            for item in ast.walk(node):
                if isinstance(item, ast.FunctionDef) and item.name == "_t" and len(item.args.args) >= 2:
                    found.has_t = True
                    found.prefix = _t_prefix(item)
                elif (
                    isinstance(item, ast.Call)
                    and isinstance(item.func, ast.Attribute)
                    and item.func.attr == "_t"
                    and item.args
                    and (key := _literal(item.args[0])) is not None
                ):
                    found.t_calls.append((key, item.lineno))
            classes[node.name] = found
    return direct, key_like, classes


def _prefixes(name: str, classes: dict[str, _Class], caller: str) -> list[str]:
    """The prefixes ``caller``'s ``self._t`` calls get, ``_t`` being found on ``name`` or its bases."""
    found = classes.get(name)
    if found is None:
        return []
    if found.has_t:
        if found.prefix is not None:
            return [found.prefix]
        if caller in WORDS_OF:
            return [WORDS_OF[caller] + "."]
        # A base class with a given prefix: its own calls count for every page built on it.
        pages = [page for page in WORDS_OF if name in _ancestors(page, classes)]
        assert pages, f"{found.path}: {name}._t's prefix is not written out; add its users to WORDS_OF"
        return [WORDS_OF[page] + "." for page in pages]
    return [prefix for base in found.bases for prefix in _prefixes(base, classes, caller)]


def _ancestors(name: str, classes: dict[str, _Class]) -> set[str]:
    found = classes.get(name)
    if found is None:
        return set()
    return {name, *(ancestor for base in found.bases for ancestor in _ancestors(base, classes))}


def _used_keys() -> list[tuple[str, str]]:
    """(key, where) for every key the code names."""
    direct, _, classes = _scan()
    used = [(key, f"{path.relative_to(ROOT)}:{line}") for key, path, line in direct]
    for found in classes.values():
        if not found.t_calls:
            continue
        prefixes = _prefixes(found.name, classes, found.name)
        assert prefixes, f"{found.path}: {found.name} calls self._t but no _t was found"
        for key, line in found.t_calls:
            used += [(prefix + key, f"{found.path.relative_to(ROOT)}:{line}") for prefix in prefixes]
    used += [(key, "BUILT_KEYS") for key in BUILT_KEYS]
    return used


def _vietnamese() -> Mapping[str, str]:
    return read_ui_translations(paths.ui_text_dir()).reference


def test_every_key_named_in_the_code_is_in_the_vietnamese_ui_text() -> None:
    vietnamese = _vietnamese()
    used = _used_keys()
    missing = sorted(f"{where}: {key}" for key, where in used if key not in vietnamese)
    assert missing == []


def test_every_text_written_like_a_key_is_a_key_or_a_section() -> None:
    vietnamese = _vietnamese()
    sections = frozenset(key.split(".", 1)[0] for key in vietnamese)
    containers = {key.rsplit(".", i)[0] for key in vietnamese for i in range(1, key.count(".") + 1)}
    _, key_like, _ = _scan(sections)
    unknown = sorted(
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for text, path, line in key_like
        if text not in vietnamese and text not in containers
    )
    assert unknown == []
    found = {text for text, _, _ in key_like}
    assert {"comfort.size_large", "help.control.next"} <= found


def test_the_key_reader_finds_keys_in_each_way_they_are_named() -> None:
    keys = {key for key, _ in _used_keys()}
    # ui_text.get(lang, "...") in a screen; a _t with a written prefix; a _t with the key as is;
    # StickPage's own calls for each page built on it.
    assert {"common.back", "organiser.dashboard.none", "guided.setup.title"} <= keys
    assert {"organiser.export.title", "organiser.content.title"} <= keys
    assert len(keys) > 100
