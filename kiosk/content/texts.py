"""Text files in several languages, flattened to dotted keys, with Vietnamese fallback.

Tutorial texts, pack texts and the kiosk's own UI words share one shape: nested ``key: text``
lines per language. Flattening them (``steps.open-store.text``) lets one routine report what
a translation lacks and one routine fill the gaps from the default language, so a missing
translation is the same warning everywhere and never an empty screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TypeAlias

from kiosk.content.limits import MAX_QR_CAPTION_CHARS, MAX_SAFETY_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS
from kiosk.content.model import DEFAULT_LANGUAGE, Severity
from kiosk.content.schema import Findings, as_map
from kiosk.content.yaml_source import YamlMap, YamlNode, YamlScalar, kind_name, read_yaml
from kiosk.languages import english_name

# The allowed keys of a text file: a key maps to None for a text, to a nested schema for a
# set of keys; ANY_ID matches any key (step or category ids).
TextSchema: TypeAlias = Mapping[str, "TextSchema | None"]
ANY_ID = "*"
# A section read by its own reader (a pronunciation list whose keys are words such as
# "dichvucong.gov.vn", a glossary with lists): left out of the flat texts.
RAW: TextSchema = MappingProxyType({})

# Texts shown as one title line: by their own key, or as the single text of a category or reason.
_TITLE_KEYS = frozenset({"title", "name"})
_TITLED_SECTIONS = frozenset({"categories", "reasons"})
_SAFETY_KEY = "safety"
_QR_CAPTION_KEY = "qr_caption"
_SECTION_NOUNS = {"steps": "step", "categories": "category", "outcomes": "outcome", "reasons": "reason"}
# Sections whose items are a single text each: how that text is named in messages.
_SINGLE_TEXTS = {"categories": "the title of", "outcomes": "the text of", "reasons": "the text of"}


def language_name(code: str) -> str:
    """How the checker's messages name a language (``kiosk.languages`` holds the one table)."""
    return english_name(code)


def falls_back(default_language: str) -> str:
    return f"falls back to {language_name(default_language)}"


@dataclass
class FlatText:
    """One language file: each text by dotted key, and the line of every key and container."""

    path: Path
    values: dict[str, YamlScalar] = field(default_factory=dict)
    # Line of each container ("" is the file's top mapping, "steps", "steps.open-store").
    parents: dict[str, int] = field(default_factory=dict)
    # Keys written with the wrong type: already an error, so not reported again as missing.
    broken: set[str] = field(default_factory=set)

    def line_for(self, key: str) -> int:
        """The line of ``key`` or of its nearest existing container (a missing key's parent)."""
        while key:
            if key in self.values:
                return self.values[key].line
            if key in self.parents:
                return self.parents[key]
            key = key.rpartition(".")[0]
        return self.parents.get("", 1)

    def is_broken(self, key: str) -> bool:
        return any(key == bad or key.startswith(bad + ".") for bad in self.broken)

    def exists(self, key: str) -> bool:
        return key in self.values or key in self.parents

    def children(self, container: str) -> list[str]:
        """Ids directly inside ``container`` (e.g. the step ids under ``steps``)."""
        prefix = container + "."
        names = {
            k[len(prefix) :].split(".", 1)[0] for k in [*self.values, *self.parents] if k.startswith(prefix)
        }
        return sorted(names, key=lambda name: self.line_for(prefix + name))


def read_text_file(
    path: Path, schema: TextSchema | None, findings: Findings, *, yaml_strings: bool = False
) -> FlatText | None:
    """Read one language file; ``schema`` None allows any nesting (the UI catalogues).

    ``yaml_strings`` reports keys and texts that a plain YAML loader would not read as text
    (``no``, ``12``): the UI catalogues are read that way, and would lose them.
    """
    node, problems = read_yaml(path)
    findings.extend(problems)
    if node is None:
        return None
    top = as_map(node, path, findings, "a text file")
    if top is None:
        return None
    flat = FlatText(path, parents={"": top.line})
    _flatten(top, "", schema, flat, findings)
    if yaml_strings:
        _report_non_text(top, path, findings)
    return flat


def _report_non_text(node: YamlMap, path: Path, findings: Findings) -> None:
    for key, value in node.values.items():
        if key in node.non_text_keys:
            findings.error(
                path, node.key_lines[key], f"key '{key}' is not read as text by YAML; put it in quotes"
            )
        if isinstance(value, YamlMap):
            _report_non_text(value, path, findings)
        elif isinstance(value, YamlScalar) and value.value.strip() and not value.is_text:
            message = f"'{value.value}' of '{key}' is not read as text by YAML; put it in quotes"
            findings.error(path, value.line, message)


def _flatten(
    node: YamlMap, prefix: str, schema: TextSchema | None, flat: FlatText, findings: Findings
) -> None:
    for key, value in node.values.items():
        line = node.key_lines[key]
        full = prefix + key
        sub: TextSchema | None = None
        if schema is not None:
            if key not in schema and ANY_ID not in schema:
                findings.error(flat.path, line, f"unknown key '{key}'{_allowed(schema)}")
                continue
            sub = schema[key] if key in schema else schema[ANY_ID]
            if sub is RAW:
                continue
        if "." in key:
            findings.error(flat.path, line, f"key '{key}' must not contain '.'")
            continue
        if schema is None:  # free nesting: any text, or a set of more keys
            if isinstance(value, YamlScalar):
                _store_text(flat, findings, full, value)
            elif isinstance(value, YamlMap):
                flat.parents[full] = line
                _flatten(value, full + ".", None, flat, findings)
            else:
                _wrong_type(flat, findings, full, line, "a single text", value)
        elif sub is None:
            if isinstance(value, YamlScalar):
                _store_text(flat, findings, full, value)
            else:
                _wrong_type(flat, findings, full, line, "a single text", value)
        elif isinstance(value, YamlMap):
            flat.parents[full] = line
            _flatten(value, full + ".", sub, flat, findings)
        elif isinstance(value, YamlScalar) and not value.value.strip():
            flat.parents[full] = line  # an empty section: reported as missing texts, not as a type error
        else:
            _wrong_type(flat, findings, full, line, "a set of 'key: value' lines", value)


