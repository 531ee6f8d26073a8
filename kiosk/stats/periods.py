"""Days as the organiser means them: the kiosk's local calendar, over times stored in UTC.

Statistics are stored in UTC; "today", "this month" and the dates in an export are the
point's own days. The local offset is taken once (Vietnam has no daylight saving time),
and days become ranges of stored minutes so queries can use the ``started_at`` index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from kiosk.stats.models import SQLITE_MINUTE_FORMAT


def local_offset() -> timedelta:
    """The machine's current offset from UTC."""
    offset = datetime.now().astimezone().utcoffset()
    return offset if offset is not None else timedelta(0)


def offset_label(offset: timedelta) -> str:
    """``+07:00`` for Vietnam."""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def sqlite_modifier(offset: timedelta) -> str:
    """A modifier for SQLite's ``date()``: ``+420 minutes``."""
    return f"{int(offset.total_seconds() // 60):+d} minutes"


def local_today(offset: timedelta, now: datetime | None = None) -> date:
    moment = now if now is not None else datetime.now(UTC)
    return (moment.astimezone(UTC) + offset).date()


def stored_minute(moment: datetime) -> str:
    """``moment`` as ``started_at`` holds it on SQLite (naive UTC, to the minute)."""
    utc = moment.astimezone(UTC)
    return SQLITE_MINUTE_FORMAT % {
        "year": utc.year,
        "month": utc.month,
        "day": utc.day,
        "hour": utc.hour,
        "minute": utc.minute,
    }


def day_start(day: date, offset: timedelta) -> datetime:
    """The UTC moment the local ``day`` begins."""
    return datetime.combine(day, time(0), tzinfo=UTC) - offset


@dataclass(frozen=True)
class Period:
    """Local days ``first`` to ``last`` inclusive."""

    first: date
    last: date

    def bounds(self, offset: timedelta) -> tuple[str, str]:
        """Stored minutes: ``start <= started_at < end``."""
        return (
            stored_minute(day_start(self.first, offset)),
            stored_minute(day_start(self.last + timedelta(days=1), offset)),
        )

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def today(day: date) -> Period:
    return Period(day, day)


def last_7_days(day: date) -> Period:
    return Period(day - timedelta(days=6), day)


def this_month(day: date) -> Period:
    return Period(day.replace(day=1), day)


def month(day: date) -> Period:
    """The whole calendar month ``day`` is in (a closed period once the month is over)."""
    first = day.replace(day=1)
    next_first = (first + timedelta(days=32)).replace(day=1)
    return Period(first, next_first - timedelta(days=1))


def overlap(one: Period, other: Period) -> Period | None:
    """The days both periods hold, or None."""
    first, last = max(one.first, other.first), min(one.last, other.last)
    return Period(first, last) if first <= last else None
