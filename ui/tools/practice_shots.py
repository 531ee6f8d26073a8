"""The practice screens for ``ui.tools.screenshots``: a tap step, its hint after a miss, and the
keyboard of a password step with a rule still missing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QPointF

from kiosk.content.model import Catalogue, PracticeKind, Tutorial
from ui.shell.window import MainWindow

# The tutorial pictured: the one with every kind of practice.
_TUTORIAL = "vneid-activate"


def _tutorial(catalogue: Catalogue) -> Tutorial | None:
    practised = [t for t in catalogue.tutorials if t.has_practice]
    return next((t for t in practised if t.id == _TUTORIAL), practised[0] if practised else None)


def practice_scenes(window: MainWindow, catalogue: Catalogue) -> Iterator[tuple[str, Callable[[], None]]]:
    tutorial = _tutorial(catalogue)
    if tutorial is None:
        return
    tap = next(
        (s for s in tutorial.steps if s.practice is not None and s.practice.kind is PracticeKind.TAP), None
    )
    password = next(
        (s for s in tutorial.steps if s.practice is not None and s.practice.kind is PracticeKind.PASSWORD),
        None,
    )

    def first() -> None:
        window.open_practice(tutorial.id)
        if tap is not None:
            window.practice_screen.go_to(tap.id)

    def hint() -> None:
        first()
        picture = window.practice_screen.picture
        # A tap in the phone's top corner: a miss, and the step's hint.
        corner = picture.screen_rect().topLeft() + QPointF(8, 8)
        picture.tapped.emit(corner)

    yield "18-practice", first
    yield "19-practice-hint", hint
    if password is not None:

        def keyboard() -> None:
            window.open_practice(tutorial.id)
            screen = window.practice_screen
            screen.go_to(password.id)
            for key in "hoa":
                screen.keyboard.press(key)

        yield "20-practice-keyboard", keyboard
