"""Reading one pack folder: ``pack.yaml``, the pack's texts and icons, then each tutorial.

This is the single validation path: ``content check`` reports ``PackResult.problems``, the
loader keeps ``PackResult.tutorials``. A broken manifest makes the whole pack unusable; a
broken tutorial only drops that tutorial.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from kiosk.content.limits import scan_pack
from kiosk.content.model import DEFAULT_LANGUAGE, Category, PackWords, Problem, Reason, Severity, Tutorial
from kiosk.content.pack_words import GLOSSARY, PRONUNCIATION, read_pack_words
from kiosk.content.schema import (
    Findings,
    as_map,
    check_id,
    check_keys,
    get_list,
    get_text,
    is_language_code,
    list_texts,
    parse_int,
    relative_file,
)
from kiosk.content.svg import SvgReader
from kiosk.content.texts import (
    ANY_ID,
    RAW,
    FlatText,
    TextSchema,
    falls_back,
    language_name,
    read_text_file,
    report_gaps,
    resolve,
    unused_language_files,
)
from kiosk.content.tutorial_reader import PackContext, read_tutorial, report_wording
from kiosk.content.urls import domain_problem
from kiosk.content.yaml_source import YamlMap, YamlScalar, read_yaml

PACK_FILE = "pack.yaml"
TUTORIALS_FOLDER = "tutorials"
FORMAT_VERSION = 1
_PACK_KEYS = (
    "format",
    "id",
    "content_version",
    "default_language",
    "languages",
    "qr_domains",
    "categories",
    "tutorials",
)
# The "could not finish" reasons a volunteer picks from in a guided session.
_PACK_OPTIONAL = ("reasons",)
_CATEGORY_KEYS = ("id", "icon")
PACK_TEXT_SCHEMA: TextSchema = {
    "name": None,
    "categories": {ANY_ID: None},
    "reasons": {ANY_ID: None},
    PRONUNCIATION: RAW,
    GLOSSARY: RAW,
}


@dataclass(frozen=True)
class PackResult:
    """What one pack yielded: the usable parts and every problem found on the way."""

    folder: Path
    pack_id: str
    usable: bool
    # The pack's languages, its default language first.
    languages: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    tutorials: tuple[Tutorial, ...] = ()
    problems: tuple[Problem, ...] = ()
    reasons: tuple[Reason, ...] = ()
    # The tutorial ids pack.yaml lists, in order, with their line in pack.yaml.
    listed: Mapping[str, int] = field(default_factory=dict)
    skipped_tutorials: tuple[str, ...] = ()


@dataclass
class _Manifest:
    """pack.yaml as read; broken parts are replaced by safe stand-ins or None (check skipped)."""

    pack_id: str
    content_version: str = ""
    default_language: str = DEFAULT_LANGUAGE
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    qr_domains: tuple[str, ...] | None = None
    categories: dict[str, Path | None] | None = None
    tutorials: list[YamlScalar] = field(default_factory=list)
    tutorials_line: int = 1
    reasons: list[str] = field(default_factory=list)


def read_pack(folder: Path, ui_languages: Sequence[str] = ()) -> PackResult:
    """Check and build the pack in ``folder``; its texts resolved for its languages and ``ui_languages``."""
    # The hard limits come first: nothing of a pack that breaks one is parsed.
    refused = scan_pack(folder).problems
    if refused:
        return PackResult(folder, folder.name, usable=False, problems=refused)
    manifest_findings = Findings()
    svgs = SvgReader()
    manifest = _read_manifest(folder, manifest_findings, svgs)
    if manifest is None:
        return PackResult(folder, folder.name, usable=False, problems=tuple(manifest_findings.problems))
    text_languages = _unique([*manifest.languages, *filter(is_language_code, ui_languages), DEFAULT_LANGUAGE])
    pack_words: dict[str, PackWords] = {}
    titles = _read_pack_texts(folder, manifest, text_languages, manifest_findings, pack_words)
    ctx = PackContext(
        pack_id=manifest.pack_id,
        content_version=manifest.content_version,
        default_language=manifest.default_language,
        languages=manifest.languages,
        text_languages=text_languages,
        category_ids=frozenset(manifest.categories) if manifest.categories is not None else None,
        qr_domains=manifest.qr_domains,
        svgs=svgs,
        pack_words=MappingProxyType(pack_words),
    )
    listing = Findings()
    tutorials: list[Tutorial] = []
    skipped: list[str] = []
    pack_path = folder / PACK_FILE
    for entry in manifest.tutorials:
        tutorial_folder = folder / TUTORIALS_FOLDER / entry.value
        if not tutorial_folder.is_dir():
            listing.error(pack_path, entry.line, f"tutorial '{entry.value}' is listed but has no folder")
            skipped.append(entry.value)
            continue
        tutorial, problems = read_tutorial(tutorial_folder, ctx)
        listing.extend(problems)
        if tutorial is None:
            skipped.append(entry.value)
        else:
            tutorials.append(tutorial)
    listed = {entry.value: entry.line for entry in manifest.tutorials}
    _report_unlisted(folder, listed, manifest.tutorials_line, listing)
    usable = not manifest_findings.has_errors and titles is not None and manifest.categories is not None
    categories: list[Category] = []
    reasons: list[Reason] = []
    if usable and titles is not None and manifest.categories is not None:
        for category_id, icon in manifest.categories.items():
            assert icon is not None
            categories.append(
                Category(category_id, icon, MappingProxyType(titles[f"categories.{category_id}"]))
            )
        reasons = [Reason(r, MappingProxyType(titles[f"reasons.{r}"])) for r in manifest.reasons]
    return PackResult(
        folder=folder,
        pack_id=manifest.pack_id,
        usable=usable,
        languages=manifest.languages,
        categories=tuple(categories),
        tutorials=tuple(tutorials) if usable else (),
        problems=(*manifest_findings.problems, *listing.problems),
        reasons=tuple(reasons),
        listed=MappingProxyType(listed),
        skipped_tutorials=tuple(skipped) if usable else tuple(listed),
    )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _read_manifest(folder: Path, findings: Findings, svgs: SvgReader) -> _Manifest | None:
    path = folder / PACK_FILE
    if not path.is_file():
        findings.error(path, 1, f"missing file: every pack folder needs a {PACK_FILE}")
        return None
    node, problems = read_yaml(path)
    findings.extend(problems)
    top = as_map(node, path, findings, PACK_FILE) if node is not None else None
    if top is None:
        return None
    # The format comes first: a newer format may have other keys, so nothing else is checked.
    format_text = get_text(top, "format", path, findings)
    if format_text is not None:
        version = parse_int(format_text, "format", path, findings)
        if version is not None and version != FORMAT_VERSION:
            findings.error(
                path,
                format_text.line,
                f"unknown format {version}: this kiosk reads format {FORMAT_VERSION}; update the kiosk",
            )
            return None
    check_keys(top, path, findings, _PACK_KEYS, _PACK_OPTIONAL)
    manifest = _Manifest(pack_id=folder.name)
    pack_id = get_text(top, "id", path, findings)
    if pack_id is not None and check_id(pack_id, "id", path, findings):
        manifest.pack_id = pack_id.value
        if pack_id.value != folder.name:
            findings.error(
                path, pack_id.line, f"id '{pack_id.value}' does not match its folder name '{folder.name}'"
            )
    version_text = get_text(top, "content_version", path, findings)
    manifest.content_version = version_text.value if version_text is not None else ""
    _read_languages(top, path, findings, manifest)
    domains = get_list(top, "qr_domains", path, findings)
    if domains is not None:
        valid = []
        for domain in list_texts(domains, "qr_domains", path, findings):
            problem = domain_problem(domain.value)
            if problem is None:
                valid.append(domain.value)
            else:
                findings.error(path, domain.line, problem)
        # With a broken entry, tutorials' QR hosts are checked against the kiosk's list alone.
        manifest.qr_domains = tuple(valid) if len(valid) == len(domains.items) else None
    manifest.categories = _read_categories(top, folder, path, findings, svgs)
    manifest.tutorials = _read_tutorial_list(top, path, findings)
    manifest.tutorials_line = top.key_lines.get("tutorials", top.line)
    manifest.reasons = _read_reasons(top, path, findings)
    return manifest


def _read_languages(top: YamlMap, path: Path, findings: Findings, manifest: _Manifest) -> None:
    default = get_text(top, "default_language", path, findings)
    if default is not None:
        if is_language_code(default.value):
            manifest.default_language = default.value
        else:
            findings.error(path, default.line, f"default_language '{default.value}' is not a language code")
    items = get_list(top, "languages", path, findings)
    if items is None:
        manifest.languages = (manifest.default_language,)
        return
    languages: list[str] = []
    for language in list_texts(items, "languages", path, findings):
        if not is_language_code(language.value):
            findings.error(
                path, language.line, f"'{language.value}' is not a language code such as vi, en or hmn"
            )
        elif language.value in languages:
            findings.error(path, language.line, f"language '{language.value}' is listed twice")
        else:
            languages.append(language.value)
    if default is not None and manifest.default_language not in languages:
        findings.error(
            path, default.line, f"default_language '{manifest.default_language}' is not in languages"
        )
    # The default language first, so every later reader finds it.
    manifest.languages = _unique([manifest.default_language, *languages])


def _read_categories(
    top: YamlMap, folder: Path, path: Path, findings: Findings, svgs: SvgReader
) -> dict[str, Path | None] | None:
    """Category id → icon path (None where the icon is broken); None if the list itself is."""
    items = get_list(top, "categories", path, findings)
    if items is None:
        return None
    categories: dict[str, Path | None] = {}
    lines: dict[str, int] = {}
    for item in items.items:
        category = as_map(item, path, findings, "each category")
        if category is None:
            continue
        check_keys(category, path, findings, _CATEGORY_KEYS)
        icon_text = get_text(category, "icon", path, findings)
        icon = relative_file(icon_text, folder, "icon", path, findings) if icon_text is not None else None
        if icon is not None:
            picture, problems = svgs.read(icon)
            findings.extend(problems)
            icon = icon if picture is not None else None
        category_id = get_text(category, "id", path, findings)
        if category_id is None or not check_id(category_id, "category id", path, findings):
            continue
        if category_id.value in categories:
            first = lines[category_id.value]
            findings.error(
                path,
                category_id.line,
                f"category '{category_id.value}' is listed twice (first at line {first})",
            )
            continue
        categories[category_id.value] = icon
        lines[category_id.value] = category_id.line
    return categories


def _read_tutorial_list(top: YamlMap, path: Path, findings: Findings) -> list[YamlScalar]:
    items = get_list(top, "tutorials", path, findings)
    if items is None:
        return []
    entries: list[YamlScalar] = []
    lines: dict[str, int] = {}
    for entry in list_texts(items, "tutorials", path, findings):
        if not check_id(entry, "tutorial id", path, findings):
            continue
        if entry.value in lines:
            first = lines[entry.value]
            findings.error(
                path, entry.line, f"tutorial '{entry.value}' is listed twice (first at line {first})"
            )
            continue
        lines[entry.value] = entry.line
        entries.append(entry)
    return entries


def _read_reasons(top: YamlMap, path: Path, findings: Findings) -> list[str]:
    if "reasons" not in top.values:
        return []
    items = get_list(top, "reasons", path, findings)
    if items is None:
        return []
    reasons: list[str] = []
    lines: dict[str, int] = {}
    for entry in list_texts(items, "reasons", path, findings):
        if not check_id(entry, "reason id", path, findings):
            continue
        if entry.value in lines:
            first = lines[entry.value]
            findings.error(
                path, entry.line, f"reason '{entry.value}' is listed twice (first at line {first})"
            )
            continue
        lines[entry.value] = entry.line
        reasons.append(entry.value)
    return reasons


def _read_pack_texts(
    folder: Path,
    manifest: _Manifest,
    text_languages: Sequence[str],
    findings: Findings,
    pack_words: dict[str, PackWords],
) -> dict[str, dict[str, str]] | None:
    """Each category title and reason ("categories.vneid", "reasons.no-nfc") per language, with
    fallback; None when the default text is unusable."""
    default = manifest.default_language
    files: dict[str, FlatText] = {}
    for language in manifest.languages:
        file = folder / f"{language}.yaml"
        if not file.is_file():
            if language == default:
                findings.error(
                    file, 1, f"missing file: every pack needs its text in {language_name(default)}"
                )
            else:
                findings.warning(
                    file, 1, f"missing file: the {language_name(language)} text {falls_back(default)}"
                )
            continue
        flat = read_text_file(file, PACK_TEXT_SCHEMA, findings)
        if flat is not None:
            files[language] = flat
            pack_words[language] = read_pack_words(file, findings)
            # The pack's own words (category titles, reasons) use the glossary's names too; they are
            # not read aloud, so their abbreviations need no pronunciation.
            report_wording(flat, language, pack_words[language], findings, abbreviations=False)
    unused_language_files(folder, manifest.languages, PACK_FILE, findings)
    category_ids = list(manifest.categories or ())
    required = [
        "name",
        *(f"categories.{category_id}" for category_id in category_ids),
        *(f"reasons.{reason}" for reason in manifest.reasons),
    ]
    for language, flat in files.items():
        severity = Severity.ERROR if language == default else Severity.WARNING
        report_gaps(flat, required, findings, severity=severity, default_language=default)
        for category_id in flat.children("categories"):
            if manifest.categories is not None and category_id not in manifest.categories:
                line = flat.line_for(f"categories.{category_id}")
                message = f"category '{category_id}' is not in pack.yaml; its title is never shown"
                findings.warning(flat.path, line, message)
        for reason in flat.children("reasons"):
            if reason not in manifest.reasons:
                message = f"reason '{reason}' is not in pack.yaml's reasons; its words are never shown"
                findings.warning(flat.path, flat.line_for(f"reasons.{reason}"), message)
    if default not in files or findings.has_errors:
        return None
    resolved = resolve(files, required, text_languages, default)
    return {
        key: {language: values[key] for language, (values, _) in resolved.items()} for key in required[1:]
    }


def _report_unlisted(folder: Path, listed: Mapping[str, int], line: int, findings: Findings) -> None:
    """A tutorial folder pack.yaml does not list is never shown: usually a forgotten line."""
    tutorials = folder / TUTORIALS_FOLDER
    if not tutorials.is_dir():
        return
    for sub in sorted(tutorials.iterdir()):
        if sub.is_dir() and not sub.name.startswith((".", "_")) and sub.name not in listed:
            message = f"folder {TUTORIALS_FOLDER}/{sub.name}/ is not listed in 'tutorials'; it is not shown"
            findings.warning(folder / PACK_FILE, line, message)
