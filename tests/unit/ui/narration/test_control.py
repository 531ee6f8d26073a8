"""When the window reads aloud, what it says, and the visitor's controls for it.

The narrator's speaking is watched, not heard, here: its ``speak_*`` methods note what they
were asked (what comes out of a speaker is checked in tests/journeys/test_narration_journey.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content.model import QuizAnswer, Tutorial
from kiosk.narration import UnavailableReason
from tests.helpers.audio import require_espeak
from tests.helpers.qt import Kiosk, open_kiosk, settle
from ui.input.keys import Action
from ui.narration.control import NarrationControl
from ui.narration.playback import sound_server_reachable
from ui.shell.window import Screen
from ui.widgets.icons import Icon
from ui.widgets.narration_controls import NarrationToggle

Said = tuple[str, ...]


class Ears:
    """What the narrator was asked to say, in order; ``("stop",)`` for each silence."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, control: NarrationControl) -> None:
        self.said: list[Said] = []
        # The interface word each text was taken for ("" for none), in order.
        self.voice_items: list[str] = []
        narrator = control.narrator
        stop = narrator.stop

        def speak_text(text: str, lang: str, voice_item: str = "") -> None:
            self.said.append(("text", text, lang))
            self.voice_items.append(voice_item)

        def speak_step(tutorial: Tutorial, index: int, lang: str) -> None:
            self.said.append(("step", tutorial.id, str(index), lang))

        def speak_reason(tutorial: Tutorial, index: int, lang: str) -> None:
            self.said.append(("reason", tutorial.id, str(index), lang))

        def stopped() -> None:
            self.said.append(("stop",))
            stop()

        monkeypatch.setattr(narrator, "speak_text", speak_text)
        monkeypatch.setattr(narrator, "speak_step", speak_step)
        monkeypatch.setattr(narrator, "speak_reason", speak_reason)
        monkeypatch.setattr(narrator, "stop", stopped)

    def spoken(self) -> list[Said]:
        """What was said (the silences left out), then forgotten."""
        found = [said for said in self.said if said[0] != "stop"]
        self.said.clear()
        return found

    def texts(self) -> list[str]:
        return [said[1] for said in self.spoken() if said[0] == "text"]


def icon_of(button: NarrationToggle) -> Icon | None:
    return button.icon_view.icon if button.icon_view is not None else None


def reading_aloud(kiosk: Kiosk) -> bool:
    """Read afresh on each call (a property read twice may change in between)."""
    return kiosk.window.session.narration


def control_of(kiosk: Kiosk) -> NarrationControl:
    kiosk.window.build_later_screens()
    control = kiosk.window.narration
    assert control is not None
    return control


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Kiosk:
    require_espeak()
    return open_kiosk(qtbot, tmp_path)


@pytest.fixture
def ears(kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> Ears:
    return Ears(monkeypatch, control_of(kiosk))


def in_a_tutorial(kiosk: Kiosk, tutorial_id: str = "vneid-install") -> None:
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.tiles["vi"])
    catalogue = window.catalogue_screen
    if tutorial_id not in catalogue.tiles:
        kiosk.tap(catalogue.tabs["safety"])
    kiosk.tap(catalogue.tiles[tutorial_id])


# -- the toggle ---------------------------------------------------------------------------------
def test_the_speaker_in_the_top_bar_turns_reading_aloud_on_for_this_visit_only(
    kiosk: Kiosk, ears: Ears
) -> None:
    window = kiosk.window
    toggle = window.top_bar.narration_button
    assert toggle.isVisible() and toggle.isEnabled() and not toggle.isChecked()
    # A speaker, no words: found without reading; its name says what it is and whether it is on.
    assert toggle.text() == ""
    assert toggle.accessibleName() == "Đọc to: đang tắt"
    assert icon_of(toggle) is Icon.SPEAKER_OFF
    assert ears.spoken() == []

    kiosk.tap(toggle)
    assert window.session.narration and not window.session.is_pristine
    assert toggle.isChecked() and toggle.accessibleName() == "Đọc to: đang bật"
    assert icon_of(toggle) is Icon.SPEAKER
    # Turned on, it reads the screen it is on.
    assert ears.texts() == [kiosk.text("start.welcome") + " " + kiosk.text("start.intro")]

    window.session.choose_language("en")
    settle()
    assert toggle.accessibleName() == "Read aloud: on"
    window.return_to_start()
    settle()
    assert not reading_aloud(kiosk)
    assert not toggle.isChecked() and toggle.accessibleName() == "Đọc to: đang tắt"
    assert ears.spoken() == []


