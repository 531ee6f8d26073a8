"""Reading the kiosk's own words (``content/ui/<language>.yaml``), for the checker and the kiosk alike.

There is one reader: ``kiosk content check`` reports what it finds with file and line, and
the running kiosk (``kiosk.i18n.UiText``) shows what the same reading gave. Nested keys are
flattened with dots (``language.name``). A value a plain YAML loader would not read as text
(``no``, ``12``) is an error for the checker and not used by the kiosk; a language whose file
cannot be read, or lacks ``language.name``, is not offered. The handout words
(``content/handouts/<language>.yaml``) are read the same way (``read_translations``).

One fallback rule (``Translations.resolved``): a text missing, empty or unusable in a
language is taken from Vietnamese (``kiosk.languages.REFERENCE_LANGUAGE``), and the keys that
fell back are known, so each is reported once. A key Vietnamese lacks is never shown.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.model import Problem, Severity
from kiosk.content.schema import Findings, is_language_code
from kiosk.content.texts import FlatText, read_text_file, report_gaps
from kiosk.languages import REFERENCE_LANGUAGE

# The key holding a language's name written in itself ("Tiếng Việt"); the language screen needs it.
LANGUAGE_NAME_KEY = "language.name"

# Whether a language's text for a key may be shown (the checker reports the others).
Usable = Callable[[str, str], bool]


def _not_empty(_key: str, text: str) -> bool:
    return bool(text)


@dataclass(frozen=True)
class Translations:
    """The usable texts of each language file in a folder, by dotted key, and what was found."""

    folder: Path
    # Each usable language's own texts; only what a plain YAML loader reads as text.
    texts: Mapping[str, Mapping[str, str]]
    problems: tuple[Problem, ...] = ()
    # Languages whose file exists but cannot be used, with the file.
    refused: Mapping[str, Path] = field(default_factory=dict)

    @property
    def reference(self) -> Mapping[str, str]:
        """The Vietnamese texts (empty when there are none: the caller decides what that means)."""
        return self.texts.get(REFERENCE_LANGUAGE, {})

    def resolved(self, language: str, usable: Usable = _not_empty) -> tuple[dict[str, str], tuple[str, ...]]:
        """Every Vietnamese key in ``language``: its own text where usable, else Vietnamese's.

        Also the keys that fell back (none for Vietnamese itself). A language without a
        usable file is all Vietnamese.
        """
        own = self.texts.get(language, {})
        values: dict[str, str] = {}
        fallbacks: list[str] = []
        for key, reference in self.reference.items():
            text = own.get(key)
            if language == REFERENCE_LANGUAGE or (text is not None and usable(key, text)):
                values[key] = text if text is not None else reference
            else:
                values[key] = reference
                fallbacks.append(key)
        return values, tuple(fallbacks)

    def problems_of(self, language: str) -> list[Problem]:
        """The problems found in ``language``'s file."""
        path = self.folder / f"{language}.yaml"
        return [problem for problem in self.problems if problem.path == path]


def read_translations(
    folder: Path, *, languages: Collection[str] | None = None, name_key: str | None = None
) -> Translations:
    """Read every ``<language>.yaml`` in ``folder`` (or only ``languages``), as the checker does.

    ``name_key``: a file without this text is refused (the UI texts need ``language.name``).
    """
    findings = Findings()
    _files, texts, refused = _read_files(folder, findings, languages, name_key, "a text file")
    return Translations(folder, texts, tuple(findings.problems), refused)


def read_ui_translations(ui_dir: Path) -> Translations:
    """The UI texts with every problem the checker finds: gaps, unknown keys, placeholders."""
    findings = Findings()
    if not ui_dir.is_dir():
        findings.error(ui_dir, 1, "UI texts folder not found")
        return Translations(ui_dir, {}, tuple(findings.problems))
    files, texts, refused = _read_files(ui_dir, findings, None, LANGUAGE_NAME_KEY, "a UI text file")
    default_file = ui_dir / f"{REFERENCE_LANGUAGE}.yaml"
    default = files.get(REFERENCE_LANGUAGE)
    if not default_file.is_file():
        findings.error(default_file, 1, "missing file: the kiosk's own words in Vietnamese")
    if default is not None:
        # Each language's own name is checked above: it never falls back to "Tiếng Việt" silently.
        required = [key for key in default.values if key != LANGUAGE_NAME_KEY]
        for language, flat in files.items():
            severity = Severity.ERROR if language == REFERENCE_LANGUAGE else Severity.WARNING
            report_gaps(flat, required, findings, severity=severity, plain_keys=True)
            if language != REFERENCE_LANGUAGE:
                _compare_with_default(flat, default, findings)
    return Translations(ui_dir, texts, tuple(findings.problems), refused)


def _read_files(
    folder: Path, findings: Findings, languages: Collection[str] | None, name_key: str | None, noun: str
) -> tuple[dict[str, FlatText], dict[str, dict[str, str]], dict[str, Path]]:
    """Each readable file (for the checks), each usable language's texts, and the refused files."""
    files: dict[str, FlatText] = {}
    texts: dict[str, dict[str, str]] = {}
    refused: dict[str, Path] = {}
    for file in sorted(folder.glob("*.yaml")):
        if languages is not None and file.stem not in languages:
            continue
        if not is_language_code(file.stem):
            findings.warning(file, 1, f"not used: {noun} is named by its language code, such as vi.yaml")
            continue
        flat = read_text_file(file, None, findings, yaml_strings=True)
        if flat is None:
            refused[file.stem] = file
            continue
        files[file.stem] = flat
        if name_key is not None and not _has_text(flat, name_key):
            message = f"'{name_key}' (the language's own name) is missing; the language is not offered"
            findings.error(file, flat.line_for(name_key), message)
            refused[file.stem] = file
            continue
        texts[file.stem] = {key: value.value for key, value in flat.values.items() if value.is_text}
    return files, texts, refused


def read_ui_texts(ui_dir: Path) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Every UI text per offered language (missing ones taken from Vietnamese), and every problem."""
    translations = read_ui_translations(ui_dir)
    if not translations.reference:
        return {}, list(translations.problems)
    texts = {language: translations.resolved(language)[0] for language in translations.texts}
    return texts, list(translations.problems)


def _has_text(flat: FlatText, key: str) -> bool:
    value = flat.values.get(key)
    return value is not None and bool(value.value) and value.is_text


def _compare_with_default(flat: FlatText, default: FlatText, findings: Findings) -> None:
    """Keys Vietnamese lacks are never shown; a different ``{placeholder}`` cannot be filled in."""
    for key, value in flat.values.items():
        original = default.values.get(key)
        if original is None:
            if value.value:
                message = f"'{key}' is not in {default.path.name}; it is never shown"
                findings.warning(flat.path, value.line, message)
            continue
        expected = placeholders(original.value)
        found = placeholders(value.value)
        if value.value and expected != found:
            wanted = " ".join(f"{{{name}}}" for name in sorted(expected or ())) or "none"
            message = f"'{key}' must use the same {{placeholders}} as Vietnamese: {wanted}"
            findings.warning(flat.path, value.line, message)


def placeholders(text: str) -> frozenset[str] | None:
    """The ``{name}`` fields the kiosk fills in, or None if the braces do not pair up."""
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return None
