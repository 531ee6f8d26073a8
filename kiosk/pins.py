"""Organiser and volunteer PINs: hashed with scrypt, compared in constant time, rate-limited.

There is no default PIN. The installer sets the organiser's (``kiosk set-pin --organiser``);
on a machine where nobody did, ``is_set()`` says so and the PIN pad asks whoever opens organiser
mode to choose one. A new PIN has 6 to 8 digits and is none of the easy ones
(``kiosk.pin_strength``); a PIN set before that rule (4 or 5 digits) still works.

What protects a PIN is the cost of each guess. After ``FREE_TRIES`` wrong tries in a row the
next try waits 30 s, and every further wrong try doubles the wait up to 15 minutes. A try is
counted before its hash is computed, so tries in flight at the same time (from two processes
too) all meet the wait. The count and the wait are kept in ``pins.json`` (``kiosk.pin_file``),
re-read under a file lock before every change, so switching the kiosk off, or a second
process with an old count, never resets them. A clock set backwards never lengthens a wait
past the longest one.

A damaged ``pins.json`` fails closed: every role stays locked, ``damage`` says why, and only
``set_pin(..., replace_damaged=True)`` (``kiosk set-pin`` from a root shell) starts again.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import re
import secrets
import shlex
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import pin_file
from kiosk.pin_file import Owner, PinFileDamagedError, PinRole
from kiosk.pin_strength import Weakness, weakness
from kiosk.system import paths
from kiosk.system.fsio import set_aside

__all__ = [
    "FREE_TRIES",
    "MAX_COUNTED",
    "OWASP_COST",
    "PinCheck",
    "PinError",
    "PinFileDamagedError",
    "PinInUseError",
    "PinNotSetError",
    "PinRole",
    "PinStore",
    "ScryptCost",
    "WeakPinError",
    "delay_after",
    "reset_command",
    "validate_pin",
]

log = logging.getLogger(__name__)

FREE_TRIES = 5
FIRST_DELAY_S = 30.0
LONGEST_DELAY_S = 15 * 60.0
# The doublings after which the wait is the longest one: the exponent never grows past it.
_MAX_DOUBLINGS = math.ceil(math.log2(LONGEST_DELAY_S / FIRST_DELAY_S))
# A count that high means years of guessing; it stops there (and stays a small number in the file).
MAX_COUNTED = 10**9
SALT_BYTES = 16
# What a try may be: new PINs have 6 to 8 digits, older ones 4 or 5.
_TRIED_PIN = re.compile(r"[0-9]{4,8}")


class PinError(ValueError):
    """A PIN that may not be used."""


class WeakPinError(PinError):
    """Too short, too long, or too easy to guess; ``weakness`` says which."""

    def __init__(self, why: Weakness) -> None:
        super().__init__(f"that PIN may not be used: {why.value}")
        self.weakness = why


class PinInUseError(PinError):
    """The PIN is already another role's PIN."""


class PinNotSetError(LookupError):
    """No PIN has been set for this role yet."""


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's work factors. OWASP's recommendation: n=2**17, r=8, p=1 (128 MiB per hash)."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        # scrypt needs 128·n·r bytes; allow twice that so OpenSSL never refuses the hash.
        return 2 * 128 * self.n * self.r + 1024 * 1024


OWASP_COST = ScryptCost()


@dataclass(frozen=True)
class PinCheck:
    """The answer to a try: accepted, or refused (and how long until the next try is heard)."""

    accepted: bool
    wait_s: float = 0.0
    # Wrong tries left before the waiting starts (0 once it has).
    tries_left: int = FREE_TRIES

    @property
    def locked(self) -> bool:
        return self.wait_s > 0


def validate_pin(pin: str) -> str:
    """``pin`` if it may be a new PIN; else ``WeakPinError`` saying why not."""
    why = weakness(pin)
    if why is not None:
        raise WeakPinError(why)
    return pin


