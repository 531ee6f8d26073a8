"""The codes a visit is recorded with, kept apart so the UI can name them without loading SQLAlchemy."""

from __future__ import annotations

import enum


class TextSize(enum.Enum):
    """The text size a visitor chose (kiosk.visit.session); recorded with the visit."""

    NORMAL = "normal"
    LARGE = "large"
    EXTRA_LARGE = "extra-large"


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


class OutcomeKind(enum.StrEnum):
    """What a guided session's count is about: an outcome the visitor achieved by themselves, one
    they achieved with help, or why a tutorial was not finished."""

    ACHIEVED = "achieved"
    ACHIEVED_HELPED = "achieved-helped"
    NOT_FINISHED = "not-finished"
    # The visitor practised the tutorial on the kiosk ("Try it"), counted under PRACTISED_CODE.
    PRACTISED = "practised"

    @property
    def achieved(self) -> bool:
        """An outcome reached on the phone, by the visitor alone or with help."""
        return self in (OutcomeKind.ACHIEVED, OutcomeKind.ACHIEVED_HELPED)


# The one code counted under OutcomeKind.PRACTISED: "practised on the kiosk".
PRACTISED_CODE = "on-kiosk"


class AgeBand(enum.StrEnum):
    """The only age the kiosk ever notes: two bands, so no one can be told apart by it."""

    UNDER_60 = "under-60"
    SIXTY_PLUS = "60-plus"


class Need(enum.StrEnum):
    """A support need a volunteer may note for a guided visit (kept only as daily counts)."""

    SIGHT = "sight"
    HEARING = "hearing"
    MOVEMENT = "movement"
    READING = "reading"


class ProfileAttribute(enum.StrEnum):
    """The attributes a profile is counted by, each on its own (never in combination)."""

    # One per profile noted: the base the other counts are read against.
    PROFILE = "profile"
    AGE_BAND = "age-band"
    NEED = "need"


# The value counted for PROFILE, and for NEED when the visitor needs none of the Need values.
PROFILE_NOTED = "noted"
NO_NEED = "none"
