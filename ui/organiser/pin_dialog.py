"""The organiser's PIN pad: big digits, the PIN shown only as dots, and the wait after wrong tries.

Two modes. When no PIN exists for its role the pad asks for a new one twice and saves it;
otherwise it checks the PIN with ``PinStore.check``. The installer normally sets the organiser's
PIN (``kiosk set-pin``); where nobody did, the first person here chooses it, and the log says so.
A new PIN must be strong (``kiosk.pin_strength``): a weak one is refused before it is asked again.
``start(change=True)`` asks for a new PIN even when one exists: the organiser sets the
volunteers' PIN that way. The same pad serves both roles, with each role's own words.
Hashing with scrypt takes a noticeable moment, so both run through ``ui.runtime.worker`` while the
pad shows "Checking…". After too many wrong tries the store refuses tries for a while; the
pad counts that wait down and disables the digits until it is over. A damaged ``pins.json`` keeps
the pad locked (never "choose a PIN"): it tells the organiser the command that resets the PIN.
"""

from __future__ import annotations

import enum
import functools
import logging
import re
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from kiosk.pin_strength import MAX_DIGITS, MIN_DIGITS, weakness
from kiosk.pins import PinCheck, PinFileDamagedError, PinInUseError, PinRole, PinStore
from ui.look import theme
from ui.look.style import normal_stylesheet
from ui.organiser.look import COUNTDOWN_TICK_MS, organiser_stylesheet
from ui.organiser.timing import wait_text
from ui.runtime import worker
from ui.widgets.common import BigButton, label
from ui.widgets.focus_order import OWN_KEYS

log = logging.getLogger(__name__)

T = TypeVar("T")

# A PIN set before new PINs needed 6 digits may have 4: it is still tried.
FEWEST_TRIED_DIGITS = 4
DELETE = "⌫"
WORD_JOINER = "\u2060"


def _set_if_free(store: PinStore, role: PinRole, pin: str) -> bool:
    """Save ``pin`` for ``role``; False when it is another role's PIN (a choice to make again)."""
    try:
        store.set_pin(role, pin)
    except PinInUseError:
        return False
    return True


class PinMode(enum.Enum):
    SET = "set"
    REPEAT = "repeat"
    CHECK = "check"


