"""Under a real X server and window manager, the kiosk window comes back to full screen by itself.

"Minimise" from a window manager's window menu once left a black screen. Here the real kiosk
(`kiosk --kiosk`, Qt's xcb platform) runs on Xvfb under openbox; xdotool minimises the window,
then withdraws it (unmaps it behind Qt's back), and within a second and a half it must be mapped
again, full screen, over the whole screen. Skipped where Xvfb, openbox or xdotool is missing
(the offscreen test, tests/unit/ui/shell/test_full_screen.py, runs everywhere).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

_TOOLS = ("Xvfb", "openbox", "xdotool", "xwininfo", "xprop")
pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in _TOOLS),
    reason="needs Xvfb, openbox, xdotool and x11-utils (apt install xvfb openbox xdotool x11-utils)",
)
ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1366, 768


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def display() -> Iterator[dict[str, str]]:
    """An Xvfb display with openbox managing it; the environment to run X clients on it."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    env = {**os.environ, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    window_manager = subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    try:
        yield env
    finally:
        _stop(window_manager)
        _stop(xvfb)


def _x(env: dict[str, str], *command: str) -> str:
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=10, check=False).stdout


def _on_the_whole_screen(env: dict[str, str], window: str) -> bool:
    info = _x(env, "xwininfo", "-id", window)
    state = _x(env, "xprop", "-id", window, "_NET_WM_STATE")
    return (
        "Map State: IsViewable" in info
        and f"Width: {WIDTH}" in info
        and f"Height: {HEIGHT}" in info
        and "_NET_WM_STATE_FULLSCREEN" in state
        and "_NET_WM_STATE_HIDDEN" not in state
    )


def _within(seconds: float, check: object) -> bool:
    assert callable(check)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return bool(check())


def test_minimised_or_withdrawn_the_kiosk_comes_back_full_screen(
    display: dict[str, str], tmp_path: Path
) -> None:
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "ui", "--kiosk", "--data-dir", str(tmp_path / "data")],
        cwd=ROOT,
        env=display,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        found: list[str] = []

        def shown() -> bool:
            found[:] = _x(display, "xdotool", "search", "--onlyvisible", "--pid", str(kiosk.pid)).split()
            return bool(found) and _on_the_whole_screen(display, found[0])

        assert _within(30, shown), "the kiosk window never came up full screen"
        window = found[0]
        for leave in ("windowminimize", "windowunmap"):
            _x(display, "xdotool", leave, window)
            assert _within(0.5, lambda: not _on_the_whole_screen(display, window)), leave
            assert _within(1.5, lambda: _on_the_whole_screen(display, window)), leave
        assert kiosk.poll() is None
    finally:
        _stop(kiosk)
