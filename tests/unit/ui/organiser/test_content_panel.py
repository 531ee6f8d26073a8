"""Updating content from a stick: the packs listed, a real install, refusals told exactly, undo.

The page drives the real core (``kiosk.content.install``) through ``ui.runtime.worker``; what the
kiosk would show next is read the way its start-up reads it (``kiosk.content.installed.packs_dir``).
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content.install import (
    InstallProgress,
    InstallResult,
    RollbackResult,
    Stage,
    describe_packs,
    install_pack,
)
from kiosk.content.installed import packs_dir
from kiosk.content.manifest import make_manifest, write_manifest
from kiosk.content.signing import SecretKey
from kiosk.content.sticks import STICK_FOLDER
from kiosk.system import paths
from kiosk.system.removable import folder_drives
from tests.helpers.content_packs import (
    BUNDLED_VERSION,
    GOOD_PACK_ID,
    bundled_content,
    make_pack,
    replace_once,
    sign_pack,
    stick_pack,
    trust_team_key,
)
from tests.helpers.hostile_sticks import HOSTILE_PROBLEMS, hostile_packs
from tests.helpers.mounts import read_only_ext4, tmpfs, unmount
from tests.helpers.organiser import host_window
from tests.helpers.qt import qasync_loop, settle, ui_text
from ui.organiser.content_panel import ContentPanel
from ui.organiser.content_sticks import install_from

NEW_VERSION = "2026.12.01"
WAIT_MS = 60_000


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The kiosk's shipped content: the good pack at BUNDLED_VERSION (and the repo's UI texts)."""
    folder = bundled_content(tmp_path / "bundle-content")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(folder))
    return folder


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "KIOSK-USB"
    folder.mkdir()
    return folder


MakePanel = Callable[..., ContentPanel]


@pytest.fixture
def make_panel(qtbot: QtBot, bundled: Path, stick: Path) -> Iterator[MakePanel]:
    """Makes the page on its own window, with the stick folder as its only stick."""
    windows = []

    def make(**options: Any) -> ContentPanel:
        window = host_window(qtbot)
        windows.append(window)
        widget = ContentPanel(
            ui_text(), "en", extra_folders=(stick,), list_drives=folder_drives, parent=window, **options
        )
        widget.setGeometry(window.rect())
        widget.show()
        return widget

    with qasync_loop():
        yield make


@pytest.fixture
def panel(make_panel: MakePanel) -> ContentPanel:
    return make_panel()


def failing_stick(fail: Callable[[InstallProgress], None]) -> Callable[..., InstallResult]:
    """An install whose stick fails (``fail`` runs on the worker thread before each progress report)."""

    def install(folder: Path, report: Callable[[InstallProgress], None], **where: Any) -> InstallResult:
        def failing(progress: InstallProgress) -> None:
            fail(progress)
            report(progress)

        return install_from(folder, failing, **where)

    return install


def shown_versions() -> dict[str, str]:
    """What the kiosk would show at its next start: pack id -> content_version."""
    return dict(describe_packs(packs_dir()))


def tap(widget: object) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[call-overload]
    settle()


def start(qtbot: QtBot, panel: ContentPanel) -> None:
    """Open the page as the organiser does, and wait for its look at the sticks."""
    with qtbot.waitSignal(panel.listed, timeout=WAIT_MS):
        panel.start()
    settle()  # the new choices show


def refresh(qtbot: QtBot, panel: ContentPanel) -> None:
    with qtbot.waitSignal(panel.listed, timeout=WAIT_MS):
        tap(panel.refresh_button)
    settle()


def install_chosen(qtbot: QtBot, panel: ContentPanel) -> object:
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as finished:
        tap(panel.install_button)
    return finished.args[0] if finished.args else None


