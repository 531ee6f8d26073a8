"""The bundled Noto Sans, registered once with reportlab.

reportlab's built-in (base-14) fonts have no Vietnamese letters and are not embedded, so
every piece of text on a handout, the step pictures included, uses these two faces.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.system import paths

REGULAR = "KioskNotoSans"
BOLD = "KioskNotoSans-Bold"

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register both faces and their family (so ``<b>`` in a paragraph picks the bold one)."""
    global _registered
    with _lock:
        if _registered:
            return
        folder = paths.fonts_dir()
        pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "NotoSans-Regular.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(folder / "NotoSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
        _registered = True
