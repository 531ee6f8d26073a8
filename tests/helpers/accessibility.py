"""The accessibility audit's checks, on whatever a visitor sees on top of a window.

Each check reads the screen as drawn: contrast from the pixels of a grab (the most common
colour of a label's box is its background; the painted colour that differs most from it is
its text), clipping from the font's own measure of the words against the label's box, sizes
in pixels and millimetres, and accessible names. Only what is on top is checked: a screen
under an overlay is covered, so it is neither seen nor reachable.

Imported by UI tests only (it imports PySide6).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QScrollBar, QWidget

from ui.look import theme
from ui.widgets.focus_order import controls, cover_of

# A painted colour must cover at least this many pixels to count as the text's (not a stray edge).
_MIN_TEXT_PIXELS = 3


def settle_fully() -> None:
    """Let layouts finish: a rebuilt list of tiles takes more than one pass to reach its sizes."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents()
        # Without a running event loop, widgets replaced by deleteLater() are only freed on request.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def on_top(root: QWidget) -> Iterator[QWidget]:
    """Visible widgets under ``root`` that are not covered by an overlay."""
    cover = cover_of(root)
    if cover is not None:
        yield from on_top(cover)
        return
    for child in root.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child.isVisible() and not child.isWindow():
            yield child
            yield from on_top(child)


def _words(widget: QWidget) -> str:
    """The words a button shows (a BigButton's label, a tile's title)."""
    if isinstance(widget, QAbstractButton):
        return widget.text()
    return ""


@dataclass(frozen=True)
class Named:
    kind: str
    words: str
    name: str


def names(root: QWidget) -> list[Named]:
    """Each control the visitor can reach, with its words and its accessible name, in key order."""
    return [Named(type(c).__name__, _words(c), c.accessibleName()) for c in controls(root)]


def name_problems(named: list[Named]) -> list[str]:
    problems = []
    for control in named:
        if not control.name.strip():
            problems.append(f"{control.kind} {control.words!r} has no accessible name")
        elif any(ch.isalpha() for ch in control.words) and control.words.casefold() not in (
            control.name.casefold()
        ):
            # What is said aloud must contain what is written on it ("label in name").
            problems.append(f"{control.kind} {control.words!r} is named {control.name!r}")
    return problems


def translation_problems(first: list[Named], second: list[Named]) -> list[str]:
    """Names that stay the same in two languages while the words on the control change."""
    if [c.kind for c in first] != [c.kind for c in second]:
        return [f"the controls differ between languages: {first} / {second}"]
    return [
        f"{a.kind} {a.words!r} / {b.words!r} keeps the name {a.name!r}"
        for a, b in zip(first, second, strict=True)
        if a.words != b.words and a.name == b.name
    ]


def size_problems(root: QWidget, dpi: float) -> list[str]:
    floor = theme.min_target_px(dpi)
    problems = []
    for widget in on_top(root):
        if isinstance(widget, QScrollBar):
            # Touched across its width; its length follows the content.
            if widget.width() < floor:
                problems.append(f"scroll bar is {widget.width()} px wide, needs {floor}")
            continue
        if not isinstance(widget, QAbstractButton):
            continue
        smallest = min(widget.width(), widget.height())
        if smallest < floor or smallest * theme.MM_PER_INCH / dpi < theme.MIN_TARGET_MM:
            problems.append(
                f"{type(widget).__name__} {_words(widget)!r} is {widget.width()}×{widget.height()} px,"
                f" needs {floor} px and {theme.MIN_TARGET_MM:g} mm"
            )
    return problems


def clipping_problems(root: QWidget) -> list[str]:
    """Words that do not fit the box they are drawn in (a label's, or a plain button's own)."""
    problems = []
    for widget in on_top(root):
        if isinstance(widget, QLabel) and widget.text():
            box = widget.contentsRect()
            flags = int(widget.alignment().value)
            if widget.wordWrap():
                flags |= Qt.TextFlag.TextWordWrap.value
            needed = QFontMetrics(widget.font()).boundingRect(box, flags, widget.text())
            if needed.height() > box.height() + 1 or needed.width() > box.width() + 1:
                problems.append(
                    f"{widget.text()!r}: needs {needed.width()}×{needed.height()} px,"
                    f" has {box.width()}×{box.height()}"
                )
            outside = _outside_visible_ancestor(widget)
            if outside:
                problems.append(f"{widget.text()!r}: {outside}")
        elif isinstance(widget, QPushButton) and QPushButton.text(widget):
            # A push button drawing its own words (ours hold a label instead): one line, no wrap.
            words = QPushButton.text(widget)
            advance = QFontMetrics(widget.font()).horizontalAdvance(words)
            room = widget.contentsRect().width() - 2 * theme.BUTTON_PADDING
            if advance > room:
                problems.append(f"button {words!r}: needs {advance} px, has {room}")
    return problems


def _outside_visible_ancestor(label: QLabel) -> str:
    """Where a label sticks out of an ancestor that clips it (scroll areas excepted: they scroll)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    ancestor = label.parentWidget()
    while ancestor is not None and not ancestor.isWindow():
        parent = ancestor.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is ancestor:
            return ""
        mapped = QRect(label.mapTo(ancestor, QPoint(0, 0)), label.size())
        if not QRect(QPoint(0, 0), ancestor.size()).contains(mapped):
            return f"outside {type(ancestor).__name__} ({mapped} not in {ancestor.size()})"
        ancestor = parent
    return ""


def _luminance(rgb: int) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: int, second: int) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` on screen, in ``window``'s coordinates (clipped by every ancestor)."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    ancestor = widget.parentWidget()
    while ancestor is not None and ancestor is not window:
        rect = rect.intersected(QRect(ancestor.mapTo(window, QPoint(0, 0)), ancestor.size()))
        ancestor = ancestor.parentWidget()
    return rect.intersected(window.rect())


def painted_contrast(image: QImage, rect: QRect) -> tuple[float, int, int]:
    """(contrast, text colour, background colour) of the words painted inside ``rect``."""
    crop = image.copy(rect).convertToFormat(QImage.Format.Format_RGB32)
    pixels = Counter(memoryview(crop.constBits()).cast("I"))
    background, _count = pixels.most_common(1)[0]
    background &= 0xFFFFFF
    best = (1.0, background)
    for colour, count in pixels.items():
        if count < _MIN_TEXT_PIXELS:
            continue
        ratio = contrast(colour & 0xFFFFFF, background)
        if ratio > best[0]:
            best = (ratio, colour & 0xFFFFFF)
    return best[0], best[1], background


def contrast_problems(root: QWidget, floor: float) -> list[str]:
    """Labels whose painted words reach less than ``floor`` against the colour behind them."""
    image = root.grab().toImage()
    problems = []
    measured = 0
    for widget in on_top(root):
        if not isinstance(widget, QLabel) or not widget.text().strip() or not widget.isEnabled():
            continue
        rect = visible_rect(widget, root)
        if rect.size() != widget.size():
            # Partly scrolled out of sight: its colours are measured where it is whole.
            continue
        ratio, text, background = painted_contrast(image, rect)
        measured += 1
        if ratio < floor:
            words = widget.text()[:40]
            painted = f"#{text:06X} on #{background:06X} is {ratio:.2f}:1"
            problems.append(f"{words!r}: {painted}, needs {floor:g}:1")
    if measured == 0:
        problems.append("no text was measured")
    return problems
