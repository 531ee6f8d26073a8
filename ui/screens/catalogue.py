"""The topics: category tabs (with the pack's icons) on the left, big tutorial tiles on the right.

Tabs rather than one long list, so a category's tiles fit on the screen without scrolling,
which many first-time touchscreen users do not know how to do.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.model import Catalogue, Category
from kiosk.i18n import UiText
from ui import theme
from ui.icons import Icon
from ui.widgets import BigButton, LayoutButton, TileButton, bar, clear_layout, label, scroll_area

log = logging.getLogger(__name__)


class CategoryIcon(QWidget):
    """A category's SVG icon on a white rounded tile, so it reads in both themes."""

    def __init__(self, category: Category, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer: QSvgRenderer | None = None
        if category.icon.is_file():
            renderer = QSvgRenderer(str(category.icon), self)
            if renderer.isValid():
                self._renderer = renderer
        if self._renderer is None:
            log.warning("Category icon %s cannot be drawn", category.icon)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        side = max(theme.CATEGORY_ICON, math.ceil(self.fontMetrics().height() * 1.2))
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._renderer is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        tile = QRectF(0, 0, side, side)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(tile, side / 6, side / 6)
        inset = side * 0.12
        self._renderer.render(painter, tile.adjusted(inset, inset, -inset, -inset))
        painter.end()


class CategoryTab(LayoutButton):
    def __init__(self, category: Category, parent: QWidget | None = None) -> None:
        super().__init__("tab", checkable=True, parent=parent)
        self.category_id = category.id
        row = QHBoxLayout(self)
        pad = theme.BUTTON_PADDING + theme.BORDER
        row.setContentsMargins(pad, theme.BUTTON_PADDING, pad, theme.BUTTON_PADDING)
        row.setSpacing(theme.SPACING)
        self.category_icon = CategoryIcon(category, self)
        self.category_icon.setProperty("role", "tab-label")
        self.title_label = label("", "tab-label", parent=self)
        self.title_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(self.category_icon, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.title_label, 1)

    def text(self) -> str:
        return self.title_label.text()


class CatalogueScreen(QWidget):
    tutorial_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, ui_text: UiText, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self._catalogue = catalogue
        self._lang = ui_text.languages()[0]
        self.tiles: dict[str, TileButton] = {}
        # Only categories that hold a tutorial get a tab.
        shown = [c for c in catalogue.categories if catalogue.in_category(c.id)]
        self.tabs: dict[str, CategoryTab] = {c.id: CategoryTab(c) for c in shown}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        tab_column = QWidget()
        tab_layout = QVBoxLayout(tab_column)
        tab_layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.SPACING, theme.MARGIN)
        tab_layout.setSpacing(theme.SPACING)
        for tab in self.tabs.values():
            self._group.addButton(tab)
            tab_layout.addWidget(tab)
            tab.clicked.connect(lambda _checked=False, chosen=tab.category_id: self.select_category(chosen))
        tab_layout.addStretch(1)
        self._tab_area = scroll_area(tab_column)
        # Its width comes from the style sheet: it grows with the text size.
        self._tab_area.setObjectName("CategoryTabs")
        self._tab_area.setVisible(len(self.tabs) > 1)

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.empty_label)
        layout.addLayout(middle, 1)
        layout.addWidget(bar("BottomBar", self.back_button, None, stretch_at=(1,)))
        self.back_button.clicked.connect(self.back_requested)
        self.selected_category = next(iter(self.tabs), "")
        self.empty_label.setVisible(not self.tabs)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self.back_button.setText(self._ui_text.get(lang, "common.back"))
        self.empty_label.setText(self._ui_text.get(lang, "catalogue.empty"))
        for category_id, tab in self.tabs.items():
            tab.title_label.setText(self._catalogue.category(category_id).title(lang))
        self._rebuild_tiles()

    def select_category(self, category_id: str) -> None:
        if category_id not in self.tabs:
            return
        self.selected_category = category_id
        self._rebuild_tiles()

    def reset(self) -> None:
        self.select_category(next(iter(self.tabs), ""))

    def _rebuild_tiles(self) -> None:
        for category_id, tab in self.tabs.items():
            tab.setChecked(category_id == self.selected_category)
        clear_layout(self._tile_layout)
        self.tiles = {}
        if not self.selected_category:
            return
        for tutorial in self._catalogue.in_category(self.selected_category):
            text = tutorial.text(self._lang)
            steps = self._ui_text.get(self._lang, "catalogue.steps", count=len(tutorial.steps))
            tile = TileButton(text.title, text.summary, steps)
            tile.clicked.connect(lambda _checked=False, chosen=tutorial.id: self.tutorial_chosen.emit(chosen))
            self._tile_layout.addWidget(tile)
            self.tiles[tutorial.id] = tile
        self._tile_layout.addStretch(1)
        self.tile_area.verticalScrollBar().setValue(0)
