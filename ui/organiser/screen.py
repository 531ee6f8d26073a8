"""Organiser mode over the kiosk window: the PIN pad first, then the dashboard and the export.

Volunteers come in the same hidden way: once a volunteers' PIN is set (by the organiser, from
the dashboard), the organiser's pad offers "I am a volunteer", which leads to the volunteers'
pad; their PIN announces ``volunteer_accepted`` (the window then starts a guided session).

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
from kiosk.pins import PinRole, PinStore
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
    # A volunteer's PIN was accepted: the screen has hidden itself without announcing ``closed``.
    volunteer_accepted = Signal()

    def __init__(self, setup: OrganiserSetup, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("OrganiserScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(organiser_stylesheet(theme.DEFAULT))
        self.setup = setup
        self.pin_pad = PinPad(setup.pins, setup.ui_text, setup.lang)
        self.volunteer_button = self.pin_pad.add_alternative(
            setup.ui_text.get(setup.lang, "organiser.pin.volunteer")
        )
        self.volunteer_pad = PinPad(setup.pins, setup.ui_text, setup.lang, role=PinRole.VOLUNTEER)
        # The organiser sets (or changes) the volunteers' PIN from the dashboard.
        self.volunteer_pin_setter = PinPad(setup.pins, setup.ui_text, setup.lang, role=PinRole.VOLUNTEER)
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
        pages = (
            self.pin_pad,
            self.volunteer_pad,
            self.dashboard,
            self.export_panel,
            self.volunteer_pin_setter,
        )
        for page in pages:
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.pin_pad.accepted.connect(self._on_pin_accepted)
        self.pin_pad.cancelled.connect(self.close_screen)
        self.volunteer_button.clicked.connect(self._on_volunteer_clicked)
        self.volunteer_pad.accepted.connect(self._on_volunteer_pin_accepted)
        self.volunteer_pad.cancelled.connect(self.close_screen)
        self.dashboard.volunteer_pin_requested.connect(self._on_volunteer_pin_requested)
        self.volunteer_pin_setter.accepted.connect(self._on_volunteer_pin_set)
        self.volunteer_pin_setter.cancelled.connect(self._on_volunteer_pin_set)
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
        pins = self.setup.pins
        self.volunteer_button.setVisible(pins.is_set(PinRole.ORGANISER) and pins.is_set(PinRole.VOLUNTEER))
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

    def _on_volunteer_clicked(self) -> None:
        self.stack.setCurrentWidget(self.volunteer_pad)
        self.volunteer_pad.start()

    def _on_volunteer_pin_accepted(self) -> None:
        self.hide()
        self.stack.setCurrentWidget(self.pin_pad)
        self.volunteer_accepted.emit()

    def _on_volunteer_pin_requested(self) -> None:
        self.stack.setCurrentWidget(self.volunteer_pin_setter)
        self.volunteer_pin_setter.start(change=True)

    def _on_volunteer_pin_set(self) -> None:
        self.stack.setCurrentWidget(self.dashboard)
        self.dashboard.refresh()

    def _on_export_requested(self) -> None:
        self.stack.setCurrentWidget(self.export_panel)
        self.export_panel.start()

    def _on_export_back_requested(self) -> None:
        self.stack.setCurrentWidget(self.dashboard)
        self.dashboard.refresh()
