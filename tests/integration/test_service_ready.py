"""The real kiosk process under a stand-in for systemd: READY=1 only once the window is up, then pings.

The kiosk is started as the unit starts it (``--kiosk``, ``$NOTIFY_SOCKET``, ``$WATCHDOG_USEC``,
and ``$WATCHDOG_PID`` naming its parent, as cage is under the unit), off screen.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Generous: a loaded CI machine starts Qt slowly; READY normally comes within a second or two.
READY_TIMEOUT_S = 60.0


def _receive(receiver: socket.socket, until: float) -> str | None:
    receiver.settimeout(max(0.01, until - time.monotonic()))
    try:
        return receiver.recv(4096).decode()
    except TimeoutError:
        return None


def test_the_kiosk_is_ready_after_its_database_check_and_window_then_pings(tmp_path: Path) -> None:
    data_dir = tmp_path / "state"
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(str(tmp_path / "notify"))
    environment = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "NOTIFY_SOCKET": str(tmp_path / "notify"),
        "WATCHDOG_USEC": "1000000",
        "WATCHDOG_PID": str(os.getpid()),
    }
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "ui", "--kiosk", "--data-dir", str(data_dir)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        first = _receive(receiver, deadline)
        assert first is not None, "no READY=1 from the kiosk"
        assert first.split("\n")[0] == "READY=1"
        # Ready means: the database was checked (and made) and the window shown, before this message.
        assert (data_dir / "statistics.sqlite3").is_file()
        log = (data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
        assert "Window shown (kiosk mode)" in log
        pings = [_receive(receiver, time.monotonic() + 5.0) for _ in range(2)]
        assert pings == ["WATCHDOG=1", "WATCHDOG=1"]
        assert kiosk.poll() is None
    finally:
        kiosk.send_signal(signal.SIGKILL)
        _, errors = kiosk.communicate(timeout=30)
        receiver.close()
    assert "Traceback" not in errors, errors
