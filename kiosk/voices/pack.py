"""A voice pack: one language's recordings in the data dir, listed in ``voicepack.json``.

    voices/hmn/voicepack.json
    voices/hmn/vneid-install/open-store.opus
    voices/hmn/scam-drill/fake-call.why.opus
    voices/hmn/ui/ui.start.opus

Each entry of ``voicepack.json`` says what a recording is of (a tutorial's step, or an
interface word), its file and the file's SHA-256, the SHA-256 of the Vietnamese text it was
recorded for, its state (``recorded``, then ``checked`` once a second speaker has listened),
the label the checking volunteer chose (a nickname such as "TNV Lan B", never a full name or a
phone number) and the dates. The file is rewritten whole on each change (all or nothing).
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.system import paths
from kiosk.system.fsio import atomic_write_text
from kiosk.voices.audio import Prepared, prepare
from kiosk.voices.items import Item
from kiosk.voices.languages import VoiceLanguage, is_voice_language_code, known_language

PACK_FILE = "voicepack.json"
FORMAT = 1
# Step and tutorial ids are file names here: letters, digits, dots, dashes, underscores.
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
_HASH = re.compile(r"^[0-9a-f]{64}$")
LABEL_MAX = 40


class State(enum.Enum):
    RECORDED = "recorded"
    CHECKED = "checked"


class VoicePackError(ValueError):
    """A voice pack or a request on it that cannot be used; the message names the file or item."""


@dataclass(frozen=True)
class Recording:
    item: Item
    # Relative to the pack's folder, with forward slashes.
    file: str
    sha256: str
    text_sha256: str
    state: State
    recorded_on: date
    checked_by: str = ""
    checked_on: date | None = None


def voices_dir() -> Path:
    """Where the kiosk's voice packs live: ``<data dir>/voices``."""
    return paths.data_dir() / "voices"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_item(item: Item) -> None:
    if item.is_interface:
        if not item.step.startswith("ui.") or not _ID.match(item.step):
            raise VoicePackError(f"not an interface word: {item.step!r}")
    elif not _ID.match(item.tutorial) or not _ID.match(item.step) or ".." in item.key:
        raise VoicePackError(f"not a tutorial step: {item.key!r}")


def clean_label(label: str) -> str:
    """The checking volunteer's label: a short nickname; refuses what looks like personal data."""
    text = " ".join(label.split())
    if not text:
        raise VoicePackError("say who checked it: a short label such as “TNV Lan B”")
    if len(text) > LABEL_MAX:
        raise VoicePackError(f"the label is longer than {LABEL_MAX} letters: use a short nickname")
    if sum(character.isdigit() for character in text) >= 6 or "@" in text:
        raise VoicePackError("the label looks like a phone number or an address: use a nickname only")
    return text


