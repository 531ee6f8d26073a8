from __future__ import annotations

import dataclasses

import pytest

from kiosk.visit.session import TextSize
from tests.helpers.records import assert_init_takes_its_fields
from ui.look import theme
from ui.look.theme import DEFAULT, HIGH_CONTRAST, Look, Palette, contrast_ratio, look_for, min_target_px
from ui.widgets.narration_controls import NarrationState


def test_contrast_ratio_matches_wcag_extremes() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)


@pytest.mark.parametrize(("palette", "floor"), [(DEFAULT, 4.5), (HIGH_CONTRAST, 7.0)])
def test_every_text_in_each_theme_reaches_its_contrast_floor(palette: Palette, floor: float) -> None:
    assert palette.min_contrast >= floor
    for name, (text, background) in palette.text_pairs().items():
        assert contrast_ratio(text, background) >= floor, name


def test_the_highlight_ring_stands_out_from_its_halo() -> None:
    for palette in (DEFAULT, HIGH_CONTRAST):
        assert contrast_ratio(palette.ring, palette.ring_halo) >= 3.0, palette.name


def test_qr_codes_are_dark_on_light_in_both_themes() -> None:
    for palette in (DEFAULT, HIGH_CONTRAST):
        assert contrast_ratio(palette.qr_dark, palette.qr_light) >= 15


@pytest.mark.parametrize(("dpi", "expected"), [(96.0, 64), (100.0, 64), (200.0, 95), (300.0, 142), (0.0, 64)])
def test_touch_targets_are_12_mm_and_never_under_64_px(dpi: float, expected: int) -> None:
    assert min_target_px(dpi) == expected
    if dpi > 0:
        assert min_target_px(dpi) * theme.MM_PER_INCH / dpi >= theme.MIN_TARGET_MM


def test_text_sizes_scale_one_to_one_point_six() -> None:
    scales = [look_for(size, False, 96).scale for size in TextSize]
    assert scales == [1.0, 1.3, 1.6]
    assert look_for(TextSize.EXTRA_LARGE, True, 96).palette is HIGH_CONTRAST
    assert look_for(TextSize.EXTRA_LARGE, True, 96).px(theme.FONT_BODY) > theme.FONT_BODY


@pytest.mark.parametrize("cls", [Palette, Look, NarrationState], ids=lambda cls: cls.__name__)
def test_the_theme_and_reading_aloud_records_take_their_fields(cls: type) -> None:
    # Frozen dataclasses with their __init__ written out (kiosk.record): a colour added to
    # Palette must be added to its __init__ too.
    assert_init_takes_its_fields(cls)


def test_a_palette_compares_and_prints_by_its_colours() -> None:
    copy = dataclasses.replace(DEFAULT)
    assert copy == DEFAULT and copy is not DEFAULT and hash(copy) == hash(DEFAULT)
    assert copy != HIGH_CONTRAST
    assert repr(DEFAULT).startswith("Palette(name='default', min_contrast=4.5, background='#F6F1E9', ")


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        (1366, 768, 1.0),
        (1280, 720, 1.0),
        (1600, 900, 1.16),
        (1920, 1080, 1.4),
        (1920, 1200, 1.4),
        (3840, 2160, 1.5),
    ],
)
def test_the_screen_factor_is_the_smaller_ratio_to_1366_by_768_between_1_and_its_cap(
    width: int, height: int, expected: float
) -> None:
    assert theme.screen_factor(width, height) == pytest.approx(expected)


def test_sizes_grow_with_the_screen_and_targets_never_shrink() -> None:
    small = look_for(TextSize.NORMAL, False, 96)
    large = look_for(TextSize.NORMAL, False, 96, theme.screen_factor(1920, 1080))
    assert large.px(theme.FONT_BODY) == round(theme.FONT_BODY * 1.4)
    assert large.chrome_px(theme.FONT_BUTTON) > small.chrome_px(theme.FONT_BUTTON)
    assert large.screen_px(theme.START_BUTTON_WIDTH) > theme.START_BUTTON_WIDTH
    assert large.min_target_px >= small.min_target_px >= theme.MIN_TARGET_PX
    # Extra-large steps down to large, then normal, when its words must fit; normal stays normal.
    extra = look_for(TextSize.EXTRA_LARGE, False, 96, 1.4)
    assert extra.fit_scales(2) == pytest.approx([1.3 * 1.4, 1.0 * 1.4])
    assert large.fit_scales(2) == pytest.approx([1.4, 1.4])
