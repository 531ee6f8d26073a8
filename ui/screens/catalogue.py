"""The topics: category tabs (with the pack's icons) on the left, big tutorial tiles on the right.

Tabs rather than one long list, so a category's tiles fit on the screen without scrolling,
which many first-time touchscreen users do not know how to do. Beside each tile a Print
button gives the handout straight away, for a visitor who only wants the paper.

The tiles are the screen's one scroll area. The tabs never scroll (two scroll bars side by side
were one too many): when they do not all fit the column, at large text or with many
categories, they draw closer together and then their words get smaller, step by step, until
every tab shows whole (``CategoryColumn``).
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.model import Catalogue, Category
from kiosk.i18n import UiText
from kiosk.printing.state import FROM_CATALOGUE, IDLE, PrintState
from ui.look import theme
from ui.widgets.common import BigButton, LayoutButton, TileButton, bar, clear_layout, label, scroll_area
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon
from ui.widgets.picture_images import PictureImages, pixel_size, svg_renderer
from ui.widgets.print_panel import PrintPanel

log = logging.getLogger(__name__)

# How the tabs squeeze, in turn, until they fit their column: (words, widen). The first step
# only brings them closer (smaller gaps and padding, icons as tall as the words); the next
# widens the column so that fewer titles take two lines (never past _WIDEST_COLUMN of the
# screen); each further one draws their words smaller than the style sheet's size, never
# under the kiosk's smallest text.
_TAB_SQUEEZES = ((1.0, 1.0), (1.0, 1.0), (1.0, 1.25), (0.92, 1.25), (0.84, 1.25), (0.76, 1.25), (0.68, 1.25))
_WIDEST_COLUMN = 0.4


class CategoryIcon(QWidget):
    """A category's SVG icon on a white rounded tile, so it reads in both themes.

    The icon comes from a content pack, so it is drawn off the GUI thread within a time budget
    (``ui.widgets.picture_images``), as the step pictures are: an icon slow to draw leaves its
    tile blank until it is ready and can never hold the screen.
    """

    def __init__(self, category: Category, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon = category.icon
        self._data: bytes | None = None
        if category.icon.is_file():
            data = category.icon.read_bytes()
            if svg_renderer(data).isValid():
                self._data = data
        if self._data is None:
            log.warning("Category icon %s cannot be drawn", category.icon)
        self.images = PictureImages(self, kind="Category icon")
        self.images.ready.connect(self.update)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # Tight: as tall as a line of the tab's words, without the theme's least size.
        self.tight = False

    def sizeHint(self) -> QSize:
        words = math.ceil(self.fontMetrics().height() * 1.2)
        side = words if self.tight else max(theme.CATEGORY_ICON, words)
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._data is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        tile = QRectF(0, 0, side, side)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(tile, side / 6, side / 6)
        inset = side * 0.12
        inner = tile.adjusted(inset, inset, -inset, -inset)
        size = pixel_size(inner.width(), inner.height(), self.devicePixelRatioF())
        image = self.images.image(self._icon, self._data, size)
        if image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(inner, image)
        painter.end()


class CategoryTab(LayoutButton):
    def __init__(self, category: Category, parent: QWidget | None = None) -> None:
        super().__init__("tab", checkable=True, parent=parent)
        self.category_id = category.id
        self._row = row = QHBoxLayout(self)
        pad = theme.BUTTON_PADDING + theme.BORDER
        row.setContentsMargins(pad, theme.BUTTON_PADDING, pad, theme.BUTTON_PADDING)
        row.setSpacing(theme.SPACING)
        self.category_icon = CategoryIcon(category, self)
        self.category_icon.setProperty("role", "tab-label")
        self.title_label = label("", "tab-label", parent=self)
        self.title_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(self.category_icon, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.title_label, 1)
        mark(self, "help.control.category")

    def set_title(self, title: str) -> None:
        self.title_label.setText(title)
        # Said aloud or read by a screen reader: the words on the tab, in the visitor's language.
        self.setAccessibleName(title)

    def text(self) -> str:
        return self.title_label.text()

    def squeeze(self, tight: bool, words_px: int | None) -> None:
        """Closer padding and a smaller icon (``tight``); words of ``words_px`` (None: the style sheet's)."""
        pad = theme.BUTTON_PADDING + theme.BORDER
        vertical = theme.BUTTON_PADDING // 2 if tight else theme.BUTTON_PADDING
        self._row.setContentsMargins(pad, vertical, pad, vertical)
        self._row.setSpacing(theme.SPACING // 2 if tight else theme.SPACING)
        sheet = f"font-size: {words_px}px;" if words_px is not None else ""
        for part in (self.title_label, self.category_icon):
            if part.styleSheet() != sheet:
                part.setStyleSheet(sheet)
        if self.category_icon.tight != tight:
            self.category_icon.tight = tight
            self.category_icon.updateGeometry()
        self.updateGeometry()


class CategoryColumn(QWidget):
    """The category tabs, one under another; never scrolled, squeezed until every tab fits.

    Its height is whatever the screen leaves (its own need is ignored, so it can never push the
    bottom bar off the window); its width comes from the style sheet (``#CategoryTabs``).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # True while fit() restyles the tabs: the style and font changes it causes are its own.
        self._fitting = False
        self.setObjectName("CategoryTabs")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.tabs: list[CategoryTab] = []
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(theme.SPACING)
        self._margins(tight=False)
        self._layout.addStretch(1)
        # How far the tabs are squeezed now (an index into _TAB_SQUEEZES; -1: not yet fitted).
        self.squeeze_step = -1
        # The style sheet's width (None: read it again, the window's sheet has changed).
        self._base_width: int | None = None
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit)

    def add_tab(self, tab: CategoryTab) -> None:
        self.tabs.append(tab)
        self._layout.insertWidget(self._layout.count() - 1, tab)
        tab.title_label.installEventFilter(self)

    def _margins(self, *, tight: bool) -> None:
        vertical = theme.SPACING // 2 if tight else theme.MARGIN
        self._layout.setContentsMargins(theme.MARGIN, vertical, theme.SPACING, vertical)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refit.start()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange and not self._fitting:
            self._base_width = None
            self._refit.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A tab's words changed size (text size chosen) or changed (language): fit again, once
        # the window's new style sheet has reached every tab.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and not self._fitting:
            self._refit.start()
        return super().eventFilter(watched, event)

    def retitled(self) -> None:
        """The tabs' words changed (the language): fit them again."""
        self._refit.start()

    def fit(self) -> None:
        if not self.isVisible() or not self.tabs or self._fitting:
            return
        self._fitting = True
        try:
            if self._base_width is None:
                # The style sheet's width for the chosen text size, before any widening.
                self.setStyleSheet("")
                self.ensurePolished()
                self._base_width = self.maximumWidth()
            for step in range(len(_TAB_SQUEEZES)):
                self._squeeze(step, self._base_width)
                if self._all_fit():
                    return
        finally:
            self._fitting = False

    def _squeeze(self, step: int, base_width: int) -> None:
        self.squeeze_step = step
        tight = step > 0
        scale, widen = _TAB_SQUEEZES[step]
        screen = self.parentWidget()
        room = round(screen.width() * _WIDEST_COLUMN) if screen is not None else base_width
        width = max(base_width, min(round(base_width * widen), room))
        sheet = f"#CategoryTabs {{ min-width: {width}px; max-width: {width}px; }}"
        if self.styleSheet() != (sheet if width != base_width else ""):
            self.setStyleSheet(sheet if width != base_width else "")
            # The screen's layout gives the column its new width before the tabs are measured.
            screen_layout = screen.layout() if screen is not None else None
            if screen_layout is not None:
                screen_layout.activate()
        self._margins(tight=tight)
        self._layout.setSpacing(theme.SPACING // 3 if tight else theme.SPACING)
        for tab in self.tabs:
            # The style sheet's size for the tab's words at the chosen text size, before any squeeze.
            tab.squeeze(tight, None)
        for tab in self.tabs:
            tab.title_label.ensurePolished()
            styled = tab.title_label.font().pixelSize()
            words_px = max(theme.FONT_SMALL, round(styled * scale)) if scale < 1.0 and styled > 0 else None
            tab.squeeze(tight, words_px)

    def _all_fit(self) -> bool:
        self._layout.activate()
        last = self.tabs[-1]
        if last.geometry().bottom() >= self.height():
            return False
        return all(tab.height() + 1 >= tab.heightForWidth(tab.width()) for tab in self.tabs)


class TutorialRow(QWidget):
    """A tutorial's tile with its Print button beside it, or under it when the tile would be squeezed.

    Beside, the button is narrow and says only "In"; under the tile (large text, narrow
    screen) it is as wide as the tile and says "In tờ hướng dẫn".
    """

    def __init__(self, tile: TileButton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = tile
        self.print_button = BigButton(role="secondary", icon=Icon.PRINTER, vertical=True)
        self.print_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        mark(tile, "help.control.tutorial", main=True)
        mark(self.print_button, "help.control.print")
        self.beside = True
        # "Try it" between the tile and Print, for a tutorial with practice (``add_practice``).
        self.practice_button: BigButton | None = None
        self._words = ("", "")
        self._accessible = ""
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(theme.SPACING)
        self._layout.addWidget(tile, 1)
        self._layout.addWidget(self.print_button)
        self._arrange(beside=True)

    def show_print_words(self, short: str, full: str, *, accessible: str, enabled: bool) -> None:
        """``short`` beside the tile, ``full`` under it."""
        self._words = (short, full)
        self._accessible = accessible
        self.print_button.setText(short if self.beside else full)
        self.print_button.setAccessibleName(accessible)
        self.print_button.setEnabled(enabled)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The summary reads well with about this many characters a line; fewer, and it goes under.
        room = event.size().width() - theme.SPACING - self.print_button.sizeHint().width()
        characters = room / max(1, self.tile.summary_label.fontMetrics().averageCharWidth())
        beside = characters >= theme.TILE_MIN_CHARACTERS
        if beside != self.beside:
            self._arrange(beside=beside)

    def _arrange(self, *, beside: bool) -> None:
        self.beside = beside
        button = self.print_button
        self._layout.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        # Under the tile, the button sits close to it: it belongs to this tile, not the next one.
        self._layout.setSpacing(theme.SPACING if beside else theme.SPACING // 3)
        for each in (button, self.practice_button):
            each_layout = each.layout() if each is not None else None
            if isinstance(each_layout, QBoxLayout):
                each_layout.setDirection(
                    QBoxLayout.Direction.TopToBottom if beside else QBoxLayout.Direction.LeftToRight
                )
        button.set_emphasis("beside-tile" if beside else "")
        short, full = self._words
        button.setText(short if beside else full)
        button.setAccessibleName(self._accessible)


class CatalogueScreen(QWidget):
    tutorial_chosen = Signal(str)
    back_requested = Signal()
    # (tutorial id, FROM_CATALOGUE) and "the visitor has read how the print ended".
    print_requested = Signal(str, str)
    # "Thử làm" / "Try it" beside a tile: practise this tutorial (ui/screens/practice.py).
    practice_requested = Signal(str)
    print_dismissed = Signal()

    def __init__(self, ui_text: UiText, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self._catalogue = catalogue
        self._lang = ui_text.languages()[0]
        self.tiles: dict[str, TileButton] = {}
        self.print_buttons: dict[str, BigButton] = {}
        self.rows: dict[str, TutorialRow] = {}
        self.print_state = IDLE
        # Only categories that hold a tutorial get a tab.
        shown = [c for c in catalogue.categories if catalogue.in_category(c.id)]
        self.tabs: dict[str, CategoryTab] = {c.id: CategoryTab(c) for c in shown}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._tab_area = CategoryColumn()
        for tab in self.tabs.values():
            self._group.addButton(tab)
            self._tab_area.add_tab(tab)
            tab.clicked.connect(lambda _checked=False, chosen=tab.category_id: self.select_category(chosen))

        tile_column = QWidget()
        self._tile_layout = QVBoxLayout(tile_column)
        self._tile_layout.setContentsMargins(theme.SPACING, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        self._tile_layout.setSpacing(theme.SPACING)
        self.tile_area = scroll_area(tile_column)
        self.empty_label = label("", "body", centred=True)

        middle = QHBoxLayout()
        middle.setSpacing(0)
        middle.addWidget(self._tab_area)
        middle.addWidget(self.tile_area, 1)
        self.back_button = BigButton(role="secondary", icon=Icon.BACK)
        mark(self.back_button, "help.control.back", KeyRole.BACK)
        self.setProperty(HELP_KEY, "help.screen.catalogue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.empty_label)
        layout.addLayout(middle, 1)
        # Only now that it has a parent: a parentless widget made visible becomes a window of its own.
        self._tab_area.setVisible(len(self.tabs) > 1)
        layout.addWidget(bar("BottomBar", self.back_button, None, stretch_at=(1,)))
        self.back_button.clicked.connect(self.back_requested)
        self.selected_category = next(iter(self.tabs), "")
        self.empty_label.setVisible(not self.tabs)
        self.print_panel = PrintPanel(ui_text, self)
        self.print_panel.dismissed.connect(self.print_dismissed)
        self.print_panel.setProperty(HELP_KEY, "help.screen.print")
        mark(self.print_panel.ok_button, "help.control.ok", KeyRole.CLOSE, main=True)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self.back_button.setText(self._ui_text.get(lang, "common.back"))
        self.empty_label.setText(self._ui_text.get(lang, "catalogue.empty"))
        for category_id, tab in self.tabs.items():
            tab.set_title(self._catalogue.category(category_id).title(lang))
        self._tab_area.retitled()
        self._rebuild_tiles()

    def spoken_text(self) -> str:
        """The screen's title (shown in the top bar)."""
        return self._ui_text.get(self._lang, "catalogue.title")

    def select_category(self, category_id: str) -> None:
        if category_id not in self.tabs:
            return
        self.selected_category = category_id
        self._rebuild_tiles()

    def reset(self) -> None:
        self.select_category(next(iter(self.tabs), ""))

    def show_print_state(self, state: PrintState) -> None:
        self.print_state = state
        self._show_print_state()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.print_panel.fit()

    def _rebuild_tiles(self) -> None:
        for category_id, tab in self.tabs.items():
            tab.setChecked(category_id == self.selected_category)
        clear_layout(self._tile_layout)
        self.tiles = {}
        self.print_buttons = {}
        self.rows = {}
        if not self.selected_category:
            self._show_print_state()
            return
        for tutorial in self._catalogue.in_category(self.selected_category):
            text = tutorial.text(self._lang)
            steps = self._ui_text.get(self._lang, "catalogue.steps", count=len(tutorial.steps))
            tile = TileButton(text.title, text.summary, steps)
            tile.clicked.connect(lambda _checked=False, chosen=tutorial.id: self.tutorial_chosen.emit(chosen))
            row = TutorialRow(tile)
            row.print_button.clicked.connect(
                lambda _checked=False, chosen=tutorial.id: self.print_requested.emit(chosen, FROM_CATALOGUE)
            )
            self._tile_layout.addWidget(row)
            self.rows[tutorial.id] = row
            self.tiles[tutorial.id] = tile
            self.print_buttons[tutorial.id] = row.print_button
            if tutorial.has_practice:
                words = self._ui_text.get(self._lang, "practice.try")
                practice = BigButton(words, icon=Icon.TOUCH, vertical=True)
                practice.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
                mark(practice, "help.control.practice")
                practice.clicked.connect(
                    lambda _checked=False, chosen=tutorial.id: self.practice_requested.emit(chosen)
                )
                row.practice_button = practice
                row._layout.insertWidget(1, practice)
                row._arrange(beside=row.beside)
        self._tile_layout.addStretch(1)
        self.tile_area.verticalScrollBar().setValue(0)
        self._show_print_state()

    def _show_print_state(self) -> None:
        state = self.print_state
        text = self._ui_text
        lang = self._lang
        for tutorial_id, row in self.rows.items():
            ours = state.printing and tutorial_id == state.tutorial_id
            title = self._catalogue.tutorial(tutorial_id).text(lang).title
            row.show_print_words(
                text.get(lang, "print.printing") if ours else text.get(lang, "print.short"),
                text.get(lang, "print.printing") if ours else text.get(lang, "print.button"),
                # Said aloud or read by a screen reader, "Print" alone would not say which handout.
                accessible=text.get(lang, "print.button_for", title=title),
                # One printer, one handout at a time: while any prints, every Print button waits.
                enabled=not state.printing,
            )
        if state.origin == FROM_CATALOGUE and state.tutorial_id:
            tutorial = self._catalogue.tutorial(state.tutorial_id)
            self.print_panel.show_outcome(state.phase, tutorial, self._lang, state.problem)
        else:
            self.print_panel.hide()
