"""Export to a stick: progress, "safe to remove" only after a verified export, calm exact errors."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.export import ExportJob, ExportProgress, ExportResult, verify_export
from kiosk.export.errors import not_enough_space, read_only, target_gone
from kiosk.system.removable import folder_drives
from tests.helpers.organiser import filled_database, host_window
from tests.helpers.qt import qasync_loop, ui_text
from tests.helpers.stats import SOURCE, VIETNAM
from ui.organiser.export_panel import ExportPanel


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "KIOSK-USB"
    folder.mkdir()
    return folder


MakePanel = Callable[..., ExportPanel]


@pytest.fixture
def make_panel(qtbot: QtBot, tmp_path: Path, stick: Path) -> Iterator[MakePanel]:
    """Makes the panel on its own window, with the stick folder as its only stick."""
    database = filled_database(tmp_path / "stats.sqlite3")
    windows = []

    def make(**options: Any) -> ExportPanel:
        window = host_window(qtbot)
        windows.append(window)
        widget = ExportPanel(
            ui_text(),
            "en",
            source=lambda: SOURCE,
            database_path=database,
            offset=VIETNAM,
            extra_folders=(stick,),
            list_drives=folder_drives,
            parent=window,
            **options,
        )
        widget.setGeometry(window.rect())
        widget.show()
        with qtbot.waitSignal(widget.listed, timeout=10_000):
            widget.start()
        return widget

    with qasync_loop():
        yield make


@pytest.fixture
def panel(make_panel: MakePanel) -> ExportPanel:
    return make_panel()


def test_an_export_shows_progress_then_safe_to_remove_and_verifies(qtbot: QtBot, panel: ExportPanel) -> None:
    seen: list[tuple[int, bool]] = []
    panel.progress.valueChanged.connect(
        lambda value: seen.append((value, threading.current_thread() is threading.main_thread()))
    )
    assert panel.chosen() is not None and panel.chosen().name == "KIOSK-USB"  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.finished, timeout=30000) as finished:
        QTest.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
        assert panel.progress.isVisible() and not panel.back_button.isVisible()
        assert panel.cancel_button.isVisible()
    folder = finished.args[0]
    assert isinstance(folder, Path)
    assert verify_export(folder) == []
    assert panel.status.text().startswith("Exported and checked. It is safe to remove the stick.")
    assert f"Folder: {folder.name} (6 visits, whole days " in panel.status.text()
    assert "Today's visits go in the next export" in panel.status.text()
    values = [value for value, _ in seen]
    assert len(values) > 3 and values == sorted(values) and values[-1] == 1000
    assert all(on_gui for _, on_gui in seen)


def test_stop_cancels_a_running_export_and_leaves_nothing(
    qtbot: QtBot, make_panel: MakePanel, stick: Path
) -> None:
    # A slow stick: the job waits at its first progress report until Stop has been pressed.
    stopped = threading.Event()

    class SlowStick(ExportJob):
        def run(self, progress: Callable[[ExportProgress], None] | None = None) -> ExportResult:
            assert progress is not None

            def slow_stick(step: ExportProgress) -> None:
                assert stopped.wait(30)
                progress(step)

            return super().run(slow_stick)

    panel = make_panel(make_job=SlowStick)
    with qtbot.waitSignal(panel.finished, timeout=30000) as finished:
        QTest.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
        QTest.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
        assert panel.status.text() == "Stopping… the unfinished export is being removed."
        stopped.set()
    assert finished.args[0] is None
    assert panel.status.text() == "The export was stopped. Nothing was kept."
    assert [path for path in stick.rglob("*") if path.is_file()] == []
    assert panel.back_button.isVisible() and not panel.cancel_button.isVisible()


def test_a_stick_pulled_before_the_export_is_told_calmly(
    qtbot: QtBot, panel: ExportPanel, stick: Path
) -> None:
    shutil.rmtree(stick)
    with qtbot.waitSignal(panel.finished, timeout=30000) as finished:
        QTest.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is None
    # Nothing was being written yet: said as such (L6 of the security review), with what to do.
    assert panel.status.text() == (
        "The place chosen for the export is not there any more, or is not a folder. Nothing was "
        'written. Insert the stick again and press "Refresh".'
    )
    assert panel.back_button.isEnabled()


def test_each_trouble_has_its_exact_words(panel: ExportPanel, stick: Path) -> None:
    assert panel.explain(not_enough_space(stick, 2_400_000, 150_000, midway=False)) == (
        "Not enough space on the stick: the export needs about 2.4 MB and 150.0 kB is free. "
        "Nothing was written. Free some space or use a larger stick."
    )
    assert panel.explain(not_enough_space(stick, 2_400_000, 0, midway=True)).startswith(
        "The stick became full while writing: the export needs about 2.4 MB."
    )
    assert panel.explain(read_only(stick)).startswith("This stick is read-only. Nothing was written.")
    assert "no manifest.json" in panel.explain(target_gone(stick))
    assert panel.explain(RuntimeError("boom")) == "Writing to the stick failed. Try another stick."


def test_no_stick_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    window = host_window(qtbot)
    widget = ExportPanel(
        ui_text(),
        "vi",
        source=lambda: SOURCE,
        database_path=tmp_path / "none.sqlite3",
        offset=VIETNAM,
        list_drives=lambda extra: [],
        parent=window,
    )
    widget.setGeometry(window.rect())
    widget.show()
    with qasync_loop(), qtbot.waitSignal(widget.listed, timeout=10_000):
        widget.start()
    assert widget.none_found.isVisible()
    assert widget.none_found.text().startswith("Chưa thấy USB nào ghi được.")
    assert not widget.start_button.isEnabled()


def test_before_exporting_the_page_says_which_days_and_files_it_will_hold(make_panel: MakePanel) -> None:
    panel = make_panel(today=lambda: date(2026, 12, 7))
    holds = panel.holds.text()
    assert panel.holds.isVisible()
    assert "up to yesterday (06/12/2026)" in holds and "today is not in it" in holds
    files = ("report.pdf", "report_figures.csv", "step_difficulty.csv", "day_counts.json")
    for name in (*files, "district office", "signed"):
        assert name in holds


def test_refresh_says_how_many_sticks_it_found_and_when(
    qtbot: QtBot, make_panel: MakePanel, stick: Path, tmp_path: Path
) -> None:
    panel = make_panel()
    assert panel.found.isVisible()
    assert re.fullmatch(r"USB sticks found: 1 \(looked at \d\d:\d\d:\d\d\)\.", panel.found.text())
    # "Looking…" while it looks, the answer after: here a second stick.
    second = tmp_path / "SECOND"
    second.mkdir()
    panel.extra_folders = (stick, second)
    with qtbot.waitSignal(panel.listed, timeout=10_000):
        QTest.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
        assert panel.looking.isVisible() and not panel.found.isVisible()
        assert panel.looking.text() == "Looking at the USB sticks…"
    assert panel.found.text().startswith("USB sticks found: 2 ")
    panel.extra_folders = ()
    with qtbot.waitSignal(panel.listed, timeout=10_000):
        QTest.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    assert panel.found.text().startswith("No USB stick found (looked at ")
    assert panel.none_found.isVisible()
