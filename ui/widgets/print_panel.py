"""How a print ended, over the screen that asked for it: "collect it at the printer", or,
when nothing will come out, what is true (no printer here, out of paper, busy, switched off,
the job failed), the QR code large enough to scan from a chair with a line saying what it
opens, and "ask the volunteer for a printed sheet".

It covers only its screen, so the top bar (Home, text size) stays within reach. While a
handout is printing nothing covers anything: the Print button itself says "Printing…".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content.model import Tutorial
from kiosk.i18n import UiText
from kiosk.printing.state import PROBLEM_WORDS, PrinterProblem, PrintPhase
from ui.look import theme
from ui.widgets.common import BigButton, label, scroll_area
from ui.widgets.icons import Icon, IconView
from ui.widgets.qr_view import QrOffer

# The printer drawn large: it shows where to look for the sheet.
_ICON_SCALE = 2.2


class PrintPanel(QWidget):
    dismissed = Signal()

    def __init__(self, ui_text: UiText, parent: QWidget) -> None:
        super().__init__(parent)
        self._screen = parent
        self._ui_text = ui_text
        self.setObjectName("PrintPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.phase = PrintPhase.IDLE
        self.problem: PrinterProblem | None = None
        self.tutorial: Tutorial | None = None
        self._lang = ui_text.languages()[0]

        self.icon_view = IconView(Icon.PRINTER, "print-icon", scale=_ICON_SCALE)
        self.title_label = label("", "title", centred=True)
        self.message_label = label("", "heading", centred=True)
        self.detail_label = label("", "body", centred=True)
        self.ok_button = BigButton(role="primary", icon=Icon.CHECK)
        self.ok_button.set_emphasis("wide")
        self.ok_button.clicked.connect(self.dismissed)
        words = QWidget()
        column = QVBoxLayout(words)
        column.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        column.setSpacing(theme.SPACING)
        column.addStretch(1)
        column.addWidget(self.icon_view, 0, Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.title_label, self.message_label, self.detail_label):
            column.addWidget(widget)
        column.addSpacing(theme.SPACING)
        column.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)

        self.qr_offer = QrOffer()
        self.qr_view = self.qr_offer.qr_view
        self.url_label = self.qr_offer.url_label
        self.qr_column = QWidget()
        qr_layout = QVBoxLayout(self.qr_column)
        qr_layout.setContentsMargins(theme.SPACING, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        qr_layout.addWidget(self.qr_offer, 1)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        # The words get the larger share: at the largest text on 1366×768 they then show whole,
        # and the QR code in two fifths of the width is still far larger than a phone needs.
        self._words = words
        self._words_area = scroll_area(words)
        row.addWidget(self._words_area, 3)
        row.addWidget(self.qr_column, 2)
        self.hide()

    def show_outcome(
        self, phase: PrintPhase, tutorial: Tutorial, lang: str, problem: PrinterProblem | None = None
    ) -> None:
        """Show how printing ``tutorial`` ended (DONE or FAILED, for ``problem``); other phases hide it."""
        self.phase = phase
        self.problem = problem or PrinterProblem.FAILED
        self.tutorial = tutorial
        if phase not in (PrintPhase.DONE, PrintPhase.FAILED):
            self.hide()
            return
        self.retranslate(lang)
        failed = phase is PrintPhase.FAILED
        self.icon_view.setVisible(not failed)
        self.qr_column.setVisible(failed)
        self.fit()
        self.show()
        self.raise_()
        self._fit_icon()

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        text = self._ui_text
        failed = self.phase is PrintPhase.FAILED
        if self.tutorial is not None:
            url = self.tutorial.qr_url
            self.title_label.setText(self.tutorial.text(lang).title)
            caption = text.get(lang, "print.qr_caption", caption=self.tutorial.text(lang).qr_caption)
            self.qr_offer.show_code(url, caption=caption, name=text.get(lang, "print.qr_name", url=url))
            # A tutorial without an official page to open has no code.
            self.qr_offer.setVisible(bool(url))
        if failed:
            problem = self.problem or PrinterProblem.FAILED
            self.message_label.setText(text.get(lang, PROBLEM_WORDS[problem]))
            self.detail_label.setText(text.get(lang, "print.ask_volunteer"))
        else:
            self.message_label.setText(text.get(lang, "print.done"))
            self.detail_label.setText(text.get(lang, "print.done_detail"))
        self.ok_button.setText(text.get(lang, "print.ok"))

    def shown_url(self) -> str:
        return self.qr_offer.shown_url()

    def fit(self) -> None:
        """Cover the whole screen it belongs to (also from the screen's ``resizeEvent``)."""
        self.setGeometry(self._screen.rect())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_icon()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            # Once the new text size has reached the words.
            QTimer.singleShot(0, self, self._fit_icon)

    def _fit_icon(self) -> None:
        """The printer is drawn only while the words still show whole under it, without scrolling.

        At the largest text on a 1366×768 screen it pushed the tutorial's title out of sight.
        """
        if self.phase is not PrintPhase.DONE or not self.isVisible():
            return
        self.icon_view.show()
        layout = self.layout()
        if layout is not None:
            layout.activate()
        viewport = self._words_area.viewport()
        if self._words.heightForWidth(viewport.width()) > viewport.height():
            self.icon_view.hide()
