"""The organiser's pages that work with a USB stick: choose on a stick, run the job, show how far it is.

Export and content update are the same page underneath: a list of choices made from the
sticks plugged in (``kiosk.system.removable``; extra folders stand in for sticks in tests and
training), "Refresh", a progress bar and a status line, and a job that runs off the GUI
thread through ``ui.runtime.worker``, whose progress reports arrive here on the GUI thread.
While a job runs, "Back", "Refresh" and the choices are off. Each page says what its
choices are, what its job is and in which words it tells the outcome.

Looking at the sticks runs off the GUI thread too: a stick is anyone's, it may be slow,
failing, or hold a file made to hang whoever reads it, and free space on a big FAT stick
takes seconds to add up. Meanwhile the page says it is looking, and ``listed`` tells when
the choices show what was found; a line then says how many were found and when, so "Refresh"
visibly answers even when nothing changed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QProgressBar, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from kiosk.system.removable import Drive
from ui.look import theme
from ui.runtime import worker
from ui.widgets.common import BigButton, bar, clear_layout, label, scroll_area

PROGRESS_STEPS = 1000

T = TypeVar("T")
P = TypeVar("P")

ListDrives = Callable[[Sequence[Path]], list[Drive]]


class StickPage(QWidget):
    """A page of the organiser screen with a list of choices from the sticks and one job at a time."""

    back_requested = Signal()
    # The choices now show what the last look at the sticks found (tests and tools wait on it).
    listed = Signal()

    def __init__(
        self,
        ui_text: UiText,
        lang: str,
        *,
        name: str,
        words: str,
        extra_folders: Sequence[Path],
        list_drives: ListDrives,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._ui_text = ui_text
        self._lang = lang
        self._words = words
        # Folders offered beside the sticks (tests, training); read at each refresh.
        self.extra_folders = tuple(extra_folders)
        self._list_drives = list_drives
        self.running = False
        # Looking at the sticks in the background: one look at a time.
        self.listing = False

        self.title = label(self._t("title"), "heading")
        self.choose = label(self._t("choose"), "section")
        self.none_found = label(self._t("none"), "body")
        self.looking = label(self._t("looking"), "body")
        self.looking.hide()
        # What the last look found, and when ("Found 2 USB sticks (at 14:05:12)").
        self.found = label("", "body")
        self.found.setObjectName("found")
        self.found.hide()
        self.choice_list = QVBoxLayout()
        self.choice_list.setSpacing(theme.SPACING // 2)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.hide()
        self.status = label("", "body")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.back_button = BigButton(self._t("back"), role="secondary")
        self.refresh_button = BigButton(self._t("refresh"), role="secondary")
        self.back_button.clicked.connect(self._on_back_clicked)
        self.refresh_button.clicked.connect(self.refresh)

    # -- for the pages -------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """The page may not be left or refreshed (a job runs)."""
        return self.running

    def refresh(self) -> None:
        """Look at the sticks again in the background; the choices follow, then ``listed``."""
        if self.busy or self.listing:
            return
        self.listing = True
        self.none_found.hide()
        self.found.hide()
        self.looking.show()
        self._enable()
        worker.run_in_background(
            self.look_at_sticks(),
            self._on_sticks_seen,
            self._on_sticks_not_seen,
            what=f"look at the sticks for {self.objectName()}",
        )

    def list_now(self) -> None:
        """Look at the sticks on this thread: for tools that picture the page from a folder of their own."""
        self._on_sticks_seen(self.look_at_sticks()())

    def look_at_sticks(self) -> Callable[[], Any]:
        """The work of a look at the sticks, run on a worker thread: bound to plain data, no widget."""
        raise NotImplementedError

    def show_sticks(self, found: Any) -> None:
        """Show the choices in what ``look_at_sticks`` found (each page says what they are)."""
        raise NotImplementedError

    def drives_work(self) -> Callable[[], list[Drive]]:
        """Listing the sticks plugged in, then the extra folders (with their free space)."""
        return functools.partial(self._list_drives, self.extra_folders)

    def set_choices(self, texts: Sequence[str]) -> list[BigButton]:
        """Replace the choices with one button per text (the id is its index); one alone is chosen."""
        clear_layout(self.choice_list)
        for old in self.group.buttons():
            self.group.removeButton(old)
        buttons = []
        for index, text in enumerate(texts):
            button = BigButton(text, role="choice", checkable=True)
            button.setMinimumHeight(theme.MIN_TARGET_PX)
            self.group.addButton(button, index)
            self.choice_list.addWidget(button)
            button.toggled.connect(self._on_choice_toggled)
            buttons.append(button)
        if len(buttons) == 1:
            buttons[0].setChecked(True)
        return buttons

    def run_job(
        self,
        work: Callable[..., T],
        on_done: Callable[[T], None],
        on_failed: Callable[[Exception], None],
        *,
        what: str,
        on_progress: Callable[[Any], None] | None = None,
    ) -> None:
        """Run ``work`` off the GUI thread; with ``on_progress`` the bar shows and ``work(report)`` runs.

        Reports arrive while the job runs; ``running`` is False again when ``on_done`` or
        ``on_failed`` is called.
        """
        self.running = True
        self._enable()

        def done(result: T) -> None:
            self.running = False
            on_done(result)

        def failed(error: Exception) -> None:
            self.running = False
            on_failed(error)

        if on_progress is None:
            worker.run_in_background(work, done, failed, what=what)
            return
        self.progress.setValue(0)
        self.progress.show()

        def progressed(report: object) -> None:
            if self.running:
                on_progress(report)

        worker.run_in_background(work, done, failed, what=what, on_progress=progressed)

    def show_fraction(self, fraction: float) -> None:
        self.progress.setValue(round(min(1.0, max(0.0, fraction)) * PROGRESS_STEPS))

    def show_found_nothing(self) -> None:
        """No choices: nothing was found, or the sticks could not be looked at."""
        self.set_choices([])
        self.none_found.show()

    def lay_out(
        self, above: Sequence[QWidget], below: Sequence[QWidget], buttons: Sequence[QWidget], *, roomy: bool
    ) -> None:
        """``above``, the choices, ``below``, then the bottom bar (with room left after its second button).

        A roomy page has full margins; the other is tighter and scrolls, for when a long list
        of details does not fit.
        """
        content = QVBoxLayout()
        margin = theme.MARGIN if roomy else theme.MARGIN // 2
        content.setContentsMargins(theme.MARGIN, margin, theme.MARGIN, margin)
        content.setSpacing(theme.SPACING if roomy else theme.SPACING // 2)
        for widget in above:
            content.addWidget(widget)
        content.addWidget(self.looking)
        content.addWidget(self.found)
        content.addLayout(self.choice_list)
        for widget in below:
            content.addWidget(widget)
        content.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if roomy:
            layout.addLayout(content, 1)
        else:
            page = QWidget()
            page.setLayout(content)
            layout.addWidget(scroll_area(page), 1)
        layout.addWidget(bar("BottomBar", *buttons, stretch_at=(2,)))

    def _enable(self) -> None:
        """Which buttons can be pressed now; pages add their own."""
        idle = not self.busy
        self.refresh_button.setEnabled(idle and not self.listing)
        self.back_button.setVisible(idle)
        for choice in self.group.buttons():
            choice.setEnabled(idle and not self.listing)

    def _t(self, key: str, **fmt: object) -> str:
        return self._ui_text.get(self._lang, f"{self._words}.{key}", **fmt)

    # -- slots -------------------------------------------------------------------------
    def _on_choice_toggled(self, _checked: bool) -> None:
        self._enable()

    def _on_back_clicked(self) -> None:
        if not self.busy:
            self.back_requested.emit()

    def found_count(self) -> int:
        """How many things the last look found (the choices; a page with other lists says its own)."""
        return len(self.group.buttons())

    def say_found(self) -> None:
        """How many choices the look found, and when: the answer to "Refresh", even an unchanged one."""
        count = self.found_count()
        at = datetime.now().strftime("%H:%M:%S")
        self.found.setText(
            self._t("found", count=count, time=at) if count else self._t("found_none", time=at)
        )
        self.found.show()

    def _on_sticks_seen(self, found: Any) -> None:
        self.listing = False
        self.looking.hide()
        self.show_sticks(found)
        self.say_found()
        self._enable()
        self.listed.emit()

    def _on_sticks_not_seen(self, _error: Exception) -> None:
        # The worker logged why; the organiser sees no choices and can press "Refresh" again.
        self.listing = False
        self.looking.hide()
        self.show_found_nothing()
        self.say_found()
        self._enable()
        self.listed.emit()
