"""Exporting the statistics to a USB stick, and checking an export against its manifest.

Qt-free. The organiser's screen runs ``ExportJob.run`` through the UI's worker helper and
shows ``ExportProgress``; an ``ExportError`` carries the kind and figures to word it.
"""

from kiosk.export.errors import ExportError, ExportTrouble
from kiosk.export.identity import kiosk_id
from kiosk.export.job import ExportJob, ExportProgress, ExportResult, ExportSource
from kiosk.export.verify import verify_export

__all__ = [
    "ExportError",
    "ExportJob",
    "ExportProgress",
    "ExportResult",
    "ExportSource",
    "ExportTrouble",
    "kiosk_id",
    "verify_export",
]
