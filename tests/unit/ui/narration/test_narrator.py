"""The narrator without a speaker: it says so calmly, once in the log, and Qt stays quiet.

(With a real sound server, what is heard is checked in tests/integration/test_narration_audio.py.)
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.narration import UnavailableReason
from tests.helpers.audio import require_espeak
from tests.helpers.catalogue import make_catalogue
from ui.narration.narrator import VOLUME_STEPS_DB, Narrator, gain_of
from ui.narration.playback import sound_server_reachable


@pytest.fixture
def no_sound_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No PulseAudio anywhere a client would look (the test run's runtime dir has none)."""
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    monkeypatch.setenv("PULSE_RUNTIME_PATH", str(tmp_path / "no-pulse"))
    assert not sound_server_reachable()


def test_without_a_sound_server_it_reports_no_sound_output_and_never_speaks(
    qtbot: QtBot, tmp_path: Path, no_sound_server: None, caplog: pytest.LogCaptureFixture
) -> None:
    catalogue = make_catalogue(tmp_path / "content")
    narrator = Narrator(catalogue.tutorials)
    reasons: list[str] = []
    speaking: list[bool] = []
    narrator.unavailable.connect(reasons.append)
    narrator.speaking_changed.connect(speaking.append)
    with caplog.at_level(logging.WARNING, logger="ui.narration.narrator"):
        narrator.speak_step(catalogue.tutorials[0], 0, "vi")
        narrator.speak_text("Trang chủ", "vi")
        narrator.speak_step(catalogue.tutorials[0], 1, "en")
    # Each request hears why (the window may show it); the log says it once.
    assert reasons == [UnavailableReason.NO_SOUND_OUTPUT.value] * 3
    assert speaking == []
    assert not narrator.speaking
    assert caplog.text.count("narration unavailable (no-sound-output)") == 1
    narrator.stop()
    # Any Qt warning (e.g. "pa_context_connect() failed") would have failed this test.


def test_volume_has_five_audible_steps_and_returns_to_its_default(qtbot: QtBot) -> None:
    narrator = Narrator()
    levels: list[int] = []
    narrator.volume_changed.connect(levels.append)
    assert narrator.volume_steps == len(VOLUME_STEPS_DB) >= 5
    default = narrator.volume_level
    assert 0 < default < narrator.volume_steps - 1
    for _ in range(10):
        narrator.volume_down()
    assert narrator.volume_level == 0
    # The quietest step is still clearly heard: never below -20 dB of the narration's full level.
    assert gain_of(0) >= 0.1
    for _ in range(10):
        narrator.volume_up()
    assert narrator.volume_level == narrator.volume_steps - 1
    assert gain_of(narrator.volume_level) == 1.0
    narrator.reset_volume()
    assert narrator.volume_level == default
    assert levels == [*range(default - 1, -1, -1), *range(1, narrator.volume_steps), default]
    gains = [gain_of(level) for level in range(narrator.volume_steps)]
    assert gains == sorted(set(gains))


def test_it_answers_which_languages_it_can_speak(qtbot: QtBot, tmp_path: Path) -> None:
    require_espeak()
    narrator = Narrator(make_catalogue(tmp_path / "content").tutorials)
    assert narrator.can_speak("vi")
    assert narrator.can_speak("en")
    # No espeak-ng voice and no recordings: the narration toggle says Hmong cannot be heard.
    assert not narrator.can_speak("hmn")
