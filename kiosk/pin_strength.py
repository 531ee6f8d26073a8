"""Which new PINs are too easy to guess, and why.

People choose PINs they can remember, and those cluster: repeats, runs on the keypad, years
and birthdays, and a few hundred favourites (Bonneau, Preibusch and Anderson, "A birthday
present every eleven wallets?", 2012; Wang et al., "Understanding human-chosen PINs", 2017).
With a slow guess every 30 s to 15 min, an attacker tries those first, so a new PIN must have
6 to 8 digits and fit none of the patterns below. A PIN set before these rules still opens
organiser mode (``kiosk.pins`` checks 4 to 8 digits); only new PINs are held to them.

The patterns, for 6 to 8 digits:
* one digit repeated (000000) or a short group repeated (121212, 123123, 520520, 19751975);
* a run with a constant step, wrapping round 9 to 0 (123456, 654321, 012345, 890123, 135791);
* the same forwards and backwards (123321), or pairs of a run (112233, 998877);
* two lines of the phone keypad (147258, 159753, 741852);
* a year from 1950 to 2030 padded with one digit (197500, 001975) or beside a month or another year
  (121975, 197512, 19751980);
* a date: ddmmyy or yymmdd (6 digits), ddmmyyyy, yyyymmdd or mmddyyyy (8 digits);
* a common PIN (``COMMON_PINS``).
"""

from __future__ import annotations

import enum
import itertools
import re

MIN_DIGITS = 6
MAX_DIGITS = 8
FIRST_YEAR = 1950
LAST_YEAR = 2030
_DIGITS = re.compile(r"[0-9]+")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# The phone keypad's rows, columns and diagonals, both ways.
_KEYPAD_LINES = frozenset(
    line
    for forward in ("123", "456", "789", "147", "258", "369", "159", "357")
    for line in (forward, forward[::-1])
)

# Favourites from published PIN and password lists (number words in Chinese slang, constants,
# keypad shapes, "2 4 6 8 10"); the patterns above catch some of them too.
_COMMON = """
123654 654123 456123 321456 789123 123789 987123 321789 147369 963741 123698
987456 654789 789654 258456 456258 852456 654852 741963 369147 159357 357159
753159 951753 147896 123457 124578 142536 102030 112358 314159 271828 142857
246810 108108 110110 110120 119119 120120 131420 131452 168888 518518 520131
520520 521521 521314 584520 666888 888666 888999 999888 5201314 1314520 1314521
1234567 7654321 12341234 12344321 12369874 14789632 11112222 66668888 88889999 13141314 52013140
12345679 98765432 11223344 10203040 12121212 13579246 24681357 01234567 76543210 11235813 31415926
100200 200300 121314 212223 010203 000123 123000 111222 222111 111000 000111
999000 456654 369963 147741
"""
COMMON_PINS = frozenset(_COMMON.split())


class Weakness(enum.Enum):
    """Why a PIN may not be used; the value is said in the command line's words."""

    LENGTH = f"a new PIN has {MIN_DIGITS} to {MAX_DIGITS} digits"
    REPEAT = "it repeats one digit or a short group (like 111111 or 121212)"
    RUN = "it is a run of digits (like 123456 or 654321)"
    MIRROR = "it is the same backwards or a run of pairs (like 123321 or 112233)"
    KEYPAD = "it is a line on the keypad (like 147258)"
    YEAR = "it holds a year (like 197500 or 121975)"
    DATE = "it is a date (like a birthday)"
    COMMON = "it is one of the most common PINs"


def weakness(pin: str) -> Weakness | None:
    """Why ``pin`` may not be a new PIN, or None when it may."""
    if not isinstance(pin, str) or not pin.isascii() or _DIGITS.fullmatch(pin) is None:
        return Weakness.LENGTH
    if not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return Weakness.LENGTH
    if _is_repeat(pin):
        return Weakness.REPEAT
    if _is_run(pin):
        return Weakness.RUN
    if pin == pin[::-1] or (len(pin) % 2 == 0 and pin[::2] == pin[1::2] and _is_run(pin[::2])):
        return Weakness.MIRROR
    if len(pin) == 6 and pin[:3] in _KEYPAD_LINES and pin[3:] in _KEYPAD_LINES:
        return Weakness.KEYPAD
    if _holds_a_year(pin):
        return Weakness.YEAR
    if _is_date(pin):
        return Weakness.DATE
    if pin in COMMON_PINS:
        return Weakness.COMMON
    return None


def _is_repeat(pin: str) -> bool:
    size = len(pin)
    return any(size % part == 0 and pin == pin[:part] * (size // part) for part in range(1, size // 2 + 1))


def _is_run(digits: str) -> bool:
    """Every step from one digit to the next is the same (mod 10): 1234, 9876, 8901, 1357."""
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(digits)}
    return len(steps) == 1


def _is_year(text: str) -> bool:
    return len(text) == 4 and FIRST_YEAR <= int(text) <= LAST_YEAR


def _is_month(text: str) -> bool:
    return 1 <= int(text) <= 12


def _holds_a_year(pin: str) -> bool:
    for start in range(len(pin) - 3):
        if not _is_year(pin[start : start + 4]):
            continue
        rest = pin[:start] + pin[start + 4 :]
        if len(set(rest)) == 1:
            return True
        if len(rest) == 2 and start in (0, 2) and _is_month(rest):
            return True
        if len(rest) == 4 and start in (0, 4) and _is_year(rest):
            return True
    return False


def _valid_day(day: str, month: str) -> bool:
    d, m = int(day), int(month)
    return 1 <= m <= 12 and 1 <= d <= _DAYS_IN_MONTH[m - 1]


def _is_date(pin: str) -> bool:
    if len(pin) == 6:
        # ddmmyy (the Vietnamese order) or yymmdd; any year.
        return _valid_day(pin[:2], pin[2:4]) or _valid_day(pin[4:], pin[2:4])
    if len(pin) == 8:
        return (_is_year(pin[4:]) and (_valid_day(pin[:2], pin[2:4]) or _valid_day(pin[2:4], pin[:2]))) or (
            _is_year(pin[:4]) and _valid_day(pin[6:], pin[4:6])
        )
    return False
