"""The kiosk's settings: one typed object with defaults, validation and a schema version.

Stored as JSON in the data dir. A file written by an older version is upgraded step by
step (``_UPGRADES``). A wrong value gives that one setting its default, with a log line naming
it, so one typo does not undo every other choice; a file that is not settings at all is kept
aside and the defaults are used. A bad edit never stops the kiosk from starting.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from kiosk.system.fsio import (
    FileTooLargeError,
    NotPlainFileError,
    atomic_write_text,
    describe_os_error,
    read_plain_file,
    set_aside,
)

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

# The idle warning must leave a visitor at least this long to answer (PRODUCT.md).
MIN_IDLE_ANSWER_S = 20
# "I am trying on my phone": from one minute (time to unlock a phone) to half an hour.
MIN_PHONE_PAUSE_S = 60
MAX_PHONE_PAUSE_S = 1800
# Paper kinds a handout is printed on (kiosk.handouts.PaperSize values).
PAPER_KINDS = ("a4", "receipt")
# Steady taps: a second tap on the same button sooner than this is a shaky hand (0 turns it off).
MAX_REPEAT_TAP_MS = 2000


class SettingsError(ValueError):
    """A settings value outside what the kiosk accepts."""


@dataclass(frozen=True)
class Settings:
    point_name: str = "Điểm hỗ trợ kỹ năng số"
    # Where the point is, as the district office's reports group it (kiosk hub); empty until set.
    # Files without them get these defaults; no upgrade step is needed.
    commune: str = ""
    province: str = ""
    # Seconds without a touch or key before "Are you still there?" appears.
    idle_timeout_s: int = 90
    # Seconds the visitor has to answer that question before everything is reset.
    idle_answer_s: int = 30
    # Seconds "I am trying on my phone" holds the visit (a clock on screen) before the question
    # comes again. Files without it get this default; no upgrade step is needed.
    phone_pause_s: int = 300
    default_language: str = "vi"
    # CUPS queue for handouts; empty means CUPS's default destination.
    printer: str = ""
    # "a4" for an office printer, "receipt" for an 80 mm thermal printer.
    paper: str = "a4"
    # Milliseconds within which a repeated tap on the same button counts once (ui/input/steady_taps.py).
    # Files without it (schema 1 before it existed) get this default; no upgrade step is needed.
    repeat_tap_ms: int = 600
    # Local voices (kiosk.voices): whether visitors also hear recordings no second speaker has
    # checked yet, and whether the volunteers agreed to their voices being recorded and shared
    # (asked once by the "Record voices" page; no name is kept). Files without them get these
    # defaults; no upgrade step is needed.
    allow_unchecked_voices: bool = False
    voices_consent: bool = False

    def validate(self) -> None:
        for item in fields(self):
            problem = field_problem(item.name, getattr(self, item.name))
            if problem is not None:
                raise SettingsError(problem)


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


# What each setting must be, beyond its type: (test, the rule in words).
_RULES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "point_name": (lambda v: bool(v.strip()), "must not be empty"),
    "commune": (lambda v: len(v) <= 100 and v.isprintable(), "must be at most 100 printable characters"),
    "province": (lambda v: len(v) <= 100 and v.isprintable(), "must be at most 100 printable characters"),
    "idle_timeout_s": (lambda v: 15 <= v <= 3600, "must be between 15 and 3600 seconds"),
    "idle_answer_s": (
        lambda v: MIN_IDLE_ANSWER_S <= v <= 300,
        f"must be between {MIN_IDLE_ANSWER_S} and 300 seconds",
    ),
    "phone_pause_s": (
        lambda v: MIN_PHONE_PAUSE_S <= v <= MAX_PHONE_PAUSE_S,
        f"must be between {MIN_PHONE_PAUSE_S} and {MAX_PHONE_PAUSE_S} seconds",
    ),
    "default_language": (lambda v: bool(v.strip()), "must not be empty"),
    "printer": (
        lambda v: not v or _is_queue_name(v),
        "must be a CUPS queue name (no spaces, '/' or '#') or empty",
    ),
    "paper": (lambda v: v in PAPER_KINDS, f"must be one of {', '.join(PAPER_KINDS)}"),
    "repeat_tap_ms": (
        lambda v: 0 <= v <= MAX_REPEAT_TAP_MS,
        f"must be between 0 and {MAX_REPEAT_TAP_MS} milliseconds",
    ),
    "allow_unchecked_voices": (lambda v: True, "must be true or false"),
    "voices_consent": (lambda v: True, "must be true or false"),
}
_DEFAULTS = Settings()
# Longer numbers in the file are not read as numbers (Python refuses more than 4300 digits, and
# would refuse the whole file with them).
_MAX_DIGITS = 30
# A settings file is a few hundred bytes; anything far larger is not one.
_MAX_FILE_BYTES = 1_000_000
# How much of a value from the file a log line shows.
_SHOWN_CHARS = 60


class _LongNumber:
    """A number in the file with more digits than any setting could use."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"a number of {len(self.digits)} digits"


