"""Durable writes and setting broken files aside, on real files (and as Windows would see them)."""

from __future__ import annotations

import errno
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.pins import PinRole, PinStore, ScryptCost
from kiosk.stats.integrity import set_aside_if_damaged
from kiosk.system import fsio, settings
from kiosk.system.fsio import atomic_write, atomic_write_bytes, atomic_write_text, fsync_folder, set_aside

WHEN = datetime(2026, 11, 24, 8, 30, 5, tzinfo=UTC)
CHEAP = ScryptCost(n=2, r=1, p=1)


@pytest.fixture
def here(tmp_path: Path) -> Path:
    """An empty folder of its own (``tmp_path`` also holds the test's data dir)."""
    folder = tmp_path / "here"
    folder.mkdir()
    return folder


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_new_file_appears_whole_and_nothing_else_is_left(here: Path) -> None:
    atomic_write_text(here / "settings.json", '{"point_name": "Xã Tân Lập"}')
    assert (here / "settings.json").read_text(encoding="utf-8") == '{"point_name": "Xã Tân Lập"}'
    assert _names(here) == ["settings.json"]


def test_an_old_file_is_replaced_and_the_text_is_written_byte_for_byte(here: Path) -> None:
    target = here / "kiosk-id"
    target.write_text("old\n")
    atomic_write_text(target, "line one\nline two\n", encoding="ascii")
    assert target.read_bytes() == b"line one\nline two\n"
    atomic_write_bytes(target, b"\x00\xff")
    assert target.read_bytes() == b"\x00\xff"
    assert _names(here) == ["kiosk-id"]


def test_a_private_file_is_made_private(here: Path) -> None:
    atomic_write_text(here / "pins.json", "{}", mode=0o600)
    assert (here / "pins.json").stat().st_mode & 0o777 == 0o600


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary(here: Path) -> None:
    target = here / "speech.wav"
    target.write_bytes(b"the old words")
    seen: list[str] = []

    def broken(temporary: Path) -> None:
        seen.append(temporary.name)
        temporary.write_bytes(b"half")
        raise OSError("the disk is full")

    with pytest.raises(OSError, match="the disk is full"):
        atomic_write(target, broken, suffix=".part")
    assert target.read_bytes() == b"the old words"
    assert _names(here) == ["speech.wav"]
    # While it was written, the temporary file was hidden, beside the target, with the asked suffix.
    [name] = seen
    assert name.startswith(".speech.wav.") and name.endswith(".part")


