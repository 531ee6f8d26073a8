"""``kiosk hub`` with no action: a small window for the district office's staff.

Three steps, side by side on one screen:

1. **Import exports**: a folder picker, and the USB sticks plugged in (``kiosk.system.removable``)
   as buttons. Each export folder gets a line: imported (with its days), already there, or
   refused with the reason (``kiosk.hub.reading``'s words, as ``kiosk hub import`` prints them).
2. **Points**: every kiosk the hub knows, with its point, commune, province, last day reported
   and key fingerprint (to compare with the one on the point's organiser screen).
3. **Month report**: a month and a commune (or all), where to save; the workbook, the CSVs and the
   PDF summary of ``kiosk hub report``, and the files' paths once saved.

Import and report run off the GUI thread (``ui.runtime.worker``), one at a time, with a progress
line; a failure is told in words, never as a traceback. Vietnamese first, English at a tap.
The same ``--db`` as the commands: a folder for the SQLite file, or a PostgreSQL address.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import UiText
from kiosk.system.removable import Drive, list_drives
from ui.hub.work import (
    FolderResult,
    ImportProgress,
    KioskRow,
    NoPointsError,
    Outcome,
    SavedReport,
    import_paths,
    list_kiosks,
    save_report,
)
from ui.runtime import worker

log = logging.getLogger(__name__)

WINDOW_SIZE = (1366, 768)
# Months offered for a report: this one and those before it.
MONTHS_OFFERED = 24
LANGUAGES = ("vi", "en")

STYLE = """
#HubWindow { background: #f5f7fa; }
#HubWindow QLabel { color: #1b2430; font-size: 15px; }
#HubWindow QLabel[role="heading"] { font-size: 20px; font-weight: bold; color: #0b4f8a; }
#HubWindow QLabel[role="muted"] { color: #4a5563; font-size: 13px; }
#HubWindow QLabel[role="status"] { font-size: 15px; font-weight: bold; }
#HubWindow QLabel[role="wrong"] { color: #9b1c1c; font-weight: bold; }
#HubWindow QFrame[role="panel"] { background: #ffffff; border: 1px solid #c9d2dc; border-radius: 8px; }
#HubWindow QPushButton { font-size: 15px; min-height: 34px; padding: 2px 14px; }
#HubWindow QPushButton[role="primary"] { background: #0b63b0; color: white; font-weight: bold;
    border: none; border-radius: 6px; }
#HubWindow QPushButton[role="primary"]:disabled { background: #9bb7d1; }
#HubWindow QTableWidget { font-size: 14px; }
#HubWindow QHeaderView::section { font-size: 14px; font-weight: bold; padding: 4px 6px;
    background: #e8edf3; border: none; border-right: 1px solid #c9d2dc; }
