"""What is drawn over the whole window: one base that covers its parent and follows its size.

The comfort panel, the idle question, the help, organiser mode and a volunteer's pages are all
children of the window, drawn over the visit, which stays as it was underneath. Each used to fit
itself to the window on every resize (or the window fitted it); an ``Overlay`` watches its
parent's resizes itself, and ``open()`` shows it over everything else. Closing is Qt's own
``hide()`` (or ``close()``).

Each window's ``Overlays`` (``Overlays.of(window)``) is where its overlays register while they
are shown: it says which are open, the top one last, and announces each one opening or closing.
Reading aloud asks it what covers the visit instead of listing the overlays by name, so a new
overlay needs no change there.

``for_visitor`` tells the visitor's overlays (the comfort panel, the idle question, the help:
read aloud when they open, their buttons heard by touch and hear) from the ones that are not for
the visitor's ears (organiser mode and a volunteer's pages: reading aloud falls silent when they
come over the visit).
"""

from __future__ import annotations

from typing import ClassVar
from weakref import WeakSet

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QWidget


class Overlays(QObject):
    """The overlays shown over one window; one per window, made by the first overlay on it."""

    # The overlay (an ``Overlay``) and whether it is now shown.
    shown_changed = Signal(QWidget, bool)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        # Weak, and the window is only ever reached as the parent: no reference cycle through a
        # window, which Python's collector could then free on whatever thread it runs in.
        self._shown: WeakSet[Overlay] = WeakSet()

    @classmethod
    def of(cls, window: QWidget) -> Overlays:
        """The window's overlays, made on first use (by whichever asks first: an overlay or a listener)."""
        found = window.findChild(cls, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return found if isinstance(found, cls) else cls(window)

    def shown(self) -> list[Overlay]:
        """The overlays shown now, the one on top last."""
        window = self.parent()
        if window is None:
            return []
        return [child for child in window.children() if isinstance(child, Overlay) and child in self._shown]

    def covering(self) -> Overlay | None:
        """The overlay on top, if any is shown."""
        shown = self.shown()
        return shown[-1] if shown else None

    def _note(self, overlay: Overlay, shown: bool) -> None:
        if shown:
            self._shown.add(overlay)
        else:
            self._shown.discard(overlay)
        self.shown_changed.emit(overlay, shown)


class Overlay(QWidget):
    """Covers its parent (the window) whenever it is shown; see the module docstring."""

    # The visitor's own (read aloud, heard by touch); False for organiser mode and volunteers.
    for_visitor: ClassVar[bool] = True

    def __init__(self, parent: QWidget, *, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._overlays = Overlays.of(parent)
        parent.installEventFilter(self)
        self.hide()
        self.fit()

    def open(self) -> None:
        """Show it over the whole window, above every other overlay."""
        self.fit()
        self.show()
        self.raise_()

    def fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._overlays._note(self, True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._overlays._note(self, False)
