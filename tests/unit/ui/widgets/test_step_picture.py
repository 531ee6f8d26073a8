from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from PySide6 import QtSvg
from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.helpers.catalogue import TARGET, TRANSFORMED_TARGET, make_catalogue, write_transformed_svg
from tests.helpers.pictures import slow_svg
from tests.helpers.qt import show_alone
from ui.look import theme
from ui.widgets.picture_images import svg_renderer
from ui.widgets.step_picture import StepPicture


def _expected(picture: StepPicture, element: tuple[float, float, float, float]) -> QRectF:
    """The element's viewBox rectangle, scaled the way the picture draws the whole screen."""
    screen = picture.screen_rect()
    scale = screen.width() / 360
    assert screen.height() / 720 == pytest.approx(scale)
    x, y, width, height = element
    return QRectF(screen.x() + x * scale, screen.y() + y * scale, width * scale, height * scale)


def _picture(qtbot: QtBot, width: int = 400, height: int = 600) -> StepPicture:
    picture = StepPicture()
    show_alone(qtbot, picture, width, height)
    return picture


def _assert_rect(actual: QRectF | None, expected: QRectF) -> None:
    assert actual is not None
    for got, want in zip(
        (actual.x(), actual.y(), actual.width(), actual.height()),
        (expected.x(), expected.y(), expected.width(), expected.height()),
        strict=True,
    ):
        assert got == pytest.approx(want, abs=0.01)


@pytest.mark.parametrize("height", [600, 420, 900])
def test_highlight_matches_the_svg_element_at_any_size(qtbot: QtBot, tmp_path: Path, height: int) -> None:
    step = make_catalogue(tmp_path).tutorials[0].steps[0]
    picture = _picture(qtbot, height=height)
    assert picture.set_step(step.image, step.highlight, "")
    _assert_rect(picture.highlight_rect(), _expected(picture, TARGET))


def test_highlight_follows_group_and_element_transforms(qtbot: QtBot, tmp_path: Path) -> None:
    picture = _picture(qtbot)
    assert picture.set_step(write_transformed_svg(tmp_path), "scaled-button", "")
    _assert_rect(picture.highlight_rect(), _expected(picture, TRANSFORMED_TARGET))


def test_the_ring_is_drawn_around_the_element_not_over_it(qtbot: QtBot, tmp_path: Path) -> None:
    step = make_catalogue(tmp_path).tutorials[0].steps[0]
    picture = _picture(qtbot)
    picture.set_palette(theme.DEFAULT)
    picture.set_step(step.image, step.highlight, "")
    element = picture.highlight_rect()
    ring = picture.ring_rect()
    assert element is not None and ring is not None
    gap = ring.top() - theme.RING_WIDTH / 2 - theme.RING_HALO
    assert element.top() - gap >= theme.RING_GAP - 0.01
    assert ring.contains(element)
    image = picture.grab().toImage()
    ring_point = QPoint(round(ring.center().x()), round(ring.top()))
    assert image.pixelColor(ring_point) == QColor(theme.DEFAULT.ring)
    # The middle of the element still shows the picture (the button), not the ring.
    inside = QPoint(round(element.center().x()), round(element.center().y()))
    assert image.pixelColor(inside) != QColor(theme.DEFAULT.ring)


def test_the_ring_takes_the_high_contrast_colour(qtbot: QtBot, tmp_path: Path) -> None:
    step = make_catalogue(tmp_path).tutorials[0].steps[0]
    picture = _picture(qtbot)
    picture.set_palette(theme.HIGH_CONTRAST)
    picture.set_step(step.image, step.highlight, "")
    ring = picture.ring_rect()
    assert ring is not None
    image = picture.grab().toImage()
    assert image.pixelColor(QPoint(round(ring.center().x()), round(ring.top()))) == QColor(
        theme.HIGH_CONTRAST.ring
    )


