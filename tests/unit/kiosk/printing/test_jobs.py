"""Print jobs without a screen: what is built, what the printer is asked, and which service asks it.

The UI's state machine around them is tested in tests/unit/ui/printing/test_printer.py; real
CUPS in tests/integration/test_printing.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from kiosk.content.model import Catalogue
from kiosk.printing.cups import CupsPrintService
from kiosk.printing.jobs import (
    HandoutJob,
    PrintContext,
    PrintService,
    TakeHomeJob,
    TakeHomeResults,
    choose_service,
    print_handout,
    print_take_home,
)
from tests.helpers.catalogue import make_catalogue
from tests.helpers.printing import OK, RecordingPrinter

TODAY = date(2026, 11, 24)
# Stand-ins for the CUPS client tools: the scheduler answers (or not) as the test says.
LPSTAT = '#!/bin/sh\nif [ "$1" = "-r" ]; then echo "{answer}"; fi\n'


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    return make_catalogue(tmp_path / "content")


def _context(service: PrintService | None, *, language: str = "vi", paper: str = "a4") -> PrintContext:
    return PrintContext(
        language=language,
        paper=paper,
        point_name="Điểm Bản Lầu",
        today=TODAY,
        printer="Office",
        service=service,
    )


def _text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


def _no_fallback(printer: str) -> PrintService:
    raise AssertionError(f"the fallback was asked for {printer!r} although a service was given")


def _cups_tools(folder: Path, monkeypatch: pytest.MonkeyPatch, *, running: bool) -> None:
    folder.mkdir()
    answer = "scheduler is running" if running else "scheduler is not running"
    for name, text in (("lpstat", LPSTAT.format(answer=answer)), ("lp", "#!/bin/sh\nexit 1\n")):
        (folder / name).write_text(text, encoding="utf-8")
        (folder / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))


def test_a_handout_is_built_in_the_visit_language_and_named_by_its_tutorial(catalogue: Catalogue) -> None:
    printer = RecordingPrinter()
    job = HandoutJob(_context(printer, language="en"), catalogue.tutorial("vneid-install"))
    assert print_handout(job, fallback=_no_fallback) == OK
    [call] = printer.calls
    assert call.title == "handout-vneid-install"
    assert call.media == "A4"
    text = _text(call.pdf)
    assert catalogue.tutorial("vneid-install").text("en").title in text
    assert "Điểm Bản Lầu" in text


def test_a_receipt_handout_asks_for_receipt_paper(catalogue: Catalogue) -> None:
    printer = RecordingPrinter()
    job = HandoutJob(_context(printer, paper="receipt"), catalogue.tutorial("scam-drill"))
    print_handout(job, fallback=_no_fallback)
    [call] = printer.calls
    assert call.media.startswith("Custom.80x")
    assert catalogue.tutorial("scam-drill").text("vi").title in _text(call.pdf)


def test_a_take_home_sheet_lists_the_session_in_order(catalogue: Catalogue) -> None:
    printer = RecordingPrinter()
    # The test catalogue's tutorials have no outcomes: ids only, in the session's order.
    results: TakeHomeResults = [("vneid-install", set(), []), ("scam-drill", [], set())]
    job = TakeHomeJob.of(_context(printer), catalogue, results)
    assert job.results == (("vneid-install", (), ()), ("scam-drill", (), ()))
    assert print_take_home(job, fallback=_no_fallback) == OK
    [call] = printer.calls
    assert call.title == "take-home"
    text = _text(call.pdf)
    first = text.index(catalogue.tutorial("vneid-install").text("vi").title)
    assert first < text.index(catalogue.tutorial("scam-drill").text("vi").title)


def test_without_cups_the_fallback_prints_on_the_named_printer(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cups_tools(tmp_path / "bin", monkeypatch, running=False)
    printer = RecordingPrinter()
    asked: list[str] = []

    def fallback(name: str) -> PrintService:
        asked.append(name)
        return printer

    assert (
        print_handout(HandoutJob(_context(None), catalogue.tutorial("vneid-install")), fallback=fallback)
        == OK
    )
    assert asked == ["Office"]
    assert [call.title for call in printer.calls] == ["handout-vneid-install"]


def test_with_a_running_scheduler_cups_is_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _cups_tools(tmp_path / "bin", monkeypatch, running=True)
    assert choose_service("Office", _no_fallback) == CupsPrintService("Office")


def test_without_the_cups_tools_the_fallback_is_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    printer = RecordingPrinter()
    assert choose_service("Office", lambda name: printer) is printer
