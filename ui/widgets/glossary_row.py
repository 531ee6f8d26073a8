"""Words to know: the glossary terms a step's text uses, and what each means, on tap.

Under a step's words (the player, a drill question too) a small row says "Từ cần biết:" /
"Words to know:" followed by one button per term the text uses (``Tutorial.glossary_for``, from
the pack's glossary). A tap on a term opens ``GlossaryPanel`` over the window: the term and its
meaning in a small frame in the middle. A tap anywhere on it, its Close button, Back or Escape
closes it. It covers the window as the enlarged picture does, so the keys reach its Close button
(Back and Escape press it); ``spoken_text`` is what reading aloud is to say of it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.glossary_entry import GlossaryEntry
from kiosk.i18n import UiText
from ui.look import theme
from ui.look.style import forget_sizes
from ui.widgets.common import BigButton, clear_layout, label
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark

# The keys that close the panel when it has the focus (the window's keys press its Close button).
_CLOSE_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_Back, Qt.Key.Key_Backspace)


class GlossaryRow(QWidget):
    """ "Words to know:" and a button per term; hidden when the step's text uses none."""

    # The term tapped.
    term_chosen = Signal(GlossaryEntry)

    def __init__(self, ui_text: UiText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self.entries: tuple[GlossaryEntry, ...] = ()
        self.buttons: list[BigButton] = []
        self.caption = label("", "muted")
        # The caption over the terms, the terms side by side (each wraps its words if it must):
        # never wider than the words above them.
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.SPACING // 3)
        column.addWidget(self.caption)
        # One term to a line, as wide as the words: a height the player's fit can measure.
        self._terms = QVBoxLayout()
        self._terms.setSpacing(theme.SPACING // 3)
        column.addLayout(self._terms)
        self.hide()

    def set_entries(self, entries: tuple[GlossaryEntry, ...], lang: str) -> None:
        """Show a button for each of ``entries`` (none: the row hides)."""
        self.entries = entries
        clear_layout(self._terms)
        self.buttons = []
        text = self._ui_text
        self.caption.setText(text.get(lang, "glossary.caption"))
        for entry in entries:
            button = BigButton(entry.term, role="secondary", fill=True)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            # Heard and read as what it does: "What does "mã OTP" mean?"
            button.setAccessibleName(text.get(lang, "glossary.term_name", term=entry.term))
            mark(button, "help.control.glossary")
            button.clicked.connect(lambda _checked=False, chosen=entry: self.term_chosen.emit(chosen))
            self._terms.addWidget(button)
            self.buttons.append(button)
        self.setVisible(bool(entries))
        # Styled now (a row hidden until now never was), so the screen's fit measures what will
        # be shown: the caption and the terms at the visitor's text size.
        self.ensurePolished()
        for child in (self.caption, *self.buttons):
            child.ensurePolished()
        # The words around it are measured anew too (their layout had cached its height).
        forget_sizes(self.parentWidget() or self)


class GlossaryPanel(QWidget):
    """A term and its meaning, in a small frame over the window; any tap closes it.

    Drawn over the whole window and following its size, as ``PictureZoom`` is (a screen may not
    import ``ui.overlays``), so the keys reach its Close button (``focus_order.cover_of``)."""

    def __init__(self, ui_text: UiText, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("GlossaryPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        parent.installEventFilter(self)
        self.hide()
        self._ui_text = ui_text
        self.entry: GlossaryEntry | None = None
        self.setProperty(HELP_KEY, "help.screen.glossary")
        self.term_label = label("", "title")
        self.meaning_label = label("", "body")
        self.close_button = BigButton(role="primary")
        self.close_button.clicked.connect(self.hide)
        mark(self.close_button, "help.control.glossary_close", KeyRole.CLOSE, main=True)
        self.frame = QFrame()
        self.frame.setObjectName("GlossaryFrame")
        self.frame.setProperty("role", "note")
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        inner.setSpacing(theme.SPACING)
        inner.addWidget(self.term_label)
        inner.addWidget(self.meaning_label)
        inner.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(theme.MARGIN * 3, theme.MARGIN, theme.MARGIN * 3, theme.MARGIN)
        outer.addStretch(1)
        outer.addWidget(self.frame)
        outer.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def show_entry(self, entry: GlossaryEntry, lang: str) -> None:
        self.entry = entry
        self.term_label.setText(entry.term)
        self.meaning_label.setText(entry.meaning)
        self.close_button.setText(self._ui_text.get(lang, "glossary.close"))
        self._fit_window()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_window(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit_window()
        return False

    def spoken_text(self) -> str:
        """The term, then what it means."""
        if self.entry is None:
            return ""
        return f"{self.entry.term}. {self.entry.meaning}"

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A tap anywhere closes it: a visitor who has read it should not have to find a button.
        event.accept()
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _CLOSE_KEYS:
            event.accept()
            self.hide()
            return
        super().keyPressEvent(event)
