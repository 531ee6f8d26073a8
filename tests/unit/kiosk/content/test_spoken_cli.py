"""``kiosk content spoken TUTORIAL --lang vi``: exactly what narration says, step by step."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from kiosk.content.audio import Part
from kiosk.content.loader import load_catalogue
from kiosk.narration.cli import spoken_command
from kiosk.narration.narration import Narration

from .content_helpers import GOOD_PACK

REPO = Path(__file__).resolve().parents[4]


def test_each_line_is_what_the_narrator_says_for_that_step() -> None:
    out = io.StringIO()
    assert spoken_command("vneid-login", "vi", out, GOOD_PACK.parent) == 0
    lines = out.getvalue().splitlines()
    assert lines == [
        "vneid-login (vi): Đăng nhập VNeID",
        "1 open-app: Mở ứng dụng. Bấm vào biểu tượng “vê en e ai đi” trên màn hình."
        " Nút cần bấm được khoanh vòng màu cam.",
        "2 fake-call: Cuộc gọi từ “công an”. Một người gọi, nói là công an, đề nghị bạn đọc mã ô tê pê."
        " Phần khoanh nét đứt màu xanh dương là chỗ cần nhìn, không phải nút để bấm.",
        "2 fake-call (why): Công an không bao giờ hỏi mã ô tê pê qua điện thoại.",
    ]
    # The same words the kiosk's narrator asks the voice (and the audio files) for.
    login = load_catalogue(GOOD_PACK.parent, ("vi",)).tutorial("vneid-login")
    assert Narration.for_step(login, 0, "vi").speech.text == lines[1].removeprefix("1 open-app: ")
    assert Narration.for_step(login, 1, "vi", Part.REASON).speech.text in lines[3]


def test_words_of_another_voice_are_marked(tmp_path: Path) -> None:
    out = io.StringIO()
    assert spoken_command("vneid-login", "hmn", out, GOOD_PACK.parent) == 0
    # Hmong has no text and no ring words: all of it is said by the Vietnamese voice.
    assert out.getvalue().splitlines()[1].startswith("1 open-app: [vi] Mở ứng dụng.")


def test_an_unknown_tutorial_says_so_and_exits_1() -> None:
    out = io.StringIO()
    assert spoken_command("vneid-logn", "vi", out, GOOD_PACK.parent) == 1
    assert out.getvalue().startswith("error: no tutorial 'vneid-logn'")


def test_the_command_line_prints_the_shipped_pronunciation() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ui.main", "content", "spoken", "vneid-health-card", "--lang", "vi"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    said = result.stdout
    assert "BHYT" not in said and "bảo hiểm y tế" in said
    assert "1/6/2025" not in said and "ngày 1 tháng 6 năm 2025" in said
