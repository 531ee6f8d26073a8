"""An organiser updates the content from a stick, in the real kiosk window, and the kiosk restarts.

Everything is the real thing: the window in kiosk mode, organiser mode behind its PIN, the
dashboard's "Update content", the install from a folder standing in for a stick (verified,
checked, switched), and the exit that makes the service manager start the kiosk again.
``QApplication.exit`` is replaced by a recorder so the test application keeps running.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.content.install import describe_packs
from kiosk.content.installed import packs_dir
from kiosk.pins import PinRole, PinStore
from kiosk.stats.models import Visit
from tests.helpers.content_packs import BUNDLED_VERSION, GOOD_PACK_ID, bundled_content, stick_pack
from tests.helpers.organiser import TEST_COST
from tests.helpers.qt import Kiosk, open_kiosk, qasync_loop, settle
from ui.organiser.access import RESTART_EXIT_CODE
from ui.organiser.screen import OrganiserScreen
from ui.shell.window import Screen

NEW_VERSION = "2026.12.01"
ORGANISER_PIN = "582914"
WAIT_MS = 60_000


@pytest.fixture(autouse=True)
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = bundled_content(tmp_path / "bundle-content")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(folder))
    return folder


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: calls.append(code))
    return calls


def shown_versions() -> dict[str, str]:
    return dict(describe_packs(packs_dir()))


def visits_of(kiosk: Kiosk) -> list[Visit]:
    statistics = kiosk.window.statistics
    assert statistics is not None
    recorder, database = statistics.recorder(), statistics.database()
    assert recorder is not None and database is not None
    assert recorder.flush(30)
    with database.reading() as session:
        return list(session.scalars(select(Visit).order_by(Visit.id)))


def organiser_comes_in(kiosk: Kiosk) -> OrganiserScreen:
    window = kiosk.window
    QTest.keyClick(
        window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert window.organiser is not None
    screen = window.organiser.screen
    with kiosk.qtbot.waitSignal(screen.dashboard.figures_shown, timeout=WAIT_MS):
        for digit in ORGANISER_PIN:
            kiosk.tap(screen.pin_pad.digit_buttons[digit])
        kiosk.tap(screen.pin_pad.ok_button)
    return screen


def test_an_update_from_a_stick_is_installed_and_the_kiosk_restarts_without_losing_the_visit(
    qtbot: QtBot, tmp_path: Path, bundled: Path, exits: list[int]
) -> None:
    PinStore(cost=TEST_COST).set_pin(PinRole.ORGANISER, ORGANISER_PIN)
    stick = tmp_path / "KIOSK-USB"
    stick_pack(stick, version=NEW_VERSION)
    kiosk = open_kiosk(qtbot, tmp_path, kiosk_mode=True)
    window = kiosk.window
    # A visitor had begun (the organiser's long press can come at any moment).
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["vi"])

    screen = organiser_comes_in(kiosk)
    panel = screen.content_panel
    # Opening the page looks at the sticks in the background, as "Refresh" does.
    with qtbot.waitSignal(panel.listed, timeout=WAIT_MS):
        kiosk.tap(screen.dashboard.content_button)
    assert screen.page is panel
    panel.extra_folders = (stick,)
    with qtbot.waitSignal(panel.listed, timeout=WAIT_MS):
        kiosk.tap(panel.refresh_button)
    [pack] = panel.group.buttons()
    assert pack.text().startswith(f"{GOOD_PACK_ID} — phiên bản {NEW_VERSION}")
    assert pack.text().splitlines()[0].endswith(f"(đang dùng: {BUNDLED_VERSION})")
    assert pack.text().splitlines()[1].startswith("Người ký: test content team")
    panel.restart_after_s = 2

    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        kiosk.tap(panel.install_button)

    assert shown_versions() == {GOOD_PACK_ID: NEW_VERSION}
    assert panel.status.text() == (
        f"Đã cài {GOOD_PACK_ID} phiên bản {NEW_VERSION} (thay cho phiên bản {BUNDLED_VERSION}).\n"
        "Máy sẽ khởi động lại sau 2 giây để hiện nội dung mới."
    )
    # Waiting for the restart, organiser mode is neither closed by idling nor by "Close".
    kiosk.wait_idle(window.idle_watcher.timeout_s + window.idle_watcher.answer_s + 2)
    assert screen.isVisible() and screen.page is panel
    assert exits == []

    qtbot.waitUntil(lambda: exits == [RESTART_EXIT_CODE], timeout=5000)
    settle()
    # The screen closed and the visit under it was ended, so it is recorded before the kiosk quits.
    assert not screen.isVisible()
    assert kiosk.screen() is Screen.START and window.session.is_pristine
    [visit] = visits_of(kiosk)
    assert visit.ended_at is not None and visit.end_reason is not None


def test_a_refused_update_leaves_the_kiosk_running_with_the_old_content(
    qtbot: QtBot, tmp_path: Path, bundled: Path, exits: list[int]
) -> None:
    PinStore(cost=TEST_COST).set_pin(PinRole.ORGANISER, ORGANISER_PIN)
    stick = tmp_path / "KIOSK-USB"
    pack = stick_pack(stick, version=NEW_VERSION)
    (pack / "pack.yaml").write_text("damaged on the stick\n", encoding="utf-8")
    kiosk = open_kiosk(qtbot, tmp_path, kiosk_mode=True)
    screen = organiser_comes_in(kiosk)
    panel = screen.content_panel
    with qtbot.waitSignal(panel.listed, timeout=WAIT_MS):
        kiosk.tap(screen.dashboard.content_button)
    panel.extra_folders = (stick,)
    with qtbot.waitSignal(panel.listed, timeout=WAIT_MS):
        kiosk.tap(panel.refresh_button)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as finished:
        kiosk.tap(panel.install_button)
    assert finished.args[0] is None
    assert panel.status.text().startswith("Chưa cài đặt. Nội dung trên máy vẫn giữ nguyên như cũ. Lý do: ")
    assert "manifest.json" in panel.status.text()
    assert shown_versions() == {GOOD_PACK_ID: BUNDLED_VERSION}
    kiosk.tap(panel.back_button)
    assert screen.page is screen.dashboard
    kiosk.tap(screen.dashboard.close_button)
    assert not screen.isVisible() and exits == []