def _store_text(flat: FlatText, findings: Findings, key: str, value: YamlScalar) -> None:
    if value.cut_by_comment:
        findings.warning(
            flat.path,
            value.line,
            f"the text of '{key}' stops at ' #' (YAML reads the rest of the line as a comment);"
            " if the '#' belongs to the text, put the whole text in quotes",
        )
    text = value.value.strip()
    cap = text_cap(key)
    if len(text) > cap:
        findings.error(
            flat.path,
            value.line,
            f"'{key}' is {len(text)} characters long; at most {cap} fit the screen and the handout",
        )
        text = text[:cap]
    # is_text is kept: readers of the UI texts use only what a plain YAML loader reads as text.
    flat.values[key] = YamlScalar(text, value.line, is_text=value.is_text)


def text_cap(key: str) -> int:
    """The most characters the text at ``key`` may have: a title is one line, other texts a paragraph."""
    section, _, rest = key.partition(".")
    last = key.rpartition(".")[2]
    if last in _TITLE_KEYS or (section in _TITLED_SECTIONS and "." not in rest):
        return MAX_TITLE_CHARS
    if key == _SAFETY_KEY:
        return MAX_SAFETY_CHARS
    if key == _QR_CAPTION_KEY:
        return MAX_QR_CAPTION_CHARS
    return MAX_TEXT_CHARS


def _wrong_type(
    flat: FlatText, findings: Findings, key: str, line: int, expected: str, value: YamlNode
) -> None:
    flat.broken.add(key)
    name = key.rpartition(".")[2]
    findings.error(flat.path, line, f"'{name}' must be {expected}, not {kind_name(value)}")


def _allowed(schema: TextSchema) -> str:
    names = sorted(k for k in schema if k != ANY_ID)
    return f" (allowed: {', '.join(names)})"


def describe(key: str) -> str:
    """``steps.open-store.text`` → ``'text' of step 'open-store'``, for messages."""
    section, _, rest = key.partition(".")
    noun = _SECTION_NOUNS.get(section)
    if noun is None or not rest:
        return f"'{key}'"
    item, _, inner = rest.partition(".")
    if not inner:
        # A category, outcome or reason is a single text; a step is a set of texts.
        single = _SINGLE_TEXTS.get(section)
        return f"{single} {noun} '{item}'" if single else f"{noun} '{item}'"
    return f"'{inner}' of {noun} '{item}'"


def report_gaps(
    flat: FlatText,
    required: Iterable[str],
    findings: Findings,
    *,
    severity: Severity,
    default_language: str = DEFAULT_LANGUAGE,
    hints: Mapping[str, str] | None = None,
    plain_keys: bool = False,
) -> None:
    """Report required texts that are missing or empty: errors in the default language,
    warnings ("falls back to Vietnamese") in the others. A missing container is reported
    once, not once per text inside it. ``plain_keys`` quotes keys as written (UI catalogues)."""
    name = (lambda key: f"'{key}'") if plain_keys else describe
    reported: set[str] = set()
    for key in required:
        value = flat.values.get(key)
        if (value is not None and value.value) or flat.is_broken(key):
            continue
        missing = key
        if value is None:
            while "." in missing and not flat.exists(missing.rpartition(".")[0]):
                missing = missing.rpartition(".")[0]
        if missing in reported:
            continue
        reported.add(missing)
        state = "is empty" if value is not None else "is missing"
        hint = (hints or {}).get(key.rpartition(".")[2], "") if missing == key else ""
        if severity is Severity.ERROR:
            message = f"{name(missing)} {state}{hint}"
            findings.error(flat.path, flat.line_for(missing), message)
        else:
            message = f"{name(missing)} {state}; {falls_back(default_language)}"
            findings.warning(flat.path, flat.line_for(missing), message)


def resolve(
    files: Mapping[str, FlatText],
    required: Sequence[str],
    languages: Iterable[str],
    default_language: str,
) -> dict[str, tuple[dict[str, str], tuple[str, ...]]]:
    """Every required text in every language, taken from the default language where missing.

    Returns, per language, the texts by key and the keys that fell back. Call it only when the
    default language has every required text (i.e. after report_gaps found no error).
    """
    default = files[default_language]
    resolved: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {}
    for language in languages:
        own = files.get(language)
        values: dict[str, str] = {}
        fallbacks: list[str] = []
        for key in required:
            value = own.values.get(key) if own is not None else None
            if value is not None and value.value:
                values[key] = value.value
            else:
                values[key] = default.values[key].value
                if language != default_language:
                    fallbacks.append(key)
        resolved[language] = (values, tuple(fallbacks))
    return resolved


def unused_language_files(folder: Path, languages: Sequence[str], skip: str, findings: Findings) -> None:
    """Warn about ``hmn.yaml`` next to the texts when ``hmn`` is not in the pack's languages."""
    for file in sorted(folder.glob("*.yaml")):
        if file.name != skip and file.stem not in languages:
            findings.warning(
                file,
                1,
                f"'{file.stem}' is not in the pack's languages; add it to 'languages' in pack.yaml to use it",
            )
