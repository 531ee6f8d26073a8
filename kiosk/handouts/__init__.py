"""Printed handouts: a tutorial's steps, its safety line and a QR code to the official page.

Qt-free: the UI calls ``build_handout`` (one tutorial) or ``build_take_home`` (a guided
session's "continue at home" sheet) through its worker helper and prints the bytes with
``kiosk.printing.cups``.
"""

from kiosk.handouts.build import PaperSize, build_handout, cups_media
from kiosk.handouts.take_home import TakeHome, TakeHomePart, build_take_home
from kiosk.handouts.words import HandoutWords, HandoutWordsError

__all__ = [
    "HandoutWords",
    "HandoutWordsError",
    "PaperSize",
    "TakeHome",
    "TakeHomePart",
    "build_handout",
    "build_take_home",
    "cups_media",
]
