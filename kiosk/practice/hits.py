"""Where a tap on the picture counts as a tap on the practice target.

A finger is wider than a phone's small button drawn at a kiosk's scale, and an unsteady hand
lands beside it: the area that counts is the element grown on every side, and never smaller
than the kiosk's 12 mm touch minimum (``ui.look.theme.MIN_TARGET_MM``). With steady taps on
(the visitor's hand shakes), it grows further.
"""

from __future__ import annotations

from dataclasses import dataclass

# The kiosk's smallest touch target (ui.look.theme.MIN_TARGET_MM).
MIN_TARGET_MM = 12.0
# Every side of the element grows by this much: a finger lands beside a small drawn button.
SLACK_MM = 3.0
# With steady taps (a hand with a tremor) the area grows by this much more on every side.
STEADY_SLACK_MM = 3.0


@dataclass(frozen=True)
class Box:
    """A rectangle in screen pixels."""

    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


def hit_area(element: Box, px_per_mm: float, *, steady: bool = False) -> Box:
    """The area where a tap counts as on ``element``: grown by the slack on every side, and at
    least the touch minimum (plus the steady slack, with steady taps) each way, centred on it."""
    slack = (SLACK_MM + (STEADY_SLACK_MM if steady else 0.0)) * px_per_mm
    least = (MIN_TARGET_MM + (2 * STEADY_SLACK_MM if steady else 0.0)) * px_per_mm
    width = max(element.width + 2 * slack, least)
    height = max(element.height + 2 * slack, least)
    cx, cy = element.centre
    return Box(cx - width / 2, cy - height / 2, width, height)


def is_hit(element: Box, x: float, y: float, px_per_mm: float, *, steady: bool = False) -> bool:
    return hit_area(element, px_per_mm, steady=steady).contains(x, y)
