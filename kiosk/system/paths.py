"""Every path the kiosk uses, from one place.

Bundled files (content packs, fonts) are found next to the source tree in a checkout or
an editable install, and under ``sys._MEIPASS`` in the PyInstaller bundle. State (logs,
settings, PINs, the statistics database, caches) lives in the data dir, which ``--data-dir`` or
the ``KIOSK_DATA_DIR`` variable overrides; tests point it at a fresh temporary folder.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from kiosk.system.fsio import describe_os_error, writing_problem

_data_dir_override: Path | None = None


def bundle_root() -> Path:
    """The folder holding ``content/`` and ``resources/``."""
    override = os.environ.get("KIOSK_BUNDLE_DIR")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def content_dir() -> Path:
    override = os.environ.get("KIOSK_CONTENT_DIR")
    return Path(override) if override else bundle_root() / "content"


def ui_text_dir() -> Path:
    return content_dir() / "ui"


def bundled_packs_dir() -> Path:
    """The packs shipped with the kiosk (in the bundle or checkout, or under ``KIOSK_CONTENT_DIR``).

    Which packs the kiosk shows (these, or a set installed from a stick) is content logic:
    ``kiosk.content.installed.packs_dir``.
    """
    return content_dir() / "packs"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def set_data_dir(path: Path | None) -> None:
    """Use ``path`` for all state from now on (``--data-dir``); ``None`` restores the default."""
    global _data_dir_override
    _data_dir_override = path


def data_dir() -> Path:
    if _data_dir_override is not None:
        return _data_dir_override
    env = os.environ.get("KIOSK_DATA_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "digital-literacy-kiosk"


def log_dir() -> Path:
    return data_dir() / "logs"


def settings_file() -> Path:
    return data_dir() / "settings.json"


def pins_file() -> Path:
    """Organiser and volunteer PINs (hashed) and the count of wrong tries (kiosk.pins)."""
    return data_dir() / "pins.json"


def kiosk_id_file() -> Path:
    """The kiosk's own random id, which tells its exports apart (kiosk.export.identity)."""
    return data_dir() / "kiosk-id"


def kiosk_key_file() -> Path:
    """The kiosk's own key that signs its exports; mode 0600, never exported (kiosk.export.kiosk_key)."""
    return data_dir() / "kiosk-signing.key"


def content_cache_file() -> Path:
    """The checked content of the last start, reused while no content file changes (kiosk.content.cache)."""
    return data_dir() / "content-cache.pickle"


def statistics_database() -> Path:
    """The anonymous statistics (kiosk.stats); damaged copies are kept beside it."""
    return data_dir() / "statistics.sqlite3"


def installed_content_dir() -> Path:
    """Content packs installed from USB sticks, with the set shown and the one before it for rollback."""
    return data_dir() / "installed-content"


def content_trust_file() -> Path:
    """Signing keys the organiser trusts or revoked for content packs (kiosk.content.trust)."""
    return data_dir() / "content-trust.json"


def bundled_keys_dir() -> Path:
    """The content team's public keys (and revoked key ids) shipped with the kiosk."""
    return content_dir() / "keys"


def narration_cache_dir() -> Path:
    """Speech synthesised for narration (kiosk.narration.cache); safe to delete, it is made again."""
    return data_dir() / "narration-cache"


class DataDirProblem:
    """The data dir cannot be written: the kiosk serves visitors all the same, without statistics there."""

    __slots__ = ("error", "folder")

    def __init__(self, folder: Path, error: OSError) -> None:
        self.folder = folder
        self.error = error

    @property
    def disk_full(self) -> bool:
        return self.error.errno in (errno.ENOSPC, errno.EDQUOT)

    @property
    def what_to_do(self) -> str:
        if self.disk_full:
            return "free some space on that disk (old logs, exports), then restart the kiosk"
        return (
            "the disk may be failing or mounted read-only: check it (or replace the SD card or disk) "
            "and make the folder writable by the kiosk's user, then restart the kiosk"
        )

    def __str__(self) -> str:
        return f"the data folder {self.folder} cannot be written: {describe_os_error(self.error)}"


def ensure_data_dirs() -> DataDirProblem | None:
    """Make the data dir and its logs folder and try writing there; what stops it, or None.

    Returned, not raised: flash storage often fails into read-only mode, and a full disk is
    common, and neither may stop the kiosk from serving visitors (``ui.main`` goes on without).
    """
    for folder in (data_dir(), log_dir()):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return DataDirProblem(data_dir(), error)
    return data_dir_problem()


def data_dir_problem() -> DataDirProblem | None:
    """Whether the data dir can be written now (read-only, full, no permission), tried for real."""
    error = writing_problem(data_dir())
    return DataDirProblem(data_dir(), error) if error is not None else None
