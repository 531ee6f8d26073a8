"""The kiosk without touching the screen: a keyboard, or a USB number pad used EZ Access style.

Every key a visitor can use becomes one ``Action``, the same from the main keyboard and from
the number pad with NumLock on or off: Qt marks pad keys with ``KeypadModifier``, and with
NumLock off the pad sends arrows, PgUp/PgDn, Home/End, Clear and Insert instead of digits.
docs/keypad.md is the map for volunteers.

The focus moves through the buttons ``ui.widgets.focus_order`` lists, in its order; Back, Next,
Repeat and Esc press the button the screen marked for them.

Keys are caught on their way to any widget, as a stage of the window's ``ui.input.pipeline``,
rather than in the window's ``keyPressEvent``: Tab never reaches ``keyPressEvent``
(``QWidget.event`` spends it on Qt's focus chain first).
A held key repeats nothing (shaky hands), except the volume.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from kiosk.i18n import UiText
from kiosk.visit.session import SessionChange, VisitorSession
from ui.input.focus_ring import FocusRings
from ui.input.main_action import MainActionFocus
from ui.input.steady_taps import SteadyTaps
from ui.look.theme import Palette
from ui.widgets.focus_order import (
    ANY_KEY_CLOSES,
    KEY_ROLE,
    OWN_KEYS,
    KeyRole,
    Walk,
    active_layer,
    reveal,
    spoken_name,
)

if TYPE_CHECKING:
    from ui.overlays.help import HelpOverlay

log = logging.getLogger(__name__)


class Action(enum.Enum):
    NEXT_CONTROL = "next-control"
    PREVIOUS_CONTROL = "previous-control"
    FIRST_CONTROL = "first-control"
    LAST_CONTROL = "last-control"
    PRESS = "press"
    BACK = "back"
    NEXT = "next"
    HELP = "help"
    REPEAT = "repeat"
    CLOSE = "close"
    VOLUME_UP = "volume-up"
    VOLUME_DOWN = "volume-down"


_K = Qt.Key
KEYBOARD: dict[int, Action] = {
    _K.Key_Tab: Action.NEXT_CONTROL,
    _K.Key_Backtab: Action.PREVIOUS_CONTROL,
    _K.Key_Down: Action.NEXT_CONTROL,
    _K.Key_Right: Action.NEXT_CONTROL,
    _K.Key_Up: Action.PREVIOUS_CONTROL,
    _K.Key_Left: Action.PREVIOUS_CONTROL,
    _K.Key_Home: Action.FIRST_CONTROL,
    _K.Key_End: Action.LAST_CONTROL,
    _K.Key_Return: Action.PRESS,
    _K.Key_Enter: Action.PRESS,
    _K.Key_Space: Action.PRESS,
    _K.Key_PageUp: Action.BACK,
    _K.Key_PageDown: Action.NEXT,
    _K.Key_F1: Action.HELP,
    _K.Key_F2: Action.HELP,
    _K.Key_Help: Action.HELP,
    _K.Key_Question: Action.HELP,
    _K.Key_Asterisk: Action.REPEAT,
    _K.Key_Escape: Action.CLOSE,
    _K.Key_Plus: Action.VOLUME_UP,
    _K.Key_Minus: Action.VOLUME_DOWN,
    _K.Key_VolumeUp: Action.VOLUME_UP,
    _K.Key_VolumeDown: Action.VOLUME_DOWN,
}
# The number pad (KeypadModifier). NumLock on sends the digits; NumLock off sends the keys
# printed under them (8 Up, 2 Down, 4 Left, 6 Right, 9 PgUp, 3 PgDn, 7 Home, 1 End: already
# in KEYBOARD), 5 Clear and 0 Insert. Enter, /, *, + and - are the same either way.
KEYPAD: dict[int, Action] = {
    _K.Key_8: Action.PREVIOUS_CONTROL,
    _K.Key_2: Action.NEXT_CONTROL,
    _K.Key_4: Action.PREVIOUS_CONTROL,
    _K.Key_6: Action.NEXT_CONTROL,
    _K.Key_7: Action.FIRST_CONTROL,
    _K.Key_1: Action.LAST_CONTROL,
    _K.Key_5: Action.PRESS,
    _K.Key_Clear: Action.PRESS,
    _K.Key_9: Action.BACK,
    _K.Key_3: Action.NEXT,
    _K.Key_0: Action.HELP,
    _K.Key_Insert: Action.HELP,
    _K.Key_Slash: Action.HELP,
}
_FOCUS_MOVES = {
    Action.NEXT_CONTROL,
    Action.PREVIOUS_CONTROL,
    Action.FIRST_CONTROL,
    Action.LAST_CONTROL,
}
# Widgets a volunteer or organiser types into: arrows, Space, Home/End, + and - are theirs.
_TYPING = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QComboBox)
_CHORD_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


def action_for(key: int, modifiers: Qt.KeyboardModifier) -> Action | None:
    """The visitor's action for a key, or None (chords such as Ctrl+Alt+O are never ours)."""
    if modifiers & _CHORD_MODIFIERS:
        return None
    if modifiers & Qt.KeyboardModifier.KeypadModifier and key in KEYPAD:
        return KEYPAD[key]
    return KEYBOARD.get(key)


