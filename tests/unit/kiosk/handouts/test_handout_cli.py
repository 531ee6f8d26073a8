"""``kiosk handout``'s core: a PDF file, or one line saying why not."""

from __future__ import annotations

import io
from pathlib import Path

from kiosk.handouts.cli import handout_command

from .pdf_checks import flat, page_texts


def test_writes_the_handout(tmp_path: Path) -> None:
    out = tmp_path / "vneid.pdf"
    stream = io.StringIO()
    assert handout_command("vneid-install", "vi", "receipt", out, stream) == 0
    assert stream.getvalue() == f"{out}\n"
    assert "Cài ứng dụng VNeID an toàn" in flat(page_texts(out.read_bytes())[0])


def test_unknown_tutorial_or_size_is_one_line(tmp_path: Path) -> None:
    for tutorial, size in (("no-such-tutorial", "a4"), ("vneid-install", "letter")):
        stream = io.StringIO()
        assert handout_command(tutorial, "vi", size, tmp_path / "x.pdf", stream) == 1
        assert stream.getvalue().startswith("error: ")
        assert stream.getvalue().count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()
