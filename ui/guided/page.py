"""A volunteer's page drawn over the whole kiosk window, like organiser mode's screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.guided.look import volunteer_stylesheet
from ui.overlays.overlay import Overlay


class VolunteerPage(Overlay):
    """Covers its parent (the window) while shown; not for the visitor's ears (reading aloud stops)."""

    for_visitor = False

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent, name=name)
        self.setStyleSheet(volunteer_stylesheet(self.screen().physicalDotsPerInch()))
