"""The focus ring: where the keys are, drawn thick enough to see from a chair.

Only a key ever gives a button the focus (buttons take it by Tab, never by a tap), so a
visitor who touches sees no ring. The style sheet's ``:focus`` border alone was 5 px of
orange, hard to tell from a dark-blue button's own edge; this ring is two-tone (the theme's
focus colour with a halo inside it) so it stands out on every button colour, in both themes.
It is a child of the focused button, drawn over its edge: it moves, scrolls and hides with
the button, and an overlay drawn over the button covers it too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

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

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self._palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        ring = theme.FOCUS_RING_WIDTH
        halo = theme.FOCUS_RING_HALO
        outer = QRectF(self.rect()).adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2)
        painter.setPen(QPen(QColor(palette.focus), ring))
        painter.drawRoundedRect(outer, theme.RADIUS, theme.RADIUS)
        inset = ring + halo / 2
        inner = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        radius = max(0.0, theme.RADIUS - ring)
        painter.setPen(QPen(QColor(palette.ring_halo), halo))
        painter.drawRoundedRect(inner, radius, radius)
        painter.end()


class FocusRings(QObject):
    """Shows a ring on whichever button of ``window`` has the focus."""

    def __init__(self, window: QWidget, palette: Callable[[], Palette]) -> None:
        super().__init__(window)
        self._window = window
        self._palette = palette
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)

    def ring_of(self, button: QAbstractButton) -> FocusRing:
        ring = button.findChild(FocusRing, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if ring is None:
            ring = FocusRing(button, self._palette)
        return ring

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(old, QAbstractButton) and old.window() is self._window:
            ring = old.findChild(FocusRing, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if ring is not None:
                ring.hide()
        if isinstance(new, QAbstractButton) and new.window() is self._window:
            ring = self.ring_of(new)
            ring.show()
            ring.raise_()
