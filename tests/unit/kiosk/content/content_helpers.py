"""Helpers for the content tests: the test packs and a way to break a copy of one.

Plain functions rather than a conftest, so the module name stays unique for mypy and pytest.
"""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "data"
GOOD_PACK = DATA / "good-pack"
BROKEN_PACKS = DATA / "broken-packs"
LOGIN = Path("tutorials/vneid-login")


def copy_good_pack(tmp_path: Path) -> Path:
    """A fresh copy of tests/data/good-pack in ``tmp_path/packs``; returns the pack folder."""
    pack = tmp_path / "packs" / "good-pack"
    shutil.copytree(GOOD_PACK, pack)
    return pack


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) in a content file, as an editor would."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
