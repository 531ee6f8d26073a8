"""Guided-session outcomes and "could not finish" reasons: read from the packs, with Vietnamese fallback."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kiosk.content.cache import load_content
from kiosk.content.check import check_content
from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Severity
from kiosk.system import paths

from .content_helpers import LOGIN, copy_good_pack, edit

VI_WORDS = (
    "outcomes:\n"
    "  logged-in: Đã đăng nhập VNeID\n"
    "  alerts-on: Đã bật thông báo\n"
    "next_steps: Ở nhà, đăng nhập lại một lần.\n"
)
EN_WORDS = "outcomes:\n  logged-in: Logged in to VNeID\nnext_steps: At home, log in once more.\n"


def _with_outcomes(tmp_path: Path) -> Path:
    pack = copy_good_pack(tmp_path)
    listed = "checked: 2026-11-20\noutcomes:\n  - logged-in\n  - alerts-on\nsources:"
    edit(pack / LOGIN / "tutorial.yaml", "checked: 2026-11-20\nsources:", listed)
    for name, words in (("vi.yaml", VI_WORDS), ("en.yaml", EN_WORDS)):
        file = pack / LOGIN / name
        file.write_text(file.read_text(encoding="utf-8") + words, encoding="utf-8")
    (pack / "pack.yaml").write_text(
        (pack / "pack.yaml").read_text(encoding="utf-8") + "reasons: [no-nfc, other]\n", encoding="utf-8"
    )
    (pack / "vi.yaml").write_text(
        (pack / "vi.yaml").read_text(encoding="utf-8")
        + "reasons:\n  no-nfc: Điện thoại không có NFC\n  other: Lý do khác\n",
        encoding="utf-8",
    )
    (pack / "en.yaml").write_text(
        (pack / "en.yaml").read_text(encoding="utf-8") + "reasons:\n  no-nfc: The phone has no NFC\n",
        encoding="utf-8",
    )
    return pack


def test_outcomes_and_reasons_are_read_in_order(tmp_path: Path) -> None:
    pack = _with_outcomes(tmp_path)
    catalogue = load_catalogue(pack.parent)
    login = catalogue.tutorial("vneid-login")
    assert login.outcomes == ("logged-in", "alerts-on")
    assert dict(login.text("vi").outcomes) == {
        "logged-in": "Đã đăng nhập VNeID",
        "alerts-on": "Đã bật thông báo",
    }
    assert login.text("vi").next_steps == "Ở nhà, đăng nhập lại một lần."
    assert login.outcome_text("en", "logged-in") == "Logged in to VNeID"
    assert login.text("en").next_steps == "At home, log in once more."
    assert [(r.id, r.title("vi"), r.title("en")) for r in catalogue.reasons] == [
        ("no-nfc", "Điện thoại không có NFC", "The phone has no NFC"),
        ("other", "Lý do khác", "Lý do khác"),
    ]
    assert catalogue.reason("other").title("hmn") == "Lý do khác"
    with pytest.raises(KeyError):
        catalogue.reason("no-such-reason")
    # A tutorial without outcomes has none, and no "what next" text.
    install = catalogue.tutorial("safe-install")
    assert (install.outcomes, dict(install.text("vi").outcomes), install.text("vi").next_steps) == (
        (),
        {},
        "",
    )


def test_missing_translation_of_an_outcome_or_reason_falls_back_with_a_warning(tmp_path: Path) -> None:
    pack = _with_outcomes(tmp_path)
    problems = check_content(pack)
    assert [(p.path.name, p.line, p.severity, p.message) for p in problems] == [
        ("en.yaml", 9, Severity.WARNING, "the text of reason 'other' is missing; falls back to Vietnamese"),
        (
            "en.yaml",
            13,
            Severity.WARNING,
            "the text of outcome 'alerts-on' is missing; falls back to Vietnamese",
        ),
    ]
    login = load_catalogue(pack.parent).tutorial("vneid-login")
    assert login.outcome_text("en", "alerts-on") == "Đã bật thông báo"
    assert "outcomes.alerts-on" in login.text("en").fallbacks
    # A UI language the pack is not written in: every outcome in Vietnamese.
    assert login.outcome_text("hmn", "logged-in") == "Đã đăng nhập VNeID"


def test_outcomes_key_misspelt_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    pack = _with_outcomes(tmp_path)
    edit(pack / LOGIN / "tutorial.yaml", "outcomes:\n", "outcome:\n")
    messages = [(p.path.name, p.line, p.message) for p in check_content(pack) if p.severity is Severity.ERROR]
    assert ("tutorial.yaml", 5, "unknown key 'outcome'; did you mean 'outcomes'?") in messages


def test_next_steps_without_outcomes_is_optional_but_then_translated(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    vi = pack / LOGIN / "vi.yaml"
    vi.write_text(vi.read_text(encoding="utf-8") + "next_steps: Học tiếp ở nhà.\n", encoding="utf-8")
    problems = check_content(pack)
    assert [(p.path.name, p.severity, p.message) for p in problems] == [
        ("en.yaml", Severity.WARNING, "'next_steps' is missing; falls back to Vietnamese")
    ]
    login = load_catalogue(pack.parent).tutorial("vneid-login")
    assert (login.text("vi").next_steps, login.text("en").next_steps) == (
        "Học tiếp ở nhà.",
        "Học tiếp ở nhà.",
    )


def test_the_content_cache_keeps_outcomes_and_reasons(tmp_path: Path) -> None:
    pack = _with_outcomes(tmp_path)
    cache = tmp_path / "content.cache"
    first = load_content(paths.ui_text_dir(), pack.parent, cache)[1]
    second = load_content(paths.ui_text_dir(), pack.parent, cache)[1]
    assert second.tutorial("vneid-login").outcomes == first.tutorial("vneid-login").outcomes
    assert dict(second.tutorial("vneid-login").text("en").outcomes) == {
        "logged-in": "Logged in to VNeID",
        "alerts-on": "Đã bật thông báo",
    }
    assert [r.id for r in second.reasons] == ["no-nfc", "other"]


def test_every_shipped_tutorial_has_outcomes_next_steps_and_reasons_in_vi_and_en() -> None:
    catalogue = load_catalogue(packs_dir(), ui_languages=("vi", "en"))
    for tutorial in catalogue.tutorials:
        assert tutorial.outcomes, tutorial.id
        for language in ("vi", "en"):
            text = tutorial.text(language)
            assert not [key for key in text.fallbacks if key.startswith(("outcomes.", "next_steps"))]
            assert list(text.outcomes) == list(tutorial.outcomes)
            for words in (*text.outcomes.values(), text.next_steps):
                assert words.strip() and unicodedata.is_normalized("NFC", words), (tutorial.id, words)
    ids = [reason.id for reason in catalogue.reasons]
    assert {"no-chip-card", "sms-code-missing", "no-nfc", "other"} <= set(ids)
    for reason in catalogue.reasons:
        vi, en = reason.titles["vi"], reason.titles["en"]
        assert vi != en and unicodedata.is_normalized("NFC", vi), reason.id
