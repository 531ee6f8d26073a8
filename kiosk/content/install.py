"""Installing a content pack from a USB stick, all or nothing, and rolling it back.

An install builds a complete new packs folder (a "set", see ``kiosk.content.installed``) in
the data dir and only then makes it the one the kiosk reads:

1. read ``manifest.json`` and its signature ``manifest.json.minisig``: a trusted, unrevoked
   key must have signed those exact bytes (``kiosk.content.trust``); an older
   ``content_version`` than the one shown is refused unless the organiser chose to go back
   (``allow_older``), and the same version with other files always is; then make sure every
   listed file is on the stick with its size, and nothing unlisted is (a pack changed after
   its manifest was made is refused);
2. copy each file into ``staging/<set>/<pack>``, hashing the bytes as they are written, and
   refuse on the first SHA-256 that differs from the manifest (a damaged stick);
3. copy the other packs the kiosk shows now (the active set, or the bundled packs), so the
   set is complete on its own and rollback is exact; fsync everything;
4. run ``content check`` (the same reading the kiosk does at start-up) on the staged set:
   any error refuses the install, with the check's ``file:line`` messages;
5. rename ``staging/<set>`` to ``sets/<set>``, then replace ``state.json`` (the commit).

A kill or a power cut at any moment leaves ``state.json`` naming a complete, checked set (or
none: the bundled packs); whatever an interrupted install left is removed by the next one.
The kiosk's content cache is keyed by the packs folder's real path, so a new set is always
read afresh. ``on_progress`` gets an ``InstallProgress`` between steps and after every file,
for the organiser screen's progress bar; errors are ``InstallError`` with a message for the
organiser (and details, one line each). Qt-free; the UI runs it on its worker thread.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.check import check_report
from kiosk.content.installed import (
    LOCK_FILE,
    SETS,
    STAGING,
    InstalledState,
    active_packs_dir,
    collect_garbage,
    new_set_name,
    read_state,
    write_state,
)
from kiosk.content.manifest import (
    MANIFEST_FILE,
    SIGNATURE_FILE,
    ManifestEntry,
    ManifestError,
    PackManifest,
    SignedManifest,
    file_digest,
    pack_files,
    pack_identity,
    read_signed_manifest,
)
from kiosk.content.model import Severity
from kiosk.content.packs import pack_folders
from kiosk.content.printable import printable
from kiosk.content.trust import TrustedKey, TrustStore, load_trust
from kiosk.content.versions import is_older
from kiosk.system import paths
from kiosk.system.fsio import fsync_folder

log = logging.getLogger(__name__)

_CHUNK = 1 << 20
# Room kept free beyond the new set itself, so an install never fills the statistics' disk.
_SPARE_BYTES = 50 * 1024 * 1024
# How many lines of details an error carries (the organiser's screen shows them all).
_MAX_DETAILS = 20


class Stage(enum.Enum):
    VERIFYING = "verifying"
    COPYING = "copying"
    CHECKING = "checking"
    SWITCHING = "switching"
    DONE = "done"


@dataclass(frozen=True)
class InstallProgress:
    stage: Stage
    done_bytes: int = 0
    total_bytes: int = 0
    file: str = ""


ProgressCallback = Callable[[InstallProgress], None]


class InstallError(Exception):
    """Nothing was installed (the content shown is unchanged); ``str()`` says why in one line."""

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        # File names come from the stick: shown with their control characters escaped.
        super().__init__(printable(message))
        self.details = tuple(printable(detail) for detail in details[:_MAX_DETAILS])


class OlderVersionError(InstallError):
    """The pack on the stick is older than the one shown; the organiser may choose to go back."""

    def __init__(self, pack_id: str, offered: str, installed: str) -> None:
        super().__init__(
            f"{pack_id} {offered} is older than {installed}, shown now: nothing was installed"
            " (choose to install the older version to go back)"
        )
        self.pack_id = pack_id
        self.offered = offered
        self.installed = installed


@dataclass(frozen=True)
class InstallResult:
    pack_id: str
    content_version: str
    # The version of this pack shown before; None if the pack is new to this kiosk.
    replaced_version: str | None
    packs_dir: Path
    warnings: tuple[str, ...]
    # The trusted key that signed the pack's manifest.
    signer: TrustedKey | None = None


@dataclass(frozen=True)
class RollbackResult:
    packs_dir: Path
    bundled: bool
    # (pack id, content_version) of every pack shown now.
    packs: tuple[tuple[str, str], ...]


def install_pack(
    source: Path,
    *,
    on_progress: ProgressCallback | None = None,
    root: Path | None = None,
    bundled: Path | None = None,
    trust: TrustStore | None = None,
    allow_older: bool = False,
) -> InstallResult:
    """Install the pack in ``source`` (a folder with a signed ``manifest.json``) or raise ``InstallError``.

    ``trust``: the keys to accept (the kiosk's own by default); ``allow_older``: the organiser
    chose to go back to an older version than the one shown.
    """
    root = root if root is not None else paths.installed_content_dir()
    bundled = bundled if bundled is not None else paths.bundled_packs_dir()
    report = on_progress if on_progress is not None else _ignore
    try:
        trust = trust if trust is not None else load_trust()
        with _locked(root):
            state = read_state(root)
            collect_garbage(root, state)
            result = _install(source, root, bundled, state, report, trust, allow_older)
    except OSError as error:
        # The kiosk's own disk (full, read-only, failing): what is shown has not changed.
        raise InstallError(f"nothing was installed: {error}") from error
    log.info(
        "content pack %s %s signed by %s installed from %s (was %s) into %s",
        result.pack_id,
        result.content_version,
        result.signer,
        source,
        result.replaced_version or "not installed",
        result.packs_dir,
    )
    return result


def _install(
    source: Path,
    root: Path,
    bundled: Path,
    state: InstalledState,
    report: ProgressCallback,
    trust: TrustStore,
    allow_older: bool,
) -> InstallResult:
    try:
        signed = read_signed_manifest(source, trust)
    except ManifestError as error:
        raise InstallError(f"{source}: {error}") from error
    manifest = signed.manifest
    report(InstallProgress(Stage.VERIFYING, 0, manifest.total_bytes))
    current = active_packs_dir(root) or bundled
    _require_version(current / manifest.pack_id, manifest, allow_older=allow_older)
    _require_complete(source, manifest)
    others = [folder for folder in pack_folders(current) if folder.name != manifest.pack_id]
    other_files = [(folder, relative) for folder in others for relative in _all_files(folder)]
    total = manifest.total_bytes + sum((folder / rel).stat().st_size for folder, rel in other_files)
    _require_space(root, total)
    name = new_set_name(root, manifest.pack_id)
    staged = root / STAGING / name
    try:
        staged.mkdir(parents=True)
        done = _copy_pack(source, staged / manifest.pack_id, signed, total, report)
        for folder, relative in other_files:
            _copy_file(folder / relative, staged / folder.name / relative)
            done += (staged / folder.name / relative).stat().st_size
            report(InstallProgress(Stage.COPYING, done, total, f"{folder.name}/{relative}"))
        _fsync_tree(staged)
        report(InstallProgress(Stage.CHECKING, done, total))
        warnings = _check(staged, manifest)
        report(InstallProgress(Stage.SWITCHING, done, total))
        (root / SETS).mkdir(exist_ok=True)
        staged.rename(root / SETS / name)
        fsync_folder(root / STAGING)
        fsync_folder(root / SETS)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    replaced = _version_of(current / manifest.pack_id)
    installed = InstalledState(active=name, previous=state.active)
    # The commit: from here on the kiosk reads the new set.
    write_state(root, installed)
    collect_garbage(root, installed)
    report(InstallProgress(Stage.DONE, total, total))
    return InstallResult(
        manifest.pack_id,
        manifest.content_version,
        replaced,
        root / SETS / name,
        tuple(warnings),
        signed.signer,
    )


def rollback(
    *, to_bundled: bool = False, root: Path | None = None, bundled: Path | None = None
) -> RollbackResult:
    """Show the content shown before the last install (or rollback) again; the two swap places.

    ``to_bundled``: show the packs that came with the kiosk instead (after a software update
    brought newer ones); the installed set becomes the one to roll back to.
    """
    root = root if root is not None else paths.installed_content_dir()
    bundled = bundled if bundled is not None else paths.bundled_packs_dir()
    try:
        with _locked(root):
            state = read_state(root)
            swapped = _rolled_back(state, root, to_bundled=to_bundled)
            write_state(root, swapped)
            collect_garbage(root, swapped)
    except OSError as error:
        raise InstallError(f"nothing was rolled back: {error}") from error
    shown = root / SETS / swapped.active if swapped.active is not None else bundled
    log.info("content rolled back to %s", shown)
    return RollbackResult(shown, swapped.active is None, describe_packs(shown))


def _rolled_back(state: InstalledState, root: Path, *, to_bundled: bool) -> InstalledState:
    if to_bundled:
        if state.active is None:
            raise InstallError("the bundled packs are already shown")
        return InstalledState(active=None, previous=state.active)
    if state.active is None and state.previous is None:
        raise InstallError("nothing to roll back: no content was installed from a stick")
    if state.previous is not None and not (root / SETS / state.previous).is_dir():
        raise InstallError(f"the previous content ({state.previous}) is gone; nothing was changed")
    return InstalledState(active=state.previous, previous=state.active)


def describe_packs(packs_dir: Path) -> tuple[tuple[str, str], ...]:
    """(id, content_version) of each pack in ``packs_dir``; "?" where ``pack.yaml`` cannot be read."""
    return tuple((folder.name, _version_of(folder) or "?") for folder in pack_folders(packs_dir))


def counted(count: int, noun: str) -> str:
    """``1 file``, ``2 files``: the organiser reads these messages."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _ignore(_progress: InstallProgress) -> None:
    return None


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    """One install or rollback at a time (the organiser screen and a script could both try)."""
    root.mkdir(parents=True, exist_ok=True)
    if os.name != "posix":
        yield
        return
    import fcntl

    with (root / LOCK_FILE).open("a") as lock:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InstallError("another content install or rollback is running; try again") from None
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _require_version(shown: Path, manifest: PackManifest, *, allow_older: bool) -> None:
    """No silent downgrade: an older version only when chosen, the same version only with the same files."""
    installed = _version_of(shown)
    if installed is None:
        return
    offered = manifest.content_version
    if is_older(offered, installed) and not allow_older:
        raise OlderVersionError(manifest.pack_id, offered, installed)
    if offered != installed:
        return
    try:
        shown_files = {relative: file_digest(shown / relative) for relative in pack_files(shown)}
    except (ManifestError, OSError) as error:
        raise InstallError(f"{manifest.pack_id} {installed} shown now cannot be compared: {error}") from error
    offered_files = {entry.path: (entry.size, entry.sha256) for entry in manifest.files}
    if offered_files != shown_files:
        differ = sorted(
            path
            for path in offered_files.keys() | shown_files.keys()
            if offered_files.get(path) != shown_files.get(path)
        )
        raise InstallError(
            f"{manifest.pack_id} {offered} on the stick has other files than {manifest.pack_id} {installed}"
            " shown now: a changed pack needs a new content_version; nothing was installed",
            differ,
        )


def _require_complete(source: Path, manifest: PackManifest) -> None:
    """Every listed file present with its size, nothing else: otherwise the copy on the stick is not whole."""
    try:
        present = set(pack_files(source))
    except (ManifestError, OSError) as error:
        raise InstallError(f"{source}: {error}") from error
    listed = {entry.path for entry in manifest.files}
    missing = sorted(listed - present)
    if missing:
        raise InstallError(
            f"the pack on the stick is incomplete: {counted(len(missing), 'file')} of manifest.json missing",
            missing,
        )
    extra = sorted(present - listed)
    if extra:
        raise InstallError(
            f"{counted(len(extra), 'file')} not in manifest.json: the pack was changed after its manifest"
            " was made (make it again with `kiosk content manifest`)",
            extra,
        )
    wrong = [e.path for e in manifest.files if (source / e.path).stat().st_size != e.size]
    if wrong:
        raise InstallError(
            f"the size of {counted(len(wrong), 'file')} on the stick is not the one in manifest.json:"
            " damaged or changed",
            wrong,
        )


def _require_space(root: Path, needed: int) -> None:
    free = shutil.disk_usage(root).free
    if free < needed + _SPARE_BYTES:
        raise InstallError(
            f"not enough free space for the content: {needed // 2**20 + 1} MB needed"
            f" (and {_SPARE_BYTES // 2**20} MB kept free), {free // 2**20} MB free in {root}"
        )


def _copy_pack(
    source: Path, target: Path, signed: SignedManifest, total: int, report: ProgressCallback
) -> int:
    """Copy the listed files, each hashed as written; the first mismatch refuses the install.

    The manifest and its signature go along, byte for byte, so the installed pack can be
    verified (and copied to a stick) again, and the organiser page can say who signed it.
    """
    done = 0
    for entry in signed.manifest.files:
        _copy_verified(source / entry.path, target / entry.path, entry)
        done += entry.size
        report(InstallProgress(Stage.COPYING, done, total, entry.path))
    for name, data in ((MANIFEST_FILE, signed.raw), (SIGNATURE_FILE, signed.signature.encode("utf-8"))):
        with (target / name).open("xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    return done


def _copy_verified(source: Path, target: Path, entry: ManifestEntry) -> None:
    digest = hashlib.sha256()
    size = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out:
        try:
            stream = source.open("rb")
        except OSError as error:
            raise InstallError(f"{entry.path} cannot be read from the stick: {error}") from error
        with stream:
            while True:
                try:
                    chunk = stream.read(_CHUNK)
                except OSError as error:
                    raise InstallError(f"{entry.path} cannot be read from the stick: {error}") from error
                if not chunk:
                    break
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if size != entry.size or digest.hexdigest() != entry.sha256:
        raise InstallError(
            f"{entry.path} on the stick does not match manifest.json (its SHA-256 differs):"
            " the file is damaged or was changed; nothing was installed"
        )


def _copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as stream, target.open("xb") as out:
        shutil.copyfileobj(stream, out, _CHUNK)
        out.flush()
        os.fsync(out.fileno())


def _all_files(folder: Path) -> list[Path]:
    """Every file of an installed or bundled pack, relative (caches and hidden files left behind)."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        visible = (name for name in sorted(files) if not name.startswith("."))
        found += [(Path(top) / name).relative_to(folder) for name in visible]
    return found


def _fsync_tree(folder: Path) -> None:
    """Every folder entry made for the staged set is on the disk before the set can become active."""
    for top, _dirs, _files in os.walk(folder, topdown=False):
        fsync_folder(Path(top))


def _check(staged: Path, manifest: PackManifest) -> list[str]:
    """``content check`` on the staged set; errors refuse the install, warnings are returned."""
    report = check_report(staged)

    def shown(problem: object) -> str:
        return str(problem).replace(f"{staged}{os.sep}", "")

    errors = [shown(p) for p in report.problems if p.severity is Severity.ERROR]
    if errors:
        raise InstallError(
            f"{manifest.pack_id} {manifest.content_version} was not installed:"
            f" `kiosk content check` found {counted(len(errors), 'error')}",
            errors,
        )
    try:
        pack_id, version = pack_identity(staged / manifest.pack_id)
    except ManifestError as error:
        raise InstallError(str(error)) from error
    if (pack_id, version) != (manifest.pack_id, manifest.content_version):
        raise InstallError(
            f"manifest.json describes {manifest.pack_id} {manifest.content_version} but pack.yaml"
            f" says {pack_id} {version}: make the manifest again"
        )
    return [shown(p) for p in report.problems if p.severity is not Severity.ERROR]


def _version_of(pack: Path) -> str | None:
    try:
        return pack_identity(pack)[1]
    except ManifestError:
        return None
