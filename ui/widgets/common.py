"""The few building blocks every screen uses: big buttons, wrapped labels, scroll areas.

A ``QPushButton`` draws its own text on one line and clips it; at extra-large text a
Vietnamese label would be cut. Our buttons hold a word-wrapped ``QLabel`` instead and
take their size from it, so a label grows onto a second line rather than losing words.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.look import theme
from ui.widgets.icons import Icon, IconView

# An address is shown without "https://" (a phone's browser adds it, and a line must never break
# right after it), with a zero-width space after each "/" so a long path wraps there instead of
# being cut. Any other scheme stays, held to its address by a word joiner.
_BREAK_AFTER = "/"
_ZERO_WIDTH_SPACE = "\u200b"
_WORD_JOINER = "\u2060"
_SCHEME_END = "://"
_IMPLIED_SCHEME = "https"


def breakable_url(url: str) -> str:
    scheme, end, rest = url.partition(_SCHEME_END) if _SCHEME_END in url else ("", "", url)
    kept = scheme + end + _WORD_JOINER if end and scheme != _IMPLIED_SCHEME else ""
    return kept + rest.replace(_BREAK_AFTER, _BREAK_AFTER + _ZERO_WIDTH_SPACE)


def readable_url(shown: str) -> str:
    """An address as the visitor reads it, without the invisible line-break hints."""
    return shown.replace(_ZERO_WIDTH_SPACE, "").replace(_WORD_JOINER, "")


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a property the sheet selects on has changed."""
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        # Not styled yet (still being built): its first polish reads the new property anyway.
        return
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def label(
    text: str = "", role: str = "body", *, centred: bool = False, parent: QWidget | None = None
) -> QLabel:
    """A word-wrapped plain-text label (content text is never read as HTML)."""
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setProperty("role", role)
    if centred:
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    widget.setText(text)
    return widget


