"""The practice keyboard, drawn like a phone's, and what a typing step shows above it.

- ``PracticeKeys``: the keys of ``kiosk.practice.keyboard.PracticeKeyboard`` (letters, ⇧ for a
  capital, ?123 for digits and symbols, ⌫), each a button the keys can reach, and "Done".
- ``TypedField``: what was typed so far, as on the phone's input box.
- ``SampleCard``: a made-up ID card with the 12-digit number to copy.
- ``SmsNotice``: a practice SMS notification with the code, sliding in from the top.

Nothing typed is kept: the text lives in the keyboard model while the step is on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from kiosk.practice.keyboard import BACKSPACE, LETTERS, SHIFT, SPACE, SYMBOLS, Layer, PracticeKeyboard
from ui.look import theme
from ui.widgets.common import BigButton, clear_layout, label
from ui.widgets.focus_order import mark

# A key's width in grid columns: the space bar is wide, ⇧ and ⌫ a little wider.
_SPAN = {SPACE: 5, SHIFT: 1, BACKSPACE: 1, SYMBOLS: 2, LETTERS: 2}
# Keys named for narration and touch-and-hear (UI text keys); the others say their character.
_NAMES = {
    SHIFT: "practice.key_shift",
    BACKSPACE: "practice.key_backspace",
    SYMBOLS: "practice.key_symbols",
    LETTERS: "practice.key_letters",
    SPACE: "practice.key_space",
}


class KeyButton(BigButton):
    def __init__(self, key: str, name: str, parent: QWidget | None = None) -> None:
        # A key's one character is drawn at the screen's size, not the visitor's text size (as the
        # top bar's buttons are): at extra-large text the keyboard must still fit beside the phone.
        super().__init__(key if key != SPACE else "", role="nav", parent=parent)
        self.key = key
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        mark(self, "help.control.practice_key")


class PracticeKeys(QWidget):
    """The keyboard; ``changed`` carries the text after each key, ``done`` when Done is pressed."""

    changed = Signal(str)
    done = Signal(str)
    # Another set of keys shows (letters, digits and signs).
    layer_changed = Signal()

    def __init__(self, ui_text: UiText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PracticeKeys")
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self.model = PracticeKeyboard()
        self.buttons: list[KeyButton] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.SPACING // 3)
        # "Done" is the keyboard's last key, where a phone has its ↵ key.
        self.done_button = BigButton(role="primary", parent=self)
        self.done_button.clicked.connect(self._on_done)
        mark(self.done_button, "help.control.practice_done")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)

    def start(self, layer: Layer, max_length: int, lang: str) -> None:
        """A fresh keyboard (nothing typed) on ``layer``."""
        self.model = PracticeKeyboard(layer=layer, max_length=max_length)
        self.retranslate(lang)
        self.changed.emit(self.model.text)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self.done_button.setText(self._ui_text.get(lang, "practice.key_done"))
        self._rebuild()

    def key(self, key: str) -> KeyButton | None:
        """The button of ``key`` as shown now (for tests and the show-the-answer path)."""
        return next((button for button in self.buttons if button.key == key), None)

    def press(self, key: str) -> None:
        layer, shift = self.model.layer, self.model.shift
        self.model.press(key)
        if self.model.layer is not layer:
            self._rebuild()
            self.layer_changed.emit()
        elif self.model.shift is not shift:
            # ⇧ turns the letters into capitals, for one letter: the same keys, relabelled.
            self._relabel()
        self.changed.emit(self.model.text)

    def _relabel(self) -> None:
        for button in self.buttons:
            if len(button.key) == 1 and button.key.isalpha():
                button.key = button.key.upper() if self.model.shift else button.key.lower()
                button.setText(button.key)
                button.setAccessibleName(button.key)
            elif button.key == SHIFT:
                button.setChecked(self.model.shift)

    def type_answer(self, text: str) -> None:
        """Type ``text`` key by key (the kiosk shows the answer)."""
        self.model.clear()
        self.model.type_text(text)
        self._rebuild()
        self.layer_changed.emit()
        self.changed.emit(self.model.text)

    def _on_done(self) -> None:
        self.done.emit(self.model.text)

    def _rebuild(self) -> None:
        focused = self.focusWidget()
        focused_key = focused.key if isinstance(focused, KeyButton) else None
        self._grid.removeWidget(self.done_button)
        clear_layout(self._grid)
        self.buttons = []
        rows = self.model.rows()
        done_span = 2 if self.model.layer is not Layer.DIGITS else 1
        widths = [sum(_SPAN.get(key, 1) for key in row) for row in rows]
        widths[-1] += done_span
        columns = max(widths)
        for row_index, row in enumerate(rows):
            column = (columns - widths[row_index]) // 2
            for key in row:
                span = _SPAN.get(key, 1)
                name = self._ui_text.get(self._lang, _NAMES[key]) if key in _NAMES else key
                button = KeyButton(key, name, self)
                if key == SHIFT:
                    button.setCheckable(True)
                    button.setChecked(self.model.shift)
                button.clicked.connect(lambda _checked=False, b=button: self.press(b.key))
                self._grid.addWidget(button, row_index, column, 1, span)
                # Styled now, so the panel measures the keys at their real size.
                button.ensurePolished()
                self.buttons.append(button)
                column += span
        self._grid.addWidget(self.done_button, len(rows) - 1, columns - done_span, 1, done_span)
        if focused_key is not None:
            again = self.key(focused_key) or (self.buttons[0] if self.buttons else None)
            if again is not None:
                again.setFocus(Qt.FocusReason.TabFocusReason)


class TypedField(QFrame):
    """The phone's input box: what was typed, or a grey prompt while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "note")
        self.text_label = label("", "body")
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.SPACING, theme.SPACING // 2, theme.SPACING, theme.SPACING // 2)
        layout.addWidget(self.text_label)
        self._prompt = ""

    def set_prompt(self, prompt: str) -> None:
        self._prompt = prompt

    def show_text(self, text: str) -> None:
        # A thin bar where the next character goes, as on a phone.
        self.text_label.setText(text + "│" if text else self._prompt)


