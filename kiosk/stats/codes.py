"""The codes a visit is recorded with, kept apart so the UI can name them without loading SQLAlchemy."""

from __future__ import annotations

import enum


class VisitMode(enum.StrEnum):
    SELF = "self"
    GUIDED = "guided"


class EndReason(enum.StrEnum):
    FINISHED = "finished"
    HOME = "home"
    IDLE = "idle"


class Feedback(enum.IntEnum):
    UNHAPPY = 1
    NEUTRAL = 2
    HAPPY = 3
