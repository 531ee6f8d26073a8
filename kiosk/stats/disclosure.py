"""The one rule for every count a person reads: on screen, in ``kiosk stats``, in report.pdf and its CSV.

A count of a few visits can point at a person: on a quiet day "1 Hmong-speaking visitor,
1 visit with extra-large text, 1 unhappy face" describes one neighbour. So no count from 1
to 4 is ever shown, and none can be worked out from the numbers around it:

1. **Small counts are hidden**: 1 to 4 reads "<5". 0 reads "0" (it points at nobody),
   except in a breakdown of a sensitive attribute (age band, need), where 0 is hidden too:
   a 0 beside a "<5" would say that all of a month's few visitors were over 60.
2. **Every other count is rounded to the nearest 5** (7 reads 5, 8 reads 10). Totals are
   rounded on their own, never added up from rounded parts, so a total minus the parts
   beside it gives a range, not a number. Rounding is also what makes two reports made on
   different days safe to compare: their difference is a range of about ±5, never "one
   more visitor, and she used large text".
3. **Totals that would still give a hidden count away are withheld** (shown "x"): every
   published sum (a total and its parts, e.g. visits = the visits of each language) is
   checked by narrowing the range each hidden count can have, from all the sums together,
   until nothing changes; if a hidden count is left with a single possible value, the
   sum's total is withheld (or, when that is not enough, its smallest shown part) and the
   check runs again. A withheld count's range is unknown to the reader.

This follows the practice of statistical offices for frequency tables: a threshold rule for
primary suppression, rounding to base 5, and secondary suppression checked by an audit of
the intervals a reader can compute (e.g. the UK ONS and HESA rounding and suppression
rules, Eurostat's handbook on statistical disclosure control). ``docs/privacy.md`` says
what the kiosk collects, what leaves it and why.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

THRESHOLD = 5
BASE = 5
HIDDEN = f"<{THRESHOLD}"
WITHHELD = "x"
# Larger than any count the kiosk can hold; the upper end of a range nothing bounds.
_UNBOUNDED = 10**15


def rounded(count: int) -> int:
    """``count`` to the nearest multiple of BASE (counts are whole numbers: no ties)."""
    return (count + BASE // 2) // BASE * BASE


def shown_value(count: int, *, zero_hidden: bool = False) -> int | None:
    """The number a reader sees for ``count`` alone: None when it is hidden ("<5")."""
    if count == 0 and not zero_hidden:
        return 0
    if count < THRESHOLD:
        return None
    return rounded(count)


def plain_number(value: int) -> str:
    return str(value)


def vietnamese_number(value: int) -> str:
    """Thousands separated by dots, as Vietnamese readers write them (12.345)."""
    return f"{value:,}".replace(",", ".")


def shown_count(count: int, *, zero_hidden: bool = False, number: Callable[[int], str] = plain_number) -> str:
    """One count on its own (no sum beside it to check): "<5", or the rounded number."""
    value = shown_value(count, zero_hidden=zero_hidden)
    return HIDDEN if value is None else number(value)


def _range_of(value: int | None, zero_hidden: bool) -> tuple[int, int]:
    """The true counts a reader knows a shown value stands for."""
    if value is None:
        return (0 if zero_hidden else 1, THRESHOLD - 1)
    if value == 0:
        return (0, 0)
    # 5 stands for 5..7 (3 and 4 read "<5"); any other multiple of 5 for itself ±2.
    return (max(THRESHOLD, value - BASE // 2), value + BASE // 2)


@dataclass
class _Cell:
    count: int
    published: bool
    zero_hidden: bool
    withheld: bool = False

    def shown(self) -> int | None:
        return shown_value(self.count, zero_hidden=self.zero_hidden)

    def known_range(self) -> tuple[int, int]:
        if not self.published or self.withheld:
            return (0, _UNBOUNDED)
        return _range_of(self.shown(), self.zero_hidden)

    def must_stay_unknown(self) -> bool:
        """A count a reader must not be able to work out exactly."""
        if self.published and not self.withheld and self.shown() is not None:
            return False
        return (0 if self.zero_hidden else 1) <= self.count < THRESHOLD


class Disclosure:
    """The counts of one screen or document, the sums between them, and how each may be shown.

    Add every count that is shown with ``add``, every count a reader could work out but is
    not shown (e.g. visits without feedback, when visits and each feedback face are shown)
    with ``add(..., published=False)``, and every sum with ``add_sum``. ``text`` then gives
    each shown count's text, after the check of module point 3.
    """

    def __init__(self) -> None:
        self._cells: dict[Hashable, _Cell] = {}
        self._sums: list[tuple[Hashable, tuple[Hashable, ...]]] = []
        self._checked = False

    def add(
        self, key: Hashable, count: int, *, published: bool = True, zero_hidden: bool = False
    ) -> Hashable:
        if count < 0:
            raise ValueError(f"a count cannot be negative: {key!r} = {count}")
        existing = self._cells.get(key)
        if existing is not None and existing.count != count:
            raise ValueError(f"{key!r} was added as {existing.count}, now as {count}")
        self._cells[key] = _Cell(count, published, zero_hidden)
        self._checked = False
        return key

    def add_sum(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        """``total`` is the sum of ``parts`` (each added before)."""
        members = tuple(parts)
        missing = [key for key in (total, *members) if key not in self._cells]
        if missing:
            raise KeyError(f"not added: {missing!r}")
        if sum(self._cells[key].count for key in members) != self._cells[total].count:
            raise ValueError(f"the parts of {total!r} do not add up to it")
        self._sums.append((total, members))
        self._checked = False

    def count(self, key: Hashable) -> int:
        return self._cells[key].count

    def value(self, key: Hashable) -> int | None:
        """The shown number, or None when hidden ("<5") or withheld ("x")."""
        self._check()
        cell = self._cells[key]
        return None if cell.withheld else cell.shown()

    def text(self, key: Hashable, number: Callable[[int], str] = plain_number) -> str:
        self._check()
        cell = self._cells[key]
        if not cell.published:
            raise KeyError(f"{key!r} is not shown")
        if cell.withheld:
            return WITHHELD
        value = cell.shown()
        return HIDDEN if value is None else number(value)

    def texts(self, number: Callable[[int], str] = plain_number) -> dict[Hashable, str]:
        self._check()
        return {key: self.text(key, number) for key, cell in self._cells.items() if cell.published}

    def withheld(self) -> list[Hashable]:
        self._check()
        return [key for key, cell in self._cells.items() if cell.withheld]

    def ranges(self) -> dict[Hashable, tuple[int, int]]:
        """What a reader can work out of each count from everything shown (for tests and the audit)."""
        self._check()
        return self._narrowed()

    # -- the check ----------------------------------------------------------------------
    def _check(self) -> None:
        if self._checked:
            return
        for _ in range(len(self._cells) + 1):
            ranges = self._narrowed()
            exposed = [
                key
                for key, cell in self._cells.items()
                if cell.must_stay_unknown() and ranges[key][0] == ranges[key][1]
            ]
            if not exposed:
                self._checked = True
                return
            self._withhold_for(exposed[0])
        raise AssertionError(
            "withholding did not converge"
        )  # pragma: no cover - each round withholds one more

    def _narrowed(self) -> dict[Hashable, tuple[int, int]]:
        ranges = {key: cell.known_range() for key, cell in self._cells.items()}
        changed = True
        while changed:
            changed = False
            for total, parts in self._sums:
                low = sum(ranges[key][0] for key in parts)
                high = sum(ranges[key][1] for key in parts)
                changed |= _narrow(ranges, total, low, high)
                total_low, total_high = ranges[total]
                for key in parts:
                    others_low = low - ranges[key][0]
                    others_high = high - ranges[key][1]
                    changed |= _narrow(ranges, key, total_low - others_high, total_high - others_low)
        return ranges

    def _withhold_for(self, exposed: Hashable) -> None:
        """Withhold one more shown count so that ``exposed`` can no longer be worked out.

        First in the sums ``exposed`` is in; when every count there is withheld or never
        shown already, ``exposed`` is pinned through them (a period inside another, its
        rest hidden): the search widens to the sums of those counts, and so on.
        """
        reached = {exposed}
        while True:
            sums = [(total, parts) for total, parts in self._sums if total in reached or reached & set(parts)]
            for total, _parts in sums:
                cell = self._cells[total]
                if total not in reached and cell.published and not cell.withheld:
                    cell.withheld = True
                    return
            # In the order of the sums (as before the search widened): the smallest count first.
            members = list(dict.fromkeys(key for total, parts in sums for key in (total, *parts)))
            candidates: Sequence[Hashable] = sorted(
                (
                    key
                    for key in members
                    if key not in reached and self._cells[key].published and not self._cells[key].withheld
                ),
                key=lambda key: self._cells[key].count,
            )
            if candidates:
                self._cells[candidates[0]].withheld = True
                return
            if reached.issuperset(members):
                raise AssertionError(f"nothing left to withhold for {exposed!r}")  # pragma: no cover
            reached.update(members)


def _narrow(ranges: dict[Hashable, tuple[int, int]], key: Hashable, low: int, high: int) -> bool:
    old_low, old_high = ranges[key]
    new = (max(old_low, low), min(old_high, high))
    if new != (old_low, old_high):
        ranges[key] = new
        return True
    return False


def breakdown(
    disclosure: Disclosure,
    total: Hashable,
    parts: Mapping[Hashable, int],
    *,
    rest: Hashable | None = None,
    zero_hidden: bool = False,
) -> None:
    """``parts`` shown beside ``total`` (added before).

    What the parts leave out is ``rest`` (or, unnamed, a rest of its own), never shown but
    checked like any hidden count: a reader can work it out as the total less the parts.
    """
    for key, count in parts.items():
        disclosure.add(key, count, zero_hidden=zero_hidden)
    members = list(parts)
    left = disclosure.count(total) - sum(parts.values())
    if left < 0:
        raise ValueError(f"the parts of {total!r} add up to more than it")
    if rest is not None or left:
        rest_key = rest if rest is not None else ("rest of", total, len(disclosure._sums))
        disclosure.add(rest_key, left, published=False)
        members.append(rest_key)
    disclosure.add_sum(total, members)