class SampleCard(QFrame):
    """A made-up ID card with the number to copy (never a real person's)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "note")
        self.caption = label("", "muted")
        self.number = label("", "title")
        # One row, "Sample card (not a real one): 0123 4567 8901": the keys need the height.
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.SPACING, theme.SPACING // 2, theme.SPACING, theme.SPACING // 2)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.caption, 1)
        layout.addWidget(self.number, 0)

    def show_sample(self, caption: str, sample: str) -> None:
        self.caption.setText(caption)
        # Grouped by four, as it is easier to copy; the digits are the same.
        self.number.setText(" ".join(sample[i : i + 4] for i in range(0, len(sample), 4)))


class SmsNotice(QFrame):
    """A practice SMS notification with the code, sliding in from the top."""

    SLIDE_MS = 600
    # Its height changes while it slides in: the panel holding it follows.
    height_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "note")
        self.sender_label = label("", "muted")
        self.message = label("", "body")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.SPACING, theme.SPACING // 2, theme.SPACING, theme.SPACING // 2)
        layout.setSpacing(theme.SPACING // 3)
        layout.addWidget(self.sender_label)
        layout.addWidget(self.message)
        self._slide = QPropertyAnimation(self, b"maximumHeight", self)
        self._slide.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._slide.finished.connect(self._on_slid)
        self._slide.valueChanged.connect(self.height_changed)

    def slide_in(self, sender: str, message: str) -> None:
        self.sender_label.setText(sender)
        self.message.setText(message)
        self._slide.stop()
        self.setMaximumHeight(0)
        self.show()
        self._slide.setDuration(self.SLIDE_MS)
        self._slide.setStartValue(0)
        self._slide.setEndValue(max(self.sizeHint().height(), 1) * 3)
        self._slide.start()

    def _on_slid(self) -> None:
        # No cap once it is in: the words may grow with the text size.
        self.setMaximumHeight(16777215)
        self.height_changed.emit()
