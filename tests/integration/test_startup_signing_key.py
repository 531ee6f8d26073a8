"""At the first start the kiosk makes its export signing key, after the start screen is painted."""

from __future__ import annotations

import stat
import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.export.kiosk_key import load_or_create
from ui.main import start


def test_the_first_start_makes_the_key_once_painted(qtbot: QtBot, tmp_path: Path) -> None:
    data_dir = tmp_path / "state"
    kiosk_app = start(["--data-dir", str(data_dir)])
    key_file = data_dir.resolve() / "kiosk-signing.key"
    try:
        # Nothing of it before the first paint: a passer-by sees the start screen first.
        assert not kiosk_app.window.first_paint_done and not key_file.exists()
        qtbot.waitUntil(lambda: kiosk_app.window.first_paint_done, timeout=10000)
        deadline = time.monotonic() + 10
        while not key_file.exists() and time.monotonic() < deadline:
            qtbot.wait(20)
        assert key_file.is_file()
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        made = key_file.read_bytes()
    finally:
        kiosk_app.close()
        sys.excepthook = sys.__excepthook__
    # The next start keeps it.
    kiosk_app = start(["--data-dir", str(data_dir)])
    try:
        qtbot.waitUntil(lambda: kiosk_app.window.first_paint_done, timeout=10000)
        qtbot.wait(200)
        assert key_file.read_bytes() == made
        assert load_or_create(key_file).fingerprint in made.decode("ascii")
    finally:
        kiosk_app.close()
        sys.excepthook = sys.__excepthook__
