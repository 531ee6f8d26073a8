"""``kiosk content manifest``, ``install`` and ``rollback`` as an organiser's script sees them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.content.manifest import MANIFEST_FILE
from tests.helpers.content_packs import (
    BUNDLED_VERSION,
    TEAM_PUBLIC_KEY,
    TEAM_SECRET_KEY,
    bundled_content,
    make_pack,
    replace_once,
    stick_pack,
)


@pytest.fixture(autouse=True)
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = bundled_content(tmp_path / "bundle-content")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(folder))
    return folder


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.run_core_command(cli.parse(list(argv)), out)
    assert code is not None
    return code, out.getvalue()


def test_manifest_install_list_and_rollback(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "stick" / "kiosk-content", version="2026.12.01")
    code, output = _run("content", "manifest", str(pack), "--sign", str(TEAM_SECRET_KEY))
    assert code == 0, output
    assert output.startswith(f"wrote {pack / MANIFEST_FILE}: good-pack 2026.12.01, ")
    assert (
        output.splitlines()[-1] == f"wrote {pack / 'manifest.json.minisig'}: signed by key 5BC61667524B3FA8"
    )

    # Not trusted yet: refused, with the key's id.
    code, output = _run("content", "install", str(tmp_path / "stick"))
    assert code == 1
    assert "signed by key 5BC61667524B3FA8, which this kiosk does not trust" in output
    code, output = _run("content", "trust", str(TEAM_PUBLIC_KEY), "--name", "Nhóm nội dung")
    assert (code, output) == (0, "trusted Nhóm nội dung (key 5BC61667524B3FA8)\n")

    # The stick itself is enough when it holds one pack.
    code, output = _run("content", "install", str(tmp_path / "stick"))
    assert code == 0, output
    assert output.splitlines()[0].startswith("verifying (")
    assert output.splitlines()[-1] == (
        f"installed good-pack 2026.12.01 (was {BUNDLED_VERSION}),"
        " signed by Nhóm nội dung (key 5BC61667524B3FA8); 0 warnings. Restart the kiosk to show it."
    )

    code, output = _run("content", "rollback", "--bundled")
    assert (code, output) == (
        0,
        f"rolled back to the bundled packs: good-pack {BUNDLED_VERSION}. Restart the kiosk to show it.\n",
    )
    code, output = _run("content", "rollback")
    assert code == 0 and "the content installed before: good-pack 2026.12.01" in output


def test_no_manifest_for_a_pack_with_errors(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, version="1")
    replace_once(pack / "tutorials" / "vneid-login" / "tutorial.yaml", "qr: https://", "qr: http://")
    code, output = _run("content", "manifest", str(pack))
    assert code == 1
    assert "tutorial.yaml:3: error:" in output
    assert output.splitlines()[-1] == f"error: 1 error in {pack}; no manifest was written"
    assert not (pack / MANIFEST_FILE).exists()


def test_a_refused_install_says_why_and_exits_1(tmp_path: Path) -> None:
    pack = stick_pack(tmp_path / "stick", version="2026.12.01")
    (pack / "vi.yaml").write_text("name: changed\n", encoding="utf-8")
    code, output = _run("content", "install", str(pack))
    assert code == 1
    assert "error: the size of 1 file on the stick is not the one in manifest.json" in output
    assert output.splitlines()[-1] == "  vi.yaml"


def test_a_stick_with_several_packs_asks_which(tmp_path: Path) -> None:
    stick_pack(tmp_path / "stick", version="1")
    stick_pack(tmp_path / "stick", version="1", pack_id="extra")
    code, output = _run("content", "install", str(tmp_path / "stick" / "kiosk-content"))
    assert code == 1
    assert output.startswith("error: 2 content packs in ")
    code, output = _run("content", "install", str(tmp_path / "nothing-here"))
    assert code == 1 and "no content pack in" in output


def test_going_back_needs_allow_older_and_a_revoked_key_is_refused(tmp_path: Path) -> None:
    assert _run("content", "install", str(stick_pack(tmp_path / "new", version="2026.12.15")))[0] == 0
    older = stick_pack(tmp_path / "old", version="2026.12.01")
    code, output = _run("content", "install", str(older))
    assert code == 1
    assert output.splitlines()[1:] == [
        "error: good-pack 2026.12.01 is older than 2026.12.15, shown now: nothing was installed"
        " (choose to install the older version to go back)",
        f"  to go back to it: kiosk content install --allow-older {older}",
    ]

    code, output = _run("content", "revoke", "5bc61667524b3fa8")
    assert (code, output) == (0, "revoked key 5BC61667524B3FA8: packs it signed are refused from now on\n")
    assert _run("content", "keys") == (
        0,
        "5BC61667524B3FA8\trevoked\ttest content team (added on this kiosk)\n",
    )
    code, output = _run("content", "install", "--allow-older", str(older))
    assert code == 1 and "signed by key 5BC61667524B3FA8 (test content team), which was revoked" in output
    assert _run("content", "revoke", "not-a-key") == (
        1,
        "error: nothing was revoked: 'not-a-key' is not a key id (16 hex digits, as `minisign` prints it)\n",
    )
