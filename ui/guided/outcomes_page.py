"""At the end of a guided session the volunteer ticks, per tutorial, what the visitor achieved on
their own phone, or that it could not be finished and why; then prints the take-home sheet.

Only the pack's ids can be ticked (nothing is typed). The reasons stay out of sight until
"Could not finish" is on, and are unticked when it goes off again, so what is recorded is
always what is shown. Each achieved outcome says how: "by themselves" (chosen when it is
ticked) or "with help". Done with nothing ticked asks once whether to end anyway; once the
results are recorded the page says "Results saved".

Printing is the window's job: the page asks, and shows the state it is told, as the finish
screen does: when the sheet failed, the same words for why, each guide's QR code with what
it opens, and "ask the volunteer for a printed sheet".
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.model import Catalogue, Tutorial
from kiosk.i18n import UiText
from kiosk.printing.state import IDLE, PROBLEM_WORDS, PrinterProblem, PrintPhase, PrintState
from kiosk.visit.guided import GuidedSession, TutorialOutcome
from ui.guided import look
from ui.guided.choices import grid, toggle
from ui.guided.page import VolunteerPage
from ui.look import theme
from ui.widgets.common import BigButton, bar, clear_layout, label, scroll_area
from ui.widgets.focus_order import HELP_KEY, mark
from ui.widgets.icons import Icon
from ui.widgets.qr_view import QrOffer

log = logging.getLogger(__name__)


class OutcomesPage(VolunteerPage):
    print_requested = Signal()
    # The volunteer is done (``ticked()`` tells what was ticked); ``show_saved`` once it is recorded.
    done_requested = Signal()

    def __init__(self, catalogue: Catalogue, ui_text: UiText, lang: str, parent: QWidget) -> None:
        super().__init__("OutcomesPage", parent)
        self.setProperty(HELP_KEY, "help.screen.guided.outcomes")
        self._catalogue = catalogue
        self._ui_text = ui_text
        self._lang = lang
        self.tutorial_ids: tuple[str, ...] = ()
        self.outcome_buttons: dict[str, dict[str, BigButton]] = {}
        # Per achieved outcome: "by themselves" and "with help" (one of them once it is ticked).
        self.alone_buttons: dict[str, dict[str, BigButton]] = {}
        self.helped_buttons: dict[str, dict[str, BigButton]] = {}
        # "Practised on the kiosk", for each tutorial with practice ("Try it").
        self.practised_buttons: dict[str, BigButton] = {}
        self._how_groups: list[QButtonGroup] = []
        # Done was tapped with nothing ticked: the next tap ends anyway.
        self.asked_empty = False
        self.not_finished_buttons: dict[str, BigButton] = {}
        self.reason_buttons: dict[str, dict[str, BigButton]] = {}
        self.reason_boxes: dict[str, QWidget] = {}
        self.print_state = IDLE

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(theme.MARGIN, theme.MARGIN // 2, theme.MARGIN, theme.MARGIN // 2)
        column.setSpacing(theme.SPACING // 2)
        column.addWidget(label(self._t("guided.outcomes.title"), "heading"))
        column.addWidget(label(self._t("guided.outcomes.intro"), "body"))
        self.cards = QVBoxLayout()
        self.cards.setSpacing(theme.SPACING)
        column.addLayout(self.cards)
        column.addStretch(1)
        self.scroller = scroll_area(content)

        # How the print went, over the Print button and always in sight (the list scrolls).
        self.print_note = QFrame()
        self.print_note.setProperty("role", "note")
        self.print_note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.print_message = label("", "section", parent=self.print_note)
        # When nothing came out: the volunteer line and each guide's QR code.
        self.print_ask = label("", "body", parent=self.print_note)
        self.qr_offers: list[QrOffer] = []
        self.qr_row = QHBoxLayout()
        self.qr_row.setSpacing(theme.SPACING)
        words = QVBoxLayout()
        words.addStretch(1)
        words.addWidget(self.print_message)
        words.addWidget(self.print_ask)
        words.addStretch(1)
        note_layout = QHBoxLayout(self.print_note)
        note_layout.setContentsMargins(theme.MARGIN, theme.SPACING // 3, theme.MARGIN, theme.SPACING // 3)
        note_layout.setSpacing(theme.SPACING)
        note_layout.addLayout(words, 1)
        note_layout.addLayout(self.qr_row)
        self.print_note.hide()

        # "Nothing ticked. End anyway?" and, once recorded, "Results saved".
        self.done_note = label("", "section")
        self.done_frame = QFrame()
        self.done_frame.setProperty("role", "note")
        done_layout = QHBoxLayout(self.done_frame)
        done_layout.setContentsMargins(theme.MARGIN, theme.SPACING // 3, theme.MARGIN, theme.SPACING // 3)
        done_layout.addWidget(self.done_note, 1)
        self.done_frame.hide()

        self.print_button = BigButton(self._t("guided.outcomes.print"), role="secondary", icon=Icon.PRINTER)
        self.done_button = BigButton(self._t("guided.outcomes.done"), role="primary", icon=Icon.CHECK)
        mark(self.print_button, "help.control.guided.print")
        mark(self.done_button, "help.control.guided.done")
        self.print_button.clicked.connect(self.print_requested)
        self.done_button.clicked.connect(self._on_done_button_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(self.print_note)
        layout.addWidget(self.done_frame)
        layout.addWidget(bar("BottomBar", self.print_button, self.done_button, stretch_at=(1,)))

    # -- public ------------------------------------------------------------------------
    def show_session(self, session: GuidedSession) -> None:
        """List the session's tutorials in its order, with what is already ticked, and show the page."""
        clear_layout(self.cards)
        self.outcome_buttons.clear()
        self.alone_buttons.clear()
        self.helped_buttons.clear()
        self.practised_buttons.clear()
        self._how_groups.clear()
        self.asked_empty = False
        self.done_frame.hide()
        self.done_button.setText(self._t("guided.outcomes.done"))
        for button in (self.print_button, self.done_button):
            button.setEnabled(True)
        self.not_finished_buttons.clear()
        self.reason_buttons.clear()
        self.reason_boxes.clear()
        shown: list[str] = []
        for tutorial_id in session.plan.tutorial_ids:
            try:
                tutorial = self._catalogue.tutorial(tutorial_id)
            except KeyError:
                log.warning(
                    "Guided session tutorial %s is no longer in the catalogue; not listed", tutorial_id
                )
                continue
            shown.append(tutorial_id)
            self.cards.addWidget(self._card(len(shown), tutorial))
            self._tick(tutorial_id, session.outcomes.get(tutorial_id, TutorialOutcome()))
        self.tutorial_ids = tuple(shown)
        self.show_print_state(IDLE)
        self.open()
        self.scroller.verticalScrollBar().setValue(0)

    def ticked(self) -> dict[str, TutorialOutcome]:
        """What is ticked, per tutorial in the session's order (tutorials with nothing ticked left out).

        Reasons count only while "Could not finish" is on.
        """
        result: dict[str, TutorialOutcome] = {}
        for tutorial_id in self.tutorial_ids:
            achieved = frozenset(o for o, b in self.outcome_buttons[tutorial_id].items() if b.isChecked())
            helped = frozenset(o for o in achieved if self.helped_buttons[tutorial_id][o].isChecked())
            reasons: frozenset[str] = frozenset()
            if self.not_finished_buttons[tutorial_id].isChecked():
                reasons = frozenset(r for r, b in self.reason_buttons[tutorial_id].items() if b.isChecked())
            practised = (
                tutorial_id in self.practised_buttons and self.practised_buttons[tutorial_id].isChecked()
            )
            outcome = TutorialOutcome(achieved, reasons, helped, practised)
            if outcome.ticked:
                result[tutorial_id] = outcome
        return result

    def show_saved(self) -> None:
        """The results are recorded: say so, and nothing more can be tapped."""
        self.done_note.setText(self._t("guided.outcomes.saved"))
        self.done_frame.show()
        for button in (self.print_button, self.done_button):
            button.setEnabled(False)

    def show_print_state(self, state: PrintState) -> None:
        """Printing: the button says so and waits; done or failed: a note says how it ended."""
        self.print_state = state
        self.print_button.setEnabled(not state.printing)
        self.print_button.setText(
            self._t("guided.outcomes.printing" if state.printing else "guided.outcomes.print")
        )
        failed = state.phase is PrintPhase.FAILED
        if failed:
            problem = state.problem or PrinterProblem.FAILED
            self.print_message.setText(self._t(PROBLEM_WORDS[problem]))
            self.print_ask.setText(self._t("print.ask_volunteer"))
        else:
            self.print_message.setText(self._t("guided.outcomes.printed"))
        self.print_ask.setVisible(failed)
        self._show_codes(failed)
        self.print_note.setVisible(state.ended)

    def _show_codes(self, shown: bool) -> None:
        """One QR code per guide of the sheet (one per address), or none."""
        clear_layout(self.qr_row)
        self.qr_offers = []
        if not shown:
            return
        seen: set[str] = set()
        for tutorial_id in self.tutorial_ids:
            tutorial = self._catalogue.tutorial(tutorial_id)
            url = tutorial.qr_url
            # A tutorial without an official page to open has no code.
            if not url or url in seen:
                continue
            seen.add(url)
            offer = QrOffer()
            # The words keep their room: each code is only as wide as two of its smallest.
            offer.setMaximumWidth(2 * theme.QR_MIN_SIZE)
            title = tutorial.text(self._lang).title
            caption = self._t("print.qr_caption_for", title=title)
            offer.show_code(url, caption=caption, name=self._t("print.qr_name", url=url))
            self.qr_offers.append(offer)
            self.qr_row.addWidget(offer)

    # -- building ------------------------------------------------------------------------
    def _card(self, number: int, tutorial: Tutorial) -> QFrame:
        card = QFrame()
        card.setProperty("role", "figures")
        column = QVBoxLayout(card)
        column.setContentsMargins(theme.SPACING, theme.SPACING // 2, theme.SPACING, theme.SPACING)
        column.setSpacing(theme.SPACING // 2)
        title = tutorial.text(self._lang).title
        column.addWidget(label(self._t("guided.numbered", n=number, title=title), "section"))

        outcomes: dict[str, BigButton] = {}
        alone: dict[str, BigButton] = {}
        helped: dict[str, BigButton] = {}
        rows = QVBoxLayout()
        rows.setSpacing(theme.SPACING // 2)
        for outcome_id in tutorial.outcomes:
            button = toggle(self._outcome_text(tutorial, outcome_id), "help.control.guided.outcome")
            by_self = toggle(self._t("guided.outcomes.alone"), "help.control.guided.alone")
            with_help = toggle(self._t("guided.outcomes.helped"), "help.control.guided.helped")
            # The how-buttons say which outcome they answer when read aloud.
            for how, key in ((by_self, "guided.outcomes.alone"), (with_help, "guided.outcomes.helped")):
                how.setAccessibleName(f"{button.text()}: {self._t(key)}")
            group = QButtonGroup(self)
            group.addButton(by_self)
            group.addButton(with_help)
            self._how_groups.append(group)
            button.toggled.connect(lambda on, g=group, a=by_self: self._on_outcome_toggled(on, g, a))
            for how in (by_self, with_help):
                how.clicked.connect(lambda _checked=False, b=button: b.setChecked(True))
            row = QHBoxLayout()
            row.setSpacing(theme.SPACING // 2)
            row.addWidget(button, 2)
            row.addWidget(by_self, 1)
            row.addWidget(with_help, 1)
            rows.addLayout(row)
            outcomes[outcome_id] = button
            alone[outcome_id] = by_self
            helped[outcome_id] = with_help
        self.outcome_buttons[tutorial.id] = outcomes
        self.alone_buttons[tutorial.id] = alone
        self.helped_buttons[tutorial.id] = helped
        if outcomes:
            column.addWidget(label(self._t("guided.outcomes.achieved"), "body"))
            column.addLayout(rows)
        elif not tutorial.has_practice:
            column.addWidget(label(self._t("guided.outcomes.nothing_listed"), "muted"))
        if tutorial.has_practice:
            practised = toggle(self._t("guided.outcomes.practised"), "help.control.guided.practised")
            self.practised_buttons[tutorial.id] = practised
            # Half the width, like one outcome: on the kiosk, beside what was done on the phone.
            column.addLayout(grid([practised, QWidget()], look.OUTCOME_COLUMNS))

        not_finished = toggle(self._t("guided.outcomes.not_finished"), "help.control.guided.not_finished")
        not_finished.toggled.connect(lambda on, chosen=tutorial.id: self._on_not_finished_toggled(chosen, on))
        self.not_finished_buttons[tutorial.id] = not_finished
        # Half the width, like one outcome: it is one more answer, not a heading.
        column.addLayout(grid([not_finished, QWidget()], look.OUTCOME_COLUMNS))

        reasons = {
            reason.id: toggle(reason.title(self._lang), "help.control.guided.reason")
            for reason in self._catalogue.reasons
        }
        self.reason_buttons[tutorial.id] = reasons
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(theme.SPACING // 2)
        box_layout.addWidget(label(self._t("guided.outcomes.reasons"), "body"))
        box_layout.addLayout(grid(list(reasons.values()), look.REASON_COLUMNS))
        box.hide()
        self.reason_boxes[tutorial.id] = box
        column.addWidget(box)
        return card

    def _tick(self, tutorial_id: str, outcome: TutorialOutcome) -> None:
        for outcome_id, button in self.outcome_buttons[tutorial_id].items():
            button.setChecked(outcome_id in outcome.achieved)
            if outcome_id in outcome.helped:
                self.helped_buttons[tutorial_id][outcome_id].setChecked(True)
        if tutorial_id in self.practised_buttons:
            self.practised_buttons[tutorial_id].setChecked(outcome.practised)
        self.not_finished_buttons[tutorial_id].setChecked(bool(outcome.reasons))
        for reason_id, button in self.reason_buttons[tutorial_id].items():
            button.setChecked(reason_id in outcome.reasons)

    def _outcome_text(self, tutorial: Tutorial, outcome_id: str) -> str:
        try:
            return tutorial.outcome_text(self._lang, outcome_id)
        except KeyError:
            log.warning("Outcome %s of %s has no words in %s", outcome_id, tutorial.id, self._lang)
            return outcome_id

    # -- answering -----------------------------------------------------------------------
    @staticmethod
    def _on_outcome_toggled(on: bool, group: QButtonGroup, by_self: BigButton) -> None:
        """Ticked: "by themselves" unless "with help" is chosen; unticked: neither."""
        if on:
            if group.checkedButton() is None:
                by_self.setChecked(True)
            return
        group.setExclusive(False)
        for button in group.buttons():
            button.setChecked(False)
        group.setExclusive(True)

    def _on_not_finished_toggled(self, tutorial_id: str, on: bool) -> None:
        self.reason_boxes[tutorial_id].setVisible(on)
        if not on:
            for button in self.reason_buttons[tutorial_id].values():
                button.setChecked(False)
        elif self.isVisible():
            # Once the list has made room for them: the reasons may open below the fold.
            QTimer.singleShot(0, self, lambda: self._reveal(tutorial_id))

    def _reveal(self, tutorial_id: str) -> None:
        """Scroll the reasons into sight, as far as their "Could not finish" button stays in sight too."""
        box = self.reason_boxes.get(tutorial_id)
        content = self.scroller.widget()
        if box is None or not box.isVisible() or content is None:
            return
        top = box.mapTo(content, QPoint(0, 0)).y()
        above = self.not_finished_buttons[tutorial_id].height() + theme.SPACING
        scroll_bar = self.scroller.verticalScrollBar()
        wanted = max(scroll_bar.value(), top + box.height() - self.scroller.viewport().height())
        scroll_bar.setValue(min(wanted, top - above))

    def _on_done_button_clicked(self) -> None:
        if not self.ticked() and not self.asked_empty:
            # Asked once: a second tap ends with nothing recorded.
            self.asked_empty = True
            self.done_note.setText(self._t("guided.outcomes.nothing_ticked"))
            self.done_frame.show()
            self.done_button.setText(self._t("guided.outcomes.done_anyway"))
            return
        self.done_requested.emit()

    def _t(self, key: str, **fmt: object) -> str:
        return self._ui_text.get(self._lang, key, **fmt)
