"""New PINs: 6 to 8 digits, and none of the PINs people choose first (the security review's M3)."""

from __future__ import annotations

import random

import pytest

from kiosk.pin_strength import COMMON_PINS, Weakness, weakness
from kiosk.pins import WeakPinError, validate_pin

W = Weakness


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        # The review's pin_attack.py: all four were accepted.
        ("0000", W.LENGTH),
        ("1234", W.LENGTH),
        ("1111", W.LENGTH),
        ("12345678", W.RUN),
        # Too short, too long, not digits.
        ("12345", W.LENGTH),
        ("582914073", W.LENGTH),
        ("58291a", W.LENGTH),
        ("５８２９１４", W.LENGTH),
        # Repeats of one digit or a group.
        ("000000", W.REPEAT),
        ("111111", W.REPEAT),
        ("666666", W.REPEAT),
        ("8888888", W.REPEAT),
        ("121212", W.REPEAT),
        ("123123", W.REPEAT),
        ("520520", W.REPEAT),
        ("19751975", W.REPEAT),
        ("12341234", W.REPEAT),
        # Runs up and down, with any constant step, wrapping round.
        ("123456", W.RUN),
        ("654321", W.RUN),
        ("012345", W.RUN),
        ("890123", W.RUN),
        ("987654", W.RUN),
        ("135791", W.RUN),
        ("1234567", W.RUN),
        ("87654321", W.RUN),
        # Mirrors and pairs of a run.
        ("123321", W.MIRROR),
        ("112211", W.MIRROR),
        ("112233", W.MIRROR),
        ("998877", W.MIRROR),
        ("11223344", W.MIRROR),
        # Lines on the keypad.
        ("147258", W.KEYPAD),
        ("159753", W.KEYPAD),
        ("963852", W.KEYPAD),
        ("258369", W.KEYPAD),
        # Years padded, or beside a month or another year.
        ("197500", W.YEAR),
        ("001975", W.YEAR),
        ("199999", W.YEAR),
        ("121975", W.YEAR),
        ("197512", W.YEAR),
        ("20300000", W.YEAR),
        ("19751980", W.YEAR),
        # Dates: birthdays in the Vietnamese order, and ISO-like ones.
        ("241275", W.DATE),
        ("750412", W.DATE),
        ("29022000", W.DATE),
        ("24121975", W.DATE),
        ("19751224", W.DATE),
        ("12241975", W.DATE),
        ("20251124", W.DATE),
        # Common PINs no pattern catches.
        ("246810", W.COMMON),
        ("147896", W.COMMON),
        ("314159", W.COMMON),
        ("5201314", W.COMMON),
        ("1314520", W.COMMON),
        ("14789632", W.COMMON),
    ],
)
def test_weak_pins_are_refused_with_their_reason(pin: str, why: Weakness) -> None:
    assert weakness(pin) is why
    with pytest.raises(WeakPinError) as error:
        validate_pin(pin)
    assert error.value.weakness is why
    assert why.value in str(error.value)


@pytest.mark.parametrize("pin", sorted(COMMON_PINS))
def test_every_common_pin_is_refused(pin: str) -> None:
    assert weakness(pin) is not None


@pytest.mark.parametrize(
    "pin",
    [
        "582914",
        "604917",
        "371946",
        "826153",
        "7391024",
        "48291357",
        # Like a date, but no month 13 or day 32 exists; a year outside 1950 to 2030.
        "321399",
        "18991234",
    ],
)
def test_strong_pins_are_accepted(pin: str) -> None:
    assert weakness(pin) is None
    assert validate_pin(pin) == pin


def test_most_random_pins_pass() -> None:
    """The rules refuse what people choose, not a large part of what chance chooses."""
    chance = random.Random(20261207)
    for size, most_refused in ((6, 0.10), (7, 0.01), (8, 0.01)):
        pins = [f"{chance.randrange(10**size):0{size}d}" for _ in range(20000)]
        refused = sum(weakness(pin) is not None for pin in pins) / len(pins)
        assert refused < most_refused, (size, refused)
