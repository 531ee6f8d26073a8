"""The visitor's input on its way to any widget: one application event filter, its stages in a written order.

Five parts of the kiosk read a touch, a click or a key before the widget under it does, and
some of them keep it from going further. Each used to install its own application event filter,
and Qt asks the filter installed last first, so the order they worked in was the reverse of the
order they happened to be made in: making one of them a little earlier would have silently
changed what a touch does. Here one filter, made and installed once by the window, asks its
stages in the order of ``ORDER``, whenever each stage was made: reading aloud is made after the
first paint, and its slot waits for it. A stage returns True to swallow the event: the stages
after it, and the widget, never see it.

The order, first asked first, and why:

1. ``IDLE_ACTIVITY`` (``ui.shell.idle.IdleWatcher``): every touch, click and key is the visitor
   being there. It never swallows anything, and comes first so that it also counts what a later
   stage swallows: a first touch that only says a button's name, a shaky repeat, the organiser's
   chord. (Before the pipeline, touch and hear had to tell it about the touches it swallowed.)
2. ``TOUCH_AND_HEAR`` (``ui.narration.control.NarrationControl``, which hands the presses to
   ``ui.input.touch_and_hear``): the first touch on a button says its name and goes no further.
   Before the steady taps, so a swallowed first touch never reaches them and cannot make the
   confirming touch look like a shaky repeat of it; before the organiser corner, so a touch that
   only said "Home" starts no long press. (Overlays opening and closing reach it through
   ``ui.overlays.overlay.Overlays``, not through this filter.)
3. ``ORGANISER_CORNER`` (``ui.organiser.entry.OrganiserEntry``): the long press on the top-left
   corner and Ctrl+Alt+O. Before the steady taps, so the release it swallows once organiser mode
   opens never counts as a tap on the button under the finger; before the keys, so the chord is
   its own whatever the keys make of it.
4. ``KEYS`` (``ui.input.keys.VisitorKeys``): the visitor's keyboard and number pad. It reads only
   key presses, which the steady taps never read.
5. ``STEADY_TAPS`` (``ui.input.steady_taps.SteadyTaps``): a second press on the same button soon
   after the first is swallowed. Last: it judges only the presses no stage before it has taken.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication


class Stage(Protocol):
    """One part of the pipeline (see the module docstring)."""

    def filter(self, watched: QObject, event: QEvent) -> bool:
        """True swallows ``event``: no later stage, and not ``watched``, sees it."""
        ...


class Slot(enum.Enum):
    """The place of each stage; ``ORDER`` says which is asked first."""

    IDLE_ACTIVITY = "idle activity"
    TOUCH_AND_HEAR = "touch and hear"
    ORGANISER_CORNER = "organiser corner"
    KEYS = "keys"
    STEADY_TAPS = "steady taps"


# First asked first; the module docstring says why. tests/unit/ui/input/test_pipeline.py holds it.
ORDER: tuple[Slot, ...] = (
    Slot.IDLE_ACTIVITY,
    Slot.TOUCH_AND_HEAR,
    Slot.ORGANISER_CORNER,
    Slot.KEYS,
    Slot.STEADY_TAPS,
)


class InputPipeline(QObject):
    """The application's one event filter for the visitor's input; installed when made."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._placed: dict[Slot, Stage] = {}
        # The filled slots' filters, in ORDER: every event of the application runs through these.
        self._filters: tuple[Callable[[QObject, QEvent], bool], ...] = ()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def place(self, slot: Slot, stage: Stage | None) -> None:
        """Put ``stage`` in ``slot`` (None empties it): it is asked in the slot's turn, not the call's."""
        if stage is None:
            self._placed.pop(slot, None)
        else:
            self._placed[slot] = stage
        self._filters = tuple(self._placed[each].filter for each in ORDER if each in self._placed)

    def stages(self) -> list[tuple[Slot, Stage]]:
        """The stages placed so far, in the order they are asked."""
        return [(slot, self._placed[slot]) for slot in ORDER if slot in self._placed]

    def remove(self) -> None:
        """No stage sees anything more (the window is shutting down)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # any() stops at the first stage that swallows: the ones after it never see the event.
        return any(stage_filter(watched, event) for stage_filter in self._filters)
