"""The disclosure rule: small counts hidden, the rest rounded, and no hidden count recoverable from a sum.

The last tests check the rule the way an attacker would: they enumerate every set of true
counts that agrees with what is shown and the sums between them, and require each hidden
small count to have more than one possible value.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Hashable

import pytest

from kiosk.stats.disclosure import (
    HIDDEN,
    WITHHELD,
    Disclosure,
    breakdown,
    rounded,
    shown_count,
    vietnamese_number,
)


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (0, "0"),
        (1, HIDDEN),
        (4, HIDDEN),
        (5, "5"),
        (7, "5"),
        (8, "10"),
        (12, "10"),
        (13, "15"),
        (1002, "1000"),
    ],
)
def test_a_count_alone_is_hidden_below_five_and_rounded_from_five(count: int, text: str) -> None:
    assert shown_count(count) == text


def test_a_sensitive_zero_is_hidden_too_and_numbers_read_the_vietnamese_way() -> None:
    assert shown_count(0, zero_hidden=True) == HIDDEN
    assert shown_count(12344, number=vietnamese_number) == "12.345"
    assert rounded(12344) == 12345


def test_a_total_that_pins_two_hidden_languages_is_withheld() -> None:
    # 7 visits: 5 Vietnamese, one Hmong, one Tày. "5, 5, <5, <5" would say: 1 and 1.
    disclosure = Disclosure()
    disclosure.add("visits", 7)
    breakdown(disclosure, "visits", {"vi": 5, "hmn": 1, "tay": 1})
    assert disclosure.text("visits") == WITHHELD
    assert [disclosure.text(key) for key in ("vi", "hmn", "tay")] == ["5", HIDDEN, HIDDEN]
    low, high = disclosure.ranges()["hmn"]
    assert high > low


def test_an_unshown_rest_that_would_be_one_is_protected() -> None:
    # 6 visits, 5 of them guided: "self-service" is not shown but would be 6 - 5 = 1 ... if exact.
    disclosure = Disclosure()
    disclosure.add("visits", 6)
    breakdown(disclosure, "visits", {"guided": 5}, rest="self")
    ranges = disclosure.ranges()
    assert ranges["self"][1] > ranges["self"][0]


def test_parts_that_add_up_to_more_than_the_total_are_refused() -> None:
    disclosure = Disclosure()
    disclosure.add("visits", 6)
    with pytest.raises(ValueError, match="more than it"):
        breakdown(disclosure, "visits", {"vi": 5, "en": 2})


def test_what_the_parts_leave_out_is_checked_like_a_hidden_count() -> None:
    # 6 visits, 5 of them in Vietnamese: the other language (not shown) is 1.
    disclosure = Disclosure()
    disclosure.add("visits", 6)
    breakdown(disclosure, "visits", {"vi": 5})
    rest = [key for key in disclosure.ranges() if key not in ("visits", "vi")]
    low, high = disclosure.ranges()[rest[0]]
    assert high > low


def _possible(text: str, top: int) -> range:
    if text == HIDDEN:
        return range(1, 5)
    if text == WITHHELD:
        return range(top + 1)
    value = int(text)
    if value == 0:
        return range(1)
    return range(max(5, value - 2), value + 3)


def _attack(
    disclosure: Disclosure, total: str, groups: list[list[str]], top: int
) -> dict[Hashable, set[int]]:
    """Every value each part can take, given the shown texts and total = sum of each group."""
    texts = disclosure.texts()
    seen: dict[Hashable, set[int]] = {key: set() for group in groups for key in group}
    for total_value in _possible(texts[total], top):
        solutions = []
        for group in groups:
            found = [
                combination
                for combination in itertools.product(*(_possible(texts[key], top) for key in group))
                if sum(combination) == total_value
            ]
            if not found:
                break
            solutions.append(found)
        else:
            for group, found in zip(groups, solutions, strict=True):
                for combination in found:
                    for key, value in zip(group, combination, strict=True):
                        seen[key].add(value)
    return seen


def _tables(seed: int) -> tuple[list[int], int]:
    chooser = random.Random(seed)
    languages = [
        chooser.choice([0, 1, 1, 1, 2, 3, 4, 5, 5, 6, 7, 8, 10]) for _ in range(chooser.randint(2, 4))
    ]
    return languages, chooser.randint(0, sum(languages))


def test_the_tables_below_include_totals_that_must_be_withheld() -> None:
    """So the attack test below meets the hard cases (without the check, it recovers counts in them)."""
    exposed = 0
    for seed in range(SEEDS):
        languages, guided = _tables(seed)
        disclosure = _made(languages, guided)
        if disclosure.withheld():
            exposed += 1
    assert exposed >= 5


SEEDS = 200


def _made(languages: list[int], guided: int) -> Disclosure:
    disclosure = Disclosure()
    disclosure.add("visits", sum(languages))
    breakdown(disclosure, "visits", {f"language-{i}": n for i, n in enumerate(languages)})
    breakdown(disclosure, "visits", {"guided": guided, "self": sum(languages) - guided})
    return disclosure


@pytest.mark.parametrize("seed", range(SEEDS))
def test_no_hidden_count_can_be_worked_out_from_two_breakdowns_of_one_total(seed: int) -> None:
    languages, guided = _tables(seed)
    disclosure = _made(languages, guided)
    top = sum(languages) + 12
    names = [f"language-{i}" for i in range(len(languages))]
    seen = _attack(disclosure, "visits", [names, ["guided", "self"]], top)
    for key, values in seen.items():
        true = disclosure.count(key)
        assert true in values, (key, true, values)
        if 1 <= true <= 4:
            assert len(values) > 1, (key, true, disclosure.texts())
