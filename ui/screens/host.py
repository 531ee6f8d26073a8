"""What the window that hosts the screens offers the controllers that drive a visit.

Navigation, the guided session and the narration need a few things of the window: the visit
(the session and its recording), which screen is shown, and ways to move between screens. They
type against this Protocol, never against ``ui.shell.window.MainWindow``, so none of them
imports the window and the window stays the one place that puts the parts together. It lives
with the screens because it speaks of them (``Screen``) and sits below every controller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from kiosk.stats.codes import EndReason

if TYPE_CHECKING:
    from kiosk.content.model import Tutorial
    from kiosk.visit.recording import VisitRecording
    from kiosk.visit.session import VisitorSession
    from ui.screens.kind import Screen


class VisitHost(Protocol):
    """The window, as a controller sees it."""

    @property
    def session(self) -> VisitorSession: ...

    @property
    def recording(self) -> VisitRecording: ...

    @property
    def current(self) -> Screen:
        """The screen shown now."""
        ...

    def show_screen(self, screen: Screen) -> None: ...

    def open_tutorial(self, tutorial_id: str, step_index: int = 0) -> None: ...

    def current_tutorial(self) -> Tutorial | None: ...

    def show_finish(self) -> None:
        """Go past the last step of the open tutorial to the finish screen."""
        ...

    def return_to_start(self, reason: EndReason = EndReason.HOME) -> None:
        """End the visit and show the start screen."""
        ...

    def note_activity(self) -> None:
        """Someone is at the kiosk (the idle question waits longer)."""
        ...


class GuidedSteps(Protocol):
    """What the finish screen's buttons do while a volunteer guides the visit."""

    def next_tutorial(self) -> None: ...

    def following(self) -> Tutorial | None:
        """The plan's guide after the open one; None after the last."""
        ...

    def show_outcomes(self) -> None: ...
