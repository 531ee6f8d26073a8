"""The organiser's "This point" page: typed on its keyboard, saved in the settings, in the next export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.export import ExportJob, ExportSource
from kiosk.export.identity import kiosk_id
from kiosk.export.kiosk_key import load_or_create
from kiosk.system import paths
from kiosk.system import settings as settings_store
from tests.helpers.clock import FakeClock
from tests.helpers.organiser import filled_database, host_window, organiser_screen, pin_store
from tests.helpers.qt import qasync_loop, settle, ui_text
from tests.helpers.stats import VIETNAM, PlannedVisit, fill
from ui.organiser.point_page import PointPage, with_mark

# The host windows of the pages open now (a host dropped by Python would delete its page).
HOSTS: list[QWidget] = []


@pytest.fixture(autouse=True)
def _hosts() -> Iterator[None]:
    yield
    HOSTS.clear()


def open_page(qtbot: QtBot, lang: str = "en") -> PointPage:
    window = host_window(qtbot)
    HOSTS.append(window)
    page = PointPage(ui_text(), lang, parent=window)
    page.setGeometry(window.rect())
    page.show()
    with qtbot.waitSignal(page.identity_shown, timeout=10_000):
        page.start()
    return page


def tap(page: PointPage, *keys: str) -> None:
    for key in keys:
        QTest.mouseClick(page.keys[key], Qt.MouseButton.LeftButton)
    settle()


@pytest.mark.parametrize(
    ("typed", "mark", "shown"),
    [
        ("Ba", "\u0306", "Bă"),
        ("Băc", "\u0301", "Bắc"),
        ("H", "\u0300", "H"),
        ("Ha", "\u0300", "Hà"),
        ("Hà", "\u0300", "Ha"),
        ("Thuy", "\u031b", "Thuy"),
        ("Tu", "\u031b", "Tư"),
        ("Tư", "\u031b", "Tu"),
        ("Lao", "\u0302", "Laô"),
        ("Lâ", "\u0302", "La"),
        ("Lâ", "\u0306", "Lă"),
        ("Ắ", "\u0309", "Ẳ"),
        ("", "\u0301", ""),
    ],
)
def test_a_mark_goes_on_the_vowel_just_typed(typed: str, mark: str, shown: str) -> None:
    assert with_mark(typed, mark) == shown


def test_the_page_shows_the_kiosk_id_and_key_and_saves_the_point(qtbot: QtBot, tmp_path: Path) -> None:
    with qasync_loop():
        page = open_page(qtbot)
        key = load_or_create()
        assert page.identity.text() == (
            f"Kiosk id: {kiosk_id()}\nKey fingerprint (for the district office): {key.fingerprint}"
        )
        # The settings as saved now: the default name, no commune or province yet.
        assert page.values() == {
            "point_name": settings_store.Settings().point_name,
            "commune": "",
            "province": "",
        }
        page.fields["point_name"].clear()
        page.fields["point_name"].setFocus()
        # On the page's own keyboard: "Chợ Bắc Hà".
        tap(page, "shift", "c", "h", "o", "mark-ơ", "mark-ạ", "space")
        tap(page, "shift", "b", "a", "c", "mark-ă", "mark-á", "space", "shift", "h", "a", "mark-à")
        assert page.fields["point_name"].text() == "Chợ Bắc Hà"
        page.fields["commune"].setText("Bắc Hà")
        page.fields["province"].setText("  Lào Cai ")
        saved: list[str] = []
        page.saved.connect(saved.append)
        with qtbot.waitSignal(page.saved, timeout=10_000):
            QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert saved == ["Chợ Bắc Hà"]
    assert page.message.isVisible()
    assert page.message.text() == (
        "Saved. The next export names this point: Chợ Bắc Hà, commune Bắc Hà, province Lào Cai."
    )
    stored = settings_store.load(paths.settings_file())
    assert (stored.point_name, stored.commune, stored.province) == ("Chợ Bắc Hà", "Bắc Hà", "Lào Cai")

    # The next export (the kiosk's own way: the settings read when it runs) carries them, signed.
    database = tmp_path / "stats.sqlite3"
    fill(database, [(datetime(2026, 11, 20, 2, 37, tzinfo=UTC), PlannedVisit())])
    stick = tmp_path / "stick"
    stick.mkdir()
    result = ExportJob(
        stick,
        ExportSource.for_this_kiosk(tutorial_titles={}),
        database_path=database,
        offset=VIETNAM,
        clock=lambda: datetime(2026, 11, 24, 3, 0, tzinfo=UTC),
    ).run()
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["point_name"], manifest["commune"], manifest["province"]) == (
        "Chợ Bắc Hà",
        "Bắc Hà",
        "Lào Cai",
    )
    assert manifest["kiosk_key"]["fingerprint"] == key.fingerprint


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("point_name", "   ", "Point's name must not be empty: type the point's name."),
        (
            "commune",
            "x" * 101,
            "Commune or ward is too long: at most 100 characters (it has 101). Shorten it.",
        ),
        (
            "province",
            "Lào\x07Cai",
            "Province or city holds a character that cannot be shown (a control character, from a "
            "paste?). Delete the line and type it again.",
        ),
    ],
)
def test_bad_lines_are_told_and_nothing_is_saved(qtbot: QtBot, field: str, value: str, message: str) -> None:
    with qasync_loop():
        page = open_page(qtbot)
        page.fields[field].setText(value)
        QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        settle()
    assert page.message.isVisible() and page.message.text() == message
    assert page.message.property("role") == "wrong"
    assert not paths.settings_file().exists()


def test_the_page_speaks_vietnamese(qtbot: QtBot) -> None:
    with qasync_loop():
        page = open_page(qtbot, "vi")
        page.fields["commune"].setText("x" * 120)
        QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        settle()
    assert page.title.text() == "Điểm này"
    assert page.identity.text().startswith(f"Mã máy: {kiosk_id()}\n")
    assert page.message.text() == "Xã/phường quá dài: tối đa 100 ký tự (hiện có 120). Hãy rút ngắn."


def test_the_dashboard_opens_the_page_and_shows_the_name_saved(qtbot: QtBot, tmp_path: Path) -> None:
    database = filled_database(tmp_path / "stats.sqlite3")
    pins = pin_store(tmp_path, FakeClock())
    with qasync_loop(), organiser_screen(qtbot, tmp_path, pins, database, lang="vi") as (_, screen):
        screen.open()
        screen.stack.setCurrentWidget(screen.dashboard)
        assert screen.dashboard.point_button.text() == "Điểm này"
        with qtbot.waitSignal(screen.point_page.identity_shown, timeout=10_000):
            QTest.mouseClick(screen.dashboard.point_button, Qt.MouseButton.LeftButton)
        assert screen.stack.currentWidget() is screen.point_page
        screen.point_page.fields["point_name"].setText("Nhà văn hoá thôn 2")
        with qtbot.waitSignal(screen.point_page.saved, timeout=10_000):
            QTest.mouseClick(screen.point_page.save_button, Qt.MouseButton.LeftButton)
        QTest.mouseClick(screen.point_page.back_button, Qt.MouseButton.LeftButton)
        assert screen.stack.currentWidget() is screen.dashboard
        assert screen.dashboard.title.text() == ui_text().get(
            "vi", "organiser.dashboard.title_point", point="Nhà văn hoá thôn 2"
        )
