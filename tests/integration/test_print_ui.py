"""The visitor taps Print on the real window, and a real CUPS queue prints the handout.

No doubles here: the shipped tutorials, the settings' printer, ``ui.runtime.worker``'s thread, the
CUPS print service, and a cups-pdf queue whose output is read back. The scheduler fixture
(tests/helpers/cups.py) skips only where CUPS is not installed; in CI nothing skips.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue
from kiosk.printing.cups import PrintStatus
from kiosk.printing.state import PrintPhase
from kiosk.system.settings import Settings
from tests.helpers import cups
from tests.helpers.cups import QUICK_S, printed_pdf, qr_texts
from tests.helpers.qt import Kiosk, decode_qr, open_kiosk, qasync_loop, ui_text
from ui.shell.window import Screen

QUEUE = "KioskTestUiPDF"
TUTORIAL = "vneid-activate"
# A cold scheduler converting a multi-page PDF can take a while; the UI must simply wait.
PRINT_WAIT_MS = 90_000


@pytest.fixture(scope="module")
def scheduler() -> Iterator[None]:
    with cups.running_scheduler():
        yield


@pytest.fixture(scope="module")
def pdf_queue(scheduler: None) -> Iterator[str]:
    with cups.pdf_queue(QUEUE) as name:
        yield name


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue(packs_dir(), ui_languages=ui_text().languages())


@pytest.fixture(autouse=True)
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop(finish_within_s=150):
        yield


def _finish_screen_of(kiosk: Kiosk, tutorial_id: str, lang: str) -> None:
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles[lang])
    tutorial = window._catalogue.tutorial(tutorial_id)
    kiosk.tap(window.catalogue_screen.tabs[tutorial.category])
    kiosk.tap(window.catalogue_screen.tiles[tutorial_id])
    for _ in tutorial.steps:
        kiosk.tap(window.player_screen.next_button)
    assert kiosk.screen() is Screen.FINISH


@pytest.mark.timeout(180)
def test_tapping_print_on_the_finish_screen_prints_the_handout_on_the_cups_queue(
    qtbot: QtBot, tmp_path: Path, pdf_queue: str, shipped: Catalogue
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped, settings=Settings(printer=pdf_queue))
    _finish_screen_of(kiosk, TUTORIAL, "vi")
    finish = kiosk.window.finish_screen

    kiosk.tap(finish.print_button)
    assert finish.print_button.text() == kiosk.text("print.printing")
    qtbot.waitUntil(finish.print_panel.isVisible, timeout=PRINT_WAIT_MS)
    assert finish.print_panel.message_label.text() == "Mời bạn lấy tờ hướng dẫn ở máy in."

    result = kiosk.window.handout_printer.last_result
    assert result is not None and result.status is PrintStatus.OK, result
    assert result.printer == pdf_queue
    printed = printed_pdf(result.job_id)
    url = shipped.tutorial(TUTORIAL).qr_url
    assert qr_texts(printed, 150) == [url]


@pytest.mark.timeout(120)
def test_a_stopped_queue_shows_the_calm_message_and_the_qr_code_at_once(
    qtbot: QtBot, tmp_path: Path, pdf_queue: str, shipped: Catalogue, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped, settings=Settings(printer=pdf_queue))
    _finish_screen_of(kiosk, TUTORIAL, "en")
    finish = kiosk.window.finish_screen

    with cups.stopped(pdf_queue, "Paper out (test)"), caplog.at_level(logging.WARNING):
        start = time.monotonic()
        kiosk.tap(finish.print_button)
        qtbot.waitUntil(finish.print_panel.isVisible, timeout=round(QUICK_S * 1000))
        elapsed = time.monotonic() - start
    assert elapsed < QUICK_S
    panel = finish.print_panel
    assert kiosk.window.handout_printer.state.phase is PrintPhase.FAILED
    # A queue stopped by hand (cupsdisable): the printer is off as far as the visitor can tell.
    assert panel.message_label.text() == "The printer is switched off or cannot be reached."
    assert panel.detail_label.text() == "You can ask the volunteer for a printed sheet."
    url = shipped.tutorial(TUTORIAL).qr_url
    assert decode_qr(panel.qr_view) == [url]
    # The organiser's log has CUPS's own words; the visitor never sees them.
    assert "Paper out (test)" in caplog.text
    assert "Paper out" not in panel.detail_label.text()
    assert cups.run("lpstat", "-o", pdf_queue, check=False).stdout.strip() == ""


@pytest.mark.timeout(120)
def test_a_printer_that_does_not_exist_shows_the_qr_code(
    qtbot: QtBot, tmp_path: Path, scheduler: None, shipped: Catalogue
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped, settings=Settings(printer="KioskNoSuchPrinter"))
    _finish_screen_of(kiosk, TUTORIAL, "vi")
    finish = kiosk.window.finish_screen
    kiosk.tap(finish.print_button)
    qtbot.waitUntil(finish.print_panel.isVisible, timeout=round(QUICK_S * 1000))
    assert finish.print_panel.message_label.text() == "Ở đây không có máy in."
    assert decode_qr(finish.print_panel.qr_view) == [shipped.tutorial(TUTORIAL).qr_url]
