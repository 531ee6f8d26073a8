"""Organiser mode over the kiosk window: the PIN pad first, then the dashboard and the export.

It covers the whole window (an overlay, like the comfort panel), so the visitor's screens
stay as they were underneath; "Close" (or Cancel on the PIN pad) hides it again and
announces ``closed`` for the window to go back to its start screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.export import ExportSource
from kiosk.i18n import UiText
from kiosk.pins import PinStore
from kiosk.stats import Database
from ui import theme
from ui.organiser.dashboard import OrganiserDashboard
from ui.organiser.export_panel import ExportPanel
from ui.organiser.look import organiser_stylesheet
from ui.organiser.pin_dialog import PinPad


@dataclass(frozen=True)
class OrganiserSetup:
    """What organiser mode needs from the kiosk; built once by the window (or a test)."""

    pins: PinStore
    database: Database | None
    database_path: Path
    ui_text: UiText
    # The organiser's language (the kiosk's default), not the visitor's.
    lang: str
    # Tutorial id → title in ``lang``, for the top tutorials.
    titles: Mapping[str, str]
    # The point's offset from UTC (Vietnam: +7 h): what "today" means.
    offset: timedelta
    export_source: Callable[[], ExportSource]
    today: Callable[[], date] | None = None
    # Folders offered beside the sticks (tests, training); empty on a kiosk.
    extra_folders: tuple[Path, ...] = field(default=())

    def local_today(self) -> date:
        if self.today is not None:
            return self.today()
        return (datetime.now(UTC) + self.offset).date()


class OrganiserScreen(QWidget):
    closed = Signal()

    def __init__(self, setup: OrganiserSetup, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("OrganiserScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(organiser_stylesheet(theme.DEFAULT))
        self.setup = setup
        self.pin_pad = PinPad(setup.pins, setup.ui_text, setup.lang)
        self.dashboard = OrganiserDashboard(
            setup.database,
            setup.ui_text,
            setup.lang,
            titles=setup.titles,
            today=setup.local_today,
            offset=setup.offset,
        )
        self.export_panel = ExportPanel(
            setup.ui_text,
            setup.lang,
            source=setup.export_source,
            database_path=setup.database_path,
            offset=setup.offset,
            extra_folders=setup.extra_folders,
        )
        self.stack = QStackedWidget()
        for page in (self.pin_pad, self.dashboard, self.export_panel):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.pin_pad.accepted.connect(self._on_pin_accepted)
        self.pin_pad.cancelled.connect(self.close_screen)
        self.dashboard.export_requested.connect(self._on_export_requested)
        self.dashboard.close_requested.connect(self.close_screen)
        self.export_panel.back_requested.connect(self._on_export_back_requested)
        parent.installEventFilter(self)
        self.hide()

    @property
    def page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def open(self) -> None:
        """Ask for the PIN (or for a first PIN); nothing else is reachable before it."""
        if self.isVisible():
            return
        self._fit()
        self.stack.setCurrentWidget(self.pin_pad)
        self.show()
        self.raise_()
        self.pin_pad.start()

    def close_screen(self) -> None:
        if self.export_panel.running:
            return
        self.hide()
        self.stack.setCurrentWidget(self.pin_pad)
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def _on_pin_accepted(self) -> None:
        self.stack.setCurrentWidget(self.dashboard)
        self.dashboard.refresh()

    def _on_export_requested(self) -> None:
        self.stack.setCurrentWidget(self.export_panel)
        self.export_panel.start()

    def _on_export_back_requested(self) -> None:
        self.stack.setCurrentWidget(self.dashboard)
        self.dashboard.refresh()
