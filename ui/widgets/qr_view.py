"""A QR code drawn on screen, large and crisp, for the visitor's own phone to scan.

The ``qrcode`` package only computes the module matrix; drawing it here with whole-pixel
modules keeps edges sharp at any size, and no image library is needed. ``QrOffer`` is the
code as the next best thing to a printed sheet: a line saying what it opens, the code, and
its address, which a screen reader hears too (the code's accessible name).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ui.look import theme
from ui.widgets.common import breakable_url, label, readable_url


def qr_matrix(data: str) -> list[list[bool]]:
    """Modules of the QR code for ``data``, quiet zone included (True is dark)."""
    # Imported on first use: qrcode pulls in Pillow, which the start screen does not need.
    import qrcode

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=theme.QR_QUIET_MODULES,
    )
    code.add_data(data)
    code.make(fit=True)
    return [[bool(module) for module in row] for row in code.get_matrix()]


class QrCodeView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = ""
        self._matrix: list[list[bool]] = []
        self._dark = QColor(theme.DEFAULT.qr_dark)
        self._light = QColor(theme.DEFAULT.qr_light)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def data(self) -> str:
        return self._data

    def set_data(self, data: str) -> None:
        self._data = data
        self._matrix = qr_matrix(data) if data else []
        self.update()

    def set_colours(self, dark: str, light: str) -> None:
        self._dark, self._light = QColor(dark), QColor(light)
        self.update()

    def sizeHint(self) -> QSize:
        # Small on purpose: the layout gives the code all the room the words leave.
        return self.minimumSizeHint()

    def minimumSizeHint(self) -> QSize:
        # Below about 5 px per module a phone held at arm's length struggles.
        side = max(len(self._matrix) * theme.QR_MIN_MODULE_PX, theme.QR_MIN_SIZE)
        return QSize(side, side)

    def code_rect(self) -> QRect:
        """Where the code (with its quiet zone) is drawn: square, centred, whole pixels per module."""
        count = len(self._matrix)
        if not count:
            return QRect()
        module = max(1, min(self.width(), self.height()) // count)
        side = module * count
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        area = self.code_rect()
        if area.isEmpty():
            return
        painter = QPainter(self)
        painter.fillRect(area, self._light)
        module = area.width() // len(self._matrix)
        for row_index, row in enumerate(self._matrix):
            for column_index, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        area.x() + column_index * module,
                        area.y() + row_index * module,
                        module,
                        module,
                        self._dark,
                    )
        painter.end()


class QrOffer(QWidget):
    """A caption of what the code opens, the code, and its address under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption_label = label("", "qr-hint", centred=True)
        self.qr_view = QrCodeView()
        self.url_label = label("", "url", centred=True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.SPACING // 2)
        column.addWidget(self.caption_label)
        column.addWidget(self.qr_view, 1)
        column.addWidget(self.url_label)

    def show_code(self, url: str, *, caption: str, name: str) -> None:
        """Show the code for ``url``; ``name`` is what a screen reader says of the code."""
        if url != self.qr_view.data:
            self.qr_view.set_data(url)
        self.caption_label.setText(caption)
        self.url_label.setText(breakable_url(url))
        self.qr_view.setAccessibleName(name)

    def shown_url(self) -> str:
        return readable_url(self.url_label.text())
