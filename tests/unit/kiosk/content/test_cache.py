"""The content cache: the checked content of the last start, reused only while nothing changed."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content.cache import content_key, load_content
from kiosk.content.loader import load_catalogue
from kiosk.i18n import UiText

from .content_helpers import LOGIN, copy_good_pack, edit

UI_VI = "language:\n  name: Tiếng Việt\ncommon:\n  home: Trang chủ\n"
UI_EN = "language:\n  name: English\ncommon:\n  home: Home\n"
HIT = "content unchanged since it was last checked"
CHANGED = "content changed since it was last checked"


def _content(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(ui dir, packs dir, cache file): the good pack and two UI languages, no cache yet."""
    copy_good_pack(tmp_path / "content")
    ui = tmp_path / "content" / "ui"
    ui.mkdir()
    (ui / "vi.yaml").write_text(UI_VI, encoding="utf-8")
    (ui / "en.yaml").write_text(UI_EN, encoding="utf-8")
    return ui, tmp_path / "content" / "packs", tmp_path / "state" / "content-cache.pickle"


@pytest.fixture
def content(tmp_path: Path) -> tuple[Path, Path, Path]:
    ui, packs, cache = _content(tmp_path)
    cache.parent.mkdir()
    return ui, packs, cache


def test_the_second_start_reuses_the_checked_content(
    content: tuple[Path, Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    ui, packs, cache = content
    first_text, first = load_content(ui, packs, cache)
    assert cache.is_file()
    assert first == load_catalogue(packs, ui_languages=UiText.load(ui).languages())
    caplog.clear()
    with caplog.at_level(logging.INFO):
        text, catalogue = load_content(ui, packs, cache)
    assert HIT in caplog.text
    assert catalogue == first
    assert catalogue.tutorial("vneid-login").text("en").title == "Logging in to VNeID"
    assert text.languages() == first_text.languages() == ("vi", "en")
    assert text.get("en", "common.home") == "Home"


def test_an_edited_text_shows_at_the_next_start(
    content: tuple[Path, Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    ui, packs, cache = content
    load_content(ui, packs, cache)
    edit(packs / "good-pack" / LOGIN / "en.yaml", "title: Logging in to VNeID", "title: Signing in to VNeID")
    edit(ui / "en.yaml", "home: Home", "home: Start again")
    with caplog.at_level(logging.INFO):
        text, catalogue = load_content(ui, packs, cache)
    assert CHANGED in caplog.text
    assert catalogue.tutorial("vneid-login").text("en").title == "Signing in to VNeID"
    assert text.get("en", "common.home") == "Start again"
    caplog.clear()
    with caplog.at_level(logging.INFO):
        load_content(ui, packs, cache)
    assert HIT in caplog.text


@pytest.mark.parametrize("touched", ["packs/good-pack/tutorials/vneid-login/vi.yaml", "ui/vi.yaml"])
def test_a_touched_file_is_read_again(
    content: tuple[Path, Path, Path], touched: str, caplog: pytest.LogCaptureFixture
) -> None:
    ui, packs, cache = content
    load_content(ui, packs, cache)
    path = ui.parent / touched
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    with caplog.at_level(logging.INFO):
        load_content(ui, packs, cache)
    assert CHANGED in caplog.text
    assert HIT not in caplog.text


def test_a_new_or_removed_file_is_read_again(
    content: tuple[Path, Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    ui, packs, cache = content
    load_content(ui, packs, cache)
    (packs / "new-pack").mkdir()
    with caplog.at_level(logging.INFO):
        _, catalogue = load_content(ui, packs, cache)
    assert CHANGED in caplog.text
    assert any("new-pack" in str(problem.path) for problem in catalogue.problems)
    caplog.clear()
    (packs / "new-pack").rmdir()
    with caplog.at_level(logging.INFO):
        _, catalogue = load_content(ui, packs, cache)
    assert CHANGED in caplog.text
    assert catalogue.problems == ()


def test_a_hit_logs_what_the_loading_logged(
    content: tuple[Path, Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    ui, packs, cache = content
    broken = packs / "good-pack" / "tutorials" / "safe-install" / "tutorial.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nsteps: [\n", encoding="utf-8")
    with caplog.at_level(logging.INFO):
        _, first = load_content(ui, packs, cache)
    loaded = _lines(caplog)
    assert any("skipped tutorial safe-install" in message for _, _, message in loaded)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        _, catalogue = load_content(ui, packs, cache)
    assert HIT in caplog.text
    assert _lines(caplog) == loaded
    assert [t.id for t in catalogue.tutorials] == ["vneid-login"]
    assert catalogue.problems == first.problems


def _lines(caplog: pytest.LogCaptureFixture) -> list[tuple[str, int, str]]:
    """The log lines of the loading itself (not the cache's own)."""
    return [(r.name, r.levelno, r.getMessage()) for r in caplog.records if r.name != "kiosk.content.cache"]


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_cache_is_logged_and_the_files_are_read(
    content: tuple[Path, Path, Path], damage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    ui, packs, cache = content
    _, good = load_content(ui, packs, cache)
    cache.write_bytes(damage)
    with caplog.at_level(logging.INFO):
        _, catalogue = load_content(ui, packs, cache)
    assert "content cache" in caplog.text
    assert "unreadable" in caplog.text
    assert catalogue == good
    caplog.clear()
    with caplog.at_level(logging.INFO):
        load_content(ui, packs, cache)
    assert HIT in caplog.text  # written again, whole


def test_a_cache_that_cannot_be_written_does_not_stop_the_kiosk(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ui, packs, cache = _content(tmp_path)  # its folder does not exist
    with caplog.at_level(logging.WARNING):
        _, catalogue = load_content(ui, packs, cache)
    assert "not written" in caplog.text
    assert [t.id for t in catalogue.tutorials] == ["vneid-login", "safe-install"]
    assert not cache.parent.exists()


def test_a_start_from_the_cache_reads_no_yaml(content: tuple[Path, Path, Path]) -> None:
    ui, packs, cache = content
    load_content(ui, packs, cache)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kiosk.content.cache import load_content\n"
        f"text, catalogue = load_content(Path({str(ui)!r}), Path({str(packs)!r}), Path({str(cache)!r}))\n"
        "assert len(catalogue.tutorials) == 2\n"
        "assert 'yaml' not in sys.modules, 'yaml was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_content_check_never_uses_the_cache(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from kiosk.cli import parse, run_core_command\n"
        "run_core_command(parse(['content', 'check']))\n"
        "assert 'kiosk.content.cache' not in sys.modules, 'the content cache was imported'\n"
    )
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr


def test_the_key_lists_folders_then_files_by_name_through_links(tmp_path: Path) -> None:
    root = tmp_path / "packs"
    (root / "b").mkdir(parents=True)
    (root / "a" / "y").mkdir(parents=True)
    (root / "a" / "z.txt").write_text("zz", encoding="utf-8")
    (root / "a" / "y" / "q.txt").write_text("q", encoding="utf-8")
    (root / "B.txt").write_text("BBB", encoding="utf-8")
    (root / "pack-link").symlink_to(root / "a", target_is_directory=True)
    (root / "dangling").symlink_to(root / "missing")
    key = content_key(root)

    def entry(relative: str) -> tuple[str, int, int]:
        info = (root / relative).stat()
        return relative, info.st_size, info.st_mtime_ns

    sep = os.sep
    listed = [
        ("packs", root.stat().st_size, root.stat().st_mtime_ns),
        # Folders first, then files (the dangling link is left out), each by name...
        entry("a"),
        entry("b"),
        entry("pack-link"),
        entry("B.txt"),
        # ...then the same inside each folder, a linked one too.
        entry("a" + sep + "y"),
        entry("a" + sep + "z.txt"),
        entry("a" + sep + "y" + sep + "q.txt"),
        entry("pack-link" + sep + "y"),
        entry("pack-link" + sep + "z.txt"),
        entry("pack-link" + sep + "y" + sep + "q.txt"),
    ]
    assert key[3 : 3 + len(listed)] == tuple(listed)
    # Nothing else of the folder: what follows is the same for a folder that is not there.
    assert key[3 + len(listed) :] == content_key(tmp_path / "nothing-here")[3:]
