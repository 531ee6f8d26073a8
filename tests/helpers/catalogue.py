"""A small catalogue built by hand from the content model, with tiny SVGs in a temp folder.

UI tests use it instead of the shipped packs so they do not change when the tutorials are
edited, and so geometry (the highlight ring) is checked against pictures we know exactly.
Qt-free: only the content model and the standard library.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.content.model import (
    Catalogue,
    Category,
    QuizAnswer,
    Source,
    Step,
    StepKind,
    StepText,
    Tutorial,
    TutorialText,
)

# The tap target of every instruction picture: x, y, width, height in the 360×720 viewBox.
TARGET = (40.0, 560.0, 280.0, 80.0)
# In transformed.svg the element sits in a translated group and is scaled itself.
TRANSFORMED_TARGET = (20.0 + 2 * 30.0, 100.0 + 2 * 40.0, 2 * 100.0, 2 * 30.0)

_PHONE = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 720" width="360" height="720">
  <rect x="0" y="0" width="360" height="720" fill="#f4f4f4"/>
  <rect x="0" y="0" width="360" height="80" fill="#b71c1c"/>
  <text x="24" y="52" font-family="Noto Sans" font-size="26" fill="#ffffff">{title}</text>
  <rect x="24" y="130" width="312" height="300" rx="16" fill="#ffffff" stroke="#cccccc"/>
  <g id="tap-target">
    <rect x="40" y="560" width="280" height="80" rx="40" fill="#1b5e20"/>
    <text x="180" y="610" font-family="Noto Sans" font-size="26" fill="#ffffff"
          text-anchor="middle">{button}</text>
  </g>
</svg>
"""

_TRANSFORMED = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 720" width="360" height="720">
  <rect x="0" y="0" width="360" height="720" fill="#ffffff"/>
  <g transform="translate(20,100)">
    <rect id="scaled-button" transform="scale(2)" x="30" y="40" width="100" height="30" fill="#0d47a1"/>
  </g>
</svg>
"""

_ICON = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <circle cx="32" cy="32" r="28" fill="{colour}"/>
</svg>
"""

QR_URL = "https://vneid.gov.vn"
SCAM_QR_URL = "https://tinnhiemmang.vn"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _instruction(folder: Path, step_id: str, title: str, button: str) -> Step:
    image = _write(folder / f"{step_id}.svg", _PHONE.format(title=title, button=button))
    return Step(id=step_id, kind=StepKind.INSTRUCTION, image=image, highlight="tap-target")


def _quiz(folder: Path, step_id: str, answer: QuizAnswer) -> Step:
    image = _write(folder / f"{step_id}.svg", _PHONE.format(title="Tin nhắn", button="Mở"))
    return Step(id=step_id, kind=StepKind.QUIZ, image=image, highlight="tap-target", answer=answer)


