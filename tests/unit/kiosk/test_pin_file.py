"""pins.json fails closed and never blocks (review L8, L9, L14), and two processes share its count (L10)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk.pins import PinFileDamagedError, PinRole, PinStore, ScryptCost

FAST = ScryptCost(n=2**4, r=8, p=1)
ORGANISER = PinRole.ORGANISER
GOOD_ENTRY = {"salt": "ab" * 16, "hash": "cd" * 32, "n": 16, "r": 8, "p": 1}


def _file(pins: object = None, lockout: object = None, **top: object) -> str:
    data = {"schema_version": 1, "pins": {"organiser": GOOD_ENTRY} if pins is None else pins}
    data["lockout"] = {} if lockout is None else lockout
    data.update(top)
    return json.dumps(data)


def _locked_with(store: PinStore, reason: str) -> None:
    assert store.damage is not None
    assert reason in store.damage.reason
    assert store.is_set(ORGANISER) and store.wait_s(ORGANISER) == 0.0
    with pytest.raises(PinFileDamagedError):
        store.check(ORGANISER, "582914")


def test_a_well_formed_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "pins.json").write_text(_file())
    store = PinStore(tmp_path / "pins.json", cost=FAST)
    assert store.damage is None and store.is_set(ORGANISER)
    assert not store.check(ORGANISER, "582914").accepted


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "it is not JSON"),
        ("[1, 2]", "it is not a JSON object"),
        (_file(schema_version=2), "schema_version is 2, not 1"),
        (_file(pins=[]), '"pins" or "lockout" is missing or not an object'),
        (_file(pins={"organiser": "1234"}), "pins.organiser is not an object"),
        (_file(pins={"boss": GOOD_ENTRY}), "unknown role 'boss'"),
        (_file(pins={"organiser": {**GOOD_ENTRY, "salt": None}}), "pins.organiser.salt is missing"),
        (_file(pins={"organiser": {k: v for k, v in GOOD_ENTRY.items() if k != "salt"}}), ".salt is missing"),
        (_file(pins={"organiser": {**GOOD_ENTRY, "salt": "zz"}}), "pins.organiser.salt is not hexadecimal"),
        (_file(pins={"organiser": {**GOOD_ENTRY, "hash": "cd"}}), "pins.organiser.hash is not 32 bytes"),
        (_file(pins={"organiser": {**GOOD_ENTRY, "n": "16"}}), "pins.organiser.n is '16', not a number"),
        (_file(pins={"organiser": {**GOOD_ENTRY, "n": 15}}), "pins.organiser.n is 15, not a power of two"),
        (_file(pins={"organiser": {**GOOD_ENTRY, "n": 2**24, "r": 64}}), "more than 256 MiB"),
        (_file(pins={"organiser": {**GOOD_ENTRY, "p": True}}), "pins.organiser.p is True, not a number"),
        (_file(lockout={"organiser": {"failures": 3, "until": "later"}}), "until is 'later', not a number"),
        (_file(lockout={"organiser": {"failures": -1, "until": 0}}), "failures is -1, not a whole number"),
        (_file(lockout={"organiser": {"failures": 2.5, "until": 0}}), "failures is 2.5, not a whole number"),
        (_file(lockout={"organiser": {"until": 0}}), "failures is None, not a number"),
        (_file().replace('"lockout": {}', '"lockout": {"organiser": {"failures": 1, "until": NaN}}'), "nan"),
        ("[" * 100_000, "larger than 65536 bytes"),
        ("[" * 60_000, "it is not JSON"),
    ],
)
def test_each_entry_is_checked_and_a_bad_one_locks_every_role(tmp_path: Path, text: str, reason: str) -> None:
    (tmp_path / "pins.json").write_text(text)
    store = PinStore(tmp_path / "pins.json", cost=FAST)
    _locked_with(store, reason)
    # Never replaced by the kiosk itself: a restart is locked the same way.
    assert (tmp_path / "pins.json").read_text() == text
    with pytest.raises(PinFileDamagedError):
        store.set_pin(PinRole.VOLUNTEER, "604917")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pins.json").mkdir()
    _locked_with(PinStore(tmp_path / "pins.json", cost=FAST), "it is a folder, not a plain file")


def test_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.json").write_text(_file())
    (tmp_path / "pins.json").symlink_to(tmp_path / "elsewhere.json")
    _locked_with(PinStore(tmp_path / "pins.json", cost=FAST), "it is a link, not a plain file")


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    """Nobody writes to the pipe: a plain open() would wait for ever (the review's E7)."""
    os.mkfifo(tmp_path / "pins.json")
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from kiosk.pins import PinRole, PinStore
        store = PinStore(Path({str(tmp_path / "pins.json")!r}))
        print(store.damage.reason, store.is_set(PinRole.ORGANISER))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "it is a named pipe, not a plain file True"
    assert "organiser mode stays locked until the PIN is set again from a root shell" in result.stderr


# Run in two processes at once: wrong tries with no wait, so every one of them must be counted.
_GUESSER = """
import logging, sys, time
logging.disable()
from pathlib import Path
from kiosk import pins
from kiosk.pins import PinRole, PinStore, ScryptCost
pins.FREE_TRIES = 10**9
store = PinStore(Path(sys.argv[1]), cost=ScryptCost(n=2**4, r=8, p=1))
start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.001)
for _ in range(int(sys.argv[3])):
    assert not store.check(PinRole.ORGANISER, "739201").accepted
"""


def test_two_processes_count_every_wrong_try(tmp_path: Path) -> None:
    path = tmp_path / "pins.json"
    PinStore(path, cost=FAST).set_pin(ORGANISER, "582914")
    start = time.time() + 1.5
    tries = 150
    guessers = [
        subprocess.Popen([sys.executable, "-c", _GUESSER, str(path), str(start), str(tries)])
        for _ in range(2)
    ]
    assert [guesser.wait(timeout=120) for guesser in guessers] == [0, 0]
    assert json.loads(path.read_text())["lockout"]["organiser"]["failures"] == 2 * tries


# Opened before the other process's tries, it tries once when told to.
_LATE_GUESSER = """
import json, sys
from pathlib import Path
from kiosk.pins import PinRole, PinStore, ScryptCost
store = PinStore(Path(sys.argv[1]), cost=ScryptCost(n=2**4, r=8, p=1))
print("ready", flush=True)
sys.stdin.readline()
answer = store.check(PinRole.ORGANISER, "739201")
print(json.dumps([answer.accepted, answer.wait_s, answer.tries_left]), flush=True)
"""


def test_a_process_with_an_old_count_cannot_reset_the_wait(tmp_path: Path) -> None:
    """The review's L10: B, opened before A's six wrong tries, used to write failures=1."""
    path = tmp_path / "pins.json"
    PinStore(path, cost=FAST).set_pin(ORGANISER, "582914")
    late = subprocess.Popen(
        [sys.executable, "-c", _LATE_GUESSER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert late.stdout is not None and late.stdin is not None
        assert late.stdout.readline().strip() == "ready"
        # A's clock runs ahead by each wait, so it can make its sixth try.
        ahead = [0.0]
        first = PinStore(path, cost=FAST, clock=lambda: time.time() + ahead[0])
        for _ in range(6):
            ahead[0] += first.check(ORGANISER, "739201").wait_s
        assert ahead[0] == 30.0 + 60.0
        late.stdin.write("go\n")
        late.stdin.flush()
        accepted, wait_s, tries_left = json.loads(late.stdout.readline())
    finally:
        late.communicate(timeout=30)
    assert (accepted, tries_left) == (False, 0)
    assert 55 < wait_s <= 60
    fresh = PinStore(path, cost=FAST)
    assert json.loads(path.read_text())["lockout"]["organiser"]["failures"] == 6
    assert 55 < fresh.wait_s(ORGANISER) <= 60
    assert fresh.check(ORGANISER, "582914").locked
