"""Helpers for the narration tests: real espeak-ng, watched or hidden, and the test packs.

Plain functions rather than a conftest, so the module name stays unique for mypy and pytest.
The tests run the real espeak-ng (``require_espeak`` skips, saying why, only where it is not
installed; CI installs it, so there nothing skips).
"""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest

from kiosk.content.model import Tutorial
from kiosk.content.pack_reader import read_pack
from tests.helpers.audio import require_espeak as require_espeak

DATA = Path(__file__).resolve().parents[3] / "data"
GOOD_PACK = DATA / "good-pack"
CORE_PACK = Path(__file__).resolve().parents[4] / "content" / "packs" / "core"


def watched_espeak(folder: Path) -> tuple[Path, Path]:
    """A program that notes each run in a log, then runs the real espeak-ng: (program, log)."""
    real = require_espeak()
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "espeak-runs.log"
    program = folder / "espeak-ng"
    program.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    return program, log


def synthesis_runs(log: Path) -> int:
    """How many times the watched espeak-ng was asked to write speech (not to list voices)."""
    if not log.exists():
        return 0
    return sum(" -w " in line for line in log.read_text(encoding="utf-8").splitlines())


def hide_espeak(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """PATH without espeak-ng, as on a kiosk where it is not installed."""
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("espeak-ng") is None


def copy_pack(source: Path, tmp_path: Path) -> Path:
    pack = tmp_path / "packs" / source.name
    shutil.copytree(source, pack)
    return pack


def tutorials_of(pack: Path) -> tuple[Tutorial, ...]:
    result = read_pack(pack)
    assert result.usable, result.problems
    return result.tutorials


def tutorial(pack: Path, tutorial_id: str) -> Tutorial:
    return next(t for t in tutorials_of(pack) if t.id == tutorial_id)


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()
