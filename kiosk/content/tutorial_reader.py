"""Reading one tutorial folder: its structure (``tutorial.yaml``), pictures and texts.

Checking and building are one pass: every problem is collected, and the model object is
built only when none of them is an error, so the kiosk shows exactly what ``content check``
passed and nothing it failed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

from kiosk.content.model import (
    NO_PACK_WORDS,
    Check,
    CheckLevel,
    PackWords,
    Practice,
    PracticeKind,
    Problem,
    QuizAnswer,
    RingKind,
    Severity,
    Source,
    Step,
    StepKind,
    StepText,
    Tutorial,
    TutorialText,
)
from kiosk.content.schema import (
    Findings,
    as_map,
    check_id,
    check_keys,
    get_list,
    get_text,
    list_texts,
    parse_date,
    relative_file,
)
from kiosk.content.svg import PHONE_VIEW_BOX, SvgReader
from kiosk.content.texts import (
    ANY_ID,
    FlatText,
    TextSchema,
    describe,
    falls_back,
    language_name,
    read_text_file,
    report_gaps,
    resolve,
    unused_language_files,
)
from kiosk.content.urls import qr_url_problem
from kiosk.content.wording import MAX_SYLLABLES, long_sentences, unpronounced_abbreviations, variant_uses
from kiosk.content.yaml_source import YamlMap, read_yaml

TUTORIAL_FILE = "tutorial.yaml"
_TOP_KEYS = ("id", "category", "sources", "steps")
# `checked: DATE` is the older form of `check: {level: desk, date: DATE}`.
_TOP_OPTIONAL = ("outcomes", "qr", "check", "checked")
_CHECK_KEYS = ("level", "date")
_CHECK_OPTIONAL = ("app", "app_version", "device")
_STEP_KEYS = ("id", "image")
_STEP_OPTIONAL = ("kind", "answer", "highlight", "ring", "practice")
# practice: {tap: ID} or {type: digits|code, sample: "..."} or {type: password, rules: [...]}.
_PRACTICE_TYPES = {
    "digits": PracticeKind.DIGITS,
    "code": PracticeKind.CODE,
    "password": PracticeKind.PASSWORD,
}
_SAMPLES = {PracticeKind.DIGITS: (12, "a 12-digit number"), PracticeKind.CODE: (6, "a 6-digit code")}
_PASSWORD_RULE = re.compile(r"(?:min|max)[1-9][0-9]?|upper|lower|digit|symbol")
_SOURCE_KEYS = ("title", "url", "checked")
_SOURCE_OPTIONAL = ("note",)
TEXT_SCHEMA: TextSchema = {
    "title": None,
    "summary": None,
    "safety": None,
    "steps": {ANY_ID: {"title": None, "text": None, "why": None, "spoken": None, "hint": None}},
    "outcomes": {ANY_ID: None},
    "next_steps": None,
    "qr_caption": None,
}
_TEXT_HINTS = {
    "qr_caption": " (a tutorial with a QR code says under it what the code opens)",
    "why": " (a quiz step needs the reason for its answer)",
    "hint": " (a practised step needs the help said after a first miss)",
    "next_steps": " (a tutorial with outcomes needs it for the take-home sheet)",
}


@dataclass(frozen=True)
class PackContext:
    """What a tutorial needs to know about its pack."""

    pack_id: str
    content_version: str
    default_language: str
    # Languages the pack is written in (their files are read and checked).
    languages: tuple[str, ...]
    # Languages to resolve texts for: the pack's plus the kiosk's UI languages.
    text_languages: tuple[str, ...]
    # None when pack.yaml's own list is broken: the check that needs it is skipped, not failed.
    category_ids: frozenset[str] | None
    qr_domains: tuple[str, ...] | None
    svgs: SvgReader
    # The pack's pronunciation list and glossary per language (empty until they are read).
    pack_words: Mapping[str, PackWords] = field(default_factory=dict)


@dataclass
class _StepSpec:
    """A step as read; fields stay None where tutorial.yaml was wrong."""

    id: str | None
    kind: StepKind = StepKind.INSTRUCTION
    answer: QuizAnswer | None = None
    image: Path | None = None
    highlight: str | None = None
    ring: RingKind = RingKind.TAP
    practice: Practice | None = None


def read_tutorial(folder: Path, ctx: PackContext) -> tuple[Tutorial | None, list[Problem]]:
    """The tutorial in ``folder`` and every problem found; None if any problem is an error."""
    findings = Findings()
    path = folder / TUTORIAL_FILE
    node, problems = read_yaml(path)
    findings.extend(problems)
    top = as_map(node, path, findings, TUTORIAL_FILE) if node is not None else None
    if top is None:
        _read_texts(folder, ctx, None, findings)
        return None, findings.all_problems()
    check_keys(top, path, findings, _TOP_KEYS, _TOP_OPTIONAL)
    tutorial_id = get_text(top, "id", path, findings)
    if (
        tutorial_id is not None
        and check_id(tutorial_id, "id", path, findings)
        and tutorial_id.value != folder.name
    ):
        findings.error(
            path, tutorial_id.line, f"id '{tutorial_id.value}' does not match its folder name '{folder.name}'"
        )
    category = get_text(top, "category", path, findings)
    if category is not None and ctx.category_ids is not None and category.value not in ctx.category_ids:
        known = ", ".join(sorted(ctx.category_ids))
        findings.error(
            path, category.line, f"category '{category.value}' is not in pack.yaml's categories ({known})"
        )
    qr = get_text(top, "qr", path, findings)
    if qr is not None:
        reason = qr_url_problem(qr.value, ctx.qr_domains)
        if reason is not None:
            findings.error(path, qr.line, reason)
    check = _read_check(top, path, findings)
    sources = _read_sources(top, path, findings)
    steps = _read_steps(top, folder, path, ctx, findings)
    outcomes = _read_outcomes(top, path, findings)
    texts = _read_texts(folder, ctx, steps, findings, outcomes, has_qr=qr is not None)
    if findings.has_errors or texts is None or steps is None:
        return None, findings.all_problems()
    assert tutorial_id is not None and category is not None and check is not None
    tutorial = Tutorial(
        id=tutorial_id.value,
        pack_id=ctx.pack_id,
        content_version=ctx.content_version,
        category=category.value,
        qr_url=qr.value if qr is not None else "",
        checked=check.date,
        check=check,
        pack_words=ctx.pack_words,
        sources=tuple(sources),
        steps=tuple(_build_step(spec) for spec in steps),
        texts=MappingProxyType(texts),
        folder=folder,
        outcomes=tuple(outcomes or ()),
    )
    return tutorial, findings.all_problems()


def _read_check(top: YamlMap, path: Path, findings: Findings) -> Check | None:
    """``check: {level, date, ...}``, or the older ``checked: DATE`` read as level desk."""
    if "check" in top.values and "checked" in top.values:
        findings.error(path, top.key_lines["checked"], "write 'check:' or 'checked:', not both")
        return None
    if "checked" in top.values:
        old = get_text(top, "checked", path, findings)
        day = parse_date(old, "checked", path, findings) if old is not None else None
        return Check(CheckLevel.DESK, day) if day is not None else None
    if "check" not in top.values:
        findings.error(path, top.line, "missing key 'check' (level: desk or phone, and date)")
        return None
    node = as_map(top.values["check"], path, findings, "'check'")
    if node is None:
        return None
    check_keys(node, path, findings, _CHECK_KEYS, _CHECK_OPTIONAL)
    level_text = get_text(node, "level", path, findings)
    level: CheckLevel | None = None
    if level_text is not None:
        try:
            level = CheckLevel(level_text.value)
        except ValueError:
            findings.error(
                path,
                level_text.line,
                f"check level must be 'desk' (written from official guides) or 'phone' (tried on a"
                f" real phone), not '{level_text.value}'",
            )
    date_text = get_text(node, "date", path, findings)
    day = parse_date(date_text, "date", path, findings) if date_text is not None else None
    app, version, device = (get_text(node, key, path, findings) for key in _CHECK_OPTIONAL)
    if level is CheckLevel.PHONE:
        for key, value in (("app", app), ("app_version", version)):
            if value is None and key not in node.values:
                findings.error(
                    path,
                    node.line,
                    f"check level phone needs '{key}' (the app and version it was tried with)",
                )
    if level is None or day is None or findings.has_errors:
        return None
    return Check(
        level,
        day,
        app=app.value if app is not None else "",
        app_version=version.value if version is not None else "",
        device=device.value if device is not None else "",
    )


def _read_sources(top: YamlMap, path: Path, findings: Findings) -> list[Source]:
    items = get_list(top, "sources", path, findings)
    sources: list[Source] = []
    for item in items.items if items is not None else ():
        source = as_map(item, path, findings, "each source")
        if source is None:
            continue
        check_keys(source, path, findings, _SOURCE_KEYS, _SOURCE_OPTIONAL)
        title = get_text(source, "title", path, findings)
        checked_text = get_text(source, "checked", path, findings)
        checked: date | None = None
        if checked_text is not None:
            checked = parse_date(checked_text, "checked", path, findings)
        url = get_text(source, "url", path, findings)
        if url is not None and not url.value.startswith("https://"):
            findings.error(path, url.line, f"source url '{url.value}' must start with https://")
        note = get_text(source, "note", path, findings)
        if title is not None and checked is not None:
            sources.append(
                Source(
                    title=title.value,
                    checked=checked,
                    url=url.value if url is not None else "",
                    note=note.value if note is not None else "",
                )
            )
    return sources


def _read_steps(
    top: YamlMap, folder: Path, path: Path, ctx: PackContext, findings: Findings
) -> list[_StepSpec] | None:
    """The steps with a usable id (for the text checks), or None when there is no step list."""
    items = get_list(top, "steps", path, findings)
    if items is None:
        return None
    specs: list[_StepSpec] = []
    first_lines: dict[str, int] = {}
    for item in items.items:
        step = as_map(item, path, findings, "each step")
        if step is None:
            continue
        check_keys(step, path, findings, _STEP_KEYS, _STEP_OPTIONAL)
        spec = _read_step(step, folder, path, ctx, findings)
        step_id = get_text(step, "id", path, findings)
        if step_id is None or not check_id(step_id, "step id", path, findings):
            continue
        if step_id.value in first_lines:
            first = first_lines[step_id.value]
            findings.error(path, step_id.line, f"duplicate step id '{step_id.value}' (first at line {first})")
            continue
        first_lines[step_id.value] = step_id.line
        spec.id = step_id.value
        specs.append(spec)
    return specs


def _read_step(step: YamlMap, folder: Path, path: Path, ctx: PackContext, findings: Findings) -> _StepSpec:
    spec = _StepSpec(id=None)
    kind = get_text(step, "kind", path, findings)
    if kind is not None:
        try:
            spec.kind = StepKind(kind.value)
        except ValueError:
            findings.error(path, kind.line, f"kind must be 'instruction' or 'quiz', not '{kind.value}'")
    answer = get_text(step, "answer", path, findings)
    if answer is not None:
        if spec.kind is not StepKind.QUIZ:
            findings.error(
                path, answer.line, "'answer' is only for quiz steps (add 'kind: quiz' or remove it)"
            )
        try:
            spec.answer = QuizAnswer(answer.value)
        except ValueError:
            findings.error(path, answer.line, f"answer must be 'safe' or 'scam', not '{answer.value}'")
    elif spec.kind is StepKind.QUIZ:
        findings.error(path, step.line, "a quiz step needs 'answer: safe' or 'answer: scam'")
    spec.practice = _read_practice(step, spec.kind, path, findings)
    image = get_text(step, "image", path, findings)
    if image is not None:
        spec.image = relative_file(image, folder, "image", path, findings)
    highlight = get_text(step, "highlight", path, findings)
    if highlight is not None:
        spec.highlight = highlight.value
    ring = get_text(step, "ring", path, findings)
    if ring is not None:
        try:
            spec.ring = RingKind(ring.value)
        except ValueError:
            findings.error(
                path,
                ring.line,
                f"ring must be 'tap' (the visitor taps it) or 'look' (only look at it), not '{ring.value}'",
            )
        if "highlight" not in step.values:
            findings.error(path, ring.line, "'ring' needs a 'highlight' (the part of the picture to ring)")
    elif highlight is not None:
        findings.error(
            path,
            highlight.line,
            "a highlight needs 'ring: tap' (the visitor taps it on the phone) or 'ring: look'"
            " (only look at it: a card, an amount, a receipt, a sender)",
        )
    if spec.image is None:
        return spec
    picture, problems = ctx.svgs.read(spec.image, view_box=PHONE_VIEW_BOX)
    findings.extend(problems)
    if picture is None:
        return spec
    if highlight is not None and highlight.value not in picture.ids:
        name = spec.image.relative_to(folder.resolve())
        findings.error(
            path, highlight.line, f"highlight '{highlight.value}' is not the id of any element in {name}"
        )
    if spec.practice is not None and spec.practice.target and spec.practice.target not in picture.ids:
        name = spec.image.relative_to(folder.resolve())
        line = _practice_line(step)
        findings.error(
            path, line, f"practice target '{spec.practice.target}' is not the id of any element in {name}"
        )
    return spec


def _practice_line(step: YamlMap) -> int:
    node = step.values.get("practice")
    if isinstance(node, YamlMap) and "tap" in node.key_lines:
        return node.key_lines["tap"]
    return step.key_lines.get("practice", step.line)


def _read_practice(step: YamlMap, kind: StepKind, path: Path, findings: Findings) -> Practice | None:
    """A step's ``practice``: a part of the picture to tap, or what to type (None when wrong)."""
    node = step.values.get("practice")
    if node is None:
        return None
    line = step.key_lines["practice"]
    practice = as_map(node, path, findings, "'practice'")
    if practice is None:
        return None
    if kind is StepKind.QUIZ:
        findings.error(path, line, "a quiz step is answered, not practised: remove 'practice'")
        return None
    if "tap" in practice.values:
        check_keys(practice, path, findings, ("tap",))
        target = get_text(practice, "tap", path, findings)
        return Practice(PracticeKind.TAP, target=target.value) if target is not None else None
    check_keys(practice, path, findings, ("type",), ("sample", "rules"))
    kind_text = get_text(practice, "type", path, findings)
    if kind_text is None:
        if "type" not in practice.values:
            findings.error(path, line, "practice needs 'tap: ELEMENT_ID' or 'type: digits|code|password'")
        return None
    practice_kind = _PRACTICE_TYPES.get(kind_text.value)
    if practice_kind is None:
        findings.error(
            path,
            kind_text.line,
            f"practice type must be 'digits', 'code' or 'password', not '{kind_text.value}'",
        )
        return None
    if practice_kind is PracticeKind.PASSWORD:
        return _read_rules(practice, line, path, findings)
    if "rules" in practice.values:
        findings.error(path, practice.key_lines["rules"], "'rules' is only for 'type: password'")
    sample = get_text(practice, "sample", path, findings)
    length, what = _SAMPLES[practice_kind]
    if sample is None:
        if "sample" not in practice.values:
            findings.error(path, line, f"practice type '{kind_text.value}' needs a 'sample': {what}, quoted")
        return None
    if len(sample.value) != length or not sample.value.isascii() or not sample.value.isdigit():
        findings.error(path, sample.line, f"the sample must be {what} (quoted), not '{sample.value}'")
        return None
    return Practice(practice_kind, sample=sample.value)


