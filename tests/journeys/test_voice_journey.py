"""A spoken-only visit: a visitor who reads no Vietnamese chooses Hmong by ear and hears a volunteer.

The real window, a real voice pack in the data dir (made with kiosk.voices from a generated
WAV, checked by a second speaker), QtMultimedia playing into PulseAudio's null sink and
``parec`` recording what came out. The visitor touches the Hmong tile (its own name and a
speaker): the recorded greeting is heard and Hmong is chosen; the screens stay in Vietnamese,
reading aloud is on without asking, the step plays the volunteer's recording (not espeak-ng),
and the visit is counted with the language "hmn".
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.content.model import Catalogue
from kiosk.narration.narration import AudioSource, NarrationAudio, NarrationRequest
from kiosk.narration.voices import SOURCE_UI_KEYS
from kiosk.stats.models import Visit
from kiosk.voices.items import Item, SourceTexts
from kiosk.voices.pack import VoicePack, voices_dir
from tests.helpers.audio import SOUND_RMS, MonitorRecording, SoundServer, monitor_recording, sound_server
from tests.helpers.catalogue import make_catalogue
from tests.helpers.qt import Kiosk, open_kiosk, qasync_loop, ui_text
from tests.unit.kiosk.voices.voice_helpers import padded_voice, write_wav
from ui.shell.window import Screen

HEAR_WITHIN_S = 15.0
DAY = date(2026, 12, 8)
GREETING = Item.interface("ui.greeting")
OPEN_STORE = Item("vneid-install", "open-store")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> SoundServer:
    found = sound_server()
    for name, value in found.environment.items():
        monkeypatch.setenv(name, value)
    return found


@pytest.fixture
def recording(server: SoundServer) -> MonitorRecording:
    return monitor_recording()


def _voice_pack(catalogue: Catalogue, folder: Path) -> VoicePack:
    """A Hmong pack: the greeting and the first step, recorded and checked; Next recorded only."""
    text = ui_text()
    vietnamese = {key: text.get("vi", key) for key in SOURCE_UI_KEYS if text.has("vi", key)}
    texts = SourceTexts(catalogue.tutorials, vietnamese)
    take = write_wav(folder / "take.wav", padded_voice(before_s=0.3, voice_s=1.5, after_s=0.3))
    pack = VoicePack.open("hmn", voices_dir())
    for item in (GREETING, OPEN_STORE, Item.interface("ui.next")):
        hashed = texts.hash(item)
        assert hashed is not None, item
        pack.add(item, take, hashed, DAY)
    for item in (GREETING, OPEN_STORE):
        pack.mark_checked(item, "TNV Lan B", DAY)
    return pack


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path, recording: MonitorRecording) -> Iterator[Kiosk]:
    with qasync_loop():
        catalogue = make_catalogue(tmp_path / "content")
        _voice_pack(catalogue, tmp_path)
        opened = open_kiosk(qtbot, tmp_path, catalogue=catalogue)
        opened.window.idle_watcher.stop()
        yield opened
        control = opened.window.narration
        if control is not None:
            control.stop()


def _heard_after(kiosk: Kiosk, recording: MonitorRecording, started: float) -> float:
    found: list[float] = []

    def sound_came_out() -> None:
        when = recording.first_sound(started)
        assert when is not None
        found.append(when)

    kiosk.qtbot.waitUntil(sound_came_out, timeout=int(HEAR_WITHIN_S * 1000))
    return found[-1]


def test_a_spoken_only_visit_chosen_by_ear_and_heard_in_the_volunteers_voice(
    kiosk: Kiosk, recording: MonitorRecording, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = kiosk.window
    pack = VoicePack.open("hmn", voices_dir())
    kiosk.tap(window.start_screen.start_button)
    assert kiosk.screen() is Screen.LANGUAGE
    screen = window.language_screen
    # Hmong has no UI text file: a tile of its own, with its own name and a speaker.
    assert "hmn" not in screen.tiles
    tile = screen.voice_tiles["hmn"]
    assert tile.text() == "Hmoob"
    assert tile.icon_view is not None and tile.icon_view.isVisible()
    assert all(t.icon_view is None or not t.icon_view.isVisible() for t in screen.tiles.values())

    greeted: list[str] = []
    screen.greeting_played.connect(greeted.append)
    touched = time.monotonic()
    kiosk.tap(tile)
    greeting = pack.get(GREETING)
    assert greeting is not None and greeted == [str(pack.path_of(greeting))]
    heard = _heard_after(kiosk, recording, touched)
    assert recording.loudness(heard, heard + 0.5) > SOUND_RMS
    # Chosen once the greeting has been heard.
    kiosk.qtbot.waitUntil(lambda: kiosk.screen() is Screen.CATALOGUE, timeout=int(HEAR_WITHIN_S * 1000))
    session = window.session
    assert session.language == "hmn"
    assert session.narration, "reading aloud is on for a spoken-only language"
    # The screens show Vietnamese.
    assert window.catalogue_screen.back_button.text() == kiosk.text("common.back", "vi")

    control = window.narration
    assert control is not None
    picked: list[tuple[NarrationRequest, NarrationAudio | None]] = []
    narration = control.narrator._narration
    ready = narration.ready

    def watched(request: NarrationRequest) -> NarrationAudio | None:
        found = ready(request)
        picked.append((request, found))
        return found

    monkeypatch.setattr(narration, "ready", watched)
    kiosk.qtbot.waitUntil(lambda: not control.narrator.speaking, timeout=int(HEAR_WITHIN_S * 2000))
    opened = time.monotonic()
    kiosk.tap(window.catalogue_screen.tiles["vneid-install"])
    assert kiosk.screen() is Screen.PLAYER
    kiosk.qtbot.waitUntil(lambda: any(r.step_id == "open-store" for r, _ in picked), timeout=5000)
    request, found = next((r, f) for r, f in picked if r.step_id == "open-store")
    step = pack.get(OPEN_STORE)
    assert step is not None
    assert found is not None and found.source is AudioSource.VOICE_PACK
    assert found.path == pack.path_of(step)
    assert request.language == "hmn" and request.speech.languages == ("vi",)
    heard = _heard_after(kiosk, recording, opened)
    assert recording.loudness(heard, heard + 0.5) > SOUND_RMS
    kiosk.qtbot.waitUntil(lambda: not control.narrator.speaking, timeout=int(HEAR_WITHIN_S * 1000))

    # "Next" is recorded but not checked: it is not played as the Hmong word.
    assert narration.voices is not None and narration.voices.word("hmn", "ui.next") is None

    kiosk.tap(window.top_bar.home_button)
    assert kiosk.screen() is Screen.START
    statistics = window.statistics
    assert statistics is not None
    recorder, database = statistics.recorder(), statistics.database()
    assert recorder is not None and database is not None
    assert recorder.flush(30)
    with database.reading() as session_db:
        visits = list(session_db.scalars(select(Visit).order_by(Visit.id)))
    assert [(visit.language, visit.end_reason) for visit in visits] == [("hmn", "home")]


def test_a_voice_pack_exported_and_installed_on_another_kiosk_is_heard_there(
    qtbot: QtBot, tmp_path: Path, recording: MonitorRecording
) -> None:
    from kiosk.content.signing import PublicKey
    from kiosk.content.trust import trust_key
    from kiosk.narration.voices import VoiceLookup
    from kiosk.voices.share import PUBLIC_KEY_FILE, export_pack, install_pack
    from tests.unit.kiosk.voices.voice_helpers import UI_WORDS, tutorial
    from ui.narration.narrator import Narrator

    # The recording kiosk: its own voices folder and key.
    lesson = tutorial()
    other = tmp_path / "recording-kiosk"
    texts = SourceTexts([lesson], UI_WORDS)
    take = write_wav(tmp_path / "take.wav", padded_voice(before_s=0.3, voice_s=2.0, after_s=0.3))
    pack = VoicePack.open("hmn", other / "voices")
    pack.add(OPEN_STORE, take, texts.hash(OPEN_STORE) or "", DAY)
    pack.mark_checked(OPEN_STORE, "TNV Lan B", DAY)
    stick = tmp_path / "stick"
    stick.mkdir()
    exported = export_pack("hmn", stick, root=other / "voices", key_file=other / "kiosk.key").folder
    # This kiosk (the test's data dir): its organiser trusts that key, then installs.
    trust_key(PublicKey.from_text((exported / PUBLIC_KEY_FILE).read_text(encoding="utf-8")), "Xã A")
    installed = install_pack(stick)
    assert installed.folder == voices_dir() / "hmn"
    with qasync_loop():
        narrator = Narrator(
            [lesson], voices=VoiceLookup.of([lesson], UI_WORDS, allow_unchecked=lambda: False)
        )
        try:
            started = time.monotonic()
            narrator.speak_step(lesson, 0, "hmn")
            found: list[float] = []

            def sound_came_out() -> None:
                when = recording.first_sound(started)
                assert when is not None
                found.append(when)

            qtbot.waitUntil(sound_came_out, timeout=int(HEAR_WITHIN_S * 1000))
            assert recording.loudness(found[-1], found[-1] + 1.0) > SOUND_RMS
            qtbot.waitUntil(lambda: not narrator.speaking, timeout=int(HEAR_WITHIN_S * 1000))
            # About the recording's length (2 s of voice, its silences trimmed), not espeak-ng's.
            heard = recording.seconds_of_sound(started, time.monotonic())
            assert 1.0 < heard < 4.0
        finally:
            narrator.shutdown()
