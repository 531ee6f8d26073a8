"""tools/content_kit.py: the step pictures' copies of the drawing kit stay in step with content/kit/."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.content.svg import read_svg  # the same allow-list as `kiosk content check`

REPO = Path(__file__).resolve().parents[3]
TOOL = REPO / "tools" / "content_kit.py"
KIT = REPO / "content" / "kit"


def run_tool(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TOOL), *arguments], capture_output=True, text=True, check=False, cwd=REPO
    )


def make_corpus(tmp_path: Path, picture: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(KIT, content / "kit")
    images = content / "packs" / "core" / "tutorials" / "demo" / "images"
    images.mkdir(parents=True)
    (images / "01-home.svg").write_text(picture, encoding="utf-8")
    return content


def kit_content(name: str) -> list[str]:
    """The part's lines between its <g id="kit-NAME"> and </g>, stripped."""
    lines = (KIT / f"{name}.svg").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if f'<g id="kit-{name}">' in line)
    end = max(i for i, line in enumerate(lines) if line.strip() == "</g>")
    return [line.strip() for line in lines[start + 1 : end] if line.strip()]


def test_the_shipped_pictures_hold_the_kits_current_parts() -> None:
    result = run_tool("--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_the_shipped_kit_parts_hold_only_allow_listed_svg_and_legible_text() -> None:
    for part in sorted(KIT.glob("*.svg")):
        info, problems = read_svg(part)
        assert info is not None, part
        assert problems == [], part
        assert info.view_box == "0 0 360 720"
        text = part.read_text(encoding="utf-8")
        assert 'font-family="Noto Sans"' in text or "<text" not in text
        sizes = [float(size) for size in re.findall(r'font-size="([0-9.]+)"', text)]
        assert all(size >= 18 for size in sizes), (part, sizes)


PICTURE = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 720">
  <g id="kit-status-bar">
    <rect x="0" y="0" width="360" height="30" fill="#b71c1c"/>
  </g>
  <g transform="translate(40 200)"><g id="kit-icon-vneid"/></g>
  <g transform="translate(140 200)"><g id="kit-icon-vneid--fake"></g></g>
  <rect id="app-vneid" x="40" y="200" width="64" height="64" fill="none"/>
</svg>
"""


def test_check_reports_each_stale_copy_with_its_line_and_changes_nothing(tmp_path: Path) -> None:
    content = make_corpus(tmp_path, PICTURE)
    picture = content / "packs" / "core" / "tutorials" / "demo" / "images" / "01-home.svg"

    result = run_tool("--check", "--content", str(content))

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/packs/core/tutorials/demo/images/01-home.svg:2: "
        "picture's kit-status-bar differs from content/kit/status-bar.svg",
        "content/packs/core/tutorials/demo/images/01-home.svg:5: "
        "picture's kit-icon-vneid differs from content/kit/icon-vneid.svg",
        "content/packs/core/tutorials/demo/images/01-home.svg:6: "
        "picture's kit-icon-vneid--fake differs from content/kit/icon-vneid.svg",
    ]
    assert picture.read_text(encoding="utf-8") == PICTURE


def test_sync_copies_the_parts_in_keeps_the_pictures_own_ids_and_then_checks_clean(tmp_path: Path) -> None:
    content = make_corpus(tmp_path, PICTURE)
    picture = content / "packs" / "core" / "tutorials" / "demo" / "images" / "01-home.svg"

    assert run_tool("--content", str(content)).returncode == 0
    again = run_tool("--check", "--content", str(content))

    assert again.returncode == 0, again.stdout
    text = picture.read_text(encoding="utf-8")
    assert "#b71c1c" not in text  # the old status bar is gone
    lines = [line.strip() for line in text.splitlines()]
    status = lines.index('<g id="kit-status-bar">')
    assert lines[status + 1 : status + 1 + len(kit_content("status-bar"))] == kit_content("status-bar")
    assert text.count('fill="#c62828"') == 2  # the VNeID icon, twice
    assert 'id="app-vneid"' in text
    assert read_svg(picture)[1] == []


def test_an_edited_kit_part_makes_the_check_fail_until_synced(tmp_path: Path) -> None:
    content = make_corpus(tmp_path, PICTURE)
    assert run_tool("--content", str(content)).returncode == 0
    part = content / "kit" / "icon-vneid.svg"
    part.write_text(part.read_text(encoding="utf-8").replace("#f9a825", "#ffd600"), encoding="utf-8")

    result = run_tool("--check", "--content", str(content))

    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 2  # both copies of the icon


def test_a_part_holding_an_id_or_an_unknown_part_is_refused(tmp_path: Path) -> None:
    content = make_corpus(tmp_path, PICTURE.replace("kit-icon-vneid--fake", "kit-no-such-part"))
    result = run_tool("--check", "--content", str(content))
    assert "picture's kit-no-such-part has no part" in result.stdout
    assert result.returncode == 1

    part = content / "kit" / "icon-zalo.svg"
    part.write_text(
        part.read_text(encoding="utf-8").replace("<rect ", '<rect id="ring-me" ', 1), encoding="utf-8"
    )
    refused = run_tool("--check", "--content", str(content))
    assert refused.returncode == 1
    assert "holds id 'ring-me'" in refused.stderr
