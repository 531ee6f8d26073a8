"""Writing an export's files so that a power cut or a pulled stick never leaves a file that
looks finished but is not.

Each file is written under a temporary name, hashed as it goes, flushed to the device
(fsync), renamed to its real name, and the folder is synced so the rename itself is on the
device (``kiosk.system.fsio``, where a stick's file system allows it). A folder that does
not reach the end is removed again, temporary files and all.

The export goes only into a real folder on the stick itself: ``<stick>/digital-literacy-kiosk``
that is a link (NTFS has them) could lead into the kiosk's own data dir, so a link, a file or a
pipe of that name is refused and named, and the folder must be on the stick's device.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import kiosk.export.errors as errors
from kiosk.system.fsio import fsync_folder, kind_of

log = logging.getLogger(__name__)

PRODUCT_FOLDER = "digital-literacy-kiosk"
PARTIAL_SUFFIX = ".partial"


@dataclass(frozen=True)
class WrittenFile:
    name: str
    size: int
    sha256: str


def _kind(mode: int) -> str:
    return "a file" if stat.S_ISREG(mode) else kind_of(mode)


def check_target(target: Path) -> None:
    """Raise ``ExportError`` unless ``target`` is a folder whose ``digital-literacy-kiosk`` (if
    there) is a real folder on the same device; looks, never writes, never opens a file."""
    try:
        status = target.stat()
    except FileNotFoundError:
        raise errors.not_a_folder(target, None) from None
    except NotADirectoryError:
        # A path through a file ("stick.img/x").
        raise errors.not_a_folder(target, None) from None
    if not stat.S_ISDIR(status.st_mode):
        raise errors.not_a_folder(target, _kind(status.st_mode))
    _check_product(target, target / PRODUCT_FOLDER, status.st_dev)


def _check_product(target: Path, product: Path, device: int) -> bool:
    """True if ``product`` is a real folder on ``device``, False if it is not there yet."""
    try:
        status = os.lstat(product)
    except FileNotFoundError:
        return False
    if not stat.S_ISDIR(status.st_mode):
        raise errors.blocked(target, product, f"is {_kind(status.st_mode)}, not a folder")
    if status.st_dev != device:
        raise errors.blocked(
            target, product, "is on another device than the stick (something is mounted there)"
        )
    return True


class ExportFolder:
    """A new folder ``<target>/digital-literacy-kiosk/<name>``; ``discard()`` removes what was made.

    Raises ``ExportError`` (``BLOCKED``) when the product folder is not a real folder on the
    target's device, ``OSError`` when the stick refuses.
    """

    def __init__(self, target: Path, name: str) -> None:
        self.target = target
        self.product = target / PRODUCT_FOLDER
        self._made_product = False
        self._made: list[Path] = []
        self._temporaries: set[Path] = set()
        device = target.stat().st_dev
        if not _check_product(target, self.product, device):
            self.product.mkdir()
            self._made_product = True
            fsync_folder(target)
            # Looked at again: made by us, but a link could have been put in its place meanwhile.
            _check_product(target, self.product, device)
        self.path = self._new_folder(name)
        if os.lstat(self.path).st_dev != device:
            self.discard()
            raise errors.blocked(target, self.path, "is on another device than the stick")
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
