"""A visit with reading aloud, heard through a real sound server (PulseAudio's null sink).

The real window, real espeak-ng, QtMultimedia, and ``parec`` recording what came out: the
visitor turns the speaker on, hears each step in the language on screen, Next cuts the long
step off, Repeat says it again, the quietest volume is still heard, "touch and hear" says a
button's name before pressing it, and the next visitor starts in silence at the default volume.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content.model import Catalogue, StepText, Tutorial
from tests.helpers.audio import (
    SOUND_RMS,
    MonitorRecording,
    SoundServer,
    monitor_recording,
    require_espeak,
    sound_server,
)
from tests.helpers.catalogue import make_catalogue
from tests.helpers.qt import Kiosk, open_kiosk, qasync_loop, settle
from ui.input.keys import Action
from ui.narration.control import NarrationControl
from ui.shell.window import Screen

# Time for espeak-ng, QtMultimedia's start and the server together; generous for a slow CI machine.
HEAR_WITHIN_S = 15.0
# After a stop, what the sound server had already been given may still arrive for a moment.
SETTLE_S = 0.5

_LONG = {
    "vi": StepText(
        "Mở kho ứng dụng",
        "Trên điện thoại Android, mở CH Play. Trên iPhone, mở App Store. Chạm vào ô tìm kiếm ở trên cùng, "
        "gõ chữ VNeID, rồi chờ danh sách hiện ra. Hãy xem kỹ tên nhà phát triển: phải là Trung tâm dữ liệu "
        "quốc gia về dân cư, Bộ Công an. Đừng cài ứng dụng nào có tên gần giống nhưng của người khác.",
    ),
    "en": StepText(
        "Open the app store",
        "On an Android phone, open CH Play. On an iPhone, open the App Store. Tap the search box at the "
        "top, type VNeID, and wait for the list to appear. Look carefully at the developer's name: it "
        "must be the national population data centre of the Ministry of Public Security. Never install "
        "an app with a similar name from anyone else.",
    ),
}


def _catalogue(root: Path) -> Catalogue:
    """The test catalogue, with a first step long enough to be cut off."""
    catalogue = make_catalogue(root)
    install = catalogue.tutorial("vneid-install")
    texts = {
        lang: replace(text, steps={**text.steps, "open-store": _LONG[lang]})
        for lang, text in install.texts.items()
    }
    tutorials = tuple(replace(t, texts=texts) if t.id == install.id else t for t in catalogue.tutorials)
    return replace(catalogue, tutorials=tutorials)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> SoundServer:
    """The test run's PulseAudio, made the one this process (and QtMultimedia in it) plays to."""
    require_espeak()
    found = sound_server()
    for name, value in found.environment.items():
        monkeypatch.setenv(name, value)
    return found


@pytest.fixture
def recording(server: SoundServer) -> MonitorRecording:
    return monitor_recording()


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path, recording: MonitorRecording) -> Iterator[Kiosk]:
    with qasync_loop():
        opened = open_kiosk(qtbot, tmp_path, catalogue=_catalogue(tmp_path / "content"))
        opened.window.idle_watcher.stop()
        yield opened
        # Silence before the loop closes: nothing left playing into the next test.
        control = opened.window.narration
        if control is not None:
            control.stop()


def control_of(kiosk: Kiosk) -> NarrationControl:
    kiosk.window.build_later_screens()
    control = kiosk.window.narration
    assert control is not None
    return control


def speaking(control: NarrationControl) -> bool:
    return control.narrator.speaking


def heard_after(kiosk: Kiosk, recording: MonitorRecording, started: float) -> float:
    """When sound first came out after ``started`` (fails if none within HEAR_WITHIN_S)."""
    found: list[float] = []

    def sound_came_out() -> None:
        when = recording.first_sound(started)
        assert when is not None
        found.append(when)

    kiosk.qtbot.waitUntil(sound_came_out, timeout=int(HEAR_WITHIN_S * 1000))
    return found[-1]


def wait(kiosk: Kiosk, seconds: float) -> None:
    kiosk.qtbot.wait(int(seconds * 1000))


def until_silent(kiosk: Kiosk, control: NarrationControl) -> None:
    kiosk.qtbot.waitUntil(lambda: not speaking(control), timeout=int(HEAR_WITHIN_S * 1000) * 2)


def begin(kiosk: Kiosk, lang: str) -> None:
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles[lang])
    kiosk.tap(window.catalogue_screen.tiles["vneid-install"])
    assert kiosk.screen() is Screen.PLAYER


