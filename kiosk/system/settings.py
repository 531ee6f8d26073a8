"""The kiosk's settings: one typed object with defaults, validation and a schema version.

Stored as JSON in the data dir. A file written by an older version is upgraded step by
step (``_UPGRADES``); a damaged or invalid file is kept aside and the defaults are used,
so a bad edit never stops the kiosk from starting.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from kiosk.system.fsio import atomic_write_text, set_aside

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

# The idle warning must leave a visitor at least this long to answer (PRODUCT.md).
MIN_IDLE_ANSWER_S = 20
# Paper kinds a handout is printed on (kiosk.handouts.PaperSize values).
PAPER_KINDS = ("a4", "receipt")
# Steady taps: a second tap on the same button sooner than this is a shaky hand (0 turns it off).
MAX_REPEAT_TAP_MS = 2000


class SettingsError(ValueError):
    """A settings value outside what the kiosk accepts."""


@dataclass(frozen=True)
class Settings:
    point_name: str = "Điểm hỗ trợ kỹ năng số"
    # Seconds without a touch or key before "Are you still there?" appears.
    idle_timeout_s: int = 90
    # Seconds the visitor has to answer that question before everything is reset.
    idle_answer_s: int = 30
    default_language: str = "vi"
    # CUPS queue for handouts; empty means CUPS's default destination.
    printer: str = ""
    # "a4" for an office printer, "receipt" for an 80 mm thermal printer.
    paper: str = "a4"
    # Milliseconds within which a repeated tap on the same button counts once (ui/input/steady_taps.py).
    # Files without it (schema 1 before it existed) get this default; no upgrade step is needed.
    repeat_tap_ms: int = 600

    def validate(self) -> None:
        if not self.point_name.strip():
            raise SettingsError("point_name must not be empty")
        if not 15 <= self.idle_timeout_s <= 3600:
            raise SettingsError("idle_timeout_s must be between 15 and 3600 seconds")
        if not MIN_IDLE_ANSWER_S <= self.idle_answer_s <= 300:
            raise SettingsError(f"idle_answer_s must be between {MIN_IDLE_ANSWER_S} and 300 seconds")
        if not self.default_language.strip():
            raise SettingsError("default_language must not be empty")
        if self.printer and not _is_queue_name(self.printer):
            raise SettingsError("printer must be a CUPS queue name (no spaces, '/' or '#') or empty")
        if self.paper not in PAPER_KINDS:
            raise SettingsError(f"paper must be one of {', '.join(PAPER_KINDS)}")
        if not 0 <= self.repeat_tap_ms <= MAX_REPEAT_TAP_MS:
            raise SettingsError(f"repeat_tap_ms must be between 0 and {MAX_REPEAT_TAP_MS} milliseconds")


def _is_queue_name(name: str) -> bool:
    # CUPS refuses spaces, "/" and "#"; a leading "-" would be read by lp and lpstat as an option.
    return (
        len(name) <= 127
        and name.isprintable()
        and not name.startswith("-")
        and not any(c.isspace() or c in "/#" for c in name)
    )


def _upgrade_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    # Version 0 had no schema_version key; nothing else changed.
    return data


_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _upgrade_0_to_1}


def _from_dict(data: dict[str, Any]) -> Settings:
    version = int(data.pop("schema_version", 0))
    if version > SCHEMA_VERSION:
        raise SettingsError(f"settings schema {version} is newer than this kiosk ({SCHEMA_VERSION})")
    while version < SCHEMA_VERSION:
        data = _UPGRADES[version](data)
        version += 1
    known = {f.name: f.type for f in fields(Settings)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise SettingsError(f"unknown settings: {', '.join(unknown)}")
    defaults = Settings()
    values: dict[str, Any] = {}
    for name, value in data.items():
        expected = type(getattr(defaults, name))
        if type(value) is not expected:
            raise SettingsError(f"{name} must be {expected.__name__}, not {type(value).__name__}")
        values[name] = value
    settings = replace(defaults, **values)
    settings.validate()
    return settings


def load(path: Path) -> Settings:
    """Read settings; a missing file gives the defaults, a bad one is moved aside."""
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise SettingsError("the settings file must hold a JSON object")
        return _from_dict(data)
    except (OSError, ValueError) as error:
        try:
            set_aside(path, f"the settings file is unusable ({error}); using defaults")
        except OSError as move_error:
            log.error("Settings file %s is unusable (%s); cannot move it aside: %s", path, error, move_error)
        return Settings()


def save(settings: Settings, path: Path) -> None:
    """Write atomically: a power cut leaves either the old file or the new one."""
    settings.validate()
    payload = {"schema_version": SCHEMA_VERSION, **asdict(settings)}
    atomic_write_text(path, json.dumps(payload, ensure_ascii=False, indent=2))
