"""Content updates from a USB stick: the packs found, "Install" with its progress, "Undo the last update".

A ``StickPage`` whose choices are the packs on the sticks (read-only sticks too: installing
only reads). The core does the work (``kiosk.content.install``: every file checked against the pack's
manifest, the whole set checked, all or nothing); this page runs it through ``ui.runtime.worker`` and
tells the organiser exactly what happened. A refused install changes nothing and says why, in
the core's words; a stick pulled out (or failing) part-way is told as such. Each pack shows its
version, the version installed now and who signed it (the trusted key's name and id); a pack
older than the one installed asks "install this older version?" first, the only way back to an
older version from a stick. "Trusted keys" opens the page where the organiser adds the
content team's key from a stick (``ui.organiser.trust_page``): only packs signed by a trusted
key can be installed.

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

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content.install import (
    InstallError,
    InstallProgress,
    InstallResult,
    RollbackResult,
    describe_packs,
    rollback,
)
from kiosk.content.installed import SETS, active_packs_dir, read_state
from kiosk.content.sticks import PackOnStick
from kiosk.content.versions import is_older
from kiosk.export.errors import human_size
from kiosk.i18n import UiText
from kiosk.system import paths
from kiosk.system.removable import list_drives
from ui.look import theme
from ui.organiser.content_sticks import StickGoneError, install_from, packs_on_sticks, packs_text
from ui.organiser.look import RESTART_AFTER_S, RESTART_TICK_MS
from ui.organiser.stick_page import PROGRESS_STEPS, ListDrives, StickPage
from ui.organiser.trust_page import grouped
from ui.widgets.common import BigButton, label

log = logging.getLogger(__name__)

InstallFrom = Callable[..., InstallResult]


class ContentPanel(StickPage):
    # The new content is in place: the kiosk should restart to show it.
    restart_requested = Signal()
    # After an install or an undo: its InstallResult or RollbackResult, or None when nothing changed.
    finished = Signal(object)
    # "Trusted keys" was pressed: the screen shows the trusted keys page.
    keys_requested = Signal()

    def __init__(
        self,
        ui_text: UiText,
        lang: str,
        *,
        extra_folders: Sequence[Path] = (),
        list_drives: ListDrives = list_drives,
        install: InstallFrom = install_from,
        content_root: Path | None = None,
        bundled: Path | None = None,
        trust_file: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ui_text,
            lang,
            name="ContentPanel",
            words="organiser.content",
            extra_folders=extra_folders,
            list_drives=list_drives,
            parent=parent,
        )
        # ``install_from(folder, report, root=, bundled=)``: a test stands in a stick that fails here.
        self._install = install
        # None: the kiosk's own (kiosk.system.paths), read when needed.
        self._content_root = content_root
        self._bundled = bundled
        # The organiser's trusted keys (None: the kiosk's own, kiosk.system.paths).
        self._trust_file = trust_file
        self.packs: list[PackOnStick] = []
        # The packs that can be installed, in the order of their buttons.
        self._choosable: list[PackOnStick] = []
        self.installed: dict[str, str] = {}
        # Seconds left before the restart, once the new content is in place.
        self.restart_in_s: int | None = None
        self.restart_after_s = RESTART_AFTER_S
        self._done_text = ""
        self._restart_key = "restarting"
        # "Undo the last update?" (or "Install this older version?") is on screen, waiting for Yes or No.
        self.asking = False
        # The older pack the question is about; None: the question is about undoing.
        self._older: PackOnStick | None = None
        self.restart_timer = QTimer(self)
        self.restart_timer.setInterval(RESTART_TICK_MS)
        self.restart_timer.timeout.connect(self._on_restart_tick)
        self._build()

    def _build(self) -> None:
        self.shown_now = label("", "body")
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

        self.undo_button = BigButton(self._t("undo"), role="secondary")
        self.install_button = BigButton(self._t("install"), role="primary")
        self.restart_button = BigButton(self._t("restart_now"), role="primary")
        self.restart_button.hide()
        self.keys_button = BigButton(self._t("keys"), role="secondary")
        self.keys_button.clicked.connect(self._on_keys_clicked)
        keys_row = QWidget()
        keys_layout = QHBoxLayout(keys_row)
        keys_layout.setContentsMargins(0, 0, 0, 0)
        keys_layout.addWidget(self.keys_button)
        keys_layout.addStretch(1)
        self.undo_button.clicked.connect(self._on_undo_clicked)
        self.install_button.clicked.connect(self._on_install_clicked)
        self.restart_button.clicked.connect(self._restart)
        self.confirm_yes.clicked.connect(self._on_confirm_yes_clicked)
        self.confirm_no.clicked.connect(self._on_confirm_no_clicked)

        # Tighter, and scrolls: a long list of refusal details must still fit.
        self.lay_out(
            [self.title, self.shown_now, self.choose, self.none_found],
            [keys_row, self.progress, self.status, self.details, self.confirm],
            [
                self.back_button,
                self.undo_button,
                self.refresh_button,
                self.install_button,
                self.restart_button,
            ],
            roomy=False,
        )

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
        """Read what the kiosk shows now, and look for the packs on the sticks again (in the background)."""
        if self.busy or self.listing:
            return
        self._show_installed()
        super().refresh()

    def look_at_sticks(self) -> Callable[[], list[PackOnStick]]:
        # Read-only sticks too: installing only reads them.
        return functools.partial(packs_on_sticks, self.drives_work(), self._trust_file)

    def show_sticks(self, found: list[PackOnStick]) -> None:
        """The packs on the sticks: those that can be installed as choices, then the others with why."""
        self._show_installed()
        self.packs = found
        self._choosable = [pack for pack in self.packs if pack.problem is None]
        self.set_choices([self._pack_text(pack) for pack in self._choosable])
        # The packs that cannot be installed, each with why, under the ones that can.
        for pack in self.packs:
            if pack.problem is not None:
                problem = self._t("unusable", folder=pack.folder.name, problem=pack.problem)
                self.choice_list.addWidget(label(problem, "body"))
        self.none_found.setVisible(not self.packs)
        self._enable()

    def found_count(self) -> int:
        """Every pack found, those that cannot be installed included: each is listed."""
        return len(self.packs)

    def chosen(self) -> PackOnStick | None:
        index = self.group.checkedId()
        return self._choosable[index] if 0 <= index < len(self._choosable) else None

    def install(self, pack: PackOnStick, *, allow_older: bool = False) -> None:
        """Install ``pack`` off the GUI thread; the page then says what happened.

        ``allow_older``: the organiser chose to go back to this older version.
        """
        self._begin(self._t("stage.verifying"))
        log.info(
            "organiser installs content pack %s %s from %s", pack.pack_id, pack.content_version, pack.folder
        )
        work = functools.partial(
            self._install,
            pack.folder,
            root=self._content_root,
            bundled=self._bundled,
            allow_older=allow_older,
            trust_file=self._trust_file,
        )
        self.run_job(
            work,
            self._on_installed,
            self._on_install_failed,
            what="install content",
            on_progress=self._on_progressed,
        )

    def undo(self) -> None:
        """Go back to the content shown before the last update (asked for and confirmed)."""
        self._begin(self._t("undoing"))
        work = functools.partial(rollback, root=self._content_root, bundled=self._bundled)
        self.run_job(work, self._on_rolled_back, self._on_undo_failed, what="undo content update")

    # -- slots -------------------------------------------------------------------------
    def show_found_nothing(self) -> None:
        self.packs, self._choosable = [], []
        super().show_found_nothing()

    def _on_install_clicked(self) -> None:
        pack = self.chosen()
        if pack is None or self.busy:
            return
        now = self.installed.get(pack.pack_id)
        if now is not None and is_older(pack.content_version, now):
            # Going back is allowed, never by accident: the organiser says so first.
            self._older = pack
            self._question(
                self._t("older_confirm", pack=pack.pack_id, version=pack.content_version, now=now),
                "older_yes",
                "older_no",
            )
            return
        self.install(pack)

    def _on_keys_clicked(self) -> None:
        if not self.busy:
            self.keys_requested.emit()

    def _on_undo_clicked(self) -> None:
        if self.busy:
            return
        self._older = None
        self._question(self._t("confirm", packs=packs_text(self._undo_target())), "confirm_yes", "confirm_no")

    def _on_confirm_yes_clicked(self) -> None:
        if not self.asking or self.busy:
            return
        older, self._older = self._older, None
        if older is not None:
            self.install(older, allow_older=True)
        else:
            self.undo()

    def _on_confirm_no_clicked(self) -> None:
        self._older = None
        self._ask(False)

    def _on_progressed(self, progress: InstallProgress) -> None:
        stage, done, total = progress.stage.value, progress.done_bytes, progress.total_bytes
        if total > 0:
            self.show_fraction(done / total)
        if stage == "copying":
            self.status.setText(self._t("stage.copying", done=human_size(done), total=human_size(total)))
        elif stage != "done":
            self.status.setText(self._t(f"stage.{stage}"))

    def _on_installed(self, result: InstallResult) -> None:
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
    def _question(self, text: str, yes: str, no: str) -> None:
        self.status.setText("")
        self.details.hide()
        self.confirm_text.setText(text)
        self.confirm_yes.setText(self._t(yes))
        self.confirm_no.setText(self._t(no))
        self._ask(True)

    def _ask(self, asking: bool) -> None:
        self.asking = asking
        self.confirm.setVisible(asking)
        self._enable()

    def _begin(self, status: str) -> None:
        """A job is about to run: the question and old details go, the status says what is done."""
        self.asking = False
        self.confirm.hide()
        self.details.hide()
        self.status.setText(status)

    def _failed(self, error: Exception, key: str) -> None:
        """Nothing changed: say why, exactly, and keep the page usable."""
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
            pack = self._choosable[self.group.id(choice)]
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
        """Stick version, installed version, and who signed: what the organiser decides on."""
        now = self.installed.get(pack.pack_id)
        size = human_size(pack.total_bytes)
        if now is None:
            text = self._t("pack_new", pack=pack.pack_id, version=pack.content_version, size=size)
        elif now == pack.content_version:
            text = self._t("pack_same", pack=pack.pack_id, version=pack.content_version, size=size)
        else:
            key = "pack_older" if is_older(pack.content_version, now) else "pack"
            text = self._t(key, pack=pack.pack_id, version=pack.content_version, size=size, now=now)
        if pack.signer is None:
            return text
        signer = f"{pack.signer.name} ({grouped(pack.signer.key_id)})"
        return text + "\n" + self._t("signed_by", signer=signer)

    def _enable(self) -> None:
        super()._enable()
        idle = not self.busy
        asking = self.asking
        looking = self.listing
        self.install_button.setEnabled(idle and not asking and not looking and self.chosen() is not None)
        self.refresh_button.setEnabled(idle and not asking and not looking)
        self.keys_button.setEnabled(idle and not asking)
        self.undo_button.setEnabled(idle and not asking and self._can_undo())
        self.restart_button.setVisible(self.restart_in_s is not None)
        for button in (self.install_button, self.refresh_button, self.undo_button):
            button.setVisible(self.restart_in_s is None)