def test_turned_off_it_is_silent_at_once(kiosk: Kiosk, ears: Ears) -> None:
    in_a_tutorial(kiosk)
    kiosk.tap(kiosk.window.top_bar.narration_button)
    assert ears.spoken() == [("step", "vneid-install", "0", "vi")]
    kiosk.tap(kiosk.window.top_bar.narration_button)
    assert ears.said == [("stop",)]
    kiosk.tap(kiosk.window.player_screen.next_button)
    assert ears.spoken() == []


# -- what is said, and what interrupts it ---------------------------------------------------------
def test_each_screen_and_step_is_said_when_it_appears_and_navigation_interrupts(
    kiosk: Kiosk, ears: Ears
) -> None:
    window = kiosk.window
    kiosk.tap(window.top_bar.narration_button)
    ears.spoken()
    kiosk.tap(window.start_screen.start_button)
    assert ears.texts() == [kiosk.text("language.choose")]
    kiosk.tap(window.language_screen.tiles["en"])
    assert ears.texts() == [kiosk.text("catalogue.title", "en")]
    kiosk.tap(window.catalogue_screen.tiles["vneid-install"])
    # The tutorial, the step and the screen all changed: said once, after a silence.
    assert ears.said[0] == ("stop",)
    assert ears.spoken() == [("step", "vneid-install", "0", "en")]
    kiosk.tap(window.player_screen.next_button)
    assert ears.said[0] == ("stop",)
    assert ears.spoken() == [("step", "vneid-install", "1", "en")]
    kiosk.tap(window.player_screen.repeat_button)
    assert ears.spoken() == [("step", "vneid-install", "1", "en")]
    kiosk.tap(window.player_screen.back_button)
    assert ears.spoken() == [("step", "vneid-install", "0", "en")]
    window.keys.perform(Action.REPEAT)
    settle()
    assert ears.spoken() == [("step", "vneid-install", "0", "en")]
    for _ in range(3):
        kiosk.tap(window.player_screen.next_button)
    assert kiosk.screen() is Screen.FINISH
    assert ears.spoken()[-1] == ("text", kiosk.text("finish.title", "en"), "en")
    # The finish screen's one way home.
    kiosk.tap(window.finish_screen.end_button)
    assert ears.said[0] == ("stop",)
    assert ears.spoken() == []


def test_the_comfort_panel_and_the_idle_question_are_said_when_they_open(kiosk: Kiosk, ears: Ears) -> None:
    window = kiosk.window
    in_a_tutorial(kiosk)
    kiosk.tap(window.top_bar.narration_button)
    ears.spoken()
    kiosk.tap(window.top_bar.comfort_button)
    assert ears.said[0] == ("stop",)
    assert ears.texts() == [kiosk.text("comfort.title")]
    kiosk.tap(window.comfort_panel.done_button)
    assert ears.said == [("stop",)]
    ears.said.clear()

    window.show_idle_warning(25)
    settle()
    question = window.idle_overlay.question_label.text()
    countdown = window.idle_overlay.countdown_label.text()
    assert ears.texts() == [f"{question} {countdown} {kiosk.text('idle.choices')}"]
    assert question == kiosk.text("idle.question")
    kiosk.tap(window.idle_overlay.continue_button)
    assert ears.said == [("stop",)]


def test_the_keys_focus_help_and_volume_are_spoken(kiosk: Kiosk, ears: Ears) -> None:
    window = kiosk.window
    control = control_of(kiosk)
    in_a_tutorial(kiosk)
    kiosk.tap(window.top_bar.narration_button)
    ears.spoken()
    window.keys.perform(Action.NEXT_CONTROL)
    settle()
    assert ears.texts() == [window.player_screen.back_button.accessibleName()]
    window.keys.perform(Action.HELP)
    settle()
    (help_text,) = ears.texts()
    assert kiosk.text("help.control.step_back") in help_text
    window.keys.perform(Action.HELP)

    default = control.narrator.volume_level
    window.keys.perform(Action.VOLUME_DOWN)
    assert control.narrator.volume_level == default - 1
    # Nothing was being read: the new level is said, at the new loudness.
    assert ears.texts() == [kiosk.text("narration.volume", level=default, steps=5)]
    for _ in range(10):
        window.keys.perform(Action.VOLUME_DOWN)
    assert control.narrator.volume_level == 0
    window.keys.perform(Action.VOLUME_UP)
    assert control.narrator.volume_level == 1
    window.return_to_start()
    assert control.narrator.volume_level == default


