"""The step's picture: the phone screen in a bezel, with a thick ring around the button to tap.

The ring is drawn by the kiosk, not into the SVG, so content authors only name the element
(``Step.highlight``) and the ring always has the same colour, thickness and gap: outside
the element, never covering its label.

The picture itself comes from a content pack, so it is never drawn on the GUI thread:
``ui.widgets.picture_images`` draws it to an image on a thread of its own, within a time
budget, and this widget paints that image (or, while a slow picture is still being drawn,
a blank screen). The GUI thread only parses the SVG, from a file of bounded size, to know
its proportions and where the highlighted element is.

The picture is a button: a tap (or Enter on it) asks for it enlarged to the window's full height
(``ui.widgets.picture_zoom``), where a phone's small words can be read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from ui.look import theme
from ui.look.theme import Palette
from ui.widgets.picture_images import PictureImages, pixel_size, svg_renderer

log = logging.getLogger(__name__)

# A phone screen is portrait, about twice as tall as wide (content/README.md: 360×720).
_PHONE_ASPECT = QSizeF(360, 720)
# Far above what the content check lets into a pack: a last guard before the file is read.
_MAX_PICTURE_BYTES = 4 * 2**20


@dataclass(frozen=True)
class _Picture:
    """A parsed step picture: its file, its bytes (drawn from, off the GUI thread), its renderer."""

    path: Path
    data: bytes
    renderer: QSvgRenderer


def _phone_aspect() -> float:
    """Width over height of the phone with its bezel."""
    bezel = theme.PHONE_BEZEL
    return (_PHONE_ASPECT.width() + 2 * bezel) / (_PHONE_ASPECT.height() + 2 * bezel)


def fit_rect(content: QSizeF, area: QRectF) -> QRectF:
    """The largest rectangle of ``content``'s proportions centred in ``area``."""
    if content.isEmpty() or area.isEmpty():
        return QRectF()
    scale = min(area.width() / content.width(), area.height() / content.height())
    width, height = content.width() * scale, content.height() * scale
    return QRectF(
        area.x() + (area.width() - width) / 2, area.y() + (area.height() - height) / 2, width, height
    )


def element_rect(renderer: QSvgRenderer, element_id: str, target: QRectF) -> QRectF | None:
    """Where element ``element_id`` lands when the whole SVG is drawn into ``target``."""
    if not element_id or not renderer.elementExists(element_id):
        return None
    # boundsOnElement is in the element's parent's coordinates; the parents' transforms
    # (transformForElement) bring it into the document's user space, i.e. the viewBox.
    bounds = renderer.transformForElement(element_id).mapRect(renderer.boundsOnElement(element_id))
    view = renderer.viewBoxF()
    if view.isEmpty():
        return None
    scale_x = target.width() / view.width()
    scale_y = target.height() / view.height()
    return QRectF(
        target.x() + (bounds.x() - view.x()) * scale_x,
        target.y() + (bounds.y() - view.y()) * scale_y,
        bounds.width() * scale_x,
        bounds.height() * scale_y,
    )


# The "look here" ring: dashes of deep blue (never the orange "tap here" ring, nor the keys'
# square cyan focus outline), with an eye on its top right corner.
LOOK_COLOUR = "#1565C0"


