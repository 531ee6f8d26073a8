"""Content YAML read with a line number on every key and value.

Translators edit these files by hand, so every finding must point at a line, and YAML's
implicit typing (``no`` turning into False, ``2026-11-20`` into a date) must never change
what they wrote. We therefore stop at PyYAML's node graph (``yaml.compose``): every scalar
stays the text as written, and the readers convert numbers and dates themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import yaml

from kiosk.content.limits import MAX_YAML_DEPTH, too_big
from kiosk.content.model import Problem


@dataclass(frozen=True)
class YamlScalar:
    """A single value, exactly as written (an empty ``key:`` gives ``""``)."""

    value: str
    line: int
    # False when a plain YAML loader would read it as something else (``no``, ``12``, a date):
    # files read by such a loader elsewhere (the UI texts) must quote these.
    is_text: bool = True
    # A plain value followed by `` #`` on its line: YAML dropped the rest as a comment,
    # which in a text file usually means a sentence was cut short.
    cut_by_comment: bool = False


@dataclass(frozen=True)
class YamlList:
    items: tuple[YamlNode, ...]
    line: int


@dataclass(frozen=True)
class YamlMap:
    """``key: value`` lines; ``line`` is where the mapping starts, ``key_lines`` where each key is."""

    values: Mapping[str, YamlNode]
    key_lines: Mapping[str, int]
    line: int
    # Keys a plain YAML loader would not read as text (``no:`` is a yes/no value).
    non_text_keys: frozenset[str] = frozenset()


YamlNode: TypeAlias = YamlScalar | YamlList | YamlMap

_STR_TAG = "tag:yaml.org,2002:str"
_OPENING_TOKENS = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSING_TOKENS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_FAST_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _comment_follows(node: yaml.Node, lines: list[str]) -> bool:
    """Whether a plain (unquoted) value is followed by a comment on the same line."""
    # Plain style is None from the Python parser and "" from libyaml.
    if not isinstance(node, yaml.ScalarNode) or node.style:
        return False
    end = node.end_mark
    if end.line >= len(lines):
        return False
    return lines[end.line][end.column :].lstrip().startswith("#")


def kind_name(node: YamlNode) -> str:
    """How a translator would call what they wrote, for messages about wrong types."""
    if isinstance(node, YamlMap):
        return "a set of 'key: value' lines"
    if isinstance(node, YamlList):
        return "a list"
    return "a single text"


def read_yaml(path: Path) -> tuple[YamlNode | None, list[Problem]]:
    """The file's node tree, or None with the problems that made it unreadable."""
    try:
        big = too_big(path, path.stat().st_size)
        if big is not None:
            return None, [big]
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(path, 1, "file is missing")]
    except OSError as error:
        return None, [Problem(path, 1, f"cannot read the file: {error.strerror or error}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, [Problem(path, line, "the file is not UTF-8 text; save it with UTF-8 encoding")]
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> tuple[YamlNode | None, list[Problem]]:
    """Parse ``text`` (read from ``path``, used in messages) into a node tree."""
    deep = _too_deep(text, path)
    if deep is not None:
        return None, [deep]
    try:
        return _parse_yaml(text, path)
    except RecursionError:
        # A second layer behind _too_deep, for nesting it cannot see (e.g. through aliases).
        return None, [Problem(path, 1, f"nested too deeply (more than {MAX_YAML_DEPTH} levels)")]


def _too_deep(text: str, path: Path) -> Problem | None:
    """A ``file:line`` error where lists and mappings nest deeper than MAX_YAML_DEPTH.

    Read from PyYAML's token stream, which needs no recursion, before any node is composed.
    """
    depth = 0
    try:
        for token in yaml.scan(text, Loader=_FAST_LOADER):
            if isinstance(token, _OPENING_TOKENS):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    line = token.start_mark.line + 1
                    return Problem(path, line, f"nested too deeply (more than {MAX_YAML_DEPTH} levels)")
            elif isinstance(token, _CLOSING_TOKENS):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # libyaml stops by itself at 1000 levels; anything else is a syntax error, which the
        # parse below reports with its usual message.
        if "nesting depth" in (error.problem or "") and error.problem_mark is not None:
            line = error.problem_mark.line + 1
            return Problem(path, line, f"nested too deeply (more than {MAX_YAML_DEPTH} levels)")
    except yaml.YAMLError:
        pass
    return None


def _parse_yaml(text: str, path: Path) -> tuple[YamlNode | None, list[Problem]]:
    try:
        # libyaml is ~10x faster, which is most of the kiosk's start-up; its error messages are
        # worded differently, so a file it rejects is parsed again below for the usual message.
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        root = None
    else:
        if root is None:
            return None, [Problem(path, 1, "the file is empty")]
        converter = _Converter(path, text)
        return converter.convert(root), converter.problems
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(path, error)]
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        return None, [Problem(path, line, f"YAML syntax error: character {error.character!r} is not allowed")]
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML parse error is one of the above
        return None, [Problem(path, 1, f"YAML syntax error: {error}")]
    if root is None:
        return None, [Problem(path, 1, "the file is empty")]
    converter = _Converter(path, text)
    return converter.convert(root), converter.problems


def _syntax_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else 1
    reason = error.problem or "the file is not valid YAML"
    if error.context and error.context_mark is not None and error.context_mark.line + 1 != line:
        reason = f"{reason} ({error.context} at line {error.context_mark.line + 1})"
    elif error.context:
        reason = f"{reason} ({error.context})"
    return Problem(path, line, f"YAML syntax error: {reason}")


class _Converter:
    """Turns PyYAML nodes into ours, reporting duplicate keys and self-referencing aliases.

    Aliases share node objects, so converted nodes are remembered by identity: a file full of
    aliases costs no more than its text, and a recursive alias cannot loop forever.
    """

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self._lines = text.splitlines()
        self.problems: list[Problem] = []
        self._done: dict[int, YamlNode] = {}
        self._active: set[int] = set()

    def convert(self, node: yaml.Node) -> YamlNode:
        key = id(node)
        done = self._done.get(key)
        if done is not None:
            return done
        line = node.start_mark.line + 1
        if key in self._active:
            self.problems.append(Problem(self.path, line, "an alias refers to itself"))
            return YamlScalar("", line)
        self._active.add(key)
        try:
            result = self._convert(node, line)
        finally:
            self._active.discard(key)
        self._done[key] = result
        return result

    def _convert(self, node: yaml.Node, line: int) -> YamlNode:
        if isinstance(node, yaml.MappingNode):
            return self._convert_mapping(node, line)
        if isinstance(node, yaml.SequenceNode):
            return YamlList(tuple(self.convert(item) for item in node.value), line)
        return YamlScalar(
            str(node.value),
            line,
            is_text=node.tag == _STR_TAG,
            cut_by_comment=_comment_follows(node, self._lines),
        )

    def _convert_mapping(self, node: yaml.MappingNode, line: int) -> YamlMap:
        values: dict[str, YamlNode] = {}
        key_lines: dict[str, int] = {}
        non_text_keys: set[str] = set()
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(self.path, key_line, "a key must be a plain word, not a list or set")
                )
                continue
            key = str(key_node.value)
            if key in values:
                first = key_lines[key]
                self.problems.append(
                    Problem(self.path, key_line, f"duplicate key '{key}' (first at line {first})")
                )
                continue
            values[key] = self.convert(value_node)
            key_lines[key] = key_line
            if key_node.tag != _STR_TAG:
                non_text_keys.add(key)
        return YamlMap(values, key_lines, line, frozenset(non_text_keys))
