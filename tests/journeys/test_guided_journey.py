"""A volunteer guides a visitor through two tutorials, ticks the outcomes and prints the take-home sheet.

The real window on the shipped content, the real PIN store in the data dir, the real database;
the printer is the recording double (tests/integration/test_print_ui.py prints through CUPS).
The organiser's export then counts exactly what the volunteer ticked, and the optional profile
appears only as counts, never beside a visit.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue, StepKind
from kiosk.export import ExportJob, verify_export
from kiosk.pins import PinRole, PinStore
from kiosk.printing.state import PrintPhase
from kiosk.stats.codes import AgeBand, Need
from kiosk.stats.periods import local_offset
from kiosk.visit.session import TextSize
from tests.helpers.organiser import TEST_COST
from tests.helpers.printing import RecordingPrinter
from tests.helpers.qt import Kiosk, open_kiosk, qasync_loop, settle, shown_texts, ui_text
from tests.helpers.stats import SOURCE
from ui.shell.window import Screen

WAIT_MS = 30_000
VOLUNTEER_PIN = "604917"
FIRST, SECOND = "vneid-install", "qr-pay-bill"


@pytest.fixture(autouse=True)
def loop(qtbot: QtBot) -> Iterator[None]:
    with qasync_loop():
        yield


@pytest.fixture
def shipped() -> Catalogue:
    return load_catalogue(packs_dir(), ui_languages=ui_text().languages())


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def volunteer_comes_in(kiosk: Kiosk) -> None:
    window = kiosk.window
    assert window.organiser is not None
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    QTest.keyClick(window, Qt.Key.Key_O, chord)
    screen = window.organiser.screen
    kiosk.tap(screen.volunteer_button)
    pad = screen.volunteer_pad
    with kiosk.qtbot.waitSignal(screen.volunteer_accepted, timeout=WAIT_MS):
        for digit in VOLUNTEER_PIN:
            kiosk.tap(pad.digit_buttons[digit])
        kiosk.tap(pad.ok_button)
    settle()


def test_a_guided_session_of_two_tutorials_with_outcomes_and_a_take_home_sheet(
    qtbot: QtBot, tmp_path: Path, shipped: Catalogue
) -> None:
    pins = PinStore(cost=TEST_COST)
    pins.set_pin(PinRole.ORGANISER, "371946")
    pins.set_pin(PinRole.VOLUNTEER, VOLUNTEER_PIN)
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=shipped)
    window = kiosk.window
    printer = RecordingPrinter()
    window.handout_printer.use_service(printer)

    # A self-guided visit never shows the volunteer's bar.
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["vi"])
    kiosk.tap(window.catalogue_screen.tabs["vneid"])
    kiosk.tap(window.catalogue_screen.tiles[FIRST])
    assert kiosk.screen() is Screen.PLAYER
    assert not window.guided.bar.isVisible()

    # The volunteer comes in the hidden way; the visitor's half-done visit is ended first.
    volunteer_comes_in(kiosk)
    setup = window.guided.setup_page
    assert setup.isVisible() and kiosk.screen() is Screen.START
    kiosk.tap(setup.tutorial_buttons[FIRST])
    kiosk.tap(setup.tutorial_buttons[SECOND])
    kiosk.tap(setup.language.buttons["en"])
    kiosk.tap(setup.text_size.buttons[TextSize.LARGE])
    kiosk.tap(setup.age_band.buttons[AgeBand.SIXTY_PLUS])
    kiosk.tap(setup.need_buttons[Need.SIGHT])
    kiosk.tap(setup.start_button)

    bar = window.guided.bar
    assert not setup.isVisible() and bar.isVisible()
    assert kiosk.screen() is Screen.PLAYER and window.session.tutorial_id == FIRST
    assert window.session.language == "en" and window.session.text_size is TextSize.LARGE
    # The volunteer's bar is one slim row: the phone picture keeps nearly all its size.
    picture = window.player_screen.picture
    with_bar = picture.size()
    bar.hide()
    settle()
    without_bar = picture.size()
    bar.show()
    settle()
    assert picture.size() == with_bar
    # The old two-line bar (about 125 px) took a quarter of the picture; one row of targets takes
    # under a sixth (475 of 556 px here, at large text on 1366×768).
    assert bar.height() <= 84
    assert without_bar.height() - with_bar.height() <= bar.height()
    assert with_bar.height() >= 0.84 * without_bar.height(), (with_bar, without_bar)
    # The volunteer jumps to the last step; the visitor goes on to the finish screen.
    steps = len(shipped.tutorial(FIRST).steps)
    kiosk.tap(bar.step_buttons[steps - 1])
    assert window.session.step_index == steps - 1
    # Its last step is a question: the visitor answers before going on.
    if shipped.tutorial(FIRST).steps[-1].kind is StepKind.QUIZ:
        kiosk.tap(window.player_screen.quiz.safe_button)
    kiosk.tap(window.player_screen.next_button)
    assert kiosk.screen() is Screen.FINISH
    # The main action is the plan's next guide; "another topic" stays, secondary; the one end is the bar's.
    finish = window.finish_screen
    assert finish.next_button.isVisible() and finish.another_button.isVisible()
    assert finish.next_button.text() == f"Next guide: {shipped.tutorial(SECOND).text('en').title}"
    assert finish.next_button.property("role") == "primary"
    assert finish.another_button.property("role") == "secondary"
    assert not finish.end_button.isVisible()
    kiosk.tap(finish.next_button)
    assert kiosk.screen() is Screen.PLAYER and window.session.tutorial_id == SECOND
    # The volunteer pauses the idle timer: the bar says so (in the volunteer's words);
    # a long wait does not end the session.
    kiosk.tap(bar.pause_button)
    assert bar.paused_label.isVisible() and bar.paused_label.text().startswith("Đã tạm dừng — 00:0")
    assert bar.pause_button.text() == "Tiếp tục đếm giờ"
    kiosk.wait_idle(window.idle_watcher.timeout_s + window.idle_watcher.answer_s + 5)
    assert kiosk.screen() is Screen.PLAYER and bar.isVisible()
    kiosk.tap(bar.end_button)

    outcomes = window.guided.outcomes_page
    assert outcomes.isVisible()
    # Nothing ticked yet: Done asks first, and nothing ends.
    kiosk.tap(outcomes.done_button)
    assert outcomes.isVisible() and outcomes.done_note.text() == "Chưa chọn kết quả nào. Vẫn kết thúc?"
    # The visitor installed VNeID with the volunteer's help.
    kiosk.tap(outcomes.outcome_buttons[FIRST]["vneid-installed"])
    kiosk.tap(outcomes.helped_buttons[FIRST]["vneid-installed"])
    kiosk.tap(outcomes.not_finished_buttons[SECOND])
    kiosk.tap(outcomes.reason_buttons[SECOND]["no-bank-app"])
    kiosk.tap(outcomes.print_button)
    printing = window.handout_printer
    qtbot.waitUntil(lambda: printing.state.phase is not PrintPhase.PRINTING, timeout=WAIT_MS)
    assert printing.state.phase is PrintPhase.DONE
    sheet = pdfium.PdfDocument(printer.calls[0].pdf)
    # Lines wrap on paper: compare the words, not the line breaks.
    words = " ".join(" ".join(page.get_textpage().get_text_bounded() for page in sheet).split())
    assert shipped.tutorial(FIRST).outcome_text("en", "vneid-installed") in words
    assert shipped.reason("no-bank-app").title("en") in words
    kiosk.tap(outcomes.done_button)
    # The volunteer reads that the results are saved, then the kiosk is ready for the next visitor.
    assert outcomes.isVisible() and outcomes.done_note.text() == "Đã lưu kết quả."
    assert outcomes.done_frame.isVisible() and not outcomes.done_button.isEnabled()
    qtbot.waitUntil(lambda: not outcomes.isVisible(), timeout=WAIT_MS)
    assert kiosk.screen() is Screen.START and not bar.isVisible()

    # The organiser's dashboard shows the results, small counts as "<5".
    assert window.organiser is not None
    QTest.keyClick(
        window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    screen = window.organiser.screen
    with qtbot.waitSignal(screen.dashboard.figures_shown, timeout=WAIT_MS):
        for digit in "371946":
            kiosk.tap(screen.pin_pad.digit_buttons[digit])
        kiosk.tap(screen.pin_pad.ok_button)
    installed = shipped.tutorial(FIRST)
    what = installed.outcome_text("vi", "vneid-installed")
    done_line = f"<5 — {installed.text('vi').title}: {what} (có người giúp)"
    why = shipped.reason("no-bank-app").title("vi")
    not_line = f"<5 — {shipped.tutorial(SECOND).text('vi').title}: chưa xong ({why})"
    settle()
    dashboard_text = "\n".join(shown_texts(screen.dashboard))
    assert done_line in dashboard_text and not_line in dashboard_text
    kiosk.tap(screen.dashboard.close_button)

    statistics = window.statistics
    assert statistics is not None
    recorder = statistics.recorder()
    assert recorder is not None and recorder.flush(30)
    target = tmp_path / "stick"
    target.mkdir()
    # Exported the next day: an export holds whole days that are over (docs/privacy.md).
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    # The kiosk's own offset, as it counted the guided results' days with it.
    result = ExportJob(
        target, SOURCE, database_path=statistics.check.path, offset=local_offset(), clock=lambda: tomorrow
    ).run()
    assert verify_export(result.folder) == []
    assert (result.visits, result.tutorial_runs) == (2, 3)
    day_file = json.loads((result.folder / "day_counts.json").read_text(encoding="ascii"))
    [day] = day_file["days"]
    assert day["visits_by_language"] == {"vi": 1, "en": 1}
    assert day["visits_by_mode"] == {"self": 1, "guided": 1}
    assert day["tutorials"][FIRST]["completions"] >= 1 and day["tutorials"][SECOND]["completions"] == 0
    assert day["tutorials"][SECOND]["handouts"] == 1
    assert day["guided_outcomes"] == {
        FIRST: {"achieved-helped": {"vneid-installed": 1}},
        SECOND: {"not-finished": {"no-bank-app": 1}},
    }
    # The profile is never beside a day's visits, and leaves only for a month that is over.
    assert "60-plus" not in json.dumps(day_file["days"]) and "sight" not in json.dumps(day_file["days"])
    report = (result.folder / "report_figures.csv").read_text(encoding="utf-8")
    assert "summary,,visits,<5" in report and "language,en,visits,<5" in report
    assert f"outcome,{FIRST},achieved-helped:vneid-installed,<5" in report
