"""What is recorded, checked, missing or stale per language and tutorial, and what may play.

Each item of today's content (``SourceTexts``) has one status in a voice pack:

- **missing**: no recording, or its file is gone or changed since it was recorded;
- **stale**: recorded for a Vietnamese text that has changed since (a content update): listed
  for re-recording and never played as current;
- **recorded**: of today's text, not yet checked by a second speaker;
- **checked**: of today's text, and checked: this is what visitors hear.

Recordings of steps or words the content no longer has are ``unused`` (kept, not played).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.voices.items import Item, SourceTexts
from kiosk.voices.pack import PACK_FILE, Recording, State, VoicePack, voices_dir


class Status(enum.Enum):
    MISSING = "missing"
    STALE = "stale"
    RECORDED = "recorded"
    CHECKED = "checked"


def status_of(pack: VoicePack, texts: SourceTexts, item: Item) -> Status:
    recording = pack.get(item)
    if recording is None or not pack.intact(recording):
        return Status.MISSING
    return _status(recording, texts.hash(item))


def _status(recording: Recording, current_hash: str | None) -> Status:
    if recording.text_sha256 != current_hash:
        return Status.STALE
    return Status.CHECKED if recording.state is State.CHECKED else Status.RECORDED


@dataclass
class GroupCoverage:
    """One tutorial's (or the interface words') items, by status."""

    group: str
    items: dict[Status, list[Item]] = field(default_factory=lambda: {status: [] for status in Status})

    def count(self, status: Status) -> int:
        return len(self.items[status])

    @property
    def total(self) -> int:
        return sum(len(found) for found in self.items.values())


@dataclass
class Coverage:
    language: str
    groups: list[GroupCoverage]
    # Recordings of items today's content does not have.
    unused: list[Item]

    def count(self, status: Status) -> int:
        return sum(group.count(status) for group in self.groups)


def coverage(pack: VoicePack, texts: SourceTexts) -> Coverage:
    groups = []
    for name, items in texts.groups.items():
        group = GroupCoverage(name)
        for item in items:
            group.items[status_of(pack, texts, item)].append(item)
        groups.append(group)
    unused = sorted(item for item in pack.recordings() if texts.text(item) is None)
    return Coverage(pack.language.code, groups, unused)


class Voices:
    """The kiosk's voice packs against today's content: what plays for visitors."""

    def __init__(self, texts: SourceTexts, root: Path | None = None) -> None:
        self.texts = texts
        self.root = root if root is not None else voices_dir()
        # Each pack as last read, with its voicepack.json's identity then (each save is a new
        # file, so a new inode, even within one tick of a coarse clock).
        self._packs: dict[str, tuple[tuple[int, int], VoicePack]] = {}

    def pack(self, language: str) -> VoicePack:
        """The language's pack, read again whenever its voicepack.json has changed (a new recording)."""
        try:
            found = (self.root / language / PACK_FILE).stat()
            changed = (found.st_ino, found.st_mtime_ns)
        except OSError:
            changed = (-1, -1)
        known = self._packs.get(language)
        if known is None or known[0] != changed:
            known = (changed, VoicePack.open(language, self.root))
            self._packs[language] = known
        return known[1]

    def languages(self) -> list[str]:
        """Languages with a voice pack in the data dir."""
        if not self.root.is_dir():
            return []
        return sorted(entry.name for entry in self.root.iterdir() if (entry / PACK_FILE).is_file())

    def playable(self, language: str, tutorial: str, step: str, allow_unchecked: bool = False) -> Path | None:
        """The file to play for a step (``tutorial`` "" and ``step`` "ui.start" for an interface word).

        Only a recording of today's Vietnamese text whose file is intact, and checked unless
        ``allow_unchecked``; None otherwise (narration then falls back as it does today).
        """
        item = Item(tutorial, step)
        pack = self.pack(language)
        recording = pack.get(item)
        if recording is None:
            return None
        status = _status(recording, self.texts.hash(item))
        wanted = (Status.CHECKED, Status.RECORDED) if allow_unchecked else (Status.CHECKED,)
        if status not in wanted or not pack.intact(recording):
            return None
        return pack.path_of(recording)
