from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from kiosk.system import settings as store
from kiosk.system.settings import (
    MAX_PHONE_PAUSE_S,
    MIN_IDLE_ANSWER_S,
    MIN_PHONE_PAUSE_S,
    Settings,
    SettingsError,
)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert store.load(tmp_path / "settings.json") == Settings()


def test_saved_settings_come_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    chosen = Settings(point_name="Nhà văn hóa thôn Bản Lang", idle_timeout_s=120, idle_answer_s=40)
    store.save(chosen, path)
    assert store.load(path) == chosen
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == store.SCHEMA_VERSION


def test_version_0_file_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"point_name": "Chợ Mường Lay"}), encoding="utf-8")
    assert store.load(path).point_name == "Chợ Mường Lay"


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps([1, 2]),
        json.dumps("settings"),
        json.dumps(None),
        "\xff\xfe not utf-8",
        "[" * 100_000 + "]" * 100_000,
    ],
)
def test_a_file_that_is_no_settings_is_kept_aside_and_defaults_used(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content.encode("latin-1"))
    assert store.load(path) == Settings()
    assert not path.exists()
    kept = list(tmp_path.glob("settings.json.broken-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == content.encode("latin-1")
    assert "the settings file is unusable" in caplog.text


CHOSEN: dict[str, Any] = {
    "point_name": "Nhà văn hóa thôn Bản Lang",
    "idle_timeout_s": 120,
    "paper": "receipt",
}


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("idle_answer_s", 5, "idle_answer_s must be between 20 and 300 seconds (it is 5)"),
        ("idle_answer_s", "40", "idle_answer_s must be int, not str"),
        ("idle_answer_s", 40.0, "idle_answer_s must be int, not float"),
        ("idle_answer_s", True, "idle_answer_s must be int, not bool"),
        ("idle_answer_s", None, "idle_answer_s must be int, not null"),
        ("idle_answer_s", [40], "idle_answer_s must be int, not list"),
        ("idle_answer_s", {"s": 40}, "idle_answer_s must be int, not dict"),
        ("idle_answer_s", -1, "idle_answer_s must be between"),
        ("idle_answer_s", 10**25, "idle_answer_s must be between"),
        ("phone_pause_s", 59, "phone_pause_s must be between 60 and 1800 seconds (it is 59)"),
        ("phone_pause_s", 1801, "phone_pause_s must be between 60 and 1800 seconds (it is 1801)"),
        ("phone_pause_s", 300.0, "phone_pause_s must be int, not float"),
        ("phone_pause_s", "5 min", "phone_pause_s must be int, not str"),
        ("repeat_tap_ms", float("nan"), "repeat_tap_ms must be int, not float"),
        ("printer", "; rm -rf /", "printer must be a CUPS queue name"),
        ("default_language", " ", "default_language must not be empty"),
        ("colour", "red", "unknown setting 'colour' ignored"),
    ],
)
def test_a_wrong_setting_gets_its_default_and_the_others_are_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, value: object, said: str
) -> None:
    path = tmp_path / "settings.json"
    content = json.dumps({"schema_version": 1, **CHOSEN, name: value})
    path.write_text(content, encoding="utf-8")
    loaded = store.load(path)
    assert loaded == Settings(**CHOSEN)
    assert said in caplog.text
    # One line, naming the setting; the file stays, with the organiser's other choices in it.
    assert len(caplog.records) == 1
    assert path.read_text(encoding="utf-8") == content
    assert not list(tmp_path.glob("settings.json.broken-*"))


def test_a_number_too_long_for_python_spoils_only_its_setting(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"idle_timeout_s": ' + "9" * 5000 + ', "point_name": "Chợ Bắc Hà"}', encoding="utf-8")
    assert store.load(path) == Settings(point_name="Chợ Bắc Hà")
    assert "idle_timeout_s must be int, not a number too long (it is a number of 5000 digits)" in caplog.text


@pytest.mark.parametrize(
    ("version", "said"),
    [
        (None, "schema_version must be a whole number from 0 to 1, not None"),
        ([1], "not [1]"),
        ({"v": 1}, "not {'v': 1}"),
        (-1, "not -1"),
        ("1", "not '1'"),
        (True, "not True"),
        (1.0, "not 1.0"),
        (10**25, "schema_version 10000000000000000000000000 was written by a newer kiosk"),
        (99, "schema_version 99 was written by a newer kiosk (this one knows 1)"),
    ],
)
def test_any_schema_version_reads_the_settings_this_kiosk_knows(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, version: object, said: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": version, **CHOSEN}), encoding="utf-8")
    assert store.load(path) == Settings(**CHOSEN)
    assert said in caplog.text
    assert len(caplog.records) == 1
    assert path.exists()


def test_a_huge_schema_version_is_read_as_a_long_number(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"schema_version": ' + "1" * 5000 + ', "paper": "receipt"}', encoding="utf-8")
    assert store.load(path) == Settings(paper="receipt")
    assert "not a number of 5000 digits" in caplog.text


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"paper": "receipt"}).encode())
    assert store.load(path) == Settings(paper="receipt")


def test_idle_answer_time_never_below_the_minimum() -> None:
    with pytest.raises(SettingsError):
        Settings(idle_answer_s=MIN_IDLE_ANSWER_S - 1).validate()
    Settings(idle_answer_s=MIN_IDLE_ANSWER_S).validate()


def test_the_phone_pause_is_five_minutes_unless_set_within_its_bounds(tmp_path: Path) -> None:
    assert Settings().phone_pause_s == 300
    for outside in (MIN_PHONE_PAUSE_S - 1, MAX_PHONE_PAUSE_S + 1):
        with pytest.raises(SettingsError, match="phone_pause_s"):
            Settings(phone_pause_s=outside).validate()
    path = tmp_path / "settings.json"
    for inside in (MIN_PHONE_PAUSE_S, MAX_PHONE_PAUSE_S):
        store.save(Settings(phone_pause_s=inside), path)
        assert json.loads(path.read_text(encoding="utf-8"))["phone_pause_s"] == inside
        assert store.load(path).phone_pause_s == inside


def test_save_refuses_invalid_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    with pytest.raises(SettingsError):
        store.save(Settings(point_name="  "), path)
    assert not path.exists()


def _make(kind: str, path: Path) -> None:
    if kind == "a named pipe":
        os.mkfifo(path)
    elif kind == "a folder":
        path.mkdir()
    elif kind == "a link":
        real = path.with_name("real.json")
        real.write_text(json.dumps({"paper": "receipt"}), encoding="utf-8")
        path.symlink_to(real)
    else:
        path.symlink_to("/dev/zero")


@pytest.mark.parametrize("kind", ["a named pipe", "a folder", "a link", "a link to a device"])
def test_no_plain_file_is_refused_without_waiting_and_left_where_it_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    path = tmp_path / "settings.json"
    _make(kind, path)
    loaded: list[Settings] = []
    reader = threading.Thread(target=lambda: loaded.append(store.load(path)), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive() and kind == "a named pipe":
        path.write_text("{}", encoding="utf-8")  # let the stuck reader go
    assert loaded == [Settings()], f"loading a settings file that is {kind} did not return at once"
    assert f"Settings file {path} is {kind.replace(' to a device', '')}, not a plain file" in caplog.text
    assert path.is_symlink() or path.exists()
    assert not list(tmp_path.glob("settings.json.broken-*"))


def test_a_file_far_too_large_is_kept_aside_unread(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b" " * 2_000_000)
    assert store.load(path) == Settings()
    assert "is larger than" in caplog.text
    assert len(list(tmp_path.glob("settings.json.broken-*"))) == 1