def test_a_valid_pack_is_installed_with_progress_and_the_kiosk_restarts(
    qtbot: QtBot, panel: ContentPanel, stick: Path
) -> None:
    stick_pack(stick, version=NEW_VERSION, title_suffix=" (mới)")
    start(qtbot, panel)
    assert panel.shown_now.text() == (
        f"On this kiosk now: {GOOD_PACK_ID} {BUNDLED_VERSION} (the content that came with the kiosk)"
    )
    [button] = panel.group.buttons()
    assert button.isChecked()  # the only pack on the stick is chosen already
    assert button.text().startswith(f"{GOOD_PACK_ID} — version {NEW_VERSION}, ")
    first, signer = button.text().splitlines()
    assert first.endswith(f"(installed now: {BUNDLED_VERSION})")
    assert signer == "Signed by test content team (5BC6\u00a01667\u00a0524B\u00a03FA8)"
    assert not panel.undo_button.isEnabled()  # nothing installed yet: nothing to undo
    seen: list[tuple[int, bool]] = []
    panel.progress.valueChanged.connect(
        lambda value: seen.append((value, threading.current_thread() is threading.main_thread()))
    )
    panel.restart_after_s = 2

    result = install_chosen(qtbot, panel)

    assert isinstance(result, InstallResult)
    assert shown_versions() == {GOOD_PACK_ID: NEW_VERSION}
    assert panel.status.text() == (
        f"Installed {GOOD_PACK_ID} version {NEW_VERSION} (it replaces version {BUNDLED_VERSION}).\n"
        "The kiosk restarts in 2 s to show the new content."
    )
    assert panel.shown_now.text() == f"On this kiosk now: {GOOD_PACK_ID} {NEW_VERSION}"
    assert button.text().splitlines()[0].endswith("(this version is installed now)")
    values = [value for value, _ in seen]
    assert len(values) > 2 and values == sorted(values) and values[-1] == 1000
    assert all(on_gui for _, on_gui in seen)
    # Nothing else can be started, and the page cannot be left, until the kiosk restarts.
    assert panel.busy and not panel.back_button.isVisible() and not panel.install_button.isVisible()
    assert panel.restart_button.isVisible()
    with qtbot.waitSignal(panel.restart_requested, timeout=5000):
        pass
    assert panel.status.text().endswith("The kiosk restarts in 1 s to show the new content.")


def test_restart_now_does_not_wait_for_the_countdown(qtbot: QtBot, panel: ContentPanel, stick: Path) -> None:
    stick_pack(stick, version=NEW_VERSION)
    start(qtbot, panel)
    install_chosen(qtbot, panel)
    with qtbot.waitSignal(panel.restart_requested, timeout=1000):
        tap(panel.restart_button)
    assert not panel.restart_timer.isActive()


def test_a_broken_pack_is_refused_with_the_checks_words_and_the_old_content_stays(
    qtbot: QtBot, panel: ContentPanel, stick: Path
) -> None:
    pack = make_pack(stick / STICK_FOLDER, version=NEW_VERSION)
    # A QR code to a plain-http page: refused by the check; the manifest is made anyway.
    replace_once(pack / "tutorials" / "vneid-login" / "tutorial.yaml", "qr: https://", "qr: http://")
    write_manifest(pack, make_manifest(pack))
    sign_pack(pack)
    trust_team_key()
    start(qtbot, panel)
    restarts: list[bool] = []
    panel.restart_requested.connect(lambda: restarts.append(True))

    assert install_chosen(qtbot, panel) is None

    assert shown_versions() == {GOOD_PACK_ID: BUNDLED_VERSION}
    status = panel.status.text()
    assert status.startswith(
        "Not installed. The content shown is unchanged. Reason: "
        f"{GOOD_PACK_ID} {NEW_VERSION} was not installed: `kiosk content check` found 1 error"
    )
    assert panel.details.isVisible()
    assert panel.details.text().startswith("good-pack/tutorials/vneid-login/tutorial.yaml:")
    assert not panel.progress.isVisible()
    assert panel.back_button.isVisible() and panel.install_button.isEnabled()
    assert not panel.busy and restarts == []


def test_a_pack_changed_after_its_manifest_is_refused(qtbot: QtBot, panel: ContentPanel, stick: Path) -> None:
    pack = stick_pack(stick, version=NEW_VERSION)
    (pack / "tutorials" / "vneid-login" / "notes.txt").write_text("added later", encoding="utf-8")
    start(qtbot, panel)
    assert install_chosen(qtbot, panel) is None
    assert panel.status.text() == (
        "Not installed. The content shown is unchanged. Reason: 1 file not in manifest.json: the pack was"
        " changed after its manifest was made (make it again with `kiosk content manifest`)"
    )
    assert panel.details.text() == "tutorials/vneid-login/notes.txt"
    assert shown_versions() == {GOOD_PACK_ID: BUNDLED_VERSION}


def test_a_stick_pulled_during_the_install_is_told_as_such(
    qtbot: QtBot, make_panel: MakePanel, stick: Path
) -> None:
    pack = stick_pack(stick, version=NEW_VERSION)

    def pulled_after_the_first_file(progress: InstallProgress) -> None:
        # The worker thread, between two files: the stick is gone before the next one is read.
        if progress.stage is Stage.COPYING and pack.exists():
            shutil.rmtree(stick)

    panel = make_panel(install=failing_stick(pulled_after_the_first_file))
    start(qtbot, panel)
    assert install_chosen(qtbot, panel) is None
    assert panel.status.text() == (
        "The USB stick was removed, or could no longer be read, during the install. Nothing was "
        'installed; the content shown is unchanged. Insert the stick again, press "Refresh", then "Install".'
    )
    assert "cannot be read from the stick" in panel.details.text()
    assert shown_versions() == {GOOD_PACK_ID: BUNDLED_VERSION}
    assert not (paths.installed_content_dir() / "staging").exists() or not any(
        (paths.installed_content_dir() / "staging").iterdir()
    )