def scroll_area(content: QWidget) -> QScrollArea:
    """A vertical scroll area: the last resort when extra-large text cannot fit."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget in ``layout`` (used when a list is rebuilt)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            # Hidden but still parented until deleted: a parentless widget would become a window.
            widget.hide()
            widget.deleteLater()


class LayoutButton(QPushButton):
    """A push button whose contents are child widgets in a layout, sized by that layout."""

    def __init__(self, role: str, *, checkable: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.role = role
        # Focus (and its ring) comes from the keyboard or keypad only, not from a tap.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setCheckable(checkable)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.toggled.connect(self._on_toggled)

    def _content_widgets(self) -> list[QWidget]:
        return [w for w in self.findChildren(QWidget) if w.parent() is self]

    def _on_toggled(self, checked: bool) -> None:
        for child in self._content_widgets():
            child.setProperty("on", "true" if checked else "false")
            repolish(child)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.totalSizeHint() if layout is not None else super().sizeHint()
        return hint.expandedTo(self.minimumSize())

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.totalMinimumSize() if layout is not None else super().minimumSizeHint()
        return hint.expandedTo(self.minimumSize())


class BigButton(LayoutButton):
    """A large button: optional icon and a word-wrapped label, side by side or stacked."""

    def __init__(
        self,
        text: str = "",
        *,
        role: str = "secondary",
        icon: Icon | None = None,
        icon_after: bool = False,
        vertical: bool = False,
        checkable: bool = False,
        icon_scale: float = theme.ICON_SCALE,
        stack_if_narrow: bool = False,
        fill: bool = False,
        gap: int = theme.SPACING,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(role, checkable=checkable, parent=parent)
        # ``fill``: the words take the button's whole width (a wide button keeps its words on one
        # line), instead of sitting at their preferred width between two stretches.
        # Side by side while a word fits beside the icon; else the icon goes above the words.
        self._stack_if_narrow = stack_if_narrow and not vertical
        direction = QBoxLayout.Direction.TopToBottom if vertical else QBoxLayout.Direction.LeftToRight
        layout = QBoxLayout(direction, self)
        pad = theme.BUTTON_PADDING
        layout.setContentsMargins(pad + theme.BORDER, pad, pad + theme.BORDER, pad)
        # Between the icon and the words when side by side.
        self._gap = gap
        layout.setSpacing(theme.SPACING // 2 if vertical else gap)
        self._label = label(text, f"{role}-label", centred=True, parent=self)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.icon_view: IconView | None = None
        if icon is not None:
            self.icon_view = IconView(icon, f"{role}-label", scale=icon_scale, parent=self)
        alignment = Qt.AlignmentFlag.AlignCenter
        # Stretches either side keep the icon and the words together in the middle.
        if not fill:
            layout.addStretch(1)
        if self.icon_view is not None and not icon_after:
            layout.addWidget(self.icon_view, 0, alignment)
        layout.addWidget(self._label, 1 if fill else 0)
        if self.icon_view is not None and icon_after:
            layout.addWidget(self.icon_view, 0, alignment)
        if not fill:
            layout.addStretch(1)
        self.setAccessibleName(text)
        if self._stack_if_narrow:
            # The words' size comes from the style sheet: look again when it changes.
            self._label.installEventFilter(self)

    def text(self) -> str:
        return self._label.text()

    def setText(self, text: str) -> None:
        self._label.setText(text)
        self.setAccessibleName(text)
        self._fit_direction()
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_direction()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._label and event.type() == QEvent.Type.FontChange:
            self._fit_direction()
        return super().eventFilter(watched, event)

    def _fit_direction(self) -> None:
        """Stack the icon above the words when the widest word would not fit beside it.

        A word is never broken, so beside a large icon at extra-large text it was cut off.
        """
        layout = self.layout()
        if not self._stack_if_narrow or self.icon_view is None or not isinstance(layout, QBoxLayout):
            return
        metrics = self._label.fontMetrics()
        widest = max((metrics.horizontalAdvance(word) for word in self._label.text().split()), default=0)
        margins = layout.contentsMargins()
        beside = margins.left() + margins.right() + self.icon_view.sizeHint().width() + self._gap + widest
        stacked = self.width() < beside
        direction = QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        if layout.direction() != direction:
            layout.setDirection(direction)
            layout.setSpacing(theme.SPACING // 2 if stacked else self._gap)
            self.updateGeometry()

    def label_width_needed(self) -> int:
        """How wide the words (and the icon beside them) are on one line."""
        width = self._label.fontMetrics().horizontalAdvance(self._label.text())
        if self.icon_view is not None:
            width += self.icon_view.sizeHint().width() + theme.SPACING
        return width

    def set_icon_scale(self, scale: float) -> None:
        """Draw the icon ``scale`` times a line of the words (the finish screen's stacked faces)."""
        if self.icon_view is not None and self.icon_view._scale != scale:
            self.icon_view._scale = scale
            self.icon_view.updateGeometry()
            self._fit_direction()

    def set_emphasis(self, emphasis: str) -> None:
        """Make this one button stand out (the style sheet's ``emphasis`` property: hero, wide)."""
        for widget in (self, *self._content_widgets()):
            widget.setProperty("emphasis", emphasis)
            repolish(widget)
        self.updateGeometry()


class TileButton(LayoutButton):
    """A tutorial tile: a bold title, a summary and a small line such as "8 bước"."""

    def __init__(self, title: str, summary: str, meta: str, *, parent: QWidget | None = None) -> None:
        super().__init__("tile", parent=parent)
        layout = QVBoxLayout(self)
        pad = theme.BUTTON_PADDING + theme.BORDER
        layout.setContentsMargins(pad + theme.SPACING // 2, pad, pad + theme.SPACING // 2, pad)
        layout.setSpacing(theme.SPACING // 3)
        self.title_label = label(title, "tile-label", parent=self)
        self.summary_label = label(summary, "tile-summary", parent=self)
        self.meta_label = label(meta, "tile-meta", parent=self)
        for child in (self.title_label, self.summary_label, self.meta_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(child)
        self.setAccessibleName(title)

    def text(self) -> str:
        return self.title_label.text()


def bar(name: str, *widgets: QWidget | None, stretch_at: tuple[int, ...] = ()) -> QWidget:
    """A full-width bar (``TopBar`` or ``BottomBar``) holding ``widgets`` in a row.

    ``None`` leaves an empty place; a stretch goes before each index in ``stretch_at``.
    """
    container = QWidget()
    container.setObjectName(name)
    container.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    row = QHBoxLayout(container)
    row.setContentsMargins(theme.MARGIN, theme.SPACING // 2 + theme.BORDER, theme.MARGIN, theme.SPACING // 2)
    row.setSpacing(theme.SPACING)
    for index, widget in enumerate(widgets):
        if index in stretch_at:
            row.addStretch(1)
        if widget is not None:
            row.addWidget(widget)
    return container