def test_a_drill_step_asks_its_question_then_says_the_verdict_and_why(kiosk: Kiosk, ears: Ears) -> None:
    window = kiosk.window
    control = control_of(kiosk)
    in_a_tutorial(kiosk, "scam-drill")
    kiosk.tap(window.top_bar.narration_button)
    assert ears.spoken() == [("step", "scam-drill", "0", "vi")]
    # The step has been read: then the question.
    control.narrator.speaking_changed.emit(False)
    assert ears.texts() == [kiosk.text("quiz.question")]
    step = window.player_screen.step
    assert step is not None and step.answer is QuizAnswer.SCAM
    kiosk.tap(window.player_screen.quiz.scam_button)
    verdict = f"{kiosk.text('quiz.right')} {kiosk.text('quiz.is_scam')}"
    assert ears.spoken() == [("text", verdict, "vi")]
    control.narrator.speaking_changed.emit(False)
    assert ears.spoken() == [("reason", "scam-drill", "0", "vi")]
    # Nothing is left to follow the reason.
    control.narrator.speaking_changed.emit(False)
    assert ears.spoken() == []


def test_next_before_an_answer_reads_the_calm_line_asking_for_one(kiosk: Kiosk, ears: Ears) -> None:
    window = kiosk.window
    in_a_tutorial(kiosk, "scam-drill")
    kiosk.tap(window.top_bar.narration_button)
    ears.spoken()
    kiosk.tap(window.player_screen.next_button)
    assert ears.spoken() == [("text", kiosk.text("quiz.choose_first"), "vi")]
    assert window.session.step_index == 0


def test_repeat_shows_only_while_reading_aloud_is_on(kiosk: Kiosk, ears: Ears) -> None:
    window = kiosk.window
    in_a_tutorial(kiosk, "scam-drill")
    player = window.player_screen
    assert not player.repeat_button.isVisible()
    next_place = player.next_button.geometry()
    kiosk.tap(window.top_bar.narration_button)
    assert player.repeat_button.isVisible()
    # Its place was kept: Next has not moved.
    assert player.next_button.geometry() == next_place
    kiosk.tap(window.top_bar.narration_button)
    assert not player.repeat_button.isVisible()
    kiosk.tap(window.top_bar.narration_button)
    window.return_to_start()
    assert not window.session.narration
    in_a_tutorial(kiosk, "scam-drill")
    assert not player.repeat_button.isVisible()


# -- the comfort panel's section ----------------------------------------------------------------
def test_the_comfort_section_turns_it_on_sets_the_volume_and_touch_and_hear(kiosk: Kiosk, ears: Ears) -> None:
    window = kiosk.window
    control = control_of(kiosk)
    kiosk.tap(window.top_bar.comfort_button)
    section = window.comfort_panel.narration
    assert section.off_button.isChecked()
    assert not section.quieter_button.isEnabled() and not section.touch_button.isEnabled()
    ears.spoken()
    kiosk.tap(section.on_button)
    assert window.session.narration and window.top_bar.narration_button.isChecked()
    assert ears.texts() == [kiosk.text("narration.turned_on")]
    assert section.volume_label.text() == kiosk.text("narration.volume", level=4, steps=5)
    kiosk.tap(section.louder_button)
    assert control.narrator.volume_level == 4
    assert ears.texts() == [kiosk.text("narration.volume", level=5, steps=5)]
    # The loudest: "louder" has nothing more to give.
    assert not section.louder_button.isEnabled()
    for _ in range(4):
        kiosk.tap(section.quieter_button)
    assert control.narrator.volume_level == 0 and not section.quieter_button.isEnabled()
    assert section.volume_label.text() == kiosk.text("narration.volume", level=1, steps=5)
    ears.spoken()
    kiosk.tap(section.touch_button)
    assert window.session.touch_and_hear
    assert ears.texts() == [kiosk.text("narration.touch_note")]
    assert section.touch_button.accessibleName() == f"{kiosk.text('narration.touch')}: đang bật"
    # Touch and hear is on now: the first touch says "Off", the second turns it off.
    kiosk.tap(section.off_button)
    assert reading_aloud(kiosk)
    assert ears.texts() == [section.off_button.accessibleName()]
    kiosk.tap(section.off_button)
    assert not reading_aloud(kiosk)
    assert not section.touch_button.isEnabled()
    window.return_to_start()
    assert not kiosk.window.session.touch_and_hear
    assert control.narrator.volume_level == 3


