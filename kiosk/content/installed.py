"""Where packs installed from USB sticks live, and which set of them the kiosk reads.

Layout, under ``kiosk.system.paths.installed_content_dir()`` (in the writable data dir):

    state.json        {"format": 1, "active": "0003-core-1a2b3c", "previous": "0002-core-4d5e6f"}
    sets/<name>/      a complete packs folder: every pack the kiosk shows, checked as a whole
    staging/<name>/   a set being built; never read by the kiosk
    trash/            sets being deleted

The kiosk reads ``sets/<active>`` when ``state.json`` names one, and the bundled packs
otherwise (``packs_dir``, which every reader of the catalogue asks). ``state.json`` is only
ever replaced whole (written beside, fsynced, renamed over, folder fsynced), so after a power
cut it names either the old set or the new one, both complete; that rename is the moment an
install takes effect.
``previous`` (None: the bundled packs) is kept for ``kiosk content rollback``.

Stdlib only (and the kiosk's paths and safe writes): start-up asks it for the packs folder.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from kiosk.record import Record, set_field
from kiosk.system import paths
from kiosk.system.fsio import PARTIAL_SUFFIX, atomic_write_text, read_plain_file

log = logging.getLogger(__name__)

STATE_FILE = "state.json"
STATE_FORMAT = 1
# The state file names two sets; anything far larger is not one.
_STATE_LIMIT = 64 * 1024
SETS = "sets"
STAGING = "staging"
TRASH = "trash"
LOCK_FILE = "lock"


@dataclass(frozen=True, init=False, repr=False, eq=False)
class InstalledState(Record):
    """Which set is shown (None: the bundled packs), and which one ``rollback`` returns to.

    Read at every start: written as ``kiosk.record`` says.
    """

    active: str | None = None
    previous: str | None = None

    def __init__(self, active: str | None = None, previous: str | None = None) -> None:
        set_field(self, "active", active)
        set_field(self, "previous", previous)


def read_state(root: Path) -> InstalledState:
    """The recorded state; a missing or unreadable file means "nothing installed" (logged)."""
    path = root / STATE_FILE
    try:
        # A plain file only: a named pipe in its place would hold the start-up for ever.
        data = json.loads(read_plain_file(path, _STATE_LIMIT).decode("utf-8"))
    except FileNotFoundError:
        return InstalledState()
    except (OSError, UnicodeDecodeError, ValueError) as error:
        log.error("installed content state %s is unreadable (%s); using the bundled packs", path, error)
        return InstalledState()
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        log.error("installed content state %s is not one this kiosk knows; using the bundled packs", path)
        return InstalledState()
    return InstalledState(_set_name(data.get("active")), _set_name(data.get("previous")))


def _set_name(value: object) -> str | None:
    """A set's folder name, or None; anything that could leave ``sets/`` is refused."""
    if isinstance(value, str) and value and "/" not in value and "\\" not in value and value[0] != ".":
        return value
    return None


def packs_dir() -> Path:
    """The packs the kiosk shows: the set installed from a USB stick if there is one, else the bundled."""
    installed = active_packs_dir(paths.installed_content_dir())
    return installed if installed is not None else paths.bundled_packs_dir()


def active_packs_dir(root: Path) -> Path | None:
    """The installed packs folder the kiosk should read, or None for the bundled packs."""
    state = read_state(root)
    if state.active is None:
        return None
    folder = root / SETS / state.active
    if not folder.is_dir():
        log.error("installed content %s is missing; using the bundled packs", folder)
        return None
    return folder


def write_state(root: Path, state: InstalledState) -> None:
    """Replace ``state.json`` in one durable step (the commit point of install and rollback)."""
    data = {"format": STATE_FORMAT, "active": state.active, "previous": state.previous}
    atomic_write_text(root / STATE_FILE, json.dumps(data))


def _random_suffix() -> str:
    # Imported here: ``secrets`` brings OpenSSL, which the kiosk's start (reading the state) never needs.
    import secrets

    return secrets.token_hex(3)


def new_set_name(root: Path, pack_id: str) -> str:
    """``NNNN-<pack>-<random>``: sorts by install order, never reuses a name left by a killed install."""
    numbers = [0]
    for folder in (root / SETS, root / STAGING):
        if folder.is_dir():
            numbers += [int(p.name[:4]) for p in folder.iterdir() if p.name[:4].isdigit()]
    return f"{max(numbers) + 1:04d}-{pack_id}-{_random_suffix()}"


def collect_garbage(root: Path, keep: InstalledState) -> None:
    """Remove what an interrupted install left and every set neither active nor previous.

    A set is first renamed into ``trash/`` (one atomic step) so a half-deleted folder is never
    left where a set is expected. Failures are logged: a leftover costs only disk space.
    """
    keep_names = {keep.active, keep.previous}
    trash = root / TRASH
    doomed: list[Path] = []
    staging = root / STAGING
    if staging.is_dir():
        doomed += list(staging.iterdir())
    sets = root / SETS
    if sets.is_dir():
        doomed += [folder for folder in sets.iterdir() if folder.name not in keep_names]
    for folder in doomed:
        try:
            trash.mkdir(exist_ok=True)
            folder.rename(trash / f"{folder.name}.{_random_suffix()}")
        except OSError as error:
            log.warning("could not remove old content %s: %s", folder, error)
    for partial in root.glob(f".{STATE_FILE}.*{PARTIAL_SUFFIX}"):
        partial.unlink(missing_ok=True)
    if trash.is_dir():
        import shutil  # only when old packs are left to remove, not at every start

        for folder in trash.iterdir():
            try:
                shutil.rmtree(folder) if folder.is_dir() and not folder.is_symlink() else folder.unlink()
            except OSError as error:
                log.warning("could not remove old content %s: %s", folder, error)