class PinPad(QWidget):
    accepted = Signal()
    cancelled = Signal()

    def __init__(
        self,
        store: PinStore,
        ui_text: UiText,
        lang: str,
        *,
        role: PinRole = PinRole.ORGANISER,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PinPad")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # Organiser mode has one look, whatever text size and contrast the visit chose (ui/look/style.py).
        self.setStyleSheet(
            normal_stylesheet(self.screen().physicalDotsPerInch()) + organiser_stylesheet(theme.DEFAULT)
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Its digits (a number pad's too) are typed into the PIN, not used to move around.
        self.setProperty(OWN_KEYS, True)
        self._store = store
        self._ui_text = ui_text
        self._lang = lang
        self._role = role
        self.mode = PinMode.CHECK
        self._digits = ""
        self._first_choice = ""
        self._busy = False
        # The PIN file cannot be used: nothing is tried or chosen here.
        self._damaged = False
        # The organiser's PIN is being chosen here because none was set at install.
        self._first_organiser_pin = False

        # Why the PIN is asked for, when it is not to open organiser mode (leaving kiosk mode).
        self.purpose = label("", "section")
        self.purpose.hide()
        self.title = label("", "heading")
        self.intro = label("", "body")
        # The command that resets a damaged PIN file, kept whole on each line it takes.
        self.command = label("", "body")
        self.command.hide()
        self.dots = label("", "pin-dots")
        self.dots.setWordWrap(False)
        self.message = label("", "body")
        self.message.setMinimumHeight(2 * theme.FONT_BODY + theme.SPACING)
        self.digit_buttons: dict[str, BigButton] = {}
        for digit in "0123456789":
            button = BigButton(digit, role="secondary")
            button.clicked.connect(functools.partial(self._on_digit_clicked, digit))
            self.digit_buttons[digit] = button
        self.delete_button = BigButton(DELETE, role="secondary")
        self.delete_button.setAccessibleName(ui_text.get(lang, "organiser.pin.delete"))
        self.ok_button = BigButton(ui_text.get(lang, "organiser.pin.ok"), role="primary")
        self.cancel_button = BigButton(ui_text.get(lang, "organiser.pin.cancel"), role="secondary")
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.ok_button.clicked.connect(self._on_ok_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        # Sized by the organiser style sheet (a sheet's min-width outranks setMinimumSize).
        for button in (*self.digit_buttons.values(), self.delete_button, self.ok_button):
            button.set_emphasis("pin-digit")
        self.cancel_button.set_emphasis("pin-cancel")

        self.countdown = QTimer(self)
        self.countdown.setInterval(COUNTDOWN_TICK_MS)
        self.countdown.timeout.connect(self.tick)
        self._build_layout()

    def _build_layout(self) -> None:
        words = QVBoxLayout()
        words.setSpacing(theme.SPACING)
        words.addStretch(1)
        for widget in (self.purpose, self.title, self.intro, self.command, self.dots, self.message):
            words.addWidget(widget)
        words.addStretch(1)
        words.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._words = words

        grid = QGridLayout()
        grid.setSpacing(theme.SPACING)
        order = ("1", "2", "3", "4", "5", "6", "7", "8", "9")
        for index, digit in enumerate(order):
            grid.addWidget(self.digit_buttons[digit], index // 3, index % 3)
        grid.addWidget(self.delete_button, 3, 0)
        grid.addWidget(self.digit_buttons["0"], 3, 1)
        grid.addWidget(self.ok_button, 3, 2)

        row = QHBoxLayout(self)
        row.setContentsMargins(theme.MARGIN * 2, theme.MARGIN, theme.MARGIN * 2, theme.MARGIN)
        row.setSpacing(theme.MARGIN * 2)
        row.addLayout(words, 1)
        row.addLayout(grid, 0)

    # -- public ------------------------------------------------------------------------
    @property
    def role(self) -> PinRole:
        return self._role

    def add_alternative(self, text: str) -> BigButton:
        """A second way out under Cancel (e.g. "Volunteer" on the organiser's pad)."""
        button = BigButton(text, role="secondary")
        button.set_emphasis("pin-cancel")
        self._words.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return button

    def set_purpose(self, text: str) -> None:
        """A line above the title saying what the PIN is for; empty for organiser mode itself."""
        self.purpose.setText(text)
        self.purpose.setVisible(bool(text))

    def start(self, *, change: bool = False) -> None:
        """Show the pad afresh: set a PIN if none exists (or ``change``), else ask for it."""
        self._digits = ""
        self._first_choice = ""
        self._busy = False
        self._damaged = False
        self.command.hide()
        self.dots.show()
        self._store.refresh()
        self.mode = PinMode.CHECK if self._store.is_set(self._role) and not change else PinMode.SET
        self._first_organiser_pin = self._role is PinRole.ORGANISER and self.mode is PinMode.SET
        if self._first_organiser_pin:
            log.warning(
                "no organiser PIN was set at install (kiosk set-pin --organiser): "
                "the PIN pad asks whoever opened organiser mode to choose one"
            )
        self._show_mode("")
        if self._store.damage is not None:
            self._show_damaged()
        self.tick()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def checking(self) -> bool:
        """A PIN is being hashed; its answer has not come back yet."""
        return self._busy

    @property
    def entered(self) -> str:
        return self._digits

    def tick(self) -> None:
        """Recount the wait after wrong tries (every second while one runs)."""
        wait = self._store.wait_s(self._role) if self.mode is PinMode.CHECK else 0.0
        if wait > 0:
            self.message.setText(
                self._ui_text.get(
                    self._lang, "organiser.pin.locked", time=wait_text(self._ui_text, self._lang, wait)
                )
            )
            if not self.countdown.isActive():
                self.countdown.start()
        elif self.countdown.isActive():
            self.countdown.stop()
            self.message.setText("")
        self._enable()

    @property
    def locked(self) -> bool:
        return self.countdown.isActive()

    @property
    def damaged(self) -> bool:
        """The PIN file cannot be used: the pad is locked and says how to reset the PIN."""
        return self._damaged

    # -- keys, for a keyboard or keypad -------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self._on_digit_clicked(text)
        elif key == Qt.Key.Key_Backspace:
            self._on_delete_clicked()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_ok_clicked()
        elif key == Qt.Key.Key_Escape:
            self._on_cancel_clicked()
        else:
            super().keyPressEvent(event)

    # -- slots -------------------------------------------------------------------------
    def _on_digit_clicked(self, digit: str) -> None:
        if self._busy or self.locked or self._damaged or len(self._digits) >= MAX_DIGITS:
            return
        self._digits += digit
        self._show_dots()

    def _on_delete_clicked(self) -> None:
        if not self._busy:
            self._digits = self._digits[:-1]
            self._show_dots()

    def _on_cancel_clicked(self) -> None:
        self._digits = ""
        self.countdown.stop()
        self.cancelled.emit()

    def _on_ok_clicked(self) -> None:
        if self._busy or self.locked or self._damaged:
            return
        fewest = FEWEST_TRIED_DIGITS if self.mode is PinMode.CHECK else MIN_DIGITS
        if not fewest <= len(self._digits) <= MAX_DIGITS:
            self._digits = ""
            self._show_dots()
            self.message.setText(self._ui_text.get(self._lang, "organiser.pin.length"))
            return
        pin, self._digits = self._digits, ""
        if self.mode is PinMode.SET:
            if weakness(pin) is not None:
                self._show_dots()
                self.message.setText(self._ui_text.get(self._lang, "organiser.pin.weak"))
                return
            self._first_choice = pin
            self.mode = PinMode.REPEAT
            self._show_mode("")
        elif self.mode is PinMode.REPEAT:
            if pin != self._first_choice:
                self._first_choice = ""
                self.mode = PinMode.SET
                self._show_mode(self._ui_text.get(self._lang, "organiser.pin.mismatch"))
                return
            self._work(
                functools.partial(_set_if_free, self._store, self._role, pin), self._on_pin_saved, "set PIN"
            )
        else:
            self._work(
                functools.partial(self._store.check, self._role, pin), self._on_pin_checked, "check PIN"
            )

    def _on_pin_saved(self, saved: bool) -> None:
        self._busy = False
        self._first_choice = ""
        if not saved:
            # Another role's PIN: choose again from the start.
            self.mode = PinMode.SET
            self._show_mode(self._ui_text.get(self._lang, "organiser.pin.in_use"))
            return
        if self._first_organiser_pin:
            self._first_organiser_pin = False
            log.warning(
                "the organiser PIN was chosen at the kiosk, not at install (kiosk set-pin --organiser)"
            )
        self.mode = PinMode.CHECK
        self._show_mode("")
        self.accepted.emit()

    def _on_pin_checked(self, check: PinCheck) -> None:
        self._busy = False
        self._show_dots()
        if check.accepted:
            self.message.setText("")
            self._enable()
            self.accepted.emit()
            return
        if check.locked:
            self.tick()
            return
        self.message.setText(self._ui_text.get(self._lang, "organiser.pin.wrong", tries=check.tries_left))
        self._enable()

    def _on_work_failed(self, error: Exception) -> None:
        self._busy = False
        self._show_dots()
        if isinstance(error, PinFileDamagedError):
            self._show_damaged()
            return
        self.message.setText(self._ui_text.get(self._lang, "organiser.pin.failed"))
        self._enable()

    # -- helpers -------------------------------------------------------------------------
    def _work(self, work: Callable[[], T], on_success: Callable[[T], None], what: str) -> None:
        """Hash off the GUI thread; the pad waits, showing "Checking…"."""
        self._busy = True
        self._enable()
        self._show_dots()
        self.message.setText(self._ui_text.get(self._lang, "organiser.pin.checking"))
        worker.run_in_background(work, on_success, self._on_work_failed, what=what)

    def _show_mode(self, message: str) -> None:
        key = {PinMode.SET: "set", PinMode.REPEAT: "repeat", PinMode.CHECK: "check"}[self.mode]
        section = "organiser.pin" if self._role is PinRole.ORGANISER else "organiser.volunteer_pin"
        self.title.setText(self._ui_text.get(self._lang, f"{section}.{key}_title"))
        self.intro.setText(self._ui_text.get(self._lang, f"{section}.{key}_intro"))
        self.message.setText(message)
        self._show_dots()
        self._enable()

    def _show_damaged(self) -> None:
        damage = self._store.damage
        self._damaged = True
        self._first_choice = ""
        self.mode = PinMode.CHECK
        self.title.setText(self._ui_text.get(self._lang, "organiser.pin.damaged_title"))
        self.intro.setText(
            self._ui_text.get(
                self._lang,
                "organiser.pin.damaged",
                reason=damage.reason if damage is not None else "",
            )
        )
        # Broken only between its words, never inside "--organiser" (a word joiner after "-" and "/").
        self.command.setText(re.sub(r"([-/])", "\\1" + WORD_JOINER, self._store.reset_command))
        self.command.setAccessibleName(self._store.reset_command)
        self.command.show()
        self.dots.hide()
        self.message.setText("")
        self._enable()

    def _show_dots(self) -> None:
        shown = max(MIN_DIGITS, len(self._digits))
        self.dots.setText(" ".join("●" if i < len(self._digits) else "○" for i in range(shown)))
        self.dots.setAccessibleName(
            self._ui_text.get(self._lang, "organiser.pin.entered", count=len(self._digits))
        )

    def _enable(self) -> None:
        allowed = not self._busy and not self.locked and not self._damaged
        for button in (*self.digit_buttons.values(), self.delete_button, self.ok_button):
            button.setEnabled(allowed)
