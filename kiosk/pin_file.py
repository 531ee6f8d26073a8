"""``pins.json`` on disk: read only as a plain file, every entry checked, changed under a file lock.

The file holds each role's scrypt hash and salt and the count of wrong tries. Reading it
never blocks: a named pipe, a folder or a link is refused (``kiosk.system.fsio.read_plain_file``),
and so is a file larger than any real one. A file that cannot be used for any reason (not
JSON, a wrong type, a missing salt, unreadable) raises ``PinFileDamagedError``: the store
then keeps every role locked, it never acts as if no PIN were set (that would let the next
person at the PIN pad choose the organiser's PIN).

Two kiosk processes (or the kiosk and ``kiosk set-pin``) may share the file, so every change
re-reads it while holding an exclusive ``flock`` on ``pins.json.lock`` beside it (a separate
file, because each write replaces ``pins.json`` by a rename). Where ``fcntl`` is missing
(Windows) the lock is skipped.
"""

from __future__ import annotations

import enum
import json
import logging
import math
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.system.fsio import FileTooLargeError, NotPlainFileError, atomic_write, read_plain_file

try:
    import fcntl

    _FLOCK = True
except ImportError:  # pragma: no cover - Windows
    _FLOCK = False

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
# A real file is well under 2 KB.
LIMIT_BYTES = 64 * 1024
HASH_BYTES = 32
# scrypt work factors a file may ask for: up to twice OWASP's memory (256 MiB), so a forged
# file cannot make each try take gigabytes.
MAX_SCRYPT_MEMORY = 256 * 1024 * 1024
# A user id and group id, for files written by root on the kiosk user's behalf.
Owner = tuple[int, int]


class PinRole(enum.StrEnum):
    ORGANISER = "organiser"
    VOLUNTEER = "volunteer"


class PinFileDamagedError(RuntimeError):
    """``pins.json`` exists but cannot be used; every role stays locked until a PIN is set again."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"the PIN file {path} cannot be used: {reason}")
        self.path = path
        self.reason = reason


def empty() -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "pins": {}, "lockout": {}}


def read(path: Path) -> dict[str, Any]:
    """The checked content of ``path``; empty when there is no file. Never blocks."""
    try:
        raw = read_plain_file(path, LIMIT_BYTES)
    except FileNotFoundError:
        return empty()
    except NotPlainFileError as error:
        raise PinFileDamagedError(path, f"it is {error.kind}, not a plain file") from None
    except FileTooLargeError:
        raise PinFileDamagedError(path, f"it is larger than {LIMIT_BYTES} bytes") from None
    except OSError as error:
        raise PinFileDamagedError(path, error.strerror or str(error)) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise PinFileDamagedError(path, f"it is not JSON ({error})") from None
    try:
        return checked(data)
    except ValueError as error:
        raise PinFileDamagedError(path, str(error)) from None


def checked(data: object) -> dict[str, Any]:
    """``data`` if every part of it has the right type and range; else ``ValueError`` saying which."""
    if not isinstance(data, dict):
        raise ValueError("it is not a JSON object")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"schema_version is {data.get('schema_version')!r}, not {SCHEMA_VERSION}")
    pins, lockout = data.get("pins"), data.get("lockout")
    if not isinstance(pins, dict) or not isinstance(lockout, dict):
        raise ValueError('"pins" or "lockout" is missing or not an object')
    for role, entry in pins.items():
        _check_pin(_role(role, "pins"), entry)
    for role, entry in lockout.items():
        _check_lockout(_role(role, "lockout"), entry)
    return data


def write(path: Path, data: dict[str, Any], owner: Owner | None = None) -> None:
    """Replace ``path`` with ``data`` in one durable step, readable by its owner only."""
    encoded = json.dumps(data, indent=2, sort_keys=True).encode("utf-8")

    def render(temporary: Path) -> None:
        temporary.write_bytes(encoded)
        if owner is not None:
            os.chown(temporary, *owner)

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, render, mode=0o600)


@contextmanager
def locked(path: Path, owner: Owner | None = None) -> Iterator[None]:
    """Hold the exclusive lock beside ``path`` (no lock where the folder refuses a lock file)."""
    if not _FLOCK:
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock_path, flags, 0o600)
    except OSError as error:
        # A read-only data dir: nothing can be written either, so there is nothing to keep apart.
        log.warning("cannot open the PIN lock %s (%s); going on without it", lock_path, error)
        yield
        return
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            log.warning("the PIN lock %s is not a plain file; going on without it", lock_path)
        else:
            if owner is not None:
                os.fchown(descriptor, *owner)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        # Closing the descriptor releases the lock.
        os.close(descriptor)


def _role(name: object, section: str) -> str:
    if not isinstance(name, str) or name not in {role.value for role in PinRole}:
        raise ValueError(f"{section} has an entry for an unknown role {name!r}")
    return name


def _number(entry: dict[str, Any], key: str, where: str) -> int | float:
    value = entry.get(key)
    # bool is an int to Python, never a count to us.
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{where}.{key} is {value!r}, not a number")
    return value


def _whole(entry: dict[str, Any], key: str, where: str, low: int, high: int) -> int:
    value = _number(entry, key, where)
    if not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{where}.{key} is {value!r}, not a whole number from {low} to {high}")
    return value


def _hex(entry: dict[str, Any], key: str, where: str) -> bytes:
    value = entry.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{where}.{key} is missing or not text")
    try:
        decoded = bytes.fromhex(value)
    except ValueError:
        raise ValueError(f"{where}.{key} is not hexadecimal") from None
    if not decoded:
        raise ValueError(f"{where}.{key} is empty")
    return decoded


def _check_pin(role: str, entry: object) -> None:
    where = f"pins.{role}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where} is not an object")
    _hex(entry, "salt", where)
    if len(_hex(entry, "hash", where)) != HASH_BYTES:
        raise ValueError(f"{where}.hash is not {HASH_BYTES} bytes")
    n = _whole(entry, "n", where, 2, 2**24)
    if n & (n - 1):
        raise ValueError(f"{where}.n is {n}, not a power of two")
    r = _whole(entry, "r", where, 1, 64)
    _whole(entry, "p", where, 1, 16)
    if 128 * n * r > MAX_SCRYPT_MEMORY:
        raise ValueError(f"{where} asks scrypt for more than {MAX_SCRYPT_MEMORY // 2**20} MiB")


def _check_lockout(role: str, entry: object) -> None:
    where = f"lockout.{role}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where} is not an object")
    _whole(entry, "failures", where, 0, 2**62)
    _number(entry, "until", where)
