"""The printer and paper settings (issue 3): defaults, validation, and old files still loading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.handouts import PaperSize
from kiosk.system import settings as store
from kiosk.system.settings import PAPER_KINDS, Settings, SettingsError


def test_defaults_print_a4_on_the_cups_default() -> None:
    assert Settings().printer == ""
    assert PaperSize(Settings().paper) is PaperSize.A4


def test_paper_kinds_are_the_handout_sizes() -> None:
    assert set(PAPER_KINDS) == {size.value for size in PaperSize}


def test_printer_and_paper_are_saved(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    chosen = Settings(printer="Xprinter_XP-80", paper="receipt")
    store.save(chosen, path)
    assert store.load(path) == chosen


def test_file_without_printer_keys_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 1, "point_name": "Chợ Bắc Hà"}), encoding="utf-8")
    assert store.load(path) == Settings(point_name="Chợ Bắc Hà")


@pytest.mark.parametrize("printer", ["Office Printer", "a/b", "lp#1", "-o", " P", "P\n", "x" * 128])
def test_printer_must_be_a_queue_name(printer: str) -> None:
    with pytest.raises(SettingsError, match="printer"):
        Settings(printer=printer).validate()


@pytest.mark.parametrize("paper", ["A4", "letter", ""])
def test_paper_must_be_known(paper: str) -> None:
    with pytest.raises(SettingsError, match="paper"):
        Settings(paper=paper).validate()
