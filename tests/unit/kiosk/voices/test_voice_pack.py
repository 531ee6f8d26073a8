"""A voice pack on disk: adding, checking, redoing; coverage, stale recordings and what plays."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kiosk.voices.coverage import Status, Voices, coverage, status_of
from kiosk.voices.items import INTERFACE_WORDS, Item, SourceTexts, text_hash
from kiosk.voices.languages import LANGUAGES, is_voice_language_code, known_language
from kiosk.voices.pack import PACK_FILE, State, VoicePack, VoicePackError, file_sha256
from tests.unit.kiosk.voices.voice_helpers import UI_WORDS, padded_voice, tutorial, write_wav

OPEN_STORE = Item("vneid-install", "open-store")
REASON = Item("vneid-install", "fake-call.why")
START = Item.interface("ui.start")
DAY = date(2026, 12, 8)


@pytest.fixture
def take(tmp_path: Path) -> Path:
    return write_wav(tmp_path / "take.wav", padded_voice(before_s=0.5, voice_s=1.0, after_s=0.5))


def _texts(step_text: str = "Mở cửa hàng ứng dụng trên điện thoại.") -> SourceTexts:
    return SourceTexts([tutorial(step_text)], UI_WORDS)


def _recorded(root: Path, take: Path, texts: SourceTexts, *items: Item) -> VoicePack:
    pack = VoicePack.open("hmn", root)
    for item in items:
        # An item today's content lacks was recorded for an older text.
        pack.add(item, take, texts.hash(item) or text_hash("an older text"), DAY)
    return pack


def test_source_texts_list_steps_reasons_and_interface_words() -> None:
    texts = _texts()
    assert [item.key for item in texts.groups["vneid-install"]] == [
        "vneid-install/open-store",
        "vneid-install/fake-call",
        "vneid-install/fake-call.why",
    ]
    # Only the interface words the kiosk has Vietnamese for.
    assert [item.step for item in texts.groups["ui"]] == [
        "ui.greeting",
        "ui.start",
        "ui.next",
        "ui.back",
        "ui.home",
        "ui.quiz.right",
    ]
    # A step's text is what the volunteer reads: title, text, and what its ring asks.
    assert (
        texts.text(OPEN_STORE)
        == "Mở cửa hàng Mở cửa hàng ứng dụng trên điện thoại. Nút cần bấm được khoanh vòng màu cam."
    )
    assert texts.text(REASON) == "Công an không gọi để đòi tiền."
    assert texts.text(START) == "Bắt đầu"
    assert set(INTERFACE_WORDS) >= {
        "ui.start",
        "ui.next",
        "ui.back",
        "ui.home",
        "ui.repeat",
        "ui.print",
        "ui.idle",
    }


def test_text_hash_ignores_only_white_space_and_unicode_form() -> None:
    assert text_hash("Bắt  đầu\n") == text_hash("Bắt đầu")
    assert text_hash("Ba\u0306\u0301t đầu") == text_hash("Bắt đầu")  # decomposed vs composed
    assert text_hash("Bắt đầu") != text_hash("Bắt đầu.")


def test_a_recording_is_stored_listed_and_read_back(tmp_path: Path, take: Path) -> None:
    texts = _texts()
    pack = _recorded(tmp_path, take, texts, OPEN_STORE, START)
    again = VoicePack.open("hmn", tmp_path)
    recording = again.get(OPEN_STORE)
    assert recording is not None and again.problems == []
    assert recording.state is State.RECORDED and recording.recorded_on == DAY and recording.checked_by == ""
    assert recording.file == "vneid-install/open-store.opus"
    assert recording.sha256 == file_sha256(tmp_path / "hmn" / recording.file)
    assert recording.text_sha256 == texts.hash(OPEN_STORE)
    assert (tmp_path / "hmn" / "ui" / "ui.start.opus").is_file()
    data = json.loads((tmp_path / "hmn" / PACK_FILE).read_text(encoding="utf-8"))
    assert data["language"]["code"] == "hmn" and data["language"]["own"] == "Hmoob"
    assert {"ui": "ui.start"}.items() <= data["recordings"][0].items()
    assert (
        data["recordings"][1]["tutorial"] == "vneid-install" and data["recordings"][1]["step"] == "open-store"
    )
    assert pack.language.vietnamese == "Tiếng H'Mông"


def test_only_checked_recordings_of_todays_text_play(tmp_path: Path, take: Path) -> None:
    texts = _texts()
    _recorded(tmp_path, take, texts, OPEN_STORE)
    voices = Voices(texts, tmp_path)
    assert voices.playable("hmn", "vneid-install", "open-store") is None
    unchecked = voices.playable("hmn", "vneid-install", "open-store", allow_unchecked=True)
    assert unchecked == tmp_path / "hmn" / "vneid-install" / "open-store.opus"

    # The record page checks it through its own pack; the narration's Voices sees it at once.
    VoicePack.open("hmn", tmp_path).mark_checked(OPEN_STORE, "TNV Lan B", DAY)
    assert voices.playable("hmn", "vneid-install", "open-store") == unchecked
    checked = VoicePack.open("hmn", tmp_path).get(OPEN_STORE)
    assert checked is not None and checked.state is State.CHECKED and checked.checked_by == "TNV Lan B"

    # The content update changes the step's Vietnamese: the recording is stale and silent.
    changed = _texts("Mở ứng dụng CH Play trên điện thoại.")
    assert (
        Voices(changed, tmp_path).playable("hmn", "vneid-install", "open-store", allow_unchecked=True) is None
    )
    assert status_of(VoicePack.open("hmn", tmp_path), changed, OPEN_STORE) is Status.STALE
    # Not recorded at all, or another language: nothing to play.
    assert voices.playable("hmn", "vneid-install", "fake-call", allow_unchecked=True) is None
    assert voices.playable("khm", "vneid-install", "open-store", allow_unchecked=True) is None


def test_a_changed_or_missing_file_never_plays(tmp_path: Path, take: Path) -> None:
    texts = _texts()
    pack = _recorded(tmp_path, take, texts, OPEN_STORE, START)
    pack.mark_checked(OPEN_STORE, "TNV 2", DAY)
    pack.mark_checked(START, "TNV 2", DAY)
    with (tmp_path / "hmn" / "vneid-install" / "open-store.opus").open("ab") as stream:
        stream.write(b"\0")
    (tmp_path / "hmn" / "ui" / "ui.start.opus").unlink()
    voices = Voices(texts, tmp_path)
    assert voices.playable("hmn", "vneid-install", "open-store") is None
    assert voices.playable("hmn", "", "ui.start") is None
    assert status_of(pack, texts, OPEN_STORE) is Status.MISSING
    with pytest.raises(VoicePackError, match="record it again"):
        _recorded(tmp_path, take, texts).mark_checked(START, "TNV 2")


def test_redo_removes_the_recording_and_lists_it_as_missing(tmp_path: Path, take: Path) -> None:
    texts = _texts()
    pack = _recorded(tmp_path, take, texts, OPEN_STORE)
    pack.mark_checked(OPEN_STORE, "TNV 2", DAY)
    pack.redo(OPEN_STORE)
    assert not (tmp_path / "hmn" / "vneid-install" / "open-store.opus").exists()
    assert VoicePack.open("hmn", tmp_path).get(OPEN_STORE) is None
    assert status_of(pack, texts, OPEN_STORE) is Status.MISSING
    with pytest.raises(VoicePackError, match="no recording"):
        pack.redo(OPEN_STORE)


def test_recording_again_drops_the_check(tmp_path: Path, take: Path) -> None:
    texts = _texts()
    pack = _recorded(tmp_path, take, texts, OPEN_STORE)
    pack.mark_checked(OPEN_STORE, "TNV 2", DAY)
    _recorded(tmp_path, take, texts, OPEN_STORE)
    recording = VoicePack.open("hmn", tmp_path).get(OPEN_STORE)
    assert recording is not None and recording.state is State.RECORDED and recording.checked_by == ""


def test_coverage_per_tutorial_counts_each_status(tmp_path: Path, take: Path) -> None:
    texts = _texts()
    pack = _recorded(tmp_path, take, texts, OPEN_STORE, REASON, START, Item("old-tutorial", "gone"))
    pack.mark_checked(REASON, "TNV 2", DAY)
    changed = _texts("Một câu khác.")
    found = coverage(VoicePack.open("hmn", tmp_path), changed)
    tutorial_part, interface = found.groups
    assert tutorial_part.group == "vneid-install"
    assert tutorial_part.items[Status.STALE] == [OPEN_STORE]
    assert tutorial_part.items[Status.CHECKED] == [REASON]
    assert tutorial_part.items[Status.MISSING] == [Item("vneid-install", "fake-call")]
    assert tutorial_part.count(Status.RECORDED) == 0 and tutorial_part.total == 3
    assert interface.group == "ui"
    assert interface.items[Status.RECORDED] == [START]
    assert interface.count(Status.MISSING) == 5
    assert found.unused == [Item("old-tutorial", "gone")]
    assert found.count(Status.MISSING) == 6


@pytest.mark.parametrize("label", ["", "0912 345 678", "lan@example.com", "x" * 41])
def test_the_checker_label_is_a_short_nickname(tmp_path: Path, take: Path, label: str) -> None:
    texts = _texts()
    pack = _recorded(tmp_path, take, texts, OPEN_STORE)
    with pytest.raises(VoicePackError):
        pack.mark_checked(OPEN_STORE, label)
    recording = pack.get(OPEN_STORE)
    assert recording is not None and recording.state is State.RECORDED


def test_unreadable_entries_are_named_and_left_out(tmp_path: Path, take: Path) -> None:
    texts = _texts()
    _recorded(tmp_path, take, texts, OPEN_STORE)
    file = tmp_path / "hmn" / PACK_FILE
    data = json.loads(file.read_text(encoding="utf-8"))
    data["recordings"].append({**data["recordings"][0], "step": "x", "file": "../../etc/passwd"})
    data["recordings"].append({"tutorial": "a", "step": "b"})
    file.write_text(json.dumps(data), encoding="utf-8")
    pack = VoicePack.open("hmn", tmp_path)
    assert pack.get(OPEN_STORE) is not None
    assert len(pack.problems) == 2 and "inside the pack" in pack.problems[0]
    file.write_text("{not json", encoding="utf-8")
    with pytest.raises(VoicePackError, match="cannot be read"):
        VoicePack.open("hmn", tmp_path)


def test_items_that_would_leave_the_pack_are_refused(tmp_path: Path, take: Path) -> None:
    pack = VoicePack.open("hmn", tmp_path)
    for item in (Item("..", "x"), Item("a", "../b"), Item("", "start"), Item("A B", "c")):
        with pytest.raises(VoicePackError):
            pack.add(item, take, "0" * 64)
    with pytest.raises(VoicePackError):
        VoicePack.open("../x", tmp_path)


def test_the_language_list_names_the_minority_languages() -> None:
    codes = [language.code for language in LANGUAGES]
    for code in ("hmn", "blt", "twh", "ium", "mji", "tyz", "nut", "khm", "mtq", "rad", "jra", "bdq", "cjm"):
        assert code in codes
    assert len(set(codes)) == len(codes)
    assert all(is_voice_language_code(code) and len(code) == 3 for code in codes)
    for language in LANGUAGES:
        assert language.vietnamese.startswith("Tiếng ")
        # An own name is given only where known for sure; otherwise empty, and the Vietnamese name shows.
        assert bool(language.own) == language.own_sure
        assert language.shown_name == (language.own or language.vietnamese)
    hmong = known_language("hmn")
    assert hmong is not None and hmong.own == "Hmoob" and hmong.own_sure
