"""Synthesised narration kept in the data dir, so each text is synthesised once per kiosk.

A file's name is a hash of everything that decides how it sounds: the words and their
languages, and per language the espeak-ng version, voice and speed. Change any of them and the
old file is simply never asked for again; ``tidy`` removes the oldest files once the cache
outgrows its limit, and any half-written file a power cut left behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from pathlib import Path

from kiosk.narration.espeak import Espeak
from kiosk.narration.speech import Speech
from kiosk.narration.synthesis import PARTIAL_SUFFIX, render_speech, write_atomically

log = logging.getLogger(__name__)

# Bump when the way files are made changes in a way the key does not see.
_FORMAT = 1
# A few hundred steps in two languages is some tens of MB; an old laptop's disk has room for this.
MAX_BYTES = 200 * 1024 * 1024
# A temporary file older than this belongs to no running synthesis.
_PARTIAL_AGE_S = 3600.0
_SUFFIX = ".wav"


def cache_key(speech: Speech, identities: list[str]) -> str:
    """``identities``: ``Espeak.identity`` for each of the speech's utterances, in order."""
    digest = hashlib.sha256(f"narration-cache {_FORMAT}\x1e".encode())
    for utterance, identity in zip(speech.utterances, identities, strict=True):
        digest.update(f"{identity}\x1f{utterance.language}\x1f{utterance.text}\x1e".encode())
    return digest.hexdigest()[:32]


class AudioCache:
    def __init__(self, folder: Path, max_bytes: int = MAX_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    def lookup(self, key: str) -> Path | None:
        """The cached file for ``key``, if there is one."""
        path = self.path(key)
        if not path.is_file():
            return None
        # Marks it recently used for tidy(); a read-only data dir still serves what it has.
        with contextlib.suppress(OSError):
            os.utime(path)
        return path

    def store(self, key: str, speech: Speech, espeak: Espeak) -> Path:
        """Synthesise ``speech`` into the cache under ``key`` (atomically) and return the file."""
        return write_atomically(self.path(key), lambda out: render_speech(espeak, speech, out))

    def tidy(self) -> None:
        """Remove leftovers of interrupted writes, then the least recently used files above the limit."""
        if not self.folder.is_dir():
            return
        now = time.time()
        kept: list[tuple[float, int, Path]] = []
        for entry in self.folder.iterdir():
            try:
                status = entry.stat()
            except OSError:
                continue
            if entry.name.endswith(PARTIAL_SUFFIX):
                if now - status.st_mtime > _PARTIAL_AGE_S:
                    _remove(entry)
            elif entry.suffix == _SUFFIX:
                kept.append((status.st_mtime, status.st_size, entry))
        total = sum(size for _, size, _ in kept)
        for _, size, entry in sorted(kept):
            if total <= self.max_bytes:
                break
            _remove(entry)
            total -= size


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
        log.debug("removed %s from the narration cache", path.name)
