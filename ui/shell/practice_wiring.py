"""Practice mode in the window: the screen's signals to the visit, the narration and the sound.

- Each practised step's counts go to the visit (``VisitorSession.practice_step_done``), which
  the statistics count per tutorial, step and day. Never what was typed.
- Something new to say (the step, a hint) is said when reading aloud is on, as any screen is.
- A hit plays a short, soft chime through the narration's playback, when sound is on (reading
  aloud on); the tick on the picture is the cue for everyone else.
"""

from __future__ import annotations

import logging
import math
import struct
import tempfile
import wave
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kiosk.i18n import UiText
from kiosk.practice.run import StepCounts
from kiosk.visit.session import PracticeStepResult
from ui.screens.kind import Screen
from ui.screens.practice import PracticeScreen

if TYPE_CHECKING:
    from kiosk.visit.session import VisitorSession
    from ui.narration.control import NarrationControl
    from ui.narration.playback import NarrationPlayback

log = logging.getLogger(__name__)

_CHIME_VOLUME = 0.5
_RATE = 22050


class PracticeHost(Protocol):
    """What practice needs of the window (``ui.shell.window.MainWindow``), so neither imports the other."""

    @property
    def session(self) -> VisitorSession: ...

    @property
    def narration(self) -> NarrationControl | None: ...

    @property
    def current(self) -> Screen: ...

    def note_activity(self) -> None: ...

    def leave_practice(self) -> None: ...


def build_practice(window: PracticeHost, ui_text: UiText) -> PracticeScreen:
    screen = PracticeScreen(ui_text)
    sound: list[NarrationPlayback] = []

    def on_step_done(counts: object) -> None:
        tutorial = screen.tutorial
        if isinstance(counts, StepCounts) and tutorial is not None:
            window.session.practice_step_done(
                PracticeStepResult(
                    tutorial.id,
                    counts.step_id,
                    counts.attempts,
                    counts.misses,
                    counts.hints_shown,
                    counts.shown_and_moved_on,
                )
            )

    def on_speak() -> None:
        narration = window.narration
        if narration is not None and window.current is Screen.PRACTICE:
            narration.say_screen()

    def on_success() -> None:
        if not window.session.narration:
            return
        if not sound:
            from ui.narration.playback import NarrationPlayback

            sound.append(NarrationPlayback(screen))
        try:
            sound[0].play(chime_file(), _CHIME_VOLUME)
        except OSError as error:
            log.warning("The practice chime cannot be played: %s", error)

    def on_leave() -> None:
        window.note_activity()
        window.leave_practice()

    screen.step_done.connect(on_step_done)
    screen.speak_requested.connect(on_speak)
    screen.success.connect(on_success)
    screen.leave_requested.connect(on_leave)
    return screen


def chime_file() -> Path:
    """A short, soft two-note chime (made once per start, in the temporary folder)."""
    path = Path(tempfile.gettempdir()) / "kiosk-practice-chime.wav"
    if path.is_file():
        return path
    frames = bytearray()
    for freq, length in ((880.0, 0.12), (1318.5, 0.22)):
        count = int(_RATE * length)
        for i in range(count):
            fade = min(1.0, i / (0.01 * _RATE), (count - i) / (0.08 * _RATE))
            sample = 0.35 * fade * math.sin(2 * math.pi * freq * i / _RATE)
            frames += struct.pack("<h", int(sample * 32767))
    partial = path.with_suffix(".part")
    with wave.open(str(partial), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(_RATE)
        out.writeframes(bytes(frames))
    partial.replace(path)
    return path
