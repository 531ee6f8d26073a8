from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk import cli
from kiosk.system.settings import Settings
from tests.helpers.catalogue import make_catalogue
from tests.helpers.qt import ui_text
from ui.tools.screenshots import render_all

SCREENS = (
    "01-start",
    "02-language",
    "03-catalogue",
    "04-player",
    "05-quiz",
    "06-quiz-answered",
    "07-finish",
    "07-finish-score",
    "08-idle",
    "08-idle-phone",
    "09-comfort",
    "10-finish-printing",
    "11-finish-printed",
    "12-finish-print-failed",
    "13-catalogue-printing",
    "14-catalogue-print-failed",
    "15-reading-aloud",
    "16-comfort-reading-aloud",
    "17-no-voice",
)


def test_every_screen_in_every_language_theme_and_size(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "shots"
    written = render_all(
        out,
        settings=Settings(),
        catalogue=make_catalogue(tmp_path / "content"),
        ui_text=ui_text(),
        sizes=[(1366, 768)],
    )
    assert {path.parent for path in written} == {out / "1366x768"}
    expected = {
        f"{lang}-{theme}-{size}-{screen}.png"
        for lang in ("vi", "en")
        for theme in ("default", "high-contrast")
        for size in ("normal", "extra-large")
        for screen in SCREENS
    }
    expected |= {
        f"{lang}-organiser-{page}.png"
        for lang in ("vi", "en")
        for page in (
            "1-pin-set",
            "2-pin-check",
            "3-dashboard",
            "4-export-choose",
            "5-export-done",
            "6-content-choose",
            "7-keys-list",
            "8-keys-check-wrong",
            "9-keys-check-right",
            "10-point",
            "11-voices-consent",
            "12-voices-list",
        )
    }
    assert {path.name for path in written} == expected
    image = QImage(str(out / "1366x768" / "vi-high-contrast-extra-large-04-player.png"))
    assert (image.width(), image.height()) == (1366, 768)
    # High contrast really is dark: the top-left corner (the top bar) is black.
    assert image.pixelColor(2, 2).name() == "#000000"


def test_by_default_the_kiosk_laptop_and_a_full_hd_screen_each_in_its_folder(
    qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "shots"
    scenes = ("03-catalogue", "09-comfort", "16-comfort-reading-aloud")
    written = render_all(
        out,
        settings=Settings(),
        catalogue=make_catalogue(tmp_path / "content"),
        ui_text=ui_text(),
        only=scenes,
    )
    expected = {
        out / folder / f"{lang}-{theme}-{size}-{scene}.png"
        for folder in ("1366x768", "1920x1080")
        for lang in ("vi", "en")
        for theme in ("default", "high-contrast")
        for size in ("normal", "extra-large")
        for scene in scenes
    }
    # Only the scenes asked for: organiser mode is pictured with every scene.
    assert set(written) == expected
    for path in written:
        image = QImage(str(path))
        width, height = (int(number) for number in path.parent.name.split("x"))
        assert (image.width(), image.height()) == (width, height), path


def test_the_command_takes_window_sizes() -> None:
    args = cli.parse(["screenshots", "--out", "shots", "--size", "1600x900", "--size", "1366×768"])
    assert args.sizes == [(1600, 900), (1366, 768)]
    assert args.scenes == []
    assert cli.parse(["screenshots", "--out", "shots"]).sizes == []


@pytest.mark.parametrize("size", ["1366", "1366x", "wide", "100x100", "1366x768x2"])
def test_a_size_it_cannot_read_is_refused_with_an_example(
    size: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        cli.parse(["screenshots", "--out", "shots", "--size", size])
    assert "like 1366x768" in capsys.readouterr().err
