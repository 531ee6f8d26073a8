"""The ordered start-up, end to end: real content, a real data dir, the real window."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.system import paths
from ui.app import KioskApp
from ui.main import start
from ui.shell.window import Screen

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def started(qtbot: QtBot, argv: list[str]) -> Iterator[KioskApp]:
    kiosk_app = start(argv)
    try:
        qtbot.waitExposed(kiosk_app.window)
        yield kiosk_app
    finally:
        kiosk_app.close()
        # start() installed the global hooks; leave the interpreter as other tests expect it.
        sys.excepthook = sys.__excepthook__


def _log_text(data_dir: Path) -> str:
    return (data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")


def test_start_up_shows_the_start_screen_with_every_shipped_tutorial(qtbot: QtBot, tmp_path: Path) -> None:
    data_dir = tmp_path / "state"
    with started(qtbot, ["--data-dir", str(data_dir)]) as kiosk_app:
        window = kiosk_app.window
        assert window.isVisible()
        assert window.current is Screen.START
        assert len(window._catalogue.tutorials) >= 8
        assert {"vi", "en"} <= set(window._catalogue.languages)
    log = _log_text(data_dir)
    assert "Kiosk starting" in log
    assert f"Loaded {len(list((REPO / 'content/packs/core/tutorials').iterdir()))} tutorials" in log
    assert paths.data_dir() == data_dir.resolve()


def test_a_broken_tutorial_is_skipped_and_the_rest_run(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    broken = content / "packs" / "core" / "tutorials" / "scam-report" / "tutorial.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nsteps: [\n", encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(content))
    data_dir = tmp_path / "state"
    with started(qtbot, ["--data-dir", str(data_dir)]) as kiosk_app:
        ids = [t.id for t in kiosk_app.window._catalogue.tutorials]
        assert "scam-report" not in ids
        assert "scam-drill" in ids
        assert len(ids) == 7
    assert "scam-report/tutorial.yaml" in _log_text(data_dir)


def test_an_error_in_kiosk_mode_is_logged_and_returns_the_visitor_to_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "state"
    with started(qtbot, ["--kiosk", "--data-dir", str(data_dir)]) as kiosk_app:
        window = kiosk_app.window
        window.open_tutorial("vneid-install", 2)
        assert window.current is Screen.PLAYER
        try:
            raise RuntimeError("a step picture could not be drawn")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: window.current is Screen.START)
        assert window.session.tutorial_id is None
        assert window.isVisible()
    log = _log_text(data_dir)
    assert "a step picture could not be drawn" in log
    assert "back to the start screen" in log


def test_content_commands_need_no_screen_stack(tmp_path: Path) -> None:
    """`kiosk content list` runs without importing PySide6 (organisers script it on any machine)."""
    code = (
        "import sys\n"
        "from ui.main import main\n"
        "rc = main(['content', 'list', '--lang', 'en'])\n"
        "assert 'PySide6' not in sys.modules, 'PySide6 was imported'\n"
        "sys.exit(rc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) >= 8
    assert "vneid-install\tInstall the VNeID app safely" in lines


def test_content_check_exits_1_with_file_and_line_on_broken_content(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    tutorial = content / "packs" / "core" / "tutorials" / "qr-pay-bill" / "tutorial.yaml"
    text = tutorial.read_text(encoding="utf-8")
    tutorial.write_text(
        text.replace("https://binhdanhocvuso.gov.vn", "https://binhdanhocvuso.gov.vn.example.com")
    )
    result = subprocess.run(
        [sys.executable, "-m", "ui.main", "content", "check", str(content)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("qr:"))
    assert f"{tutorial}:{line}: error:" in result.stdout


def test_a_damaged_statistics_file_is_kept_aside_and_the_organiser_told(qtbot: QtBot, tmp_path: Path) -> None:
    data_dir = tmp_path / "state"
    data_dir.mkdir()
    (data_dir / "statistics.sqlite3").write_bytes(b"\x00 torn by a power cut " * 512)
    with started(qtbot, ["--data-dir", str(data_dir)]) as kiosk_app:
        window = kiosk_app.window
        statistics = window.statistics
        assert statistics is not None
        notice = statistics.check.notice
        assert notice is not None and notice.kept_as.parent == data_dir.resolve()
        assert notice.kept_as.read_bytes().startswith(b"\x00 torn by a power cut")
        # The fresh database works, and organiser mode shows the notice on its dashboard.
        assert statistics.recorder() is not None
        organiser = window.organiser
        assert organiser is not None
        assert kiosk_app.loop is not None
        board = organiser.screen.dashboard
        with qtbot.waitSignal(board.figures_shown, timeout=30_000):
            board.refresh()
        assert board.notice.isVisibleTo(board)
        assert notice.kept_as.name in board.notice_text.text()
    assert "is damaged" in _log_text(data_dir)
