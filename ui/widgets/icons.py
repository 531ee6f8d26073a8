"""Simple line icons drawn with QPainter.

The bundled Noto Sans has no arrows, ticks or faces, and an icon font would be one more
file to ship, so the few icons the kiosk needs are drawn here. An ``IconView`` takes its
colour and size from the style sheet (``color`` and ``font-size`` of its role), so icons
follow the theme and grow with the visitor's text size like the words beside them.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.look import theme


class Icon(enum.Enum):
    HOME = "home"
    BACK = "back"
    NEXT = "next"
    REPEAT = "repeat"
    TEXT_SIZE = "text-size"
    CONTRAST = "contrast"
    CHECK = "check"
    CROSS = "cross"
    FACE_HAPPY = "face-happy"
    FACE_NEUTRAL = "face-neutral"
    FACE_SAD = "face-sad"
    PRINTER = "printer"
    # Reading aloud: on (sound waves), off (crossed out), quieter and louder, "touch and hear".
    SPEAKER = "speaker"
    SPEAKER_OFF = "speaker-off"
    MINUS = "minus"
    PLUS = "plus"
    TOUCH = "touch"
    PHONE = "phone"


class IconView(QWidget):
    """A square icon as tall as a line of its role's text (times ``scale``)."""

    def __init__(
        self, icon: Icon, role: str, *, scale: float = theme.ICON_SCALE, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.icon = icon
        self._scale = scale
        self.setProperty("role", role)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_icon(self, icon: Icon) -> None:
        self.icon = icon
        self.update()

    def sizeHint(self) -> QSize:
        side = math.ceil(self.fontMetrics().height() * self._scale)
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        draw(painter, self.icon, box, self.palette().color(QPalette.ColorRole.WindowText))
        painter.end()


def draw(painter: QPainter, icon: Icon, box: QRectF, colour: QColor) -> None:
    """Draw ``icon`` filling ``box`` in ``colour``."""
    side = box.width()
    pen = QPen(colour, max(2.0, side / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.save()
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inner = box.adjusted(side * 0.12, side * 0.12, -side * 0.12, -side * 0.12)
    _PAINTERS[icon](painter, inner, colour)
    painter.restore()


def _point(box: QRectF, x: float, y: float) -> QPointF:
    """A point at fractions ``x``, ``y`` of ``box``."""
    return QPointF(box.left() + x * box.width(), box.top() + y * box.height())


def _home(painter: QPainter, box: QRectF, colour: QColor) -> None:
    roof = QPainterPath(_point(box, 0.0, 0.5))
    roof.lineTo(_point(box, 0.5, 0.05))
    roof.lineTo(_point(box, 1.0, 0.5))
    painter.drawPath(roof)
    body = QPainterPath(_point(box, 0.15, 0.42))
    body.lineTo(_point(box, 0.15, 0.95))
    body.lineTo(_point(box, 0.85, 0.95))
    body.lineTo(_point(box, 0.85, 0.42))
    painter.drawPath(body)
    door = QPainterPath(_point(box, 0.4, 0.95))
    door.lineTo(_point(box, 0.4, 0.68))
    door.lineTo(_point(box, 0.6, 0.68))
    door.lineTo(_point(box, 0.6, 0.95))
    painter.drawPath(door)


def _arrow(painter: QPainter, box: QRectF, pointing_right: bool) -> None:
    tip, tail = (1.0, 0.0) if pointing_right else (0.0, 1.0)
    back = 0.55 if pointing_right else 0.45
    painter.drawLine(_point(box, tail, 0.5), _point(box, tip, 0.5))
    head = QPainterPath(_point(box, back, 0.1))
    head.lineTo(_point(box, tip, 0.5))
    head.lineTo(_point(box, back, 0.9))
    painter.drawPath(head)


def _back(painter: QPainter, box: QRectF, colour: QColor) -> None:
    _arrow(painter, box, pointing_right=False)


def _next(painter: QPainter, box: QRectF, colour: QColor) -> None:
    _arrow(painter, box, pointing_right=True)


def _repeat(painter: QPainter, box: QRectF, colour: QColor) -> None:
    ring = box.adjusted(box.width() * 0.05, box.height() * 0.05, -box.width() * 0.05, -box.height() * 0.05)
    # Qt angles are in 1/16 degree, counter-clockwise from three o'clock.
    painter.drawArc(ring, 100 * 16, 290 * 16)
    centre = ring.center()
    radius = ring.width() / 2
    end = QPointF(
        centre.x() + radius * math.cos(math.radians(100)), centre.y() - radius * math.sin(math.radians(100))
    )
    head = QPainterPath(QPointF(end.x() + radius * 0.45, end.y() - radius * 0.32))
    head.lineTo(end)
    head.lineTo(QPointF(end.x() + radius * 0.38, end.y() + radius * 0.42))
    painter.drawPath(head)


def _text_size(painter: QPainter, box: QRectF, colour: QColor) -> None:
    """A large "A" and a small "a" on one baseline: the universal sign for text size."""
    painter.setPen(colour)
    big, small = QFont(theme.FONT_FAMILY), QFont(theme.FONT_FAMILY)
    big.setBold(True)
    small.setBold(True)
    big.setPixelSize(max(1, round(box.height() * 0.95)))
    small.setPixelSize(max(1, round(box.height() * 0.6)))
    big_width = QFontMetricsF(big).horizontalAdvance("A")
    small_width = QFontMetricsF(small).horizontalAdvance("a")
    left = box.center().x() - (big_width + small_width) / 2
    baseline = box.bottom() - box.height() * 0.05
    painter.setFont(big)
    painter.drawText(QPointF(left, baseline), "A")
    painter.setFont(small)
    painter.drawText(QPointF(left + big_width, baseline), "a")


def _contrast(painter: QPainter, box: QRectF, colour: QColor) -> None:
    painter.drawEllipse(box)
    half = QPainterPath()
    half.moveTo(box.center())
    half.arcTo(box, 90, 180)
    half.closeSubpath()
    painter.fillPath(half, colour)


def _check(painter: QPainter, box: QRectF, colour: QColor) -> None:
    tick = QPainterPath(_point(box, 0.05, 0.55))
    tick.lineTo(_point(box, 0.38, 0.88))
    tick.lineTo(_point(box, 0.95, 0.15))
    painter.drawPath(tick)


def _cross(painter: QPainter, box: QRectF, colour: QColor) -> None:
    painter.drawLine(_point(box, 0.1, 0.1), _point(box, 0.9, 0.9))
    painter.drawLine(_point(box, 0.9, 0.1), _point(box, 0.1, 0.9))


def _face(painter: QPainter, box: QRectF, colour: QColor, mouth: float) -> None:
    """A round face; ``mouth`` bends the mouth: 1 a smile, 0 straight, -1 a frown."""
    painter.drawEllipse(box)
    eye = box.width() * 0.07
    painter.setBrush(colour)
    for x in (0.34, 0.66):
        painter.drawEllipse(_point(box, x, 0.38), eye, eye)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    left, right = _point(box, 0.3, 0.66), _point(box, 0.7, 0.66)
    control = _point(box, 0.5, 0.66 + 0.2 * mouth)
    smile = QPainterPath(QPointF(left.x(), left.y() - 0.06 * mouth * box.height()))
    smile.quadTo(control, QPointF(right.x(), right.y() - 0.06 * mouth * box.height()))
    painter.drawPath(smile)


def _face_happy(painter: QPainter, box: QRectF, colour: QColor) -> None:
    _face(painter, box, colour, 1.0)


def _face_neutral(painter: QPainter, box: QRectF, colour: QColor) -> None:
    _face(painter, box, colour, 0.0)


def _face_sad(painter: QPainter, box: QRectF, colour: QColor) -> None:
    _face(painter, box, colour, -1.0)


def _printer(painter: QPainter, box: QRectF, colour: QColor) -> None:
    """A printer seen from the front: paper in at the top, the body, a printed sheet coming out."""
    painter.drawRect(QRectF(_point(box, 0.25, 0.02), _point(box, 0.75, 0.3)))
    body = QPainterPath(_point(box, 0.25, 0.72))
    body.lineTo(_point(box, 0.02, 0.72))
    body.lineTo(_point(box, 0.02, 0.3))
    body.lineTo(_point(box, 0.98, 0.3))
    body.lineTo(_point(box, 0.98, 0.72))
    body.lineTo(_point(box, 0.75, 0.72))
    painter.drawPath(body)
    painter.drawRect(QRectF(_point(box, 0.25, 0.55), _point(box, 0.75, 0.98)))
    for y in (0.72, 0.85):
        painter.drawLine(_point(box, 0.36, y), _point(box, 0.64, y))


def _speaker_body(painter: QPainter, box: QRectF) -> None:
    """A loudspeaker facing right, in the left half of ``box``."""
    cone = QPainterPath(_point(box, 0.0, 0.35))
    cone.lineTo(_point(box, 0.2, 0.35))
    cone.lineTo(_point(box, 0.48, 0.08))
    cone.lineTo(_point(box, 0.48, 0.92))
    cone.lineTo(_point(box, 0.2, 0.65))
    cone.lineTo(_point(box, 0.0, 0.65))
    cone.closeSubpath()
    painter.drawPath(cone)


def _speaker(painter: QPainter, box: QRectF, colour: QColor) -> None:
    _speaker_body(painter, box)
    # Two sound waves: arcs round the speaker's mouth (Qt angles in 1/16 degree).
    for radius in (0.22, 0.42):
        ring = QRectF(
            _point(box, 0.5 - radius, 0.5 - radius * 1.2), _point(box, 0.5 + radius, 0.5 + radius * 1.2)
        )
        painter.drawArc(ring, -50 * 16, 100 * 16)


def _speaker_off(painter: QPainter, box: QRectF, colour: QColor) -> None:
    _speaker_body(painter, box)
    painter.drawLine(_point(box, 0.66, 0.32), _point(box, 1.0, 0.68))
    painter.drawLine(_point(box, 1.0, 0.32), _point(box, 0.66, 0.68))


def _minus(painter: QPainter, box: QRectF, colour: QColor) -> None:
    painter.drawLine(_point(box, 0.1, 0.5), _point(box, 0.9, 0.5))


def _plus(painter: QPainter, box: QRectF, colour: QColor) -> None:
    painter.drawLine(_point(box, 0.1, 0.5), _point(box, 0.9, 0.5))
    painter.drawLine(_point(box, 0.5, 0.1), _point(box, 0.5, 0.9))


def _touch(painter: QPainter, box: QRectF, colour: QColor) -> None:
    """A hand whose finger touches, with a ripple round the point it touches ("touch and hear")."""
    hand = QPainterPath(_point(box, 0.3, 0.66))
    hand.lineTo(_point(box, 0.3, 0.32))
    hand.arcTo(QRectF(_point(box, 0.3, 0.24), _point(box, 0.46, 0.4)), 180, -180)
    hand.lineTo(_point(box, 0.46, 0.58))
    # The knuckles of the folded fingers.
    hand.quadTo(_point(box, 0.53, 0.5), _point(box, 0.6, 0.6))
    hand.quadTo(_point(box, 0.67, 0.53), _point(box, 0.74, 0.63))
    hand.quadTo(_point(box, 0.81, 0.57), _point(box, 0.86, 0.68))
    hand.lineTo(_point(box, 0.86, 0.82))
    hand.quadTo(_point(box, 0.86, 0.98), _point(box, 0.7, 0.98))
    hand.lineTo(_point(box, 0.44, 0.98))
    hand.quadTo(_point(box, 0.34, 0.98), _point(box, 0.26, 0.86))
    # The thumb.
    hand.lineTo(_point(box, 0.16, 0.72))
    hand.quadTo(_point(box, 0.14, 0.63), _point(box, 0.22, 0.63))
    hand.closeSubpath()
    painter.drawPath(hand)
    for radius in (0.22, 0.36):
        ring = QRectF(_point(box, 0.38 - radius, 0.32 - radius), _point(box, 0.38 + radius, 0.32 + radius))
        painter.drawArc(ring, 40 * 16, 100 * 16)


def _phone(painter: QPainter, box: QRectF, colour: QColor) -> None:
    """A smartphone standing up: its body, the speaker slit and the home button."""
    radius = box.width() * 0.1
    painter.drawRoundedRect(QRectF(_point(box, 0.22, 0.0), _point(box, 0.78, 1.0)), radius, radius)
    painter.drawLine(_point(box, 0.42, 0.1), _point(box, 0.58, 0.1))
    painter.drawPoint(_point(box, 0.5, 0.88))


_PAINTERS: dict[Icon, Callable[[QPainter, QRectF, QColor], None]] = {
    Icon.HOME: _home,
    Icon.BACK: _back,
    Icon.NEXT: _next,
    Icon.REPEAT: _repeat,
    Icon.TEXT_SIZE: _text_size,
    Icon.CONTRAST: _contrast,
    Icon.CHECK: _check,
    Icon.CROSS: _cross,
    Icon.FACE_HAPPY: _face_happy,
    Icon.FACE_NEUTRAL: _face_neutral,
    Icon.FACE_SAD: _face_sad,
    Icon.PRINTER: _printer,
    Icon.SPEAKER: _speaker,
    Icon.SPEAKER_OFF: _speaker_off,
    Icon.MINUS: _minus,
    Icon.PLUS: _plus,
    Icon.TOUCH: _touch,
    Icon.PHONE: _phone,
}
