"""What the screens show of a handout print: nothing yet, printing, done, or failed.

Plain data, kept apart from ``ui.printing.printer`` so the screens can import it without pulling in the
PDF and printing machinery.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

# Where a print was asked for (``PrintState.origin``).
FROM_FINISH = "finish"
FROM_CATALOGUE = "catalogue"
# A guided session's take-home sheet, from the volunteer's outcomes page.
FROM_GUIDED = "guided"


class PrintPhase(enum.Enum):
    IDLE = "idle"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class PrintState:
    """``origin`` names the screen that asked: only that screen shows how the print ended."""

    phase: PrintPhase = PrintPhase.IDLE
    tutorial_id: str = ""
    origin: str = ""

    @property
    def printing(self) -> bool:
        return self.phase is PrintPhase.PRINTING

    @property
    def ended(self) -> bool:
        return self.phase in (PrintPhase.DONE, PrintPhase.FAILED)


IDLE = PrintState()