def test_a_stick_unmounted_during_the_install_is_told_as_such(
    qtbot: QtBot, make_panel: MakePanel, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "media-stick", "8m") as mounted:
        stick_pack(mounted, version=NEW_VERSION)
        pulled: list[bool] = []

        def unmounted_after_the_first_file(progress: InstallProgress) -> None:
            if progress.stage is Stage.COPYING and not pulled:
                pulled.append(True)
                unmount(mounted)

        panel = make_panel(install=failing_stick(unmounted_after_the_first_file))
        panel.extra_folders = (mounted,)
        start(qtbot, panel)
        assert install_chosen(qtbot, panel) is None
    assert panel.status.text().startswith("The USB stick was removed, or could no longer be read, during")
    assert shown_versions() == {GOOD_PACK_ID: BUNDLED_VERSION}


def test_a_read_only_stick_installs_all_the_same(qtbot: QtBot, panel: ContentPanel, tmp_path: Path) -> None:
    def fill(folder: Path) -> None:
        stick_pack(folder, version=NEW_VERSION)

    with read_only_ext4(tmp_path / "ro-stick", tmp_path / "ro.img", fill) as mounted:
        panel.extra_folders = (mounted,)
        start(qtbot, panel)
        assert isinstance(install_chosen(qtbot, panel), InstallResult)
    assert shown_versions() == {GOOD_PACK_ID: NEW_VERSION}


def test_undo_asks_first_then_brings_back_the_content_before(
    qtbot: QtBot, panel: ContentPanel, stick: Path
) -> None:
    install_pack(stick_pack(stick, version=NEW_VERSION))
    assert shown_versions() == {GOOD_PACK_ID: NEW_VERSION}
    start(qtbot, panel)
    assert panel.shown_now.text() == f"On this kiosk now: {GOOD_PACK_ID} {NEW_VERSION}"
    assert panel.undo_button.isEnabled()

    tap(panel.undo_button)
    assert panel.confirm.isVisible()
    assert panel.confirm_text.text() == (
        f"Undo the last update? The kiosk goes back to: {GOOD_PACK_ID} {BUNDLED_VERSION}, then restarts."
    )
    assert not panel.install_button.isEnabled() and not panel.undo_button.isEnabled()
    tap(panel.confirm_no)
    assert not panel.confirm.isVisible()
    assert shown_versions() == {GOOD_PACK_ID: NEW_VERSION}

    tap(panel.undo_button)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as finished:
        tap(panel.confirm_yes)
    assert isinstance(finished.args[0], RollbackResult)
    assert shown_versions() == {GOOD_PACK_ID: BUNDLED_VERSION}
    assert panel.status.text() == (
        f"The last update was undone. On this kiosk now: {GOOD_PACK_ID} {BUNDLED_VERSION}.\n"
        "The kiosk restarts in 8 s to show this content."
    )
    assert panel.busy and panel.restart_button.isVisible()
    panel.restart_timer.stop()


def test_undo_with_nothing_to_undo_says_so(qtbot: QtBot, panel: ContentPanel) -> None:
    start(qtbot, panel)
    assert not panel.undo_button.isEnabled()
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as finished:
        panel.undo()
    assert finished.args[0] is None
    assert panel.status.text() == (
        "Nothing was undone. Reason: nothing to roll back: no content was installed from a stick"
    )
    assert not panel.busy


def test_no_pack_on_the_stick_says_what_to_do(qtbot: QtBot, panel: ContentPanel, stick: Path) -> None:
    broken = stick / STICK_FOLDER / "half-copied"
    broken.mkdir(parents=True)
    start(qtbot, panel)
    # A folder without a manifest is not a pack.
    assert panel.none_found.isVisible()
    assert panel.none_found.text().startswith("No content pack found on a USB stick.")
    assert panel.group.buttons() == []
    assert not panel.install_button.isEnabled()
    (broken / "manifest.json").write_text("{", encoding="utf-8")
    sign_pack(broken)  # signed by a trusted key, and still unreadable
    trust_team_key()
    refresh(qtbot, panel)
    settle()
    assert not panel.none_found.isVisible()
    assert panel.group.buttons() == []
    texts = [child.text() for child in panel.findChildren(type(panel.status)) if child.isVisible()]
    assert any(
        text.startswith("half-copied cannot be installed: manifest.json cannot be read") for text in texts
    )
    assert not panel.install_button.isEnabled()


