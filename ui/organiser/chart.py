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

from ui.look import theme
from ui.look.theme import Palette
from ui.organiser.look import CHART_BAR_GAP, CHART_HEIGHT

LABEL_PX = 20


class DailyChart(QWidget):
    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._palette = palette
        self.days: tuple[tuple[date, int], ...] = ()
        self.setMinimumHeight(CHART_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(600, CHART_HEIGHT)

    def set_days(self, days: Sequence[tuple[date, int]]) -> None:
        self.days = tuple(days)
        self.setAccessibleDescription(", ".join(f"{day.isoformat()}: {n}" for day, n in self.days))
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
        highest = max(1, max(n for _day, n in self.days))
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
        painter.setBrush(QColor(p.primary))
        for index, (_day, count) in enumerate(self.days):
            bar_h = plot.height() * count / highest
            x = plot.left() + index * slot + CHART_BAR_GAP / 2
            painter.drawRect(QRectF(x, plot.bottom() - bar_h, max(1.0, slot - CHART_BAR_GAP), bar_h))
        painter.setPen(QColor(p.text))
        first, last = self.days[0][0], self.days[-1][0]
        below = QRectF(plot.left(), bottom + 4, plot.width(), LABEL_PX + 4)
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, f"{first.day:02d}/{first.month:02d}")
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, f"{last.day:02d}/{last.month:02d}")
        painter.end()