def _whole_number(text: str) -> int | _LongNumber:
    return int(text) if len(text.lstrip("-")) <= _MAX_DIGITS else _LongNumber(text)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return "a number too long" if isinstance(value, _LongNumber) else type(value).__name__


def field_problem(name: str, value: object) -> str | None:
    """Why ``value`` cannot be the setting ``name`` (its type, then its range), or None when it can."""
    expected = type(getattr(_DEFAULTS, name))
    # type(), not isinstance(): JSON's true is no number of seconds, 90.0 no whole one.
    if type(value) is not expected:
        return f"{name} must be {expected.__name__}, not {_kind(value)}"
    test, rule = _RULES[name]
    return None if test(value) else f"{name} {rule}"


def _schema_version(value: object, path: Path) -> int:
    """The file's schema version; one that is not a version is read as this kiosk's own."""
    if type(value) is int and 0 <= value <= SCHEMA_VERSION:
        return value
    if type(value) is int and value > SCHEMA_VERSION:
        log.warning(
            "%s: schema_version %d was written by a newer kiosk (this one knows %d); "
            "the settings this kiosk knows are read, the others ignored",
            path,
            value,
            SCHEMA_VERSION,
        )
    else:
        log.error(
            "%s: schema_version must be a whole number from 0 to %d, not %s; "
            "the settings are read as schema %d",
            path,
            SCHEMA_VERSION,
            _shown(value),
            SCHEMA_VERSION,
        )
    return SCHEMA_VERSION


def _from_dict(data: dict[str, Any], path: Path) -> Settings:
    """Each setting from ``data`` if it is right, else its default with a log line naming it."""
    version = _schema_version(data.pop("schema_version", 0), path)
    while version < SCHEMA_VERSION:
        data = _UPGRADES[version](data)
        version += 1
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in _RULES:
            log.error("%s: unknown setting %s ignored", path, _shown(name))
            continue
        problem = field_problem(name, value)
        if problem is not None:
            log.error(
                "%s: %s (it is %s); using the default %s",
                path,
                problem,
                _shown(value),
                _shown(getattr(_DEFAULTS, name)),
            )
            continue
        values[name] = value
    return replace(_DEFAULTS, **values)


def load(path: Path) -> Settings:
    """Read settings; a missing file gives the defaults, a wrong setting its own default.

    A file that is no settings at all (not JSON, not an object) is moved aside and every
    default used; a link, pipe or folder in its place is never opened (a pipe would wait for
    ever) and left where it is. Each problem is one log line naming the setting or the file.
    """
    try:
        raw = read_plain_file(path, _MAX_FILE_BYTES)
    except FileNotFoundError:
        return Settings()
    except NotPlainFileError as error:
        log.error(
            "Settings file %s is %s, not a plain file; it is not read and the defaults are used",
            path,
            error.kind,
        )
        return Settings()
    except FileTooLargeError as error:
        return _set_aside(path, error)
    except OSError as error:
        log.error("Settings file %s cannot be read (%s); using the defaults", path, describe_os_error(error))
        return Settings()
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_int=_whole_number)
        if not isinstance(data, dict):
            raise SettingsError(f"the settings file must hold a JSON object, not {_kind(data)}")
    except (ValueError, RecursionError) as error:
        # RecursionError: brackets nested thousands deep.
        return _set_aside(path, error)
    return _from_dict(data, path)


def _set_aside(path: Path, error: Exception) -> Settings:
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
