"""Organiser and volunteer PINs: OWASP scrypt, no default PIN, a lockout that survives restarts."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kiosk.pins import (
    FREE_TRIES,
    MAX_COUNTED,
    OWASP_COST,
    PinError,
    PinFileDamagedError,
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


@pytest.mark.parametrize(
    "pin", ["123", "12345", "123456789", "12a456", "", " 582914", "١٢٣٤٥٦", "582914\n", "0000", "1234"]
)
def test_a_new_pin_is_6_to_8_digits(pin: str, tmp_path: Path) -> None:
    store = _store(tmp_path, Clock())
    with pytest.raises(PinError):
        store.set_pin(ORGANISER, pin)
    assert not store.is_set(ORGANISER)


def test_roles_have_separate_pins(tmp_path: Path) -> None:
    store = _store(tmp_path, Clock())
    store.set_pin(ORGANISER, "582914")
    store.set_pin(PinRole.VOLUNTEER, "48291357")
    assert store.check(ORGANISER, "582914").accepted
    assert not store.check(ORGANISER, "48291357").accepted
    assert store.check(PinRole.VOLUNTEER, "48291357").accepted


def test_a_volunteer_pin_may_not_be_the_organisers(tmp_path: Path) -> None:
    store = _store(tmp_path, Clock())
    store.set_pin(ORGANISER, "582914")
    with pytest.raises(PinInUseError):
        store.set_pin(PinRole.VOLUNTEER, "582914")
    assert not store.is_set(PinRole.VOLUNTEER)
    store.set_pin(PinRole.VOLUNTEER, "604917")
    with pytest.raises(PinInUseError):
        store.set_pin(ORGANISER, "604917")
    # Changing a role's own PIN to the same digits is allowed; no try was counted anywhere.
    store.set_pin(ORGANISER, "582914")
    assert store.wait_s(ORGANISER) == 0 and store.wait_s(PinRole.VOLUNTEER) == 0


def test_the_delay_doubles_from_30_seconds_to_15_minutes() -> None:
    assert [delay_after(n) for n in range(FREE_TRIES)] == [0.0] * FREE_TRIES
    assert [delay_after(n) for n in range(5, 12)] == [30, 60, 120, 240, 480, 900, 900]


def test_lockout_after_five_wrong_tries(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    store.set_pin(ORGANISER, "582914")
    answers = [store.check(ORGANISER, "739201") for _ in range(4)]
    assert [(a.accepted, a.wait_s, a.tries_left) for a in answers] == [
        (False, 0.0, 4),
        (False, 0.0, 3),
        (False, 0.0, 2),
        (False, 0.0, 1),
    ]
    fifth = store.check(ORGANISER, "739201")
    assert (fifth.accepted, fifth.wait_s, fifth.locked) == (False, 30.0, True)
    # While the wait runs even the right PIN is not heard, and the try is not counted.
    clock.now += 10
    refused = store.check(ORGANISER, "582914")
    assert (refused.accepted, refused.wait_s) == (False, 20.0)
    assert store.wait_s(ORGANISER) == 20.0
    clock.now += 20
    assert store.wait_s(ORGANISER) == 0.0
    sixth = store.check(ORGANISER, "739201")
    assert sixth.wait_s == 60.0
    clock.now += 60
    assert store.check(ORGANISER, "582914").accepted
    assert store.wait_s(ORGANISER) == 0.0
    # A right PIN starts the count afresh.
    assert store.check(ORGANISER, "739201").tries_left == 4


def test_the_wait_grows_to_fifteen_minutes_and_no_further(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    store.set_pin(ORGANISER, "582914")
    waits = []
    for _ in range(12):
        answer = store.check(ORGANISER, "0000")
        waits.append(answer.wait_s)
        clock.now += answer.wait_s
    assert waits == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]


def test_the_lockout_survives_a_restart(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    store.set_pin(ORGANISER, "582914")
    for _ in range(6):
        clock.now += store.check(ORGANISER, "0000").wait_s
    clock.now -= 1
    # Switched off and on again one second before the 60 s wait ends.
    restarted = _store(tmp_path, clock)
    assert restarted.is_set(ORGANISER)
    assert restarted.wait_s(ORGANISER) == 1.0
    assert restarted.check(ORGANISER, "582914").locked
    clock.now += 1
    assert restarted.check(ORGANISER, "0000").wait_s == 120.0


def test_a_clock_set_backwards_never_locks_out_for_longer_than_the_wait(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    store.set_pin(ORGANISER, "582914")
    for _ in range(5):
        store.check(ORGANISER, "0000")
    clock.now -= 10 * 365 * 24 * 3600  # the RTC battery died: back to 2016
    assert store.wait_s(ORGANISER) == 30.0


def test_the_state_file_is_written_atomically_and_privately(tmp_path: Path) -> None:
    store = _store(tmp_path, Clock())
    store.set_pin(ORGANISER, "582914")
    store.check(ORGANISER, "0000")
    path = tmp_path / "pins.json"
    assert path.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "pins.json.tmp").exists()
    assert json.loads(path.read_text())["lockout"]["organiser"]["failures"] == 1


def test_a_damaged_state_file_fails_closed(tmp_path: Path) -> None:
    (tmp_path / "pins.json").write_text("{not json")
    store = _store(tmp_path, Clock())
    # Never "no PIN is set": nothing may choose a new one, and nothing is tried.
    assert store.is_set(ORGANISER) and store.is_set(PinRole.VOLUNTEER)
    assert store.damage is not None and "not JSON" in store.damage.reason
    with pytest.raises(PinFileDamagedError):
        store.check(ORGANISER, "582914")
    with pytest.raises(PinFileDamagedError):
        store.set_pin(ORGANISER, "582914")
    # The file stays as it was (a restart is locked too) and the way out is named.
    assert (tmp_path / "pins.json").read_text() == "{not json"
    assert not list(tmp_path.glob("pins.json.broken-*"))
    assert store.reset_command == f"sudo kiosk --data-dir {tmp_path} set-pin --organiser"


def test_only_a_deliberate_reset_replaces_a_damaged_file(tmp_path: Path) -> None:
    (tmp_path / "pins.json").write_text("{not json")
    store = _store(tmp_path, Clock())
    kept = store.set_pin(ORGANISER, "582914", replace_damaged=True)
    assert kept is not None and kept.name.startswith("pins.json.broken-") and kept.read_text() == "{not json"
    assert store.damage is None
    assert store.check(ORGANISER, "582914").accepted
    assert not store.is_set(PinRole.VOLUNTEER)


def test_a_repaired_file_is_read_again(tmp_path: Path) -> None:
    good = _store(tmp_path, Clock())
    good.set_pin(ORGANISER, "582914")
    text = (tmp_path / "pins.json").read_text()
    (tmp_path / "pins.json").write_text('{"schema_version": 1, "pins": {"organiser": 7}, "lockout": {}}')
    store = _store(tmp_path, Clock())
    assert store.damage is not None and store.damage.reason == "pins.organiser is not an object"
    (tmp_path / "pins.json").write_text(text)
    store.refresh()
    assert damage_of(store) is None
    assert store.check(ORGANISER, "582914").accepted


def damage_of(store: PinStore) -> PinFileDamagedError | None:
    """Read afresh (a call, so mypy does not keep an earlier narrowing)."""
    return store.damage


@pytest.mark.parametrize("failures", [1029, 1030, 5000, 10**6, MAX_COUNTED], ids=lambda n: f"{n} failures")
def test_the_delay_cannot_overflow(failures: int) -> None:
    assert delay_after(failures) == 900.0


def test_more_than_1029_wrong_tries_still_let_the_right_pin_in(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    store.set_pin(ORGANISER, "582914")
    path = tmp_path / "pins.json"
    data = json.loads(path.read_text())
    data["lockout"]["organiser"] = {"failures": 1028, "until": clock.now}
    path.write_text(json.dumps(data))
    wrong = store.check(ORGANISER, "739201")
    assert (wrong.accepted, wrong.wait_s) == (False, 900.0)
    assert json.loads(path.read_text())["lockout"]["organiser"]["failures"] == 1029
    clock.now += 900
    assert store.check(ORGANISER, "582914").accepted
    assert store.wrong_tries_before_login(ORGANISER) == 1029


def test_the_count_stops_at_its_cap(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    store.set_pin(ORGANISER, "582914")
    path = tmp_path / "pins.json"
    data = json.loads(path.read_text())
    data["lockout"]["organiser"] = {"failures": MAX_COUNTED, "until": clock.now}
    path.write_text(json.dumps(data))
    assert store.check(ORGANISER, "739201").wait_s == 900.0
    assert json.loads(path.read_text())["lockout"]["organiser"]["failures"] == MAX_COUNTED


def test_wrong_tries_since_the_last_login_are_told_once_in(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    store.set_pin(ORGANISER, "582914")
    assert store.wrong_tries_before_login(ORGANISER) == 0
    for _ in range(3):
        store.check(ORGANISER, "739201")
    # Another process (or a restart) sees the same count.
    again = _store(tmp_path, clock)
    assert again.check(ORGANISER, "582914").accepted
    assert again.wrong_tries_before_login(ORGANISER) == 3
    assert again.check(ORGANISER, "582914").accepted
    assert again.wrong_tries_before_login(ORGANISER) == 0


def test_clearing_a_pin(tmp_path: Path) -> None:
    store = _store(tmp_path, Clock())
    store.set_pin(PinRole.VOLUNTEER, "604917")
    store.clear(PinRole.VOLUNTEER)
    assert not store.is_set(PinRole.VOLUNTEER)
