"""The practice core without Qt: hit areas, the miss ladder, the keyboard, the password rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.loader import load_catalogue
from kiosk.practice.hits import MIN_TARGET_MM, Box, hit_area, is_hit
from kiosk.practice.keyboard import BACKSPACE, LETTERS, SHIFT, SYMBOLS, Layer, PracticeKeyboard
from kiosk.practice.ladder import Feedback, MissLadder
from kiosk.practice.password import example_password, missing_rules
from kiosk.practice.run import PracticeRun, answer_for, typed_right

PX_PER_MM = 96 / 25.4
CONTENT = Path(__file__).resolve().parents[4] / "content"


def test_a_small_element_gets_at_least_the_touch_minimum() -> None:
    area = hit_area(Box(100, 100, 4, 4), PX_PER_MM)
    assert area.width >= MIN_TARGET_MM * PX_PER_MM - 1e-9
    assert area.centre == pytest.approx((102.0, 102.0))
    # 5 mm beside the element still counts; 10 mm away does not.
    assert is_hit(Box(100, 100, 4, 4), 102 + 5 * PX_PER_MM, 102, PX_PER_MM)
    assert not is_hit(Box(100, 100, 4, 4), 102 + 10 * PX_PER_MM, 102, PX_PER_MM)


def test_a_large_element_grows_by_the_slack_and_more_with_steady_taps() -> None:
    element = Box(0, 0, 300, 100)
    plain, steady = hit_area(element, PX_PER_MM), hit_area(element, PX_PER_MM, steady=True)
    assert plain.width == pytest.approx(300 + 6 * PX_PER_MM)
    assert steady.width > plain.width and steady.height > plain.height
    x = 300 + 4.5 * PX_PER_MM
    assert not is_hit(element, x, 50, PX_PER_MM) and is_hit(element, x, 50, PX_PER_MM, steady=True)


def test_the_miss_ladder_hints_then_pulses_then_shows_and_moves_on() -> None:
    ladder = MissLadder()
    assert [ladder.try_(False, t) for t in (1, 2, 3)] == [Feedback.HINT, Feedback.PULSE, Feedback.SHOW]
    assert (ladder.attempts, ladder.misses, ladder.hints_shown, ladder.shown_and_moved_on) == (3, 3, 1, True)
    assert ladder.try_(True, 4) is Feedback.IGNORED


def test_a_shaky_double_tap_counts_once() -> None:
    ladder = MissLadder(repeat_s=0.6)
    assert ladder.try_(False, 1.0) is Feedback.HINT
    assert ladder.try_(False, 1.3) is Feedback.IGNORED
    assert ladder.try_(True, 2.5) is Feedback.SUCCESS
    assert (ladder.attempts, ladder.misses) == (2, 1)


def test_keyboard_capitals_symbols_and_backspace() -> None:
    keyboard = PracticeKeyboard()
    assert SHIFT in keyboard.rows()[2] and SYMBOLS in keyboard.rows()[3]
    for key in (SHIFT, "h", "o", SYMBOLS, "@", "1", LETTERS, "a", BACKSPACE):
        keyboard.press(key)
    assert keyboard.text == "Ho@1"
    assert keyboard.rows()[0][0] == "q"  # ⇧ lasts one letter, as on a phone


def test_number_pad_types_only_digits() -> None:
    keyboard = PracticeKeyboard(layer=Layer.DIGITS, max_length=6)
    keyboard.type_text("48a2913999")
    assert keyboard.text == "482913"
    assert keyboard.layer is Layer.DIGITS


def test_type_text_presses_like_a_visitor() -> None:
    keyboard = PracticeKeyboard()
    assert keyboard.type_text("Hoa@2025") == "Hoa@2025"


def test_password_rules_say_which_is_still_missing() -> None:
    rules = ("min8", "max20", "upper", "lower", "digit", "symbol")
    assert [gap.rule for gap in missing_rules("hoa", rules)] == ["min8", "upper", "digit", "symbol"]
    assert missing_rules("hoa", rules)[0].key == "practice.rule.min" and missing_rules("hoa", rules)[0].n == 8
    assert missing_rules("Hoa@2025", rules) == []
    assert missing_rules(example_password(rules), rules) == []


def test_a_practice_run_over_the_activation_tutorial_keeps_only_counts() -> None:
    tutorial = next(t for t in load_catalogue(CONTENT / "packs").tutorials if t.id == "vneid-activate")
    run = PracticeRun(tutorial)
    assert [s.id for s in run.steps][:4] == ["open-activate", "enter-id", "sms-code", "password"]
    assert run.tap(False) is Feedback.HINT and run.tap(True) is Feedback.SUCCESS
    counts = run.next_step()
    assert counts is not None and (counts.attempts, counts.misses, counts.hints_shown) == (2, 1, 1)
    step = run.step
    assert step is not None and step.practice is not None
    assert run.typed("0123") is Feedback.HINT
    assert run.typed(answer_for(step.practice)) is Feedback.SUCCESS
    assert typed_right(step.practice, step.practice.sample)
    assert "0123" not in repr(run.next_step())
