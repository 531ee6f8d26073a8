"""The QR flowable's sizing: whole printer dots on a receipt, the quiet zone always included."""

from __future__ import annotations

import pytest

from kiosk.handouts.qr import MIN_THERMAL_DOTS, QUIET_ZONE, THERMAL_DOT, QrCode, QrTooLargeError, qr_matrix


def test_matrix_has_the_quiet_zone() -> None:
    matrix = qr_matrix("https://vneid.gov.vn")
    assert len(matrix) == len(matrix[0])
    for row in (*matrix[:QUIET_ZONE], *matrix[-QUIET_ZONE:]):
        assert not any(row)
    for row in matrix:
        assert not any(row[:QUIET_ZONE]) and not any(row[-QUIET_ZONE:])


@pytest.mark.parametrize(
    "url", ["https://vneid.gov.vn", "https://tinnhiemmang.vn/website-lua-dao", "https://x.vn/" + "a" * 200]
)
def test_thermal_modules_are_whole_dots(url: str) -> None:
    code = QrCode.for_thermal(url, target=40 * 72 / 25.4, limit=72 * 72 / 25.4)
    dots = code.module / THERMAL_DOT
    assert dots == pytest.approx(round(dots))
    assert round(dots) >= MIN_THERMAL_DOTS
    assert code.side <= 72 * 72 / 25.4


def test_a_url_too_long_for_the_paper_is_refused() -> None:
    with pytest.raises(QrTooLargeError):
        QrCode.for_thermal("https://x.vn/" + "a" * 1500, target=100, limit=100)


def test_sized_code_makes_the_symbol_the_target_width() -> None:
    code = QrCode.sized("https://vneid.gov.vn", target=120)
    assert code.module * (len(code.matrix) - 2 * QUIET_ZONE) == pytest.approx(120)
