"""The focus ring: where the keys are, drawn thick enough to see from a chair.

Each screen opens with its main action focused (``ui.input.main_action``), so the ring is
always somewhere; it must never be mistaken for the lesson's "tap here" ring on the phone
picture (``ui.widgets.step_picture``: one thick rounded orange or yellow line). This ring
differs in more than colour, for visitors who cannot tell colours apart: it is a double
outline, two lines of the theme's focus colour (blue, or cyan in high contrast) with a line of
its halo (white, or black) between them, with square corners. It stands out on every button
colour, in both themes. It is a child of the focused button, drawn over its edge: it moves,
scrolls and hides with the button, and an overlay drawn over the button covers it too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from shiboken6 import isValid

from ui.look import theme
from ui.look.theme import Palette


class FocusRing(QWidget):
    def __init__(self, button: QAbstractButton, palette: Callable[[], Palette]) -> None:
        super().__init__(button)
        self._palette = palette
        self.setObjectName("FocusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setGeometry(button.rect())
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
        return False

    def strokes(self) -> list[tuple[QPen, QPainterPath]]:
        """What the ring draws, outermost first: focus line, halo line, focus line; square corners."""
        palette = self._palette()
        line = theme.FOCUS_RING_LINE
        halo = theme.FOCUS_RING_HALO
        box = QRectF(self.rect())
        drawn: list[tuple[QPen, QPainterPath]] = []
        inset = 0.0
        for colour, width in ((palette.focus, line), (palette.ring_halo, halo), (palette.focus, line)):
            middle = inset + width / 2
            path = QPainterPath()
            path.addRect(box.adjusted(middle, middle, -middle, -middle))
            pen = QPen(QColor(colour), width)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
            drawn.append((pen, path))
            inset += width
        return drawn

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen, path in self.strokes():
            painter.setPen(pen)
            painter.drawPath(path)
        painter.end()


class FocusRings(QObject):
    """Shows a ring on whichever button of ``window`` has the focus."""

    def __init__(self, window: QWidget, palette: Callable[[], Palette]) -> None:
        super().__init__(window)
        self._window = window
        self._palette = palette
        self._ringed: QAbstractButton | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)

    def ring_of(self, button: QAbstractButton) -> FocusRing:
        ring = button.findChild(FocusRing, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if ring is None:
            ring = FocusRing(button, self._palette)
        return ring

    def show_ring(self, button: QAbstractButton) -> None:
        """Ring ``button`` (and no other): the focus is on it, even while the window is not the
        active one (Qt then announces no focus change; the screenshots are taken so)."""
        last = self._ringed
        if last is not None and last is not button and isValid(last):
            ring = last.findChild(FocusRing, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if ring is not None:
                ring.hide()
        ring = self.ring_of(button)
        ring.show()
        ring.raise_()
        self._ringed = button

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(old, QAbstractButton) and old.window() is self._window:
            ring = old.findChild(FocusRing, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if ring is not None:
                ring.hide()
        if isinstance(new, QAbstractButton) and new.window() is self._window:
            self.show_ring(new)
