"""Checking the kiosk's own words (``content/ui/<language>.yaml``).

Nested keys are flattened with dots (``language.name``), as ``kiosk.i18n`` reads them. That
reader uses plain YAML typing and drops what is not text, needs ``language.name`` to offer
a language, and fills ``{placeholders}``; so each of those is checked here, with its line.
A key Vietnamese has but a translation lacks is shown in Vietnamese: a warning.
"""

from __future__ import annotations

import string
from pathlib import Path

from kiosk.content.model import DEFAULT_LANGUAGE, Problem, Severity
from kiosk.content.schema import Findings, is_language_code
from kiosk.content.texts import FlatText, read_text_file, report_gaps, resolve

# The key holding a language's name written in itself ("Tiếng Việt"); the language screen needs it.
LANGUAGE_NAME_KEY = "language.name"


def read_ui_texts(ui_dir: Path) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Every UI text per language (missing ones taken from Vietnamese), and every problem."""
    findings = Findings()
    if not ui_dir.is_dir():
        findings.error(ui_dir, 1, "UI texts folder not found")
        return {}, findings.problems
    files: dict[str, FlatText] = {}
    for file in sorted(ui_dir.glob("*.yaml")):
        if not is_language_code(file.stem):
            findings.warning(
                file, 1, "not used: a UI text file is named by its language code, such as vi.yaml"
            )
            continue
        flat = read_text_file(file, None, findings, yaml_strings=True)
        if flat is None:
            continue
        files[file.stem] = flat
        name = flat.values.get(LANGUAGE_NAME_KEY)
        if name is None or not name.value:
            message = (
                f"'{LANGUAGE_NAME_KEY}' (the language's own name) is missing; the language is not offered"
            )
            findings.error(file, flat.line_for(LANGUAGE_NAME_KEY), message)
    default_file = ui_dir / f"{DEFAULT_LANGUAGE}.yaml"
    default = files.get(DEFAULT_LANGUAGE)
    if not default_file.is_file():
        findings.error(default_file, 1, "missing file: the kiosk's own words in Vietnamese")
    if default is None:
        return {}, findings.problems
    # Each language's own name is checked above: it never falls back to "Tiếng Việt" silently.
    required = [key for key in default.values if key != LANGUAGE_NAME_KEY]
    for language, flat in files.items():
        severity = Severity.ERROR if language == DEFAULT_LANGUAGE else Severity.WARNING
        report_gaps(flat, required, findings, severity=severity, plain_keys=True)
        if language != DEFAULT_LANGUAGE:
            _compare_with_default(flat, default, findings)
    resolved = resolve(files, list(default.values), files, DEFAULT_LANGUAGE)
    return {language: values for language, (values, _) in resolved.items()}, findings.problems


def _compare_with_default(flat: FlatText, default: FlatText, findings: Findings) -> None:
    """Keys Vietnamese lacks are never shown; a different ``{placeholder}`` cannot be filled in."""
    for key, value in flat.values.items():
        original = default.values.get(key)
        if original is None:
            if value.value:
                message = f"'{key}' is not in {default.path.name}; it is never shown"
                findings.warning(flat.path, value.line, message)
            continue
        expected = _placeholders(original.value)
        found = _placeholders(value.value)
        if value.value and expected != found:
            wanted = " ".join(f"{{{name}}}" for name in sorted(expected or ())) or "none"
            message = f"'{key}' must use the same {{placeholders}} as Vietnamese: {wanted}"
            findings.warning(flat.path, value.line, message)


def _placeholders(text: str) -> frozenset[str] | None:
    """The ``{name}`` fields the kiosk fills in, or None if the braces do not pair up."""
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return None
