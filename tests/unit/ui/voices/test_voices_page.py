"""The "Record voices" page: consent once, languages, coverage, checking, and no microphone.

Recordings here are real files made by the real voice pack from a voice-like WAV; the page's
own recording through a real (PulseAudio) microphone is tests/integration/test_voices_page_recording.py.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.pins import PinRole
from kiosk.system import paths
from kiosk.system import settings as settings_store
from kiosk.voices.coverage import Status, status_of
from kiosk.voices.items import text_hash
from kiosk.voices.pack import State, VoicePack
from tests.helpers.clock import FakeClock
from tests.helpers.organiser import filled_database, organiser_screen, pin_store
from tests.helpers.qt import qasync_loop, settle
from tests.unit.kiosk.voices.voice_helpers import padded_voice, write_wav
from tests.unit.ui.voices.voices_page_helpers import (
    FAKE_CALL,
    FAKE_CALL_WHY,
    OPEN_STORE,
    ROOT,
    TUTORIAL,
    open_page,
    small_content,
    voices_root,
)
from ui.organiser.pin_dialog import PinPad
from ui.organiser.voices_page import VoicesPage, meter_value
from ui.widgets.common import BigButton

pytestmark = pytest.mark.ui

HOSTS: list[QWidget] = []


@pytest.fixture(autouse=True)
def _hosts() -> Iterator[None]:
    yield
    HOSTS.clear()


def click(button: QWidget) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()


def shown(page: VoicesPage, name: str) -> QWidget:
    """The list's widget of that name now (the list is rebuilt; the old one goes later)."""
    found = [
        child for child in page.list_view.findChildren(QWidget, name) if child.isVisibleTo(page.list_view)
    ]
    assert len(found) == 1, name
    return found[0]


def counts(page: VoicesPage, group: str) -> str:
    found = shown(page, f"voices-group-{group}").findChild(QLabel, "counts")
    assert found is not None
    return found.text()


def agreed(qtbot: QtBot, tmp_path: Path, lang: str = "en") -> VoicesPage:
    page = open_page(qtbot, tmp_path, HOSTS, lang)
    if page.views.currentWidget() is page.consent_view:
        click(page.agree_button)
    return page


def prepared_pack(tmp_path: Path) -> VoicePack:
    """Open-store recorded for an older text (stale), fake-call recorded, its reason checked."""
    wav = write_wav(tmp_path / "take.wav", padded_voice(0.3, 0.8, 0.3))
    pack = VoicePack.open("hmn", voices_root())
    texts = small_content(tmp_path / "texts").texts
    pack.add(OPEN_STORE, wav, text_hash("Mở cửa hàng ứng dụng (bản cũ)."))
    for item in (FAKE_CALL, FAKE_CALL_WHY):
        found = texts.hash(item)
        assert found is not None
        pack.add(item, wav, found)
    pack.mark_checked(FAKE_CALL_WHY, "TNV Lan B")
    return pack


def test_consent_is_asked_once_and_kept_as_a_setting(qtbot: QtBot, tmp_path: Path) -> None:
    page = open_page(qtbot, tmp_path, HOSTS)
    assert page.views.currentWidget() is page.consent_view
    assert "never a visitor's" in page.consent_text.text()
    assert not settings_store.load(paths.settings_file()).voices_consent
    click(page.agree_button)
    assert page.views.currentWidget() is page.list_view
    assert settings_store.load(paths.settings_file()).voices_consent
    # Nothing personal is kept: the settings file holds a yes, no name.
    assert "voices_consent" in paths.settings_file().read_text(encoding="utf-8")

    again = open_page(qtbot, tmp_path / "again", HOSTS)
    assert again.views.currentWidget() is again.list_view


