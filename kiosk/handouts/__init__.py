"""Printed handouts: a tutorial's steps, its safety line and a QR code to the official page.

Qt-free: the UI calls ``build_handout`` through its worker helper and prints the bytes
with ``kiosk.printing``.
"""

from kiosk.handouts.build import PaperSize, build_handout, cups_media
from kiosk.handouts.words import HandoutWords, HandoutWordsError

__all__ = ["HandoutWords", "HandoutWordsError", "PaperSize", "build_handout", "cups_media"]
