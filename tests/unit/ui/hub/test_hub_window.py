"""The district office's window: real exports of two demo kiosks imported, the points listed, a report saved.

The exports are made by the kiosk's own code from demo data (tests/unit/kiosk/hub/kiosks.py),
into a folder laid out as a stick; the hub database is a real SQLite file in the test's folder.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from kiosk.system.removable import Drive
from tests.helpers.qt import qasync_loop, settle, show_alone, ui_text
from tests.unit.kiosk.hub.kiosks import DemoKiosk, export, last_month, make_kiosk
from ui.hub.window import HubWindow
from ui.hub.work import Outcome


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def _header(table: QTableWidget, column: int) -> str:
    item = table.horizontalHeaderItem(column)
    assert item is not None, column
    return item.text()


@dataclass(frozen=True)
class Stick:
    kiosks: list[DemoKiosk]
    folders: list[Path]
    path: Path


@pytest.fixture(scope="module")
def stick(tmp_path_factory: pytest.TempPathFactory) -> Stick:
    base = tmp_path_factory.mktemp("hub-window-kiosks")
    kiosks = [
        make_kiosk(base, "Chợ Bắc Hà", "Bắc Hà", "Lào Cai", 80),
        make_kiosk(base, "Trạm y tế Tả Van", "Tả Van", "Lào Cai", 40),
    ]
    path = base / "KIOSK-USB"
    folders = [export(kiosk, path) for kiosk in kiosks]
    return Stick(kiosks, folders, path)


# The hosts of the windows open now (a host dropped by Python would delete its window).
HOSTS: list[QWidget] = []


@pytest.fixture(autouse=True)
def _hosts() -> Iterator[None]:
    yield
    HOSTS.clear()


def open_window(qtbot: QtBot, db: Path, lang: str = "en", drives: list[Drive] | None = None) -> HubWindow:
    # Inside a host of the screen's size, as the other pages' tests show theirs: the offscreen
    # platform warns when a top-level window's size hints change.
    host = QWidget()
    show_alone(qtbot, host, 1366, 768)
    HOSTS.append(host)
    window = HubWindow(ui_text(), str(db), lang=lang, list_drives=lambda: drives or [], parent=host)
    window.setGeometry(host.rect())
    window.show()
    return window


def fingerprint(folder: Path) -> str:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return str(manifest["kiosk_key"]["fingerprint"])


def test_two_exports_are_imported_listed_and_reported(qtbot: QtBot, tmp_path: Path, stick: Stick) -> None:
    drive = Drive(stick.path, "KIOSK-USB", writable=True, free_bytes=1 << 30)
    with qasync_loop():
        window = open_window(qtbot, tmp_path / "hub", drives=[drive])
        with qtbot.waitSignal(window.points_shown, timeout=30_000):
            window.start()
        assert window.points_table.rowCount() == 0 and window.no_points.isVisible()
        # The stick is offered as a button; a tap imports every export folder on it.
        [button] = window.findChildren(type(window.save_button), "drive")
        assert button.text() == "Import from KIOSK-USB"
        with qtbot.waitSignal(window.imported, timeout=60_000):
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            assert window.busy and window.progress.isVisible()
        assert [result.outcome for result in window.results] == [Outcome.IMPORTED, Outcome.IMPORTED]
        # Each folder's line (the stick's folders come in the order of their names).
        lines = dict(zip([result.folder for result in window.results], window.result_texts(), strict=True))
        line = lines[stick.folders[0]]
        assert line.startswith("imported (Chợ Bắc Hà (Bắc Hà, Lào Cai)): ")
        assert line.endswith(f"Key {fingerprint(stick.folders[0])} pinned for this kiosk.")
        assert window.status.text() == "2 of 2 export folders imported, 0 refused."
        assert not window.progress.isVisible()
        qtbot.waitUntil(lambda: window.points_table.rowCount() == 2, timeout=30_000)
        rows = [[_cell(window.points_table, row, column) for column in range(5)] for row in range(2)]
        kiosk_a, kiosk_b = stick.kiosks
        assert [row[:3] for row in rows] == [
            [kiosk_a.name, "Bắc Hà", "Lào Cai"],
            [kiosk_b.name, "Tả Van", "Lào Cai"],
        ]
        # The fingerprint over two lines, in a narrow column.
        assert rows[0][4].replace("\n", " ") == fingerprint(stick.folders[0])
        assert rows[1][4].replace("\n", " ") == fingerprint(stick.folders[1])
        assert all(row[3] != "-" for row in rows)
        # The communes to report on: all, or one of the points'.
        assert [window.commune_box.itemText(i) for i in range(window.commune_box.count())] == [
            "All communes",
            "Bắc Hà",
            "Tả Van",
        ]

        # The report of last month, all communes, demo data counted (the kiosks hold only demo data).
        window.month_box.setCurrentIndex(window.month_box.findData(last_month()))
        window.demo_box.setChecked(True)
        out = tmp_path / "report"
        window.choose_out_folder(out)
        with qtbot.waitSignal(window.report_done, timeout=120_000):
            QTest.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    workbook = out / f"hub-report-{last_month()}.xlsx"
    assert workbook.is_file() and (out / f"hub-report-{last_month()}.pdf").is_file()
    assert window.saved is not None and workbook in window.saved.files
    shown = window.report_result.text()
    assert shown.startswith(f"Saved in {out}:\n  {workbook.name}\n")
    assert "2 points." in shown and "Demo data is counted" in shown
    book = openpyxl.load_workbook(workbook, read_only=True)
    assert "by-point" in book.sheetnames
    cells = {cell for row in book["by-point"].iter_rows(values_only=True) for cell in row}
    assert {kiosk_a.name, kiosk_b.name} <= cells


def test_a_refused_folder_shows_its_reason_and_the_same_export_again_is_already_there(
    qtbot: QtBot, tmp_path: Path, stick: Stick
) -> None:
    tampered = tmp_path / "tampered" / stick.folders[0].name
    shutil.copytree(stick.folders[0], tampered)
    days = tampered / "day_counts.json"
    days.write_bytes(days.read_bytes().replace(b'"visits": ', b'"visits": 1', 1))
    with qasync_loop():
        window = open_window(qtbot, tmp_path / "hub", lang="vi")
        with qtbot.waitSignal(window.imported, timeout=60_000):
            window.import_folders([tampered])
        [result] = window.results
        assert result.outcome is Outcome.REFUSED and "day_counts.json" in result.reason
        line = window.result_texts()[0]
        assert line.startswith("bị từ chối: ") and line.endswith("Không lưu gì từ thư mục này.")
        assert result.reason in line
        assert _cell(window.results_table, 0, 1) == line
        assert window.status.text() == "Đã nhập 0/1 thư mục bản xuất, từ chối 1."
        with qtbot.waitSignal(window.imported, timeout=60_000):
            window.import_folders([stick.folders[1]])
        with qtbot.waitSignal(window.imported, timeout=60_000):
            window.import_folders([stick.folders[1]])
        # The newest import first.
        assert window.result_texts()[0] == "đã có (Trạm y tế Tả Van (Tả Van, Lào Cai)): không thay đổi gì"
        assert window.results_table.rowCount() == 3
        # A report with no folder chosen, and one of a commune the hub holds nothing of: said in words.
        window.save()
        assert window.report_result.text() == "Hãy chọn thư mục lưu báo cáo trước."
        qtbot.waitUntil(lambda: window.commune_box.count() == 2, timeout=30_000)
        # English at a tap; what is shown is said again in English.
        QTest.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
        assert window.lang == "en"
        assert window.language_button.text() == "Tiếng Việt"
        assert (
            window.result_texts()[0] == "already there (Trạm y tế Tả Van (Tả Van, Lào Cai)): nothing changed"
        )
        assert window.report_result.text() == "Choose a folder for the report first."
        assert window.commune_box.itemText(0) == "All communes"
        assert _header(window.points_table, 3) == "Last report"


def test_a_database_that_cannot_be_used_is_told_in_words(qtbot: QtBot, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("not a database folder")
    with qasync_loop():
        window = open_window(qtbot, not_a_folder)
        with qtbot.waitSignal(window.points_shown, timeout=30_000):
            window.refresh_points()
        settle()
    assert window.status.text().startswith("The hub database cannot be used: ")
    assert "Traceback" not in window.status.text()


def test_kiosk_hub_with_no_action_asks_for_the_window_with_the_same_db() -> None:
    from kiosk.cli import parse, run_core_command

    args = parse(["hub", "--db", "/srv/hub"])
    assert (args.hub_command, args.db) == (None, "/srv/hub")
    # No screen in the core: None tells ui.main to open the window (ui.hub.window.run_hub_window).
    assert run_core_command(args) is None
    # --db before or after the action names the same database.
    assert parse(["hub", "--db", "/srv/hub", "kiosks"]).db == "/srv/hub"
    assert parse(["hub", "kiosks", "--db", "/srv/other"]).db == "/srv/other"
    assert parse(["hub", "kiosks"]).db is None
