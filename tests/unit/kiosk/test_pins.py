"""Organiser and volunteer PINs: OWASP scrypt, no default PIN, a lockout that survives restarts."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kiosk.pins import (
    FREE_TRIES,
    OWASP_COST,
    PinError,
    PinInUseError,
    PinNotSetError,
    PinRole,
    PinStore,
    ScryptCost,
    delay_after,
)

# Cheap enough to hash many times in a test; the real parameters get their own test.
FAST = ScryptCost(n=2**4, r=8, p=1)
ORGANISER = PinRole.ORGANISER


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _store(path: Path, clock: Clock, cost: ScryptCost = FAST) -> PinStore:
    return PinStore(path / "pins.json", clock=clock, cost=cost)


def test_there_is_no_default_pin(tmp_path: Path) -> None:
    store = _store(tmp_path, Clock())
    assert not store.is_set(ORGANISER)
    assert not store.is_set(PinRole.VOLUNTEER)
    with pytest.raises(PinNotSetError):
        store.check(ORGANISER, "0000")


def test_the_store_lives_in_the_data_dir(data_dir: Path) -> None:
    assert PinStore(cost=FAST).path == data_dir / "pins.json"


def test_owasp_scrypt_parameters_and_a_random_salt(tmp_path: Path) -> None:
    assert (OWASP_COST.n, OWASP_COST.r, OWASP_COST.p) == (2**17, 8, 1)
    assert OWASP_COST.maxmem >= 128 * 2**17 * 8
    store = _store(tmp_path, Clock(), cost=OWASP_COST)
    store.set_pin(ORGANISER, "482913")
    stored = json.loads((tmp_path / "pins.json").read_text())["pins"]["organiser"]
    assert (stored["n"], stored["r"], stored["p"]) == (2**17, 8, 1)
    salt = bytes.fromhex(stored["salt"])
    assert len(salt) == 16
    expected = hashlib.scrypt(b"482913", salt=salt, n=2**17, r=8, p=1, maxmem=OWASP_COST.maxmem, dklen=32)
    assert stored["hash"] == expected.hex()
    assert "482913" not in (tmp_path / "pins.json").read_text()
    assert store.check(ORGANISER, "482913").accepted
    assert not store.check(ORGANISER, "482914").accepted
    # The same PIN set again gets a new salt.
    store.set_pin(ORGANISER, "482913")
    again = json.loads((tmp_path / "pins.json").read_text())["pins"]["organiser"]
    assert again["salt"] != stored["salt"]


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", " 1234", "١٢٣٤", "1234\n"])
def test_a_pin_is_4_to_8_digits(pin: str, tmp_path: Path) -> None:
    store = _store(tmp_path, Clock())
    with pytest.raises(PinError):
        store.set_pin(ORGANISER, pin)
    assert not store.is_set(ORGANISER)


def test_roles_have_separate_pins(tmp_path: Path) -> None:
    store = _store(tmp_path, Clock())
    store.set_pin(ORGANISER, "1111")
    store.set_pin(PinRole.VOLUNTEER, "22222222")
    assert store.check(ORGANISER, "1111").accepted
    assert not store.check(ORGANISER, "22222222").accepted
    assert store.check(PinRole.VOLUNTEER, "22222222").accepted


def test_a_volunteer_pin_may_not_be_the_organisers(tmp_path: Path) -> None:
    store = _store(tmp_path, Clock())
    store.set_pin(ORGANISER, "1111")
    with pytest.raises(PinInUseError):
        store.set_pin(PinRole.VOLUNTEER, "1111")
    assert not store.is_set(PinRole.VOLUNTEER)
    store.set_pin(PinRole.VOLUNTEER, "2222")
    with pytest.raises(PinInUseError):
        store.set_pin(ORGANISER, "2222")
    # Changing a role's own PIN to the same digits is allowed; no try was counted anywhere.
    store.set_pin(ORGANISER, "1111")
    assert store.wait_s(ORGANISER) == 0 and store.wait_s(PinRole.VOLUNTEER) == 0


def test_the_delay_doubles_from_30_seconds_to_15_minutes() -> None:
    assert [delay_after(n) for n in range(FREE_TRIES)] == [0.0] * FREE_TRIES
    assert [delay_after(n) for n in range(5, 12)] == [30, 60, 120, 240, 480, 900, 900]


def test_lockout_after_five_wrong_tries(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    store.set_pin(ORGANISER, "2468")
    answers = [store.check(ORGANISER, "1357") for _ in range(4)]
    assert [(a.accepted, a.wait_s, a.tries_left) for a in answers] == [
        (False, 0.0, 4),
        (False, 0.0, 3),
        (False, 0.0, 2),
        (False, 0.0, 1),
    ]
    fifth = store.check(ORGANISER, "1357")
    assert (fifth.accepted, fifth.wait_s, fifth.locked) == (False, 30.0, True)
    # While the wait runs even the right PIN is not heard, and the try is not counted.
    clock.now += 10
    refused = store.check(ORGANISER, "2468")
    assert (refused.accepted, refused.wait_s) == (False, 20.0)
    assert store.wait_s(ORGANISER) == 20.0
    clock.now += 20
    assert store.wait_s(ORGANISER) == 0.0
    sixth = store.check(ORGANISER, "1357")
    assert sixth.wait_s == 60.0
    clock.now += 60
    assert store.check(ORGANISER, "2468").accepted
    assert store.wait_s(ORGANISER) == 0.0
    # A right PIN starts the count afresh.
    assert store.check(ORGANISER, "1357").tries_left == 4


def test_the_wait_grows_to_fifteen_minutes_and_no_further(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    store.set_pin(ORGANISER, "2468")
    waits = []
    for _ in range(12):
        answer = store.check(ORGANISER, "0000")
        waits.append(answer.wait_s)
        clock.now += answer.wait_s
    assert waits == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]


def test_the_lockout_survives_a_restart(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    store.set_pin(ORGANISER, "2468")
    for _ in range(6):
        clock.now += store.check(ORGANISER, "0000").wait_s
    clock.now -= 1
    # Switched off and on again one second before the 60 s wait ends.
    restarted = _store(tmp_path, clock)
    assert restarted.is_set(ORGANISER)
    assert restarted.wait_s(ORGANISER) == 1.0
    assert restarted.check(ORGANISER, "2468").locked
    clock.now += 1
    assert restarted.check(ORGANISER, "0000").wait_s == 120.0


def test_a_clock_set_backwards_never_locks_out_for_longer_than_the_wait(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    store.set_pin(ORGANISER, "2468")
    for _ in range(5):
        store.check(ORGANISER, "0000")
    clock.now -= 10 * 365 * 24 * 3600  # the RTC battery died: back to 2016
    assert store.wait_s(ORGANISER) == 30.0


def test_the_state_file_is_written_atomically_and_privately(tmp_path: Path) -> None:
    store = _store(tmp_path, Clock())
    store.set_pin(ORGANISER, "2468")
    store.check(ORGANISER, "0000")
    path = tmp_path / "pins.json"
    assert path.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "pins.json.tmp").exists()
    assert json.loads(path.read_text())["lockout"]["organiser"]["failures"] == 1


def test_a_damaged_state_file_is_kept_aside(tmp_path: Path) -> None:
    (tmp_path / "pins.json").write_text("{not json")
    store = _store(tmp_path, Clock())
    assert not store.is_set(ORGANISER)
    kept = list(tmp_path.glob("pins.json.broken-*"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"


def test_clearing_a_pin(tmp_path: Path) -> None:
    store = _store(tmp_path, Clock())
    store.set_pin(PinRole.VOLUNTEER, "1234")
    store.clear(PinRole.VOLUNTEER)
    assert not store.is_set(PinRole.VOLUNTEER)
