"""The kiosk window's way into organiser mode: the hidden entry, and the screen built on first use.

A visitor never needs organiser mode, so nothing of it (the dashboard, the chart, the export
with SQLAlchemy behind them) is loaded until the organiser asks for it with the long press or
the key chord (``ui.organiser.entry``). Its setup is then made from what the window holds:
the statistics opened in the background (``kiosk.stats.service``), the PIN store, the
catalogue's titles in the kiosk's own language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.content.model import Catalogue
from kiosk.i18n import UiText
from kiosk.languages import REFERENCE_LANGUAGE
from kiosk.stats.service import Statistics
from kiosk.system.settings import Settings
from ui.organiser.entry import OrganiserEntry

if TYPE_CHECKING:
    from ui.organiser.screen import OrganiserScreen, OrganiserSetup

log = logging.getLogger(__name__)

# The exit status after a content update: the service manager starts the kiosk again (the systemd
# unit restarts it whatever the status; 75 is EX_TEMPFAIL, "try again", to tell it in the log).
RESTART_EXIT_CODE = 75


def kiosk_setup(
    statistics: Statistics, settings: Settings, catalogue: Catalogue, ui_text: UiText
) -> OrganiserSetup:
    """Organiser mode as the kiosk runs it: the data dir's PINs and database, the local time zone."""
    from kiosk.export import ExportSource
    from kiosk.pins import PinStore
    from kiosk.stats.periods import local_offset
    from ui.organiser.screen import OrganiserSetup

    lang = (
        settings.default_language if settings.default_language in ui_text.languages() else REFERENCE_LANGUAGE
    )
    titles = {tutorial.id: tutorial.text(lang).title for tutorial in catalogue.tutorials}
    return OrganiserSetup(
        pins=PinStore(),
        database=statistics.database(),
        database_path=statistics.path,
        ui_text=ui_text,
        lang=lang,
        titles=titles,
        offset=local_offset(),
        export_source=lambda: ExportSource.for_this_kiosk(catalogue=catalogue),
        result_words=result_words(catalogue, lang),
        point_name=settings.point_name,
        step_titles={
            (t.id, step.id): t.step_text(lang, step).title
            for t in catalogue.tutorials
            for step in t.steps
            if step.practice is not None
        },
    )


def result_words(catalogue: Catalogue, lang: str) -> dict[tuple[str, str], str]:
    """The words of every outcome and "could not finish" reason, for the dashboard."""
    words = {
        (t.id, outcome): t.outcome_text(lang, outcome) for t in catalogue.tutorials for outcome in t.outcomes
    }
    words.update({("", reason.id): reason.title(lang) for reason in catalogue.reasons})
    return words


class OrganiserAccess(QObject):
    # The organiser closed the screen (the window goes back to its start screen).
    closed = Signal()
    # A volunteer's PIN was accepted (the window starts choosing a guided session).
    volunteer_accepted = Signal()

    def __init__(self, window: QWidget, make_setup: Callable[[], OrganiserSetup]) -> None:
        super().__init__(window)
        self._window = window
        self._make_setup = make_setup
        self._screen: OrganiserScreen | None = None
        self.entry = OrganiserEntry(window, self.open)

    @property
    def screen(self) -> OrganiserScreen:
        """The organiser screen, built now if it was never opened."""
        if self._screen is None:
            from ui.organiser.screen import OrganiserScreen

            self._screen = OrganiserScreen(self._make_setup(), self._window)
            self._screen.closed.connect(self.closed)
            self._screen.volunteer_accepted.connect(self.volunteer_accepted)
            self._screen.restart_requested.connect(self._on_restart_requested)
        return self._screen

    @property
    def is_open(self) -> bool:
        return self._screen is not None and self._screen.isVisible()

    @property
    def exporting(self) -> bool:
        """An export or a content update runs (or its restart is due): never cut short by idling."""
        return self._screen is not None and self._screen.busy

    def open(self) -> None:
        self.screen.open()

    def close(self) -> None:
        """Close the screen (idle, or the visit ended); an export in progress keeps it open."""
        if self.is_open:
            assert self._screen is not None
            self._screen.close_screen()

    def ask_to_leave(self, on_accepted: Callable[[], None]) -> None:
        """Leaving kiosk mode (``ui.shell.lockdown``): ``on_accepted`` only after the organiser's PIN."""
        self.screen.ask_to_leave(on_accepted)

    def _on_restart_requested(self) -> None:
        # The screen has closed and the window has ended any visit; ``ui.app.run`` commits the rest.
        log.warning("content changed: the kiosk quits with status %d to be started again", RESTART_EXIT_CODE)
        QApplication.exit(RESTART_EXIT_CODE)

    def remove(self) -> None:
        self.entry.stop()
