"""Content updates from a USB stick: the packs found, "Install" with its progress, "Undo the last update".

The core does the work (``kiosk.content.install``: every file checked against the pack's
manifest, the whole set checked, all or nothing); this page runs it through ``ui.runtime.worker`` and
tells the organiser exactly what happened. A refused install changes nothing and says why, in
the core's words; a stick pulled out (or failing) part-way is told as such.

After an install or an undo the kiosk restarts (``restart_requested``, a few seconds later so
the organiser can read what happened) instead of swapping the catalogue in place: the
catalogue is held by every screen, the handout printer, the guided sessions and organiser
mode, and a fresh start reads the new packs through the same checked start-up as every
morning. Nothing of a visit is lost: the window ends and records any visit before it quits.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from kiosk.content.install import (
    InstallError,
    InstallProgress,
    InstallResult,
    RollbackResult,
    describe_packs,
    rollback,
)
from kiosk.content.installed import SETS, active_packs_dir, read_state
from kiosk.content.sticks import PackOnStick, find_packs
from kiosk.export.errors import human_size
from kiosk.i18n import UiText
from kiosk.system import paths
from kiosk.system.removable import Drive, list_drives
from ui.look import theme
from ui.organiser.content_sticks import StickGoneError, install_from, packs_text
from ui.organiser.look import RESTART_AFTER_S, RESTART_TICK_MS
from ui.runtime import worker
from ui.widgets.common import BigButton, bar, clear_layout, label, scroll_area

log = logging.getLogger(__name__)

PROGRESS_STEPS = 1000


class _ProgressRelay(QObject):
    """Lives on the GUI thread; emitting from the worker thread queues the call to it."""

    progressed = Signal(str, int, int)


class ContentPanel(QWidget):
    back_requested = Signal()
    # The new content is in place: the kiosk should restart to show it.
    restart_requested = Signal()
    # After an install or an undo: its InstallResult or RollbackResult, or None when nothing changed.
    finished = Signal(object)

    def __init__(
        self,
        ui_text: UiText,
        lang: str,
        *,
        extra_folders: Sequence[Path] = (),
        list_drives: Callable[[Sequence[Path]], list[Drive]] = list_drives,
        content_root: Path | None = None,
        bundled: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ContentPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._ui_text = ui_text
        self._lang = lang
        # Folders offered beside the sticks (tests, training), each holding a ``kiosk-content`` folder.
        self.extra_folders = tuple(extra_folders)
        self._list_drives = list_drives
        # None: the kiosk's own (kiosk.system.paths), read when needed.
        self._content_root = content_root
        self._bundled = bundled
        self.packs: list[PackOnStick] = []
        self.installed: dict[str, str] = {}
        self.running = False
        # Seconds left before the restart, once the new content is in place.
        self.restart_in_s: int | None = None
        self.restart_after_s = RESTART_AFTER_S
        self._done_text = ""
        self._restart_key = "restarting"
        # "Undo the last update?" is on screen, waiting for Yes or No.
        self.asking = False
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._on_progressed)
        self.restart_timer = QTimer(self)
        self.restart_timer.setInterval(RESTART_TICK_MS)
        self.restart_timer.timeout.connect(self._on_restart_tick)
        self._build()

    def _build(self) -> None:
        self.title = label(self._t("title"), "heading")
        self.shown_now = label("", "body")
        self.choose = label(self._t("choose"), "section")
        self.none_found = label(self._t("none"), "body")
        self.pack_list = QVBoxLayout()
        self.pack_list.setSpacing(theme.SPACING // 2)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.hide()
        self.status = label("", "body")
        self.details = label("", "muted")
        self.details.hide()
        # A framed question (not a note: its colours would hide the words of the Yes button).
        self.confirm = QFrame()
        self.confirm.setProperty("role", "figures")
        self.confirm_text = label("", "body", parent=self.confirm)
        self.confirm_yes = BigButton(self._t("confirm_yes"), role="primary")
        self.confirm_no = BigButton(self._t("confirm_no"), role="secondary")
        answers = QHBoxLayout()
        answers.setSpacing(theme.SPACING)
        answers.addWidget(self.confirm_no)
        answers.addWidget(self.confirm_yes)
        answers.addStretch(1)
        confirm_layout = QVBoxLayout(self.confirm)
        confirm_layout.setContentsMargins(
            theme.SPACING, theme.SPACING // 2, theme.SPACING, theme.SPACING // 2
        )
        confirm_layout.setSpacing(theme.SPACING // 2)
        confirm_layout.addWidget(self.confirm_text)
        confirm_layout.addLayout(answers)
        self.confirm.hide()

        self.back_button = BigButton(self._t("back"), role="secondary")
        self.undo_button = BigButton(self._t("undo"), role="secondary")
        self.refresh_button = BigButton(self._t("refresh"), role="secondary")
        self.install_button = BigButton(self._t("install"), role="primary")
        self.restart_button = BigButton(self._t("restart_now"), role="primary")
        self.restart_button.hide()
        self.back_button.clicked.connect(self._on_back_clicked)
        self.undo_button.clicked.connect(self._on_undo_clicked)
        self.refresh_button.clicked.connect(self.refresh)
        self.install_button.clicked.connect(self._on_install_clicked)
        self.restart_button.clicked.connect(self._restart)
        self.confirm_yes.clicked.connect(self._on_confirm_yes_clicked)
        self.confirm_no.clicked.connect(self._on_confirm_no_clicked)

        content = QVBoxLayout()
        content.setContentsMargins(theme.MARGIN, theme.MARGIN // 2, theme.MARGIN, theme.MARGIN // 2)
        content.setSpacing(theme.SPACING // 2)
        for widget in (self.title, self.shown_now, self.choose, self.none_found):
            content.addWidget(widget)
        content.addLayout(self.pack_list)
        for below in (self.progress, self.status, self.details, self.confirm):
            content.addWidget(below)
        content.addStretch(1)
        # Scrolls only when a long list of refusal details does not fit.
        page = QWidget()
        page.setLayout(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll_area(page), 1)
        buttons = (
            self.back_button,
            self.undo_button,
            self.refresh_button,
            self.install_button,
            self.restart_button,
        )
        layout.addWidget(bar("BottomBar", *buttons, stretch_at=(2,)))

    # -- public ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Installing, undoing, or about to restart: the page may not be left."""
        return self.running or self.restart_in_s is not None

    def start(self) -> None:
        """Show the page afresh (called when the organiser opens it)."""
        if self.busy:
            return
        self.status.setText("")
        self.details.hide()
        self.progress.hide()
        self.asking = False
        self.confirm.hide()
        self.refresh()

    def refresh(self) -> None:
        """Read what the kiosk shows now, and list the packs on the sticks again."""
        if self.busy:
            return
        self._show_installed()
        # Read-only sticks too: installing only reads them.
        self.packs = find_packs(drive.path for drive in self._list_drives(self.extra_folders))
        clear_layout(self.pack_list)
        for button in self.group.buttons():
            self.group.removeButton(button)
        for index, pack in enumerate(self.packs):
            if pack.problem is None:
                button = BigButton(self._pack_text(pack), role="choice", checkable=True)
                button.setMinimumHeight(theme.MIN_TARGET_PX)
                self.group.addButton(button, index)
                self.pack_list.addWidget(button)
                button.toggled.connect(self._on_pack_toggled)
        # The packs that cannot be installed, each with why, under the ones that can.
        for pack in self.packs:
            if pack.problem is not None:
                problem = self._t("unusable", folder=pack.folder.name, problem=pack.problem)
                self.pack_list.addWidget(label(problem, "body"))
        if len(self.group.buttons()) == 1:
            self.group.buttons()[0].setChecked(True)
        self.none_found.setVisible(not self.packs)
        self._enable()

    def chosen(self) -> PackOnStick | None:
        index = self.group.checkedId()
        return self.packs[index] if 0 <= index < len(self.packs) else None

    def install(self, pack: PackOnStick) -> None:
        """Install ``pack`` off the GUI thread; the page then says what happened."""
        self._begin(self._t("stage.verifying"))
        self.progress.setValue(0)
        self.progress.show()
        log.info(
            "organiser installs content pack %s %s from %s", pack.pack_id, pack.content_version, pack.folder
        )
        # Looked up now, so a test can stand in for a stick that fails part-way.
        work = functools.partial(
            install_from, pack.folder, self._on_install_progress, self._content_root, self._bundled
        )
        worker.run_in_background(work, self._on_installed, self._on_install_failed, what="install content")

    def undo(self) -> None:
        """Go back to the content shown before the last update (asked for and confirmed)."""
        self._begin(self._t("undoing"))
        work = functools.partial(rollback, root=self._content_root, bundled=self._bundled)
        worker.run_in_background(work, self._on_rolled_back, self._on_undo_failed, what="undo content update")

    # -- slots -------------------------------------------------------------------------
    def _on_pack_toggled(self, _checked: bool) -> None:
        self._enable()

    def _on_back_clicked(self) -> None:
        if not self.busy:
            self.back_requested.emit()

    def _on_install_clicked(self) -> None:
        pack = self.chosen()
        if pack is not None and not self.busy:
            self.install(pack)

    def _on_undo_clicked(self) -> None:
        if self.busy:
            return
        self.status.setText("")
        self.details.hide()
        self.confirm_text.setText(self._t("confirm", packs=packs_text(self._undo_target())))
        self._ask(True)

    def _on_confirm_yes_clicked(self) -> None:
        if self.asking and not self.busy:
            self.undo()

    def _on_confirm_no_clicked(self) -> None:
        self._ask(False)

    def _on_install_progress(self, progress: InstallProgress) -> None:
        # The worker thread: only the signal may be touched here.
        self._relay.progressed.emit(progress.stage.value, progress.done_bytes, progress.total_bytes)

    def _on_progressed(self, stage: str, done: int, total: int) -> None:
        if not self.running:
            return
        if total > 0:
            self.progress.setValue(round(done / total * PROGRESS_STEPS))
        if stage == "copying":
            self.status.setText(self._t("stage.copying", done=human_size(done), total=human_size(total)))
        elif stage != "done":
            self.status.setText(self._t(f"stage.{stage}"))

    def _on_installed(self, result: InstallResult) -> None:
        self.running = False
        self.progress.setValue(PROGRESS_STEPS)
        for warning in result.warnings:
            log.warning("content pack %s %s: %s", result.pack_id, result.content_version, warning)
        if result.replaced_version is None:
            done = self._t("installed_new", pack=result.pack_id, version=result.content_version)
        else:
            done = self._t(
                "installed", pack=result.pack_id, version=result.content_version, was=result.replaced_version
            )
        if result.warnings:
            done += "\n" + self._t("warnings", count=len(result.warnings))
        self._show_installed()
        self._begin_restart(done, "restarting")
        self.finished.emit(result)

    def _on_install_failed(self, error: Exception) -> None:
        self._failed(error, "refused")

    def _on_rolled_back(self, result: RollbackResult) -> None:
        self.running = False
        self._show_installed()
        self._begin_restart(self._t("undone", packs=packs_text(result.packs)), "restarting_undo")
        self.finished.emit(result)

    def _on_undo_failed(self, error: Exception) -> None:
        self._failed(error, "undo_refused")

    def _on_restart_tick(self) -> None:
        if self.restart_in_s is None:
            self.restart_timer.stop()
            return
        self.restart_in_s -= 1
        if self.restart_in_s <= 0:
            self._restart()
            return
        self._show_restart_note()

    # -- helpers -------------------------------------------------------------------------
    def _ask(self, asking: bool) -> None:
        self.asking = asking
        self.confirm.setVisible(asking)
        self._enable()

    def _begin(self, status: str) -> None:
        self.running = True
        self.asking = False
        self.confirm.hide()
        self.details.hide()
        self.status.setText(status)
        self._enable()

    def _failed(self, error: Exception, key: str) -> None:
        """Nothing changed: say why, exactly, and keep the page usable."""
        self.running = False
        self.progress.hide()
        if isinstance(error, StickGoneError):
            text = self._t("stick_gone")
        elif isinstance(error, InstallError):
            text = self._t(key, reason=str(error))
        else:
            text = self._t("unexpected")
        self.status.setText(text)
        details = error.details if isinstance(error, InstallError) else ()
        if isinstance(error, StickGoneError):
            details = (str(error), *details)
        self.details.setText("\n".join(details))
        self.details.setVisible(bool(details))
        self._show_installed()
        self._enable()
        self.finished.emit(None)

    def _begin_restart(self, done: str, key: str) -> None:
        self._done_text = done
        self._restart_key = key
        self.restart_in_s = max(0, self.restart_after_s)
        self._enable()
        if self.restart_in_s == 0:
            self._restart()
            return
        self._show_restart_note()
        self.restart_timer.start()

    def _show_restart_note(self) -> None:
        self.status.setText(self._done_text + "\n" + self._t(self._restart_key, seconds=self.restart_in_s))

    def _restart(self) -> None:
        self.restart_timer.stop()
        log.info("content changed: the kiosk restarts to show it")
        self.restart_requested.emit()

    def _root(self) -> Path:
        return self._content_root if self._content_root is not None else paths.installed_content_dir()

    def _bundled_dir(self) -> Path:
        return self._bundled if self._bundled is not None else paths.bundled_packs_dir()

    def _show_installed(self) -> None:
        active = active_packs_dir(self._root())
        packs = describe_packs(active if active is not None else self._bundled_dir())
        self.installed = dict(packs)
        key = "shown" if active is not None else "shown_bundled"
        self.shown_now.setText(self._t(key, packs=packs_text(packs)))
        for choice in self.group.buttons():
            pack = self.packs[self.group.id(choice)]
            if isinstance(choice, BigButton):
                choice.setText(self._pack_text(pack))

    def _undo_target(self) -> tuple[tuple[str, str], ...]:
        """What "Undo" would show: the set before the last update, or the bundled packs."""
        previous = read_state(self._root()).previous
        folder = self._root() / SETS / previous if previous is not None else self._bundled_dir()
        return describe_packs(folder)

    def _can_undo(self) -> bool:
        state = read_state(self._root())
        return state.active is not None or state.previous is not None

    def _pack_text(self, pack: PackOnStick) -> str:
        now = self.installed.get(pack.pack_id)
        size = human_size(pack.total_bytes)
        if now is None:
            return self._t("pack_new", pack=pack.pack_id, version=pack.content_version, size=size)
        if now == pack.content_version:
            return self._t("pack_same", pack=pack.pack_id, version=pack.content_version, size=size)
        return self._t("pack", pack=pack.pack_id, version=pack.content_version, size=size, now=now)

    def _enable(self) -> None:
        idle = not self.busy
        asking = self.asking
        self.install_button.setEnabled(idle and not asking and self.chosen() is not None)
        self.refresh_button.setEnabled(idle and not asking)
        self.undo_button.setEnabled(idle and not asking and self._can_undo())
        self.back_button.setVisible(idle)
        self.restart_button.setVisible(self.restart_in_s is not None)
        for button in (self.install_button, self.refresh_button, self.undo_button):
            button.setVisible(self.restart_in_s is None)
        for choice in self.group.buttons():
            choice.setEnabled(idle)

    def _t(self, key: str, **fmt: object) -> str:
        return self._ui_text.get(self._lang, f"organiser.content.{key}", **fmt)
