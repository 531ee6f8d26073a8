"""Which buttons the keys reach, and in which order; what screens tell the keys about them.

The keys reach the controls of the layer on top: an overlay drawn over the whole window (help,
the idle question, the comfort panel, organiser mode) or over its screen (a print message),
else the screen with the top bar. The order is reading order by layout: the screen's content,
its bottom bar, then the top bar, so the first key lands on what the screen is about and never
on Home. Qt's own Tab chain is not used: it follows the order widgets were made in (the
topics' tiles, rebuilt later, would come after Back) and it walks into covered screens.

Screens describe their buttons with widget properties: ``key_role`` (the button Back, Next,
Repeat and Esc press), ``help_key`` (the UI text Help reads for a button or a screen) and
``main_action`` (the button the focus goes to when the screen or overlay opens: a number pad has
no Tab, so 8/2/5 must work at once); a widget with ``own_keys`` (the organiser's PIN pad) gets
every key itself.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLayout, QScrollArea, QWidget

# Widget properties the screens set (see the module docstring).
KEY_ROLE = "key_role"
HELP_KEY = "help_key"
OWN_KEYS = "own_keys"
MAIN_ACTION = "main_action"
# On a layer: any key answers it with its "close" button (the idle question: a key means "I'm here").
ANY_KEY_CLOSES = "any_key_closes"
# The top bar comes after the screen's own controls.
_CHROME = "TopBar"


class KeyRole(enum.Enum):
    BACK = "back"
    NEXT = "next"
    REPEAT = "repeat"
    CLOSE = "close"


def mark(widget: QWidget, help_key: str, role: KeyRole | None = None, *, main: bool = False) -> None:
    """Say what ``widget`` does for Help (a UI text key), which key presses it, if any, and
    whether it is its screen's main action (``main``: focused when the screen opens)."""
    widget.setProperty(HELP_KEY, help_key)
    if role is not None:
        widget.setProperty(KEY_ROLE, role.value)
    if main:
        widget.setProperty(MAIN_ACTION, True)


def main_action(reachable: list[QAbstractButton]) -> QAbstractButton | None:
    """The first of ``reachable`` marked as a main action, else the first of them (never the top
    bar: it comes last), or None when nothing is reachable."""
    for control in reachable:
        if control.property(MAIN_ACTION):
            return control
    return reachable[0] if reachable else None


# -- what the visitor can reach --------------------------------------------------------------
def active_layer(window: QWidget) -> QWidget:
    """The topmost visible overlay of ``window`` (help, idle, comfort, organiser), or the window."""
    return cover_of(window) or window


def cover_of(widget: QWidget) -> QWidget | None:
    """The topmost visible child drawn over all of ``widget`` (children are listed bottom to top)."""
    area = widget.rect()
    for child in reversed(widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)):
        if child.isVisible() and not child.isWindow() and child.geometry().contains(area):
            return child
    return None


class Walk:
    """The controls under a layer in reading order, and the help of the innermost screen shown."""

    def __init__(self, layer: QWidget) -> None:
        self.controls: list[QAbstractButton] = []
        self.help_key = ""
        self._visit(layer)
        chrome = [control for control in self.controls if _in_chrome(control)]
        self.controls = [control for control in self.controls if control not in chrome] + chrome

    def _visit(self, widget: QWidget) -> None:
        if isinstance(widget, QAbstractButton):
            if widget.isVisible() and widget.isEnabled():
                self.controls.append(widget)
            return
        key = widget.property(HELP_KEY)
        if isinstance(key, str) and key:
            self.help_key = key
        cover = cover_of(widget)
        if cover is not None:
            self._visit(cover)
            return
        if isinstance(widget, QScrollArea):
            inner = widget.widget()
            if inner is not None:
                self._visit(inner)
            return
        laid_out: set[int] = set()
        layout = widget.layout()
        if layout is not None:
            self._visit_layout(layout, laid_out)
        for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            # Children no layout places (rare): after the laid-out ones.
            if id(child) not in laid_out and child.isVisible() and not child.isWindow():
                self._visit(child)

    def _visit_layout(self, layout: QLayout, laid_out: set[int]) -> None:
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item is None:
                continue
            child = item.widget()
            inner = item.layout()
            if child is not None:
                laid_out.add(id(child))
                if child.isVisible():
                    self._visit(child)
            elif inner is not None:
                self._visit_layout(inner, laid_out)


def _in_chrome(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == _CHROME:
            return True
        parent = parent.parentWidget()
    return False


def controls(layer: QWidget) -> list[QAbstractButton]:
    """The buttons a visitor can reach with the keys on ``layer``, in the order the keys visit them."""
    return Walk(layer).controls


def reveal(control: QWidget) -> None:
    """Scroll every scroll area holding ``control`` so that it is on screen."""
    parent = control.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(control)
        parent = parent.parentWidget()


def spoken_name(control: QWidget) -> str:
    name = control.accessibleName()
    if not name and isinstance(control, QAbstractButton):
        name = control.text()
    return name
