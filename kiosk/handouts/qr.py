"""The handout's QR code: one vector path drawn from the ``qrcode`` matrix.

One filled path (not one square per module) keeps the PDF small and leaves no hairline
seams between modules when a printer driver or phone camera rasterises it. The 4-module
quiet zone is part of the flowable, so nothing is ever placed inside it.
"""

from __future__ import annotations

import functools
import math

import qrcode
from qrcode.constants import ERROR_CORRECT_Q
from reportlab.lib.colors import black, white
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

QUIET_ZONE = 4
POINTS_PER_INCH = 72.0
# A thermal receipt printer's resolution; its modules must be whole dots or they smear.
THERMAL_DPI = 203
MIN_THERMAL_DOTS = 3
THERMAL_DOT = POINTS_PER_INCH / THERMAL_DPI
# A page a hair short of whole dots: a 203 dpi rasteriser that rounds the page size up
# then lands on exactly that many dots, so the QR modules stay on dot boundaries.
_DOT_EPSILON = 0.01


def whole_dots(length: float, *, up: bool) -> float:
    """``length`` (points) rounded to whole thermal-printer dots, for a receipt's page size."""
    dots = math.ceil(length / THERMAL_DOT - 1e-6) if up else math.floor(length / THERMAL_DOT + 1e-6)
    return dots * THERMAL_DOT - _DOT_EPSILON


class QrTooLargeError(ValueError):
    """The URL needs more modules than the paper can print readably."""


@functools.lru_cache(maxsize=64)
def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """Dark/light modules with the quiet zone, rows from the top.

    Level Q (25 % recovery) because a handout travels folded in a pocket. Kept per URL:
    choosing the mask pattern is the slow part, and a kiosk prints the same few URLs all day.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, border=QUIET_ZONE, box_size=1)
    code.add_data(url)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


class QrCode(Flowable):
    """A square QR code; ``grid`` (points) snaps its corner to a printer's dot grid."""

    def __init__(self, matrix: tuple[tuple[bool, ...], ...], module: float, grid: float = 0.0) -> None:
        super().__init__()
        self.matrix = matrix
        self.module = module
        self.grid = grid
        self.side = module * len(matrix)

    @classmethod
    def sized(cls, url: str, target: float) -> QrCode:
        """A symbol about ``target`` points wide (plus quiet zone), modules of any size (laser, inkjet)."""
        matrix = qr_matrix(url)
        return cls(matrix, target / (len(matrix) - 2 * QUIET_ZONE))

    @classmethod
    def for_thermal(cls, url: str, target: float, limit: float, dpi: int = THERMAL_DPI) -> QrCode:
        """Modules of whole printer dots (three or more), a symbol about ``target`` wide, within ``limit``."""
        matrix = qr_matrix(url)
        dot = POINTS_PER_INCH / dpi
        count = len(matrix)
        wanted = round(target / dot / (count - 2 * QUIET_ZONE))
        dots = min(max(MIN_THERMAL_DOTS, wanted), math.floor(limit / dot / count))
        if dots < MIN_THERMAL_DOTS:
            raise QrTooLargeError(f"{url!r} needs {count} modules; too many for {limit:.0f} pt")
        return cls(matrix, dots * dot, grid=dot)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.side, self.side

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
        # Align here rather than in reportlab, so the snapped corner is the one that is drawn.
        if self.hAlign in ("CENTER", "CENTRE"):
            x += _sW / 2
        elif self.hAlign == "RIGHT":
            x += _sW
        if self.grid:
            # Whole dots from the page's left and top edges (the receipt's height is whole dots,
            # see ``whole_dots``), so module edges fall on the printer's dot boundaries.
            x = round(x / self.grid) * self.grid
            y = round((y + _DOT_EPSILON) / self.grid) * self.grid - _DOT_EPSILON
        super().drawOn(canvas, x, y)

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(white)
        canvas.rect(0, 0, self.side, self.side, stroke=0, fill=1)
        canvas.setFillColor(black)
        path = canvas.beginPath()
        size = len(self.matrix)
        for row_index, row in enumerate(self.matrix):
            y = (size - 1 - row_index) * self.module
            column = 0
            while column < size:
                if not row[column]:
                    column += 1
                    continue
                start = column
                while column < size and row[column]:
                    column += 1
                path.rect(start * self.module, y, (column - start) * self.module, self.module)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
