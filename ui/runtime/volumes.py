"""Where an export can go: the writable removable volumes (USB sticks), with their free space.

``QStorageInfo.mountedVolumes()`` lists every mount; a stick is one that is ready, writable,
not the system's own (root, /boot, /home, …) and mounted where desktops and udisks put
removable media (/media, /run/media, /mnt). Extra folders (tests, a training set-up) can
be offered beside them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

log = logging.getLogger(__name__)

REMOVABLE_PARENTS = (Path("/media"), Path("/run/media"), Path("/mnt"))
PSEUDO_FILE_SYSTEMS = frozenset(
    {"proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "overlay", "squashfs"}
)


@dataclass(frozen=True)
class Volume:
    name: str
    path: Path
    free_bytes: int


def is_removable_mount(root: Path) -> bool:
    return any(root != parent and root.is_relative_to(parent) for parent in REMOVABLE_PARENTS)


def writable_volumes(extra_folders: Sequence[Path] = ()) -> list[Volume]:
    """The sticks an export can be written to now, then any ``extra_folders`` that exist."""
    found: list[Volume] = []
    for storage in QStorageInfo.mountedVolumes():
        if not storage.isValid() or not storage.isReady() or storage.isReadOnly() or storage.isRoot():
            continue
        file_system = bytes(storage.fileSystemType().data()).decode(errors="replace")
        root = Path(storage.rootPath())
        if file_system in PSEUDO_FILE_SYSTEMS or not is_removable_mount(root):
            continue
        found.append(Volume(storage.displayName() or root.name, root, int(storage.bytesAvailable())))
    for folder in extra_folders:
        storage = QStorageInfo(str(folder))
        if folder.is_dir() and storage.isValid():
            found.append(Volume(folder.name or str(folder), folder, int(storage.bytesAvailable())))
        else:
            log.info("export folder %s is not there", folder)
    return found
