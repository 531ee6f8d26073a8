"""What the district office's hub keeps: the kiosks it trusts and the exact day counts they sent.

One row per kiosk (its random id and the key it was first seen signing with), per point
(name, commune, province, as the kiosk's signed manifest says), per export imported, and per
kiosk × local day × attribute × code (``day_counts``) and kiosk × day × tutorial × kind × code
(``outcome_counts``). ``kiosk_days`` says which export a stored day came from: a day is
stored once, and replaced only by a later export that holds at least every count it holds.

Nothing here describes a visitor: the rows are the counts of ``day_counts.json``
(kiosk/export/day_file.py), which never crosses one attribute of a visit with another.
Published figures are made from them by the kiosk's one disclosure rule (kiosk.hub.report).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, MetaData, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Attributes of a day's visits, each counted on its own (codes: a language, a mode, a face).
VISITS = "visits"
LANGUAGE = "language"
MODE = "mode"
LARGE_TEXT = "large_text"
HIGH_CONTRAST = "high_contrast"
FEEDBACK = "feedback"
# Per tutorial (the code is the tutorial id).
TUTORIAL_MEASURES = ("visits", "runs", "completions", "handouts", "qr_shown")
TUTORIAL_PREFIX = "tutorial_"


def tutorial_attribute(measure: str) -> str:
    return TUTORIAL_PREFIX + measure


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Point(Base):
    """A digital-literacy point as its kiosk names it (settings: point name, commune, province)."""

    __tablename__ = "points"
    __table_args__ = (UniqueConstraint("name", "commune", "province"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    commune: Mapped[str] = mapped_column(String(100))
    province: Mapped[str] = mapped_column(String(100))


class Kiosk(Base):
    """A kiosk and the signing key pinned at its first import (None once the office forgot it)."""

    __tablename__ = "kiosks"

    kiosk_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    fingerprint: Mapped[str | None] = mapped_column(String(39))
    public_key: Mapped[str | None] = mapped_column(String(64))
    point_id: Mapped[int] = mapped_column(ForeignKey("points.id"))
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    # The newest export's created time (its point is the kiosk's point) and last whole day.
    last_created: Mapped[str] = mapped_column(String(17))
    last_day: Mapped[date | None] = mapped_column(Date)


class ImportedExport(Base):
    """One export folder imported (the same manifest twice is one row)."""

    __tablename__ = "imports"
    __table_args__ = (UniqueConstraint("kiosk_id", "manifest_sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.kiosk_id"))
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    created: Mapped[str] = mapped_column(String(17))
    first_day: Mapped[date | None] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    days_added: Mapped[int] = mapped_column(Integer)
    days_replaced: Mapped[int] = mapped_column(Integer)
    days_kept: Mapped[int] = mapped_column(Integer)


class KioskDay(Base):
    """A kiosk's local day (demo or real) stored, and the export it came from.

    It repeats three of the day's counts (its visits, guided visits and lessons completed), so
    the trend over a year reads one row per kiosk and day instead of all of the day's counts.
    """

    __tablename__ = "kiosk_days"

    kiosk_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    demo: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"))
    visits: Mapped[int] = mapped_column(Integer)
    guided: Mapped[int] = mapped_column(Integer)
    completions: Mapped[int] = mapped_column(Integer)


class DayCount(Base):
    """One exact count of a kiosk's day: visits, visits by language, a tutorial's completions, ..."""

    __tablename__ = "day_counts"

    kiosk_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True, index=True)
    demo: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    attribute: Mapped[str] = mapped_column(String(24), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class OutcomeCount(Base):
    """How often volunteers ticked an outcome (or a reason) of a tutorial on a kiosk's day."""

    __tablename__ = "outcome_counts"

    kiosk_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True, index=True)
    demo: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    tutorial_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class ProfileCount(Base):
    """The optional profile of guided visitors, per closed month, each attribute on its own."""

    __tablename__ = "profile_counts"

    kiosk_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    demo: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    attribute: Mapped[str] = mapped_column(String(24), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
