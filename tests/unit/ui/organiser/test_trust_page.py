"""The organiser trusts the content team's key from a stick only after typing the end of its key code.

The page drives the real trust store (``kiosk.content.trust``, the one `kiosk content trust` and
`kiosk content keys` use) and the real install, with keys made for each test.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content.install import InstallError, install_pack
from kiosk.content.manifest import make_manifest, write_manifest
from kiosk.content.signing import SecretKey
from kiosk.content.signing_cli import keys_command
from kiosk.content.sticks import KEYS_FOLDER, STICK_FOLDER
from kiosk.content.trust import load_trust, trust_key
from kiosk.system.removable import folder_drives
from tests.helpers.clock import FakeClock
from tests.helpers.content_packs import GOOD_PACK_ID, bundled_content, make_pack, sign_pack
from tests.helpers.organiser import filled_database, host_window, organiser_screen, pin_store
from tests.helpers.qt import qasync_loop, settle, ui_text
from ui.organiser.trust_page import TrustPage, grouped

WAIT_MS = 60_000
NEW_VERSION = "2026.12.01"


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The kiosk's shipped content: the good pack (and the repo's UI texts)."""
    folder = bundled_content(tmp_path / "bundle-content")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(folder))
    return folder


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "KIOSK-USB"
    (folder / KEYS_FOLDER).mkdir(parents=True)
    return folder


@pytest.fixture
def shipped_keys(tmp_path: Path) -> Path:
    """The bundle's keys folder, with one shipped key."""
    folder = tmp_path / "shipped-keys"
    folder.mkdir()
    (folder / "kiosk-content-team.pub").write_text(
        SecretKey.generate().public_key.to_text(), encoding="utf-8"
    )
    return folder


MakePage = Callable[..., TrustPage]


@pytest.fixture
def make_page(qtbot: QtBot, bundled: Path, stick: Path, shipped_keys: Path) -> Iterator[MakePage]:
    # The windows are kept: a page goes with its window.
    windows = []

    def make(**options: Any) -> TrustPage:
        window = host_window(qtbot)
        windows.append(window)
        page = TrustPage(
            ui_text(),
            "en",
            extra_folders=(stick,),
            list_drives=folder_drives,
            keys_dir=shipped_keys,
            parent=window,
            **options,
        )
        page.setGeometry(window.rect())
        page.show()
        return page

    with qasync_loop():
        yield make


def tap(widget: object) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[call-overload]
    settle()


def start(qtbot: QtBot, page: TrustPage) -> None:
    with qtbot.waitSignal(page.listed, timeout=WAIT_MS):
        page.start()
    settle()


def type_code(page: TrustPage, characters: str) -> None:
    for character in characters:
        tap(page.hex_buttons[character])


def wrong_end(key_id: str) -> str:
    return "".join("1" if character == "0" else "0" for character in key_id[-4:])


def put_key(stick: Path, name: str) -> SecretKey:
    key = SecretKey.generate()
    (stick / KEYS_FOLDER / f"{name}.pub").write_text(key.public_key.to_text(), encoding="utf-8")
    return key


def signed_pack(stick: Path, key: SecretKey) -> Path:
    pack = make_pack(stick / STICK_FOLDER, version=NEW_VERSION)
    write_manifest(pack, make_manifest(pack))
    sign_pack(pack, key)
    return pack


def keys_listed() -> str:
    out = io.StringIO()
    assert keys_command(out) == 0
    return out.getvalue()


def test_a_key_from_the_stick_is_trusted_only_after_its_last_characters_are_typed(
    qtbot: QtBot, make_page: MakePage, stick: Path
) -> None:
    team = put_key(stick, "county-team")
    key_id = team.public_key.id_text
    pack = signed_pack(stick, team)
    with pytest.raises(InstallError, match="does not trust"):
        install_pack(pack)

    page = make_page()
    start(qtbot, page)
    [shipped] = [text for text in page_texts(page) if "kiosk-content-team" in text]
    assert "(came with the kiosk)" in shipped
    assert not page.remove_buttons  # a shipped key cannot be removed here
    [button] = page.key_buttons
    assert button.text() == f"county-team\nkey code {grouped(key_id)}"

    tap(button)
    assert page.views.currentWidget() is page.check_view
    assert page.title.text() == 'Check the key "county-team"'
    assert page.key_id_label.text() == grouped(key_id)
    assert page.trust_button.isVisible() and not page.trust_button.isEnabled()
    type_code(page, key_id[-3:])
    assert not page.trust_button.isEnabled()  # three characters are not enough
    tap(page.delete_button)
    tap(page.delete_button)
    tap(page.delete_button)
    type_code(page, wrong_end(key_id))
    assert not page.trust_button.isEnabled()
    assert page.match_note.text().startswith("✗ These characters do not match this key.")
    tap(page.trust_button)  # off: nothing happens
    assert load_trust().find(key_id) is None
    for _ in range(4):
        tap(page.delete_button)
    assert page.typed == ""

    type_code(page, key_id[-6:])
    assert page.trust_button.isEnabled()
    assert page.match_note.text() == '✓ They match. Press "Trust this key".'
    with (
        qtbot.waitSignal(page.listed, timeout=WAIT_MS),
        qtbot.waitSignal(page.keys_changed, timeout=WAIT_MS),
    ):
        tap(page.trust_button)
    settle()

    assert page.views.currentWidget() is page.list_view
    assert page.status.text() == (
        f"Done: county-team (key code {grouped(key_id)}) is trusted. Packs signed with it can be installed."
    )
    trusted = load_trust().find(key_id)
    assert trusted is not None and trusted.name == "county-team" and not trusted.bundled
    assert f"{key_id}\ttrusted\tcounty-team (added on this kiosk)" in keys_listed()
    # The key on the stick is now listed as trusted already, no longer offered.
    assert page.key_buttons == []
    assert any("county-team — key code" in text and "(trusted already)" in text for text in page_texts(page))
    result = install_pack(pack)
    assert (result.pack_id, result.content_version) == (GOOD_PACK_ID, NEW_VERSION)
    assert result.signer is not None and result.signer.key_id == key_id