def reset_command(role: PinRole, data_dir: Path) -> str:
    """The command that sets ``role``'s PIN again from a root shell (a damaged file, a lost PIN)."""
    program = sys.executable if getattr(sys, "frozen", False) else "kiosk"
    return (
        f"sudo {shlex.quote(program)} --data-dir {shlex.quote(str(data_dir))} set-pin --{PinRole(role).value}"
    )


def _hash(pin: str, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=cost.n, r=cost.r, p=cost.p, maxmem=cost.maxmem, dklen=32
    )


def _cost_of(stored: dict[str, Any]) -> ScryptCost:
    return ScryptCost(int(stored["n"]), int(stored["r"]), int(stored["p"]))


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong tries in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(LONGEST_DELAY_S, FIRST_DELAY_S * 2.0 ** min(failures - FREE_TRIES, _MAX_DOUBLINGS))


class PinStore:
    def __init__(
        self,
        path: Path | None = None,
        *,
        clock: Callable[[], float] = time.time,
        cost: ScryptCost = OWASP_COST,
        owner: Owner | None = None,
    ) -> None:
        """``owner``: the user and group the files are given to (root writing for the kiosk user)."""
        self.path = path if path is not None else paths.pins_file()
        self._clock = clock
        self._cost = cost
        self._owner = owner
        self._lock = threading.Lock()
        self._data = pin_file.empty()
        # Why the file cannot be used; None when it can (or there is none).
        self.damage: PinFileDamagedError | None = None
        self._wrong_before_login: dict[PinRole, int] = {}
        self.refresh()

    # -- reading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the file again: another process may have changed it, or it may be damaged now."""
        with self._lock, suppress(PinFileDamagedError):
            self._reload()

    def is_set(self, role: PinRole = PinRole.ORGANISER) -> bool:
        """Whether a PIN exists for ``role``; True too when the file is damaged (nothing may set one)."""
        with self._lock:
            return self.damage is not None or PinRole(role).value in self._data["pins"]

    def wait_s(self, role: PinRole = PinRole.ORGANISER) -> float:
        """Seconds until a try for ``role`` is heard again (0 when it is heard now)."""
        with self._lock:
            return self._remaining(self._data, PinRole(role))

    def wrong_tries_before_login(self, role: PinRole = PinRole.ORGANISER) -> int:
        """Wrong tries between the last two right PINs for ``role`` (in this process; 0 before any)."""
        with self._lock:
            return self._wrong_before_login.get(PinRole(role), 0)

    @property
    def reset_command(self) -> str:
        return reset_command(PinRole.ORGANISER, self.path.parent)

    # -- changing ------------------------------------------------------------------------
    def set_pin(self, role: PinRole, pin: str, *, replace_damaged: bool = False) -> Path | None:
        """Set or change a PIN (the caller has checked the old one, or none was set).

        Each role's PIN must differ from the others': a volunteer's PIN must never open
        organiser mode. ``PinInUseError`` says so (checking costs one hash per other role).
        A damaged file raises ``PinFileDamagedError``; with ``replace_damaged`` it is kept
        aside instead (its name is returned) and a new file holds only this PIN.
        """
        role = PinRole(role)
        validate_pin(pin)
        if self.used_by_another_role(role, pin):
            raise PinInUseError(f"that PIN is already another role's PIN, not usable for {role}")
        salt = secrets.token_bytes(SALT_BYTES)
        digest = _hash(pin, salt, self._cost)
        kept: Path | None = None
        with self._file_locked():
            try:
                data = self._reload()
            except PinFileDamagedError as error:
                if not replace_damaged:
                    raise
                kept = set_aside(self.path, f"{error.reason}; replaced by a new {role} PIN")
                data = self._data = pin_file.empty()
                self.damage = None
            data["pins"][role.value] = {
                "salt": salt.hex(),
                "hash": digest.hex(),
                "n": self._cost.n,
                "r": self._cost.r,
                "p": self._cost.p,
            }
            data["lockout"].pop(role.value, None)
            pin_file.write(self.path, data, self._owner)
        log.info("%s PIN set", role)
        return kept

    def used_by_another_role(self, role: PinRole, pin: str) -> bool:
        """Whether ``pin`` is the PIN of a role other than ``role`` (no try is counted)."""
        with self._lock:
            others = [dict(stored) for name, stored in self._data["pins"].items() if name != role]
        for stored in others:
            candidate = _hash(pin, bytes.fromhex(stored["salt"]), _cost_of(stored))
            if hmac.compare_digest(candidate, bytes.fromhex(stored["hash"])):
                return True
        return False

    def clear(self, role: PinRole) -> None:
        with self._file_locked():
            data = self._reload()
            data["pins"].pop(PinRole(role).value, None)
            data["lockout"].pop(PinRole(role).value, None)
            pin_file.write(self.path, data, self._owner)

    def check(self, role: PinRole, pin: str) -> PinCheck:
        """Try ``pin``. While a wait runs, the try is refused without being counted.

        Raises ``PinNotSetError`` when ``role`` has no PIN and ``PinFileDamagedError`` when
        the file cannot be used.
        """
        role = PinRole(role)
        with self._file_locked():
            data = self._reload()
            stored = data["pins"].get(role.value)
            if stored is None:
                raise PinNotSetError(f"no {role} PIN is set")
            remaining = self._remaining(data, role)
            if remaining > 0:
                return PinCheck(False, remaining, 0)
            # Counted before the hash: a try in flight elsewhere meets this one's wait.
            failures = self._count_failure(data, role)
            self._write_quietly(data)
        well_formed = isinstance(pin, str) and _TRIED_PIN.fullmatch(pin) is not None
        # A malformed PIN still costs a full hash, so timing tells nothing about the format check.
        candidate = _hash(pin if well_formed else "0000", bytes.fromhex(stored["salt"]), _cost_of(stored))
        if well_formed and hmac.compare_digest(candidate, bytes.fromhex(stored["hash"])):
            with self._file_locked():
                data = self._reload()
                lockout = data["lockout"].pop(role.value, None)
                self._write_quietly(data)
                # Less this try, counted above as wrong.
                wrong = max(0, int(lockout["failures"]) - 1) if lockout else 0
                self._wrong_before_login[role] = wrong
            if wrong:
                log.warning("%s PIN accepted after %d wrong tries", role, wrong)
            return PinCheck(True)
        log.warning("wrong %s PIN (%d in a row)", role, failures)
        return PinCheck(False, delay_after(failures), max(0, FREE_TRIES - failures))

    # -- storage -------------------------------------------------------------------------
    @contextmanager
    def _file_locked(self) -> Iterator[None]:
        with self._lock, pin_file.locked(self.path, self._owner):
            yield

    def _reload(self) -> dict[str, Any]:
        """The file as it is now (the caller holds ``_lock``); raises ``PinFileDamagedError``."""
        try:
            data = pin_file.read(self.path)
        except PinFileDamagedError as error:
            if self.damage is None or self.damage.reason != error.reason:
                log.error(
                    "%s; organiser mode stays locked until the PIN is set again from a root shell: %s",
                    error,
                    self.reset_command,
                )
            self.damage = error
            self._data = pin_file.empty()
            raise
        self.damage = None
        self._data = data
        return data

    def _count_failure(self, data: dict[str, Any], role: PinRole) -> int:
        lockout = data["lockout"].setdefault(role.value, {"failures": 0, "until": 0.0})
        failures = min(MAX_COUNTED, int(lockout["failures"]) + 1)
        lockout["failures"] = failures
        lockout["until"] = self._clock() + delay_after(failures)
        return failures

    def _remaining(self, data: dict[str, Any], role: PinRole) -> float:
        lockout = data["lockout"].get(role.value)
        if not lockout:
            return 0.0
        remaining = float(lockout["until"]) - self._clock()
        # A clock set backwards (a flat RTC battery) must not lock the organiser out for days.
        return float(max(0.0, min(remaining, delay_after(int(lockout["failures"])))))

    def _write_quietly(self, data: dict[str, Any]) -> None:
        """Keep the try count in memory even when the disk refuses it; the kiosk goes on."""
        try:
            pin_file.write(self.path, data, self._owner)
        except OSError as error:
            log.error("could not save the PIN tries to %s: %s", self.path, error)