def test_coverage_per_language_and_tutorial_lists_stale_items(qtbot: QtBot, tmp_path: Path) -> None:
    prepared_pack(tmp_path)
    page = agreed(qtbot, tmp_path)
    # The language with a pack is chosen; the known ones are offered, with own names where sure.
    assert page.language == "hmn"
    assert page.language_buttons["hmn"].isChecked()
    assert page.language_buttons["hmn"].text() == "Tiếng H'Mông\nHmoob (hmn)"
    assert "blt" in page.language_buttons and "khm" in page.language_buttons
    assert page.totals.text() == "1 not checked · 1 checked · 6 missing · 1 to record again"
    assert counts(page, TUTORIAL) == "1 not checked · 1 checked · 0 missing · 1 to record again"
    assert counts(page, "ui") == "0 not checked · 0 checked · 6 missing · 0 to record again"
    assert page.stale.isVisible()
    assert page.stale.text() == "To record again (the text changed): Cài VNeID: open-store"

    # Another language: nothing recorded, every item missing.
    click(page.language_buttons["tyz"])
    assert page.totals.text() == "0 not checked · 0 checked · 9 missing · 0 to record again"
    assert not page.stale.isVisible()


def test_record_starts_at_the_first_item_to_do_and_shows_text_and_picture(
    qtbot: QtBot, tmp_path: Path
) -> None:
    prepared_pack(tmp_path)
    page = agreed(qtbot, tmp_path, "vi")
    click(shown(page, f"record-{TUTORIAL}"))
    assert page.views.currentWidget() is page.item_view
    # Open-store is stale: first to record again.
    assert page.item == OPEN_STORE
    assert (
        page.said.text()
        == "Mở cửa hàng\nMở cửa hàng ứng dụng trên điện thoại. Nút cần bấm được khoanh vòng màu cam."
    )
    assert page.item_state.text() == "Nội dung đã đổi từ khi thu: hãy thu lại."
    assert page.picture.isVisible()
    assert page.record_button.isVisible() and not page.keep_button.isVisible()
    assert page.item_header.text() == "Tiếng H'Mông · Cài VNeID · 1/3"
    click(page.next_button)
    assert page.item == FAKE_CALL and page.item_state.text() == "Đã thu, chưa kiểm tra."
    assert page.listen_button.isVisible()


def test_a_second_volunteer_checks_or_sends_back_each_recording(qtbot: QtBot, tmp_path: Path) -> None:
    prepared_pack(tmp_path)
    page = agreed(qtbot, tmp_path)
    check = shown(page, f"check-{TUTORIAL}")
    assert check is not None and check.isEnabled()
    click(check)
    # First who checks: a nickname typed on the screen's keys, never a phone number.
    assert page.views.currentWidget() is page.type_view
    assert page.type_title.text() == "Who is checking?"
    page.type_field.setText("0912 345 678")
    click(page.type_ok)
    assert page.type_message.text().startswith("The nickname looks like a phone number")
    page.type_field.clear()
    click(page.type_ok)
    assert page.type_message.text().startswith("Type your short nickname")
    for key in ("shift", "t", "shift", "n", "shift", "v", "space", "shift", "h", "o", "a"):
        click(page.type_keys.keys[key])
    assert page.type_field.text() == "TNV Hoa"
    click(page.type_ok)
    # Only what waits for a check: fake-call (the reason is checked, open-store is stale).
    assert page.views.currentWidget() is page.item_view
    assert page.items == [FAKE_CALL]
    assert page.checker_line.text() == "Checker: TNV Hoa"
    assert page.checked_button.isVisible() and not page.record_button.isVisible()
    click(page.checked_button)
    assert page.message.text() == "Listen to the recording before you mark it."
    click(page.listen_button)
    click(page.checked_button)
    assert page.message.text() == "Marked as checked."
    pack = VoicePack.open("hmn", voices_root())
    recording = pack.get(FAKE_CALL)
    assert recording is not None and recording.state is State.CHECKED and recording.checked_by == "TNV Hoa"

    click(page.to_list_button)
    assert page.totals.text() == "0 not checked · 2 checked · 6 missing · 1 to record again"
    assert not shown(page, f"check-{TUTORIAL}").isEnabled()