def _look_strokes(ring: QRectF, path: QPainterPath, halo_colour: QColor) -> list[tuple[QPen, QPainterPath]]:
    dash = QPen(QColor(LOOK_COLOUR), theme.RING_WIDTH)
    dash.setDashPattern([1.6, 1.2])
    dash.setCapStyle(Qt.PenCapStyle.FlatCap)
    halo = QPen(halo_colour, theme.RING_WIDTH + 2 * theme.RING_HALO)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    # The eye: an almond outline and its pupil, on a disc of the halo colour at the ring's corner.
    size = max(18.0, theme.RING_WIDTH * 3.5)
    centre = QPointF(ring.right() - theme.RING_RADIUS / 3, ring.top() + theme.RING_RADIUS / 3)
    disc = QPainterPath()
    disc.addEllipse(centre, size * 0.62, size * 0.62)
    eye = QPainterPath()
    eye.moveTo(centre.x() - size / 2, centre.y())
    eye.quadTo(centre.x(), centre.y() - size * 0.55, centre.x() + size / 2, centre.y())
    eye.quadTo(centre.x(), centre.y() + size * 0.55, centre.x() - size / 2, centre.y())
    eye.addEllipse(centre, size * 0.13, size * 0.13)
    fill = QPen(halo_colour, size * 1.24 - 1)
    fill.setCapStyle(Qt.PenCapStyle.RoundCap)
    dot = QPainterPath()
    dot.moveTo(centre)
    dot.lineTo(centre)
    line = QPen(QColor(LOOK_COLOUR), max(2.0, theme.RING_WIDTH / 2))
    return [(halo, path), (dash, path), (fill, dot), (line, disc), (line, eye)]


