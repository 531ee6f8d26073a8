"""Loading the catalogue: what the kiosk shows, in order, with Vietnamese filling every gap."""

from __future__ import annotations

import logging
import shutil
from datetime import date
from pathlib import Path

import pytest

from kiosk.content.check import check_content
from kiosk.content.loader import load_catalogue
from kiosk.content.model import QuizAnswer, Severity, StepKind

from .content_helpers import LOGIN, copy_good_pack, edit


def test_good_pack_loads_in_pack_order(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    catalogue = load_catalogue(pack.parent)
    assert [t.id for t in catalogue.tutorials] == ["vneid-login", "safe-install"]
    assert [c.id for c in catalogue.categories] == ["vneid", "safety"]
    assert catalogue.languages == ("vi", "en")
    assert catalogue.problems == ()
    assert catalogue.category("safety").title("vi") == "Phòng tránh lừa đảo"
    assert catalogue.category("safety").title("en") == "Avoiding scams"
    assert catalogue.in_category("vneid") == (catalogue.tutorial("vneid-login"),)


def test_tutorial_structure_is_resolved(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    tutorial = load_catalogue(pack.parent).tutorial("vneid-login")
    assert (tutorial.pack_id, tutorial.content_version, tutorial.category) == (
        "good-pack",
        "2026.11.24",
        "vneid",
    )
    assert tutorial.qr_url == "https://vneid.gov.vn"
    assert tutorial.checked == date(2026, 11, 20)
    assert [(s.title, s.url, s.checked) for s in tutorial.sources] == [
        ("Bộ Công an — Hướng dẫn đăng nhập ứng dụng VNeID", "https://vneid.gov.vn", date(2026, 11, 20))
    ]
    open_app, fake_call = tutorial.steps
    assert (open_app.id, open_app.kind, open_app.answer, open_app.highlight) == (
        "open-app",
        StepKind.INSTRUCTION,
        None,
        "app-icon",
    )
    assert (fake_call.kind, fake_call.answer) == (StepKind.QUIZ, QuizAnswer.SCAM)
    for step in tutorial.steps:
        assert step.image.is_absolute() and step.image.is_file()
    assert open_app.image == (pack / LOGIN / "images/01-open-app.svg").resolve()
    assert all(c.icon.is_absolute() and c.icon.is_file() for c in load_catalogue(pack.parent).categories)


def test_texts_in_each_language(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    tutorial = load_catalogue(pack.parent).tutorial("vneid-login")
    fake_call = tutorial.steps[1]
    assert tutorial.text("vi").title == "Đăng nhập VNeID"
    assert tutorial.text("en").title == "Logging in to VNeID"
    assert tutorial.step_text("en", fake_call).why == "The police never ask for an OTP code by phone."
    assert tutorial.step_text("vi", tutorial.steps[0]).why == ""
    assert tutorial.text("en").fallbacks == ()
    safe_install = load_catalogue(pack.parent).tutorial("safe-install")
    assert (
        safe_install.text("vi").safety == "Không bấm vào đường link lạ.\nKhông cài ứng dụng do người lạ gửi."
    )


def test_missing_translation_falls_back_field_by_field(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / LOGIN / "en.yaml", "    text: Tap the “VNeID” icon on the screen.\n", "")
    edit(pack / LOGIN / "en.yaml", "summary: Open the VNeID app and recognise a scam call.\n", "")
    with caplog.at_level(logging.INFO, logger="kiosk.content.loader"):
        catalogue = load_catalogue(pack.parent)
    tutorial = catalogue.tutorial("vneid-login")
    english = tutorial.text("en")
    assert english.title == "Logging in to VNeID"
    assert english.summary == "Mở ứng dụng VNeID và nhận ra cuộc gọi lừa đảo."
    assert english.steps["open-app"].title == "Open the app"
    assert english.steps["open-app"].text == "Bấm vào biểu tượng “VNeID” trên màn hình."
    assert english.fallbacks == ("summary", "steps.open-app.text")
    assert [(p.path.name, p.severity) for p in catalogue.problems] == [("en.yaml", Severity.WARNING)] * 2
    summaries = [r for r in caplog.records if "texts missing in en" in r.getMessage()]
    assert len(summaries) == 1 and summaries[0].levelno == logging.WARNING
    assert "vneid-login" in summaries[0].getMessage() and "steps.open-app.text" in summaries[0].getMessage()


def test_ui_language_the_pack_lacks_is_wholly_vietnamese(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pack = copy_good_pack(tmp_path)
    with caplog.at_level(logging.INFO, logger="kiosk.content.loader"):
        catalogue = load_catalogue(pack.parent, ui_languages=("hmn", "en"))
    assert catalogue.languages == ("vi", "en", "hmn")
    tutorial = catalogue.tutorial("vneid-login")
    hmong = tutorial.text("hmn")
    assert hmong.language == "hmn"
    assert hmong.title == tutorial.text("vi").title
    assert hmong.steps == tutorial.text("vi").steps
    assert hmong.fallbacks[:3] == ("title", "summary", "safety")
    assert "steps.fake-call.why" in hmong.fallbacks
    assert catalogue.category("vneid").title("hmn") == "Ứng dụng VNeID"
    assert catalogue.problems == ()  # the pack never claimed Hmong: nothing to fix in it
    assert any("has no hmn text" in r.getMessage() and r.levelno == logging.INFO for r in caplog.records)


def test_broken_tutorial_is_skipped_and_the_other_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / LOGIN / "tutorial.yaml", "highlight: app-icon", "highlight: app-icn")
    edit(pack / LOGIN / "tutorial.yaml", "qr: https://vneid.gov.vn", "qr: https://vneid.gov.vn.evil.com")
    with caplog.at_level(logging.WARNING, logger="kiosk.content.loader"):
        catalogue = load_catalogue(pack.parent)
    assert [t.id for t in catalogue.tutorials] == ["safe-install"]
    assert [c.id for c in catalogue.categories] == ["safety"]  # no empty topic for the visitor
    errors = [p for p in catalogue.problems if p.severity is Severity.ERROR]
    assert [(p.path.name, p.line) for p in errors] == [("tutorial.yaml", 3), ("tutorial.yaml", 12)]
    logged = [r.getMessage() for r in caplog.records]
    assert str(errors[0]) in logged and str(errors[1]) in logged
    assert any("skipped tutorial vneid-login" in line for line in logged)


def test_broken_pack_yaml_skips_that_pack_only(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    pack = copy_good_pack(tmp_path)
    broken = pack.parent / "aa-broken"
    shutil.copytree(pack, broken)
    edit(broken / "pack.yaml", "id: good-pack\n", "id: aa-broken\ncontent_version: 2\n")
    with caplog.at_level(logging.WARNING, logger="kiosk.content.loader"):
        catalogue = load_catalogue(pack.parent)
    assert [t.pack_id for t in catalogue.tutorials] == ["good-pack", "good-pack"]
    assert [(p.path, p.line) for p in catalogue.problems] == [(broken / "pack.yaml", 4)]
    assert "duplicate key 'content_version'" in catalogue.problems[0].message
    assert any(f"skipped content pack {broken}" in r.getMessage() for r in caplog.records)


def test_packs_load_in_folder_order_and_share_topics(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    extra = pack.parent / "a-local"
    shutil.copytree(pack, extra)
    edit(extra / "pack.yaml", "id: good-pack", "id: a-local")
    edit(extra / "pack.yaml", "  - vneid-login\n  - safe-install\n", "  - local-login\n")
    (extra / "tutorials/vneid-login").rename(extra / "tutorials/local-login")
    edit(extra / "tutorials/local-login/tutorial.yaml", "id: vneid-login", "id: local-login")
    shutil.rmtree(extra / "tutorials/safe-install")
    catalogue = load_catalogue(pack.parent)
    assert [t.id for t in catalogue.tutorials] == ["local-login", "vneid-login", "safe-install"]
    assert [c.id for c in catalogue.categories] == ["vneid", "safety"]
    assert catalogue.category("vneid").icon == (extra / "icons/vneid.svg").resolve()
    assert [t.id for t in catalogue.in_category("vneid")] == ["local-login", "vneid-login"]


def test_no_packs_gives_an_empty_catalogue_with_a_reason(tmp_path: Path) -> None:
    catalogue = load_catalogue(tmp_path / "packs")
    assert (catalogue.tutorials, catalogue.categories, catalogue.languages) == ((), (), ("vi",))
    assert [(p.path, p.severity) for p in catalogue.problems] == [(tmp_path / "packs", Severity.ERROR)]


def test_broken_translation_costs_only_that_language(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A translator's syntax slip in en.yaml must not take the tutorial away from Vietnamese readers."""
    pack = copy_good_pack(tmp_path)
    english = pack / LOGIN / "en.yaml"
    english.write_text(english.read_text(encoding="utf-8") + "\n  broken: [\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        catalogue = load_catalogue(pack.parent)
    tutorial = catalogue.tutorial("vneid-login")
    assert tutorial.text("en").title == tutorial.text("vi").title
    assert "title" in tutorial.text("en").fallbacks
    errors = [p for p in catalogue.problems if p.severity is Severity.ERROR]
    assert [p.path for p in errors] == [english]
    assert "en.yaml" in caplog.text
    assert any(p.severity is Severity.ERROR and p.path == english for p in check_content(pack))