def _read_rules(practice: YamlMap, line: int, path: Path, findings: Findings) -> Practice | None:
    if "sample" in practice.values:
        findings.error(path, practice.key_lines["sample"], "a password has 'rules', not a 'sample'")
    items = get_list(practice, "rules", path, findings)
    if items is None:
        if "rules" not in practice.values:
            findings.error(
                path, line, "practice type 'password' needs 'rules', e.g. [min8, upper, lower, digit, symbol]"
            )
        return None
    rules: list[str] = []
    broken = False
    for rule in list_texts(items, "rules", path, findings):
        if not _PASSWORD_RULE.fullmatch(rule.value):
            findings.error(
                path,
                rule.line,
                f"unknown password rule '{rule.value}' (rules: minN, maxN, upper, lower, digit, symbol)",
            )
            broken = True
        elif rule.value in rules:
            findings.error(path, rule.line, f"password rule '{rule.value}' is listed twice")
            broken = True
        else:
            rules.append(rule.value)
    lengths = {rule[:3]: int(rule[3:]) for rule in rules if rule[:3] in ("min", "max")}
    if "min" in lengths and "max" in lengths and lengths["min"] > lengths["max"]:
        findings.error(
            path,
            items.line,
            f"password rules min{lengths['min']} and max{lengths['max']} exclude every password",
        )
        broken = True
    if broken or not rules:
        return None
    return Practice(PracticeKind.PASSWORD, rules=tuple(rules))


