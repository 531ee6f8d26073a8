"""Export to a USB stick: choose a stick, watch the progress, and hear when it is safe to remove.

Before anything is chosen the page says what the export will hold: every whole day up to
yesterday (the date said), from the first day with figures, and which files for whom
(``kiosk.export.job``; README "What leaves the kiosk").

A ``StickPage``: the sticks that can be written, each with its free space (looked at in the
background, like every stick page). ``ExportJob.run``
goes through ``ui.runtime.worker``, which brings its progress to the GUI thread for the bar.
"Safe to remove" appears only after the job has read the files back and checked them against
the manifest. "Stop" (shown while it runs) cancels the job, which removes what it wrote. A
failure is told by its kind (``ExportError.trouble``) with its figures.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.export import ExportError, ExportJob, ExportProgress, ExportResult, ExportSource, ExportTrouble
from kiosk.export.errors import human_size
from kiosk.i18n import UiText
from kiosk.system.removable import Drive, list_drives
from ui.organiser.stick_page import PROGRESS_STEPS, ListDrives, StickPage
from ui.widgets.common import BigButton, label

log = logging.getLogger(__name__)

VERIFY_STAGE = "verify"
DONE_STAGE = "done"


class ExportPanel(StickPage):
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
        list_drives: ListDrives = list_drives,
        make_job: Callable[..., ExportJob] = ExportJob,
        today: Callable[[], date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ui_text,
            lang,
            name="ExportPanel",
            words="organiser.export",
            extra_folders=extra_folders,
            list_drives=list_drives,
            parent=parent,
        )
        self._source = source
        self._database_path = database_path
        self._offset = offset
        # How a job is made (a test stands in a slow or failing stick here).
        self._make_job = make_job
        # The point's local day (a test gives its own): the export ends the day before.
        self._today = today or (lambda: (datetime.now(UTC) + offset).date())
        self.holds = label("", "body")
        self.holds.setObjectName("holds")
        self.say_what_it_holds()
        self.volumes: list[Drive] = []
        self._job: ExportJob | None = None

        self.start_button = BigButton(self._t("start"), role="primary")
        self.cancel_button = BigButton(self._t("cancel"), role="secondary")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.start_button.clicked.connect(self._on_start_clicked)
        self.lay_out(
            [self.title, self.holds, self.choose, self.none_found],
            [self.progress, self.status],
            [self.back_button, self.cancel_button, self.refresh_button, self.start_button],
            roomy=True,
        )

    # -- public ------------------------------------------------------------------------
    def look_at_sticks(self) -> Callable[[], list[Drive]]:
        """The sticks and extra folders with their free space (which a big FAT stick is slow to tell)."""
        return self.drives_work()

    def show_sticks(self, found: list[Drive]) -> None:
        """The sticks (and extra folders) that can be written, each with its free space."""
        self.volumes = [drive for drive in found if drive.writable]
        self.set_choices(
            [self._t("free", name=volume.name, free=human_size(volume.free_bytes)) for volume in self.volumes]
        )
        self.none_found.setVisible(not self.volumes)
        self._enable()

    def start(self) -> None:
        """Show the panel afresh (called when the organiser opens it)."""
        self.status.setText("")
        self.progress.hide()
        self.say_what_it_holds()
        self.refresh()

    def say_what_it_holds(self) -> None:
        """Which days and files the export will hold, before the organiser chooses a stick."""
        yesterday = self._today() - timedelta(days=1)
        self.holds.setText(self._t("holds", yesterday=f"{yesterday:%d/%m/%Y}"))

    def chosen(self) -> Drive | None:
        index = self.group.checkedId()
        return self.volumes[index] if 0 <= index < len(self.volumes) else None

    def export_to(self, volume: Drive) -> None:
        self.status.setText(self._t("writing", stage="…"))
        job = self._make_job(
            volume.path, self._source(), database_path=self._database_path, offset=self._offset
        )
        self._job = job
        self.run_job(
            job.run,
            self._on_exported,
            self._on_export_failed,
            what="export statistics",
            on_progress=self._on_progressed,
        )

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

    def _on_progressed(self, progress: ExportProgress) -> None:
        if not self.cancel_button.isEnabled():
            # Stopping: "Stopping…" stays until the job has removed its folder.
            return
        self.show_fraction(progress.fraction)
        if progress.stage in (VERIFY_STAGE, DONE_STAGE):
            self.status.setText(self._t("verifying"))
        else:
            self.status.setText(self._t("writing", stage=progress.stage))

    def _on_exported(self, result: ExportResult) -> None:
        self._job = None
        self.progress.setValue(PROGRESS_STEPS)
        self.status.setText(
            self._t("safe")
            + "\n"
            + self._t("written", folder=result.folder.name, visits=result.visits, days=_days(result))
            + "\n"
            + self._t("today_later")
        )
        self._enable()
        self.finished.emit(result.folder)

    def _on_export_failed(self, error: Exception) -> None:
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
        super()._enable()
        idle = not self.running
        self.start_button.setEnabled(idle and not self.listing and self.chosen() is not None)
        self.cancel_button.setVisible(not idle)
        self.cancel_button.setEnabled(not idle)


def _days(result: ExportResult) -> str:
    """The export's whole local days, as dd/mm/yyyy – dd/mm/yyyy ("—" when it holds none)."""
    if result.first_day is None or result.last_day is None:
        return "—"
    return f"{result.first_day:%d/%m/%Y} – {result.last_day:%d/%m/%Y}"
