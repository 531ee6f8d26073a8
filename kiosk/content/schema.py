"""Small checks shared by every content file reader: keys, types, ids, dates.

Each helper reports what is wrong (with the line a translator must look at) and returns
None instead of raising, so one pass over a pack finds every problem, not just the first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kiosk.content.model import Problem, Severity
from kiosk.content.yaml_source import YamlList, YamlMap, YamlNode, YamlScalar, kind_name

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Findings:
    """The problems found so far in one scope (a pack manifest, a tutorial)."""

    problems: list[Problem] = field(default_factory=list)
    # Errors that cost only one translation (a broken hmn.yaml): reported like any error, but
    # the tutorial still loads, in Vietnamese for that language.
    translation_errors: list[Problem] = field(default_factory=list)

    def all_problems(self) -> list[Problem]:
        return [*self.problems, *self.translation_errors]

    def error(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message, Severity.ERROR))

    def warning(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message, Severity.WARNING))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


def check_keys(
    node: YamlMap,
    path: Path,
    findings: Findings,
    required: Collection[str],
    optional: Collection[str] = (),
) -> None:
    """Unknown keys at their line (usually typing mistakes), missing ones at the mapping's line."""
    allowed = [*required, *optional]
    for key, line in node.key_lines.items():
        if key not in allowed:
            findings.error(path, line, f"unknown key '{key}'{_suggestion(key, allowed)}")
    for key in required:
        if key not in node.values:
            findings.error(path, node.line, f"missing key '{key}'")


def _suggestion(key: str, allowed: Collection[str]) -> str:
    close = difflib.get_close_matches(key, list(allowed), n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f" (allowed: {', '.join(sorted(allowed))})"


def as_map(node: YamlNode, path: Path, findings: Findings, what: str) -> YamlMap | None:
    if isinstance(node, YamlMap):
        return node
    findings.error(path, node.line, f"{what} must be a set of 'key: value' lines, not {kind_name(node)}")
    return None


def get_text(node: YamlMap, key: str, path: Path, findings: Findings) -> YamlScalar | None:
    """The value of ``key`` if it is a single non-empty text (missing keys are check_keys' job)."""
    value = node.values.get(key)
    if value is None:
        return None
    if not isinstance(value, YamlScalar):
        findings.error(path, node.key_lines[key], f"'{key}' must be a single text, not {kind_name(value)}")
        return None
    if not value.value.strip():
        findings.error(path, node.key_lines[key], f"'{key}' is empty")
        return None
    return YamlScalar(value.value.strip(), value.line)


def get_list(node: YamlMap, key: str, path: Path, findings: Findings) -> YamlList | None:
    """The items under ``key``; an empty or missing list is reported as an error."""
    value = node.values.get(key)
    if value is None:
        return None
    line = node.key_lines[key]
    if isinstance(value, YamlScalar) and not value.value.strip():
        findings.error(path, line, f"'{key}' is empty")
        return None
    if not isinstance(value, YamlList):
        findings.error(path, line, f"'{key}' must be a list (one '- ' line per item), not {kind_name(value)}")
        return None
    if not value.items:
        findings.error(path, line, f"'{key}' is empty")
        return None
    return value


def list_texts(items: YamlList, key: str, path: Path, findings: Findings) -> list[YamlScalar]:
    """The items of a list of plain texts, each stripped; wrong items are reported and dropped."""
    texts: list[YamlScalar] = []
    for item in items.items:
        if not isinstance(item, YamlScalar):
            findings.error(
                path, item.line, f"each item of '{key}' must be a single text, not {kind_name(item)}"
            )
        elif not item.value.strip():
            findings.error(path, item.line, f"an item of '{key}' is empty")
        else:
            texts.append(YamlScalar(item.value.strip(), item.line))
    return texts


def check_id(value: YamlScalar, what: str, path: Path, findings: Findings) -> bool:
    """Ids become folder names and text keys, so they stay plain: letters, digits, '-' and '_'."""
    if _ID.fullmatch(value.value):
        return True
    findings.error(path, value.line, f"{what} '{value.value}' may use only letters, digits, '-' and '_'")
    return False


def is_language_code(code: str) -> bool:
    return _LANGUAGE.fullmatch(code) is not None


def parse_date(value: YamlScalar, key: str, path: Path, findings: Findings) -> date | None:
    """A date written YYYY-MM-DD that exists in the calendar."""
    text = value.value
    parsed: date | None = None
    if _DATE.fullmatch(text):
        try:
            parsed = date.fromisoformat(text)
        except ValueError:
            parsed = None
    if parsed is None:
        findings.error(path, value.line, f"'{key}' is not a real date: '{text}' (write dates as YYYY-MM-DD)")
    return parsed


def parse_int(value: YamlScalar, key: str, path: Path, findings: Findings) -> int | None:
    try:
        return int(value.value, 10)
    except ValueError:
        findings.error(path, value.line, f"'{key}' must be a whole number, not '{value.value}'")
        return None


def relative_file(
    value: YamlScalar, base: Path, key: str, path: Path, findings: Findings, *, suffix: str = ".svg"
) -> Path | None:
    """The absolute path of a file named relative to ``base``, if it exists inside ``base``."""
    name = value.value
    target = (base / name).resolve()
    if Path(name).is_absolute() or not target.is_relative_to(base.resolve()):
        findings.error(path, value.line, f"'{key}' must name a file inside {base.name}/, not '{name}'")
        return None
    if target.suffix.lower() != suffix:
        findings.error(path, value.line, f"'{key}' must be an {suffix[1:].upper()} file, not '{name}'")
        return None
    if not target.is_file():
        findings.error(path, value.line, f"{key} file not found: {base / name}")
        return None
    return target
