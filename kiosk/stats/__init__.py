"""Anonymous statistics: the database, the visit recorder, the organiser's figures, demo data.

Qt-free. Before the QApplication exists, ``kiosk.stats.startup`` checks the database with the
standard ``sqlite3`` alone (and migrates it only when its schema is old); SQLAlchemy is loaded
later, off the GUI thread, by ``kiosk.stats.service``. The UI records through ``VisitRecorder``
and reads ``summarize``.

The names below are loaded on first use, so importing a light module of this package (the
codes, the start-up check) does not pull in SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.stats.codes import AgeBand, EndReason, Feedback, Need, OutcomeKind, ProfileAttribute, VisitMode
    from kiosk.stats.db import Database, open_database
    from kiosk.stats.failures import DatabaseUnavailableError, Trouble
    from kiosk.stats.integrity import DamageNotice
    from kiosk.stats.recorder import VisitRecorder
    from kiosk.stats.summary import OutcomeFigure, PeriodFigures, Summary, summarize

_HOMES = {
    "AgeBand": "kiosk.stats.codes",
    "DamageNotice": "kiosk.stats.integrity",
    "Database": "kiosk.stats.db",
    "DatabaseUnavailableError": "kiosk.stats.failures",
    "EndReason": "kiosk.stats.codes",
    "Feedback": "kiosk.stats.codes",
    "Need": "kiosk.stats.codes",
    "OutcomeFigure": "kiosk.stats.summary",
    "OutcomeKind": "kiosk.stats.codes",
    "PeriodFigures": "kiosk.stats.summary",
    "ProfileAttribute": "kiosk.stats.codes",
    "Summary": "kiosk.stats.summary",
    "Trouble": "kiosk.stats.failures",
    "VisitMode": "kiosk.stats.codes",
    "VisitRecorder": "kiosk.stats.recorder",
    "open_database": "kiosk.stats.db",
    "summarize": "kiosk.stats.summary",
}

__all__ = [
    "AgeBand",
    "DamageNotice",
    "Database",
    "DatabaseUnavailableError",
    "EndReason",
    "Feedback",
    "Need",
    "OutcomeFigure",
    "OutcomeKind",
    "PeriodFigures",
    "ProfileAttribute",
    "Summary",
    "Trouble",
    "VisitMode",
    "VisitRecorder",
    "open_database",
    "summarize",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