def _read_outcomes(top: YamlMap, path: Path, findings: Findings) -> list[str] | None:
    """The outcome ids in checklist order: [] without the key, None when the list is broken."""
    if "outcomes" not in top.values:
        return []
    items = get_list(top, "outcomes", path, findings)
    if items is None:
        return None
    outcomes: list[str] = []
    first_lines: dict[str, int] = {}
    broken = False
    for entry in list_texts(items, "outcomes", path, findings):
        if not check_id(entry, "outcome id", path, findings):
            broken = True
            continue
        if entry.value in first_lines:
            first = first_lines[entry.value]
            findings.error(path, entry.line, f"duplicate outcome id '{entry.value}' (first at line {first})")
            continue
        first_lines[entry.value] = entry.line
        outcomes.append(entry.value)
    # An id that is not an id leaves its words unmatched: they would only echo this error.
    return None if broken or not outcomes else outcomes


def _build_step(spec: _StepSpec) -> Step:
    assert spec.id is not None and spec.image is not None
    return Step(
        id=spec.id,
        kind=spec.kind,
        image=spec.image,
        highlight=spec.highlight or "",
        answer=spec.answer,
        ring=spec.ring,
        practice=spec.practice,
    )


def _required_texts(
    steps: list[_StepSpec] | None, outcomes: list[str] | None, next_steps: bool, qr_caption: bool = False
) -> list[str]:
    keys = ["title", "summary", "safety"]
    for step in steps or ():
        keys += [f"steps.{step.id}.title", f"steps.{step.id}.text"]
        if step.kind is StepKind.QUIZ:
            keys.append(f"steps.{step.id}.why")
        if step.practice is not None:
            keys.append(f"steps.{step.id}.hint")
    keys += [f"outcomes.{outcome}" for outcome in outcomes or ()]
    if next_steps:
        keys.append("next_steps")
    if qr_caption:
        keys.append("qr_caption")
    return keys