def test_a_missing_folder_is_an_error_and_nothing_is_made(here: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write_text(here / "gone" / "state.json", "{}")
    assert _names(here) == []


def test_folders_that_refuse_a_sync_are_skipped_quietly() -> None:
    # procfs opens as a folder but refuses fsync (EINVAL), as some stick file systems do.
    fsync_folder(Path("/proc"))


def test_a_folder_sync_on_something_that_is_no_folder_is_an_error(here: Path) -> None:
    (here / "file").write_text("x")
    with pytest.raises(NotADirectoryError):
        fsync_folder(here / "file")


def test_without_o_directory_writes_and_set_aside_still_work(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on Windows: there is no O_DIRECTORY, so folders are simply not synced."""
    monkeypatch.delattr(os, "O_DIRECTORY")
    fsync_folder(here)
    atomic_write_text(here / "state.json", '{"active": null}')
    assert (here / "state.json").read_text() == '{"active": null}'
    kept = set_aside(here / "state.json", "a test", now=WHEN)
    assert kept.name == "state.json.broken-20261124T083005Z"
    assert _names(here) == [kept.name]


def test_without_o_directory_a_pin_is_stored_and_a_broken_pin_file_kept(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PIN store used to fail on Windows after writing its file (AttributeError)."""
    monkeypatch.delattr(os, "O_DIRECTORY")
    store = PinStore(here / "pins.json", cost=CHEAP)
    store.set_pin(PinRole.ORGANISER, "582914")
    assert PinStore(here / "pins.json", cost=CHEAP).check(PinRole.ORGANISER, "582914")
    (here / "pins.json").write_text("{not json")
    # A damaged PIN file stays locked until it is replaced on purpose (kiosk set-pin).
    kept = PinStore(here / "pins.json", cost=CHEAP).set_pin(PinRole.ORGANISER, "604917", replace_damaged=True)
    assert kept is not None and kept.name.startswith("pins.json.broken-") and kept.read_text() == "{not json"
    assert PinStore(here / "pins.json", cost=CHEAP).check(PinRole.ORGANISER, "604917").accepted


def test_without_o_directory_a_damaged_database_is_set_aside(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The set-aside at start-up used to crash there, which would stop the kiosk starting."""
    monkeypatch.delattr(os, "O_DIRECTORY")
    database = here / "statistics.sqlite3"
    database.write_bytes(b"this is not a database, it is long enough to have a header" * 20)
    notice = set_aside_if_damaged(database, WHEN)
    assert notice is not None
    assert _names(here) == ["statistics.damaged-20261124T083005Z.sqlite3"]


def test_without_o_directory_settings_are_saved(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "O_DIRECTORY")
    path = here / "settings.json"
    settings.save(settings.Settings(point_name="Bản Hua Tạt"), path)
    assert json.loads(path.read_text(encoding="utf-8"))["point_name"] == "Bản Hua Tạt"
    assert settings.load(path).point_name == "Bản Hua Tạt"


def test_a_broken_file_is_kept_beside_itself_with_the_time(here: Path) -> None:
    broken = here / "settings.json"
    broken.write_text("{not json")
    kept = set_aside(broken, "not JSON", now=WHEN)
    assert kept == here / "settings.json.broken-20261124T083005Z"
    assert kept.read_text() == "{not json"
    assert not broken.exists()


def test_a_second_broken_file_in_the_same_second_gets_its_own_name(here: Path) -> None:
    for text in ("first", "second", "third"):
        (here / "pins.json").write_text(text)
        set_aside(here / "pins.json", "a test", now=WHEN)
    stamp = "pins.json.broken-20261124T083005Z"
    assert _names(here) == [stamp, f"{stamp}-2", f"{stamp}-3"]
    assert [(here / name).read_text() for name in (stamp, f"{stamp}-2", f"{stamp}-3")] == [
        "first",
        "second",
        "third",
    ]


def test_companions_move_with_the_file_and_the_suffix_can_stay_last(here: Path) -> None:
    database = here / "statistics.sqlite3"
    for name, text in (("statistics.sqlite3", "db"), ("statistics.sqlite3-wal", "wal")):
        (here / name).write_text(text)
    kept = set_aside(
        database, "damaged", mark="damaged", keep_suffix=True, companions=("-wal", "-shm"), now=WHEN
    )
    assert kept.name == "statistics.damaged-20261124T083005Z.sqlite3"
    assert _names(here) == [kept.name, kept.name + "-wal"]
    assert (here / (kept.name + "-wal")).read_text() == "wal"


def test_a_file_that_cannot_be_moved_raises(here: Path) -> None:
    with pytest.raises(FileNotFoundError):
        set_aside(here / "missing.json", "a test", now=WHEN)


def test_a_plain_file_is_read_within_its_limit(tmp_path: Path) -> None:
    small = tmp_path / "small.pub"
    small.write_bytes(b"x" * 10)
    assert fsio.read_plain_file(small, 10) == b"x" * 10
    with pytest.raises(fsio.FileTooLargeError):
        fsio.read_plain_file(small, 9)


def test_links_pipes_and_folders_are_never_read(tmp_path: Path) -> None:
    (tmp_path / "zero").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe")  # no writer: reading it would wait for ever
    (tmp_path / "folder").mkdir()
    kinds = {}
    for name in ("zero", "pipe", "folder"):
        with pytest.raises(fsio.NotPlainFileError) as refused:
            fsio.read_plain_file(tmp_path / name, 1024)
        kinds[name] = refused.value.kind
    assert kinds == {"zero": "a link", "pipe": "a named pipe", "folder": "a folder"}
    with pytest.raises(FileNotFoundError):
        fsio.read_plain_file(tmp_path / "missing", 1024)


def test_a_plain_file_is_opened_for_appending_and_others_are_refused_at_once(tmp_path: Path) -> None:
    append = os.O_WRONLY | os.O_APPEND | os.O_CREAT
    log = tmp_path / "kiosk.log"
    descriptor = fsio.open_plain_file(log, append)
    with os.fdopen(descriptor, "a", encoding="utf-8") as stream:
        stream.write("một dòng\n")
    assert log.read_text(encoding="utf-8") == "một dòng\n"
    os.mkfifo(tmp_path / "pipe")  # no reader: opening it to write would wait for ever
    (tmp_path / "link").symlink_to(log)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    (tmp_path / "folder").mkdir()
    kinds = {}
    for name in ("pipe", "link", "dangling", "folder"):
        with pytest.raises(fsio.NotPlainFileError) as refused:
            fsio.open_plain_file(tmp_path / name, append)
        kinds[name] = refused.value.kind
    assert kinds == {"pipe": "a named pipe", "link": "a link", "dangling": "a link", "folder": "a folder"}
    assert not (tmp_path / "nowhere").exists()
    assert log.read_text(encoding="utf-8") == "một dòng\n"


def test_a_pipe_with_a_writer_is_refused_too(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        # Opening succeeds here (there is a reader); the check on the open file refuses it.
        with pytest.raises(fsio.NotPlainFileError, match="a named pipe"):
            fsio.open_plain_file(pipe, os.O_WRONLY)
    finally:
        os.close(reader)


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk is full (the quota is used up)"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "no permission"),
        (errno.EIO, "Input/output error"),
    ],
)
def test_os_errors_are_told_in_words_a_volunteer_can_act_on(number: int, words: str) -> None:
    assert fsio.describe_os_error(OSError(number, os.strerror(number))) == words
    assert fsio.describe_os_error(fsio.NotPlainFileError(Path("x"), "a named pipe")) == (
        "it is a named pipe, not a plain file"
    )


def test_writing_is_tried_for_real_and_leaves_nothing(here: Path) -> None:
    assert fsio.writing_problem(here) is None
    assert _names(here) == []
    assert isinstance(fsio.writing_problem(here / "missing"), FileNotFoundError)
    (here / "file").write_text("x", encoding="utf-8")
    assert isinstance(fsio.writing_problem(here / "file"), NotADirectoryError)


def test_a_roomy_disk_is_not_full_and_a_path_not_made_yet_is_judged_by_its_folder(tmp_path: Path) -> None:
    assert not fsio.disk_is_full(tmp_path)
    assert not fsio.disk_is_full(tmp_path / "not" / "made" / "yet.sqlite3")