def test_asking_for_a_redo_deletes_the_recording(qtbot: QtBot, tmp_path: Path) -> None:
    pack = prepared_pack(tmp_path)
    file = pack.path_of(pack.get(FAKE_CALL))  # type: ignore[arg-type]
    page = agreed(qtbot, tmp_path)
    page.checker = "TNV Hoa"
    page.open_group(TUTORIAL, "check")
    click(page.check_redo_button)
    assert page.message.text().startswith("The recording is deleted.")
    assert not file.exists()
    again = VoicePack.open("hmn", voices_root())
    assert again.get(FAKE_CALL) is None
    assert status_of(again, page.content.texts, FAKE_CALL) is Status.MISSING  # type: ignore[union-attr]


def test_allowing_unchecked_recordings_is_a_setting_off_by_default(qtbot: QtBot, tmp_path: Path) -> None:
    page = agreed(qtbot, tmp_path)
    assert not page.unchecked_button.isChecked()
    assert page.unchecked_button.text() == "Visitors hear checked recordings only"
    click(page.unchecked_button)
    assert settings_store.load(paths.settings_file()).allow_unchecked_voices
    assert page.unchecked_button.text() == "Visitors also hear unchecked recordings"
    again = agreed(qtbot, tmp_path / "again")
    assert again.unchecked_button.isChecked()


def test_a_language_is_added_by_its_code(qtbot: QtBot, tmp_path: Path) -> None:
    page = agreed(qtbot, tmp_path)
    click(page.add_button)
    assert page.views.currentWidget() is page.type_view
    # Letters only: no digits, capitals or space for a code.
    assert not page.type_keys.keys["1"].isVisibleTo(page) and not page.type_keys.shift_button.isVisibleTo(
        page
    )
    page.type_field.setText("h1")
    click(page.type_ok)
    assert page.type_message.text().startswith("“h1” is not a language code")
    page.type_field.clear()
    for key in "pwn":
        click(page.type_keys.keys[key])
    click(page.type_ok)
    assert page.views.currentWidget() is page.list_view
    assert page.language == "pwn" and page.language_buttons["pwn"].isChecked()
    assert page.totals.text() == "0 not checked · 0 checked · 9 missing · 0 to record again"


def test_the_meter_reads_in_decibels() -> None:
    assert meter_value(0.0) == 0
    assert meter_value(1.0) == 100
    assert meter_value(0.001) == 0
    assert meter_value(0.1) == 67


_NO_MICROPHONE = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from PySide6.QtMultimedia import QMediaDevices
from kiosk.system import paths
from kiosk.i18n import UiText
from tests.unit.ui.voices.voices_page_helpers import TUTORIAL, small_content
from ui.organiser.voices_page import VoicesPage

