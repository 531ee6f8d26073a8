"""The organiser screens' own few style rules, added to the kiosk's style sheet."""

from __future__ import annotations

from ui.look import theme
from ui.look.theme import Palette

PAGE_NAMES = ("OrganiserScreen", "PinPad", "OrganiserDashboard", "ExportPanel", "ContentPanel", "TrustPage")
# The PIN pad's digit buttons: square-ish and far above the 64 px floor.
DIGIT_WIDTH = 150
DIGIT_HEIGHT = 110
# The trusted keys page's hex digits: two rows of eight across the screen, far above the 64 px floor.
HEX_KEY_WIDTH = 104
HEX_KEY_HEIGHT = 84
CHART_HEIGHT = 120
CHART_BAR_GAP = 4
CORNER_PX = 96
LONG_PRESS_S = 3.0
ENTRY_TICK_MS = 100
COUNTDOWN_TICK_MS = 1000
# After a content update: long enough to read what happened, short enough not to wait for it.
RESTART_AFTER_S = 8
RESTART_TICK_MS = 1000


def organiser_stylesheet(palette: Palette) -> str:
    p = palette
    pages = ", ".join(f"#{name}" for name in PAGE_NAMES)
    return f"""
{pages} {{ background: {p.background}; }}
QFrame[role="figures"] {{ background: {p.surface}; border: {theme.BORDER}px solid {p.tile_border};
    border-radius: {theme.RADIUS}px; }}
QFrame[role="figures"] QLabel {{ background: transparent; }}
QLabel[role="pin-dots"] {{ color: {p.heading}; font-size: 48px; font-weight: bold; }}
QPushButton[emphasis="pin-digit"] {{ min-width: {DIGIT_WIDTH}px; max-width: {DIGIT_WIDTH}px;
    min-height: {DIGIT_HEIGHT}px; max-height: {DIGIT_HEIGHT}px; }}
QPushButton[emphasis="pin-cancel"] {{ min-width: {2 * DIGIT_WIDTH}px; min-height: {DIGIT_HEIGHT}px; }}
QPushButton[emphasis="hex-digit"] {{ min-width: {HEX_KEY_WIDTH}px; max-width: {HEX_KEY_WIDTH}px;
    min-height: {HEX_KEY_HEIGHT}px; max-height: {HEX_KEY_HEIGHT}px; }}
QPushButton[emphasis="hex-delete"] {{ min-width: {2 * HEX_KEY_WIDTH}px; min-height: {HEX_KEY_HEIGHT}px; }}
QLabel[role="figure"] {{ color: {p.heading}; font-size: 40px; font-weight: bold; }}
QProgressBar {{ border: {theme.BORDER}px solid {p.secondary_border}; border-radius: 8px;
    background: {p.surface}; min-height: 40px; color: {p.text}; font-size: 22px; text-align: center; }}
QProgressBar::chunk {{ background: {p.primary}; border-radius: 4px; }}
"""
