"""The checked content of the last start, reused while no content file has changed.

Reading and checking every YAML file is a large part of the kiosk's start-up, and the
content rarely changes between two starts. So the result (the UI texts and the validated
``Catalogue``, with the log lines the loading wrote) is pickled into the data dir, under a
key made of the kiosk's version, the content folders and the size and modification time of
every file and folder in them (and of the code that checks them, in a checkout). Any edit,
even a touch, changes the key and the content is loaded and checked again; the YAML library
is not even imported when the key matches.

The cache is only ever a shortcut: a missing, old or damaged cache file, or one that
cannot be written, is logged and the content is loaded as usual. It lives in the kiosk's
own data dir, written by the kiosk itself (pickle trusts what it reads). ``kiosk content
check`` never uses it: it always reads the files.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kiosk import __version__
from kiosk.content.model import Catalogue
from kiosk.i18n import UiText
from kiosk.system.fsio import atomic_write, open_plain_file

log = logging.getLogger(__name__)

# Bump when the cached objects change shape in a way the key does not see.
_FORMAT = 5
# The loggers whose lines the loading writes, kept with the cache and replayed on a hit.
_LOGGERS = ("kiosk.content", "kiosk.i18n")
# (logger name, level, message) of one log line written while loading.
_LogLine = tuple[str, int, str]
_Key = tuple[object, ...]


def load_content(ui_text_dir: Path, packs_dir: Path, cache_file: Path) -> tuple[UiText, Catalogue]:
    """The UI texts and the catalogue: from ``cache_file`` if nothing changed, else loaded and cached."""
    key = content_key(ui_text_dir, packs_dir)
    cached = _read(cache_file, key)
    if cached is not None:
        ui_text, catalogue, lines = cached
        log.info("content unchanged since it was last checked; using %s", cache_file)
        for name, level, message in lines:
            logging.getLogger(name).log(level, "%s", message)
        return ui_text, catalogue
    from kiosk.content.loader import load_catalogue

    with _recorded() as lines:
        ui_text = UiText.load(ui_text_dir)
        catalogue = load_catalogue(packs_dir, ui_languages=ui_text.languages())
    _write(cache_file, (key, ui_text, catalogue, lines))
    return ui_text, catalogue


def content_key(*folders: Path) -> _Key:
    """What the cached content depends on; any content edit (or a touch) changes it."""
    entries: list[object] = [_FORMAT, __version__]
    for folder in folders:
        entries.append(str(folder.resolve()))
        entries.extend(_stats(folder))
    # The code that reads and checks the content (in a checkout; a bundle has only its version).
    code = Path(__file__).parent
    for source in (*sorted(code.glob("*.py")), code.parent / "i18n.py"):
        entries.extend(_stats(source))
    return tuple(entries)


def _stats(root: Path) -> Iterator[tuple[str, int, int]]:
    """(relative path, size, mtime_ns) of ``root`` and everything under it, in a fixed order."""
    try:
        info = root.stat()
    except OSError:
        return
    yield root.name, info.st_size, info.st_mtime_ns
    yield from _stats_under(str(root), "")


def _stats_under(folder: str, relative: str) -> Iterator[tuple[str, int, int]]:
    """``folder``'s folders then files, each sorted by name, then the same inside each folder.

    ``os.scandir`` entries rather than ``Path`` objects: this runs over every content file at
    every start, and the entries already know whether they are folders (three times faster).
    """
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return  # an unreadable folder: the loader reports it if a pack needs it
    folders = sorted((entry for entry in entries if _is_folder(entry)), key=_name)
    files = sorted((entry for entry in entries if not _is_folder(entry)), key=_name)
    for entry in (*folders, *files):
        try:
            info = entry.stat()  # through links, as the loader reads them
        except OSError:
            continue  # a dangling link; the loader reports the file if a pack needs it
        yield relative + entry.name, info.st_size, info.st_mtime_ns
    for entry in folders:
        yield from _stats_under(entry.path, relative + entry.name + os.sep)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # a link to a folder is followed
    except OSError:
        return False


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _read(cache_file: Path, key: _Key) -> tuple[UiText, Catalogue, list[_LogLine]] | None:
    try:
        # A plain file only: a named pipe in its place would hold the start-up for ever.
        with os.fdopen(open_plain_file(cache_file), "rb") as stream:
            data = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception as error:  # any damage: the cache is only a shortcut
        log.warning("content cache %s is unreadable (%r); loading the content files", cache_file, error)
        return None
    if not (isinstance(data, tuple) and len(data) == 4 and data[0] == key):
        log.info("content changed since it was last checked; loading the content files")
        return None
    _, ui_text, catalogue, lines = data
    if not (isinstance(ui_text, UiText) and isinstance(catalogue, Catalogue) and isinstance(lines, list)):
        log.warning("content cache %s holds something else; loading the content files", cache_file)
        return None
    return ui_text, catalogue, lines


def _write(cache_file: Path, data: tuple[object, ...]) -> None:
    """Replace ``cache_file`` atomically: a crash mid-write leaves the old file or none, never half."""

    def dump(temporary: Path) -> None:
        with temporary.open("wb") as stream:
            _Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(data)

    try:
        atomic_write(cache_file, dump, mode=0o600)
    except Exception as error:
        log.warning("content cache %s not written (%r); the next start reads the files", cache_file, error)


def _read_only(values: dict[object, object]) -> Mapping[object, object]:
    return MappingProxyType(values)


class _Pickler(pickle.Pickler):
    """Pickles the model's read-only mappings (``MappingProxyType``), which pickle alone refuses."""

    def reducer_override(self, obj: object) -> Any:  # a reduce tuple, or NotImplemented
        if type(obj) is MappingProxyType:
            return _read_only, (dict(obj),)
        return NotImplemented


class _Recorder(logging.Handler):
    def __init__(self, lines: list[_LogLine]) -> None:
        super().__init__(logging.DEBUG)
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def _recorded() -> Iterator[list[_LogLine]]:
    """The log lines the content loggers write meanwhile (they still reach the log as usual)."""
    lines: list[_LogLine] = []
    recorder = _Recorder(lines)
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        yield lines
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)