class StepPicture(QAbstractButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Focus (and its ring) comes from the keys only, as for every button (ui.widgets.common).
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._picture: _Picture | None = None
        # The pictures of this visit, parsed once: Back, Repeat and a change of language
        # redraw without parsing again. ``release`` frees them when the visit ends.
        self._pictures: dict[Path, _Picture] = {}
        # Their images, drawn off the GUI thread within a time budget.
        self.images = PictureImages(self)
        self.images.ready.connect(self._on_image_ready)
        self._highlight = ""
        # A "look here" ring (dashed, blue, with an eye) instead of the orange "tap here" ring.
        self._look = False
        self._missing_text = ""
        self._palette = theme.DEFAULT
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_step(self, image: Path, highlight: str, missing_text: str) -> bool:
        """Show ``image``; False (and a calm message instead) if it cannot be drawn."""
        self._highlight = highlight
        self._missing_text = missing_text
        cached = self._pictures.get(image)
        self._picture = cached if cached is not None else self._load(image)
        if self._picture is not None and highlight and not self._renderer_has(highlight):
            log.warning("Step picture %s has no element %r to highlight", image, highlight)
        self.update()
        return self._picture is not None

    def set_look(self, look: bool) -> None:
        """Ring the highlight as "look here" (a card, an amount: nothing to tap) rather than "tap here"."""
        self._look = look
        self.update()

    def release(self) -> None:
        """Free every parsed picture and its images (the visit is over); the next step parses its own."""
        self._picture = None
        self._pictures.clear()
        self.images.clear()
        self.update()

    @property
    def _renderer(self) -> QSvgRenderer | None:
        return self._picture.renderer if self._picture is not None else None

    def _renderer_has(self, element_id: str) -> bool:
        return self._renderer is not None and self._renderer.elementExists(element_id)

    def _load(self, image: Path) -> _Picture | None:
        try:
            if not image.is_file():
                log.warning("Step picture %s is missing", image)
                return None
            if image.stat().st_size > _MAX_PICTURE_BYTES:
                log.warning("Step picture %s is too big to draw", image)
                return None
            data = image.read_bytes()
        except OSError as error:
            log.warning("Step picture %s cannot be read: %s", image, error)
            return None
        # No Qt parent: the cache alone owns it, so dropping it from the cache frees it.
        renderer = svg_renderer(data)
        if not renderer.isValid() or renderer.viewBoxF().isEmpty():
            log.warning("Step picture %s cannot be drawn", image)
            return None
        picture = _Picture(image, data, renderer)
        self._pictures[image] = picture
        return picture

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(300, 560)

    def width_for_height(self, height: int) -> int:
        """The width at which the phone fills ``height`` with nothing wasted beside it."""
        margin = theme.PICTURE_MARGIN
        wanted = round((height - 2 * margin) * _phone_aspect()) + 2 * margin
        return max(self.minimumSizeHint().width(), wanted)

    def phone_height_for_width(self, width: int, height: int) -> float:
        """How tall the phone is drawn in a widget of ``width`` × ``height``."""
        margin = theme.PICTURE_MARGIN
        return min(height - 2 * margin, (width - 2 * margin) / _phone_aspect())

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 300)

    # -- geometry, public so tests can check the ring against the SVG ------------------
    def phone_rect(self) -> QRectF:
        margin = theme.PICTURE_MARGIN
        area = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin)
        bezel = theme.PHONE_BEZEL
        outer = QSizeF(_PHONE_ASPECT.width() + 2 * bezel, _PHONE_ASPECT.height() + 2 * bezel)
        return fit_rect(outer, area)

    def screen_rect(self) -> QRectF:
        """Where the SVG is drawn, inside the bezel."""
        phone = self.phone_rect()
        if phone.isEmpty():
            return QRectF()
        bezel = theme.PHONE_BEZEL * phone.width() / (_PHONE_ASPECT.width() + 2 * theme.PHONE_BEZEL)
        inner = phone.adjusted(bezel, bezel, -bezel, -bezel)
        view = self._renderer.viewBoxF().size() if self._renderer is not None else _PHONE_ASPECT
        return fit_rect(view, inner)

    def highlight_rect(self) -> QRectF | None:
        """The highlighted element's bounds on screen (the ring is drawn just outside it)."""
        if self._renderer is None:
            return None
        return element_rect(self._renderer, self._highlight, self.screen_rect())

    def ring_rect(self) -> QRectF | None:
        """The centre line of the ring."""
        target = self.highlight_rect()
        if target is None:
            return None
        grow = theme.RING_GAP + theme.RING_HALO + theme.RING_WIDTH / 2
        return target.adjusted(-grow, -grow, grow, grow)

    # -- drawing -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        phone = self.phone_rect()
        if not phone.isEmpty():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self._palette.bezel))
            painter.drawRoundedRect(phone, theme.PHONE_RADIUS, theme.PHONE_RADIUS)
        screen = self.screen_rect()
        picture = self._picture
        if picture is not None and not screen.isEmpty():
            painter.fillRect(screen, QColor("#FFFFFF"))
            ratio = self.devicePixelRatioF()
            size = pixel_size(screen.width(), screen.height(), ratio)
            image = self.images.image(picture.path, picture.data, size)
            if image is not None:
                painter.save()
                clip = QPainterPath()
                clip.addRect(screen)
                painter.setClipPath(clip)
                if image.size() == size:
                    # Pixel for pixel, from the screen's first whole device pixel.
                    corner = QPointF(round(screen.x() * ratio) / ratio, round(screen.y() * ratio) / ratio)
                    painter.drawImage(QRectF(corner, QSizeF(size) / ratio), image)
                else:
                    # A slow picture, drawn once at another size: scaled.
                    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                    painter.drawImage(screen, image)
                painter.restore()
                self._draw_ring(painter)
        elif not screen.isEmpty():
            painter.fillRect(screen, QColor(self._palette.surface))
            painter.setPen(QColor(self._palette.text))
            painter.drawText(
                screen.adjusted(12, 12, -12, -12),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self._missing_text,
            )
        painter.end()

    def _on_image_ready(self) -> None:
        self.update()

    def ring_strokes(self) -> list[tuple[QPen, QPainterPath]]:
        """What the "tap here" ring draws: one thick rounded line of the ring colour on its halo.

        Never like the keys' focus ring (``ui.input.focus_ring``: a square double outline).
        """
        ring = self.ring_rect()
        if ring is None:
            return []
        path = QPainterPath()
        path.addRoundedRect(ring, theme.RING_RADIUS, theme.RING_RADIUS)
        if self._look:
            return _look_strokes(ring, path, QColor(self._palette.ring_halo))
        halo = QPen(QColor(self._palette.ring_halo), theme.RING_WIDTH + 2 * theme.RING_HALO)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen = QPen(QColor(self._palette.ring), theme.RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return [(halo, path), (pen, path)]

    def _draw_ring(self, painter: QPainter) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen, path in self.ring_strokes():
            painter.setPen(pen)
            painter.drawPath(path)
