"""Real file systems for the USB-stick and disk tests: a size-limited tmpfs, a read-only ext4 loop.

Mounting needs root (CI runs as root, so there nothing skips); elsewhere the tests skip with
the reason printed. Qt-free.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

FAT_ENVIRONMENT = {**os.environ, "MTOOLS_SKIP_CHECK": "1", "LC_ALL": "C"}


def require(*tools: str, root: bool = True) -> None:
    if root and os.geteuid() != 0:
        pytest.skip("mounting a file system needs root (CI runs as root)")
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (packaging/dev/setup.sh installs them)")


def run(*arguments: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(arguments, capture_output=True, text=True, timeout=60, env=env, check=False)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(arguments)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=60, check=False)


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """``folder`` as a tmpfs of ``size`` (e.g. "64k"): writing past it gives a real ENOSPC."""
    require("mount", "umount")
    folder.mkdir(parents=True, exist_ok=True)
    run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        unmount(folder)


@contextlib.contextmanager
def read_only_ext4(folder: Path, image: Path, fill: Callable[[Path], None] | None = None) -> Iterator[Path]:
    """``folder`` as an ext4 loop image mounted read-only (EROFS), after ``fill`` wrote into it."""
    require("mount", "umount", "mkfs.ext4")
    with image.open("wb") as stream:
        stream.truncate(16 * 1024 * 1024)
    run("mkfs.ext4", "-q", "-F", str(image))
    folder.mkdir(parents=True, exist_ok=True)
    if fill is not None:
        run("mount", "-o", "loop", str(image), str(folder))
        try:
            fill(folder)
        finally:
            run("umount", str(folder))
    run("mount", "-o", "loop,ro", str(image), str(folder))
    try:
        yield folder
    finally:
        unmount(folder)


def fat_image(image: Path, label: str = "KIOSKSTICK") -> Path:
    """An empty 8 MiB FAT file system in a file, made and read with mtools (no kernel vfat needed)."""
    require("mformat", "mcopy", "mdir", "mtype", root=False)
    run(
        "mformat",
        "-i",
        str(image),
        "-C",
        "-T",
        "16384",
        "-h",
        "16",
        "-s",
        "32",
        "-v",
        label,
        "::",
        env=FAT_ENVIRONMENT,
    )
    return image
