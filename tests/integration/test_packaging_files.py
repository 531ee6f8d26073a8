"""The Linux packaging files, checked by the tools their consumers use.

desktop-file-validate for the desktop entry, systemd-analyze for the unit, bash and shellcheck
for the scripts (installed by packaging/dev/setup.sh). Each skips with its reason only where
the tool is truly absent.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
UNIT = LINUX / "digital-literacy-kiosk.service"
SCRIPTS = [
    LINUX / "install.sh",
    REPO / "packaging" / "pyinstaller" / "build.sh",
    *sorted((REPO / "packaging" / "dev").glob("*.sh")),
]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (packaging/dev/setup.sh installs it)")
    return path


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_the_desktop_entry_is_valid() -> None:
    result = _run(_tool("desktop-file-validate"), str(LINUX / "digital-literacy-kiosk.desktop"))
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_unit_is_valid_for_systemd(tmp_path: Path) -> None:
    # systemd-analyze also wants ExecStart's program to exist; cage is only on a kiosk.
    unit = tmp_path / UNIT.name
    unit.write_text(
        UNIT.read_text(encoding="utf-8").replace("/usr/bin/cage", sys.executable), encoding="utf-8"
    )
    result = _run(_tool("systemd-analyze"), "verify", str(unit))
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def _unit_settings(path: Path) -> dict[str, dict[str, list[str]]]:
    """section -> key -> every value, in order (systemd keys may repeat, unlike an ini file's)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key, []).append(value)
    return sections


def test_the_unit_restarts_forever_and_is_ready_only_when_the_kiosk_says_so() -> None:
    unit = _unit_settings(UNIT)
    service = {key: values[-1] for key, values in unit["Service"].items()}
    assert service["Type"] == "notify"
    # The kiosk is cage's child, not the main process.
    assert service["NotifyAccess"] == "all"
    assert int(service["WatchdogSec"]) > 0
    assert service["Restart"] == "always"
    assert unit["Unit"]["StartLimitIntervalSec"] == ["0"]
    assert service["User"] not in ("", "root")
    assert "QT_QPA_PLATFORM=wayland" in unit["Service"]["Environment"]
    assert service["ExecStart"].startswith("/usr/bin/cage ")
    assert service["ExecStart"].endswith(" -- /opt/digital-literacy-kiosk/kiosk --kiosk")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: str(path.relative_to(REPO)))
def test_the_scripts_parse_and_pass_shellcheck(script: Path) -> None:
    syntax = _run("bash", "-n", str(script))
    assert syntax.returncode == 0, syntax.stderr
    lint = _run(_tool("shellcheck"), str(script))
    assert lint.returncode == 0, lint.stdout
