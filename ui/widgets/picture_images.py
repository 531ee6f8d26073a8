"""Pictures from a content pack (step pictures, category icons) drawn to images away from the GUI
thread, each within a time budget.

A step's SVG or a category's icon comes from a content pack, and a picture can be slow to draw: the content
check bounds its size and elements, but thousands of large, half-transparent shapes still
take seconds, and the kiosk's watchdog restarts a GUI thread that stops for 30 s. So a
picture is drawn into a ``QImage`` on a thread of its own (by Qt's SVG image reader, which
lets go of Python's lock while it draws), and the GUI thread waits for it only up to ``budget_s``. Most
pictures take a few milliseconds and show at once, as before. One that takes longer shows
a calm blank screen, is logged, and appears when it is ready; it is drawn once only, and
other sizes of it are scaled from that one image instead of being drawn again.

Pictures are drawn on a daemon thread of their own, not ``ui.runtime.worker``'s: a drawing
cannot be interrupted, so a slow one must hold up neither the prints and exports there,
nor the kiosk's exit; and the thread that missed the budget is left to finish alone, the
next picture gets a fresh one. The drawing reads only the bytes the GUI
thread already holds. Every SVG renderer of the kiosk draws only SVG Tiny 1.2 features and
no animation (``limit_svg_features``, ``svg_renderer``): a second layer behind the check.
"""

from __future__ import annotations

import functools
import logging
import math
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import cast

from PySide6 import QtSvg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)

# How long the GUI thread waits for a picture before it shows the screen without it.
DRAW_BUDGET_S = 0.5
# Images kept besides those of slow pictures: the step shown, and the last few for Back.
KEEP_IMAGES = 3


def _renderer_options() -> QtSvg.QtSvg.Option | None:
    """Tiny 1.2 only and no animations, where this Qt offers the options (Qt 6.7 and later)."""
    options = getattr(getattr(QtSvg, "QtSvg", None), "Option", None)
    if options is None or not hasattr(QSvgRenderer, "setOptions"):
        return None
    chosen: QtSvg.QtSvg.Option = (
        options.Tiny12FeaturesOnly | options.DisableSMILAnimations | options.DisableCSSAnimations
    )
    return chosen


_OPTIONS = _renderer_options()


def limit_svg_features() -> None:
    """Every SVG the kiosk draws from now on, by any renderer (Qt's SVG image reader too): Tiny 1.2
    features only, no animation. Set once, on the GUI thread, before any picture is drawn."""
    if _OPTIONS is not None and hasattr(QSvgRenderer, "setDefaultOptions"):
        QSvgRenderer.setDefaultOptions(_OPTIONS)


def svg_renderer(data: bytes) -> QSvgRenderer:
    """A renderer of ``data`` (check ``isValid()``) with the kiosk's limits on what it draws."""
    renderer = QSvgRenderer()
    if _OPTIONS is not None:
        renderer.setOptions(_OPTIONS)
    renderer.load(QByteArray(data))
    return renderer


def draw_picture(data: bytes, size: QSize) -> QImage:
    """The picture in ``data`` drawn to fill an image of ``size`` pixels (transparent around shapes).

    Qt's SVG image reader draws it in one call that lets go of Python's lock, so the GUI
    thread runs on meanwhile; a ``QSvgRenderer.render`` call from Python would hold the lock
    (and so the GUI thread) for as long as it draws. Without the reader (a Qt with no SVG
    image plugin) the renderer draws it, still off the GUI thread.
    """
    if _svg_reader_available():
        source = QBuffer()
        source.setData(QByteArray(data))
        source.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(source, QByteArray(b"svg"))
        reader.setScaledSize(size)
        image = reader.read()
        if image.isNull():
            raise ValueError(f"the picture cannot be drawn ({reader.errorString()})")
        return image
    renderer = svg_renderer(data)
    if not renderer.isValid():
        raise ValueError("the picture cannot be drawn")
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return image


@functools.cache
def _svg_reader_available() -> bool:
    return b"svg" in (bytes(name.data()) for name in QImageReader.supportedImageFormats())


_Job = tuple[Future[QImage], Callable[[], QImage]]


