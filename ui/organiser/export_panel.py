"""Export to a USB stick: choose a stick, watch the progress, and hear when it is safe to remove.

``ExportJob.run`` goes through ``ui.runtime.worker``; its progress callback runs on the worker thread,
so it only emits a signal, which Qt queues to the GUI thread for the progress bar. "Safe to
remove" appears only after the job has read the files back and checked them against the
manifest. "Stop" (shown while it runs) cancels the job, which removes what it wrote. A
failure is told by its kind (``ExportError.trouble``) with its figures.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QProgressBar, QVBoxLayout, QWidget

from kiosk.export import ExportError, ExportJob, ExportProgress, ExportResult, ExportSource, ExportTrouble
from kiosk.export.errors import human_size
from kiosk.i18n import UiText
from kiosk.system.removable import Drive, list_drives
from ui.look import theme
from ui.runtime import worker
from ui.widgets.common import BigButton, bar, clear_layout, label

log = logging.getLogger(__name__)

PROGRESS_STEPS = 1000
VERIFY_STAGE = "verify"
DONE_STAGE = "done"


class _ProgressRelay(QObject):
    """Lives on the GUI thread; emitting from the worker thread queues the call to it."""

    progressed = Signal(str, float)


class ExportPanel(QWidget):
    back_requested = Signal()
    # After a verified export (the folder) or a failure (None): tests and the log wait on it.
    finished = Signal(object)

    def __init__(
        self,
        ui_text: UiText,
        lang: str,
        *,
        source: Callable[[], ExportSource],
        database_path: Path,
        offset: timedelta,
        extra_folders: Sequence[Path] = (),
        list_drives: Callable[[Sequence[Path]], list[Drive]] = list_drives,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ExportPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._ui_text = ui_text
        self._lang = lang
        self._source = source
        self._database_path = database_path
        self._offset = offset
        self._extra_folders = tuple(extra_folders)
        self._list_drives = list_drives
        self.volumes: list[Drive] = []
        self.running = False
        self._job: ExportJob | None = None
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._on_progressed)

        self.title = label(self._t("title"), "heading")
        self.choose = label(self._t("choose"), "section")
        self.none_found = label(self._t("none"), "body")
        self.volume_list = QVBoxLayout()
        self.volume_list.setSpacing(theme.SPACING // 2)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.hide()
        self.status = label("", "body")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.refresh_button = BigButton(self._t("refresh"), role="secondary")
        self.start_button = BigButton(self._t("start"), role="primary")
        self.back_button = BigButton(self._t("back"), role="secondary")
        self.cancel_button = BigButton(self._t("cancel"), role="secondary")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.refresh_button.clicked.connect(self.refresh)
        self.start_button.clicked.connect(self._on_start_clicked)
        self.back_button.clicked.connect(self._on_back_clicked)

        content = QVBoxLayout()
        content.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        content.setSpacing(theme.SPACING)
        content.addWidget(self.title)
        content.addWidget(self.choose)
        content.addWidget(self.none_found)
        content.addLayout(self.volume_list)
        content.addWidget(self.progress)
        content.addWidget(self.status)
        content.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(content, 1)
        layout.addWidget(
            bar(
                "BottomBar",
                self.back_button,
                self.cancel_button,
                self.refresh_button,
                self.start_button,
                stretch_at=(2,),
            )
        )

    # -- public ------------------------------------------------------------------------
    def refresh(self) -> None:
        """List the sticks (and extra folders) again."""
        if self.running:
            return
        self.volumes = [drive for drive in self._list_drives(self._extra_folders) if drive.writable]
        clear_layout(self.volume_list)
        for button in self.group.buttons():
            self.group.removeButton(button)
        for index, volume in enumerate(self.volumes):
            text = self._t("free", name=volume.name, free=human_size(volume.free_bytes))
            button = BigButton(text, role="choice", checkable=True)
            button.setMinimumHeight(theme.MIN_TARGET_PX)
            self.group.addButton(button, index)
            self.volume_list.addWidget(button)
            button.toggled.connect(self._on_volume_toggled)
        if len(self.volumes) == 1:
            self.group.buttons()[0].setChecked(True)
        self.none_found.setVisible(not self.volumes)
        self._enable()

    def start(self) -> None:
        """Show the panel afresh (called when the organiser opens it)."""
        self.status.setText("")
        self.progress.hide()
        self.refresh()

    def chosen(self) -> Drive | None:
        index = self.group.checkedId()
        return self.volumes[index] if 0 <= index < len(self.volumes) else None

    def export_to(self, volume: Drive) -> None:
        self.running = True
        self._enable()
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(self._t("writing", stage="…"))
        job = ExportJob(
            volume.path,
            self._source(),
            database_path=self._database_path,
            offset=self._offset,
            progress=self._on_job_progress,
        )
        self._job = job
        worker.run_in_background(job.run, self._on_exported, self._on_export_failed, what="export statistics")

    def cancel(self) -> None:
        """Stop the running export; the job removes its unfinished folder and reports CANCELLED."""
        job = self._job
        if not self.running or job is None:
            return
        job.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(self._t("stopping"))

    # -- slots -------------------------------------------------------------------------
    def _on_start_clicked(self) -> None:
        volume = self.chosen()
        if volume is not None and not self.running:
            self.export_to(volume)

    def _on_volume_toggled(self, _checked: bool) -> None:
        self._enable()

    def _on_back_clicked(self) -> None:
        if not self.running:
            self.back_requested.emit()

    def _on_job_progress(self, progress: ExportProgress) -> None:
        # The worker thread: only the signal may be touched here.
        self._relay.progressed.emit(progress.stage, progress.fraction)

    def _on_progressed(self, stage: str, fraction: float) -> None:
        if not self.running or not self.cancel_button.isEnabled():
            # Stopping: "Stopping…" stays until the job has removed its folder.
            return
        self.progress.setValue(round(fraction * PROGRESS_STEPS))
        if stage in (VERIFY_STAGE, DONE_STAGE):
            self.status.setText(self._t("verifying"))
        else:
            self.status.setText(self._t("writing", stage=stage))

    def _on_exported(self, result: ExportResult) -> None:
        self.running = False
        self._job = None
        self.progress.setValue(PROGRESS_STEPS)
        self.status.setText(
            self._t("safe") + "\n" + self._t("written", folder=result.folder.name, visits=result.visits)
        )
        self._enable()
        self.finished.emit(result.folder)

    def _on_export_failed(self, error: Exception) -> None:
        self.running = False
        self._job = None
        self.progress.hide()
        self.status.setText(self.explain(error))
        self._enable()
        self.finished.emit(None)

    # -- words -------------------------------------------------------------------------
    def explain(self, error: Exception) -> str:
        """The organiser's exact, calm sentence for a failed export."""
        if not isinstance(error, ExportError):
            return self._t("io_error")
        trouble = error.trouble
        if trouble is ExportTrouble.NOT_ENOUGH_SPACE:
            needed = human_size(error.needed or 0)
            # A stick that fills up part-way reports no free space: it was measured before.
            if not error.free:
                return self._t("full_midway", needed=needed)
            return self._t("not_enough_space", needed=needed, free=human_size(error.free))
        return self._t(trouble.value.replace("-", "_"))

    def _enable(self) -> None:
        idle = not self.running
        self.start_button.setEnabled(idle and self.chosen() is not None)
        self.refresh_button.setEnabled(idle)
        self.back_button.setVisible(idle)
        self.cancel_button.setVisible(not idle)
        self.cancel_button.setEnabled(not idle)
        for button in self.group.buttons():
            button.setEnabled(idle)

    def _t(self, key: str, **fmt: object) -> str:
        return self._ui_text.get(self._lang, f"organiser.export.{key}", **fmt)
