"""The ordered start-up, end to end: real content, a real data dir, the real window."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.pins import PinRole, PinStore
from kiosk.stats.db import open_database
from kiosk.stats.failures import Trouble
from kiosk.stats.startup import check_database
from kiosk.system import logs, paths
from kiosk.system import settings as settings_store
from kiosk.system.settings import Settings
from tests.helpers.clock import FakeClock
from tests.helpers.mounts import run, tmpfs
from tests.helpers.organiser import TEST_COST
from tests.helpers.qt import Kiosk, ui_text
from ui.app import KioskApp
from ui.main import start
from ui.shell.window import Screen

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def started(qtbot: QtBot, argv: list[str], clock: Callable[[], float] = time.monotonic) -> Iterator[KioskApp]:
    kiosk_app = start(argv, clock=clock)
    try:
        qtbot.waitExposed(kiosk_app.window)
        yield kiosk_app
    finally:
        kiosk_app.close()
        # start() installed the global hooks and logging; leave the interpreter as other tests expect it.
        sys.excepthook = sys.__excepthook__
        logs.close()


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
        assert len(ids) == len(list((REPO / "content/packs/core/tutorials").iterdir())) - 1
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
    tutorial = content / "packs" / "core" / "tutorials" / "vneid-install" / "tutorial.yaml"
    text = tutorial.read_text(encoding="utf-8")
    tutorial.write_text(text.replace("qr: https://vneid.gov.vn", "qr: https://vneid.gov.vn.example.com"))
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


# -- a data dir that cannot be written: read-only (flash fails that way) or full ---------------
POINT = "Nhà văn hóa thôn Bản Lang"
ORGANISER_PIN = "582914"
# The files a kiosk keeps in its data dir (kiosk.system.paths), each replaced by a named pipe.
DATA_FILES = (
    "settings.json",
    "kiosk-id",
    "pins.json",
    "content-cache.pickle",
    "content-trust.json",
    "statistics.sqlite3",
    "statistics.high-water.json",
    "logs/kiosk.log",
    "logs/faults.log",
    "installed-content/state.json",
)


def _leave_state(folder: Path) -> None:
    """What a kiosk left in its data dir before the disk failed: settings, statistics, a PIN, a log."""
    settings_store.save(Settings(point_name=POINT, paper="receipt"), folder / "settings.json")
    open_database(folder / "statistics.sqlite3").close()
    PinStore(folder / "pins.json", cost=TEST_COST).set_pin(PinRole.ORGANISER, ORGANISER_PIN)
    (folder / "logs").mkdir()
    (folder / "logs" / "kiosk.log").write_text("", encoding="utf-8")


@contextmanager
def read_only_disk(folder: Path) -> Iterator[Path]:
    """A real read-only file system (EROFS) holding a kiosk's earlier state."""
    with tmpfs(folder, "16m") as disk:
        _leave_state(disk)
        run("mount", "-o", "remount,ro", str(disk))
        yield disk


@contextmanager
def full_disk(folder: Path) -> Iterator[Path]:
    """A real full file system (ENOSPC) holding a kiosk's earlier state."""
    with tmpfs(folder, "256k") as disk:
        _leave_state(disk)
        for sidecar in ("statistics.sqlite3-wal", "statistics.sqlite3-shm"):
            (disk / sidecar).unlink(missing_ok=True)
        with (disk / "filler").open("wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
                    filler.flush()
            except OSError:
                pass
        yield disk


def _serve_a_visit(kiosk: Kiosk) -> None:
    """A visitor starts, picks English, follows a whole tutorial and ends at the start screen again."""
    window = kiosk.window
    assert kiosk.screen() is Screen.START
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["en"])
    window.open_tutorial("vneid-install")
    quiz = window.player_screen.quiz
    for step in window._catalogue.tutorial("vneid-install").steps:
        if step.answer is not None:
            # Next waits for an answer to a drill question.
            kiosk.tap(quiz.scam_button if step.answer.value == "scam" else quiz.safe_button, after_s=5.0)
        kiosk.tap(window.player_screen.next_button, after_s=5.0)
    assert kiosk.screen() is Screen.FINISH
    kiosk.tap(window.finish_screen.end_button)
    assert kiosk.screen() is Screen.START
    assert window.session.tutorial_id is None


