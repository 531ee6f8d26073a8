from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.helpers.clock import FakeClock
from ui.shell.idle import IdleState, IdleWatcher


def _state(watcher: IdleWatcher) -> IdleState:
    return watcher.state


def _watcher(clock: FakeClock, armed: list[bool]) -> tuple[IdleWatcher, list[tuple[str, int]]]:
    watcher = IdleWatcher(clock, timeout_s=90, answer_s=30, armed=lambda: armed[0])
    events: list[tuple[str, int]] = []
    watcher.warning_started.connect(lambda seconds: events.append(("warning", seconds)))
    watcher.countdown_changed.connect(lambda seconds: events.append(("countdown", seconds)))
    watcher.expired.connect(lambda: events.append(("expired", 0)))
    return watcher, events


def test_warning_after_the_timeout_then_countdown_then_expiry(qtbot: QtBot) -> None:
    clock = FakeClock()
    watcher, events = _watcher(clock, [True])
    clock.advance(89.9)
    watcher.tick()
    assert events == []
    clock.advance(0.1)
    watcher.tick()
    assert events == [("warning", 30)]
    assert _state(watcher) is IdleState.WARNING
    clock.advance(10)
    watcher.tick()
    assert events[-1] == ("countdown", 20)
    assert watcher.seconds_left() == 20
    clock.advance(19.5)
    watcher.tick()
    assert events[-1] == ("countdown", 1)
    clock.advance(0.5)
    watcher.tick()
    assert events[-1] == ("expired", 0)
    assert _state(watcher) is IdleState.ACTIVE


def test_resume_keeps_the_visit_and_restarts_the_wait(qtbot: QtBot) -> None:
    clock = FakeClock()
    watcher, events = _watcher(clock, [True])
    clock.advance(95)
    watcher.tick()
    watcher.resume()
    clock.advance(89)
    watcher.tick()
    assert [name for name, _ in events] == ["warning"]
    clock.advance(1)
    watcher.tick()
    assert [name for name, _ in events] == ["warning", "warning"]


def test_activity_postpones_the_warning(qtbot: QtBot) -> None:
    clock = FakeClock()
    watcher, events = _watcher(clock, [True])
    clock.advance(80)
    watcher.note_activity()
    clock.advance(80)
    watcher.tick()
    assert events == []


def test_nothing_happens_while_not_armed(qtbot: QtBot) -> None:
    clock = FakeClock()
    armed = [False]
    watcher, events = _watcher(clock, armed)
    clock.advance(1000)
    watcher.tick()
    assert events == []
    # The wait starts when there is a visit to protect, not from long before.
    armed[0] = True
    clock.advance(60)
    watcher.tick()
    assert events == []


def test_the_timer_polls_the_clock(qtbot: QtBot) -> None:
    clock = FakeClock()
    watcher, events = _watcher(clock, [True])
    watcher.start()
    try:
        clock.advance(90)
        qtbot.waitUntil(lambda: bool(events), timeout=2000)
    finally:
        watcher.stop()
    assert events[0] == ("warning", 30)


def test_the_phone_pause_holds_the_visit_then_asks_again_with_the_full_countdown(qtbot: QtBot) -> None:
    clock = FakeClock()
    watcher = IdleWatcher(clock, timeout_s=90, answer_s=30, phone_pause_s=120, armed=lambda: True)
    events: list[tuple[str, int]] = []
    watcher.warning_started.connect(lambda seconds: events.append(("warning", seconds)))
    watcher.phone_pause_changed.connect(lambda seconds: events.append(("phone", seconds)))
    watcher.expired.connect(lambda: events.append(("expired", 0)))
    clock.advance(90)
    watcher.tick()
    clock.advance(25)
    watcher.tick()
    watcher.pause_for_phone()
    assert _state(watcher) is IdleState.PHONE
    assert events[-1] == ("phone", 120)
    clock.advance(0.5)
    watcher.tick()
    assert events[-1] == ("phone", 120)
    clock.advance(28)
    watcher.tick()
    assert events[-1] == ("phone", 92)
    assert watcher.phone_seconds_left() == 92
    # Input does not end it by itself (the clock on screen answers a touch); only resume() does.
    clock.advance(91.4)
    watcher.note_activity()
    watcher.tick()
    assert events[-1] == ("phone", 1)
    clock.advance(0.1)
    watcher.tick()
    assert events[-1] == ("warning", 30)
    assert _state(watcher) is IdleState.WARNING
    assert ("expired", 0) not in events


def test_resume_ends_the_phone_pause_and_restarts_the_wait(qtbot: QtBot) -> None:
    clock = FakeClock()
    watcher = IdleWatcher(clock, timeout_s=90, answer_s=30, phone_pause_s=300, armed=lambda: True)
    warnings: list[int] = []
    watcher.warning_started.connect(warnings.append)
    watcher.pause_for_phone()
    clock.advance(60)
    watcher.resume()
    assert _state(watcher) is IdleState.ACTIVE
    clock.advance(89)
    watcher.tick()
    assert warnings == []
    clock.advance(1)
    watcher.tick()
    assert warnings == [30]