def audio_seconds(tutorial: Tutorial, index: int, lang: str) -> float:
    import wave

    from kiosk.narration.narration import Narration

    path = Narration().audio(Narration.for_step(tutorial, index, lang)).path
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_step_is_heard_next_cuts_it_off_and_repeat_says_it_again(
    kiosk: Kiosk, recording: MonitorRecording, lang: str
) -> None:
    window = kiosk.window
    control = control_of(kiosk)
    tutorial = window._catalogue.tutorial("vneid-install")
    short_s = audio_seconds(tutorial, 1, lang)
    long_s = audio_seconds(tutorial, 0, lang)
    assert long_s > 15 and long_s > 2 * short_s
    begin(kiosk, lang)

    # The visitor finds the speaker and turns it on: the step on screen is read, in its language.
    started = time.monotonic()
    kiosk.tap(window.top_bar.narration_button)
    assert window.session.narration
    assert speaking(control)
    heard = heard_after(kiosk, recording, started)
    wait(kiosk, 1.5)
    assert recording.loudness(heard, time.monotonic()) > SOUND_RMS

    # Next: the long step stops, the next one is read to its end, and nothing of the first comes back.
    next_at = time.monotonic()
    kiosk.tap(window.player_screen.next_button)
    assert window.session.step_index == 1
    until_silent(kiosk, control)
    wait(kiosk, 2.0)
    last = recording.last_sound(next_at)
    assert last is not None and last < next_at + short_s + SETTLE_S + 2.0
    assert recording.seconds_of_sound(next_at, time.monotonic()) < short_s + SETTLE_S
    assert recording.loudness(next_at + short_s + SETTLE_S + 2.0, time.monotonic()) == 0.0

    # Repeat: the same step again (from the cache now: at once).
    again = time.monotonic()
    kiosk.tap(window.player_screen.repeat_button)
    assert heard_after(kiosk, recording, again) - again < 2.0
    until_silent(kiosk, control)

    # Home: silence, and the next visitor starts with reading aloud off.
    kiosk.tap(window.top_bar.home_button)
    assert not speaking(control)
    assert not window.top_bar.narration_button.isChecked()


def test_the_quietest_volume_is_still_heard_and_the_next_visit_starts_at_the_default(
    kiosk: Kiosk, recording: MonitorRecording
) -> None:
    window = kiosk.window
    control = control_of(kiosk)
    narrator = control.narrator
    default = narrator.volume_level
    begin(kiosk, "vi")
    kiosk.tap(window.player_screen.next_button)
    kiosk.tap(window.top_bar.narration_button)
    until_silent(kiosk, control)
    wait(kiosk, SETTLE_S)

    started = time.monotonic()
    kiosk.tap(window.player_screen.repeat_button)
    heard = heard_after(kiosk, recording, started)
    until_silent(kiosk, control)
    wait(kiosk, SETTLE_S)
    at_default = recording.loudness(heard, time.monotonic())

    # "−" on the keypad five times: down to the quietest level and no further.
    for _ in range(5):
        window.keys.perform(Action.VOLUME_DOWN)
        until_silent(kiosk, control)
    assert narrator.volume_level == 0
    wait(kiosk, SETTLE_S)
    started = time.monotonic()
    kiosk.tap(window.player_screen.repeat_button)
    heard = heard_after(kiosk, recording, started)
    until_silent(kiosk, control)
    wait(kiosk, SETTLE_S)
    quietest = recording.loudness(heard, time.monotonic())
    assert SOUND_RMS < quietest < at_default

    # The visit ends: the next visitor hears nothing until they ask, and then at the default volume.
    window.return_to_start()
    settle()
    assert narrator.volume_level == default
    assert not window.session.narration
    assert not window.top_bar.narration_button.isChecked()


def test_touch_and_hear_says_the_name_first_and_presses_on_the_second_touch(
    kiosk: Kiosk, recording: MonitorRecording
) -> None:
    window = kiosk.window
    control = control_of(kiosk)
    begin(kiosk, "en")
    kiosk.tap(window.top_bar.comfort_button)
    section = window.comfort_panel.narration
    kiosk.tap(section.on_button)
    kiosk.tap(section.touch_button)
    assert window.session.touch_and_hear
    until_silent(kiosk, control)
    # Now even "Done" says its name first.
    kiosk.tap(window.comfort_panel.done_button)
    assert window.comfort_panel.isVisible()
    kiosk.tap(window.comfort_panel.done_button)
    assert not window.comfort_panel.isVisible()
    until_silent(kiosk, control)
    wait(kiosk, SETTLE_S)

    started = time.monotonic()
    kiosk.tap(window.player_screen.next_button)
    heard_after(kiosk, recording, started)
    assert window.session.step_index == 0, "the first touch only says the name"
    until_silent(kiosk, control)
    kiosk.tap(window.player_screen.next_button)
    assert window.session.step_index == 1, "the second touch presses"
    until_silent(kiosk, control)


def test_a_language_that_cannot_be_heard_says_so_on_the_toggle(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.kiosk.narration.narration_helpers import hide_espeak

    # No espeak-ng on this kiosk, and the test tutorials carry no recorded audio.
    hide_espeak(monkeypatch, tmp_path)
    kiosk = open_kiosk(qtbot, tmp_path)
    window = kiosk.window
    control = control_of(kiosk)
    toggle = window.top_bar.narration_button
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["en"])
    assert not control.narrator.can_speak("en")
    assert not toggle.isEnabled()
    assert toggle.text() == "No reading aloud"
    kiosk.tap(window.top_bar.comfort_button)
    section = window.comfort_panel.narration
    assert section.note_label.isVisible()
    assert section.note_label.text().startswith("Reading aloud is not available in this language")
    assert not section.on_button.isEnabled() and section.off_button.isChecked()