def _organiser_reads_the_note(kiosk: Kiosk, key: str, folder: Path, lang: str = "vi") -> None:
    """The organiser comes in with the PIN set before the disk failed, and the dashboard tells them."""
    window = kiosk.window
    QTest.keyClick(
        window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert window.organiser is not None
    screen = window.organiser.screen
    for digit in ORGANISER_PIN:
        kiosk.tap(screen.pin_pad.digit_buttons[digit])
    kiosk.tap(screen.pin_pad.ok_button)
    board = screen.dashboard
    kiosk.qtbot.waitUntil(lambda: board.isVisible(), timeout=30_000)
    assert board.notice.isVisible()
    expected = kiosk.ui_text.get(lang, f"organiser.dashboard.{key}", folder=str(folder))
    assert expected in board.notice_text.text()


def _started_kiosk(qtbot: QtBot, kiosk_app: KioskApp, clock: FakeClock) -> Kiosk:
    return Kiosk(kiosk_app.window, clock, qtbot, ui_text())


def test_a_read_only_data_dir_starts_and_serves_visitors_without_statistics(
    qtbot: QtBot, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with read_only_disk(tmp_path / "disk") as disk:
        clock = FakeClock()
        with started(qtbot, ["--data-dir", str(disk)], clock) as kiosk_app:
            window = kiosk_app.window
            # The settings of before are read; the statistics are off, and say why.
            assert window.windowTitle() == POINT
            assert window.statistics is not None
            unavailable = window.statistics.unavailable
            assert unavailable is not None and unavailable.trouble is Trouble.READ_ONLY
            kiosk = _started_kiosk(qtbot, kiosk_app, clock)
            _serve_a_visit(kiosk)
            _organiser_reads_the_note(kiosk, "data_dir_read_only", disk)
        said = capfd.readouterr().err
        assert f"{disk / 'logs' / 'kiosk.log'} cannot be opened (the disk is read-only)" in said
        assert f"the data folder {disk} cannot be written: the disk is read-only" in said
        assert "Traceback" not in said
        assert (disk / "logs" / "kiosk.log").read_text(encoding="utf-8") == ""


def test_a_full_data_dir_starts_and_says_the_disk_is_full(
    qtbot: QtBot, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with full_disk(tmp_path / "disk") as disk:
        # The database's own check names the full disk, not SQLite's "disk I/O error" (D8).
        check = check_database(disk / "statistics.sqlite3")
        assert check.unavailable is not None
        assert check.unavailable.trouble is Trouble.DISK_FULL, check.unavailable.detail
        assert "The disk is full" in check.unavailable.message
        clock = FakeClock()
        with started(qtbot, ["--data-dir", str(disk)], clock) as kiosk_app:
            assert kiosk_app.window.windowTitle() == POINT
            statistics = kiosk_app.window.statistics
            assert statistics is not None and statistics.unavailable is not None
            assert statistics.unavailable.trouble is Trouble.DISK_FULL
            kiosk = _started_kiosk(qtbot, kiosk_app, clock)
            _serve_a_visit(kiosk)
            _organiser_reads_the_note(kiosk, "data_dir_full", disk)
            # Space is freed while the kiosk runs: the note goes the next time the dashboard is shown.
            (disk / "filler").unlink()
            organiser = kiosk.window.organiser
            assert organiser is not None
            dashboard = organiser.screen.dashboard
            dashboard.refresh()
            assert not dashboard.notice.isVisibleTo(dashboard)
        said = capfd.readouterr().err
        # The log file opens on a full disk, but refuses every line: they go to stderr, once explained.
        assert said.count(f"{disk / 'logs' / 'kiosk.log'} cannot be written (the disk is full)") == 1
        assert f"the data folder {disk} cannot be written: the disk is full" in said
        assert "Logging error" not in said and "Traceback" not in said
        assert "input/output error" not in said


def _wait_ready(receiver: socket.socket, seconds: float) -> str | None:
    receiver.settimeout(seconds)
    try:
        return receiver.recv(4096).decode()
    except TimeoutError:
        return None


def test_the_real_kiosk_process_starts_on_a_read_only_data_dir(tmp_path: Path) -> None:
    """Started as systemd starts it: READY=1 comes only after the first paint, and nothing crashes."""
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(str(tmp_path / "notify"))
    environment = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "NOTIFY_SOCKET": str(tmp_path / "notify"),
    }
    with read_only_disk(tmp_path / "disk") as disk:
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "ui", "--kiosk", "--data-dir", str(disk)],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            ready = _wait_ready(receiver, 60.0)
            assert kiosk.poll() is None, "the kiosk stopped"
        finally:
            kiosk.send_signal(signal.SIGKILL)
            _, errors = kiosk.communicate(timeout=30)
            receiver.close()
    assert ready is not None and ready.startswith("READY=1"), errors
    assert "Window shown (kiosk mode)" in errors
    assert "Traceback" not in errors, errors


def test_named_pipes_in_place_of_every_data_file_never_hold_the_start(tmp_path: Path) -> None:
    """``mkfifo settings.json; timeout 10 kiosk --self-test`` (L14), and so for each file the kiosk keeps."""
    state = tmp_path / "state"
    for name in DATA_FILES:
        (state / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(state / name)
    environment = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    started_at = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--self-test", "--data-dir", str(state)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    took = time.monotonic() - started_at
    assert "Traceback" not in result.stderr, result.stderr
    assert f"Settings file {state / 'settings.json'} is a named pipe, not a plain file" in result.stderr
    assert "self-test: ok data dir" in result.stdout
    assert "self-test: ok screen" in result.stdout, result.stdout
    assert took < 30, f"the self-test took {took:.0f} s"


def test_named_pipes_in_place_of_every_data_file_are_refused_by_a_start(
    qtbot: QtBot, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state"
    for name in DATA_FILES:
        (state / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(state / name)
    clock = FakeClock()
    with started(qtbot, ["--data-dir", str(state)], clock) as kiosk_app:
        assert kiosk_app.window.windowTitle() == Settings().point_name
        _serve_a_visit(_started_kiosk(qtbot, kiosk_app, clock))
    said = capfd.readouterr().err
    assert f"{state / 'logs' / 'kiosk.log'} cannot be opened (it is a named pipe, not a plain file)" in said
    assert "statistics.sqlite3 set aside as statistics.damaged-" in said
    # Every pipe the kiosk did not replace is still a pipe: none was opened and written into.
    assert stat.S_ISFIFO((state / "logs" / "kiosk.log").lstat().st_mode)
