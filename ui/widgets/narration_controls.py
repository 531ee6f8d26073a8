"""The visitor's controls for reading aloud: the speaker toggle in the top bar, and a comfort section.

The toggle is found without reading: a large speaker, with sound waves when reading aloud is
on and crossed out when it is off (or cannot be heard). The comfort panel's section has the
same choice as two buttons, the volume (quieter / louder) and "touch and hear" (how that works
is said aloud when it is turned on, and by Help: it is meant for visitors who cannot read).

Both only show a ``NarrationState`` and announce what the visitor asked for; the window's
``ui.narration.control.NarrationControl`` decides, since it knows the visit's choice, the
narrator's volume and whether the language on screen can be heard at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from kiosk.record import Record, set_field
from ui.look import theme
from ui.widgets.common import BigButton, label
from ui.widgets.focus_order import mark
from ui.widgets.icons import Icon


@dataclass(frozen=True, init=False, repr=False, eq=False)
class NarrationState(Record):
    """What the reading-aloud controls show (a dataclass written as ``kiosk.record`` says)."""

    # The visitor turned reading aloud on (for this visit).
    on: bool = False
    # The language on screen can be heard (a voice, or recordings for every step).
    available: bool = True
    # Reading aloud was tried this visit and no sound could be made (no speaker, engine failed).
    no_sound: bool = False
    touch_and_hear: bool = False
    volume_level: int = 3
    volume_steps: int = 5
    # Room in the top bar for a few words beside the speaker (normal text size only).
    room_for_words: bool = True

    def __init__(
        self,
        on: bool = False,
        available: bool = True,
        no_sound: bool = False,
        touch_and_hear: bool = False,
        volume_level: int = 3,
        volume_steps: int = 5,
        room_for_words: bool = True,
    ) -> None:
        set_field(self, "on", on)
        set_field(self, "available", available)
        set_field(self, "no_sound", no_sound)
        set_field(self, "touch_and_hear", touch_and_hear)
        set_field(self, "volume_level", volume_level)
        set_field(self, "volume_steps", volume_steps)
        set_field(self, "room_for_words", room_for_words)

    @property
    def speaking(self) -> bool:
        """On, and worth trying: what the toggle shows as "on"."""
        return self.on and self.available


def _named(ui_text: UiText, lang: str, words: str, on: bool) -> str:
    state = ui_text.get(lang, "narration.on_state" if on else "narration.off_state")
    return ui_text.get(lang, "narration.named", words=words, state=state)


class NarrationToggle(BigButton):
    """The speaker in the top bar: one tap turns reading aloud on or off, for this visit.

    Only the speaker is drawn (its name says "Read aloud: on/off"): beside Home, the screen's
    title and "Text size / Contrast", words would push a title onto three lines at extra-large
    text. Words appear only when there is something to tell (no voice, or no sound) and room
    for them; the comfort panel always says it in full.
    """

    def __init__(self, ui_text: UiText, parent: QWidget | None = None) -> None:
        super().__init__(role="nav", icon=Icon.SPEAKER_OFF, checkable=True, parent=parent)
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self.state = NarrationState()
        mark(self, "help.control.narration")

    def show_state(self, state: NarrationState) -> None:
        self.state = state
        self.retranslate(self._lang)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        state, text = self.state, self._ui_text
        self.setChecked(state.speaking)
        self.setEnabled(state.available)
        if not state.available:
            words = text.get(lang, "narration.unavailable")
            name = f"{words}. {text.get(lang, 'narration.unavailable_note')}"
        elif state.on and state.no_sound:
            words = text.get(lang, "narration.no_sound")
            name = f"{words}. {text.get(lang, 'narration.no_sound_note')}"
        else:
            words = ""
            name = _named(text, lang, text.get(lang, "narration.toggle"), state.on)
        if self.icon_view is not None:
            heard = state.speaking and not state.no_sound
            self.icon_view.set_icon(Icon.SPEAKER if heard else Icon.SPEAKER_OFF)
        if not state.room_for_words:
            words = ""
        self.setText(words)
        self._label.setVisible(bool(words))
        # After setText, which names a button by its words: say the state too.
        self.setAccessibleName(name)


class VolumeMeter(QWidget):
    """The volume as bars growing left to right, the ones up to the level filled: seen, not read."""

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.level = 0
        self.steps = 1
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_level(self, level: int, steps: int) -> None:
        self.level, self.steps = level, max(1, steps)
        self.update()

    def sizeHint(self) -> QSize:
        height = math.ceil(self.fontMetrics().height() * theme.ICON_SCALE)
        return QSize(round(height * 1.6), height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        gap = self.width() / (self.steps * 4)
        width = (self.width() - gap * (self.steps - 1)) / self.steps
        for index in range(self.steps):
            height = self.height() * (index + 2) / (self.steps + 1)
            bar = QRectF(index * (width + gap), self.height() - height, width, height)
            if index <= self.level:
                painter.fillRect(bar, colour)
            else:
                painter.setPen(colour)
                painter.drawRect(bar.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()


class NarrationSection(QWidget):
    """The comfort panel's "Read aloud": on / off, the volume, and "touch and hear"."""

    narration_chosen = Signal(bool)
    # +1 louder, -1 quieter.
    volume_step = Signal(int)
    touch_and_hear_chosen = Signal(bool)

    def __init__(self, ui_text: UiText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        self.state = NarrationState()
        self.title_label = label("", "section")
        self.on_button = BigButton(role="choice", icon=Icon.SPEAKER, checkable=True, stack_if_narrow=True)
        self.off_button = BigButton(
            role="choice", icon=Icon.SPEAKER_OFF, checkable=True, stack_if_narrow=True
        )
        group = QButtonGroup(self)
        for button in (self.on_button, self.off_button):
            group.addButton(button)
            mark(button, "help.control.narration")
        # "−" and "+" are read by everyone; their names say "quieter" and "louder".
        self.quieter_button = BigButton(role="choice", icon=Icon.MINUS)
        self.louder_button = BigButton(role="choice", icon=Icon.PLUS)
        for button in (self.quieter_button, self.louder_button):
            mark(button, "help.control.volume")
        self.volume_meter = VolumeMeter("secondary-label")
        self.volume_label = label("", "body")
        # "4 / 5" broken over two lines reads as two numbers.
        self.volume_label.setWordWrap(False)
        self.touch_button = BigButton(role="choice", icon=Icon.TOUCH, checkable=True)
        mark(self.touch_button, "help.control.touch_and_hear")
        self.note_label = label("", "body")
        self.note_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.on_button.clicked.connect(self._on_on_button_clicked)
        self.off_button.clicked.connect(self._on_off_button_clicked)
        self.quieter_button.clicked.connect(self._on_quieter_button_clicked)
        self.louder_button.clicked.connect(self._on_louder_button_clicked)
        self.touch_button.clicked.connect(self._on_touch_button_clicked)

        # Like "Screen colours": the choice in one row; the volume and "touch and hear" under it.
        choice_row = QHBoxLayout()
        choice_row.setSpacing(theme.SPACING)
        for button in (self.on_button, self.off_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            choice_row.addWidget(button)
        self.more = QWidget()
        more_row = QHBoxLayout(self.more)
        more_row.setContentsMargins(0, 0, 0, 0)
        more_row.setSpacing(theme.SPACING)
        more_row.addWidget(self.quieter_button)
        more_row.addWidget(self.volume_meter, 0, Qt.AlignmentFlag.AlignVCenter)
        more_row.addWidget(self.volume_label)
        more_row.addWidget(self.louder_button)
        more_row.addSpacing(theme.SPACING)
        self.touch_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        more_row.addWidget(self.touch_button, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.SPACING)
        column.addWidget(self.title_label)
        column.addLayout(choice_row)
        # Why it cannot be heard (no voice, no sound) stands where the volume and "touch and hear"
        # are, which mean nothing then: the place is kept for either, so nothing moves when it shows.
        self._more_or_note = QStackedLayout()
        # In the column first: a page added to a layout without a widget would open as a window.
        column.addLayout(self._more_or_note)
        self._more_or_note.addWidget(self.more)
        self._more_or_note.addWidget(self.note_label)

    def show_state(self, state: NarrationState) -> None:
        self.state = state
        self.retranslate(self._lang)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        state, text = self.state, self._ui_text
        title = text.get(lang, "narration.toggle")
        self.title_label.setText(title)
        for button, key in (
            (self.on_button, "narration.choice_on"),
            (self.off_button, "narration.choice_off"),
        ):
            words = text.get(lang, key)
            button.setText(words)
            button.setAccessibleName(text.get(lang, "narration.choice_named", title=title, choice=words))
        (self.on_button if state.speaking else self.off_button).setChecked(True)
        self.on_button.setEnabled(state.available)
        self.quieter_button.setAccessibleName(text.get(lang, "narration.quieter"))
        self.louder_button.setAccessibleName(text.get(lang, "narration.louder"))
        self.volume_meter.set_level(state.volume_level, state.volume_steps)
        self.volume_label.setText(
            text.get(lang, "narration.volume", level=state.volume_level + 1, steps=state.volume_steps)
        )
        touch_words = text.get(lang, "narration.touch")
        self.touch_button.setText(touch_words)
        self.touch_button.setAccessibleName(_named(text, lang, touch_words, state.touch_and_hear))
        self.touch_button.setChecked(state.touch_and_hear)
        # Volume and "touch and hear" mean something only while reading aloud is on.
        for control in (self.quieter_button, self.louder_button, self.touch_button):
            control.setEnabled(state.speaking)
        self.quieter_button.setEnabled(state.speaking and state.volume_level > 0)
        self.louder_button.setEnabled(state.speaking and state.volume_level < state.volume_steps - 1)
        if not state.available:
            note = text.get(lang, "narration.unavailable_note")
        elif state.on and state.no_sound:
            note = text.get(lang, "narration.no_sound_note")
        else:
            note = ""
        self.note_label.setText(note)
        self._more_or_note.setCurrentWidget(self.note_label if note else self.more)

    def _on_on_button_clicked(self) -> None:
        self.narration_chosen.emit(True)

    def _on_off_button_clicked(self) -> None:
        self.narration_chosen.emit(False)

    def _on_quieter_button_clicked(self) -> None:
        self.volume_step.emit(-1)

    def _on_louder_button_clicked(self) -> None:
        self.volume_step.emit(1)

    def _on_touch_button_clicked(self, checked: bool) -> None:
        self.touch_and_hear_chosen.emit(checked)