app = QApplication([])
assert QMediaDevices.audioInputs() == [], QMediaDevices.audioInputs()
folder = Path(sys.argv[1])
paths.set_data_dir(folder / "data")
paths.ensure_data_dirs()
content = small_content(folder / "lesson")
page = VoicesPage(UiText.load(paths.ui_text_dir()), sys.argv[2], content=lambda: content)
page.start()
page.agree()
page.choose_language("hmn")
page.open_group(TUTORIAL, "record")
page.record_button.click()
print(page.message.text())
print(page.record_button.isHidden(), page.recorder.recording)
"""


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "No microphone found. Plug in the USB microphone"),
        ("vi", "Không thấy micro. Hãy cắm micro USB"),
    ],
)
def test_without_a_microphone_the_page_says_what_to_do(tmp_path: Path, lang: str, said: str) -> None:
    # A process of its own, as tests/integration/test_voice_recording.py does: QtMultimedia never
    # forgets a microphone it once saw, so this one must never have seen one.
    env = {"QT_QPA_PLATFORM": "offscreen", "PULSE_SERVER": str(tmp_path / "no-server")}
    import os

    answer = subprocess.run(
        [sys.executable, "-c", _NO_MICROPHONE, str(tmp_path), lang],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
        env={**os.environ, **env},
    )
    assert answer.returncode == 0, answer.stderr
    message, buttons = answer.stdout.strip().splitlines()
    assert message.startswith(said), message
    assert "Traceback" not in answer.stderr
    # Record is still offered (after plugging one in), and nothing records.
    assert buttons == "False False"


def test_the_dashboard_opens_the_page_and_back_returns(qtbot: QtBot, tmp_path: Path) -> None:
    database = filled_database(tmp_path / "stats.sqlite3")
    pins = pin_store(tmp_path, FakeClock())
    with qasync_loop(), organiser_screen(qtbot, tmp_path, pins, database, lang="vi") as (_, screen):
        screen.open()
        screen.stack.setCurrentWidget(screen.dashboard)
        assert screen.dashboard.voices_button.text() == "Thu âm giọng đọc"
        click(screen.dashboard.voices_button)
        page = screen.voices_page
        assert screen.stack.currentWidget() is page
        # The kiosk's own lessons: the first use asks for consent, in the organiser's language.
        assert page.views.currentWidget() is page.consent_view
        assert page.consent_title.text() == "Trước khi thu âm"
        click(page.agree_button)
        assert page.content is not None and len(page.content.texts.groups) > 5
        back = page.list_view.findChild(BigButton, "voices-back")
        assert back is not None
        click(back)
        assert screen.stack.currentWidget() is screen.dashboard


def test_leaving_the_page_ends_a_take(qtbot: QtBot, tmp_path: Path) -> None:
    prepared_pack(tmp_path)
    page = agreed(qtbot, tmp_path)
    page.open_group(TUTORIAL, "record")
    take = tmp_path / "work"
    take.mkdir()
    # A take waiting for Keep or Redo (its folder is the page's own while it lasts).
    page._work = take
    page._take_wav = write_wav(take / "take.wav", padded_voice(0.3, 0.8, 0.3))
    page.hide()
    assert _waiting_take(page) is None and not take.exists()
    assert not page.recorder.recording


def type_pin(pad: PinPad, pin: str) -> None:
    for digit in pin:
        QTest.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    QTest.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)


def test_a_volunteer_opens_only_the_voices_page_with_their_pin(qtbot: QtBot, tmp_path: Path) -> None:
    database = filled_database(tmp_path / "stats.sqlite3")
    pins = pin_store(tmp_path, FakeClock())
    pins.set_pin(PinRole.ORGANISER, "582914")
    pins.set_pin(PinRole.VOLUNTEER, "604917")
    with qasync_loop(), organiser_screen(qtbot, tmp_path, pins, database, lang="en") as (_, screen):
        screen.open()
        click(screen.volunteer_button)
        assert screen.stack.currentWidget() is screen.volunteer_pad
        click(screen.volunteer_voices_button)
        assert screen.volunteer_pad.purpose.text() == "Volunteers' PIN, to record voices"
        accepted: list[bool] = []
        screen.volunteer_accepted.connect(lambda: accepted.append(True))
        type_pin(screen.volunteer_pad, "604917")
        qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.voices_page, timeout=20_000)
        # No guided session starts; the page asks for consent first.
        assert accepted == [] and screen.isVisible()
        page = screen.voices_page
        assert page.views.currentWidget() is page.consent_view
        click(page.agree_button)
        back = page.list_view.findChild(BigButton, "voices-back")
        assert back is not None
        with qtbot.waitSignal(screen.closed, timeout=5_000):
            click(back)
        # Back leaves organiser mode: the dashboard is the organiser's, not the volunteer's.
        assert not screen.isVisible() and not screen.voices_by_volunteer

        # The plain volunteer PIN still starts a guided session.
        screen.open()
        click(screen.volunteer_button)
        assert screen.volunteer_voices_button.isVisible() and not screen.volunteer_pad.purpose.isVisible()
        with qtbot.waitSignal(screen.volunteer_accepted, timeout=20_000):
            type_pin(screen.volunteer_pad, "604917")


def _waiting_take(page: VoicesPage) -> Path | None:
    """The take waiting for Keep or Redo (read through a call: hiding the page changes it)."""
    return page._take_wav
