"""``kiosk content check`` and ``kiosk content list`` as an organiser's script sees them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.content.cli import check_command, list_command

from .content_helpers import LOGIN, copy_good_pack, edit

UI_VI = "language:\n  name: Tiếng Việt\ncommon:\n  home: Trang chủ\n"
UI_EN = "language:\n  name: English\ncommon:\n  home: Home\n"


@pytest.fixture
def content_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content folder (packs/ with the good pack, ui/ in vi and en) that the kiosk uses."""
    copy_good_pack(tmp_path / "content")
    ui = tmp_path / "content" / "ui"
    ui.mkdir()
    (ui / "vi.yaml").write_text(UI_VI, encoding="utf-8")
    (ui / "en.yaml").write_text(UI_EN, encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(tmp_path / "content"))
    return tmp_path / "content"


def test_check_without_path_checks_the_kiosk_content(content_dir: Path) -> None:
    out = io.StringIO()
    assert check_command(None, out) == 0
    assert out.getvalue() == "0 errors, 0 warnings in 2 tutorials\n"


def test_check_prints_errors_and_warnings_then_a_summary(content_dir: Path) -> None:
    login = content_dir / "packs/good-pack" / LOGIN
    edit(login / "tutorial.yaml", "checked: 2026-11-20\nsources:", "checked: 2026-11-31\nsources:")
    edit(login / "en.yaml", "    why: The police never ask for an OTP code by phone.\n", "")
    edit(content_dir / "ui/en.yaml", "  home: Home\n", "")
    out = io.StringIO()
    assert check_command(content_dir, out) == 1
    assert out.getvalue().splitlines() == [
        f"{login}/en.yaml:8: warning: 'why' of step 'fake-call' is missing; falls back to Vietnamese",
        f"{login}/tutorial.yaml:4: error: 'checked' is not a real date: '2026-11-31'"
        " (write dates as YYYY-MM-DD)",
        f"{content_dir}/ui/en.yaml:3: warning: 'common.home' is missing; falls back to Vietnamese",
        "1 error, 2 warnings in 2 tutorials",
    ]


def test_warnings_alone_exit_0(content_dir: Path) -> None:
    edit(content_dir / "packs/good-pack/pack.yaml", "  - safe-install\n", "")
    out = io.StringIO()
    assert check_command(content_dir / "packs", out) == 0
    assert out.getvalue().splitlines()[-1] == "0 errors, 1 warning in 1 tutorial"


def test_list_prints_id_and_title_per_tutorial(content_dir: Path) -> None:
    out = io.StringIO()
    assert list_command("en", out) == 0
    assert out.getvalue() == "vneid-login\tLogging in to VNeID\nsafe-install\tInstalling apps safely\n"


def test_list_in_vietnamese(content_dir: Path) -> None:
    out = io.StringIO()
    assert list_command("vi", out) == 0
    assert out.getvalue() == "vneid-login\tĐăng nhập VNeID\nsafe-install\tCài ứng dụng an toàn\n"


@pytest.mark.parametrize("language", ["hmn", "xx", "EN!"])
def test_list_in_a_language_without_text_falls_back_to_vietnamese(content_dir: Path, language: str) -> None:
    out = io.StringIO()
    assert list_command(language, out) == 0
    assert out.getvalue() == "vneid-login\tĐăng nhập VNeID\nsafe-install\tCài ứng dụng an toàn\n"


def test_list_uses_the_english_title_where_it_exists(content_dir: Path) -> None:
    edit(
        content_dir / "packs/good-pack/tutorials/safe-install/en.yaml", "title: Installing apps safely\n", ""
    )
    out = io.StringIO()
    assert list_command("en", out) == 0
    assert out.getvalue() == "vneid-login\tLogging in to VNeID\nsafe-install\tCài ứng dụng an toàn\n"


def test_list_leaves_out_a_broken_tutorial(content_dir: Path) -> None:
    edit(
        content_dir / "packs/good-pack" / LOGIN / "tutorial.yaml", "kind: quiz\n", "kind: quiz\nkind: quiz\n"
    )
    out = io.StringIO()
    assert list_command("vi", out) == 0
    assert out.getvalue() == "safe-install\tCài ứng dụng an toàn\n"
