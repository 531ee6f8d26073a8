"""Organiser mode in tests: a cheap PIN store, a kiosk-styled host window, a filled database.

Imported by UI tests only (it imports PySide6).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.pins import PinStore, ScryptCost
from kiosk.stats import Database, EndReason, open_database
from kiosk.visit.session import TextSize
from tests.helpers.clock import FakeClock
from tests.helpers.qt import SCREEN_SIZE, show_alone, ui_text
from tests.helpers.stats import SOURCE, VIETNAM, PlannedVisit, fill
from ui.look import theme
from ui.look.style import stylesheet
from ui.organiser.screen import OrganiserScreen, OrganiserSetup
from ui.runtime.qt_setup import load_fonts

# Cheap enough for tests; the real cost is kiosk.pins.OWASP_COST.
TEST_COST = ScryptCost(n=2**4, r=8, p=1)
TODAY = date(2026, 11, 24)
TITLES = {"vneid-install": "Cài ứng dụng VNeID an toàn", "scam-drill": "Nhận biết tin nhắn lừa đảo"}


def pin_store(folder: Path, clock: FakeClock) -> PinStore:
    return PinStore(folder / "pins.json", clock=clock, cost=TEST_COST)


def host_window(qtbot: QtBot) -> QWidget:
    """A stand-in for the kiosk window: its size, its name and its style sheet."""
    load_fonts()
    window = QWidget()
    window.setObjectName("MainWindow")
    window.setStyleSheet(stylesheet(theme.look_for(TextSize.NORMAL, False, theme.FALLBACK_DPI)))
    show_alone(qtbot, window, *SCREEN_SIZE)
    return window


@contextmanager
def organiser_screen(
    qtbot: QtBot,
    tmp_path: Path,
    pins: PinStore,
    database_path: Path,
    *,
    lang: str = "vi",
    extra_folders: tuple[Path, ...] = (),
) -> Iterator[tuple[QWidget, OrganiserScreen]]:
    database: Database = open_database(database_path)
    setup = OrganiserSetup(
        pins=pins,
        database=database,
        database_path=database_path,
        ui_text=ui_text(),
        lang=lang,
        titles=TITLES,
        offset=VIETNAM,
        export_source=lambda: SOURCE,
        today=lambda: TODAY,
        extra_folders=extra_folders,
    )
    window = host_window(qtbot)
    screen = OrganiserScreen(setup, window)
    try:
        yield window, screen
    finally:
        database.close()


def at(day: date, hour: int = 3) -> datetime:
    """A UTC moment on the local ``day`` in Vietnam (10:00 local at the default hour)."""
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def days_before(days: int) -> date:
    return TODAY - timedelta(days=days)


# Today: 3 visits (2 in Vietnamese, 1 in English), 2 tutorials completed, 1 handout;
# 3 days ago: 2 more; 20 days ago (this month, not the last 7 days): 1 more.
PLANS = [
    (at(TODAY), PlannedVisit(handout=True)),
    (at(TODAY, 4), PlannedVisit(language="en", tutorial="scam-drill", completed=False)),
    (at(TODAY, 5), PlannedVisit(qr=True)),
    (at(days_before(3)), PlannedVisit()),
    (at(days_before(3), 6), PlannedVisit(tutorial=None, end=EndReason.IDLE)),
    (at(days_before(20)), PlannedVisit(handout=True)),
]


def filled_database(path: Path) -> Path:
    """A statistics database with ``PLANS`` recorded through the real ``VisitRecorder``."""
    fill(path, PLANS)
    return path
