"""A visitor prints the handout from the finish screen or the topics, or gets the QR instead.

The printer here is a double (tests/helpers/printing.py) so the state machine can be held
mid-print; tests/integration/test_print_ui.py taps the same buttons against real CUPS.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.printing.state import PrintPhase
from kiosk.system.settings import Settings
from tests.helpers.catalogue import QR_URL, SCAM_QR_URL
from tests.helpers.printing import QUEUE_STOPPED, BrokenPrinter, RecordingPrinter
from tests.helpers.qt import Kiosk, decode_qr, open_kiosk, qasync_loop, settle
from ui.look import theme
from ui.runtime import worker
from ui.shell.window import Screen
from ui.widgets.common import BigButton

WAIT_MS = 20_000
TITLES = {"vi": "Cài ứng dụng VNeID an toàn", "en": "Install the VNeID app safely"}


@pytest.fixture(autouse=True)
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


def _at_finish(kiosk: Kiosk, lang: str, tutorial_id: str = "vneid-install") -> None:
    window = kiosk.window
    window.session.choose_language(lang)
    tutorial = window.current_tutorial() or window._catalogue.tutorial(tutorial_id)
    window.open_tutorial(tutorial.id, len(tutorial.steps) - 1)
    kiosk.tap(window.player_screen.next_button)
    assert kiosk.screen() is Screen.FINISH


def _at_catalogue(kiosk: Kiosk, lang: str, category: str = "vneid") -> None:
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles[lang])
    kiosk.tap(window.catalogue_screen.tabs[category])


def _pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_bounded() for page in document)


def _assert_big_enough(button: BigButton, kiosk: Kiosk) -> None:
    floor = theme.min_target_px(kiosk.window.screen().physicalDotsPerInch())
    assert button.width() >= floor and button.height() >= floor, (button.width(), button.height())
    assert floor >= theme.MIN_TARGET_PX


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_print_button_is_on_the_finish_screen_and_beside_every_tile(
    qtbot: QtBot, tmp_path: Path, lang: str
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    _at_catalogue(kiosk, lang)
    catalogue = kiosk.window.catalogue_screen
    for category in catalogue.tabs:
        kiosk.tap(catalogue.tabs[category])
        assert set(catalogue.print_buttons) == set(catalogue.tiles)
        for tutorial_id, button in catalogue.print_buttons.items():
            title = catalogue.tiles[tutorial_id].text()
            assert button.isVisible() and button.isEnabled()
            assert button.text() == kiosk.text("print.short")
            # Heard through a screen reader, each button says which handout it prints.
            assert button.accessibleName() == kiosk.text("print.button_for", title=title)
            assert title in button.accessibleName()
            _assert_big_enough(button, kiosk)

    kiosk.window.return_to_start()
    _at_finish(kiosk, lang)
    finish = kiosk.window.finish_screen
    assert finish.print_button.isVisible() and finish.print_button.isEnabled()
    assert finish.print_button.text() == kiosk.text("print.button")
    assert finish.print_button.accessibleName() == kiosk.text("print.button")
    _assert_big_enough(finish.print_button, kiosk)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_printing_from_the_finish_screen(qtbot: QtBot, tmp_path: Path, lang: str) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    printer = RecordingPrinter(hold=True)
    kiosk.window.handout_printer.use_service(printer)
    _at_finish(kiosk, lang)
    finish = kiosk.window.finish_screen

    kiosk.tap(finish.print_button)
    # While it prints: a calm word on the button, which cannot be pressed again.
    assert finish.print_button.text() == kiosk.text("print.printing")
    assert not finish.print_button.isEnabled()
    assert not finish.print_panel.isVisible()
    assert printer.wait_started()
    printer.release()
    qtbot.waitUntil(finish.print_panel.isVisible, timeout=WAIT_MS)

    panel = finish.print_panel
    assert panel.message_label.text() == kiosk.text("print.done")
    assert panel.title_label.text() == TITLES[lang]
    assert not panel.qr_column.isVisible()
    # The sheet is in the visitor's language, on the paper from the settings, named without them.
    (call,) = printer.calls
    assert call.media == "A4"
    assert call.title == "handout-vneid-install"
    assert TITLES[lang] in _pdf_text(call.pdf)

    kiosk.tap(panel.ok_button)
    assert not panel.isVisible()
    assert finish.print_button.isEnabled()
    assert finish.print_button.text() == kiosk.text("print.button")
    assert kiosk.window.handout_printer.state.phase is PrintPhase.IDLE


def test_the_handout_takes_paper_point_name_and_day_from_the_settings(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(point_name="Nhà văn hóa thôn Bản Phố", paper="receipt", printer="Receipt80")
    kiosk = open_kiosk(qtbot, tmp_path, settings=settings)
    printer = RecordingPrinter()
    kiosk.window.handout_printer.use_service(printer)
    _at_finish(kiosk, "vi")
    kiosk.tap(kiosk.window.finish_screen.print_button)
    qtbot.waitUntil(kiosk.window.finish_screen.print_panel.isVisible, timeout=WAIT_MS)
    (call,) = printer.calls
    assert call.media.startswith("Custom.80x")
    text = _pdf_text(call.pdf)
    assert "Nhà văn hóa thôn Bản Phố" in text
    assert date.today().strftime("%d/%m/%Y") in text


def test_a_shaky_double_tap_prints_once(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    printer = RecordingPrinter(hold=True)
    kiosk.window.handout_printer.use_service(printer)
    _at_finish(kiosk, "vi")
    button = kiosk.window.finish_screen.print_button

    kiosk.tap(button)
    kiosk.clock.advance(0.15)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()
    assert printer.wait_started()
    printer.release()
    qtbot.waitUntil(kiosk.window.finish_screen.print_panel.isVisible, timeout=WAIT_MS)
    assert len(printer.calls) == 1


def test_a_double_tap_does_not_also_close_a_fast_answer(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    printer = RecordingPrinter(result=QUEUE_STOPPED)
    kiosk.window.handout_printer.use_service(printer)
    _at_finish(kiosk, "vi")
    finish = kiosk.window.finish_screen

    kiosk.tap(finish.print_button)
    qtbot.waitUntil(finish.print_panel.isVisible, timeout=WAIT_MS)
    # The second tap of the pair lands on the panel that has just appeared: it must stay.
    kiosk.tap(finish.print_panel.ok_button, after_s=0.2)
    assert finish.print_panel.isVisible()
    assert len(printer.calls) == 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_when_the_printer_is_stopped_the_visitor_is_told_so_and_gets_the_qr_code(
    qtbot: QtBot, tmp_path: Path, lang: str, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.window.handout_printer.use_service(RecordingPrinter(result=QUEUE_STOPPED))
    _at_finish(kiosk, lang)
    finish = kiosk.window.finish_screen

    with caplog.at_level(logging.WARNING, logger="ui.printing.printer"):
        kiosk.tap(finish.print_button)
        qtbot.waitUntil(finish.print_panel.isVisible, timeout=WAIT_MS)
    panel = finish.print_panel
    assert panel.message_label.text() == kiosk.text("print.problem.switched_off")
    assert panel.detail_label.text() == kiosk.text("print.ask_volunteer")
    assert "https://" + panel.shown_url() == QR_URL
    assert decode_qr(panel.qr_view) == [QR_URL]
    assert panel.qr_view.width() >= 400, "the QR code must be large enough to scan from a chair"
    # The exact words of CUPS are for the organiser's log, not for the visitor.
    assert QUEUE_STOPPED.message in caplog.text
    assert all(
        QUEUE_STOPPED.message not in label.text() for label in (panel.message_label, panel.detail_label)
    )

    kiosk.tap(panel.ok_button)
    assert finish.print_button.isEnabled()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_printing_from_the_topics(qtbot: QtBot, tmp_path: Path, lang: str) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    printer = RecordingPrinter(hold=True, result=QUEUE_STOPPED)
    kiosk.window.handout_printer.use_service(printer)
    _at_catalogue(kiosk, lang, "safety")
    catalogue = kiosk.window.catalogue_screen
    button = catalogue.print_buttons["scam-drill"]

    kiosk.tap(button)
    assert button.text() == kiosk.text("print.printing")
    assert not any(b.isEnabled() for b in catalogue.print_buttons.values())
    # Other tabs stay usable while it prints; their Print buttons wait their turn.
    kiosk.tap(catalogue.tabs["vneid"])
    assert not catalogue.print_buttons["vneid-install"].isEnabled()
    kiosk.tap(catalogue.tabs["safety"])
    printer.release()
    qtbot.waitUntil(catalogue.print_panel.isVisible, timeout=WAIT_MS)

    panel = catalogue.print_panel
    assert panel.message_label.text() == kiosk.text("print.problem.switched_off")
    assert decode_qr(panel.qr_view) == [SCAM_QR_URL]
    assert kiosk.window.top_bar.home_button.isVisible(), "Home stays within reach"
    kiosk.tap(panel.ok_button)
    assert kiosk.screen() is Screen.CATALOGUE
    assert catalogue.print_buttons["scam-drill"].text() == kiosk.text("print.short")
    assert all(b.isEnabled() for b in catalogue.print_buttons.values())


def test_printing_never_blocks_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, settings=Settings(idle_timeout_s=15, idle_answer_s=20))
    printer = RecordingPrinter(hold=True)
    kiosk.window.handout_printer.use_service(printer)
    _at_finish(kiosk, "vi")
    window = kiosk.window

    kiosk.tap(window.finish_screen.print_button)
    assert printer.wait_started()
    # The printer holds its worker thread; the window's own timer must still tick, by itself.
    kiosk.clock.advance(16)
    qtbot.waitUntil(window.idle_overlay.isVisible, timeout=5000)
    kiosk.tap(window.idle_overlay.continue_button)
    assert not window.idle_overlay.isVisible()
    kiosk.tap(window.top_bar.comfort_button)
    assert window.comfort_panel.isVisible()
    kiosk.tap(window.comfort_panel.done_button)
    assert worker.busy()

    printer.release()
    qtbot.waitUntil(window.finish_screen.print_panel.isVisible, timeout=WAIT_MS)
    assert window.finish_screen.print_panel.message_label.text() == kiosk.text("print.done")


def test_a_new_visit_does_not_see_the_last_visits_print(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    printer = RecordingPrinter(hold=True, result=QUEUE_STOPPED)
    kiosk.window.handout_printer.use_service(printer)
    _at_finish(kiosk, "vi")
    kiosk.tap(kiosk.window.finish_screen.print_button)
    # The finish screen's one way home: "Kết thúc".
    kiosk.tap(kiosk.window.finish_screen.end_button)
    assert kiosk.screen() is Screen.START

    printer.release()
    qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)
    settle()
    assert kiosk.window.handout_printer.state.phase is PrintPhase.IDLE
    _at_finish(kiosk, "vi")
    finish = kiosk.window.finish_screen
    assert not finish.print_panel.isVisible()
    assert finish.print_button.isEnabled()
    assert finish.print_button.text() == kiosk.text("print.button")


def test_a_broken_print_service_still_leaves_the_visitor_the_qr_code(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.window.handout_printer.use_service(BrokenPrinter())
    _at_finish(kiosk, "vi")
    finish = kiosk.window.finish_screen
    with caplog.at_level(logging.ERROR, logger="ui.runtime.worker"):
        kiosk.tap(finish.print_button)
        qtbot.waitUntil(finish.print_panel.isVisible, timeout=WAIT_MS)
    assert finish.print_panel.message_label.text() == kiosk.text("print.problem.failed")
    assert decode_qr(finish.print_panel.qr_view) == [QR_URL]
    assert "printer driver crashed (test)" in caplog.text


def test_without_cups_qt_prints_and_an_unknown_printer_gives_the_qr_code(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("kiosk.printing.jobs.cups_available", lambda: False)
    kiosk = open_kiosk(qtbot, tmp_path, settings=Settings(printer="KioskNoSuchPrinter"))
    _at_finish(kiosk, "vi")
    finish = kiosk.window.finish_screen
    with caplog.at_level(logging.WARNING):
        kiosk.tap(finish.print_button)
        qtbot.waitUntil(finish.print_panel.isVisible, timeout=WAIT_MS)
    assert finish.print_panel.message_label.text() == kiosk.text("print.problem.no_printer")
    assert decode_qr(finish.print_panel.qr_view) == [QR_URL]
    assert "Qt found no printer 'KioskNoSuchPrinter'" in caplog.text
