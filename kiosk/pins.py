"""Organiser and volunteer PINs: hashed with scrypt, compared in constant time, rate-limited.

There is no default PIN: until one is set, ``is_set()`` says so and the organiser's screen
asks for one. A PIN is 4 to 8 digits, so it is weak by nature; what protects it is the
cost of each guess. After ``FREE_TRIES`` wrong tries in a row the next try waits 30 s,
and every further wrong try doubles the wait up to 15 minutes. The count and the wait are
kept in the data dir (written atomically), so switching the kiosk off does not reset them.
A clock set backwards never lengthens a wait past the longest one.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
import logging
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.system import paths
from kiosk.system.fsio import atomic_write_text, set_aside

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
FREE_TRIES = 5
FIRST_DELAY_S = 30.0
LONGEST_DELAY_S = 15 * 60.0
SALT_BYTES = 16
_PIN = re.compile(r"[0-9]{4,8}")


class PinRole(enum.StrEnum):
    ORGANISER = "organiser"
    VOLUNTEER = "volunteer"


class PinError(ValueError):
    """A PIN that may not be used (not 4–8 digits)."""


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
    if not isinstance(pin, str) or _PIN.fullmatch(pin) is None:
        raise PinError("a PIN is 4 to 8 digits")
    return pin


def _hash(pin: str, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=cost.n, r=cost.r, p=cost.p, maxmem=cost.maxmem, dklen=32
    )


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong tries in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(LONGEST_DELAY_S, FIRST_DELAY_S * 2.0 ** (failures - FREE_TRIES))


class PinStore:
    def __init__(
        self,
        path: Path | None = None,
        *,
        clock: Callable[[], float] = time.time,
        cost: ScryptCost = OWASP_COST,
    ) -> None:
        self.path = path if path is not None else paths.pins_file()
        self._clock = clock
        self._cost = cost
        self._lock = threading.Lock()
        self._data = self._load()

    def is_set(self, role: PinRole = PinRole.ORGANISER) -> bool:
        with self._lock:
            return PinRole(role).value in self._data["pins"]

    def set_pin(self, role: PinRole, pin: str) -> None:
        """Set or change a PIN (the caller has checked the old one, or none was set).

        Each role's PIN must differ from the others': a volunteer's PIN must never open
        organiser mode. ``PinInUseError`` says so (checking costs one hash per other role).
        """
        validate_pin(pin)
        if self.used_by_another_role(role, pin):
            raise PinInUseError(f"that PIN is already another role's PIN, not usable for {role}")
        salt = secrets.token_bytes(SALT_BYTES)
        digest = _hash(pin, salt, self._cost)
        with self._lock:
            self._data["pins"][PinRole(role).value] = {
                "salt": salt.hex(),
                "hash": digest.hex(),
                "n": self._cost.n,
                "r": self._cost.r,
                "p": self._cost.p,
            }
            self._data["lockout"].pop(PinRole(role).value, None)
            self._save()
        log.info("%s PIN set", role)

    def used_by_another_role(self, role: PinRole, pin: str) -> bool:
        """Whether ``pin`` is the PIN of a role other than ``role`` (no try is counted)."""
        with self._lock:
            others = {name: dict(stored) for name, stored in self._data["pins"].items() if name != role}
        for stored in others.values():
            cost = ScryptCost(int(stored["n"]), int(stored["r"]), int(stored["p"]))
            candidate = _hash(pin, bytes.fromhex(stored["salt"]), cost)
            if hmac.compare_digest(candidate, bytes.fromhex(stored["hash"])):
                return True
        return False

    def clear(self, role: PinRole) -> None:
        with self._lock:
            self._data["pins"].pop(PinRole(role).value, None)
            self._data["lockout"].pop(PinRole(role).value, None)
            self._save()

    def wait_s(self, role: PinRole = PinRole.ORGANISER) -> float:
        """Seconds until a try for ``role`` is heard again (0 when it is heard now)."""
        with self._lock:
            return self._remaining(PinRole(role))

    def check(self, role: PinRole, pin: str) -> PinCheck:
        """Try ``pin``. While a wait runs, the try is refused without being counted."""
        role = PinRole(role)
        with self._lock:
            stored = self._data["pins"].get(role.value)
            if stored is None:
                raise PinNotSetError(f"no {role} PIN is set")
            remaining = self._remaining(role)
            if remaining > 0:
                return PinCheck(False, remaining, 0)
        well_formed = isinstance(pin, str) and _PIN.fullmatch(pin) is not None
        cost = ScryptCost(int(stored["n"]), int(stored["r"]), int(stored["p"]))
        # A malformed PIN still costs a full hash, so timing tells nothing about the format check.
        candidate = _hash(pin if well_formed else "0000", bytes.fromhex(stored["salt"]), cost)
        accepted = well_formed and hmac.compare_digest(candidate, bytes.fromhex(stored["hash"]))
        with self._lock:
            if accepted:
                self._data["lockout"].pop(role.value, None)
                self._save_quietly()
                return PinCheck(True)
            lockout = self._data["lockout"].setdefault(role.value, {"failures": 0, "until": 0.0})
            lockout["failures"] = int(lockout["failures"]) + 1
            delay = delay_after(lockout["failures"])
            lockout["until"] = self._clock() + delay
            self._save_quietly()
            log.warning("wrong %s PIN (%d in a row)", role, lockout["failures"])
            return PinCheck(False, delay, max(0, FREE_TRIES - lockout["failures"]))

    # -- storage -----------------------------------------------------------------------
    def _remaining(self, role: PinRole) -> float:
        lockout = self._data["lockout"].get(role.value)
        if not lockout:
            return 0.0
        remaining = float(lockout["until"]) - self._clock()
        # A clock set backwards (a flat RTC battery) must not lock the organiser out for days.
        return float(max(0.0, min(remaining, delay_after(int(lockout["failures"])))))

    def _load(self) -> dict[str, Any]:
        empty: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "pins": {}, "lockout": {}}
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return empty
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
                raise ValueError("not a PIN file of this version")
            if not isinstance(data.get("pins"), dict) or not isinstance(data.get("lockout"), dict):
                raise ValueError("pins or lockout missing")
            return data
        except ValueError as error:
            try:
                set_aside(self.path, f"the PIN file is unusable ({error}); no PIN is set now")
            except OSError as move_error:
                log.error(
                    "PIN file %s is unusable (%s) and could not be moved aside: %s",
                    self.path,
                    error,
                    move_error,
                )
            return empty

    def _save_quietly(self) -> None:
        """Keep the try count in memory even when the disk refuses it; the kiosk goes on."""
        try:
            self._save()
        except OSError as error:
            log.error("could not save the PIN tries to %s: %s", self.path, error)

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self._data, indent=2, sort_keys=True)
        atomic_write_text(self.path, text, mode=0o600)
