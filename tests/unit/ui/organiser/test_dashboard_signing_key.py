"""The dashboard shows the fingerprint of the key that signs this kiosk's exports, for an office to pin."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.export.identity import kiosk_id
from kiosk.export.kiosk_key import load_or_create
from kiosk.export.verify import check_export, this_kiosk
from kiosk.stats import open_database
from tests.helpers.organiser import TITLES, TODAY, host_window
from tests.helpers.qt import settle, shown_texts, ui_text
from tests.helpers.stats import VIETNAM, PlannedVisit, export, fill
from ui.organiser.dashboard import OrganiserDashboard


def _board(qtbot: QtBot, database_path: Path, lang: str) -> tuple[OrganiserDashboard, str]:
    database = open_database(database_path)
    window = host_window(qtbot)
    board = OrganiserDashboard(
        database, ui_text(), lang, titles=TITLES, today=lambda: TODAY, offset=VIETNAM, parent=window
    )
    board.setGeometry(window.rect())
    board.show()
    settle()
    texts = "\n".join(shown_texts(board))
    database.close()
    return board, texts


def test_the_fingerprint_is_the_one_the_exports_carry(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "stats.sqlite3"
    fill(database, [(datetime(2026, 11, 20, 2, 37, tzinfo=UTC), PlannedVisit())])
    _board_widget, texts = _board(qtbot, database, "en")
    # Made at the first look, and kept: the same key then signs the exports.
    fingerprint = load_or_create().fingerprint
    assert (
        f"This kiosk ({kiosk_id()[:8]}) signs its exports. Its key fingerprint, for the district "
        f"office to check exports with:\n{fingerprint}"
    ) in texts
    stick = tmp_path / "stick"
    stick.mkdir()
    signer = check_export(export(database, stick).folder, own=this_kiosk()).signer
    assert signer is not None and signer.fingerprint == fingerprint
    _board_widget, texts = _board(qtbot, database, "vi")
    # The fingerprint on a line of its own: it never breaks between its groups.
    assert f"Dấu vân tay khoá ký, để phòng cấp huyện kiểm tra bản xuất:\n{fingerprint}" in texts
