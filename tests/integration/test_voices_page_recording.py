"""The "Record voices" page records from a real PulseAudio microphone; a second volunteer checks it.

The microphone is the ``module-pipe-source`` of tests/integration/test_voice_recording.py, fed
in real time with room noise, a voice-like sound and room noise; the page's own buttons record,
stop, keep (the voice pack then lists the item as recorded) and, on "Check recordings", mark it
checked. The level meter must move while the voice speaks.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import soundfile
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.voices.audio import MARGIN_S, TARGET_DBFS
from kiosk.voices.coverage import Status, status_of
from kiosk.voices.pack import State, VoicePack
from tests.helpers.audio import monitor_recording
from tests.helpers.qt import settle
from tests.unit.kiosk.voices.voice_helpers import (
    MICROPHONE,
    VirtualMicrophone,
    padded_voice,
    speech_dbfs,
    virtual_microphone,
)
from tests.unit.ui.voices.voices_page_helpers import OPEN_STORE, TUTORIAL, open_page, voices_root
from ui.voices.recorder import microphones

pytestmark = pytest.mark.ui

VOICE_S = 1.5
HOSTS: list[QWidget] = []


@pytest.fixture
def microphone(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path) -> Iterator[VirtualMicrophone]:
    from tests.helpers.audio import sound_server

    for name, value in sound_server().environment.items():
        monkeypatch.setenv(name, value)
    monitor_recording()
    with virtual_microphone(tmp_path) as found:
        qtbot.waitUntil(lambda: MICROPHONE in [device for device, _ in microphones()], timeout=10_000)
        yield found
    HOSTS.clear()


def click(button: QWidget) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()


def test_a_volunteer_records_keeps_and_a_second_one_checks(
    qtbot: QtBot, microphone: VirtualMicrophone, tmp_path: Path
) -> None:
    page = open_page(qtbot, tmp_path, HOSTS)
    click(page.agree_button)
    page.choose_language("hmn")
    page.open_group(TUTORIAL, "record")
    assert page.item == OPEN_STORE
    # The pictures' microphone by its name (the server's default input is the speaker's monitor).
    page.microphone = MICROPHONE
    meter: list[int] = []
    page.meter.valueChanged.connect(meter.append)

    click(page.record_button)
    assert page.recorder.recording and page.stop_button.isVisible() and not page.record_button.isVisible()
    feeding = microphone.speak(padded_voice(0.7, VOICE_S, 0.7))
    qtbot.waitUntil(lambda: not feeding.is_alive(), timeout=20_000)
    qtbot.wait(300)
    started = time.monotonic()
    click(page.stop_button)
    print(f"Stop to a playable take on the page: {1000 * (time.monotonic() - started):.0f} ms")
    # The meter moved with the voice, and is back at rest.
    assert max(meter) > 70 and page.meter.value() == 0
    assert page.take is not None and page.keep_button.isVisible() and page.redo_button.isVisible()
    samples, rate = soundfile.read(page.take.path, dtype="float32")
    assert VOICE_S <= len(samples) / rate <= VOICE_S + 2 * MARGIN_S + 0.15
    assert abs(speech_dbfs(samples, rate) - TARGET_DBFS) < 1.5

    with qtbot.waitSignal(page.kept, timeout=10_000) as kept:
        click(page.keep_button)
    assert kept.args == [OPEN_STORE.key]
    # On to the next item.
    assert page.item != OPEN_STORE and page.message.text() == "Kept. On to the next item."
    pack = VoicePack.open("hmn", voices_root())
    recording = pack.get(OPEN_STORE)
    assert recording is not None and recording.state is State.RECORDED and pack.intact(recording)
    assert page.content is not None
    assert status_of(pack, page.content.texts, OPEN_STORE) is Status.RECORDED

    click(page.to_list_button)
    assert page.totals.text().startswith("1 not checked · 0 checked · 8 missing")
    page.open_group(TUTORIAL, "check")
    page.type_field.setText("TNV Lan B")
    click(page.type_ok)
    assert page.items == [OPEN_STORE]
    click(page.listen_button)
    click(page.checked_button)
    checked = VoicePack.open("hmn", voices_root()).get(OPEN_STORE)
    assert checked is not None and checked.state is State.CHECKED and checked.checked_by == "TNV Lan B"
    page.playback.stop()
