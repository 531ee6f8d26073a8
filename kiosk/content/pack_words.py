"""A pack's language aids, per language: the pronunciation list and the glossary.

Both live in the pack's text files (``vi.yaml``, ``en.yaml`` next to ``pack.yaml``):

    pronunciation:            # written word -> what the voice says (whole words, case-sensitive)
      BHYT: bảo hiểm y tế
      dichvucong.gov.vn: dịch vụ công chấm gốp chấm vê en
    glossary:                 # one entry per idea
      otp:
        term: mã OTP
        variants: [mã xác thực, mã một lần]
        meaning: Mã số gửi qua tin nhắn, chỉ dùng một lần.

Their keys are words, not ids ("dichvucong.gov.vn" holds dots), so they are read here rather
than flattened with the other texts.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from kiosk.content.glossary_entry import GlossaryEntry
from kiosk.content.limits import MAX_TEXT_CHARS, MAX_TITLE_CHARS
from kiosk.content.model import PackWords
from kiosk.content.schema import Findings, as_map, check_id, check_keys, get_list, get_text, list_texts
from kiosk.content.yaml_source import YamlMap, YamlScalar, kind_name, read_yaml

PRONUNCIATION = "pronunciation"
GLOSSARY = "glossary"
_ENTRY_KEYS = ("term", "meaning")
_ENTRY_OPTIONAL = ("variants",)


def read_pack_words(path: Path, findings: Findings) -> PackWords:
    """The pronunciation list and glossary of one pack text file (what is wrong is reported and left out).

    YAML syntax errors are not reported here: reading the file's texts already did.
    """
    node, _ = read_yaml(path)
    if not isinstance(node, YamlMap):
        return PackWords(MappingProxyType({}))
    pronunciation = _read_pronunciation(node, path, findings)
    glossary = _read_glossary(node, path, findings)
    return PackWords(MappingProxyType(pronunciation), tuple(glossary))


def _section(top: YamlMap, key: str, path: Path, findings: Findings) -> YamlMap | None:
    value = top.values.get(key)
    if value is None or (isinstance(value, YamlScalar) and not value.value.strip()):
        return None
    return as_map(value, path, findings, f"'{key}'")


def _read_pronunciation(top: YamlMap, path: Path, findings: Findings) -> dict[str, str]:
    section = _section(top, PRONUNCIATION, path, findings)
    words: dict[str, str] = {}
    if section is None:
        return words
    for written, value in section.values.items():
        line = section.key_lines[written]
        if not written.strip() or written != written.strip() or any(ch.isspace() for ch in written):
            findings.error(
                path, line, f"pronunciation key '{written}' must be one written word, without spaces"
            )
            continue
        if not isinstance(value, YamlScalar):
            findings.error(
                path, line, f"the pronunciation of '{written}' must be a single text, not {kind_name(value)}"
            )
            continue
        said = " ".join(value.value.split())
        if not said:
            findings.error(path, line, f"the pronunciation of '{written}' is empty")
            continue
        if len(said) > MAX_TITLE_CHARS:
            findings.error(
                path, line, f"the pronunciation of '{written}' is longer than {MAX_TITLE_CHARS} characters"
            )
            continue
        words[written] = said
    return words


def _read_glossary(top: YamlMap, path: Path, findings: Findings) -> list[GlossaryEntry]:
    section = _section(top, GLOSSARY, path, findings)
    entries: list[GlossaryEntry] = []
    if section is None:
        return entries
    for entry_id, value in section.values.items():
        line = section.key_lines[entry_id]
        if not check_id(YamlScalar(entry_id, line), "glossary id", path, findings):
            continue
        entry = as_map(value, path, findings, f"glossary entry '{entry_id}'")
        if entry is None:
            continue
        check_keys(entry, path, findings, _ENTRY_KEYS, _ENTRY_OPTIONAL)
        term = get_text(entry, "term", path, findings)
        meaning = get_text(entry, "meaning", path, findings)
        variants: list[str] = []
        if "variants" in entry.values:
            items = get_list(entry, "variants", path, findings)
            if items is not None:
                variants = [item.value for item in list_texts(items, "variants", path, findings)]
        if meaning is not None and len(meaning.value) > MAX_TEXT_CHARS:
            findings.error(
                path, meaning.line, f"the meaning of '{entry_id}' is longer than {MAX_TEXT_CHARS} characters"
            )
            continue
        if term is None or meaning is None:
            continue
        entries.append(GlossaryEntry(entry_id, term.value, " ".join(meaning.value.split()), tuple(variants)))
    return entries