# -- the keys ----------------------------------------------------------------------------------
class VisitorKeys(QObject):
    """Turns the visitor's keys into focus moves and presses on the window's layer on top."""

    # The help now on screen, as one text (for narration to speak).
    help_shown = Signal(str)
    # The name of the control the focus moved to (for narration to speak).
    focus_moved = Signal(str)
    # +1 or -1: the visitor asked for louder or quieter speech.
    volume_change_requested = Signal(int)
    # Repeat on a layer without a Repeat button: say the screen again.
    repeat_requested = Signal()

    def __init__(
        self,
        window: QWidget,
        ui_text: UiText,
        session: VisitorSession,
        steady_taps: SteadyTaps,
        palette: Callable[[], Palette],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ui_text = ui_text
        self._session = session
        self._taps = steady_taps
        self._help: HelpOverlay | None = None
        self.rings = FocusRings(window, palette)
        # Each screen and overlay opens with its main action focused (a number pad has no Tab).
        self.main_focus = MainActionFocus(window, self.rings.show_ring)
        session.subscribe(self._on_session_changed)

    @property
    def help_overlay(self) -> HelpOverlay:
        """The help screen, made on first use (a visitor who only touches never needs it)."""
        if self._help is None:
            from ui.overlays.help import HelpOverlay

            self._help = HelpOverlay(self._ui_text, self._window)
            self._help.help_shown.connect(self.help_shown)
        return self._help

    def close_help(self) -> None:
        if self._help is not None:
            self._help.close_help()

    def filter(self, watched: QObject, event: QEvent) -> bool:
        """The pipeline's stage: a visitor's key pressed in this window is acted on and swallowed."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            return self.handle(event)
        return False

    def handle(self, event: QKeyEvent) -> bool:
        """Act on a visitor's key; False leaves the key to Qt (and acts on nothing)."""
        action = action_for(event.key(), event.modifiers())
        if action is None or self._keys_owned():
            return False
        if event.isAutoRepeat() and action not in (Action.VOLUME_UP, Action.VOLUME_DOWN):
            return True
        self.perform(action)
        return True

    def perform(self, action: Action) -> None:
        if action is Action.VOLUME_UP or action is Action.VOLUME_DOWN:
            self.volume_change_requested.emit(1 if action is Action.VOLUME_UP else -1)
            return
        layer = active_layer(self._window)
        walk = Walk(layer)
        if layer.property(ANY_KEY_CLOSES) and action is not Action.HELP:
            self._press_role(walk.controls, KeyRole.CLOSE)
            return
        if action in _FOCUS_MOVES:
            self._move_focus(action, walk.controls)
        elif action is Action.PRESS:
            self._press_focused(walk.controls)
        elif action is Action.HELP:
            self._toggle_help(walk)
        elif action is Action.BACK:
            self._press_role(walk.controls, KeyRole.BACK, KeyRole.CLOSE)
        elif action is Action.NEXT:
            self._press_role(walk.controls, KeyRole.NEXT, KeyRole.CLOSE)
        elif action is Action.CLOSE:
            self._press_role(walk.controls, KeyRole.CLOSE)
        elif action is Action.REPEAT and not self._press_role(walk.controls, KeyRole.REPEAT):
            self.repeat_requested.emit()

    # -- helpers -----------------------------------------------------------------------
    def _keys_owned(self) -> bool:
        """Whether the focused widget takes every key itself (the PIN pad, or a text field)."""
        widget: QWidget | None = self._window.focusWidget()
        if isinstance(widget, _TYPING):
            return True
        while widget is not None:
            if widget.property(OWN_KEYS):
                return True
            widget = widget.parentWidget()
        return False

    def _focused(self, reachable: list[QAbstractButton]) -> QAbstractButton | None:
        # The window's own record: right even while the window is not the active one.
        focus = self._window.focusWidget()
        for control in reachable:
            if control is focus:
                return control
        return None

    def _move_focus(self, action: Action, reachable: list[QAbstractButton]) -> None:
        if not reachable:
            return
        current = self._focused(reachable)
        last = len(reachable) - 1
        if action is Action.FIRST_CONTROL or (current is None and action is Action.NEXT_CONTROL):
            index = 0
        elif action is Action.LAST_CONTROL or current is None:
            index = last
        else:
            step = 1 if action is Action.NEXT_CONTROL else -1
            index = (reachable.index(current) + step) % len(reachable)
        self.focus(reachable[index])

    def focus(self, control: QAbstractButton) -> None:
        """Put the visible focus on ``control`` and announce it."""
        control.setFocus(Qt.FocusReason.TabFocusReason)
        reveal(control)
        self.focus_moved.emit(spoken_name(control))

    def _press_focused(self, reachable: list[QAbstractButton]) -> None:
        current = self._focused(reachable)
        if current is not None:
            self._press(current)
        elif len(reachable) == 1:
            # One thing to do (the idle question, the help): Enter does it.
            self._press(reachable[0])
        elif reachable:
            # Nothing chosen yet: show where the keys are, rather than guess.
            self.focus(reachable[0])

    def _press_role(self, reachable: list[QAbstractButton], *roles: KeyRole) -> bool:
        for role in roles:
            for control in reachable:
                if control.property(KEY_ROLE) == role.value:
                    self._press(control)
                    return True
        return False

    def _press(self, control: QAbstractButton) -> None:
        if self._taps.allow(control):
            control.click()

    def _toggle_help(self, walk: Walk) -> None:
        overlay = self._help
        if overlay is not None and overlay.isVisible():
            overlay.close_help()
            return
        control = self._focused(walk.controls)
        self.help_overlay.show_help(self._session.language, control, walk.help_key)

    def _on_session_changed(self, change: SessionChange) -> None:
        # A new visit (or a new language) never starts under the last visitor's help.
        if change in (SessionChange.RESET, SessionChange.LANGUAGE):
            self.close_help()

    def press_key(self, key: int, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> bool:
        """Act on ``key`` as if pressed (no auto-repeat); False when it is not a visitor's key."""
        action = action_for(key, modifiers)
        if action is None or self._keys_owned():
            return False
        self.perform(action)
        return True
