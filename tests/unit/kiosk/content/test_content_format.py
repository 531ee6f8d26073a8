"""The issue-15 format: check levels, ring kinds, spoken words, QR captions, pronunciation and glossary."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from kiosk.content.check import check_content
from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Check, CheckLevel, RingKind, Severity
from kiosk.handouts import HandoutWords

from .content_helpers import LOGIN, copy_good_pack, edit

SPEC_TUTORIAL = """id: vneid-login
category: vneid
qr: https://vneid.gov.vn
check:
  level: phone
  date: 2026-12-08
  app: VNeID
  app_version: "2.1.9"
  device: Android 13
sources:
  - title: Bộ Công an — Hướng dẫn đăng nhập ứng dụng VNeID
    url: https://vneid.gov.vn
    checked: 2026-12-08
steps:
  - id: open-app
    image: images/01-open-app.svg
    highlight: app-icon
    ring: tap
  - id: fake-call
    kind: quiz
    answer: scam
    image: images/02-fake-call.svg
    highlight: caller-name
    ring: look
"""

PACK_WORDS_VI = """name: Gói thử nghiệm
categories:
  vneid: Ứng dụng VNeID
  safety: Phòng tránh lừa đảo
pronunciation:
  OTP: ô tê pê
  VNeID: vê en e ai đi
  CH: xê hát
  vneid.gov.vn: vê en e ai đi chấm gốp chấm vê en
glossary:
  otp:
    term: mã OTP
    variants: [mã xác thực, mã một lần]
    meaning: Mã số gửi qua tin nhắn, chỉ dùng một lần.
"""


def _spec_pack(tmp_path: Path) -> Path:
    pack = copy_good_pack(tmp_path)
    (pack / LOGIN / "tutorial.yaml").write_text(SPEC_TUTORIAL, encoding="utf-8")
    edit(
        pack / LOGIN / "vi.yaml",
        "    text: Bấm vào biểu tượng “VNeID” trên màn hình.\n",
        "    text: Bấm vào biểu tượng “VNeID” trên màn hình.\n"
        "    spoken: Bấm vào biểu tượng vê en e ai đi.\n",
    )
    (pack / "vi.yaml").write_text(PACK_WORDS_VI, encoding="utf-8")
    return pack


def test_the_spec_keys_are_accepted_and_read(tmp_path: Path) -> None:
    pack = _spec_pack(tmp_path)
    assert [str(p) for p in check_content(pack)] == []
    tutorial = load_catalogue(pack.parent, ui_languages=("vi", "en")).tutorial("vneid-login")
    assert tutorial.check.level is CheckLevel.PHONE
    assert (tutorial.check.app, tutorial.check.app_version, tutorial.check.device) == (
        "VNeID",
        "2.1.9",
        "Android 13",
    )
    assert tutorial.checked == date(2026, 12, 8)
    assert [step.ring for step in tutorial.steps] == [RingKind.TAP, RingKind.LOOK]
    assert tutorial.text("vi").qr_caption == "Trang chính thức của VNeID"  # as in the good pack
    assert tutorial.text("en").qr_caption == "The official VNeID website"
    assert tutorial.text("vi").steps["open-app"].spoken == "Bấm vào biểu tượng vê en e ai đi."
    # A spoken text is never taken from another language: English says its own text.
    assert tutorial.text("en").steps["open-app"].spoken == ""
    words = tutorial.words("vi")
    assert dict(words.pronunciation) == {
        "OTP": "ô tê pê",
        "VNeID": "vê en e ai đi",
        "CH": "xê hát",
        "vneid.gov.vn": "vê en e ai đi chấm gốp chấm vê en",
    }
    assert [(e.id, e.term, e.variants) for e in words.glossary] == [
        ("otp", "mã OTP", ("mã xác thực", "mã một lần"))
    ]
    assert tutorial.words("en").pronunciation["OTP"] == "O T P"
    assert tutorial.words("hmn").pronunciation == {}


def test_the_old_checked_date_is_read_as_level_desk(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    tutorial = load_catalogue(pack.parent).tutorial("vneid-login")
    assert (tutorial.check.level, tutorial.check.date) == (CheckLevel.DESK, date(2026, 11, 20))


def test_a_step_may_ring_nothing(tmp_path: Path) -> None:
    pack = _spec_pack(tmp_path)
    edit(pack / LOGIN / "tutorial.yaml", "    highlight: app-icon\n    ring: tap\n", "")
    assert [str(p) for p in check_content(pack)] == []
    tutorial = load_catalogue(pack.parent).tutorial("vneid-login")
    assert tutorial.steps[0].highlight == ""


REPO_CONTENT = Path(__file__).resolve().parents[4] / "content"


def test_the_old_one_size_claim_is_refused_in_handout_and_ui_words(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO_CONTENT, content, ignore=shutil.ignore_patterns("packs"))
    (content / "packs").mkdir()
    handout = content / "handouts" / "vi.yaml"
    edit(
        handout,
        "  remember:",
        "  checked: Nội dung đã được kiểm tra với dịch vụ thật ngày {date}.\n  remember:",
    )
    ui = content / "ui" / "en.yaml"
    edit(ui, "  qr_hint:", '  checked: "Content checked on {date}."\n  qr_hint:')
    refused = [
        (p.path.name, p.path.parent.name, p.severity)
        for p in check_content(content)
        if "old one-size" in p.message
    ]
    assert refused == [("vi.yaml", "handouts", Severity.ERROR), ("en.yaml", "ui", Severity.ERROR)]


def test_the_claim_printed_and_shown_follows_the_check_level() -> None:
    words = HandoutWords.load("vi")
    assert words.check_line(Check(CheckLevel.DESK, date(2026, 11, 20))) == (
        "Viết theo hướng dẫn chính thức ngày 20/11/2026."
    )
    phone = Check(CheckLevel.PHONE, date(2026, 12, 8), app="VNeID", app_version="2.1.9")
    assert words.check_line(phone) == "Đã làm thử trên điện thoại với VNeID 2.1.9 ngày 08/12/2026."
    english = HandoutWords.load("en")
    assert english.check_line(phone) == "Tried on a phone with VNeID 2.1.9 on 08/12/2026."
    # Nothing shipped was tried on a phone: no handout may say so.
    for tutorial in load_catalogue(packs_dir()).tutorials:
        assert tutorial.check.level is CheckLevel.DESK or tutorial.check.app_version, tutorial.id


def test_the_packs_own_words_are_checked_against_its_glossary(tmp_path: Path) -> None:
    pack = _spec_pack(tmp_path)
    edit(pack / "vi.yaml", "  safety: Phòng tránh lừa đảo\n", "  safety: Giữ mã một lần an toàn\n")
    problems = [(p.path.name, p.line, p.severity) for p in check_content(pack)]
    assert problems == [("vi.yaml", 4, Severity.WARNING)]
