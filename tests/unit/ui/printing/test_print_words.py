"""Each way a print fails reads true on the finish screen and on the take-home sheet's page, with the
next best thing in the same place: the QR code, a line saying what it opens, and the volunteer.

The real state machine (``HandoutPrinter``) turns each print service answer into the words; only
the printer itself is a stand-in that answers as CUPS or Qt would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.printing.cups import PrintResult, PrintStatus
from kiosk.printing.state import PROBLEM_WORDS, PrinterProblem, PrintPhase
from kiosk.visit.guided import GuidedPlan, GuidedSession
from tests.helpers.catalogue import QR_URL
from tests.helpers.printing import RecordingPrinter
from tests.helpers.qt import Kiosk, decode_qr, open_kiosk, qasync_loop, settle
from ui.runtime import worker
from ui.shell.window import Screen

WAIT_MS = 20_000
TUTORIAL = "vneid-install"

# What the print service answers, as CUPS (or Qt) gives it, for each problem.
ANSWERS = {
    PrinterProblem.NO_PRINTER: PrintResult(PrintStatus.NO_PRINTER, "no system default destination"),
    PrinterProblem.OUT_OF_PAPER: PrintResult(
        PrintStatus.QUEUE_STOPPED,
        "printer T disabled - Out of paper",
        "T",
        reasons=("media-empty-error", "paused"),
    ),
    PrinterProblem.BUSY: PrintResult(PrintStatus.TIMED_OUT, "job T-9 not done", "T", "T-9", jobs_ahead=3),
    PrinterProblem.OFF: PrintResult(
        PrintStatus.QUEUE_STOPPED, "printer T disabled", "T", reasons=("paused",)
    ),
    PrinterProblem.FAILED: PrintResult(PrintStatus.FAILED, "job T-9 aborted-by-system", "T", "T-9"),
}
EXPECTED = {
    ("vi", PrinterProblem.NO_PRINTER): "Ở đây không có máy in.",
    ("en", PrinterProblem.NO_PRINTER): "There is no printer here.",
    ("vi", PrinterProblem.OUT_OF_PAPER): "Máy in đã hết giấy.",
    ("en", PrinterProblem.OUT_OF_PAPER): "The printer is out of paper.",
    ("en", PrinterProblem.BUSY): "The printer is busy with other sheets.",
    ("en", PrinterProblem.OFF): "The printer is switched off or cannot be reached.",
    ("en", PrinterProblem.FAILED): "The printer could not print this sheet.",
}
CASES = [(lang, problem) for problem in PrinterProblem for lang in ("vi", "en")]


@pytest.fixture(autouse=True)
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


def _kiosk(qtbot: QtBot, tmp_path: Path, problem: PrinterProblem, lang: str) -> Kiosk:
    kiosk = open_kiosk(qtbot, tmp_path)
    kiosk.window.handout_printer.use_service(RecordingPrinter(result=ANSWERS[problem]))
    kiosk.window.session.choose_language(lang)
    return kiosk


@pytest.mark.parametrize(("lang", "problem"), CASES)
def test_the_finish_screen_says_what_is_true_and_offers_the_code_and_the_volunteer(
    qtbot: QtBot, tmp_path: Path, lang: str, problem: PrinterProblem
) -> None:
    kiosk = _kiosk(qtbot, tmp_path, problem, lang)
    window = kiosk.window
    tutorial = window._catalogue.tutorial(TUTORIAL)
    window.open_tutorial(TUTORIAL, len(tutorial.steps) - 1)
    kiosk.tap(window.player_screen.next_button)
    assert kiosk.screen() is Screen.FINISH
    finish = window.finish_screen
    # The finish screen's own code is named too, in the visitor's language.
    assert finish.qr_view.accessibleName() == kiosk.text("print.qr_name", url=QR_URL)
    assert QR_URL in finish.qr_view.accessibleName()
    kiosk.tap(finish.print_button)
    qtbot.waitUntil(finish.print_panel.isVisible, timeout=WAIT_MS)

    panel = finish.print_panel
    assert window.handout_printer.state.problem is problem
    assert panel.message_label.text() == kiosk.text(PROBLEM_WORDS[problem])
    if (lang, problem) in EXPECTED:
        assert panel.message_label.text() == EXPECTED[lang, problem]
    assert panel.detail_label.text() == kiosk.text("print.ask_volunteer")
    # The code's caption says what it opens, in the tutorial's own words.
    caption = tutorial.text(kiosk.window.session.language).qr_caption
    assert caption and panel.qr_offer.caption_label.text() == kiosk.text("print.qr_caption", caption=caption)
    assert panel.qr_offer.caption_label.isVisible() and panel.qr_view.isVisible()
    assert decode_qr(panel.qr_view) == [QR_URL]
    assert panel.shown_url() == "vneid.gov.vn"
    assert panel.qr_view.accessibleName() == kiosk.text("print.qr_name", url=QR_URL)
    assert ANSWERS[problem].message not in panel.message_label.text()


@pytest.mark.parametrize(("lang", "problem"), CASES)
def test_the_take_home_sheet_says_the_same_words_with_each_guides_code(
    qtbot: QtBot, tmp_path: Path, lang: str, problem: PrinterProblem
) -> None:
    kiosk = _kiosk(qtbot, tmp_path, problem, lang)
    window = kiosk.window
    page = window.guided.outcomes_page
    ids = ("vneid-install", "scam-drill")
    page.show_session(GuidedSession(GuidedPlan(ids, lang)))
    settle()
    assert window.handout_printer.request_take_home([(i, [], []) for i in ids], lang)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)
    qtbot.waitUntil(page.print_note.isVisible, timeout=WAIT_MS)

    # The page speaks the volunteer's language (the kiosk's default), whatever the visitor's.
    page_lang = window._settings.default_language
    assert window.handout_printer.state.phase is PrintPhase.FAILED
    assert page.print_message.text() == kiosk.text(PROBLEM_WORDS[problem], page_lang)
    assert page.print_ask.isVisible()
    assert page.print_ask.text() == kiosk.text("print.ask_volunteer", page_lang)
    urls = [window._catalogue.tutorial(i).qr_url for i in ids]
    assert [decode_qr(offer.qr_view) for offer in page.qr_offers] == [[url] for url in dict.fromkeys(urls)]
    for offer, tutorial_id in zip(page.qr_offers, ids, strict=False):
        title = window._catalogue.tutorial(tutorial_id).text(page_lang).title
        assert offer.caption_label.text() == kiosk.text("print.qr_caption_for", page_lang, title=title)
        assert offer.qr_view.accessibleName() == kiosk.text(
            "print.qr_name", page_lang, url=offer.qr_view.data
        )
        assert offer.isVisible()
