"""Organiser mode over the kiosk window: the PIN pad first, then the dashboard and the export.

Volunteers come in the same hidden way: once a volunteers' PIN is set (by the organiser, from
the dashboard), the organiser's pad offers "I am a volunteer", which leads to the volunteers'
pad; their PIN announces ``volunteer_accepted`` (the window then starts a guided session).

It covers the whole window (an overlay, like the comfort panel), so the visitor's screens
stay as they were underneath; "Close" (or Cancel on the PIN pad) hides it again and
announces ``closed`` for the window to go back to its start screen.

Two more ways through the PIN pad: leaving kiosk mode (``ask_to_leave``, from the operator's
key chord in ``ui.shell.lockdown``) calls back on the right PIN instead of showing the dashboard,
and a content update from the dashboard ends in ``restart_requested`` (the screen closes first,
so the window ends any visit under it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.export import ExportSource
from kiosk.i18n import UiText
from kiosk.pins import PinRole, PinStore
from kiosk.stats import Database
from ui.look import theme
from ui.look.style import normal_stylesheet
from ui.organiser.content_panel import ContentPanel
from ui.organiser.dashboard import OrganiserDashboard
from ui.organiser.export_panel import ExportPanel
from ui.organiser.look import organiser_stylesheet
from ui.organiser.pin_dialog import PinPad
from ui.organiser.point_page import PointPage
from ui.organiser.trust_page import TrustPage
from ui.organiser.voices_page import VoicesPage
from ui.overlays.overlay import Overlay

log = logging.getLogger(__name__)


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
    # Guided results' words: (tutorial id, outcome id) and ("", reason id) -> words in ``lang``.
    result_words: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # (tutorial id, step id) -> the step's title in ``lang``, for the hardest steps in practice.
    step_titles: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # Installed content and the bundled packs (None: the kiosk's own, kiosk.system.paths);
    # pictures use others.
    content_root: Path | None = None
    bundled_packs: Path | None = None
    # The organiser's trusted content keys (None: the kiosk's own); pictures trust a throw-away key.
    trust_file: Path | None = None
    # The point's name (settings point_name), in the dashboard's title.
    point_name: str = ""
    # The settings file the "This point" page saves to (None: the kiosk's own, kiosk.system.paths).
    settings_file: Path | None = None

    def local_today(self) -> date:
        if self.today is not None:
            return self.today()
        return (datetime.now(UTC) + self.offset).date()


class OrganiserScreen(Overlay):
    """Over the whole window (see the module docstring); not for the visitor's ears."""

    for_visitor = False
    closed = Signal()
    # A volunteer's PIN was accepted: the screen has hidden itself without announcing ``closed``.
    volunteer_accepted = Signal()
    # New content is in place: the screen has closed (``closed`` was announced); the kiosk restarts.
    restart_requested = Signal()

    def __init__(self, setup: OrganiserSetup, parent: QWidget) -> None:
        super().__init__(parent, name="OrganiserScreen")
        # One look, whatever text size and contrast the visit chose (see ui/style.normal_stylesheet).
        self.setStyleSheet(
            normal_stylesheet(parent.screen().physicalDotsPerInch()) + organiser_stylesheet(theme.DEFAULT)
        )
        self.setup = setup
        self.pin_pad = PinPad(setup.pins, setup.ui_text, setup.lang)
        self.volunteer_button = self.pin_pad.add_alternative(
            setup.ui_text.get(setup.lang, "organiser.pin.volunteer")
        )
        self.volunteer_pad = PinPad(setup.pins, setup.ui_text, setup.lang, role=PinRole.VOLUNTEER)
        # Volunteers also record voices: their PIN then opens "Record voices" (only that page).
        self.volunteer_voices_button = self.volunteer_pad.add_alternative(
            setup.ui_text.get(setup.lang, "organiser.pin.volunteer_voices")
        )
        self.voices_by_volunteer = False
        # The organiser sets (or changes) the volunteers' PIN from the dashboard.
        self.volunteer_pin_setter = PinPad(setup.pins, setup.ui_text, setup.lang, role=PinRole.VOLUNTEER)
        self.dashboard = OrganiserDashboard(
            setup.database,
            setup.ui_text,
            setup.lang,
            titles=setup.titles,
            today=setup.local_today,
            offset=setup.offset,
            result_words=setup.result_words,
            point_name=setup.point_name,
            step_titles=setup.step_titles,
        )
        self.export_panel = ExportPanel(
            setup.ui_text,
            setup.lang,
            source=setup.export_source,
            database_path=setup.database_path,
            offset=setup.offset,
            extra_folders=setup.extra_folders,
            today=setup.local_today,
        )
        self.content_panel = ContentPanel(
            setup.ui_text,
            setup.lang,
            extra_folders=setup.extra_folders,
            content_root=setup.content_root,
            bundled=setup.bundled_packs,
            trust_file=setup.trust_file,
        )
        self.trust_page = TrustPage(
            setup.ui_text, setup.lang, extra_folders=setup.extra_folders, trust_file=setup.trust_file
        )
        self.point_page = PointPage(setup.ui_text, setup.lang, settings_file=setup.settings_file)
        self.voices_page = VoicesPage(setup.ui_text, setup.lang, settings_file=setup.settings_file)
        # While the PIN pad is up to leave kiosk mode: what to call on the right PIN, and the page before.
        self._on_leave: Callable[[], None] | None = None
        self._page_before_leave: QWidget | None = None
        self.stack = QStackedWidget()
        pages = (
            self.pin_pad,
            self.volunteer_pad,
            self.dashboard,
            self.export_panel,
            self.content_panel,
            self.trust_page,
            self.volunteer_pin_setter,
            self.point_page,
            self.voices_page,
        )
        for page in pages:
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.pin_pad.accepted.connect(self._on_pin_accepted)
        self.pin_pad.cancelled.connect(self._on_pin_cancelled)
        self.volunteer_button.clicked.connect(self._on_volunteer_clicked)
        self.volunteer_pad.accepted.connect(self._on_volunteer_pin_accepted)
        self.volunteer_pad.cancelled.connect(self.close_screen)
        self.dashboard.volunteer_pin_requested.connect(self._on_volunteer_pin_requested)
        self.volunteer_pin_setter.accepted.connect(self._on_volunteer_pin_saved)
        self.volunteer_pin_setter.cancelled.connect(self._on_volunteer_pin_set)
        self.dashboard.export_requested.connect(self._on_export_requested)
        self.dashboard.close_requested.connect(self.close_screen)
        self.export_panel.back_requested.connect(self._on_export_back_requested)
        self.dashboard.content_requested.connect(self._on_content_requested)
        self.content_panel.back_requested.connect(self._on_export_back_requested)
        self.content_panel.restart_requested.connect(self._on_restart_requested)
        self.content_panel.keys_requested.connect(self._on_keys_requested)
        self.trust_page.back_requested.connect(self._on_content_requested)
        self.dashboard.point_requested.connect(self._on_point_requested)
        self.point_page.back_requested.connect(self._on_export_back_requested)
        self.point_page.saved.connect(self.dashboard.show_point)
        self.dashboard.voices_requested.connect(self._on_voices_requested)
        self.voices_page.back_requested.connect(self._on_voices_back)
        self.volunteer_voices_button.clicked.connect(self._on_volunteer_voices_clicked)

    @property
    def page(self) -> QWidget | None:
        return self.stack.currentWidget()

    @property
    def busy(self) -> bool:
        """An export, a content update or its restart is under way: the screen stays open."""
        return self.export_panel.running or self.content_panel.busy

    def open(self) -> None:
        """Ask for the PIN (or for a first PIN); nothing else is reachable before it."""
        if self.isVisible():
            return
        self.stack.setCurrentWidget(self.pin_pad)
        pins = self.setup.pins
        self.volunteer_button.setVisible(pins.is_set(PinRole.ORGANISER) and pins.is_set(PinRole.VOLUNTEER))
        super().open()
        self.pin_pad.start()

    def close_screen(self) -> None:
        if self.busy:
            return
        self._hide()
        self.closed.emit()

    def ask_to_leave(self, on_accepted: Callable[[], None]) -> None:
        """The organiser's PIN pad, to leave kiosk mode: ``on_accepted`` is called on the right PIN.

        With no organiser PIN yet, the pad asks for one to be set first (as organiser mode
        does); that PIN then lets the operator out. Wrong tries count towards the same wait.
        """
        if self.busy or self.pin_pad.checking:
            log.info("leaving kiosk mode is not offered now: an update, an export or a PIN check runs")
            return
        if self._on_leave is not None:
            # The keys again while the pad is up for them: the page to go back to stays the same.
            self._on_leave = on_accepted
            return
        self._page_before_leave = self.page if self.isVisible() else None
        self._on_leave = on_accepted
        self.stack.setCurrentWidget(self.pin_pad)
        self.volunteer_button.hide()
        pins, text = self.setup.pins, self.setup.ui_text
        purpose = "organiser.pin.leave" if pins.is_set(PinRole.ORGANISER) else "organiser.pin.leave_set"
        self.pin_pad.set_purpose(text.get(self.setup.lang, purpose))
        # Shown over the window as any overlay opens (``open`` above is organiser mode's own way in).
        super().open()
        self.pin_pad.start()

    @property
    def leaving(self) -> bool:
        """The PIN pad is up to leave kiosk mode."""
        return self._on_leave is not None

    def _hide(self) -> None:
        self._end_leaving()
        self.voices_by_volunteer = False
        self.hide()
        self.stack.setCurrentWidget(self.pin_pad)

    def _end_leaving(self) -> None:
        self._on_leave = None
        self._page_before_leave = None
        self.pin_pad.set_purpose("")

    def _on_pin_accepted(self) -> None:
        leave = self._on_leave
        if leave is not None:
            self._end_leaving()
            leave()
            return
        self.stack.setCurrentWidget(self.dashboard)
        self.dashboard.show_wrong_tries(self.setup.pins.wrong_tries_before_login(PinRole.ORGANISER))
        self.dashboard.say_saved("")
        # Each login starts at this month.
        self.dashboard.show_month(None)

    def _on_pin_cancelled(self) -> None:
        if self._on_leave is None:
            self.close_screen()
            return
        before = self._page_before_leave
        if before is None:
            # Asked for over a visit (or the start screen): it goes on as it was.
            self._hide()
        elif before in (self.pin_pad, self.volunteer_pad):
            self.close_screen()
        else:
            self._end_leaving()
            self.stack.setCurrentWidget(before)

    def _on_volunteer_clicked(self) -> None:
        self.voices_by_volunteer = False
        self.volunteer_voices_button.show()
        self.volunteer_pad.set_purpose("")
        self.stack.setCurrentWidget(self.volunteer_pad)
        self.volunteer_pad.start()

    def _on_volunteer_voices_clicked(self) -> None:
        self.voices_by_volunteer = True
        self.volunteer_voices_button.hide()
        text = self.setup.ui_text
        self.volunteer_pad.set_purpose(text.get(self.setup.lang, "organiser.pin.volunteer_voices_purpose"))

    def _on_voices_back(self) -> None:
        if self.voices_by_volunteer:
            # A volunteer came for the voices only: the organiser's dashboard is not theirs.
            self.close_screen()
            return
        self._on_export_back_requested()

    def _on_volunteer_pin_accepted(self) -> None:
        if self.voices_by_volunteer:
            self.stack.setCurrentWidget(self.voices_page)
            self.voices_page.start()
            return
        self.hide()
        self.stack.setCurrentWidget(self.pin_pad)
        self.volunteer_accepted.emit()

    def _on_volunteer_pin_requested(self) -> None:
        self.stack.setCurrentWidget(self.volunteer_pin_setter)
        self.volunteer_pin_setter.start(change=True)

    def _on_volunteer_pin_saved(self) -> None:
        self._on_volunteer_pin_set()
        # Said in words: the pad closes on its own and nothing else would show the PIN was kept.
        self.dashboard.say_saved(
            self.setup.ui_text.get(self.setup.lang, "organiser.dashboard.volunteer_pin_saved")
        )

    def _on_volunteer_pin_set(self) -> None:
        self.dashboard.say_saved("")
        self.stack.setCurrentWidget(self.dashboard)
        self.dashboard.refresh()

    def _on_export_requested(self) -> None:
        self.dashboard.say_saved("")
        self.stack.setCurrentWidget(self.export_panel)
        self.export_panel.start()

    def _on_content_requested(self) -> None:
        self.stack.setCurrentWidget(self.content_panel)
        self.content_panel.start()

    def _on_point_requested(self) -> None:
        self.dashboard.say_saved("")
        self.stack.setCurrentWidget(self.point_page)
        self.point_page.start()

    def _on_voices_requested(self) -> None:
        self.dashboard.say_saved("")
        self.stack.setCurrentWidget(self.voices_page)
        self.voices_page.start()

    def _on_keys_requested(self) -> None:
        self.stack.setCurrentWidget(self.trust_page)
        self.trust_page.start()

    def _on_restart_requested(self) -> None:
        self._hide()
        self.closed.emit()
        self.restart_requested.emit()

    def _on_export_back_requested(self) -> None:
        self.stack.setCurrentWidget(self.dashboard)
        self.dashboard.refresh()
