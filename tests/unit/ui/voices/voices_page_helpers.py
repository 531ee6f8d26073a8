"""The "Record voices" page on a host window, with a tiny tutorial that has a real picture.

Plain functions (not a conftest) so the integration test of a real recording uses them too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.system import paths
from kiosk.voices.items import Item
from tests.helpers.organiser import host_window
from tests.helpers.qt import ui_text
from tests.unit.kiosk.voices.voice_helpers import UI_WORDS, tutorial
from ui.organiser.voices_page import VoiceContent, VoicesPage, content_of

ROOT = Path(__file__).resolve().parents[4]
PICTURE = ROOT / "content/packs/core/tutorials/vneid-install/images/01-open-store.svg"
TUTORIAL = "vneid-install"
OPEN_STORE = Item(TUTORIAL, "open-store")
FAKE_CALL = Item(TUTORIAL, "fake-call")
FAKE_CALL_WHY = Item(TUTORIAL, "fake-call.why")


def small_content(folder: Path) -> VoiceContent:
    """One tutorial (a step, a quiz step and its reason) and a few interface words."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PICTURE, folder / "step.svg")
    return content_of([tutorial(folder=folder)], UI_WORDS)


def open_page(qtbot: QtBot, folder: Path, hosts: list[QWidget], lang: str = "en") -> VoicesPage:
    window = host_window(qtbot)
    hosts.append(window)
    content = small_content(folder / "lesson")
    page = VoicesPage(ui_text(), lang, content=lambda: content, parent=window)
    page.setGeometry(window.rect())
    page.show()
    page.start()
    return page


def voices_root() -> Path:
    return paths.data_dir() / "voices"
