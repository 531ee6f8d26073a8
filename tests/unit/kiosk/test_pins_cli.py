"""``kiosk set-pin`` through the real command line, in a process of its own, as an installer runs it."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.pins import PinRole, PinStore

STRONG = "582914"


def set_pin(data_dir: Path, *options: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "--data-dir", str(data_dir), "set-pin", *options],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_pin_piped_in_is_set_and_opens_organiser_mode(tmp_path: Path) -> None:
    result = set_pin(tmp_path, "--organiser", stdin=f"{STRONG}\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"the organiser PIN is set ({tmp_path / 'pins.json'})\n"
    assert (tmp_path / "pins.json").stat().st_mode & 0o777 == 0o600
    assert STRONG not in (tmp_path / "pins.json").read_text()
    store = PinStore(tmp_path / "pins.json")
    assert store.check(PinRole.ORGANISER, STRONG).accepted
    assert not store.is_set(PinRole.VOLUNTEER)


@pytest.mark.parametrize(
    ("pin", "reason"),
    [
        ("1234", "a new PIN has 6 to 8 digits"),
        ("123456", "it is a run of digits"),
        ("111111", "it repeats one digit or a short group"),
        ("24121975", "it is a date"),
        ("", "no PIN on standard input"),
    ],
)
def test_a_weak_pin_is_refused_and_nothing_is_written(tmp_path: Path, pin: str, reason: str) -> None:
    result = set_pin(tmp_path, "--organiser", stdin=f"{pin}\n" if pin else "")
    assert result.returncode == 1
    assert reason in result.stdout
    assert not (tmp_path / "pins.json").exists()


def test_the_volunteers_pin_may_not_be_the_organisers(tmp_path: Path) -> None:
    assert set_pin(tmp_path, "--organiser", stdin=f"{STRONG}\n").returncode == 0
    result = set_pin(tmp_path, "--volunteer", stdin=f"{STRONG}\n")
    assert result.returncode == 1 and "already another role's PIN" in result.stdout
    assert set_pin(tmp_path, "--volunteer", stdin="604917\n").returncode == 0
    assert PinStore(tmp_path / "pins.json").check(PinRole.VOLUNTEER, "604917").accepted


def test_if_unset_leaves_a_pin_as_it_is(tmp_path: Path) -> None:
    assert set_pin(tmp_path, "--organiser", stdin=f"{STRONG}\n").returncode == 0
    before = (tmp_path / "pins.json").read_text()
    result = set_pin(tmp_path, "--organiser", "--if-unset", stdin="604917\n")
    assert result.returncode == 0
    assert result.stdout == "the organiser PIN is already set; it was left as it is\n"
    assert (tmp_path / "pins.json").read_text() == before


def test_a_damaged_file_is_replaced_only_on_purpose(tmp_path: Path) -> None:
    (tmp_path / "pins.json").write_text('{"schema_version": 1, "pins": {"organiser": {}}, "lockout": {}}')
    refused = set_pin(tmp_path, "--organiser", "--if-unset", stdin=f"{STRONG}\n")
    assert refused.returncode == 1
    assert "pins.organiser.salt is missing or not text" in refused.stdout
    assert f"to replace it: sudo kiosk --data-dir {tmp_path} set-pin --organiser" in refused.stdout
    reset = set_pin(tmp_path, "--organiser", stdin=f"{STRONG}\n")
    assert reset.returncode == 0, reset.stdout + reset.stderr
    kept = list(tmp_path.glob("pins.json.broken-*"))
    assert len(kept) == 1 and f"kept as {kept[0]}" in reset.stdout
    assert PinStore(tmp_path / "pins.json").check(PinRole.ORGANISER, STRONG).accepted


@pytest.mark.skipif(os.geteuid() != 0, reason="giving files to another user needs root")
def test_root_gives_the_files_to_the_data_dirs_owner(tmp_path: Path) -> None:
    data_dir = tmp_path / "state"
    data_dir.mkdir()
    os.chown(data_dir, 65534, 65534)
    assert set_pin(data_dir, "--organiser", stdin=f"{STRONG}\n").returncode == 0
    for name in ("pins.json", "pins.json.lock"):
        status = (data_dir / name).stat()
        assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (65534, 65534, 0o600), name


class Terminal:
    """The parent's end of a pseudo-terminal: what was shown, and typing."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor
        self.shown = ""
        self._read_to = 0

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        """Read until ``text`` shows after what an earlier wait found."""
        deadline = time.monotonic() + timeout
        while (found := self.shown.find(text, self._read_to)) < 0:
            assert time.monotonic() < deadline, self.shown
            ready, _, _ = select.select([self.descriptor], [], [], 0.2)
            if ready:
                try:
                    self.shown += os.read(self.descriptor, 4096).decode("utf-8", "replace")
                except OSError:
                    break
        assert found >= 0, self.shown
        self._read_to = found + len(text)

    def type(self, line: str) -> None:
        os.write(self.descriptor, f"{line}\n".encode())


def _ended(pid: int, timeout: float = 10.0) -> int:
    """The child's wait status; killed if it still waits for typing after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, 9)
    return os.waitpid(pid, 0)[1]


def test_at_a_terminal_the_pin_is_asked_twice_and_never_shown(tmp_path: Path) -> None:
    pid, descriptor = pty.fork()
    if pid == 0:  # the child: the CLI with the pseudo-terminal as its terminal
        os.execv(
            sys.executable,
            [sys.executable, "-m", "ui.main", "--data-dir", str(tmp_path), "set-pin", "--organiser"],
        )
    terminal = Terminal(descriptor)
    try:
        terminal.wait_for("New organiser PIN (6 to 8 digits): ")
        terminal.type("123456")
        terminal.wait_for("it is a run of digits (like 123456 or 654321). Please choose another.")
        terminal.wait_for("New organiser PIN (6 to 8 digits): ")
        terminal.type(STRONG)
        terminal.wait_for("The same PIN again: ")
        terminal.type("604917")
        terminal.wait_for("The two PINs were not the same. Please choose the PIN again.")
        terminal.wait_for("New organiser PIN (6 to 8 digits): ")
        terminal.type(STRONG)
        terminal.wait_for("The same PIN again: ")
        terminal.type(STRONG)
        terminal.wait_for("the organiser PIN is set")
    finally:
        status = _ended(pid)
        os.close(descriptor)
    assert os.waitstatus_to_exitcode(status) == 0, terminal.shown
    # getpass turned the echo off: the digits typed never appeared.
    assert STRONG not in terminal.shown and "604917" not in terminal.shown
    assert json.loads((tmp_path / "pins.json").read_text())["pins"]["organiser"]["n"] == 2**17
    assert PinStore(tmp_path / "pins.json").check(PinRole.ORGANISER, STRONG).accepted