def test_a_language_without_a_voice_says_so_on_the_toggle(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.kiosk.narration.narration_helpers import hide_espeak

    hide_espeak(monkeypatch, tmp_path)
    kiosk = open_kiosk(qtbot, tmp_path)
    control = control_of(kiosk)
    window = kiosk.window
    toggle = window.top_bar.narration_button
    for lang in ("vi", "en"):
        window.session.choose_language(lang)
        settle()
        assert not control.narrator.can_speak(lang)
        assert not toggle.isEnabled() and not toggle.isChecked()
        assert toggle.text() == kiosk.text("narration.unavailable")
        assert kiosk.text("narration.unavailable_note") in toggle.accessibleName()
        window.open_comfort()
        settle()
        note = window.comfort_panel.narration.note_label
        assert note.isVisible() and note.text() == kiosk.text("narration.unavailable_note")
        assert not window.comfort_panel.narration.on_button.isEnabled()
        window.comfort_panel.hide()
    assert kiosk.text("narration.unavailable_note", "en").startswith(
        "Reading aloud is not available in this language"
    )


def test_without_a_speaker_the_toggle_says_there_is_no_sound_and_the_visit_goes_on(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    monkeypatch.setenv("PULSE_RUNTIME_PATH", str(tmp_path / "no-pulse"))
    assert not sound_server_reachable()
    window = kiosk.window
    control = control_of(kiosk)
    reasons: list[str] = []
    control.narrator.unavailable.connect(reasons.append)
    in_a_tutorial(kiosk)
    kiosk.tap(window.top_bar.narration_button)
    assert reasons == [UnavailableReason.NO_SOUND_OUTPUT.value]
    toggle = window.top_bar.narration_button
    assert toggle.text() == kiosk.text("narration.no_sound") and toggle.isChecked()
    assert icon_of(toggle) is Icon.SPEAKER_OFF
    kiosk.tap(window.player_screen.next_button)
    assert window.session.step_index == 1
    window.open_comfort()
    settle()
    assert window.comfort_panel.narration.note_label.text() == kiosk.text("narration.no_sound_note")
    # The visitor can still turn it off; the next visit starts without the note.
    window.comfort_panel.hide()
    kiosk.tap(toggle)
    assert toggle.text() == "" and not toggle.isChecked()
    window.return_to_start()
    assert control.state().no_sound is False


# -- touch and hear -----------------------------------------------------------------------------
def test_touch_and_hear_first_touch_says_the_name_and_a_second_presses(kiosk: Kiosk, ears: Ears) -> None:
    window = kiosk.window
    in_a_tutorial(kiosk)
    window.session.set_narration(True)
    window.session.set_touch_and_hear(True)
    settle()
    ears.spoken()
    next_button = window.player_screen.next_button
    kiosk.tap(next_button)
    assert window.session.step_index == 0
    assert ears.texts() == [next_button.accessibleName()]
    # The steady taps never saw that touch: it cannot make the next one look like a repeat.
    assert not window.steady_taps.is_repeat(next_button)
    # A shaky hand lands again at once: still the first touch, nothing pressed, nothing said again.
    kiosk.tap(next_button, after_s=0.2)
    assert window.session.step_index == 0 and ears.spoken() == []
    # The second, deliberate touch presses it: it is not a repeat for the steady taps.
    kiosk.tap(next_button, after_s=1.0)
    assert window.session.step_index == 1
    assert ears.spoken() == [("step", "vneid-install", "1", "vi")]
    # Another button: its name first.
    kiosk.tap(window.player_screen.back_button)
    assert window.session.step_index == 1
    assert ears.texts() == [window.player_screen.back_button.accessibleName()]
    # Too late for the second touch: the name again, not a press.
    kiosk.tap(window.player_screen.back_button, after_s=6.0)
    assert window.session.step_index == 1
    assert ears.texts() == [window.player_screen.back_button.accessibleName()]
    kiosk.tap(window.player_screen.back_button)
    assert window.session.step_index == 0


def test_touch_and_hear_counts_as_activity_and_leaves_keys_alone(kiosk: Kiosk, ears: Ears) -> None:
    window = kiosk.window
    in_a_tutorial(kiosk)
    window.session.set_narration(True)
    window.session.set_touch_and_hear(True)
    settle()
    watcher = window.idle_watcher
    kiosk.clock.advance(50)
    kiosk.tap(window.player_screen.next_button)
    assert watcher._last_input == kiosk.clock.now
    # The keys press at once: they already say a button's name when the focus lands on it.
    window.keys.perform(Action.NEXT)
    settle()
    assert window.session.step_index == 1


def test_without_touch_and_hear_or_narration_a_touch_presses_at_once(kiosk: Kiosk, ears: Ears) -> None:
    window = kiosk.window
    in_a_tutorial(kiosk)
    window.session.set_touch_and_hear(True)
    kiosk.tap(window.player_screen.next_button)
    assert window.session.step_index == 1
    window.session.set_narration(True)
    window.session.set_touch_and_hear(False)
    kiosk.tap(window.player_screen.next_button)
    assert window.session.step_index == 2


def test_a_first_touch_leaves_the_button_up_and_presses_nothing(kiosk: Kiosk, ears: Ears) -> None:
    window = kiosk.window
    in_a_tutorial(kiosk)
    window.session.set_narration(True)
    window.session.set_touch_and_hear(True)
    settle()
    next_button = window.player_screen.next_button
    kiosk.clock.advance(1.0)
    QTest.mousePress(next_button, Qt.MouseButton.LeftButton)
    QTest.mouseRelease(next_button, Qt.MouseButton.LeftButton)
    settle()
    assert not next_button.isDown() and window.session.step_index == 0


def test_a_page_over_the_whole_window_silences_it(kiosk: Kiosk, ears: Ears) -> None:
    """Organiser mode or a volunteer's page opening over the visit (overlays not for the visitor)."""
    from ui.guided.page import VolunteerPage

    window = kiosk.window
    in_a_tutorial(kiosk)
    kiosk.tap(window.top_bar.narration_button)
    ears.said.clear()
    page = VolunteerPage("Page", window)
    page.open()
    assert ears.said == [("stop",)]
    # Closing it says nothing: the volunteer's bar or the next tap decides what comes next.
    page.hide()
    assert ears.said == [("stop",)]
    page.deleteLater()
    settle()
    ears.said.clear()
    assert window.organiser is not None
    window.organiser.open()
    assert ears.said == [("stop",)]


def test_a_spoken_only_language_turns_reading_aloud_on_and_takes_the_recorded_words(
    kiosk: Kiosk, ears: Ears, tmp_path: Path
) -> None:
    # A Hmong voice pack: that it is there makes Hmong spoken only (no UI text of its own).
    from kiosk.voices.items import Item
    from kiosk.voices.pack import VoicePack
    from tests.unit.kiosk.voices.voice_helpers import padded_voice, write_wav

    take = write_wav(tmp_path / "take.wav", padded_voice(before_s=0.2, voice_s=0.5, after_s=0.2))
    VoicePack.open("hmn").add(Item.interface("ui.greeting"), take, "0" * 64)
    window = kiosk.window
    kiosk.tap(window.start_screen.start_button)
    kiosk.tap(window.language_screen.voice_tiles["hmn"])
    kiosk.qtbot.waitUntil(lambda: kiosk.screen() is Screen.CATALOGUE, timeout=10_000)
    assert window.session.language == "hmn" and reading_aloud(kiosk)
    control = control_of(kiosk)
    assert control.spoken_only("hmn") and not control.spoken_only("en")
    kiosk.tap(window.catalogue_screen.tabs["safety"])
    kiosk.tap(window.catalogue_screen.tiles["scam-drill"])
    settle()
    ears.spoken()
    ears.voice_items.clear()
    kiosk.tap(window.player_screen.quiz.scam_button)
    assert ears.voice_items == ["ui.quiz.right"]
    control.narrator.speaking_changed.emit(False)
    ears.spoken()
    # Touch and hear: the Next button's name is the recorded word "ui.next".
    window.session.set_touch_and_hear(True)
    settle()
    ears.voice_items.clear()
    kiosk.tap(window.player_screen.next_button)
    assert ears.voice_items == ["ui.next"]
    assert ears.texts() == [window.player_screen.next_button.accessibleName()]
