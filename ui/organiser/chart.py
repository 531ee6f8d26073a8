"""The dashboard's chart: one bar per day of the last 30, drawn with QPainter, each with its value.

Each bar carries the text shown for its day ("<5", "15", "x": kiosk.stats.disclosure) just
above it; a value that would touch the one before it is left out on the picture (a narrow
window), never in the accessible description, which says every day.

QPainter rather than QtCharts: a few bars need no chart engine, and it draws the same
offscreen, in screenshots and on the kiosk.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.stats.disclosure import HIDDEN, WITHHELD
from ui.look import theme
from ui.look.theme import Palette
from ui.organiser.look import CHART_BAR_GAP, CHART_HEIGHT

LABEL_PX = 20
# Room above the tallest bar for its value.
VALUE_ROOM = LABEL_PX + 6
# The least space between two values side by side.
VALUE_GAP = 6.0
AXIS_LABEL_W = 56.0


class DailyChart(QWidget):
    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._palette = palette
        # (local day, the day's visits as shown: a rounded number, "<5" or "x"; kiosk.stats.disclosure).
        self.days: tuple[tuple[date, str], ...] = ()
        self.setMinimumHeight(CHART_HEIGHT + VALUE_ROOM)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(600, CHART_HEIGHT + VALUE_ROOM)

    def set_days(self, days: Sequence[tuple[date, str]]) -> None:
        self.days = tuple(days)
        self.setAccessibleDescription(", ".join(f"{day:%d/%m}: {text}" for day, text in self.days))
        self.update()

    def _font(self) -> QFont:
        font = QFont(theme.FONT_FAMILY)
        font.setPixelSize(LABEL_PX)
        return font

    def _plot(self) -> QRectF:
        top, bottom = float(LABEL_PX + VALUE_ROOM), float(self.height() - LABEL_PX - 8)
        return QRectF(AXIS_LABEL_W, top, self.width() - AXIS_LABEL_W - 4, bottom - top)

    def value_labels(self) -> list[tuple[date, str, QRectF]]:
        """The values drawn over the bars at this width: (day, text, where); touching ones left out."""
        if not self.days:
            return []
        plot = self._plot()
        metrics = QFontMetricsF(self._font())
        heights = [_height(text) for _day, text in self.days]
        highest = max(1, max(int(height) for height in heights))
        slot = plot.width() / len(self.days)
        drawn: list[tuple[date, str, QRectF]] = []
        right_of_last = -1.0
        for index, ((day, text), visits) in enumerate(zip(self.days, heights, strict=True)):
            width = metrics.horizontalAdvance(text)
            centre = plot.left() + (index + 0.5) * slot
            left = max(0.0, centre - width / 2)
            if left < right_of_last + VALUE_GAP:
                continue
            bar_top = plot.bottom() - plot.height() * visits / highest
            drawn.append((day, text, QRectF(left, bar_top - LABEL_PX - 4, width, LABEL_PX)))
            right_of_last = left + width
        return drawn

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font())
        p = self._palette
        label_w = AXIS_LABEL_W
        plot = self._plot()
        top, bottom = plot.top(), plot.bottom()
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
        for _day, text, where in self.value_labels():
            painter.drawText(where, Qt.AlignmentFlag.AlignCenter, text)
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
