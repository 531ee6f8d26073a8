"""The steady-taps window: a typed, validated setting; files written before it keep working."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.system import settings as store
from kiosk.system.settings import MAX_REPEAT_TAP_MS, Settings, SettingsError


def test_the_default_is_600_ms() -> None:
    assert Settings().repeat_tap_ms == 600


def test_a_file_from_before_the_setting_gets_the_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 1, "point_name": "Chợ Mường Lay"}), encoding="utf-8")
    assert store.load(path) == Settings(point_name="Chợ Mường Lay")


def test_a_chosen_window_is_saved_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    store.save(Settings(repeat_tap_ms=900), path)
    assert store.load(path).repeat_tap_ms == 900


@pytest.mark.parametrize("value", [-1, MAX_REPEAT_TAP_MS + 1])
def test_a_window_out_of_range_is_refused(value: int) -> None:
    with pytest.raises(SettingsError):
        Settings(repeat_tap_ms=value).validate()


def test_zero_turns_steady_taps_off_and_is_allowed() -> None:
    Settings(repeat_tap_ms=0).validate()


@pytest.mark.parametrize("value", ["600", 600.0, True])
def test_a_value_of_the_wrong_type_gets_the_default_and_the_file_is_kept(
    tmp_path: Path, value: object
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"schema_version": 1, "repeat_tap_ms": value, "point_name": "Chợ Bắc Hà"}),
        encoding="utf-8",
    )
    assert store.load(path) == Settings(point_name="Chợ Bắc Hà")
    assert path.exists()
    assert not list(tmp_path.glob("settings.json.broken-*"))
