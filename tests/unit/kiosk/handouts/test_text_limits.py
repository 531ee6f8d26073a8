"""A tutorial whose texts are as long as ``content check`` allows still prints on every paper.

The check's text caps (kiosk.content.limits) exist so that content that passes it can always
be handed out: a title longer than a line, or a step text taller than a page, must be split
over lines and pages, never stop the handout.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from kiosk.content import limits
from kiosk.content.check import check_content
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Severity
from kiosk.handouts import HandoutWords, PaperSize, build_handout
from tests.helpers.content_packs import GOOD_PACK

from .pdf_checks import flat, page_texts

LOGIN = Path("tutorials/vneid-login")
# Everyday words, and the widest letters (the most lines for the characters).
WORDS = (
    "Bấm vào biểu tượng VNeID trên màn hình rồi chờ ứng dụng mở ra ",
    "MMMMMMMMMMMMMMMMMMMM WWWWWWWWWWWW ",
)


def _at_cap(cap: int, words: str) -> str:
    return (words * (cap // len(words) + 1))[:cap].strip()


def _longest_texts(pack: Path, words: str) -> None:
    """Every text of the vneid-login tutorial in Vietnamese made as long as the check allows."""
    text = pack / LOGIN / "vi.yaml"
    lines = []
    for line in text.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(": ")
        if value:
            caps = {
                "title": limits.MAX_TITLE_CHARS,
                "safety": limits.MAX_SAFETY_CHARS,
                "qr_caption": limits.MAX_QR_CAPTION_CHARS,
            }
            cap = caps.get(key.strip(), limits.MAX_TEXT_CHARS)
            line = f"{key}: {_at_cap(cap, words)}"
        lines.append(line)
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("words", WORDS)
@pytest.mark.parametrize("size", list(PaperSize))
def test_texts_at_the_caps_pass_the_check_and_print(tmp_path: Path, size: PaperSize, words: str) -> None:
    pack = tmp_path / "packs" / "good-pack"
    shutil.copytree(GOOD_PACK, pack)
    _longest_texts(pack, words)
    # Only warnings (sentences this long, "MMMM" read as an abbreviation): nothing stops the handout.
    assert [p for p in check_content(pack) if p.severity is Severity.ERROR] == []
    tutorial = next(t for t in load_catalogue(pack.parent).tutorials if t.id == "vneid-login")
    assert len(tutorial.text("vi").title) >= limits.MAX_TITLE_CHARS - 1
    pdf = build_handout(
        tutorial, "vi", size, point_name="Điểm thử", today=date(2026, 11, 24), words=HandoutWords.load("vi")
    )
    printed = flat(" ".join(page_texts(pdf)))
    # The whole title is printed, across as many lines as it takes.
    assert re.sub(r"\s+", "", unicodedata.normalize("NFC", tutorial.text("vi").title)) in re.sub(
        r"\s+", "", printed.replace("\ufffe", "")
    )


def test_a_title_of_1000_characters_does_not_stop_the_a4_handout(tmp_path: Path) -> None:
    # Over the check's cap, so only reachable by content read without the check: the handout
    # still splits the title over lines instead of failing (it raised a TypeError before).
    pack = tmp_path / "packs" / "good-pack"
    shutil.copytree(GOOD_PACK, pack)
    tutorial = next(t for t in load_catalogue(pack.parent).tutorials if t.id == "vneid-login")
    title = _at_cap(1000, WORDS[0])
    step_id = tutorial.steps[0].id
    text = tutorial.texts["vi"]
    steps = {**text.steps, step_id: dataclasses.replace(text.steps[step_id], title=title)}
    long_text = dataclasses.replace(text, title=title, steps=steps)
    tutorial = dataclasses.replace(tutorial, texts={**tutorial.texts, "vi": long_text})
    pdf = build_handout(
        tutorial,
        "vi",
        PaperSize.A4,
        point_name="Điểm thử",
        today=date(2026, 11, 24),
        words=HandoutWords.load("vi"),
    )
    assert re.sub(r"\s+", "", title) in re.sub(
        r"\s+", "", flat(" ".join(page_texts(pdf))).replace("\ufffe", "")
    )
