"""The language screen offers the languages volunteers recorded, each with a speaker."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.narration.voices import SOURCE_UI_KEYS, VoiceLookup
from kiosk.voices.items import Item, SourceTexts
from kiosk.voices.languages import VoiceLanguage
from kiosk.voices.pack import VoicePack
from tests.helpers.qt import ui_text
from tests.unit.kiosk.voices.voice_helpers import padded_voice, write_wav
from ui.screens.language import LanguageScreen

DAY = date(2026, 12, 8)
GREETING = Item.interface("ui.greeting")


def _record(
    root: Path, code: str, take: Path, *, checked: bool, language: VoiceLanguage | None = None
) -> None:
    text = ui_text()
    texts = SourceTexts((), {key: text.get("vi", key) for key in SOURCE_UI_KEYS if text.has("vi", key)})
    pack = VoicePack.open(code, root, language)
    pack.add(GREETING, take, texts.hash(GREETING) or "", DAY)
    if checked:
        pack.mark_checked(GREETING, "TNV Lan B", DAY)


def test_recorded_languages_get_a_speaker_tile_and_new_packs_appear_when_shown(
    qtbot: QtBot, tmp_path: Path
) -> None:
    root = tmp_path / "voices"
    take = write_wav(tmp_path / "take.wav", padded_voice(before_s=0.2, voice_s=0.6, after_s=0.2))
    _record(root, "hmn", take, checked=True)
    _record(root, "en", take, checked=True)
    text = ui_text()
    texts = {key: text.get("vi", key) for key in SOURCE_UI_KEYS if text.has("vi", key)}
    screen = LanguageScreen(text, voices=VoiceLookup.of((), texts, root, allow_unchecked=lambda: False))
    # Not shown: a shown top-level screen whose tiles change warns on the offscreen platform
    # (in the window it is not top-level: the voice journey shows it there).
    qtbot.addWidget(screen)
    assert list(screen.voice_tiles) == ["hmn"]
    assert screen.voice_tiles["hmn"].text() == "Hmoob"
    icons = {
        lang: tile.icon_view is not None and tile.icon_view.isVisibleTo(screen)
        for lang, tile in screen.tiles.items()
    }
    assert icons == {"vi": False, "en": True}
    # Black Thai's own name is not known for sure: the Vietnamese name is shown.
    _record(root, "blt", take, checked=False)
    # What showing the screen again does.
    screen.refresh_voices()
    assert list(screen.voice_tiles) == ["blt", "hmn"]
    assert screen.voice_tiles["blt"].text() == "Tiếng Thái Đen"
    assert screen.voice_tiles["blt"].isVisibleTo(screen)
    # Without a sound output (no greeter) a voice language is chosen at once.
    with qtbot.waitSignal(screen.language_chosen) as chosen:
        screen.voice_tiles["blt"].click()
    assert chosen.args == ["blt"]
