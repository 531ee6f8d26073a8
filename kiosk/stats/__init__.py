"""Anonymous statistics: the database, the visit recorder, the organiser's figures, demo data.

Qt-free. At start-up ``open_database()`` checks, migrates and opens the database (before the
QApplication exists); the UI records through ``VisitRecorder`` and reads ``summarize``.
"""

from kiosk.stats.db import Database, open_database
from kiosk.stats.failures import DatabaseUnavailableError, Trouble
from kiosk.stats.integrity import DamageNotice
from kiosk.stats.recorder import EndReason, Feedback, VisitMode, VisitRecorder
from kiosk.stats.summary import PeriodFigures, Summary, summarize

__all__ = [
    "DamageNotice",
    "Database",
    "DatabaseUnavailableError",
    "EndReason",
    "Feedback",
    "PeriodFigures",
    "Summary",
    "Trouble",
    "VisitMode",
    "VisitRecorder",
    "open_database",
    "summarize",
]
