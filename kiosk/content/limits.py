"""Hard limits on what a pack may hold, checked before any file of it is parsed.

A pack comes on a stick from anyone: a 50 MB YAML file or a 30 MB picture would take minutes
and gigabytes to read, and a recording of random bytes would be handed to the media decoder.
So before reading a pack, ``scan_pack`` walks it once with ``lstat`` and refuses what no real
content needs: links and special files, names with control or right-to-left characters, files
over the size of their kind, too many files, a pack over its total size, and recordings whose
header is not a WAV, Ogg or MP3 one (or that play too long). The caps are about ten times the
largest shipped files; content/README.md ("Limits") lists them.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kiosk.content.model import Problem
from kiosk.content.printable import has_hidden_characters

KB = 1024
MB = 1024 * KB

# Per file, by kind (the shipped pack's largest: YAML 4 KB, SVG 10 KB).
MAX_YAML_BYTES = 256 * KB
MAX_SVG_BYTES = 256 * KB
MAX_AUDIO_BYTES = 32 * MB
MAX_OTHER_BYTES = 1 * MB
# A whole pack (the shipped one is 0.4 MB without recordings), and its number of files.
MAX_PACK_BYTES = 512 * MB
MAX_PACK_FILES = 5000
# A recording plays at most this long (one step's words).
MAX_AUDIO_SECONDS = 300

# YAML: how deep lists and mappings may nest (the shipped files use 4 levels).
MAX_YAML_DEPTH = 20
# SVG: elements in one picture (the shipped largest has 94), elements drawn once every
# <use> is expanded, and how many <use> may lead through one another.
MAX_SVG_ELEMENTS = 2000
MAX_SVG_DRAWN = 20000
MAX_USE_DEPTH = 2
# Texts, in characters, so a handout stays printable: names and titles; the safety line,
# printed in a box that cannot run over a page; and all others (shipped: 94, 144 and 370).
MAX_TITLE_CHARS = 200
MAX_SAFETY_CHARS = 300
# The line printed under a QR code ("what it opens").
MAX_QR_CAPTION_CHARS = 80
MAX_TEXT_CHARS = 2000

AUDIO_SUFFIXES = (".wav", ".ogg", ".opus", ".mp3")
_YAML_SUFFIXES = (".yaml", ".yml")
_SVG_SUFFIX = ".svg"
# Files the kiosk never reads are not limited: hidden ones, and the manifest (read with its own cap).
_UNREAD = ("manifest.json", "manifest.json.minisig")


@dataclass(frozen=True)
class ScanResult:
    problems: tuple[Problem, ...]
    total_bytes: int
    file_count: int


def size_cap(name: str) -> int:
    """The largest a file named ``name`` may be."""
    suffix = PurePosixPath(name.lower()).suffix
    if suffix in _YAML_SUFFIXES:
        return MAX_YAML_BYTES
    if suffix == _SVG_SUFFIX:
        return MAX_SVG_BYTES
    if suffix in AUDIO_SUFFIXES:
        return MAX_AUDIO_BYTES
    return MAX_OTHER_BYTES


def too_big(path: Path, size: int) -> Problem | None:
    """A ``file:1`` error when ``size`` is over the cap for ``path``'s kind, else None."""
    cap = size_cap(path.name)
    if size <= cap:
        return None
    return Problem(path, 1, f"file is {_size(size)}; the limit for this kind of file is {_size(cap)}")


def scan_pack(folder: Path) -> ScanResult:
    """Every limit broken in the pack ``folder``, found without parsing any file."""
    if folder.is_symlink():
        # As on a stick at install: a pack is a plain folder, never a link to one elsewhere.
        return ScanResult((Problem(folder, 1, "a link to a folder: a pack must be a plain folder"),), 0, 0)
    problems: list[Problem] = []
    total = 0
    count = 0
    for top, dirs, files in os.walk(folder):
        here = Path(top)
        kept = []
        for name in sorted(dirs):
            path = here / name
            if name.startswith("."):
                continue
            if has_hidden_characters(name):
                problems.append(Problem(path, 1, "control or right-to-left characters in a folder name"))
            elif path.is_symlink():
                problems.append(Problem(path, 1, "a link to a folder: links are not allowed in a pack"))
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or (here == folder and name in _UNREAD):
                continue
            if has_hidden_characters(name):
                problems.append(Problem(path, 1, "control or right-to-left characters in a file name"))
                continue
            try:
                info = path.lstat()
            except OSError as error:
                problems.append(Problem(path, 1, f"cannot be read: {error.strerror or error}"))
                continue
            if not stat.S_ISREG(info.st_mode):
                what = "a link" if stat.S_ISLNK(info.st_mode) else "not a plain file"
                problems.append(Problem(path, 1, f"{what}: a pack holds plain files only"))
                continue
            count += 1
            total += info.st_size
            big = too_big(path, info.st_size)
            if big is not None:
                problems.append(big)
            elif path.suffix.lower() in AUDIO_SUFFIXES:
                problems.extend(audio_problems(path))
    if count > MAX_PACK_FILES:
        problems.append(Problem(folder, 1, f"the pack has {count} files; the limit is {MAX_PACK_FILES}"))
    if total > MAX_PACK_BYTES:
        message = f"the pack holds {_size(total)}; the limit for a whole pack is {_size(MAX_PACK_BYTES)}"
        problems.append(Problem(folder, 1, message))
    return ScanResult(tuple(problems), total, count)


def audio_problems(path: Path) -> list[Problem]:
    """Whether a recording starts as a WAV, Ogg or MP3 file says it is, and plays short enough."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8 * KB)
    except OSError as error:
        return [Problem(path, 1, f"cannot read the recording: {error.strerror or error}")]
    suffix = path.suffix.lower()
    if suffix == ".wav":
        reason = _wav_problem(head)
    elif suffix in (".ogg", ".opus"):
        reason = None if head.startswith(b"OggS") else "not an Ogg file (it does not start with 'OggS')"
    else:
        is_mp3 = head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
        reason = None if is_mp3 else "not an MP3 file (no ID3 tag or MPEG frame at its start)"
    return [] if reason is None else [Problem(path, 1, f"recording refused: {reason}")]


def _wav_problem(head: bytes) -> str | None:
    """Why ``head`` (the start of a .wav file) is not a playable, short enough RIFF/WAVE file."""
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return "not a WAV file (it does not start with a RIFF/WAVE header)"
    byte_rate = 0
    position = 12
    while position + 8 <= len(head):
        chunk = head[position : position + 4]
        size = int.from_bytes(head[position + 4 : position + 8], "little")
        body = position + 8
        if chunk == b"fmt ":
            if size < 16 or body + 16 > len(head):
                return "its 'fmt ' header is too short"
            channels = int.from_bytes(head[body + 2 : body + 4], "little")
            rate = int.from_bytes(head[body + 4 : body + 8], "little")
            byte_rate = int.from_bytes(head[body + 8 : body + 12], "little")
            if not (1 <= channels <= 8 and 8000 <= rate <= 192000 and byte_rate > 0):
                return "its 'fmt ' header does not describe sound a kiosk plays"
        elif chunk == b"data":
            if byte_rate == 0:
                return "its sound comes before its 'fmt ' header"
            seconds = size / byte_rate
            if seconds > MAX_AUDIO_SECONDS:
                return f"it plays {seconds:.0f} s; a recording may play at most {MAX_AUDIO_SECONDS} s"
            return None
        position = body + size + (size & 1)
    return "no 'data' part near its start"


def _size(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{size / KB:.0f} KB"