def test_a_pipe_or_a_link_named_like_a_key_is_listed_with_why_and_never_opened(
    qtbot: QtBot, make_page: MakePage, stick: Path, tmp_path: Path
) -> None:
    keys = stick / KEYS_FOLDER
    os.mkfifo(keys / "pipe.pub")
    # A link to a real key elsewhere: even a good key is not taken through a link.
    elsewhere = tmp_path / "elsewhere.pub"
    elsewhere.write_text(SecretKey.generate().public_key.to_text(), encoding="utf-8")
    (keys / "link.pub").symlink_to(elsewhere)
    (keys / "zero.pub").symlink_to("/dev/zero")
    (keys / "big.pub").write_bytes(b"x" * 5000)
    (keys / "junk.pub").write_text("not a key\n", encoding="utf-8")

    page = make_page()
    start(qtbot, page)  # a pipe opened would hang this look for ever

    assert page.key_buttons == []
    texts = page_texts(page)
    assert "big.pub cannot be used: it is bigger than 4096 bytes" in texts
    assert "link.pub cannot be used: it is a link, not a plain file" in texts
    assert "pipe.pub cannot be used: it is a named pipe, not a plain file" in texts
    assert "zero.pub cannot be used: it is a link, not a plain file" in texts
    assert any(text.startswith("junk.pub cannot be used: ") for text in texts)


def test_a_key_added_on_the_kiosk_can_be_removed(qtbot: QtBot, make_page: MakePage) -> None:
    added = trust_key(SecretKey.generate().public_key, "old team")
    page = make_page()
    start(qtbot, page)
    assert list(page.remove_buttons) == [added.key_id]

    tap(page.remove_buttons[added.key_id])
    assert page.confirm.isVisible()
    assert page.confirm_text.text() == (
        f"Stop trusting old team (key code {grouped(added.key_id)})? Packs signed with it can then no"
        " longer be installed."
    )
    tap(page.confirm_no)
    assert not page.confirm.isVisible()
    assert load_trust().find(added.key_id) is not None

    tap(page.remove_buttons[added.key_id])
    with qtbot.waitSignal(page.listed, timeout=WAIT_MS):
        tap(page.confirm_yes)
    settle()
    assert load_trust().find(added.key_id) is None
    assert added.key_id not in keys_listed()
    assert page.status.text() == f"old team (key code {grouped(added.key_id)}) is no longer trusted."
    assert page.remove_buttons == {}
    # The shipped key stays.
    assert [key.name for key in load_trust(page._keys_dir).keys] == ["kiosk-content-team"]


def test_the_content_page_opens_the_trusted_keys_and_comes_back(
    qtbot: QtBot, tmp_path: Path, bundled: Path, stick: Path
) -> None:
    put_key(stick, "county-team")
    database = filled_database(tmp_path / "stats.sqlite3")
    pins = pin_store(tmp_path, FakeClock())
    with (
        qasync_loop(),
        organiser_screen(qtbot, tmp_path, pins, database, extra_folders=(stick,)) as (_, screen),
    ):
        screen.open()
        screen.stack.setCurrentWidget(screen.content_panel)
        with qtbot.waitSignal(screen.content_panel.listed, timeout=WAIT_MS):
            screen.content_panel.start()
        assert screen.content_panel.keys_button.text() == "Khóa tin cậy"
        with qtbot.waitSignal(screen.trust_page.listed, timeout=WAIT_MS):
            tap(screen.content_panel.keys_button)
        assert screen.stack.currentWidget() is screen.trust_page
        [button] = screen.trust_page.key_buttons
        assert button.text().startswith("county-team\nmã khóa ")
        with qtbot.waitSignal(screen.content_panel.listed, timeout=WAIT_MS):
            tap(screen.trust_page.back_button)
        assert screen.stack.currentWidget() is screen.content_panel


def page_texts(page: TrustPage) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page)]


def test_refresh_says_how_many_keys_it_found_listed_ones_included(
    qtbot: QtBot, make_page: MakePage, stick: Path
) -> None:
    put_key(stick, "nhom-noi-dung-huyen")
    (stick / KEYS_FOLDER / "junk.pub").write_text("not a key\n", encoding="utf-8")
    page = make_page()
    start(qtbot, page)
    assert len(page.key_buttons) == 1
    # The key that can be trusted and the one that cannot are both found (and both listed).
    assert page.found.text().startswith("Keys found on the USB sticks: 2 (looked at ")
    for key in (stick / KEYS_FOLDER).iterdir():
        key.unlink()
    with qtbot.waitSignal(page.listed, timeout=WAIT_MS):
        tap(page.refresh_button)
    assert page.found.text().startswith("No key found (looked at ")
