"""The handout builder with tutorials made for the test: what must hold whatever the content says."""

from __future__ import annotations

import dataclasses
import io
import logging
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import QuizAnswer, Step, StepKind, StepText, Tutorial, TutorialText
from kiosk.handouts import HandoutWords, PaperSize, build_handout, cups_media, fonts, pictures

from .pdf_checks import (
    flat,
    font_problems,
    one_bit,
    page_count,
    page_texts,
    qr_box,
    qr_texts,
    render,
)

URL = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"
TODAY = date(2026, 11, 24)
PHONE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 720" width="360" height="720">'
    '<rect width="360" height="720" fill="#ffffff"/>{body}</svg>'
)


def _svg(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(PHONE.format(body=body), encoding="utf-8")
    return path


def make_tutorial(folder: Path, steps: int = 3, image: Path | None = None, text: str = "") -> Tutorial:
    """A tutorial whose step pictures are tiny SVGs in ``folder`` (or ``image`` for every step)."""
    picture = image or _svg(
        folder, "plain.svg", '<rect x="40" y="560" width="280" height="80" fill="#1b5e20"/>'
    )
    step_list = [Step(f"s{n}", StepKind.INSTRUCTION, picture, "target") for n in range(1, steps + 1)]
    step_list.append(Step("drill", StepKind.QUIZ, picture, "target", QuizAnswer.SCAM))
    texts = {
        f"s{n}": StepText(f"Bước thử số {n}", text or f"Bấm nút “Tiếp tục” lần {n}.")
        for n in range(1, steps + 1)
    }
    texts["drill"] = StepText("Cuộc gọi lạ", "Người lạ hỏi mã OTP.", why="Không ai được hỏi mã OTP của bạn.")
    vi = TutorialText("vi", "Nộp hồ sơ trực tuyến", "Tóm tắt ngắn.", "Không đọc mã OTP cho ai.", texts)
    return Tutorial(
        id="test-tutorial",
        pack_id="test",
        content_version="1",
        category="portal",
        qr_url=URL,
        checked=date(2026, 11, 20),
        sources=(),
        steps=tuple(step_list),
        texts={"vi": vi},
    )


def build(tutorial: Tutorial, size: PaperSize, point_name: str = "Điểm thử") -> bytes:
    words = HandoutWords.load("vi")
    return build_handout(tutorial, "vi", size, point_name=point_name, today=TODAY, words=words)


@pytest.mark.parametrize("size", list(PaperSize))
def test_same_input_gives_same_bytes(tmp_path: Path, size: PaperSize) -> None:
    tutorial = make_tutorial(tmp_path)
    assert build(tutorial, size) == build(tutorial, size)


@pytest.mark.parametrize("size", list(PaperSize))
def test_decomposed_text_is_printed_composed(tmp_path: Path, size: PaperSize) -> None:
    decomposed = unicodedata.normalize("NFD", "Nhà văn hóa xã Mường Khương")
    text = flat("\n".join(page_texts(build(make_tutorial(tmp_path), size, point_name=decomposed))))
    assert "Nhà văn hóa xã Mường Khương" in text
    assert unicodedata.is_normalized("NFC", text)


def test_quiz_step_prints_situation_answer_and_why(tmp_path: Path) -> None:
    text = flat("\n".join(page_texts(build(make_tutorial(tmp_path), PaperSize.A4))))
    assert "Tình huống: Người lạ hỏi mã OTP." in text
    assert "Đáp án: LỪA ĐẢO" in text
    assert "Vì sao: Không ai được hỏi mã OTP của bạn." in text


def test_missing_or_broken_picture_is_left_out_not_fatal(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg this is not xml", encoding="utf-8")
    for image in (broken, tmp_path / "missing.svg"):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="kiosk.handouts"):
            pdf = build(make_tutorial(tmp_path, image=image), PaperSize.A4)
        assert "Bước thử số 3" in flat("\n".join(page_texts(pdf)))
        assert any(image.name in record.getMessage() for record in caplog.records)


def test_any_svg_font_becomes_embedded_noto(tmp_path: Path) -> None:
    body = (
        '<text x="10" y="100" font-size="30">Không có phông</text>'
        '<text x="10" y="200" font-family="Helvetica" font-weight="bold" font-size="30">Đăng nhập</text>'
        '<text x="10" y="300" font-family="Times New Roman" font-weight="700" font-size="30">Tiếp tục</text>'
    )
    image = _svg(tmp_path, "fonts.svg", body)
    pdf = build(make_tutorial(tmp_path, image=image), PaperSize.A4)
    count, problems = font_problems(pdf)
    assert count >= 2
    assert problems == []
    assert "Đăng nhập" in flat(page_texts(pdf)[0])


def test_picture_is_converted_once(tmp_path: Path) -> None:
    image = _svg(tmp_path, "once.svg", '<circle cx="180" cy="360" r="100" fill="#000000"/>')
    first = pictures.step_drawing(image)
    assert first is not None
    assert pictures.step_drawing(image) is first


def test_recorded_picture_draws_exactly_like_the_live_renderer(tmp_path: Path) -> None:
    body = (
        '<rect x="20" y="40" width="320" height="90" rx="12" fill="#c62828" stroke="#000000"/>'
        '<text x="180" y="100" font-family="Noto Sans" font-size="28" text-anchor="middle"'
        ' fill="#ffffff">Đăng nhập</text>'
        '<g transform="translate(10 300) scale(1.5)"><circle cx="60" cy="60" r="40" fill="#1e88e5"/>'
        '<text x="10" y="140" font-size="20" font-weight="bold">Kích hoạt</text></g>'
    )
    picture = pictures.step_drawing(_svg(tmp_path, "replay.svg", body))
    assert picture is not None and picture.recording is not None

    def page(step: pictures.StepDrawing) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        flowable = pictures.StepPicture(step, 40 * mm)
        flowable.wrapOn(canvas, 100 * mm, 100 * mm)
        flowable.drawOn(canvas, 10 * mm, 10 * mm)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    assert page(picture) == page(dataclasses.replace(picture, recording=None))


def test_long_receipt_stays_one_strip(tmp_path: Path) -> None:
    long_text = " ".join(["Bấm vào ô “Tìm kiếm”, gõ chữ VNeID rồi chờ."] * 6)
    pdf = build(make_tutorial(tmp_path, steps=12, text=long_text), PaperSize.RECEIPT)
    assert page_count(pdf) == 1
    assert "Bước 12: Bước thử số 12" in flat(page_texts(pdf)[0])


def test_a4_qr_code_is_at_least_35_mm(tmp_path: Path) -> None:
    image = render(build(make_tutorial(tmp_path), PaperSize.A4), 150)
    left, top, right, bottom = qr_box(image)
    assert min(right - left, bottom - top) / 150 * 25.4 >= 35


def test_receipt_qr_modules_fall_on_whole_printer_dots(tmp_path: Path) -> None:
    """At 203 dpi the code renders with no grey edge pixels: each module is whole dots."""
    grey_image = render(build(make_tutorial(tmp_path), PaperSize.RECEIPT), 203)
    assert qr_texts(one_bit(grey_image)) == [URL]
    left, top, right, bottom = qr_box(grey_image)
    symbol = grey_image.crop((left, top, right + 1, bottom + 1))
    grey = sum(count for value, count in enumerate(symbol.histogram()) if 32 < value < 224)
    assert grey <= symbol.width * symbol.height * 0.001


def test_cups_media_matches_the_page(tmp_path: Path) -> None:
    tutorial = make_tutorial(tmp_path)
    assert cups_media(PaperSize.A4, build(tutorial, PaperSize.A4)) == "A4"
    receipt = build(tutorial, PaperSize.RECEIPT)
    media = cups_media(PaperSize.RECEIPT, receipt)
    assert media.startswith("Custom.80x") and media.endswith("mm")
    assert int(media[len("Custom.80x") : -2]) > 100


def test_noto_sans_has_every_letter_of_the_shipped_text() -> None:
    """A letter missing from the font would print as an empty box on the handout."""
    fonts.register_fonts()
    words = [HandoutWords.load(language) for language in ("vi", "en")]
    letters = {c for w in words for value in vars(w).values() for c in str(value)}
    for tutorial in load_catalogue(packs_dir()).tutorials:
        for text in tutorial.texts.values():
            parts = [text.title, text.summary, text.safety]
            parts += [p for step in text.steps.values() for p in (step.title, step.text, step.why)]
            letters |= {c for part in parts for c in unicodedata.normalize("NFC", part)}
    for face in (fonts.REGULAR, fonts.BOLD):
        font = pdfmetrics.getFont(face)
        assert isinstance(font, TTFont)
        glyphs = font.face.charToGlyph
        missing = sorted(c for c in letters if not c.isspace() and ord(c) not in glyphs)
        assert missing == [], face
