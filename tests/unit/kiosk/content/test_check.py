"""``content check``: each fault an organiser or translator can make is reported at its line."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from kiosk.content.check import check_content, check_report
from kiosk.content.cli import check_command
from kiosk.content.model import Problem, Severity

from .content_helpers import BROKEN_PACKS, LOGIN, copy_good_pack, edit

E = Severity.ERROR
W = Severity.WARNING
T = "tutorials/vneid-login/"

# One broken pack per fault: (file, line, severity, message fragment). Each pack is the good
# one-tutorial pack with exactly this fault, so the finding must be the only one.
CORPUS: dict[str, tuple[str, int, Severity, str]] = {
    "yaml-syntax": (T + "vi.yaml", 7, E, "YAML syntax error: mapping values are not allowed here"),
    "duplicate-key": (T + "tutorial.yaml", 5, E, "duplicate key 'qr' (first at line 3)"),
    "unknown-key": (T + "tutorial.yaml", 8, E, "unknown key 'nte'; did you mean 'note'?"),
    "missing-key": (T + "tutorial.yaml", 10, E, "missing key 'image'"),
    "wrong-type": (T + "tutorial.yaml", 5, E, "'sources' must be a list"),
    "unknown-format": ("pack.yaml", 1, E, "unknown format 2: this kiosk reads format 1"),
    "pack-id-mismatch": ("pack.yaml", 2, E, "id 'core' does not match its folder name 'pack-id-mismatch'"),
    "tutorial-id-mismatch": (T + "tutorial.yaml", 1, E, "id 'vneid-logn' does not match its folder name"),
    "duplicate-step": (T + "tutorial.yaml", 14, E, "duplicate step id 'open-app' (first at line 10)"),
    "listed-without-folder": ("pack.yaml", 14, E, "tutorial 'vneid-recover' is listed but has no folder"),
    "unlisted-folder": ("pack.yaml", 12, W, "folder tutorials/draft/ is not listed in 'tutorials'"),
    "unknown-category": (T + "tutorial.yaml", 2, E, "category 'payments' is not in pack.yaml's categories"),
    "missing-image": (T + "tutorial.yaml", 11, E, "image file not found"),
    "missing-icon": ("pack.yaml", 11, E, "icon file not found"),
    "malformed-svg": (T + "images/01-open-app.svg", 6, E, "picture is not well-formed XML: mismatched tag"),
    "bad-highlight": (T + "tutorial.yaml", 12, E, "highlight 'app-icn' is not the id of any element"),
    "svg-script": (T + "images/02-fake-call.svg", 4, E, "<script> is not allowed"),
    "qr-off-allowlist": (T + "tutorial.yaml", 3, E, "www.google.com is not an official domain"),
    "qr-lookalike-domain": (T + "tutorial.yaml", 3, E, "vneid.gov.vn.evil.com is not an official domain"),
    "qr-http": (T + "tutorial.yaml", 3, E, "must start with https://"),
    "qr-userinfo": (T + "tutorial.yaml", 3, E, "must not contain '@'"),
    "quiz-without-answer": (T + "tutorial.yaml", 14, E, "a quiz step needs 'answer: safe' or 'answer: scam'"),
    "instruction-with-answer": (T + "tutorial.yaml", 14, E, "'answer' is only for quiz steps"),
    "quiz-without-why": (T + "vi.yaml", 8, E, "'why' of step 'fake-call' is missing"),
    "missing-default-text": (
        T + "vi.yaml",
        1,
        E,
        "missing file: every tutorial needs its text in Vietnamese",
    ),
    "missing-translation": (T + "en.yaml", 4, W, "step 'fake-call' is missing; falls back to Vietnamese"),
    "missing-translation-file": (T + "en.yaml", 1, W, "the English text falls back to Vietnamese"),
    "empty-text": (T + "vi.yaml", 2, E, "'summary' is empty"),
    "stray-step-text": (T + "vi.yaml", 8, W, "step 'old-step' is not in tutorial.yaml"),
    "bad-date": (T + "tutorial.yaml", 4, E, "'checked' is not a real date: '2026-02-30'"),
    "bad-source-date": (T + "tutorial.yaml", 8, E, "'checked' is not a real date: '20/11/2026'"),
    "empty-sources": (T + "tutorial.yaml", 5, E, "'sources' is empty"),
    "not-utf8": (T + "vi.yaml", 1, E, "not UTF-8"),
    "missing-category-title": ("vi.yaml", 3, E, "the title of category 'vneid' is empty"),
    "bad-language": ("pack.yaml", 5, E, "'Hmong' is not a language code"),
    "text-cut-by-comment": (T + "vi.yaml", 7, W, "the text of 'steps.open-app.text' stops at ' #'"),
    "duplicate-outcome": (T + "tutorial.yaml", 7, E, "duplicate outcome id 'logged-in' (first at line 6)"),
    "bad-outcome-id": (T + "tutorial.yaml", 5, E, "outcome id 'Logged in' may use only letters, digits"),
    "missing-outcome-words": (T + "vi.yaml", 12, E, "the text of outcome 'card-added' is missing"),
    "missing-next-steps": (T + "vi.yaml", 1, E, "'next_steps' is missing (a tutorial with outcomes needs it"),
    "stray-outcome-words": (T + "vi.yaml", 14, W, "outcome 'signed-in' is not in tutorial.yaml"),
    "duplicate-reason": ("pack.yaml", 17, E, "reason 'no-nfc' is listed twice (first at line 15)"),
    "missing-reason-words": ("vi.yaml", 4, E, "the text of reason 'other' is missing"),
    # Hostile packs: what a stick from anyone may carry (see also test_hostile_packs.py).
    "qr-domain-added": ("pack.yaml", 9, E, "'evil.example' is not one of the kiosk's official domains"),
    "svg-use-bomb": (T + "images/01-open-app.svg", 6, E, "<use> of '#l2' nests more than 2 deep"),
    "svg-doctype": (T + "images/01-open-app.svg", 2, E, "<!DOCTYPE> is not allowed in kiosk pictures"),
    "svg-animate": (T + "images/01-open-app.svg", 4, E, "<animate> is not allowed in kiosk pictures"),
    "yaml-too-deep": (T + "vi.yaml", 4, E, "nested too deeply (more than 20 levels)"),
    "title-too-long": (T + "vi.yaml", 6, E, "'steps.open-app.title' is 1000 characters long; at most 200"),
    "wav-random-bytes": (T + "audio/vi/open-app.wav", 1, E, "recording refused: not a WAV file"),
    # Issue 15: what a tutorial claims, rings, prints under its QR code and says aloud.
    "ring-missing": (T + "tutorial.yaml", 12, E, "a highlight needs 'ring: tap' (the visitor taps it"),
    "ring-unknown": (T + "tutorial.yaml", 13, E, "ring must be 'tap' (the visitor taps it) or 'look'"),
    "ring-without-highlight": (T + "tutorial.yaml", 12, E, "'ring' needs a 'highlight'"),
    "check-phone-without-version": (T + "tutorial.yaml", 5, E, "check level phone needs 'app_version'"),
    "check-level-unknown": (T + "tutorial.yaml", 5, E, "check level must be 'desk' (written from official"),
    "check-and-checked": (T + "tutorial.yaml", 4, E, "write 'check:' or 'checked:', not both"),
    "source-without-url": (T + "tutorial.yaml", 6, E, "missing key 'url'"),
    "source-http-url": (
        T + "tutorial.yaml",
        7,
        E,
        "source url 'http://vneid.gov.vn' must start with https://",
    ),
    "qr-without-caption": (T + "vi.yaml", 1, E, "'qr_caption' is missing (a tutorial with a QR code says"),
    "qr-caption-too-long": (T + "vi.yaml", 12, E, "'qr_caption' is 98 characters long; at most 80"),
    "abbreviation-without-entry": (
        T + "vi.yaml",
        7,
        W,
        "'NFC' has no entry in the pack's Vietnamese pronunciation",
    ),
    "long-sentence": (
        T + "vi.yaml",
        7,
        W,
        "a sentence of 'text' of step 'open-app' has 31 syllables (at most 25)",
    ),
    "glossary-variant": (T + "vi.yaml", 11, W, "'mã xác thực' is another name for 'mã OTP' (glossary 'otp')"),
    "pronunciation-not-a-word": ("vi.yaml", 7, E, "pronunciation key 'App Store' must be one written word"),
}


def test_every_corpus_folder_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN_PACKS.iterdir()) == sorted(CORPUS)


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_broken_pack_is_reported_at_its_line(case: str) -> None:
    file, line, severity, fragment = CORPUS[case]
    pack = BROKEN_PACKS / case
    problems = check_content(pack)
    assert [(p.path.relative_to(pack).as_posix(), p.line, p.severity) for p in problems] == [
        (file, line, severity)
    ]
    assert fragment in problems[0].message
    out = io.StringIO()
    assert check_command(pack, out) == (1 if severity is E else 0)
    assert out.getvalue().splitlines()[0] == f"{pack / file}:{line}: {severity.value}: {problems[0].message}"


def test_good_pack_has_no_problem(tmp_path: Path) -> None:
    assert check_content(copy_good_pack(tmp_path)) == []


def _found(problems: list[Problem], base: Path) -> set[tuple[str, int, Severity]]:
    return {(p.path.relative_to(base).as_posix(), p.line, p.severity) for p in problems}


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / LOGIN / "tutorial.yaml", "qr: https://vneid.gov.vn", "qr: http://vneid.gov.vn")
    edit(pack / LOGIN / "tutorial.yaml", "highlight: caller-name", "highlight: caller")
    edit(pack / LOGIN / "en.yaml", "title: Open the app\n", "")
    edit(pack / "pack.yaml", "format: 1\n", "format: 1\nauthor: Xã Tân Lập\n")
    report = check_report(pack)
    assert _found(list(report.problems), pack) == {
        ("pack.yaml", 2, E),
        (f"{LOGIN}/tutorial.yaml", 3, E),
        (f"{LOGIN}/tutorial.yaml", 18, E),
        (f"{LOGIN}/en.yaml", 5, W),
    }
    assert (report.errors, report.warnings, report.tutorial_count) == (3, 1, 2)


def test_missing_key_points_at_the_parent_mapping(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / LOGIN / "vi.yaml", "    title: Mở ứng dụng\n", "")
    edit(pack / LOGIN / "tutorial.yaml", "checked: 2026-11-20\nsources:", "sources:")
    problems = check_content(pack)
    assert [(p.path.name, p.line, p.message) for p in problems] == [
        ("tutorial.yaml", 1, "missing key 'check' (level: desk or phone, and date)"),
        ("vi.yaml", 5, "'title' of step 'open-app' is missing"),
    ]


@pytest.mark.parametrize(
    ("answer", "message"),
    [("maybe", "answer must be 'safe' or 'scam', not 'maybe'"), ("safe", None)],
)
def test_quiz_answer_must_be_safe_or_scam(tmp_path: Path, answer: str, message: str | None) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / LOGIN / "tutorial.yaml", "answer: scam", f"answer: {answer}")
    assert [p.message for p in check_content(pack)] == ([message] if message else [])


def test_kind_must_be_known(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / LOGIN / "tutorial.yaml", "kind: quiz", "kind: drill")
    messages = [(p.line, p.message) for p in check_content(pack)]
    assert (15, "kind must be 'instruction' or 'quiz', not 'drill'") in messages


def test_image_outside_the_tutorial_folder_is_refused(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / LOGIN / "tutorial.yaml", "images/01-open-app.svg", "../../icons/vneid.svg")
    problems = check_content(pack)
    assert [(p.line, p.message) for p in problems] == [
        (11, "'image' must name a file inside vneid-login/, not '../../icons/vneid.svg'")
    ]


def test_picture_linking_outside_is_refused(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    picture = pack / LOGIN / "images/01-open-app.svg"
    edit(
        picture,
        '  <g id="app-icon">\n',
        '  <g id="app-icon">\n    <use href="https://evil.example/x.svg#a"/>\n',
    )
    problems = check_content(pack)
    assert [(p.path, p.line, p.severity) for p in problems] == [(picture, 4, E)]
    assert "links to 'https://evil.example/x.svg#a'" in problems[0].message


def test_picture_not_drawn_as_a_phone_screen_is_a_warning(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    picture = pack / LOGIN / "images/01-open-app.svg"
    edit(picture, 'viewBox="0 0 360 720"', 'viewBox="0 0 1080 1920"')
    problems = check_content(pack)
    assert [(p.path, p.line, p.severity) for p in problems] == [(picture, 1, W)]
    assert "viewBox is '0 0 1080 1920'" in problems[0].message


def test_unknown_format_stops_before_reporting_keys_it_may_define(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / "pack.yaml", "format: 1\n", "format: 2\nvoices: [vi]\n")
    assert [(p.line, p.severity) for p in check_content(pack)] == [(1, E)]


def test_default_language_must_be_one_of_the_languages(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / "pack.yaml", "languages: [vi, en]", "languages: [en]")
    problems = check_content(pack)
    assert (4, "default_language 'vi' is not in languages") in [(p.line, p.message) for p in problems]


def test_qr_domain_must_be_bare(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / "pack.yaml", "  - dichvucong.gov.vn\n", "  - https://dichvucong.gov.vn\n")
    problems = check_content(pack)
    assert [(p.line, p.message) for p in problems] == [
        (8, "qr_domains entry 'https://dichvucong.gov.vn' must be a bare domain such as vneid.gov.vn")
    ]


def test_subdomain_of_an_allowed_domain_passes(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    # safe-install's QR already is https://www.dichvucong.gov.vn/...; a deeper one passes too.
    edit(pack / LOGIN / "tutorial.yaml", "qr: https://vneid.gov.vn", "qr: https://a.b.vneid.gov.vn/x?y=1")
    assert check_content(pack) == []


def test_translation_file_for_an_undeclared_language_is_a_warning(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    shutil.copy(pack / LOGIN / "vi.yaml", pack / LOGIN / "hmn.yaml")
    problems = check_content(pack)
    assert [(p.path.name, p.line, p.severity) for p in problems] == [("hmn.yaml", 1, W)]
    assert "add it to 'languages' in pack.yaml" in problems[0].message


def test_new_language_missing_everywhere_warns_once_per_file(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / "pack.yaml", "languages: [vi, en]", "languages: [vi, en, hmn]")
    problems = check_content(pack)
    assert sorted(p.path.relative_to(pack).as_posix() for p in problems) == [
        "hmn.yaml",
        "tutorials/safe-install/hmn.yaml",
        "tutorials/vneid-login/hmn.yaml",
    ]
    assert all(p.severity is W and "falls back to Vietnamese" in p.message for p in problems)


def test_packs_folder_reports_a_folder_without_pack_yaml(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    (pack.parent / "half-copied").mkdir()
    problems = check_content(pack.parent)
    assert [(p.path, p.line, p.severity) for p in problems] == [(pack.parent / "half-copied/pack.yaml", 1, E)]


def test_same_tutorial_id_in_two_packs_is_an_error(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    other = pack.parent / "zz-extra"
    shutil.copytree(pack, other)
    edit(other / "pack.yaml", "id: good-pack", "id: zz-extra")
    problems = check_content(pack.parent)
    assert [(p.path, p.line) for p in problems] == [(other / "pack.yaml", 15), (other / "pack.yaml", 16)]
    assert "tutorial 'vneid-login' is already in pack 'good-pack'" in problems[0].message


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    problems = check_content(tmp_path / "nowhere")
    assert [(p.path, p.line, p.severity) for p in problems] == [(tmp_path / "nowhere", 1, E)]
