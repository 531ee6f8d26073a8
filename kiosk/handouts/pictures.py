"""Small copies of the step pictures: SVG converted once by svglib, then drawn as vectors.

Converting an SVG takes far longer than drawing it, and a kiosk prints the same tutorials
all day, so each file is converted once (keyed by path and modification time, so a content
update is picked up). Drawing the converted shapes again for every handout is still the
slowest part of an A4 sheet, so the PDF operators of the shapes are recorded once too and
only the texts inside the picture are drawn per document (their font subsets belong to
each PDF). A picture that cannot be converted is left out and logged: a handout without
one picture is still a good handout.
"""

from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import black
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from svglib.fonts import FontMap
from svglib.svglib import svg2rlg

import kiosk.handouts.fonts as fonts

log = logging.getLogger(__name__)

_BOLD_WEIGHTS = frozenset({"bold", "bolder", "600", "700", "800", "900"})
FRAME_WIDTH = 1.0


class _NotoOnly(FontMap):
    """Every SVG font becomes the bundled Noto Sans: base-14 fonts have no Vietnamese and are not embedded."""

    def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
        return (fonts.BOLD if str(weight).lower() in _BOLD_WEIGHTS else fonts.REGULAR), True


@functools.lru_cache(maxsize=1)
def _font_map() -> FontMap:
    return _NotoOnly()


@dataclass(frozen=True)
class _Text:
    x: float
    y: float
    text: str
    font: str
    size: float
    mode: Any

    @functools.cached_property
    def operators(self) -> tuple[str, str]:
        """What ``drawString`` writes around the text, without the font's per-document name."""
        return (
            f"BT 1 0 0 1 {fp_str(self.x)} {fp_str(self.y)} Tm ",
            f" {fp_str(self.size)} Tf {fp_str(self.size * 1.2)} TL ",
        )

    def pdf(self, canvas: Canvas) -> str:
        """The text object ``drawString`` writes for this text in a TrueType font (no render mode),
        its glyphs in the font subsets of ``canvas``'s document, without reportlab's text object."""
        font: Any = pdfmetrics.getFont(self.font)
        doc = canvas._doc  # type: ignore[attr-defined]  # not in the reportlab stubs
        start, size = self.operators
        chunks = [start]
        for subset, glyphs in font.splitString(self.text, doc):
            chunks += (font.getSubsetInternalName(subset, doc), size, "(", escapePDF(glyphs), ") Tj ")
        chunks.append("T* ET")
        return "".join(chunks)


# PDF operators (str) and the texts between them, in drawing order.
Recording = tuple[str | _Text, ...]


@dataclass(frozen=True)
class StepDrawing:
    """A converted picture and, when its operators can be replayed in any PDF, their recording."""

    drawing: Drawing
    recording: Recording | None


class _RecordingCanvas(Canvas):
    """Collects what ``renderPDF`` emits, cutting the stream at each text."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO())
        self.parts: list[str | _Text] = []
        self._mark = len(self._stream())

    def _stream(self) -> list[str]:
        code: list[str] = vars(self)["_code"]
        return code

    def cut(self) -> None:
        code = self._stream()
        if len(code) > self._mark:
            self.parts.append("\n".join(code[self._mark :]))
        self._mark = len(code)

    def drawString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        self.cut()
        mode = kwargs.get("mode", args[0] if args else None)
        self.parts.append(_Text(x, y, text, vars(self)["_fontname"], vars(self)["_fontsize"], mode))


def _record(drawing: Drawing) -> Recording | None:
    canvas = _RecordingCanvas()
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.cut()
    # A name ("/...") is a resource of the recording's own PDF (a font, transparency, an image):
    # such a picture cannot be replayed elsewhere and is drawn afresh each time instead.
    if any(isinstance(part, str) and "/" in part for part in canvas.parts):
        return None
    return tuple(canvas.parts)


def step_drawing(path: Path) -> StepDrawing | None:
    """The converted picture, or ``None`` (logged) when the file cannot be used."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as error:
        log.warning("step picture %s is missing from the handout: %s", path, error)
        return None
    return _convert(path, stamp)


@functools.lru_cache(maxsize=512)
def _convert(path: Path, stamp: int) -> StepDrawing | None:
    # ``stamp`` is only part of the cache key.
    fonts.register_fonts()
    try:
        converted = svg2rlg(path, font_map=_font_map(), external_reference_root=str(path.parent))
        if converted is None or converted.width <= 0 or converted.height <= 0:
            log.warning("step picture %s could not be converted; left out of the handout", path)
            return None
        # The renderer starts every drawing in base-14 Helvetica unless told otherwise.
        drawing = Drawing(
            converted.width, converted.height, *converted.contents, initialFontName=fonts.REGULAR
        )
        return StepDrawing(drawing, _record(drawing))
    except Exception:  # svglib, lxml and the renderer raise many kinds; none may stop a handout
        log.exception("step picture %s could not be converted; left out of the handout", path)
        return None


def clear_cache() -> None:
    """Forget converted pictures (benchmarks measure the cold case with it)."""
    _convert.cache_clear()


class StepPicture(Flowable):
    """A picture scaled to ``width`` with a thin frame, like a phone's outline."""

    def __init__(self, picture: StepDrawing, width: float) -> None:
        super().__init__()
        self.picture = picture
        self.scale = width / picture.drawing.width
        self.box_width = width
        self.box_height = picture.drawing.height * self.scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.box_width, self.box_height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        if self.picture.recording is None:
            renderPDF.draw(self.picture.drawing, canvas, 0, 0)
        else:
            for part in self.picture.recording:
                if isinstance(part, str):
                    canvas.addLiteral(part)
                elif part.mode is None and getattr(pdfmetrics.getFont(part.font), "_dynamicFont", False):
                    canvas.addLiteral(part.pdf(canvas))
                else:
                    canvas.setFont(part.font, part.size)
                    canvas.drawString(part.x, part.y, part.text, mode=part.mode)
        canvas.restoreState()
        canvas.saveState()
        canvas.setStrokeColor(black)
        canvas.setLineWidth(FRAME_WIDTH)
        canvas.roundRect(0, 0, self.box_width, self.box_height, 3, stroke=1, fill=0)
        canvas.restoreState()


def step_picture(path: Path, width: float) -> StepPicture | None:
    picture = step_drawing(path)
    return StepPicture(picture, width) if picture is not None else None