#HubWindow QComboBox, #HubWindow QCheckBox { font-size: 15px; min-height: 30px; }
"""


def months_offered(today: datetime | None = None, count: int = MONTHS_OFFERED) -> list[str]:
    """``2026-11``, ``2026-10``, …: this month first, then the ``count - 1`` before it."""
    day = (today or datetime.now(UTC)).date().replace(day=1)
    months = []
    for _ in range(count):
        months.append(f"{day.year:04d}-{day.month:02d}")
        day = (day - timedelta(days=1)).replace(day=1)
    return months


def _label(text: str = "", role: str = "body") -> QLabel:
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setProperty("role", role)
    return widget


def _panel() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", "panel")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    layout.setSpacing(8)
    return frame, layout


class HubWindow(QWidget):
    """The office's window (module docstring); tests drive its methods and read its widgets."""

    # An import, a list of the points or a report has ended and its result is shown.
    imported = Signal()
    points_shown = Signal()
    report_done = Signal()

    def __init__(
        self,
        ui_text: UiText,
        db: str | None,
        *,
        lang: str = "vi",
        database_shown: str = "",
        list_drives: Callable[[], Sequence[Drive]] = list_drives,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HubWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(STYLE)
        self._ui_text = ui_text
        self._lang = lang
        self._db = db
        self._database_shown = database_shown
        self._list_drives = list_drives
        self.busy = False
        self.results: list[FolderResult] = []
        self.kiosks: list[KioskRow] = []
        self.out_folder: Path | None = None
        self.saved: SavedReport | None = None
        # The last line of the status ("Imported 2 of 3 …", an error): (key, fields, is an error).
        self._status: tuple[str, dict[str, object], bool] = ("ready", {}, False)
        # The report's outcome under its button: (key, fields, is an error), or None.
        self._report_note: tuple[str, dict[str, object], bool] | None = None
        self.drives: list[Drive] = []
        self._build()
        self.retranslate()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = _label("", "heading")
        self.database_label = _label("", "muted")
        self.language_button = QPushButton()
        self.language_button.setObjectName("switch-language")
        self.language_button.clicked.connect(self._on_language_clicked)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.language_button)

        # 1. Import.
        import_panel, import_layout = _panel()
        self.import_title = _label("", "heading")
        self.import_intro = _label("", "muted")
        self.folder_button = QPushButton()
        self.folder_button.setProperty("role", "primary")
        self.folder_button.clicked.connect(self._on_choose_folder)
        self.drives_button = QPushButton()
        self.drives_button.clicked.connect(self.look_for_drives)
        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.drives_button)
        buttons.addStretch(1)
        self.drive_list = QVBoxLayout()
        self.drive_list.setSpacing(4)
        self.no_drives = _label("", "muted")
        self.results_table = QTableWidget(0, 2)
        self.results_table.setObjectName("results")
        self._table_look(self.results_table)
        self.results_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.results_table.setColumnWidth(0, 190)
        self.results_table.setWordWrap(True)
        for widget in (self.import_title, self.import_intro):
            import_layout.addWidget(widget)
        import_layout.addLayout(buttons)
        import_layout.addLayout(self.drive_list)
        import_layout.addWidget(self.no_drives)
        import_layout.addWidget(self.results_table, 1)

        # 2. Points.
        points_panel, points_layout = _panel()
        self.points_title = _label("", "heading")
        self.points_table = QTableWidget(0, 5)
        self.points_table.setObjectName("points")
        self._table_look(self.points_table)
        self.no_points = _label("", "muted")
        points_layout.addWidget(self.points_title)
        points_layout.addWidget(self.no_points)
        points_layout.addWidget(self.points_table, 1)

        # 3. Report.
        report_panel, report_layout = _panel()
        self.report_title = _label("", "heading")
        self.month_label = _label("")
        self.month_box = QComboBox()
        self.month_box.setObjectName("month")
        for month in months_offered():
            self.month_box.addItem(month, month)
        # Last month: the one a report is usually asked for (this one is not over).
        self.month_box.setCurrentIndex(1)
        self.commune_label = _label("")
        self.commune_box = QComboBox()
        self.commune_box.setObjectName("commune")
        self.demo_box = QCheckBox()
        self.out_label = _label("", "muted")
        self.out_button = QPushButton()
        self.out_button.clicked.connect(self._on_choose_out)
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.report_result = _label("")
        self.report_result.setObjectName("report-result")
        self.report_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choices = QGridLayout()
        choices.addWidget(self.month_label, 0, 0)
        choices.addWidget(self.month_box, 0, 1)
        choices.addWidget(self.commune_label, 0, 2)
        choices.addWidget(self.commune_box, 0, 3)
        choices.setColumnStretch(3, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.out_button)
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        report_layout.addWidget(self.report_title)
        report_layout.addLayout(choices)
        report_layout.addWidget(self.demo_box)
        report_layout.addWidget(self.out_label)
        report_layout.addLayout(actions)
        report_layout.addWidget(self.report_result)

        # The progress line, under everything.
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = _label("", "status")
        self.status.setObjectName("status")
        status_row = QHBoxLayout()
        status_row.addWidget(self.progress)
        status_row.addWidget(self.status, 1)

        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(points_panel, 3)
        right.addWidget(report_panel, 2)
        columns = QHBoxLayout()
        columns.setSpacing(12)
        columns.addWidget(import_panel, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.database_label)
        layout.addLayout(columns, 1)
        layout.addLayout(status_row)

    @staticmethod
    def _table_look(table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.setAlternatingRowColors(True)
        # Sizes measured with the font drawn (the style sheet's alone leaves the kiosk's large font there).
        font = QFont(table.font())
        font.setPixelSize(14)
        table.setFont(font)
        table.horizontalHeader().setFont(font)

    def _t(self, key: str, **fields: object) -> str:
        return self._ui_text.get(self._lang, f"hub_window.{key}", **fields)

    # -- public ------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self._lang

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        """Every word in the window, in the language chosen now (results and choices kept)."""
        self.setWindowTitle(self._t("window_title"))
        self.heading.setText(self._t("window_title"))
        self.language_button.setText(self._t("switch_language"))
        self.database_label.setText(self._t("database", db=self._database_shown or self._db or "-"))
        self.import_title.setText(self._t("import_title"))
        self.import_intro.setText(self._t("import_intro"))
        self.folder_button.setText(self._t("choose_folder"))
        self.drives_button.setText(self._t("look_for_drives"))
        self.no_drives.setText(self._t("no_drives"))
        self.results_table.setHorizontalHeaderLabels([self._t("col_folder"), self._t("col_result")])
        self.points_title.setText(self._t("points_title"))
        self.points_table.setHorizontalHeaderLabels(
            [self._t(f"col_{name}") for name in ("point", "commune", "province", "last_day", "key")]
        )
        self.no_points.setText(self._t("no_points"))
        self.report_title.setText(self._t("report_title"))
        self.month_label.setText(self._t("month"))
        self.commune_label.setText(self._t("commune"))
        self.demo_box.setText(self._t("demo"))
        self.out_button.setText(self._t("choose_out"))
        self.save_button.setText(self._t("save_report"))
        self._show_drives()
        self._show_results()
        self._show_points()
        self._show_out()
        self._show_status()
        self._show_report_note()

    def start(self) -> None:
        """Read the points and look for sticks (when the window opens)."""
        self.refresh_points()
        self.look_for_drives()

    def refresh_points(self) -> None:
        worker.run_in_background(
            functools.partial(list_kiosks, self._db), self._on_points, self._on_failed, what="list hub kiosks"
        )

    def look_for_drives(self) -> None:
        try:
            self.drives = list(self._list_drives())
        except OSError as error:
            log.warning("could not list the USB sticks: %s", error)
            self.drives = []
        self._show_drives()

    def import_folders(self, chosen: Sequence[Path]) -> None:
        """Check and store the exports in ``chosen`` off the GUI thread; a line per export folder."""
        if self.busy or not chosen:
            return
        self._set_busy(True)
        self._say("importing", {"done": 0, "total": "…", "folder": chosen[0].name}, error=False)
        worker.run_in_background(
            functools.partial(import_paths, self._db, list(chosen)),
            self._on_imported,
            self._on_failed,
            what="import exports into the hub",
            on_progress=self._on_import_progress,
        )

    def choose_out_folder(self, folder: Path) -> None:
        self.out_folder = folder
        self._show_out()

    def save(self) -> None:
        """Write the chosen month's report (commune or all) into the chosen folder, off the GUI thread."""
        if self.busy:
            return
        if self.out_folder is None:
            self._report_note = ("choose_out_first", {}, True)
            self._show_report_note()
            return
        month = str(self.month_box.currentData())
        commune = self.commune_box.currentData()
        self._set_busy(True)
        self._report_note = None
        self._show_report_note()
        self._say("saving", {"month": month}, error=False)
        worker.run_in_background(
            functools.partial(
                save_report,
                self._db,
                month,
                commune if isinstance(commune, str) else None,
                self.out_folder,
                include_demo=self.demo_box.isChecked(),
            ),
            self._on_saved,
            functools.partial(self._on_save_failed, self.out_folder, commune),
            what="write a hub report",
        )

    def result_texts(self) -> list[str]:
        """Each export folder's line as shown (tests)."""
        return [self._result_text(result) for result in self.results]

    # -- dialogs (tests call the methods behind them) --------------------------------------
    def _on_choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self._t("choose_folder"))
        if chosen:
            self.import_folders([Path(chosen)])

    def _on_choose_out(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self._t("choose_out"))
        if chosen:
            self.choose_out_folder(Path(chosen))

    def _on_save_clicked(self) -> None:
        self.save()

    def _on_language_clicked(self) -> None:
        self.set_language(LANGUAGES[(LANGUAGES.index(self._lang) + 1) % len(LANGUAGES)])

    def _on_drive_clicked(self, drive: Drive) -> None:
        self.import_folders([drive.path])

    # -- results -------------------------------------------------------------------------
    def _on_import_progress(self, progress: ImportProgress) -> None:
        shown = min(progress.done + 1, progress.total)
        self._say(
            "importing", {"done": shown, "total": progress.total, "folder": progress.folder.name}, error=False
        )

    def _on_imported(self, results: list[FolderResult]) -> None:
        self._set_busy(False)
        self.results = results + self.results
        refused = sum(1 for result in results if result.outcome is Outcome.REFUSED)
        self._say(
            "import_done",
            {"imported": len(results) - refused, "total": len(results), "refused": refused},
            error=bool(refused),
        )
        self._show_results()
        self.imported.emit()
        self.refresh_points()

    def _on_points(self, kiosks: list[KioskRow]) -> None:
        self.kiosks = kiosks
        self._show_points()
        self.points_shown.emit()

    def _on_saved(self, saved: SavedReport) -> None:
        self._set_busy(False)
        self.saved = saved
        self._report_note = ("saved", {}, False)
        self._say("ready", {}, error=False)
        self._show_report_note()
        self.report_done.emit()

    def _on_save_failed(self, folder: Path, commune: object, error: Exception) -> None:
        self._set_busy(False)
        self.saved = None
        if isinstance(error, NoPointsError):
            if isinstance(commune, str):
                self._report_note = ("no_data_commune", {"commune": commune}, True)
            else:
                self._report_note = ("no_data_all", {}, True)
        elif isinstance(error, OSError):
            self._report_note = ("write_failed", {"folder": folder, "reason": _reason(error)}, True)
        else:
            self._report_note = self._failure(error)
        self._say("ready", {}, error=False)
        self._show_report_note()
        self.report_done.emit()

    def _on_failed(self, error: Exception) -> None:
        """An import or the points' list failed as a whole (the database, most often)."""
        was_busy = self.busy
        self._set_busy(False)
        key, fields, _ = self._failure(error)
        self._say(key, fields, error=True)
        if was_busy:
            self.imported.emit()
        else:
            self.points_shown.emit()

    @staticmethod
    def _failure(error: Exception) -> tuple[str, dict[str, object], bool]:
        from kiosk.hub.db import HubDatabaseError

        if isinstance(error, HubDatabaseError):
            return ("db_failed", {"reason": str(error)}, True)
        return ("failed", {"reason": _reason(error)}, True)

    # -- showing -------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        for widget in (self.folder_button, self.drives_button, self.save_button, *self._drive_buttons()):
            widget.setEnabled(not busy)

    def _say(self, key: str, fields: dict[str, object], *, error: bool) -> None:
        self._status = (key, fields, error)
        self._show_status()

    def _show_status(self) -> None:
        key, fields, error = self._status
        self.status.setText(self._t(key, **fields))
        self.status.setProperty("role", "wrong" if error else "status")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def _drive_buttons(self) -> list[QWidget]:
        found = (self.drive_list.itemAt(i) for i in range(self.drive_list.count()))
        return [widget for item in found if item is not None and (widget := item.widget()) is not None]

    def _show_drives(self) -> None:
        for widget in self._drive_buttons():
            self.drive_list.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        for drive in self.drives:
            button = QPushButton(self._t("drive", name=drive.name))
            button.setObjectName("drive")
            button.setEnabled(not self.busy)
            button.clicked.connect(functools.partial(self._on_drive_clicked, drive))
            self.drive_list.addWidget(button)
        self.no_drives.setVisible(not self.drives)

    def _result_text(self, result: FolderResult) -> str:
        point = result.point
        if result.outcome is Outcome.REFUSED:
            return self._t("refused", reason=result.reason)
        if result.outcome is Outcome.ALREADY:
            return self._t("already", point=point)
        text = self._t(
            "imported",
            point=point,
            added=result.days_added,
            replaced=result.days_replaced,
            same=result.days_same,
        )
        if result.days_kept:
            text += " " + self._t("kept", kept=result.days_kept)
        if result.pinned:
            text += " " + self._t("pinned", fingerprint=result.pinned)
        return text

    def _show_results(self) -> None:
        table = self.results_table
        table.setRowCount(len(self.results))
        for row, result in enumerate(self.results):
            folder = QTableWidgetItem(result.folder.name)
            folder.setToolTip(str(result.folder))
            text = QTableWidgetItem(self._result_text(result))
            text.setToolTip(text.text())
            if result.outcome is Outcome.REFUSED:
                text.setForeground(Qt.GlobalColor.darkRed)
            table.setItem(row, 0, folder)
            table.setItem(row, 1, text)
        table.resizeRowsToContents()

    def _show_points(self) -> None:
        table = self.points_table
        table.setRowCount(len(self.kiosks))
        for row, kiosk in enumerate(self.kiosks):
            cells = (
                kiosk.point,
                kiosk.commune,
                kiosk.province,
                kiosk.last_day.isoformat() if kiosk.last_day else "-",
                _two_lines(kiosk.fingerprint) if kiosk.fingerprint else self._t("key_forgotten"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{kiosk.kiosk_id}: {text}")
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        self.no_points.setVisible(not self.kiosks)
        # The communes to choose from: those of the points (all first).
        chosen = self.commune_box.currentData()
        self.commune_box.blockSignals(True)
        self.commune_box.clear()
        self.commune_box.addItem(self._t("all_communes"), None)
        for commune in sorted({kiosk.commune for kiosk in self.kiosks if kiosk.commune}):
            self.commune_box.addItem(commune, commune)
        index = self.commune_box.findData(chosen) if chosen is not None else 0
        self.commune_box.setCurrentIndex(max(index, 0))
        self.commune_box.blockSignals(False)

    def _show_out(self) -> None:
        folder = self.out_folder
        self.out_label.setText(self._t("out_folder", folder=folder) if folder else self._t("out_none"))

    def _show_report_note(self) -> None:
        note = self._report_note
        if note is None:
            self.report_result.setText("")
            self.report_result.hide()
            return
        key, fields, error = note
        if key == "saved" and self.saved is not None:
            saved = self.saved
            lines = [self._t("saved", folder=saved.folder)]
            # The workbook and the PDF by name, the CSVs (one per sheet) beside them.
            lines += [f"  {path.name}" for path in saved.files[:2]]
            lines.append("  " + self._t("csv_files", count=len(saved.files) - 2))
            lines.append(self._t("withheld", points=saved.points, withheld=saved.withheld))
            if self.demo_box.isChecked():
                lines.append(self._t("demo_counted"))
            text = "\n".join(lines)
        else:
            text = self._t(key, **fields)
        self.report_result.setText(text)
        self.report_result.setProperty("role", "wrong" if error else "body")
        self.report_result.style().unpolish(self.report_result)
        self.report_result.style().polish(self.report_result)
        self.report_result.show()


def _two_lines(fingerprint: str) -> str:
    """``51BF 37C4 86BF D25C`` over ``0D65 7279 F587 4535``: a fingerprint in a narrow column."""
    groups = fingerprint.split()
    half = (len(groups) + 1) // 2
    return " ".join(groups[:half]) + "\n" + " ".join(groups[half:])


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def run_hub_window(db: str | None) -> int:
    """Open the window on the hub database ``db`` and run until it is closed."""
    import asyncio

    from PySide6.QtWidgets import QApplication
    from sqlalchemy.engine import make_url

    from kiosk.hub.db import database_url
    from kiosk.system import paths

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("kiosk-hub")
    # Imported after PySide6 (qasync would look for other Qt bindings first).
    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    from ui.runtime.qt_setup import load_fonts

    # The kiosk's own fonts: every Vietnamese letter shows, whatever the office's computer has.
    load_fonts()
    ui_text = UiText.load(paths.ui_text_dir())
    try:
        shown = make_url(database_url(db)).render_as_string(hide_password=True)
    except Exception as error:  # a wrong --db is told in the window, where the office reads it
        shown = f"{db} ({error})"
    window = HubWindow(ui_text, db, database_shown=shown)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.start()
    with loop:
        # qasync's run_forever returns QApplication.exec()'s exit code, when the window is closed.
        code = loop.run_forever()
    return int(code or 0)
