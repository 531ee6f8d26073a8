"""Practice mode by real clicks on the real window: a hit at the target's centre, a miss ladder
(hint, pulse, shown and moved on), typing a code and a password on the practice keyboard, and
practice by the keys alone. The counts reach the visit; nothing typed does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content.loader import load_catalogue
from kiosk.content.model import PracticeKind
from kiosk.practice.keyboard import BACKSPACE, SHIFT, SYMBOLS
from tests.helpers.qt import Kiosk, open_kiosk, settle
from ui.screens.practice import PracticeScreen
from ui.shell.window import Screen
from ui.widgets.practice_picture import Reveal

CONTENT = Path(__file__).resolve().parents[4] / "content"


def _practise(qtbot: QtBot, tmp_path: Path, tutorial_id: str) -> tuple[Kiosk, PracticeScreen]:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=load_catalogue(CONTENT / "packs"))
    window = kiosk.window
    window.show_screen(Screen.CATALOGUE)
    window.open_practice(tutorial_id)
    screen = window.practice_screen
    screen.advance_ms = 0
    screen.shown_ms = 0
    for _ in range(3):
        settle()
    assert kiosk.screen() is Screen.PRACTICE
    return kiosk, screen


def _click(kiosk: Kiosk, screen: PracticeScreen, point: QPoint) -> None:
    kiosk.clock.advance(1.0)
    QTest.mouseClick(screen.picture, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    settle()


def _next(qtbot: QtBot, screen: PracticeScreen, index: int) -> None:
    assert screen.run is not None
    qtbot.waitUntil(lambda: screen.run is not None and screen.run.index == index, timeout=2000)
    settle()


def _reveal(screen: PracticeScreen) -> Reveal:
    return screen.picture.reveal


def _far_from_target(screen: PracticeScreen) -> QPoint:
    phone = screen.picture.screen_rect()
    for corner in (phone.topLeft(), phone.topRight(), phone.bottomLeft(), phone.bottomRight()):
        point = corner.toPoint() + QPoint(
            6 if corner.x() == phone.left() else -6, 6 if corner.y() == phone.top() else -6
        )
        if not screen.picture.is_on_target(point.toPointF()):
            return point
    raise AssertionError("every corner is on the target")


def test_a_tap_on_the_target_ticks_and_moves_on(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, screen = _practise(qtbot, tmp_path, "vneid-install")
    assert screen.title_label.text() == "Mở kho ứng dụng"
    centre = screen.picture.target_centre()
    assert centre is not None
    # The ring is hidden: the visitor looks for the part.
    assert screen.picture.ring_strokes() == []
    # Touched with touch and hear it says what it is, never "tap here" (that is for the keys).
    assert screen.picture.accessibleName() == kiosk.text("practice.picture_name")
    screen.advance_ms = 200
    _click(kiosk, screen, centre.toPoint())
    assert screen.picture.ticked
    assert screen.feedback_label.text() == kiosk.text("practice.right")
    _next(qtbot, screen, 1)
    result = kiosk.window.session.last_practice
    assert result is not None
    assert (result.tutorial_id, result.step_id, result.attempts, result.misses) == (
        "vneid-install",
        "open-store",
        1,
        0,
    )


def test_misses_bring_the_hint_then_the_pulse_then_the_answer(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, screen = _practise(qtbot, tmp_path, "vneid-install")
    far = _far_from_target(screen)
    _click(kiosk, screen, far)
    hint = "Tìm biểu tượng CH Play hoặc App Store trên màn hình chính."
    assert screen.feedback.isVisible() and hint in screen.feedback_label.text()
    assert screen.spoken_text() == screen.feedback_label.text()
    assert _reveal(screen) is Reveal.HIDDEN
    # A shaky second landing within the steady-taps time counts once.
    QTest.mouseClick(screen.picture, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, far)
    settle()
    assert screen.run is not None and screen.run.ladder.misses == 1
    _click(kiosk, screen, far)
    assert _reveal(screen) is Reveal.PULSE
    assert screen.picture.ring_strokes() != []
    _click(kiosk, screen, far)
    assert screen.feedback_label.text() == kiosk.text("practice.shown")
    _next(qtbot, screen, 1)
    result = kiosk.window.session.last_practice
    assert result is not None
    assert (result.attempts, result.misses, result.hints_shown, result.shown_and_moved_on) == (3, 3, 1, True)


def test_a_tap_just_beside_a_small_target_still_counts(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, screen = _practise(qtbot, tmp_path, "vneid-install")
    element = screen.picture.highlight_rect()
    area = screen.picture.hit_rect()
    assert element is not None and area is not None
    assert area.width() >= kiosk.window.look.min_target_px - 1
    beside = QPoint(round(element.right() + 2 * screen.picture.px_per_mm), round(element.center().y()))
    screen.advance_ms = 200
    _click(kiosk, screen, beside)
    assert screen.picture.ticked


def _to_step(qtbot: QtBot, kiosk: Kiosk, screen: PracticeScreen, kind: PracticeKind) -> None:
    while screen.practice is not None and screen.practice.kind is not kind:
        index = screen.run.index if screen.run is not None else 0
        if screen.practice.kind is PracticeKind.TAP:
            centre = screen.picture.target_centre()
            assert centre is not None
            _click(kiosk, screen, centre.toPoint())
        else:
            for key in screen.practice.sample:
                _press(kiosk, screen, key)
            kiosk.tap(screen.keyboard.done_button)
        _next(qtbot, screen, index + 1)


def _press(kiosk: Kiosk, screen: PracticeScreen, key: str) -> None:
    button = screen.keyboard.key(key)
    assert button is not None and button.isVisible(), key
    kiosk.tap(button, after_s=0.7)


def test_typing_the_sms_code_on_the_number_pad(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, screen = _practise(qtbot, tmp_path, "phone-sms-code")
    _to_step(qtbot, kiosk, screen, PracticeKind.CODE)
    qtbot.waitUntil(lambda: screen.sms.isVisible() and "482913" in screen.sms.message.text(), timeout=2000)
    for key in "4829":
        _press(kiosk, screen, key)
    kiosk.tap(screen.keyboard.done_button)
    assert kiosk.text("practice.not_quite") in screen.feedback_label.text()
    for key in "13":
        _press(kiosk, screen, key)
    assert screen.keyboard.model.text == "482913"
    index = screen.run.index if screen.run is not None else 0
    kiosk.tap(screen.keyboard.done_button)
    _next(qtbot, screen, index + 1)
    result = kiosk.window.session.last_practice
    assert result is not None and (result.step_id, result.attempts, result.misses) == ("type-code", 2, 1)
    assert "482913" not in repr(result)


def test_making_a_password_says_which_rule_is_missing(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, screen = _practise(qtbot, tmp_path, "vneid-activate")
    _to_step(qtbot, kiosk, screen, PracticeKind.PASSWORD)
    for key in "hoa":
        _press(kiosk, screen, key)
    assert screen.rule_label.text() == kiosk.text("practice.rule.min", n=8)
    for key in "binh":
        _press(kiosk, screen, key)
    _press(kiosk, screen, BACKSPACE)
    _press(kiosk, screen, "h")
    assert screen.keyboard.model.text == "hoabinh"
    _press(kiosk, screen, SHIFT)
    _press(kiosk, screen, "A")
    assert screen.rule_label.text() == kiosk.text("practice.rule.digit")
    _press(kiosk, screen, SYMBOLS)
    _press(kiosk, screen, "2")
    assert screen.rule_label.text() == kiosk.text("practice.rule.symbol")
    _press(kiosk, screen, "@")
    assert screen.keyboard.model.text == "hoabinhA2@"
    assert screen.rule_label.text() == kiosk.text("practice.password_ok")
    index = screen.run.index if screen.run is not None else 0
    kiosk.tap(screen.keyboard.done_button)
    assert screen.picture.isVisible()
    _next(qtbot, screen, index + 1)
    result = kiosk.window.session.last_practice
    assert result is not None and (result.step_id, result.misses) == ("password", 0)


def test_practice_by_the_keys_alone(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, screen = _practise(qtbot, tmp_path, "zalo-video-call")
    window = kiosk.window
    steps = len(screen.run.steps) if screen.run is not None else 0
    for index in range(steps):
        kiosk.clock.advance(1.0)
        # The keys reach the picture (Tab, or the arrows); focused, it rings the target.
        for _ in range(6):
            if window.focusWidget() is screen.picture:
                break
            QTest.keyClick(window, Qt.Key.Key_Tab)
            settle()
        assert window.focusWidget() is screen.picture, window.focusWidget()
        assert screen.picture.accessibleName() == kiosk.text("practice.tap_here")
        assert screen.picture.ring_strokes() != []
        QTest.keyClick(window, Qt.Key.Key_Return)
        settle()
        _next(qtbot, screen, index + 1)
    assert screen.finished
    assert screen.title_label.text() == kiosk.text("practice.done_title")
    kiosk.clock.advance(1.0)
    QTest.keyClick(window, Qt.Key.Key_Return)
    settle()
    assert kiosk.screen() is Screen.CATALOGUE


def test_try_it_on_the_topic_card_opens_practice_and_back_returns(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=load_catalogue(CONTENT / "packs"))
    window = kiosk.window
    window.show_screen(Screen.CATALOGUE)
    settle()
    catalogue = window.catalogue_screen
    row = next(iter(catalogue.rows.values()))
    assert row.practice_button is not None
    assert row.practice_button.text() == kiosk.text("practice.try")
    kiosk.tap(row.practice_button)
    assert kiosk.screen() is Screen.PRACTICE
    assert window.top_bar.isVisible()
    kiosk.tap(window.practice_screen.leave_button)
    assert kiosk.screen() is Screen.CATALOGUE
    # Nothing of a tutorial was begun: practice is not a lesson.
    assert window.session.tutorial_id is None


def test_a_volunteer_starts_practice_of_the_open_tutorial(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=load_catalogue(CONTENT / "packs"))
    window = kiosk.window
    window.open_tutorial("vneid-activate", 2)
    settle()
    bar = window.guided.bar
    assert bar.practice_button.accessibleName() == kiosk.text("practice.try")
    kiosk.clock.advance(1.0)
    bar.practice_button.click()
    settle()
    assert kiosk.screen() is Screen.PRACTICE
    screen = window.practice_screen
    assert screen.tutorial is not None and screen.tutorial.id == "vneid-activate"
    kiosk.clock.advance(1.0)
    screen.leave_button.click()
    settle()
    assert kiosk.screen() is Screen.PLAYER and window.session.step_index == 2


def test_what_is_said_aloud_is_the_step_then_the_hint(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk, screen = _practise(qtbot, tmp_path, "zalo-video-call")
    assert screen.spoken_text().startswith(screen.title_label.text())
    assert kiosk.text("practice.tap_prompt") in screen.spoken_text()
    _click(kiosk, screen, _far_from_target(screen))
    assert (
        screen.spoken_text()
        == f"{kiosk.text('practice.not_quite')} Tìm biểu tượng Zalo màu xanh trên màn hình chính."
    )


def test_try_it_at_the_end_of_the_lesson(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=load_catalogue(CONTENT / "packs"))
    window = kiosk.window
    tutorial = window._catalogue.tutorial("vneid-install")
    window.open_tutorial(tutorial.id, len(tutorial.steps) - 1)
    window.show_finish()
    settle()
    finish = window.finish_screen
    assert finish.practice_button.isVisible()
    assert finish.practice_button.text() == kiosk.text("practice.try")
    kiosk.tap(finish.practice_button)
    assert kiosk.screen() is Screen.PRACTICE
    kiosk.tap(window.practice_screen.leave_button)
    assert kiosk.screen() is Screen.FINISH


def test_the_volunteers_try_it_gives_way_to_the_steps(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from tests.helpers.qt import ui_text
    from ui.guided.volunteer_bar import VolunteerBar

    for width, steps, shown in ((1920, 9, True), (1366, 9, False), (1366, 4, True)):
        window = QWidget()
        qtbot.addWidget(window)
        window.resize(width, 300)
        window.show()
        # A laid-out child filling the window, as the kiosk window holds the bar.
        holder = QWidget(window)
        holder.setGeometry(window.rect())
        column = QVBoxLayout(holder)
        column.addStretch(1)
        bar = VolunteerBar(ui_text(), "vi")
        column.addWidget(bar)
        holder.show()
        bar.show_position(0, 2)
        bar.show_steps(steps, 0)
        for _ in range(3):
            settle()
        assert bar.practice_button.isVisible() is shown, (width, steps)
        assert bar.steps_layout.rows() == 1, (width, steps)
