"""The volunteer sets up a guided session: the tutorials in order, the visitor's language and comfort,
and, if the visitor agrees, a coarse anonymous profile.

Tapping a tutorial adds it to the end of the order and shows its number on it; tapping it
again takes it out and the others close up. The profile is two choices that only ever become
daily counts (kiosk/stats/codes.py): an age band and the support needs, nothing typed.
Noting that the visitor sees poorly switches the text to large (when it was normal) and says
so under the needs, with a button that puts it back.
``start()`` forgets every choice, so nothing of the last visitor is ever offered to the next.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.model import Catalogue, Tutorial
from kiosk.i18n import UiText
from kiosk.stats.codes import AgeBand, Need
from kiosk.visit.guided import GuidedPlan
from kiosk.visit.session import TextSize
from ui.guided import look
from ui.guided.choices import OneOf, TutorialChoice, grid, toggle
from ui.guided.page import VolunteerPage
from ui.look import theme
from ui.widgets.common import BigButton, bar, label, scroll_area
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon

# The visitor's comfort choices use the comfort panel's own words, so both say the same.
_SIZE_KEYS = {
    TextSize.NORMAL: "comfort.size_normal",
    TextSize.LARGE: "comfort.size_large",
    TextSize.EXTRA_LARGE: "comfort.size_extra_large",
}
_AGE_KEYS: dict[AgeBand | None, str] = {
    None: "guided.setup.age_unasked",
    AgeBand.UNDER_60: "guided.setup.age_under_60",
    AgeBand.SIXTY_PLUS: "guided.setup.age_60_plus",
}
_NEED_KEYS = {
    Need.SIGHT: "guided.setup.need_sight",
    Need.HEARING: "guided.setup.need_hearing",
    Need.MOVEMENT: "guided.setup.need_movement",
    Need.READING: "guided.setup.need_reading",
}


class GuidedSetup(VolunteerPage):
    # The GuidedPlan the volunteer chose; the page has hidden itself.
    start_requested = Signal(object)
    cancelled = Signal()

    def __init__(
        self,
        catalogue: Catalogue,
        ui_text: UiText,
        lang: str,
        languages: Sequence[str],
        parent: QWidget,
    ) -> None:
        super().__init__("GuidedSetup", parent)
        self.setProperty(HELP_KEY, "help.screen.guided.setup")
        self._ui_text = ui_text
        self._lang = lang
        if not languages:
            raise ValueError("a guided session needs at least one visitor language")
        # The visitor's language starts as the volunteer's (the kiosk's default) when offered.
        self._default_language = lang if lang in languages else languages[0]
        self.order: list[str] = []

        self.tutorial_buttons: dict[str, TutorialChoice] = {}
        tutorials = self._tutorials_column(catalogue)

        self.language = OneOf[str](self)
        for code in languages:
            self.language.add(code, ui_text.language_name(code), "help.control.guided.language")
        self.text_size = OneOf[TextSize](self)
        for size in TextSize:
            self.text_size.add(size, self._t(_SIZE_KEYS[size]), "help.control.guided.size")
        self.contrast = OneOf[bool](self)
        self.contrast.add(False, self._t("comfort.contrast_default"), "help.control.guided.contrast")
        self.contrast.add(True, self._t("comfort.contrast_high"), "help.control.guided.contrast")
        self.age_band = OneOf[AgeBand | None](self)
        for band, key in _AGE_KEYS.items():
            self.age_band.add(band, self._t(key), "help.control.guided.age")
        self.need_buttons = {
            need: toggle(self._t(key), "help.control.guided.need") for need, key in _NEED_KEYS.items()
        }
        self.need_buttons[Need.SIGHT].toggled.connect(self._on_sight_toggled)
        # Set when ticking "sight" made the text large: unticking it puts normal text back.
        self.enlarged_for_sight = False
        self.large_text_note = label(self._t("guided.setup.large_for_sight"), "body")
        self.undo_large_button = BigButton(self._t("guided.setup.undo_large"), role="secondary")
        mark(self.undo_large_button, "help.control.guided.undo_large")
        self.undo_large_button.clicked.connect(self._on_undo_large_button_clicked)
        self.text_size.buttons[TextSize.NORMAL].clicked.connect(self._hide_large_note)
        settings = self._settings_column()

        self.cancel_button = BigButton(self._t("guided.setup.cancel"), role="secondary", icon=Icon.BACK)
        self.start_button = BigButton(
            self._t("guided.setup.start"), role="primary", icon=Icon.NEXT, icon_after=True
        )
        self.start_button.set_emphasis("wide")
        # Room for its words on one line: a wrapped label guesses its width too narrow.
        self.start_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.chosen_label = label("", "body", centred=True)
        mark(self.cancel_button, "help.control.guided.cancel", KeyRole.BACK)
        mark(self.start_button, "help.control.guided.start", KeyRole.NEXT)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.start_button.clicked.connect(self._on_start_button_clicked)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(theme.MARGIN, theme.MARGIN // 2, theme.MARGIN, theme.MARGIN // 2)
        column.setSpacing(theme.SPACING // 2)
        column.addWidget(label(self._t("guided.setup.title"), "heading"))
        column.addWidget(label(self._t("guided.setup.intro"), "body"))
        columns = QHBoxLayout()
        columns.setSpacing(theme.MARGIN)
        columns.addWidget(tutorials, look.TUTORIALS_COLUMN_STRETCH, Qt.AlignmentFlag.AlignTop)
        columns.addWidget(settings, look.SETTINGS_COLUMN_STRETCH, Qt.AlignmentFlag.AlignTop)
        column.addLayout(columns)
        column.addWidget(self._profile_section())
        column.addStretch(1)
        self.scroller = scroll_area(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(
            bar("BottomBar", self.cancel_button, self.chosen_label, self.start_button, stretch_at=(1, 2))
        )
        self._reset()

    # -- public ------------------------------------------------------------------------
    def start(self) -> None:
        """Show the page with every choice back at its default (no earlier visitor's choices)."""
        self._reset()
        self.open()
        self.scroller.verticalScrollBar().setValue(0)

    def plan(self) -> GuidedPlan:
        """What is chosen now (the session needs at least one tutorial: ``start_button`` says so)."""
        return GuidedPlan(
            tutorial_ids=tuple(self.order),
            language=self.language.value,
            text_size=self.text_size.value,
            high_contrast=self.contrast.value,
            age_band=self.age_band.value,
            needs=frozenset(need for need, button in self.need_buttons.items() if button.isChecked()),
        )

    # -- building ------------------------------------------------------------------------
    def _tutorials_column(self, catalogue: Catalogue) -> QWidget:
        column_widget = QWidget()
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.SPACING // 2)
        column.addWidget(label(self._t("guided.setup.tutorials"), "section"))
        groups: list[tuple[str, tuple[Tutorial, ...]]] = [
            (category.title(self._lang), catalogue.in_category(category.id))
            for category in catalogue.categories
        ]
        known = {category.id for category in catalogue.categories}
        # A tutorial whose category is not listed is still offered, after the others.
        groups.append(("", tuple(t for t in catalogue.tutorials if t.category not in known)))
        for title, tutorials in groups:
            if not tutorials:
                continue
            if title:
                column.addWidget(label(title, "muted"))
            buttons = []
            for tutorial in tutorials:
                button = TutorialChoice(tutorial.id, tutorial.text(self._lang).title)
                mark(button, "help.control.guided.tutorial")
                button.clicked.connect(
                    lambda checked=False, chosen=tutorial.id: self._on_tutorial_clicked(chosen, checked)
                )
                self.tutorial_buttons[tutorial.id] = button
                buttons.append(button)
            column.addLayout(grid(buttons, look.TUTORIAL_COLUMNS))
        return column_widget

    def _settings_column(self) -> QWidget:
        column_widget = QWidget()
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.SPACING // 2)
        for key, row in (
            ("guided.setup.language", self.language.row),
            ("guided.setup.text_size", self.text_size.row),
            ("guided.setup.contrast", self.contrast.row),
        ):
            column.addWidget(label(self._t(key), "section"))
            column.addLayout(row)
        return column_widget

    def _profile_section(self) -> QWidget:
        """The optional profile, the width of the page: four needs side by side need the room."""
        section = QWidget()
        column = QVBoxLayout(section)
        column.setContentsMargins(0, theme.SPACING // 2, 0, 0)
        column.setSpacing(theme.SPACING // 2)
        column.addWidget(label(self._t("guided.setup.profile"), "section"))
        column.addWidget(label(self._t("guided.setup.profile_note"), "muted"))
        column.addWidget(label(self._t("guided.setup.age"), "body"))
        column.addLayout(self.age_band.row)
        column.addWidget(label(self._t("guided.setup.needs"), "body"))
        column.addLayout(self._needs_row())
        self.large_text_row = QWidget()
        note_row = QHBoxLayout(self.large_text_row)
        note_row.setContentsMargins(0, 0, 0, 0)
        note_row.setSpacing(theme.SPACING)
        note_row.addWidget(self.large_text_note, 1)
        note_row.addWidget(self.undo_large_button)
        self.large_text_row.hide()
        column.addWidget(self.large_text_row)
        return section

    def _needs_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(theme.SPACING // 2)
        for button in self.need_buttons.values():
            row.addWidget(button, 1)
        return row

    # -- choosing ------------------------------------------------------------------------
    def _reset(self) -> None:
        self.order.clear()
        self.language.choose(self._default_language)
        self.text_size.choose(TextSize.NORMAL)
        self.contrast.choose(False)
        self.age_band.choose(None)
        for button in self.need_buttons.values():
            button.setChecked(False)
        self._hide_large_note()
        self._show_order()

    def _on_tutorial_clicked(self, tutorial_id: str, checked: bool) -> None:
        if checked and tutorial_id not in self.order:
            self.order.append(tutorial_id)
        elif not checked and tutorial_id in self.order:
            self.order.remove(tutorial_id)
        self._show_order()

    def _show_order(self) -> None:
        for tutorial_id, button in self.tutorial_buttons.items():
            if tutorial_id in self.order:
                order = self.order.index(tutorial_id) + 1
                name = self._t("guided.numbered", n=order, title=button.text())
                button.show_order(order, name)
            else:
                button.show_order(None, button.text())
        count = len(self.order)
        self.start_button.setEnabled(count > 0)
        self.chosen_label.setText(
            self._t("guided.setup.chosen", count=count) if count else self._t("guided.setup.none_chosen")
        )

    def _on_sight_toggled(self, on: bool) -> None:
        if on and self.text_size.value is TextSize.NORMAL:
            self.text_size.choose(TextSize.LARGE)
            self.enlarged_for_sight = True
            self.large_text_row.show()
        elif not on and self.enlarged_for_sight:
            if self.text_size.value is TextSize.LARGE:
                self.text_size.choose(TextSize.NORMAL)
            self._hide_large_note()

    def _on_undo_large_button_clicked(self) -> None:
        self.text_size.choose(TextSize.NORMAL)
        self._hide_large_note()

    def _hide_large_note(self) -> None:
        self.enlarged_for_sight = False
        self.large_text_row.hide()

    def _on_cancel_button_clicked(self) -> None:
        self.hide()
        self.cancelled.emit()

    def _on_start_button_clicked(self) -> None:
        if not self.order:
            return
        plan = self.plan()
        self.hide()
        self.start_requested.emit(plan)

    def _t(self, key: str, **fmt: object) -> str:
        return self._ui_text.get(self._lang, key, **fmt)