def _read_texts(
    folder: Path,
    ctx: PackContext,
    steps: list[_StepSpec] | None,
    findings: Findings,
    outcomes: list[str] | None = None,
    *,
    has_qr: bool = False,
) -> dict[str, TutorialText] | None:
    """Check every language file and resolve the texts; None when the default text is unusable."""
    default = ctx.default_language
    files: dict[str, FlatText] = {}
    for language in ctx.languages:
        file = folder / f"{language}.yaml"
        if not file.is_file():
            if language == default:
                findings.error(
                    file, 1, f"missing file: every tutorial needs its text in {language_name(default)}"
                )
            else:
                findings.warning(
                    file, 1, f"missing file: the {language_name(language)} text {falls_back(default)}"
                )
            continue
        if language == default:
            flat = read_text_file(file, TEXT_SCHEMA, findings)
        else:
            own = Findings()
            flat = read_text_file(file, TEXT_SCHEMA, own)
            if own.has_errors:
                findings.translation_errors.extend(own.problems)
                continue
            findings.extend(own.problems)
        if flat is not None:
            files[language] = flat
    unused_language_files(folder, ctx.languages, TUTORIAL_FILE, findings)
    # "What comes next at home" is required with outcomes; without, it is optional but, once
    # written in the default language, expected in the others like any text.
    next_steps = bool(outcomes) or (default in files and "next_steps" in files[default].values)
    qr_caption = has_qr or (default in files and "qr_caption" in files[default].values)
    required = _required_texts(steps, outcomes, next_steps, qr_caption)
    for language, flat in files.items():
        severity = Severity.ERROR if language == default else Severity.WARNING
        report_gaps(flat, required, findings, severity=severity, default_language=default, hints=_TEXT_HINTS)
        if steps is not None:
            _report_stray_steps(flat, steps, findings)
        if outcomes is not None:
            _report_stray_outcomes(flat, outcomes, findings)
        report_wording(flat, language, ctx.pack_words.get(language, NO_PACK_WORDS), findings)
    if steps is None or default not in files or findings.has_errors:
        return None
    texts: dict[str, TutorialText] = {}
    for language, (values, fallbacks) in resolve(files, required, ctx.text_languages, default).items():
        own_file = files.get(language)
        spoken = {step.id: _own_spoken(own_file, step.id, fallbacks) for step in steps if step.id is not None}
        step_texts = {
            step.id: StepText(
                title=values[f"steps.{step.id}.title"],
                text=values[f"steps.{step.id}.text"],
                why=values.get(f"steps.{step.id}.why", ""),
                spoken=spoken[step.id],
                hint=values.get(f"steps.{step.id}.hint", ""),
            )
            for step in steps
            if step.id is not None
        }
        texts[language] = TutorialText(
            language=language,
            title=values["title"],
            summary=values["summary"],
            safety=values["safety"],
            steps=MappingProxyType(step_texts),
            fallbacks=fallbacks,
            outcomes=MappingProxyType({outcome: values[f"outcomes.{outcome}"] for outcome in outcomes or ()}),
            next_steps=values.get("next_steps", ""),
            qr_caption=values.get("qr_caption", ""),
        )
    return texts


