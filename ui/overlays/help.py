"""Help (F2, "?", or 0 on the number pad): what the chosen button does, and how to go on.

Shown over the whole window in the visitor's language. It names the button that has the
focus and says what it does (its ``help_key``); with nothing chosen it says what the screen
is for. Then the keys, for the keyboard and for the number pad. The whole text is announced
with ``help_shown`` so narration can read it aloud. Closing gives the focus back where it was.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from ui.look import theme
from ui.overlays.overlay import Overlay
from ui.widgets.common import BigButton, label, scroll_area
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark, spoken_name
from ui.widgets.icons import Icon


def help_lines(ui_text: UiText, lang: str, control: QWidget | None, screen_help_key: str) -> list[str]:
    """What Help says, paragraph by paragraph: the button and the screen (or the screen), then the keys."""
    lines: list[str] = []
    if control is not None:
        lines.append(ui_text.get(lang, "help.on_control", name=spoken_name(control)))
        key = control.property(HELP_KEY)
        if isinstance(key, str) and key:
            lines.append(ui_text.get(lang, key))
        # Every screen opens with a button chosen: what the screen is for is said after it.
        if screen_help_key:
            lines.append(ui_text.get(lang, screen_help_key))
    else:
        lines.append(ui_text.get(lang, screen_help_key or "help.nothing_chosen"))
    lines.append(ui_text.get(lang, "help.keys"))
    lines.append(ui_text.get(lang, "help.keypad"))
    return lines


class HelpOverlay(Overlay):
    # Title and paragraphs, one text, each time the help is shown.
    help_shown = Signal(str)

    def __init__(self, ui_text: UiText, parent: QWidget) -> None:
        super().__init__(parent, name="HelpOverlay")
        self._ui_text = ui_text
        self._return_to: QWidget | None = None
        self.title_label = label("", "heading", centred=True)
        self.about_label = label("", "title")
        self.detail_label = label("", "body")
        self.keys_label = label("", "body")
        self.keypad_label = label("", "body")
        # Printed small for whoever runs the point: the hidden way into organiser mode (not read aloud).
        self.organiser_hint = label("", "muted")
        self.close_button = BigButton(role="primary", icon=Icon.CHECK)
        self.close_button.set_emphasis("wide")
        mark(self.close_button, "help.control.close", KeyRole.CLOSE, main=True)
        self.close_button.clicked.connect(self.close_help)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(theme.MARGIN * 3, theme.MARGIN, theme.MARGIN * 3, theme.SPACING)
        column.setSpacing(theme.SPACING)
        for widget in (self.title_label, self.about_label, self.detail_label, self.keys_label):
            column.addWidget(widget)
        column.addWidget(self.keypad_label)
        column.addStretch(1)
        column.addWidget(self.organiser_hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, theme.MARGIN)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(scroll_area(content), 1)
        # Never scrolled away: the way out is always on screen.
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignHCenter)

    def show_help(self, lang: str, control: QAbstractButton | None, screen_help_key: str) -> None:
        """Explain ``control`` (or, with None, the screen) in ``lang``, over the whole window."""
        text = self._ui_text
        lines = help_lines(text, lang, control, screen_help_key)
        about, *rest = lines
        detail = rest[:-2]
        self.title_label.setText(text.get(lang, "help.title"))
        self.about_label.setText(about)
        self.detail_label.setText("\n".join(detail))
        self.detail_label.setVisible(bool(detail))
        self.keys_label.setText(rest[-2])
        self.keypad_label.setText(rest[-1])
        self.organiser_hint.setText(text.get(lang, "help.organiser_hint"))
        self.close_button.setText(text.get(lang, "help.close"))
        self._return_to = control
        self.open()
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.help_shown.emit("\n".join([self.title_label.text(), *lines]))

    def close_help(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        back, self._return_to = self._return_to, None
        # The button may have been rebuilt meanwhile (the topics' tiles are).
        if back is not None and shiboken6.isValid(back) and back.isVisible():
            back.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.window().setFocus(Qt.FocusReason.OtherFocusReason)
