"""Exporting the statistics to a USB stick, and checking an export against its manifest.

Qt-free. The organiser's screen runs ``ExportJob.run`` through the UI's worker helper and
shows ``ExportProgress``; an ``ExportError`` carries the kind and figures to word it.

The names below are loaded on first use, as in ``kiosk.stats``: the kiosk makes its signing
key (``kiosk.export.kiosk_key``) at its first start, and that must not pull the whole export
(reportlab, the content loader, some 12 MB) into a kiosk that may never export.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.export.errors import ExportError, ExportTrouble
    from kiosk.export.identity import kiosk_id
    from kiosk.export.job import ExportJob, ExportProgress, ExportResult, ExportSource
    from kiosk.export.verify import verify_export

_HOMES = {
    "ExportError": "kiosk.export.errors",
    "ExportJob": "kiosk.export.job",
    "ExportProgress": "kiosk.export.job",
    "ExportResult": "kiosk.export.job",
    "ExportSource": "kiosk.export.job",
    "ExportTrouble": "kiosk.export.errors",
    "kiosk_id": "kiosk.export.identity",
    "verify_export": "kiosk.export.verify",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
