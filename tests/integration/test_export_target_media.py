"""An export goes only to the stick's own device: a file system mounted at
``<stick>/digital-literacy-kiosk`` (or reached through it) is refused, and nothing is written."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.export.errors import ExportError, ExportTrouble
from kiosk.export.files import PRODUCT_FOLDER
from tests.helpers.mounts import tmpfs
from tests.helpers.stats import PlannedVisit, export, fill


def test_a_product_folder_on_another_device_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "data" / "statistics.sqlite3"
    fill(database, [(datetime(2026, 11, 20, 2, 37, tzinfo=UTC), PlannedVisit())])
    with tmpfs(tmp_path / "stick", "1m") as stick, tmpfs(stick / PRODUCT_FOLDER, "1m") as other:
        with pytest.raises(ExportError) as raised:
            export(database, stick)
        assert raised.value.trouble is ExportTrouble.BLOCKED
        assert raised.value.message.startswith(
            f"{other} is on another device than the stick (something is mounted there), so the export "
            "cannot go there. Nothing was written"
        )
        assert list(other.iterdir()) == []
