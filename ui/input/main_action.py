"""Every screen and overlay opens with its main action focused: a number pad has no Tab.

The one rule, for every visitor screen and overlay: when a screen is shown, an overlay opens or
closes, or a print message comes or goes, the focus goes to the main action of the layer now on
top (the button a screen marked with ``mark(..., main=True)``, ``ui.widgets.focus_order``), so
8/2/5 or the arrows and Enter work at once, and the focus ring shows where they are. When an
overlay closes, the focus goes back to the button it was on before the overlay opened, if that
is still there; else to the main action of what is now on top.

It never speaks (reading aloud says the screen itself when it opens), and it leaves organiser
mode and a volunteer's pages alone: their fields take the keys.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from ui.overlays.overlay import Overlay, Overlays
from ui.widgets.focus_order import OWN_KEYS, Walk, active_layer, main_action, reveal


class MainActionFocus(QObject):
    """Puts the focus on the main action of whatever opens on ``window``."""

    def __init__(self, window: QWidget, show_ring: Callable[[QAbstractButton], None]) -> None:
        super().__init__(window)
        self._window = window
        # The ring goes on too, even while the window is not the active one (screenshots).
        self._show_ring = show_ring
        # The button each shown overlay took the focus from, to give it back when it closes.
        self._before: dict[int, QWidget] = {}
        # The button to prefer at the next refocus (the one an overlay took the focus from).
        self._preferred: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.apply)
        Overlays.of(window).shown_changed.connect(self._on_overlay_shown_changed)

    def refocus(self, *_: object) -> None:
        """A screen or a part of it opened or closed: focus the main action once events settle."""
        self._preferred = None
        self._timer.start()

    def _on_overlay_shown_changed(self, overlay: QWidget, shown: bool) -> None:
        if shown:
            focus = self._window.focusWidget()
            if isinstance(focus, QAbstractButton) and not overlay.isAncestorOf(focus):
                self._before[id(overlay)] = focus
            self._preferred = None
        else:
            self._preferred = self._before.pop(id(overlay), None)
        self._timer.start()

    def apply(self) -> None:
        """Focus the main action of the layer on top now (or the button an overlay took it from)."""
        layer = active_layer(self._window)
        if isinstance(layer, Overlay) and not layer.for_visitor:
            return
        if _typing(self._window.focusWidget()):
            # A field someone types into (a volunteer's, the PIN pad) keeps the focus.
            return
        controls = Walk(layer).controls
        preferred, self._preferred = self._preferred, None
        target: QAbstractButton | None = None
        if isinstance(preferred, QAbstractButton) and isValid(preferred) and preferred in controls:
            target = preferred
        else:
            target = main_action(controls)
        if target is None:
            return
        target.setFocus(Qt.FocusReason.TabFocusReason)
        reveal(target)
        self._show_ring(target)


def _typing(widget: QWidget | None) -> bool:
    """Whether ``widget`` takes the keys itself: a text field, or inside the PIN pad."""
    if isinstance(widget, (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QComboBox)):
        return True
    while widget is not None:
        if widget.property(OWN_KEYS):
            return True
        widget = widget.parentWidget()
    return False