def _own_spoken(own: FlatText | None, step_id: str, fallbacks: tuple[str, ...]) -> str:
    """A step's ``spoken`` words in the language's own file: never another language's, and only
    while the text it replaces is that language's too."""
    value = own.values.get(f"steps.{step_id}.spoken") if own is not None else None
    if value is None or not value.value or f"steps.{step_id}.text" in fallbacks:
        return ""
    return value.value


def report_wording(
    flat: FlatText, language: str, words: PackWords, findings: Findings, *, abbreviations: bool = True
) -> None:
    """Warnings about how the words read and sound: abbreviations the voice would guess at,
    long sentences in a step, and another name for an idea the glossary names."""
    reported: set[str] = set()
    variants: set[str] = set()
    for key, value in flat.values.items():
        text = value.value
        for word in unpronounced_abbreviations(text, words.pronunciation) if abbreviations else ():
            if word not in reported:
                reported.add(word)
                findings.warning(
                    flat.path,
                    value.line,
                    f"'{word}' has no entry in the pack's {language_name(language)} pronunciation list"
                    f" ('pronunciation' in {language}.yaml next to pack.yaml); the voice may read it wrong",
                )
        if key.startswith("steps.") and key.rpartition(".")[2] in ("text", "why"):
            for sentence, count in long_sentences(text, language):
                start = " ".join(sentence.split()[:6])
                findings.warning(
                    flat.path,
                    value.line,
                    f"a sentence of {describe(key)} has {count} syllables (at most {MAX_SYLLABLES}):"
                    f" '{start} …'; split it, one action per sentence",
                )
        for use in variant_uses(text, words.glossary):
            if use.variant.casefold() not in variants:
                variants.add(use.variant.casefold())
                findings.warning(
                    flat.path,
                    value.line,
                    f"'{use.variant}' is another name for '{use.entry.term}' (glossary '{use.entry.id}');"
                    f" write '{use.entry.term}', so every tutorial calls it the same",
                )


