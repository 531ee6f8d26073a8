"""What the kiosk remembers about visits: counts and choices, never a person.

Every column here was chosen to answer "how many people learned what": there is no name,
no number, no free text and nothing a visitor typed. A visit and a run are known outside
the database only by a random ``uid`` (uuid4); inside, rows are joined by small integer
keys, which keeps the file small and the export fast. Times are UTC, cut to the minute
before they are stored. Each allowed value is also checked by the database, so a slip in
the UI cannot store something else.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    false,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

from kiosk.stats.codes import NO_NEED, PROFILE_NOTED, AgeBand, Need, OutcomeKind, ProfileAttribute

MODES = ("self", "guided")
END_REASONS = ("finished", "home", "idle")
TEXT_SIZES = ("normal", "large", "extra-large")
FEEDBACK_FACES = (1, 2, 3)

# How a minute is stored on SQLite: short, sortable, and cut with substr() in exports.
SQLITE_MINUTE_FORMAT = "%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d"
_SQLITE_MINUTE_PATTERN = r"(\d+)-(\d+)-(\d+) (\d+):(\d+)"

# Named constraints, so later migrations (batch mode on SQLite) can find and change them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def to_minute(moment: datetime) -> datetime:
    """``moment`` in UTC, without seconds: the precision the statistics keep."""
    if moment.tzinfo is None:
        raise ValueError("statistics times must carry a time zone (naive times are ambiguous)")
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


_NOT_VERSION = re.compile(r"[^0-9A-Za-z.+_-]+")
UNKNOWN_VERSION = "unknown"


def content_version_code(version: str) -> str:
    """A pack's ``content_version`` as stored: its version characters only, at most 32.

    Pack authors write the version freely; an odd one must never stop a visit from being recorded.
    """
    code = _NOT_VERSION.sub("-", str(version)).strip("-")[:32]
    return code or UNKNOWN_VERSION


class UtcMinute(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC to the minute (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(
                sqlite.DATETIME(  # type: ignore[no-untyped-call]  # the dialect type has no annotations
                    storage_format=SQLITE_MINUTE_FORMAT, regexp=_SQLITE_MINUTE_PATTERN
                )
            )
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return to_minute(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def _one_of(column: str, values: tuple[str, ...] | tuple[int, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _only(column: str, characters: str) -> str:
    """SQL: ``column`` is not empty and holds only ``characters`` (a GLOB class body).

    This is what keeps free text out of the statistics, and what lets the export write
    these values into CSV without quoting.
    """
    return f"{column} <> '' AND {column} NOT GLOB '*[^{characters}]*'"


UID_CHECK = "length(uid) = 32 AND uid NOT GLOB '*[^0-9a-f]*'"
# The characters kiosk.content.schema allows in language codes and ids.
LANGUAGE_CHARACTERS = "A-Za-z0-9-"
ID_CHARACTERS = "A-Za-z0-9_-"
VERSION_CHARACTERS = "0-9A-Za-z.+_-"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Visit(Base):
    """One visitor (or one guided session), from "Start" until Home, "Finish" or the idle reset."""

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Random (uuid4 hex): the visit's id in exports and in the recorder's API.
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    started_at: Mapped[datetime] = mapped_column(UtcMinute())
    ended_at: Mapped[datetime | None] = mapped_column(UtcMinute())
    # A language code such as "vi"; the recorder accepts only codes, never typed text.
    language: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(8))
    # The largest text size and whether high contrast were used at any time in the visit.
    text_size: Mapped[str] = mapped_column(String(16), default="normal")
    high_contrast: Mapped[bool] = mapped_column(Boolean, default=False)
    end_reason: Mapped[str | None] = mapped_column(String(8))
    # The three faces: 1 unhappy, 2 neutral, 3 happy; None when the visitor did not answer.
    feedback: Mapped[int | None] = mapped_column(SmallInteger)
    # Synthetic visits from `kiosk demo-data`, so demo data is never mistaken for real data.
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        CheckConstraint(UID_CHECK, name="uid"),
        CheckConstraint(_only("language", LANGUAGE_CHARACTERS), name="language"),
        CheckConstraint(_one_of("mode", MODES), name="mode"),
        CheckConstraint(_one_of("text_size", TEXT_SIZES), name="text_size"),
        CheckConstraint(f"end_reason IS NULL OR {_one_of('end_reason', END_REASONS)}", name="end_reason"),
        CheckConstraint(f"feedback IS NULL OR {_one_of('feedback', FEEDBACK_FACES)}", name="feedback"),
        Index("ix_visits_started_at", "started_at"),
    )


class TutorialRun(Base):
    """One tutorial opened during a visit, and how far the visitor got."""

    __tablename__ = "tutorial_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    tutorial_id: Mapped[str] = mapped_column(String(64))
    content_version: Mapped[str] = mapped_column(String(32))
    steps_total: Mapped[int] = mapped_column(Integer)
    # 1-based number of the furthest step shown ("reached step 5 of 8").
    furthest_step: Mapped[int] = mapped_column(Integer, default=1)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    handout_printed: Mapped[bool] = mapped_column(Boolean, default=False)
    qr_shown: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        CheckConstraint(UID_CHECK, name="uid"),
        CheckConstraint(_only("tutorial_id", ID_CHARACTERS), name="tutorial_id"),
        CheckConstraint(_only("content_version", VERSION_CHARACTERS), name="content_version"),
        CheckConstraint("steps_total >= 1", name="steps_total"),
        CheckConstraint("furthest_step BETWEEN 1 AND steps_total", name="furthest_step"),
        # Also answers "was this tutorial already run in this visit?" for the export's counts.
        Index("ix_tutorial_runs_visit_id", "visit_id", "tutorial_id"),
    )


class StepTime(Base):
    """Seconds spent on one step of a run, summed when the visitor comes back to it."""

    __tablename__ = "step_times"

    run_id: Mapped[int] = mapped_column(ForeignKey("tutorial_runs.id", ondelete="CASCADE"), primary_key=True)
    # 1-based, like furthest_step.
    step_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    seconds: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("step_number >= 1", name="step_number"),
        CheckConstraint("seconds >= 0", name="seconds"),
        # The rows are small and always found by their key: storing them once, in key order,
        # halves the file compared with a rowid table plus its primary-key index.
        {"sqlite_with_rowid": False},
    )


DAY_CHECK = "day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
OUTCOME_KINDS = tuple(kind.value for kind in OutcomeKind)
# Each attribute with the values it may be counted under.
PROFILE_VALUES: dict[str, tuple[str, ...]] = {
    ProfileAttribute.PROFILE.value: (PROFILE_NOTED,),
    ProfileAttribute.AGE_BAND.value: tuple(band.value for band in AgeBand),
    ProfileAttribute.NEED.value: (*(need.value for need in Need), NO_NEED),
}


class OutcomeCount(Base):
    """How often, on one local day, a tutorial in a guided session achieved an outcome or was not
    finished for a reason. Counts only: nothing ties a count to a visit."""

    __tablename__ = "outcome_counts"

    # The point's local day (see VisitRecorder: the offset is the machine's, taken at start-up).
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    tutorial_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    # An outcome id of the tutorial (kind "achieved") or a reason id of its pack ("not-finished").
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    demo: Mapped[bool] = mapped_column(Boolean, primary_key=True, default=False, server_default=false())
    count: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint(DAY_CHECK, name="day"),
        CheckConstraint(_only("tutorial_id", ID_CHARACTERS), name="tutorial_id"),
        CheckConstraint(_one_of("kind", OUTCOME_KINDS), name="kind"),
        CheckConstraint(_only("code", ID_CHARACTERS), name="code"),
        CheckConstraint("count >= 1", name="count"),
        {"sqlite_with_rowid": False},
    )


class ProfileCount(Base):
    """The optional coarse profile of guided visitors, as daily counts of each attribute on its own.

    Never a combination (an age band with a need) and never on a visit's row: a count of
    "60-plus" and a count of "hearing" on the same day do not say that one person was both.
    """

    __tablename__ = "profile_counts"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    attribute: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(16), primary_key=True)
    demo: Mapped[bool] = mapped_column(Boolean, primary_key=True, default=False, server_default=false())
    count: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint(DAY_CHECK, name="day"),
        CheckConstraint(
            " OR ".join(
                f"(attribute = {attribute!r} AND {_one_of('value', values)})"
                for attribute, values in PROFILE_VALUES.items()
            ),
            name="value",
        ),
        CheckConstraint("count >= 1", name="count"),
        {"sqlite_with_rowid": False},
    )


class PracticeCount(Base):
    """How one practice step ("Try it") went, summed over one local day: counts only.

    Nothing typed and nothing that ties a count to a visit: ``practised`` is how many times the
    step was done, ``attempts`` the taps or typed tries, ``misses`` those that missed,
    ``hints_shown`` the hints given, ``shown_and_moved_on`` the times the kiosk showed the target
    after the third miss.
    """

    __tablename__ = "practice_counts"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    tutorial_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    step_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    demo: Mapped[bool] = mapped_column(Boolean, primary_key=True, default=False, server_default=false())
    practised: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer)
    misses: Mapped[int] = mapped_column(Integer)
    hints_shown: Mapped[int] = mapped_column(Integer)
    shown_and_moved_on: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint(DAY_CHECK, name="day"),
        CheckConstraint(_only("tutorial_id", ID_CHARACTERS), name="tutorial_id"),
        CheckConstraint(_only("step_id", ID_CHARACTERS), name="step_id"),
        CheckConstraint("practised >= 1", name="practised"),
        CheckConstraint(
            "attempts >= 0 AND misses >= 0 AND hints_shown >= 0"
            " AND shown_and_moved_on BETWEEN 0 AND practised",
            name="counts",
        ),
        {"sqlite_with_rowid": False},
    )
