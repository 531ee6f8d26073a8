"""Writing an export's files so that a power cut or a pulled stick never leaves a file that
looks finished but is not.

Each file is written under a temporary name, hashed as it goes, flushed to the device
(fsync), renamed to its real name, and the folder is synced so the rename itself is on the
device (``kiosk.system.fsio``, where a stick's file system allows it). A folder that does
not reach the end is removed again, temporary files and all.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.system.fsio import fsync_folder

log = logging.getLogger(__name__)

PRODUCT_FOLDER = "digital-literacy-kiosk"
PARTIAL_SUFFIX = ".partial"


@dataclass(frozen=True)
class WrittenFile:
    name: str
    size: int
    sha256: str


class ExportFolder:
    """A new folder ``<target>/digital-literacy-kiosk/<name>``; ``discard()`` removes what was made."""

    def __init__(self, target: Path, name: str) -> None:
        self.target = target
        self.product = target / PRODUCT_FOLDER
        self._made_product = False
        self._made: list[Path] = []
        self._temporaries: set[Path] = set()
        if not self.product.is_dir():
            self.product.mkdir()
            self._made_product = True
            fsync_folder(target)
        self.path = self._new_folder(name)
        fsync_folder(self.product)

    def _new_folder(self, name: str) -> Path:
        """Never reuse a folder: a second export in the same minute gets ``-2``, ``-3``…"""
        counter = 1
        while True:
            candidate = self.product / (name if counter == 1 else f"{name}-{counter}")
            try:
                candidate.mkdir()
            except FileExistsError:
                counter += 1
                continue
            return candidate

    def write(
        self, name: str, chunks: Iterable[bytes], on_chunk: Callable[[], None] | None = None
    ) -> WrittenFile:
        final = self.path / name
        temporary = self.path / f".{name}{PARTIAL_SUFFIX}"
        digest = hashlib.sha256()
        size = 0
        self._temporaries.add(temporary)
        with temporary.open("xb") as stream:
            for chunk in chunks:
                stream.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                if on_chunk is not None:
                    on_chunk()
            stream.flush()
            os.fsync(stream.fileno())
        if final.exists():
            raise FileExistsError(errno.EEXIST, "an export file would be overwritten", str(final))
        temporary.rename(final)
        self._temporaries.discard(temporary)
        self._made.append(final)
        fsync_folder(self.path)
        return WrittenFile(name=name, size=size, sha256=digest.hexdigest())

    def discard(self) -> None:
        """Remove everything this export made, as far as the device still allows."""
        for path in [*self._temporaries, *reversed(self._made)]:
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                log.warning("could not remove %s: %s", path, error)
        for folder in (self.path, self.product if self._made_product else None):
            if folder is None:
                continue
            try:
                folder.rmdir()
            except OSError as error:
                if error.errno not in (errno.ENOENT, errno.ENOTEMPTY):
                    log.warning("could not remove %s: %s", folder, error)
        for folder in (self.product, self.target):
            with contextlib.suppress(OSError):
                fsync_folder(folder)