def make_catalogue(root: Path) -> Catalogue:
    """Two categories; an install tutorial (3 steps) and a scam drill (2 quiz steps + 1 step)."""
    install_dir = root / "vneid-install"
    install_steps = (
        _instruction(install_dir, "open-store", "CH Play", "Mở"),
        _instruction(install_dir, "search", "Tìm kiếm", "Tìm"),
        _instruction(install_dir, "install", "VNeID", "Cài đặt"),
    )
    install = Tutorial(
        id="vneid-install",
        pack_id="test",
        content_version="2026.11.24",
        category="vneid",
        qr_url=QR_URL,
        checked=date(2026, 11, 20),
        sources=(Source(title="Bộ Công an", checked=date(2026, 11, 20)),),
        steps=install_steps,
        texts={
            "vi": TutorialText(
                language="vi",
                title="Cài ứng dụng VNeID an toàn",
                summary="Cài đúng ứng dụng VNeID của Bộ Công an.",
                safety="Chỉ cài VNeID từ CH Play hoặc App Store.",
                qr_caption="Trang chính thức của ứng dụng VNeID",
                steps={
                    "open-store": StepText("Mở kho ứng dụng", "Trên điện thoại Android, mở CH Play."),
                    "search": StepText("Tìm VNeID", "Chạm vào ô tìm kiếm và gõ VNeID."),
                    "install": StepText("Cài đặt", "Chạm nút “Cài đặt” và chờ một lúc."),
                },
            ),
            "en": TutorialText(
                language="en",
                title="Install the VNeID app safely",
                summary="Install the real VNeID app of the Ministry of Public Security.",
                safety="Only install VNeID from CH Play or the App Store.",
                qr_caption="The official page of the VNeID app",
                steps={
                    "open-store": StepText("Open the app store", "On an Android phone, open CH Play."),
                    "search": StepText("Search for VNeID", "Tap the search box and type VNeID."),
                    "install": StepText("Install", "Tap “Cài đặt” (Install) and wait a moment."),
                },
            ),
        },
    )
    drill_dir = root / "scam-drill"
    drill_steps = (
        _quiz(drill_dir, "fake-police", QuizAnswer.SCAM),
        _quiz(drill_dir, "real-bank", QuizAnswer.SAFE),
        _instruction(drill_dir, "report", "Báo cáo", "Gửi"),
    )
    drill = Tutorial(
        id="scam-drill",
        pack_id="test",
        content_version="2026.11.24",
        category="safety",
        qr_url=SCAM_QR_URL,
        checked=date(2026, 11, 21),
        sources=(Source(title="Cục An toàn thông tin", checked=date(2026, 11, 21)),),
        steps=drill_steps,
        texts={
            "vi": TutorialText(
                language="vi",
                title="Nhận biết lừa đảo",
                summary="Luyện tập: tình huống nào an toàn, tình huống nào là lừa đảo?",
                safety="Không bao giờ đọc mã OTP cho người khác.",
                steps={
                    "fake-police": StepText(
                        "Cuộc gọi từ “công an”",
                        "Một người gọi, nói là công an, đề nghị bạn đọc mã OTP.",
                        "Công an không bao giờ hỏi mã OTP qua điện thoại.",
                    ),
                    "real-bank": StepText(
                        "Tin nhắn ngân hàng",
                        "Ngân hàng nhắn: tài khoản vừa nhận 200.000 đồng. Không có đường link nào.",
                        "Tin báo số dư không có đường link và không hỏi gì: an toàn.",
                    ),
                    "report": StepText("Báo cáo lừa đảo", "Chạm “Gửi” để báo cáo số điện thoại lừa đảo."),
                },
            ),
            "en": TutorialText(
                language="en",
                title="Spotting scams",
                summary="Practice: which situation is safe, and which is a scam?",
                safety="Never read an OTP code out to anyone.",
                steps={
                    "fake-police": StepText(
                        "A call from the “police”",
                        "Someone calls, says they are the police, and asks you to read out your OTP code.",
                        "The police never ask for an OTP code over the phone.",
                    ),
                    "real-bank": StepText(
                        "A message from the bank",
                        "Your bank texts: 200,000 dong has arrived in your account. There is no link.",
                        "A balance message with no link that asks for nothing is safe.",
                    ),
                    "report": StepText("Report a scam", "Tap “Gửi” (Send) to report the scam number."),
                },
            ),
        },
    )
    categories = (
        Category(
            id="vneid",
            icon=_write(root / "icons" / "vneid.svg", _ICON.format(colour="#b71c1c")),
            titles={"vi": "Ứng dụng VNeID", "en": "The VNeID app"},
        ),
        Category(
            id="safety",
            icon=_write(root / "icons" / "safety.svg", _ICON.format(colour="#1b5e20")),
            titles={"vi": "Phòng tránh lừa đảo", "en": "Avoiding scams"},
        ),
    )
    return Catalogue(categories=categories, tutorials=(install, drill), languages=("vi", "en"))


def write_transformed_svg(folder: Path) -> Path:
    return _write(folder / "transformed.svg", _TRANSFORMED)
