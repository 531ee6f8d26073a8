"""A volunteer's page drawn over the whole kiosk window, like organiser mode's screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

from ui.guided.look import volunteer_stylesheet


class VolunteerPage(QWidget):
    """Covers its parent (the window) while shown, and follows it when it is resized."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(volunteer_stylesheet(self.screen().physicalDotsPerInch()))
        parent.installEventFilter(self)
        self.hide()

    def open(self) -> None:
        self.fit()
        self.show()
        self.raise_()

    def fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.fit()
        return False
