"""The page both stick pages share: choices from the sticks, one job at a time, its progress on the bar."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.system.removable import Drive, folder_drives
from tests.helpers.organiser import host_window
from tests.helpers.qt import qasync_loop, ui_text
from ui.organiser.stick_page import PROGRESS_STEPS, StickPage


class CopyPage(StickPage):
    """A page whose choices are the sticks by name, and whose job counts to four."""

    def __init__(self, sticks: tuple[Path, ...]) -> None:
        super().__init__(
            ui_text(),
            "en",
            name="ExportPanel",
            words="organiser.export",
            extra_folders=sticks,
            list_drives=folder_drives,
        )
        self.lay_out(
            [self.title, self.none_found], [self.progress, self.status], [self.back_button], roomy=True
        )
        self.names: list[str] = []
        self.outcomes: list[object] = []
        self.bar_values: list[tuple[int, bool]] = []
        self.progress.valueChanged.connect(
            lambda value: self.bar_values.append(
                (value, threading.current_thread() is threading.main_thread())
            )
        )

    def look_at_sticks(self) -> Callable[[], list[Drive]]:
        return self.drives_work()

    def show_sticks(self, found: list[Drive]) -> None:
        self.names = [drive.name for drive in found]
        self.set_choices(self.names)
        self.none_found.setVisible(not self.names)
        self._enable()

    def copy(self, gate: threading.Event) -> None:
        def work(report: Callable[[float], None]) -> str:
            for step in range(1, 5):
                report(step / 4)
                assert gate.wait(10)
            return "copied"

        self.run_job(
            work, self.outcomes.append, self.outcomes.append, what="copy", on_progress=self.show_fraction
        )


@pytest.fixture
def sticks(tmp_path: Path) -> tuple[Path, ...]:
    folders = (tmp_path / "RED", tmp_path / "BLUE")
    for folder in folders:
        folder.mkdir()
    return folders


@pytest.fixture
def page(qtbot: QtBot, sticks: tuple[Path, ...]) -> Iterator[CopyPage]:
    with qasync_loop():
        window = host_window(qtbot)
        widget = CopyPage(sticks)
        widget.setParent(window)
        widget.setGeometry(window.rect())
        widget.show()
        with qtbot.waitSignal(widget.listed, timeout=10_000):
            widget.refresh()
        yield widget


def refresh(qtbot: QtBot, page: CopyPage) -> None:
    with qtbot.waitSignal(page.listed, timeout=10_000):
        QTest.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)


def test_each_stick_is_a_choice_and_one_alone_is_chosen_at_once(
    qtbot: QtBot, page: CopyPage, sticks: tuple[Path, ...]
) -> None:
    assert page.names == ["RED", "BLUE"]
    assert [button.text() for button in page.group.buttons()] == ["RED", "BLUE"]
    assert page.group.checkedId() == -1
    page.extra_folders = sticks[1:]
    refresh(qtbot, page)
    [only] = page.group.buttons()
    assert only.text() == "BLUE" and only.isChecked() and page.group.checkedId() == 0


def test_no_stick_shows_what_to_do(qtbot: QtBot, page: CopyPage) -> None:
    page.extra_folders = ()
    refresh(qtbot, page)
    assert page.group.buttons() == [] and page.none_found.isVisible()


def test_a_job_shows_its_progress_on_the_gui_thread_and_the_page_is_held_while_it_runs(
    qtbot: QtBot, page: CopyPage
) -> None:
    gate = threading.Event()
    left: list[bool] = []
    page.back_requested.connect(lambda: left.append(True))
    page.copy(gate)
    assert (page.running, page.progress.isVisible()) == (True, True)
    assert not page.back_button.isVisible() and not page.refresh_button.isEnabled()
    assert not any(button.isEnabled() for button in page.group.buttons())
    QTest.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: page.outcomes == ["copied"], timeout=10_000)
    assert (page.running, left) == (False, [])
    assert [value for value, _ in page.bar_values] == [0, 250, 500, 750, PROGRESS_STEPS]
    assert all(on_gui for _, on_gui in page.bar_values)
    page._enable()
    assert page.back_button.isVisible() and page.refresh_button.isEnabled()
    QTest.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert left == [True]


def test_the_sticks_are_looked_at_off_the_gui_thread_while_the_page_says_so(
    qtbot: QtBot, page: CopyPage, sticks: tuple[Path, ...]
) -> None:
    gate = threading.Event()
    threads: list[bool] = []

    def slow_sticks(extra: object) -> list[Drive]:
        # A big FAT stick adding up its free space, or a failing one: the screen must not wait.
        threads.append(threading.current_thread() is threading.main_thread())
        assert gate.wait(10)
        return folder_drives(sticks[:1])

    page._list_drives = slow_sticks
    QTest.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert (page.listing, page.looking.isVisible()) == (True, True)
    assert page.looking.text() == "Looking at the USB sticks…"
    assert not page.refresh_button.isEnabled()
    assert not any(button.isEnabled() for button in page.group.buttons())
    with qtbot.waitSignal(page.listed, timeout=10_000):
        gate.set()
    assert threads == [False]
    assert (page.listing, page.looking.isVisible()) == (False, False)
    assert page.names == ["RED"] and page.refresh_button.isEnabled()


def test_sticks_that_cannot_be_looked_at_leave_no_choices_and_refresh_can_try_again(
    qtbot: QtBot, page: CopyPage
) -> None:
    def failing(extra: object) -> list[Drive]:
        raise OSError("the mount table cannot be read")

    page._list_drives = failing
    refresh(qtbot, page)
    assert page.group.buttons() == [] and page.none_found.isVisible()
    assert page.refresh_button.isEnabled() and not page.looking.isVisible()