class _Drawer:
    """One daemon thread drawing pictures in turn (it keeps Qt's per-thread glyph caches warm)."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        threading.Thread(target=self._run, name="kiosk-picture", daemon=True).start()

    def submit(self, work: Callable[[], QImage]) -> Future[QImage]:
        future: Future[QImage] = Future()
        self._jobs.put((future, work))
        return future

    def retire(self) -> None:
        """End the thread once its current picture is drawn."""
        self._jobs.put(None)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            future, work = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(work())
            except Exception as error:
                future.set_exception(error)


# Used from the GUI thread only.
_drawer: _Drawer | None = None


def start_drawing(work: Callable[[], QImage]) -> Future[QImage]:
    """Draw with ``work`` on the drawing thread; its future is returned at once."""
    global _drawer
    if _drawer is None:
        _drawer = _Drawer()
    return _drawer.submit(work)


def retire_drawer() -> None:
    """The drawing thread is held by a slow picture: the next picture gets a thread of its own."""
    global _drawer
    if _drawer is not None:
        _drawer.retire()
        _drawer = None


class _Arrivals(QObject):
    """Lives on the GUI thread: a picture drawn late is announced here, queued from its thread."""

    arrived = Signal(object)


_arrivals: _Arrivals | None = None


def _arrivals_relay() -> _Arrivals:
    global _arrivals
    if _arrivals is None:
        _arrivals = _Arrivals()
    return _arrivals


Key = tuple[Path, int, int]


class PictureImages(QObject):
    """The images of one widget's pictures, by picture and pixel size, made within the budget."""

    # A picture that missed the budget is ready now: redraw.
    ready = Signal()

    def __init__(self, parent: QObject | None = None, *, kind: str = "Step picture") -> None:
        super().__init__(parent)
        # What the pictures are, for the log ("Step picture", "Category icon").
        self._kind = kind
        self.budget_s = DRAW_BUDGET_S
        self._images: dict[Key, QImage] = {}
        self._drawing: dict[Key, Future[QImage]] = {}
        # Pictures that missed the budget (drawn once only) or could not be drawn at all.
        self.slow: set[Path] = set()
        self.failed: set[Path] = set()
        limit_svg_features()
        _arrivals_relay().arrived.connect(self._on_arrived)

    def image(self, picture: Path, data: bytes, size: QSize) -> QImage | None:
        """The picture drawn at ``size``, or None while it is not ready (or cannot be drawn)."""
        if size.isEmpty() or picture in self.failed:
            return None
        key = (picture, size.width(), size.height())
        ready = self._images.pop(key, None)
        if ready is not None:
            self._images[key] = ready  # the most recently shown, last
            return ready
        if picture in self.slow:
            # Drawn once only: another size is scaled from the image drawn (when it is ready).
            return next((image for (path, _, _), image in self._images.items() if path == picture), None)
        started = time.monotonic()
        future = start_drawing(lambda: draw_picture(data, size))
        try:
            image = future.result(timeout=self.budget_s)
        except FutureTimeout:
            retire_drawer()
            self.slow.add(picture)
            self._drawing[key] = future
            log.warning(
                "%s %s takes more than %.1f s to draw: shown when ready", self._kind, picture, self.budget_s
            )
            relay = _arrivals_relay()
            future.add_done_callback(lambda _done: relay.arrived.emit(key))
            return None
        except Exception as error:
            self.failed.add(picture)
            log.warning("%s %s cannot be drawn: %s", self._kind, picture, error)
            return None
        log.debug("%s %s drawn at %s in %.3f s", self._kind, picture, size, time.monotonic() - started)
        self._keep(key, image)
        return image

    def _keep(self, key: Key, image: QImage) -> None:
        """Keep ``image``, and only the few most recent others: Back and Repeat redraw from them."""
        self._images[key] = image
        quick = [old for old in self._images if old[0] not in self.slow]
        for old in quick[: max(0, len(quick) - KEEP_IMAGES)]:
            del self._images[old]

    def clear(self) -> None:
        """Forget every image (the visit is over); pictures still drawing are dropped when done."""
        self._images.clear()
        self._drawing.clear()
        self.slow.clear()
        self.failed.clear()

    def _on_arrived(self, key: object) -> None:
        future = self._drawing.pop(cast(Key, key), None)
        if future is None:
            return  # another widget's picture, or one of a visit that is over
        picture = cast(Key, key)[0]
        try:
            image = future.result()
        except Exception as error:
            self.failed.add(picture)
            log.warning("%s %s cannot be drawn: %s", self._kind, picture, error)
            return
        log.info("%s %s is drawn at last", self._kind, picture)
        self._keep(cast(Key, key), image)
        self.ready.emit()


def pixel_size(width: float, height: float, ratio: float) -> QSize:
    """Whole device pixels covering ``width`` × ``height`` at ``ratio``."""
    return QSize(max(0, math.ceil(width * ratio)), max(0, math.ceil(height * ratio)))
