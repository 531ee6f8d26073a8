"""``kiosk --self-test``: the real window rendered off screen, and what the organiser reads."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from ui.tools.self_test import drawn_colours, run_self_test

REPO = Path(__file__).resolve().parents[4]


def test_every_check_passes_and_each_says_what_it_saw(qtbot: QtBot, data_dir: Path) -> None:
    out = io.StringIO()
    assert run_self_test(None, out) == 0, out.getvalue()
    lines = out.getvalue().splitlines()
    assert [line.split(":")[1].strip() for line in lines[:7]] == [
        "ok data dir",
        "ok database",
        "ok content",
        "ok handout",
        "ok voices",
        "ok hub",
        "ok screen",
    ]
    assert lines[6].startswith("self-test: ok screen: 1366x768 on offscreen: start screen ")
    assert "first step of vneid-install" in lines[6]
    assert lines[7].startswith("self-test passed: 7 checks in ")
    assert not (data_dir / "statistics.sqlite3").exists()


def test_a_blank_picture_is_told_from_a_drawn_one() -> None:
    blank = QImage(400, 300, QImage.Format.Format_RGB32)
    blank.fill(QColor("black"))
    assert drawn_colours(blank) == (1, 1.0)
    drawn = QImage(blank)
    painter = QPainter(drawn)
    for index, colour in enumerate(("white", "red", "green", "blue")):
        painter.fillRect(index * 100, 0, 100, 150, QColor(colour))
    painter.end()
    colours, flat = drawn_colours(drawn)
    assert colours == 5 and flat < 0.6


def test_the_command_exits_1_with_one_line_per_failed_check(tmp_path: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "KIOSK_CONTENT_DIR": str(tmp_path / "no-content")}
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--self-test", "--data-dir", str(tmp_path / "state")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    data_dir, database, content, handout, voices, hub, screen, summary = result.stdout.splitlines()
    assert data_dir == f"self-test: ok data dir: {tmp_path / 'state'} can be written"
    assert database.startswith(f"self-test: ok database: {tmp_path / 'state' / 'statistics.sqlite3'} created")
    missing = tmp_path / "no-content" / "ui" / "vi.yaml"
    assert content.startswith(f"self-test: FAILED content: UiTextError: {missing}: ")
    assert handout == "self-test: FAILED handout: not built: the content did not load"
    # The recordings and the hub need no content.
    assert voices.startswith("self-test: ok voices: ") and hub.startswith("self-test: ok hub: ")
    assert screen == "self-test: FAILED screen: not rendered: the content did not load"
    assert summary.startswith("self-test FAILED (content, handout, screen) in ")
