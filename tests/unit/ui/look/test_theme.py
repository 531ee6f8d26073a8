from __future__ import annotations

import pytest

from kiosk.visit.session import TextSize
from ui.look import theme
from ui.look.theme import DEFAULT, HIGH_CONTRAST, Palette, contrast_ratio, look_for, min_target_px


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
