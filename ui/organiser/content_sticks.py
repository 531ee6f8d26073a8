"""The content page's work away from its widgets: listing the packs on the sticks, and installing one.

``packs_on_sticks`` and ``install_from`` run on the worker thread: a stick may be slow, or
hold a file made to hang whoever reads it (``kiosk.content.sticks`` refuses those unread).
When the core refuses an install and the pack can no longer be read, the cause is the stick
(pulled out part-way, or failing), not the pack: ``StickGoneError`` lets the page say so
instead of blaming the pack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk.content.install import InstallError, InstallProgress, InstallResult, install_pack
from kiosk.content.manifest import MANIFEST_FILE
from kiosk.content.sticks import PackOnStick, find_packs
from kiosk.content.trust import load_trust
from kiosk.system.removable import Drive


class StickGoneError(InstallError):
    """The install failed and the pack can no longer be read: the stick was pulled, or it fails."""


def packs_on_sticks(
    list_drives: Callable[[], Sequence[Drive]], trust_file: Path | None = None
) -> list[PackOnStick]:
    """The packs on every stick ``list_drives`` finds (each with why, when it cannot be installed).

    ``trust_file``: the organiser's keys (None: the kiosk's own, ``kiosk.system.paths``).
    """
    trust = load_trust(trust_file=trust_file)
    return find_packs((drive.path for drive in list_drives()), trust)


def readable(folder: Path) -> bool:
    try:
        return (folder / MANIFEST_FILE).is_file()
    except OSError:
        return False


def install_from(
    folder: Path,
    on_progress: Callable[[InstallProgress], None],
    root: Path | None,
    bundled: Path | None,
    allow_older: bool = False,
    trust_file: Path | None = None,
) -> InstallResult:
    """Install the pack in ``folder``; ``StickGoneError`` when it failed because the stick went away.

    ``allow_older``: the organiser chose to go back to this older version; ``trust_file``: the
    organiser's keys (None: the kiosk's own).
    """
    try:
        return install_pack(
            folder,
            on_progress=on_progress,
            root=root,
            bundled=bundled,
            allow_older=allow_older,
            trust=load_trust(trust_file=trust_file),
        )
    except InstallError as error:
        if not readable(folder):
            raise StickGoneError(str(error), error.details) from error
        raise


def packs_text(packs: Sequence[tuple[str, str]]) -> str:
    """``core 2026.12.01, extra 2026.11.02``: (id, content_version) pairs as the organiser reads them."""
    return ", ".join(f"{pack_id} {version}" for pack_id, version in packs) or "—"
