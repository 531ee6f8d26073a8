from __future__ import annotations

import pytest
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.qt import decode_qr, show_alone
from ui.widgets.common import breakable_url, readable_url
from ui.widgets.qr_view import QrCodeView, QrOffer


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


LONG_URL = "https://dichvucong.gov.vn/p/home/dvc-dich-vu-cong-truc-tuyen-ds.html?pCoQuanId=384979"


def _lines(label: QLabel) -> list[str]:
    """The lines ``label`` shows its text in, laid out as Qt lays it out at the label's width."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(readable_url(label.text()[line.textStart() : line.textStart() + line.textLength()]))
    layout.endLayout()
    return lines


def test_the_offer_says_what_the_code_opens_and_names_the_code(qtbot: QtBot) -> None:
    offer = QrOffer()
    offer.show_code(
        LONG_URL, caption="Scan to open the official page:", name=f"QR code that opens {LONG_URL}"
    )
    # In a fixed column, as on the take-home page: a window of its own would tell the platform its size hints.
    column = QWidget()
    offer.setParent(column)
    offer.setGeometry(0, 0, 300, 520)
    show_alone(qtbot, column, 300, 520)
    assert offer.caption_label.text() == "Scan to open the official page:"
    assert offer.qr_view.accessibleName() == f"QR code that opens {LONG_URL}"
    assert decode_qr(offer.qr_view) == [LONG_URL]
    # No "https://" on screen: a phone adds it, and no line can end with it.
    assert offer.shown_url() == LONG_URL.removeprefix("https://")
    lines = _lines(offer.url_label)
    assert len(lines) > 1, "the narrow column must wrap the long address"
    assert "".join(lines) == offer.shown_url()
    # Only where a reader expects it: after a "/" of the path, a hyphen or the "?" before a query.
    assert all(line.endswith(("/", "-", "?")) for line in lines[:-1]), lines


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://vneid.gov.vn", "vneid.gov.vn"),
        ("https://vneid.gov.vn/", "vneid.gov.vn/"),
        ("http://example.gov.vn/a", "http://example.gov.vn/a"),
    ],
)
def test_an_address_is_shown_without_https_and_never_breaks_after_a_scheme(url: str, shown: str) -> None:
    breakable = breakable_url(url)
    assert readable_url(breakable) == shown
    assert "://\u200b" not in breakable and ":/\u200b" not in breakable
