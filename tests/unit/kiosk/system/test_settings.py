from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.system import settings as store
from kiosk.system.settings import MIN_IDLE_ANSWER_S, Settings, SettingsError


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
        json.dumps({"idle_answer_s": 5}),
        json.dumps({"idle_timeout_s": "90"}),
        json.dumps({"colour": "red"}),
        json.dumps({"schema_version": 99}),
    ],
)
def test_broken_file_is_kept_aside_and_defaults_used(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    assert store.load(path) == Settings()
    assert not path.exists()
    kept = list(tmp_path.glob("settings.json.broken-*"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == content


def test_idle_answer_time_never_below_the_minimum() -> None:
    with pytest.raises(SettingsError):
        Settings(idle_answer_s=MIN_IDLE_ANSWER_S - 1).validate()
    Settings(idle_answer_s=MIN_IDLE_ANSWER_S).validate()


def test_save_refuses_invalid_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    with pytest.raises(SettingsError):
        store.save(Settings(point_name="  "), path)
    assert not path.exists()
