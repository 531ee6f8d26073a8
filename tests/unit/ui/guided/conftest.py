"""Shared by the guided-session widget tests: a catalogue with outcomes and reasons, and taps."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue, Reason, Tutorial
from kiosk.i18n import UiText
from tests.helpers.accessibility import (
    clipping_problems,
    name_problems,
    names,
    settle_fully,
    size_problems,
)
from tests.helpers.catalogue import make_catalogue
from tests.helpers.organiser import host_window
from tests.helpers.qt import settle, ui_text
from ui.widgets.focus_order import HELP_KEY, controls

OUTCOMES = {
    "vneid-install": {"vneid-installed": ("Đã cài VNeID", "VNeID installed")},
    "scam-drill": {
        "drill-completed": ("Đã luyện tập xong", "Practice done"),
        "report-sent": ("Đã gửi phản ánh", "Report sent"),
    },
}
REASONS = (
    Reason("no-chip-card", {"vi": "Chưa có thẻ căn cước gắn chip", "en": "No chip ID card yet"}),
    Reason("no-internet", {"vi": "Không có mạng internet", "en": "No internet connection"}),
    Reason("other", {"vi": "Lý do khác", "en": "Another reason"}),
)


_WORDS_INDEX = {"vi": 0, "en": 1}


def _with_outcomes(tutorial: Tutorial) -> Tutorial:
    words = OUTCOMES[tutorial.id]
    texts = {
        lang: dataclasses.replace(
            text, outcomes={key: pair[_WORDS_INDEX[lang]] for key, pair in words.items()}
        )
        for lang, text in tutorial.texts.items()
    }
    return dataclasses.replace(tutorial, outcomes=tuple(words), texts=texts)


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    """The test catalogue (vneid-install, then scam-drill) with outcomes and "could not finish" reasons."""
    plain = make_catalogue(tmp_path / "content")
    return dataclasses.replace(
        plain, tutorials=tuple(_with_outcomes(t) for t in plain.tutorials), reasons=REASONS
    )


_shipped: list[Catalogue] = []


@pytest.fixture
def shipped() -> Catalogue:
    """The tutorials as shipped: their real titles, outcomes and reasons, in their real lengths."""
    if not _shipped:
        _shipped.append(load_catalogue(packs_dir(), ui_languages=ui_text().languages()))
    return _shipped[0]


@pytest.fixture
def text() -> UiText:
    return ui_text()


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """The kiosk-sized, kiosk-styled window the pages cover (held here: qtbot keeps only a weak reference)."""
    return host_window(qtbot)


def tap(button: QAbstractButton) -> None:
    """A tap as a volunteer makes it: the button must be shown and enabled."""
    assert button.isVisible(), f"{button!r} is not visible"
    assert button.isEnabled(), f"{button!r} is disabled"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()


def accessibility_problems(window: QWidget, ui: UiText, langs: tuple[str, ...] = ("vi", "en")) -> list[str]:
    """What the accessibility audit checks, on what is on top of ``window``: sizes, names, cut words, help."""
    settle_fully()
    problems = size_problems(window, window.screen().physicalDotsPerInch())
    problems += name_problems(names(window))
    problems += clipping_problems(window)
    reachable = controls(window)
    if not reachable:
        problems.append("no control can be reached")
    for control in reachable:
        key = control.property(HELP_KEY)
        if not isinstance(key, str) or not all(ui.has(lang, key) for lang in langs):
            problems.append(f"{control.accessibleName()!r} has no help text ({key!r})")
    return problems
