"""``content check`` reads voice packs: stale, unused, missing and changed recordings, with file:line."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from kiosk.content.check import check_report
from kiosk.content.cli import check_command
from kiosk.content.model import Severity
from kiosk.content.voice_check import check_voices
from kiosk.voices.items import Item, SourceTexts, text_hash
from kiosk.voices.pack import PACK_FILE, VoicePack
from tests.unit.kiosk.voices.voice_helpers import UI_WORDS, padded_voice, tutorial, write_wav

DAY = date(2026, 12, 8)
OPEN_STORE = Item("vneid-install", "open-store")
REASON = Item("vneid-install", "fake-call.why")
NEXT = Item.interface("ui.next")
GONE = Item("vneid-install", "old-step")


def _line_of(pack_file: Path, recorded_file: str) -> int:
    lines = pack_file.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if f'"file": "{recorded_file}"' in line)


def _pack(root: Path, tmp_path: Path) -> VoicePack:
    take = write_wav(tmp_path / "take.wav", padded_voice(before_s=0.3, voice_s=0.6, after_s=0.3))
    texts = SourceTexts([tutorial()], UI_WORDS)
    pack = VoicePack.open("hmn", root)
    for item in (OPEN_STORE, REASON, NEXT, GONE):
        pack.add(item, take, texts.hash(item) or text_hash("a step since removed"), DAY)
        pack.mark_checked(item, "TNV Lan B", DAY)
    return pack


def test_each_recording_that_would_not_play_is_warned_at_its_line(tmp_path: Path) -> None:
    voices = tmp_path / "voices"
    pack = _pack(voices, tmp_path)
    file = voices / "hmn" / PACK_FILE
    # The content changed the first step's text; a file was changed, another removed.
    texts = SourceTexts([tutorial("Mở CH Play trên điện thoại.")], UI_WORDS)
    (voices / "hmn/ui/ui.next.opus").write_bytes(b"changed")
    (voices / "hmn/vneid-install/fake-call.why.opus").unlink()
    problems = check_voices(voices, texts)
    assert all(p.severity is Severity.WARNING and p.path == file for p in problems)
    found = {p.message.split(":")[0]: p for p in problems}
    assert set(found) == {OPEN_STORE.key, REASON.key, NEXT.key, GONE.key}
    assert "stale" in found[OPEN_STORE.key].message
    assert "missing" in found[REASON.key].message
    assert "SHA-256 differs" in found[NEXT.key].message
    assert "no longer has" in found[GONE.key].message
    for item, problem in found.items():
        recording = next(r for i, r in pack.recordings().items() if i.key == item)
        assert problem.line == _line_of(file, recording.file)
    assert str(found[OPEN_STORE.key]).startswith(
        f"{file}:{_line_of(file, 'vneid-install/open-store.opus')}: warning:"
    )


def test_a_current_pack_has_no_warnings_and_a_broken_one_is_an_error(tmp_path: Path) -> None:
    voices = tmp_path / "voices"
    pack = _pack(voices, tmp_path)
    pack.redo(GONE)
    texts = SourceTexts([tutorial()], UI_WORDS)
    assert check_voices(voices, texts) == []
    assert check_voices(voices / "hmn", texts) == []
    (voices / "hmn" / PACK_FILE).write_text("{not json", encoding="utf-8")
    (problem,) = check_voices(voices, texts)
    assert problem.severity is Severity.ERROR and problem.line == 1
    assert "cannot be read" in problem.message


def test_content_check_reads_a_voices_folder_and_the_voices_option(tmp_path: Path) -> None:
    voices = tmp_path / "voices"
    _pack(voices, tmp_path)
    # Against the kiosk's content now: a step it has never had is named, at its line.
    report = check_report(voices)
    file = voices / "hmn" / PACK_FILE
    assert report.errors == 0 and report.warnings >= 1
    gone = [p for p in report.problems if p.message.startswith(GONE.key)]
    assert len(gone) == 1 and "no longer has" in gone[0].message
    assert gone[0].line == _line_of(file, "vneid-install/old-step.opus")
    out = io.StringIO()
    assert check_command(Path("content"), out, voices=voices) == 0
    lines = out.getvalue().splitlines()
    assert f"{file}:{gone[0].line}: warning: {GONE.key}: " in out.getvalue()
    assert "0 errors" in lines[-1]