def test_the_page_speaks_vietnamese(qtbot: QtBot, bundled: Path, stick: Path) -> None:
    stick_pack(stick, version=NEW_VERSION)
    window = host_window(qtbot)
    panel = ContentPanel(ui_text(), "vi", extra_folders=(stick,), list_drives=folder_drives, parent=window)
    panel.setGeometry(window.rect())
    panel.show()
    with qasync_loop():
        start(qtbot, panel)
    assert panel.title.text() == "Cập nhật nội dung"
    assert panel.shown_now.text() == (
        f"Nội dung đang dùng trên máy: {GOOD_PACK_ID} {BUNDLED_VERSION} (nội dung có sẵn khi cài máy)"
    )
    [button] = panel.group.buttons()
    assert button.text().startswith(f"{GOOD_PACK_ID} — phiên bản {NEW_VERSION}, ")
    first, signer = button.text().splitlines()
    assert first.startswith(f"{GOOD_PACK_ID} — phiên bản {NEW_VERSION}, ")
    assert first.endswith(f"(đang dùng: {BUNDLED_VERSION})")
    assert signer == "Người ký: test content team (5BC6\u00a01667\u00a0524B\u00a03FA8)"
    assert [panel.install_button.text(), panel.undo_button.text()] == [
        "Cài đặt",
        "Hoàn tác lần cập nhật gần nhất",
    ]


def test_packs_made_to_hang_or_flood_the_kiosk_are_listed_with_why_and_the_page_answers(
    qtbot: QtBot, panel: ContentPanel, stick: Path
) -> None:
    # A named pipe with no writer, a link to /dev/zero, a manifest over the cap, a linked folder.
    hostile_packs(stick)
    start(qtbot, panel)
    assert panel.group.buttons() == [] and not panel.install_button.isEnabled()
    texts = {child.text() for child in panel.findChildren(type(panel.status)) if child.isVisible()}
    for folder, problem in HOSTILE_PROBLEMS.items():
        assert f"{folder} cannot be installed: {problem}" in texts
    # The page still answers: the organiser can look again and leave.
    refresh(qtbot, panel)
    assert panel.refresh_button.isEnabled() and panel.back_button.isVisible()


def test_an_older_pack_is_installed_only_when_the_organiser_chooses_to_go_back(
    qtbot: QtBot, panel: ContentPanel, stick: Path, tmp_path: Path
) -> None:
    install_pack(stick_pack(tmp_path / "newer", version=NEW_VERSION))
    stick_pack(stick, version="2026.11.30")
    start(qtbot, panel)
    [button] = panel.group.buttons()
    first, signer = button.text().splitlines()
    assert first.endswith(f"(OLDER than the version installed now: {NEW_VERSION})")
    assert signer == "Signed by test content team (5BC6\u00a01667\u00a0524B\u00a03FA8)"

    # Install asks first; "No" changes nothing.
    tap(panel.install_button)
    assert panel.asking and panel.confirm.isVisible() and not panel.running
    assert panel.confirm_text.text() == (
        f"{GOOD_PACK_ID} version 2026.11.30 is older than version {NEW_VERSION}, installed now."
        " Go back to this older version? The kiosk then shows the older content."
    )
    assert panel.confirm_yes.text() == "Install this older version"
    assert panel.confirm_no.text() == "No, keep the newer one"
    tap(panel.confirm_no)
    assert (panel.asking, panel.running) == (False, False)
    assert shown_versions() == {GOOD_PACK_ID: NEW_VERSION}

    # The undo question keeps its own words afterwards.
    tap(panel.undo_button)
    assert panel.confirm_yes.text() == "Yes, undo it"
    tap(panel.confirm_no)

    tap(panel.install_button)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS) as finished:
        tap(panel.confirm_yes)
    result = finished.args[0]
    assert isinstance(result, InstallResult)
    assert (result.content_version, result.replaced_version) == ("2026.11.30", NEW_VERSION)
    assert shown_versions() == {GOOD_PACK_ID: "2026.11.30"}


def test_unsigned_and_untrusted_packs_are_listed_with_why_and_cannot_be_chosen(
    qtbot: QtBot, panel: ContentPanel, stick: Path
) -> None:
    unsigned = stick_pack(stick, version=NEW_VERSION)
    (unsigned / "manifest.json.minisig").unlink()
    stranger = stick_pack(stick, version="1", pack_id="stranger")
    key = SecretKey.generate()
    sign_pack(stranger, key)
    start(qtbot, panel)
    assert panel.group.buttons() == []
    assert not panel.install_button.isEnabled()
    texts = [child.text() for child in panel.findChildren(type(panel.status)) if child.isVisible()]
    assert (
        f"{GOOD_PACK_ID} cannot be installed: manifest.json is not signed (no manifest.json.minisig):"
        in "\n".join(texts)
    )
    assert any(
        text.startswith(
            f"stranger cannot be installed: manifest.json is signed by key {key.public_key.id_text},"
        )
        and "which this kiosk does not trust" in text
        for text in texts
    )
    assert shown_versions() == {GOOD_PACK_ID: BUNDLED_VERSION}