class VoicePack:
    """One language's recordings; every change is written to ``voicepack.json`` at once."""

    def __init__(self, folder: Path, language: VoiceLanguage, recordings: Mapping[Item, Recording]) -> None:
        self.folder = folder
        self.language = language
        self._recordings = dict(recordings)
        # Entries of voicepack.json that were not understood (kept out, named here).
        self.problems: list[str] = []

    @property
    def file(self) -> Path:
        return self.folder / PACK_FILE

    @classmethod
    def open(cls, code: str, root: Path | None = None, language: VoiceLanguage | None = None) -> VoicePack:
        """The pack for ``code`` under ``root`` (default: the data dir's), empty if it has none yet."""
        if not is_voice_language_code(code):
            raise VoicePackError(f"not a language code: {code!r} (use ISO 639-3, e.g. hmn)")
        folder = (root if root is not None else voices_dir()) / code
        if (folder / PACK_FILE).is_file():
            return cls.read(folder)
        chosen = language or known_language(code) or VoiceLanguage(code, code)
        return cls(folder, chosen, {})

    @classmethod
    def read(cls, folder: Path) -> VoicePack:
        file = folder / PACK_FILE
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise VoicePackError(f"{file}: cannot be read ({error})") from error
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise VoicePackError(f"{file}: not a voice pack of format {FORMAT}")
        about = data.get("language")
        if not isinstance(about, dict) or about.get("code") != folder.name:
            raise VoicePackError(f"{file}: its language is not {folder.name!r}, the folder's name")
        known = known_language(folder.name)
        language = VoiceLanguage(
            folder.name,
            str(about.get("vietnamese") or (known.vietnamese if known else folder.name)),
            str(about.get("own") or ""),
            own_sure=bool(about.get("own_sure", False)),
            note=str(about.get("note") or ""),
        )
        pack = cls(folder, language, {})
        entries = data.get("recordings")
        for number, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
            try:
                recording = _recording_of(entry)
            except (VoicePackError, KeyError, TypeError, ValueError) as error:
                pack.problems.append(f"{file}: recording {number}: {error}")
                continue
            pack._recordings[recording.item] = recording
        return pack

    def recordings(self) -> Mapping[Item, Recording]:
        return dict(self._recordings)

    def get(self, item: Item) -> Recording | None:
        return self._recordings.get(item)

    def path_of(self, recording: Recording) -> Path:
        return self.folder / recording.file

    def intact(self, recording: Recording) -> bool:
        """Whether the recording's file is there and is the one that was recorded (and checked)."""
        path = self.path_of(recording)
        try:
            return path.is_file() and file_sha256(path) == recording.sha256
        except OSError:
            return False

    def add(
        self, item: Item, wav: Path, text_sha256: str, today: date | None = None
    ) -> tuple[Recording, Prepared]:
        """A new recording of ``item`` from ``wav``: trimmed, evened out, compressed, state "recorded".

        Replaces an earlier recording of the same item (its check is gone with it). Raises
        ``RecordingProblemError`` (kiosk.voices.audio) when the WAV holds no usable voice.
        """
        _check_item(item)
        if not _HASH.match(text_sha256):
            raise VoicePackError("the text's hash must be a SHA-256 in hex")
        prepared = prepare(wav, self.folder / item.group / item.step)
        old = self._recordings.get(item)
        recording = Recording(
            item=item,
            file=prepared.path.relative_to(self.folder).as_posix(),
            sha256=file_sha256(prepared.path),
            text_sha256=text_sha256,
            state=State.RECORDED,
            recorded_on=today or date.today(),
        )
        self._recordings[item] = recording
        self._save()
        if old is not None and old.file != recording.file:
            (self.folder / old.file).unlink(missing_ok=True)
        return recording, prepared

    def mark_checked(self, item: Item, label: str, today: date | None = None) -> Recording:
        """A second speaker listened and agrees: the recording may play for visitors."""
        recording = self._existing(item)
        if not self.intact(recording):
            raise VoicePackError(f"{item.key}: its file is missing or changed: record it again")
        checked = replace(
            recording, state=State.CHECKED, checked_by=clean_label(label), checked_on=today or date.today()
        )
        self._recordings[item] = checked
        self._save()
        return checked

    def redo(self, item: Item) -> None:
        """The recording is not right: it goes, and the item is listed as missing until recorded again."""
        recording = self._existing(item)
        del self._recordings[item]
        self._save()
        (self.folder / recording.file).unlink(missing_ok=True)

    def _existing(self, item: Item) -> Recording:
        recording = self._recordings.get(item)
        if recording is None:
            raise VoicePackError(f"{item.key}: there is no recording of it in {self.language.code}")
        return recording

    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        language = self.language
        data: dict[str, Any] = {
            "format": FORMAT,
            "language": {
                "code": language.code,
                "vietnamese": language.vietnamese,
                "own": language.own,
                "own_sure": language.own_sure,
                "note": language.note,
            },
            "recordings": [_entry_of(self._recordings[item]) for item in sorted(self._recordings)],
        }
        atomic_write_text(self.file, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _entry_of(recording: Recording) -> dict[str, str]:
    item = recording.item
    where = {"ui": item.step} if item.is_interface else {"tutorial": item.tutorial, "step": item.step}
    return {
        **where,
        "file": recording.file,
        "sha256": recording.sha256,
        "text_sha256": recording.text_sha256,
        "state": recording.state.value,
        "recorded": recording.recorded_on.isoformat(),
        "checked_by": recording.checked_by,
        "checked": recording.checked_on.isoformat() if recording.checked_on else "",
    }


def _recording_of(entry: object) -> Recording:
    if not isinstance(entry, dict):
        raise VoicePackError("not an object")
    item = (
        Item.interface(str(entry["ui"]))
        if "ui" in entry
        else Item(str(entry["tutorial"]), str(entry["step"]))
    )
    _check_item(item)
    file = str(entry["file"])
    if file.startswith("/") or ".." in file.split("/"):
        raise VoicePackError(f"{item.key}: its file must be inside the pack, not {file!r}")
    sha256, text_sha256 = str(entry["sha256"]), str(entry["text_sha256"])
    if not _HASH.match(sha256) or not _HASH.match(text_sha256):
        raise VoicePackError(f"{item.key}: a hash is not a SHA-256 in hex")
    state = State(str(entry["state"]))
    checked = str(entry.get("checked") or "")
    label = str(entry.get("checked_by") or "")
    if state is State.CHECKED and not label:
        raise VoicePackError(f"{item.key}: checked, but by nobody")
    return Recording(
        item=item,
        file=file,
        sha256=sha256,
        text_sha256=text_sha256,
        state=state,
        recorded_on=date.fromisoformat(str(entry["recorded"])),
        checked_by=label,
        checked_on=date.fromisoformat(checked) if checked else None,
    )
