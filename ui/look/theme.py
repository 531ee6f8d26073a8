"""Sizes, timings and colours: the one place where the kiosk's look is decided.

Numbers are pixels at normal text size on a 1366×768 screen, the commonest kiosk laptop.
Text sizes scale with the visitor's choice, and everything scales with the screen (``screen_factor``:
a 1920×1080 screen draws 1.4 times as large, so nothing is lost in empty space); touch targets
never go under 12 mm on the actual screen nor under 64 px (times the screen factor). Both palettes
list every text/background pair they draw so a test can hold them to their contrast floor (4.5:1
default, 7:1 high contrast).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.record import Record, set_field
from kiosk.visit.session import TextSize

# -- touch targets -------------------------------------------------------------------------
MIN_TARGET_MM = 12.0
MIN_TARGET_PX = 64
MM_PER_INCH = 25.4
# Used when the screen does not report a usable physical size.
FALLBACK_DPI = 96.0

# -- text ----------------------------------------------------------------------------------
FONT_FAMILY = "Noto Sans"
TEXT_SCALES: dict[TextSize, float] = {
    TextSize.NORMAL: 1.0,
    TextSize.LARGE: 1.3,
    TextSize.EXTRA_LARGE: 1.6,
}
# Navigation chrome (top bar, category tabs) grows less than the content, so that at
# extra-large text a 768-pixel-high screen still has room for the words that matter.
CHROME_MAX_SCALE = 1.3
# The screen the numbers here are for; a larger one scales them all (``screen_factor``), up to
# SCREEN_MAX_SCALE (a 2560×1440 screen is read from further away than 1.9 times as large needs).
BASE_SCREEN_WIDTH = 1366
BASE_SCREEN_HEIGHT = 768
SCREEN_MAX_SCALE = 1.5
# Steps of the factor: a window dragged a few pixels larger is not restyled.
SCREEN_SCALE_STEP = 0.02
FONT_SMALL = 22
FONT_BODY = 27
FONT_BUTTON = 28
FONT_TITLE = 34
FONT_HEADING = 32
FONT_HERO = 56
FONT_LANGUAGE = 40
FONT_COUNTDOWN = 72

# -- layout --------------------------------------------------------------------------------
WINDOWED_WIDTH = 1366
WINDOWED_HEIGHT = 768
MARGIN = 24
SPACING = 18
BUTTON_PADDING = 14
RADIUS = 18
BORDER = 3
FOCUS_BORDER = 5
# The keys' focus ring (ui/input/focus_ring.py): two lines of the theme's focus colour with a
# line of its halo between them, square-cornered, so that it never looks like the step's
# rounded orange "tap here" ring (RING_* below), whatever colours a visitor can tell apart.
FOCUS_RING_LINE = 4
FOCUS_RING_HALO = 3
FOCUS_RING_WIDTH = 2 * FOCUS_RING_LINE + FOCUS_RING_HALO
SCROLLBAR_MARGIN = 6
# Relative to the font height of the button: an icon is a little taller than a capital.
ICON_SCALE = 1.15
# The "Start" button: wide and tall, the one obvious thing to touch.
START_BUTTON_WIDTH = 520
START_BUTTON_HEIGHT = 130
LANGUAGE_TILE_HEIGHT = 150
# "Safe" / "Scam": the one decision of a drill step, so bigger than the other buttons.
ANSWER_BUTTON_HEIGHT = 100
FACE_SIZE = 72
CATEGORY_ICON = 56
CATEGORY_COLUMN_WIDTH = 360
COUNTDOWN_DIAMETER = 180
# The Print button beside each tutorial tile: room for "Printing…" on one line.
PRINT_BESIDE_TILE_WIDTH = 190
# Fewer characters than this a line in a tile's summary, and its Print button goes under it.
TILE_MIN_CHARACTERS = 34

# -- the step picture ----------------------------------------------------------------------
PHONE_BEZEL = 12
PHONE_RADIUS = 30
PICTURE_MARGIN = 14
RING_WIDTH = 9
# Space between the element and the inner edge of the ring, so the ring never hides the button.
RING_GAP = 7
# A thin contrasting edge either side of the ring keeps it visible on any screen colour.
RING_HALO = 3
RING_RADIUS = 14

# -- QR code ------------------------------------------------------------------------------
QR_QUIET_MODULES = 4
QR_MIN_SIZE = 160
QR_MIN_MODULE_PX = 5
# The QR column on the finish screen; the words beside it get the rest of the width.
QR_COLUMN_WIDTH = 460
# The finish screen's column of faces and Print when there is no code: grows with the text size.
FEEDBACK_COLUMN_WIDTH = 340

# -- timings ------------------------------------------------------------------------------
IDLE_TICK_MS = 250
# A second tap this soon after a navigation tap is a shaky hand, not a wish to go on twice.
TAP_GUARD_S = 0.5
# "Touch and hear": a second touch on the button whose name was just said presses it within this
# time; later, it says the name again (a slow reader may need the name twice).
TOUCH_AND_HEAR_CONFIRM_S = 5.0


def min_target_px(physical_dpi: float, screen: float = 1.0) -> int:
    """The smallest touch target, in pixels, on a screen with ``physical_dpi`` (and ``screen_factor``)."""
    dpi = physical_dpi if physical_dpi > 0 else FALLBACK_DPI
    return max(round(MIN_TARGET_PX * screen), math.ceil(MIN_TARGET_MM * dpi / MM_PER_INCH))


def screen_factor(width: int, height: int) -> float:
    """How much larger than on 1366×768 everything is drawn in a window of ``width`` × ``height``.

    The smaller of the two ratios, so the layout made for 1366×768 fits both ways; never under 1
    (a smaller window keeps the sizes a 1366×768 screen has) nor over SCREEN_MAX_SCALE.
    """
    if width <= 0 or height <= 0:
        return 1.0
    ratio = min(width / BASE_SCREEN_WIDTH, height / BASE_SCREEN_HEIGHT)
    stepped = math.floor(ratio / SCREEN_SCALE_STEP + 1e-9) * SCREEN_SCALE_STEP
    return round(min(SCREEN_MAX_SCALE, max(1.0, stepped)), 2)


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Palette(Record):
    """The colours of one theme, each pair of text and ground it draws listed in ``text_pairs``.

    A frozen dataclass with its ``__init__`` written out, as ``kiosk.record`` says (to start faster).
    """

    name: str
    # The least contrast any text pair below must reach.
    min_contrast: float
    background: str
    surface: str
    text: str
    muted: str
    heading: str
    primary: str
    on_primary: str
    primary_pressed: str
    secondary_text: str
    secondary_border: str
    secondary_pressed: str
    tile_border: str
    note_background: str
    note_text: str
    right: str
    on_right: str
    wrong: str
    on_wrong: str
    ring: str
    ring_halo: str
    bezel: str
    focus: str
    bar: str
    bar_border: str
    qr_dark: str
    qr_light: str

    def __init__(
        self,
        name: str,
        min_contrast: float,
        background: str,
        surface: str,
        text: str,
        muted: str,
        heading: str,
        primary: str,
        on_primary: str,
        primary_pressed: str,
        secondary_text: str,
        secondary_border: str,
        secondary_pressed: str,
        tile_border: str,
        note_background: str,
        note_text: str,
        right: str,
        on_right: str,
        wrong: str,
        on_wrong: str,
        ring: str,
        ring_halo: str,
        bezel: str,
        focus: str,
        bar: str,
        bar_border: str,
        qr_dark: str,
        qr_light: str,
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "min_contrast", min_contrast)
        set_field(self, "background", background)
        set_field(self, "surface", surface)
        set_field(self, "text", text)
        set_field(self, "muted", muted)
        set_field(self, "heading", heading)
        set_field(self, "primary", primary)
        set_field(self, "on_primary", on_primary)
        set_field(self, "primary_pressed", primary_pressed)
        set_field(self, "secondary_text", secondary_text)
        set_field(self, "secondary_border", secondary_border)
        set_field(self, "secondary_pressed", secondary_pressed)
        set_field(self, "tile_border", tile_border)
        set_field(self, "note_background", note_background)
        set_field(self, "note_text", note_text)
        set_field(self, "right", right)
        set_field(self, "on_right", on_right)
        set_field(self, "wrong", wrong)
        set_field(self, "on_wrong", on_wrong)
        set_field(self, "ring", ring)
        set_field(self, "ring_halo", ring_halo)
        set_field(self, "bezel", bezel)
        set_field(self, "focus", focus)
        set_field(self, "bar", bar)
        set_field(self, "bar_border", bar_border)
        set_field(self, "qr_dark", qr_dark)
        set_field(self, "qr_light", qr_light)

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Every (text colour, background colour) the screens draw with this palette."""
        return {
            "text on background": (self.text, self.background),
            "text on surface": (self.text, self.surface),
            "text on bar": (self.text, self.bar),
            "muted on background": (self.muted, self.background),
            "muted on surface": (self.muted, self.surface),
            "heading on background": (self.heading, self.background),
            "heading on bar": (self.heading, self.bar),
            "primary button": (self.on_primary, self.primary),
            "primary button pressed": (self.on_primary, self.primary_pressed),
            "secondary button": (self.secondary_text, self.surface),
            "secondary button pressed": (self.secondary_text, self.secondary_pressed),
            "note": (self.note_text, self.note_background),
            "right answer": (self.on_right, self.right),
            "wrong answer": (self.on_wrong, self.wrong),
        }


