"""Test set-up shared by every test.

Qt needs a platform even when nothing is shown: offscreen, set before anything imports
PySide6. Every test gets a fresh data dir so no state leaks between tests or from the
machine's own kiosk. This file must not import PySide6: the core tests also run in an
environment without it.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt warns when XDG_RUNTIME_DIR is unset; give it a private one instead of silencing the warning.
_runtime = Path(os.environ.get("TMPDIR", "/tmp")) / f"kiosk-test-runtime-{os.getuid()}"
_runtime.mkdir(mode=0o700, exist_ok=True)
os.environ.setdefault("XDG_RUNTIME_DIR", str(_runtime))


def pytest_addoption(parser: pytest.Parser) -> None:
    # The core's tests also run where pytest-qt is deliberately absent; declare its ini keys
    # there so pyproject.toml stays valid without blanket-ignoring config warnings.
    if importlib.util.find_spec("pytestqt") is None:
        parser.addini("qt_api", "pytest-qt's binding (pytest-qt not installed here)")
        parser.addini("qt_log_level_fail", "pytest-qt's log level (pytest-qt not installed here)")


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from kiosk.system import paths

    folder = tmp_path / "data"
    monkeypatch.delenv("KIOSK_DATA_DIR", raising=False)
    paths.set_data_dir(folder)
    paths.ensure_data_dirs()
    yield folder
    paths.set_data_dir(None)
