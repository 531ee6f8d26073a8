"""The USB sticks plugged in now, with their names and free space: one list for every screen and command.

A stick is a mount below one of ``REMOVABLE_PARENTS`` (where desktops, udisks, fstab and the
kiosk's own udev rule, ``packaging/linux/90-kiosk-usb-sticks.rules``, put removable media),
read from the kernel's mount table. Its name is the file system's label when udev knows it
(``/dev/disk/by-label``; the kiosk's rule mounts a stick under its kernel name, ``sdb1``,
which tells an organiser nothing), else the mount point's own name. Whether it can be
written comes from the mount options, and free space from ``shutil.disk_usage``: listing
never opens a file on a stick. Free space still takes seconds on a big FAT stick, and a
failing stick can stall any call, so screens list the sticks off the GUI thread.

Extra folders (tests, a training set-up without sticks) are offered after the sticks, as
if each were one. Qt-free, so the command line and the organiser's pages list the same sticks.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

REMOVABLE_PARENTS = (Path("/media"), Path("/run/media"), Path("/mnt"))
MOUNTS = Path("/proc/self/mounts")
BY_LABEL = Path("/dev/disk/by-label")
# Kernel and container file systems that can sit under /mnt but are never a stick.
PSEUDO_FILE_SYSTEMS = frozenset(
    {"proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "overlay", "squashfs", "autofs"}
)
# The mount table writes space, tab, newline and backslash as octal ("\040"); UTF-8 stays as it is.
_MOUNTS_OCTAL = re.compile(r"\\([0-7]{3})")
# udev writes unsafe characters of a label as hex ("KIOSK\x20USB").
_LABEL_HEX = re.compile(r"\\x([0-9a-fA-F]{2})")


@dataclass(frozen=True)
class Drive:
    """A stick (or an extra folder standing in for one): where it is, what it is called, what fits."""

    path: Path
    name: str
    writable: bool
    free_bytes: int


def is_removable_mount(point: Path, parents: Sequence[Path] = REMOVABLE_PARENTS) -> bool:
    """A mount point below (not at) one of the removable-media folders."""
    return any(point != parent and point.is_relative_to(parent) for parent in parents)


def list_drives(
    extra_folders: Sequence[Path] = (),
    *,
    mounts: Path = MOUNTS,
    labels: Path = BY_LABEL,
    parents: Sequence[Path] = REMOVABLE_PARENTS,
) -> list[Drive]:
    """The sticks mounted now, by mount point, then each of ``extra_folders`` that exists."""
    return [*removable_drives(mounts=mounts, labels=labels, parents=parents), *folder_drives(extra_folders)]


def removable_drives(
    *, mounts: Path = MOUNTS, labels: Path = BY_LABEL, parents: Sequence[Path] = REMOVABLE_PARENTS
) -> list[Drive]:
    """The sticks mounted now (read-only ones too: installing content only reads), by mount point."""
    found: dict[Path, Drive] = {}
    names = _labels(labels)
    for device, point, file_system, options in _mount_table(mounts):
        if file_system in PSEUDO_FILE_SYSTEMS or not is_removable_mount(point, parents):
            continue
        free = _free_bytes(point)
        if free is None:
            continue
        name = names.get(os.path.realpath(device)) if device.startswith("/dev/") else None
        # A later line for the same point is a mount over the earlier one: it is what is seen.
        found[point] = Drive(point, name or point.name, "ro" not in options, free)
    return [found[point] for point in sorted(found)]


def folder_drives(folders: Iterable[Path]) -> list[Drive]:
    """Folders offered as if each were a stick; one that is not there is left out (and logged)."""
    drives: list[Drive] = []
    for folder in folders:
        free = _free_bytes(folder) if folder.is_dir() else None
        if free is None:
            log.info("folder %s offered for sticks is not there", folder)
            continue
        drives.append(Drive(folder, folder.name or str(folder), os.access(folder, os.W_OK), free))
    return drives


def _mount_table(mounts: Path) -> list[tuple[str, Path, str, frozenset[str]]]:
    """(device, mount point, file system type, options) for each line of the kernel's table."""
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as error:
        log.warning("cannot read the mount table %s: %s", mounts, error)
        return []
    table = []
    for line in lines:
        fields = line.split()
        if len(fields) < 4:
            continue
        device, point, file_system = (_unescape_mount(field) for field in fields[:3])
        table.append((device, Path(point), file_system, frozenset(fields[3].split(","))))
    return table


def _unescape_mount(field: str) -> str:
    return _MOUNTS_OCTAL.sub(lambda match: chr(int(match.group(1), 8)), field)


def _labels(folder: Path) -> dict[str, str]:
    """Device path -> file system label, from udev's ``by-label`` links (none where there is no udev)."""
    try:
        links = list(folder.iterdir())
    except OSError:
        return {}
    labels: dict[str, str] = {}
    for link in links:
        label = _LABEL_HEX.sub(lambda match: chr(int(match.group(1), 16)), link.name)
        labels[os.path.realpath(link)] = label
    return labels


def _free_bytes(folder: Path) -> int | None:
    """Free space for this user, or None when the folder cannot be asked (a stick just pulled)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError as error:
        log.info("cannot read the free space of %s: %s", folder, error)
        return None
