"""The dashboard's chart: one bar per day of the last 30, drawn with QPainter.

QPainter rather than QtCharts: a few bars need no chart engine, and it draws the same
offscreen, in screenshots and on the kiosk.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.stats.disclosure import HIDDEN, WITHHELD
from ui.look import theme
from ui.look.theme import Palette
from ui.organiser.look import CHART_BAR_GAP, CHART_HEIGHT

LABEL_PX = 20


class DailyChart(QWidget):
    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._palette = palette
        # (local day, the day's visits as shown: a rounded number, "<5" or "x"; kiosk.stats.disclosure).
        self.days: tuple[tuple[date, str], ...] = ()
        self.setMinimumHeight(CHART_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(600, CHART_HEIGHT)

    def set_days(self, days: Sequence[tuple[date, str]]) -> None:
        self.days = tuple(days)
        self.setAccessibleDescription(", ".join(f"{day.isoformat()}: {text}" for day, text in self.days))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(theme.FONT_FAMILY)
        font.setPixelSize(LABEL_PX)
        painter.setFont(font)
        p = self._palette
        width, height = self.width(), self.height()
        label_w = 56.0
        top, bottom = float(LABEL_PX), float(height - LABEL_PX - 8)
        plot = QRectF(label_w, top, width - label_w - 4, bottom - top)
        painter.setPen(QPen(QColor(p.muted), 2))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.days:
            painter.end()
            return
        heights = [_height(text) for _day, text in self.days]
        highest = max(1, max(int(height) for height in heights))
        painter.setPen(QColor(p.text))
        painter.drawText(
            QRectF(0, top - LABEL_PX / 2, label_w - 8, LABEL_PX),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(highest),
        )
        painter.drawText(
            QRectF(0, bottom - LABEL_PX, label_w - 8, LABEL_PX),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            "0",
        )
        slot = plot.width() / len(self.days)
        painter.setPen(Qt.PenStyle.NoPen)
        for index, ((_day, text), visits) in enumerate(zip(self.days, heights, strict=True)):
            # A hidden day ("<5") is a low bar in the muted colour: there were a few visits, no more is said.
            painter.setBrush(QColor(p.muted if text == HIDDEN else p.primary))
            bar_h = plot.height() * visits / highest
            x = plot.left() + index * slot + CHART_BAR_GAP / 2
            painter.drawRect(QRectF(x, plot.bottom() - bar_h, max(1.0, slot - CHART_BAR_GAP), bar_h))
        painter.setPen(QColor(p.text))
        first, last = self.days[0][0], self.days[-1][0]
        below = QRectF(plot.left(), bottom + 4, plot.width(), LABEL_PX + 4)
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, f"{first.day:02d}/{first.month:02d}")
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, f"{last.day:02d}/{last.month:02d}")
        painter.end()


def _height(text: str) -> float:
    """A bar's height in visits: the shown number, the middle of 1 to 4 when hidden, none when withheld."""
    if text == HIDDEN:
        return 2.5
    if text == WITHHELD:
        return 0.0
    return float(text)
