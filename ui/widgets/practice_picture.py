"""The phone picture of a practice step: the visitor taps where they would tap on their phone.

It is the player's ``StepPicture`` with the ring hidden (the visitor looks for the part), the
taps read where they land, and the feedback painted at once on the picture:

- every tap leaves a soft ripple where it landed, so the visitor sees the kiosk felt it;
- on the target, a green tick on it;
- after a second miss the target pulses (the "tap here" ring growing and shrinking);
- after a third it is shown (the ring stays) and the practice moves on.

A tap counts on the target anywhere in ``kiosk.practice.hits.hit_area``: the element grown on
every side, and at least the kiosk's 12 mm touch minimum (more with steady taps).

With the keys, the picture is one button: focused, it shows the ring and says "tap here", and
Enter (or 5) taps the target (``clicked``), so a visitor on the keypad can practise too.
"""

from __future__ import annotations

import enum
import math
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen

from kiosk.practice.hits import Box, hit_area
from ui.look import theme
from ui.widgets.step_picture import StepPicture

# How long the ripple of a tap and the pulse of the target last, and the pulse's beat.
RIPPLE_MS = 450
PULSE_MS = 2400
_FRAME_MS = 40


class Reveal(enum.Enum):
    # The target is not shown (the visitor looks for it).
    HIDDEN = "hidden"
    # After a second miss: the ring pulses.
    PULSE = "pulse"
    # After a third: the ring stays.
    SHOWN = "shown"


class PracticePicture(StepPicture):
    # A tap landed at this point of the widget (the screen decides hit or miss).
    tapped = Signal(QPointF)

    def __init__(self) -> None:
        super().__init__()
        self.reveal = Reveal.HIDDEN
        # Where the last tap landed, and since when (the ripple), and the tick on a hit.
        self._ripple_at: QPointF | None = None
        self._ripple_clock = QElapsedTimer()
        self.ticked = False
        self._pulse_clock = QElapsedTimer()
        self._frames = QTimer(self)
        self._frames.setInterval(_FRAME_MS)
        self._frames.timeout.connect(self._on_frame)
        # Pixels per millimetre on this screen, and whether the visitor's hand shakes (steady taps).
        self.px_per_mm = theme.MIN_TARGET_PX / theme.MIN_TARGET_MM
        self.steady = False
        self._pressed_at: QPointF | None = None
        self._names = ("", "")

    def set_target(self, image: Path, target: str, missing_text: str) -> bool:
        """Show ``image`` with ``target`` (an element id) to find; nothing shown of it yet."""
        self.reveal = Reveal.HIDDEN
        self.ticked = False
        self._ripple_at = None
        self._frames.stop()
        return self.set_step(image, target, missing_text)

    # -- where a tap counts ----------------------------------------------------------------
    def hit_rect(self) -> QRectF | None:
        """The area where a tap counts as on the target, in widget pixels."""
        element = self.highlight_rect()
        if element is None:
            return None
        area = hit_area(
            Box(element.x(), element.y(), element.width(), element.height()),
            self.px_per_mm,
            steady=self.steady,
        )
        return QRectF(area.x, area.y, area.width, area.height)

    def is_on_target(self, point: QPointF) -> bool:
        area = self.hit_rect()
        return area is not None and area.contains(point)

    def target_centre(self) -> QPointF | None:
        element = self.highlight_rect()
        return element.center() if element is not None else None

    # -- feedback ----------------------------------------------------------------------------
    def show_ripple(self, point: QPointF) -> None:
        self._ripple_at = point
        self._ripple_clock.start()
        self._frames.start()
        self.update()

    def show_tick(self) -> None:
        self.ticked = True
        self.update()

    def set_reveal(self, reveal: Reveal) -> None:
        self.reveal = reveal
        if reveal is Reveal.PULSE:
            self._pulse_clock.start()
            self._frames.start()
        self.update()

    def _on_frame(self) -> None:
        ripple = self._ripple_at is not None and self._ripple_clock.elapsed() < RIPPLE_MS
        if not ripple:
            self._ripple_at = None
        pulse = self.reveal is Reveal.PULSE and self._pulse_clock.elapsed() < PULSE_MS
        if self.reveal is Reveal.PULSE and not pulse:
            # The pulse ends with the ring still drawn: the visitor has seen where it is.
            self.reveal = Reveal.SHOWN
        if not ripple and not pulse:
            self._frames.stop()
        self.update()

    def ring_strokes(self) -> list[tuple[QPen, QPainterPath]]:
        # The ring shows only once the kiosk shows the target, or while the keys are on it.
        shown = self.reveal is not Reveal.HIDDEN or self.hasFocus()
        if not shown or self.ticked:
            return []
        strokes = super().ring_strokes()
        if self.reveal is Reveal.PULSE:
            beat = (math.sin(self._pulse_clock.elapsed() / 1000 * 2 * math.pi * 1.5) + 1) / 2
            grow = beat * theme.RING_WIDTH * 1.5
            ring = self.ring_rect()
            if ring is not None:
                path = QPainterPath()
                path.addRoundedRect(
                    ring.adjusted(-grow, -grow, grow, grow), theme.RING_RADIUS, theme.RING_RADIUS
                )
                strokes = [(pen, path) for pen, _ in strokes]
        return strokes

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._ripple_at is not None:
            progress = min(1.0, self._ripple_clock.elapsed() / RIPPLE_MS)
            radius = theme.MIN_TARGET_PX * (0.3 + 0.4 * progress)
            colour = QColor(self._palette.focus)
            colour.setAlphaF(0.55 * (1 - progress) + 0.15)
            painter.setPen(QPen(colour, 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self._ripple_at, radius, radius)
        centre = self.target_centre()
        if self.ticked and centre is not None:
            self._draw_tick(painter, centre)
        painter.end()

    def _draw_tick(self, painter: QPainter, centre: QPointF) -> None:
        size = theme.MIN_TARGET_PX * 0.5
        painter.setPen(QPen(QColor(self._palette.ring_halo), 3))
        painter.setBrush(QColor(self._palette.right))
        painter.drawEllipse(centre, size, size)
        tick = QPainterPath()
        tick.moveTo(centre.x() - size * 0.45, centre.y() + size * 0.02)
        tick.lineTo(centre.x() - size * 0.1, centre.y() + size * 0.38)
        tick.lineTo(centre.x() + size * 0.5, centre.y() - size * 0.35)
        pen = QPen(QColor(self._palette.on_right), max(4.0, size / 5))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)

    # -- input -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Read where the finger lands; the button's own click is for the keys only.
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at = event.position()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._pressed_at is not None:
            self._pressed_at = None
            event.accept()
            if self.rect().contains(event.position().toPoint()):
                self.tapped.emit(event.position())
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # A quick second tap is a tap like any other (the ladder's steady-taps time judges it).
        self.mousePressEvent(event)

    def set_names(self, touched: str, focused: str) -> None:
        """What it is called: ``touched`` (touch and hear: anywhere on the phone), and ``focused``
        once the keys are on it, where it rings the target ("tap here")."""
        self._names = (touched, focused)
        self._show_name()

    def _show_name(self) -> None:
        touched, focused = self._names
        name = focused if self.hasFocus() else touched
        self.setText(name)
        self.setAccessibleName(name)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._show_name()
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._show_name()
        self.update()
