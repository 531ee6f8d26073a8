"""Narration through a voice pack: the checked, current recording speaks, before any other audio."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.content.audio import Part
from kiosk.narration.cache import AudioCache
from kiosk.narration.espeak import Espeak
from kiosk.narration.narration import AudioSource, Narration
from kiosk.narration.voices import VoiceLookup, interface_item
from kiosk.voices.items import Item, SourceTexts
from kiosk.voices.pack import VoicePack
from tests.unit.kiosk.voices.voice_helpers import UI_WORDS, padded_voice, tutorial, write_wav

DAY = date(2026, 12, 8)
OPEN_STORE = Item("vneid-install", "open-store")
REASON = Item("vneid-install", "fake-call.why")
NEXT = Item.interface("ui.next")


@pytest.fixture
def take(tmp_path: Path) -> Path:
    return write_wav(tmp_path / "take.wav", padded_voice(before_s=0.3, voice_s=0.8, after_s=0.3))


def _pack(root: Path, take: Path, *, checked: bool = True) -> VoicePack:
    texts = SourceTexts([tutorial()], UI_WORDS)
    pack = VoicePack.open("hmn", root)
    for item in (OPEN_STORE, REASON, NEXT):
        pack.add(item, take, texts.hash(item) or "", DAY)
        if checked:
            pack.mark_checked(item, "TNV Lan B", DAY)
    return pack


def _narration(
    tmp_path: Path, step_text: str = "Mở cửa hàng ứng dụng trên điện thoại.", *, allow: bool = False
) -> Narration:
    lookup = VoiceLookup.of(
        [tutorial(step_text)], UI_WORDS, tmp_path / "voices", allow_unchecked=lambda: allow
    )
    # An espeak-ng that is not there: only files can answer.
    espeak = Espeak(program=str(tmp_path / "no-espeak"))
    return Narration(espeak=espeak, cache=AudioCache(tmp_path / "cache"), voices=lookup)


def test_a_checked_recording_speaks_the_step_its_reason_and_a_word(tmp_path: Path, take: Path) -> None:
    pack = _pack(tmp_path / "voices", take)
    narration = _narration(tmp_path)
    lesson = tutorial()
    found = narration.ready(Narration.for_step(lesson, 0, "hmn"))
    assert found is not None and found.source is AudioSource.VOICE_PACK
    recorded = pack.get(OPEN_STORE)
    assert recorded is not None and found.path == pack.path_of(recorded)
    assert found.path.suffix == ".opus" and found.path.is_file()
    why = narration.ready(Narration.for_step(lesson, 1, "hmn", Part.REASON))
    assert why is not None and why.path.name == "fake-call.why.opus"
    word = narration.ready(Narration.for_text("Tiếp theo", "hmn", "ui.next"))
    assert word is not None and word.path == tmp_path / "voices/hmn/ui/ui.next.opus"
    # The second step (the quiz question) has no recording: nothing answers from files, so it
    # falls back to the Vietnamese voice as before.
    assert narration.ready(Narration.for_step(lesson, 1, "hmn")) is None
    assert Narration.for_step(lesson, 1, "hmn").speech.languages == ("vi",)
    # The language can be heard: its unrecorded steps are read in Vietnamese.
    assert narration.can_speak("hmn", [lesson])
    # Vietnamese visitors never hear the Hmong recordings.
    assert narration.voice_pack(Narration.for_step(lesson, 0, "vi")) is None


def test_an_unchecked_recording_plays_only_when_the_setting_allows(tmp_path: Path, take: Path) -> None:
    _pack(tmp_path / "voices", take, checked=False)
    request = Narration.for_step(tutorial(), 0, "hmn")
    assert _narration(tmp_path).voice_pack(request) is None
    allowed = _narration(tmp_path, allow=True).voice_pack(request)
    assert allowed is not None and allowed.path.name == "open-store.opus"


def test_a_stale_or_changed_recording_is_not_played(tmp_path: Path, take: Path) -> None:
    pack = _pack(tmp_path / "voices", take)
    # The content update changed the step's Vietnamese text: the recording is stale.
    changed = _narration(tmp_path, "Mở CH Play trên điện thoại.")
    assert changed.voice_pack(Narration.for_step(tutorial("Mở CH Play trên điện thoại."), 0, "hmn")) is None
    # The reason's text did not change: it still plays.
    assert changed.voice_pack(Narration.for_step(tutorial(), 1, "hmn", Part.REASON)) is not None
    # A file changed after it was checked never plays.
    recorded = pack.get(OPEN_STORE)
    assert recorded is not None
    pack.path_of(recorded).write_bytes(b"not the recording")
    assert _narration(tmp_path).voice_pack(Narration.for_step(tutorial(), 0, "hmn")) is None


def test_an_interface_word_is_found_by_its_text_in_either_language() -> None:
    english = {"player.next": "Next", "common.home": "Home"}
    texts = (lambda key: english.get(key, ""), lambda key: UI_WORDS.get(key, ""))
    assert interface_item("Next", texts) == "ui.next"
    assert interface_item("  Tiếp   theo ", texts) == "ui.next"
    assert interface_item("Trang chủ", texts) == "ui.home"
    assert interface_item("Cài VNeID", texts) == ""


def test_the_allow_unchecked_setting_is_read_from_the_settings_file() -> None:
    from dataclasses import replace

    from kiosk.narration.voices import allow_unchecked_setting
    from kiosk.system import paths
    from kiosk.system import settings as settings_store

    assert allow_unchecked_setting() is False
    settings_store.save(
        replace(settings_store.Settings(), allow_unchecked_voices=True), paths.settings_file()
    )
    assert allow_unchecked_setting() is True
    # Turned off again on the organiser page: heard at once (the file is read again when it changes).
    settings_store.save(settings_store.Settings(), paths.settings_file())
    assert allow_unchecked_setting() is False
