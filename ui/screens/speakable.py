"""What a screen or an overlay says when reading aloud is on: ``spoken_text()``.

Each screen knows what it shows, so each one says what should be heard for it now (its title,
the idle question with the seconds left, the quiz's question or its verdict). The narration
(``ui.narration.control``) decides *when* to speak and asks the screen on top *what*; it never
reads another widget's labels. A structural Protocol, so a screen needs no import to be one.

The player is the one screen that is not ``Speakable``: its step is read as a step (a pack may
have a recording for it), so the narration asks the narrator to read the step and only then
its quiz panel (``QuizPanel.spoken_text()``) for the question or the verdict.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Speakable(Protocol):
    def spoken_text(self) -> str:
        """The words to read aloud for what is shown now, in the language shown."""
        ...