def _report_stray_steps(flat: FlatText, steps: list[_StepSpec], findings: Findings) -> None:
    """Texts for steps tutorial.yaml does not have are never shown: usually a renamed step."""
    kinds = {step.id: step.kind for step in steps}
    practised = {step.id for step in steps if step.practice is not None}
    for step_id in flat.children("steps"):
        line = flat.line_for(f"steps.{step_id}")
        if step_id not in kinds:
            findings.warning(
                flat.path, line, f"step '{step_id}' is not in tutorial.yaml; its text is never shown"
            )
        elif kinds[step_id] is not StepKind.QUIZ and f"steps.{step_id}.why" in flat.values:
            why_line = flat.line_for(f"steps.{step_id}.why")
            findings.warning(flat.path, why_line, f"'why' of step '{step_id}' is only shown for quiz steps")
        if step_id in kinds and step_id not in practised and f"steps.{step_id}.hint" in flat.values:
            hint_line = flat.line_for(f"steps.{step_id}.hint")
            findings.warning(
                flat.path, hint_line, f"'hint' of step '{step_id}' is only used in practice (add 'practice')"
            )


def _report_stray_outcomes(flat: FlatText, outcomes: list[str], findings: Findings) -> None:
    """Words for an outcome tutorial.yaml does not list are never shown: usually a renamed id."""
    for outcome in flat.children("outcomes"):
        if outcome not in outcomes:
            line = flat.line_for(f"outcomes.{outcome}")
            findings.warning(
                flat.path, line, f"outcome '{outcome}' is not in tutorial.yaml; its words are never shown"
            )
