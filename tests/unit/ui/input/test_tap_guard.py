from __future__ import annotations

from tests.helpers.clock import FakeClock
from ui.input.tap_guard import TapGuard


def test_a_second_tap_within_the_window_is_dropped() -> None:
    clock = FakeClock()
    guard = TapGuard(clock, window_s=0.5)
    assert guard.allow()
    clock.advance(0.2)
    assert not guard.allow()
    clock.advance(0.4)
    assert guard.allow()
