from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.qt import decode_qr, show_alone
from ui.widgets.qr_view import QrCodeView


@pytest.mark.parametrize(
    "url", ["https://vneid.gov.vn", "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?lang=vi"]
)
def test_the_code_on_screen_decodes_to_the_url(qtbot: QtBot, url: str) -> None:
    view = QrCodeView()
    view.set_data(url)
    show_alone(qtbot, view, 300, 300)
    assert decode_qr(view) == [url]


def test_modules_are_whole_pixels_and_the_code_is_square(qtbot: QtBot) -> None:
    view = QrCodeView()
    qtbot.addWidget(view)
    view.set_data("https://vneid.gov.vn")
    view.resize(331, 300)
    area = view.code_rect()
    assert area.width() == area.height()
    assert area.width() <= 300
    modules = len(view._matrix)
    assert area.width() % modules == 0