def test_an_unknown_element_gets_no_ring_and_a_log_line(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    step = make_catalogue(tmp_path).tutorials[0].steps[0]
    picture = _picture(qtbot)
    with caplog.at_level(logging.WARNING, logger="ui.widgets.step_picture"):
        assert picture.set_step(step.image, "no-such-id", "")
    assert picture.highlight_rect() is None
    assert "no-such-id" in caplog.text


def test_a_missing_picture_shows_a_calm_message(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    picture = _picture(qtbot)
    with caplog.at_level(logging.WARNING, logger="ui.widgets.step_picture"):
        assert not picture.set_step(
            tmp_path / "missing.svg", "tap-target", "Không hiển thị được hình minh họa."
        )
    assert picture.highlight_rect() is None
    assert "missing.svg" in caplog.text
    picture.grab()  # draws the message without raising


def test_a_visit_parses_each_picture_once_and_frees_them_at_its_end(qtbot: QtBot, tmp_path: Path) -> None:
    step = make_catalogue(tmp_path).tutorials[0].steps[0]
    picture = _picture(qtbot)
    assert picture.set_step(step.image, step.highlight, "")
    step.image.unlink()
    # Back or Repeat to this step: drawn from the picture parsed before, the file is not read.
    assert picture.set_step(step.image, step.highlight, "")
    _assert_rect(picture.highlight_rect(), _expected(picture, TARGET))
    picture.release()
    assert picture.highlight_rect() is None
    # The next visit reads the file afresh: gone now, so the calm message instead.
    assert not picture.set_step(step.image, step.highlight, "missing")


def test_a_picture_slow_to_draw_never_holds_the_screen_beyond_the_budget(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    picture = _picture(qtbot)
    picture.images.budget_s = 0.2
    slow = slow_svg(tmp_path / "slow.svg")
    assert picture.set_step(slow, "tap-target", "")
    with caplog.at_level(logging.WARNING, logger="ui.widgets.picture_images"):
        started = time.monotonic()
        blank = picture.grab().toImage()
        waited = time.monotonic() - started
    # The screen was painted within the budget (and a little for the painting itself) ...
    assert waited < picture.images.budget_s + 0.5, f"the GUI thread waited {waited:.2f} s"
    assert "slow.svg takes more than 0.2 s to draw" in caplog.text
    # ... blank and calm meanwhile: white where the picture goes, no ring without it.
    ring = picture.ring_rect()
    assert ring is not None
    ring_point = QPoint(round(ring.center().x()), round(ring.top()))
    assert blank.pixelColor(ring_point) != QColor(theme.DEFAULT.ring)
    middle = picture.screen_rect().center().toPoint()
    assert blank.pixelColor(middle) == QColor("#FFFFFF")
    # The picture shows when it is ready, with its ring.
    with qtbot.waitSignal(picture.images.ready, timeout=120_000):
        pass
    drawn = picture.grab().toImage()
    assert drawn.pixelColor(middle) != QColor("#FFFFFF")
    assert drawn.pixelColor(ring_point) == QColor(theme.DEFAULT.ring)
    # At another size it is scaled from the image drawn, not drawn again.
    picture.resize(picture.width(), picture.height() - 100)
    started = time.monotonic()
    smaller = picture.grab().toImage()
    assert time.monotonic() - started < 0.5
    assert smaller.pixelColor(picture.screen_rect().center().toPoint()) != QColor("#FFFFFF")


def test_pictures_are_parsed_with_only_svg_tiny_features_where_qt_offers_it(tmp_path: Path) -> None:
    data = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 720"><rect width="9" height="9"/></svg>'
    renderer = svg_renderer(data)
    assert renderer.isValid()
    if hasattr(QtSvg.QtSvg, "Option"):
        assert renderer.options() & QtSvg.QtSvg.Option.Tiny12FeaturesOnly
        assert renderer.options() & QtSvg.QtSvg.Option.DisableSMILAnimations