DEFAULT = Palette(
    name="default",
    min_contrast=4.5,
    background="#F6F1E9",
    surface="#FFFFFF",
    text="#1D2B36",
    muted="#46535E",
    heading="#0B4F7C",
    primary="#0B4F7C",
    on_primary="#FFFFFF",
    primary_pressed="#083A5C",
    secondary_text="#0B4F7C",
    secondary_border="#0B4F7C",
    secondary_pressed="#DCE8F2",
    tile_border="#C9BBA5",
    note_background="#FFF1D6",
    note_text="#5A3A00",
    right="#1B5E20",
    on_right="#FFFFFF",
    wrong="#A4262C",
    on_wrong="#FFFFFF",
    ring="#E65100",
    ring_halo="#FFFFFF",
    bezel="#2B3A42",
    # Blue: never the orange of the step's "tap here" ring.
    focus="#1E40C8",
    bar="#FFFFFF",
    bar_border="#D9CDB9",
    qr_dark="#000000",
    qr_light="#FFFFFF",
)

HIGH_CONTRAST = Palette(
    name="high-contrast",
    min_contrast=7.0,
    background="#000000",
    surface="#000000",
    text="#FFFFFF",
    muted="#E0E0E0",
    heading="#FFE500",
    primary="#FFE500",
    on_primary="#000000",
    primary_pressed="#FFFFFF",
    secondary_text="#FFFFFF",
    secondary_border="#FFFFFF",
    secondary_pressed="#333333",
    tile_border="#FFE500",
    note_background="#000000",
    note_text="#FFE500",
    right="#00C853",
    on_right="#000000",
    wrong="#FF6E6E",
    on_wrong="#000000",
    ring="#FFE500",
    ring_halo="#000000",
    bezel="#FFFFFF",
    focus="#00E5FF",
    bar="#000000",
    bar_border="#FFFFFF",
    # Phone cameras read dark modules on a light ground most reliably, whatever the theme.
    qr_dark="#000000",
    qr_light="#FFFFFF",
)


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Look(Record):
    """What the visitor chose (size, contrast) resolved against this screen (as ``kiosk.record`` says)."""

    palette: Palette
    # The visitor's text size times the screen factor: what content text is drawn at.
    scale: float
    min_target_px: int
    # The text size alone (TEXT_SCALES) and the screen factor alone (``screen_factor``).
    text_scale: float = 0.0
    screen: float = 1.0

    def __init__(
        self, palette: Palette, scale: float, min_target_px: int, text_scale: float = 0.0, screen: float = 1.0
    ) -> None:
        set_field(self, "palette", palette)
        set_field(self, "scale", scale)
        set_field(self, "min_target_px", min_target_px)
        set_field(self, "text_scale", text_scale or scale / screen)
        set_field(self, "screen", screen)

    def px(self, base: int) -> int:
        """Content: grows with the text size and the screen."""
        return round(base * self.scale)

    def chrome_px(self, base: int) -> int:
        """Navigation: grows with the screen, and with the text size up to CHROME_MAX_SCALE."""
        return round(base * min(self.text_scale, CHROME_MAX_SCALE) * self.screen)

    def screen_px(self, base: int) -> int:
        """Sizes that are not text (a button's least width, a tile's height): grow with the screen."""
        return round(base * self.screen)

    def fit_scales(self, steps: int) -> list[float]:
        """The content scales a screen may step down to, ``steps`` of them, when its words would not
        fit at ``scale``: each smaller text size in turn (extra-large: large, then normal), never
        under normal (normal text stays normal at every step)."""
        smaller = sorted((s for s in TEXT_SCALES.values() if s < self.text_scale - 1e-9), reverse=True)
        least = smaller[-1] if smaller else self.text_scale
        return [(smaller[n] if n < len(smaller) else least) * self.screen for n in range(steps)]


def look_for(text_size: TextSize, high_contrast: bool, physical_dpi: float, screen: float = 1.0) -> Look:
    """The look for the visitor's choices on a screen with ``physical_dpi`` and ``screen_factor``."""
    text_scale = TEXT_SCALES[text_size]
    return Look(
        palette=HIGH_CONTRAST if high_contrast else DEFAULT,
        scale=text_scale * screen,
        min_target_px=min_target_px(physical_dpi, screen),
        text_scale=text_scale,
        screen=screen,
    )


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB``."""
    digits = colour.lstrip("#")
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two ``#RRGGBB`` colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
