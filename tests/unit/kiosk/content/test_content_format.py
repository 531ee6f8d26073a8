"""The issue-15 format: check levels, ring kinds, spoken words, QR captions, pronunciation and glossary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.content.check import check_content
from kiosk.content.loader import load_catalogue
from kiosk.content.model import CheckLevel, RingKind

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
