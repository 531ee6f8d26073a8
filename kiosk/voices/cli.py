"""``kiosk voices coverage [--lang hmn]`` (wired up in ``kiosk.cli``): what is recorded per tutorial.

``kiosk voices export LANG STICK`` and ``kiosk voices install STICK_FOLDER`` share a voice pack
between kiosks, signed and installed all or nothing (``kiosk.voices.share``).

For each voice pack in the data dir (or the one language asked for): per tutorial, and for the
interface words, how many items are recorded (not yet checked), checked, missing and stale,
then the stale ones by name, so the organiser knows what to record again after a content update.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from kiosk.voices.coverage import Coverage
    from kiosk.voices.items import SourceTexts


def add_voices_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    voices = commands.add_parser("voices", help="volunteers' recordings of the lessons, per language")
    voices_commands = voices.add_subparsers(dest="voices_command", metavar="COMMAND", required=True)
    shown = voices_commands.add_parser(
        "coverage", help="recorded / checked / missing / stale per tutorial, for each voice pack"
    )
    shown.add_argument("--lang", metavar="CODE", help="only this language's voice pack (ISO 639-3, e.g. hmn)")
    export = voices_commands.add_parser(
        "export", help="write a language's voice pack to a USB stick, signed with this kiosk's key"
    )
    export.add_argument("lang", metavar="LANG", help="the language's code (ISO 639-3, e.g. hmn)")
    export.add_argument("stick", type=Path, metavar="STICK", help="the stick's folder")
    install = voices_commands.add_parser(
        "install", help="install a voice pack from a USB stick (signed by a trusted kiosk, all or nothing)"
    )
    install.add_argument(
        "path", type=Path, metavar="STICK_FOLDER", help="the stick, or its kiosk-voices/<language> folder"
    )


def export_command(language: str, stick: Path, out: TextIO) -> int:
    from kiosk.voices.share import VoiceShareError, export_pack

    try:
        result = export_pack(language, stick)
    except VoiceShareError as error:
        print(f"error: {error}", file=out)
        return 1
    print(
        f"voice pack {language} written to {result.folder}: {result.files} files,"
        f" {result.total_bytes / 2**20:.1f} MB, signed by this kiosk's key {result.fingerprint}",
        file=out,
    )
    print(
        "on the other kiosk, the organiser trusts this key once"
        f" (`kiosk content trust {result.folder}/kiosk-key.pub`), then runs `kiosk voices install`",
        file=out,
    )
    return 0


def install_command(path: Path, out: TextIO) -> int:
    from kiosk.voices.share import VoiceShareError, install_pack

    try:
        result = install_pack(path)
    except VoiceShareError as error:
        print(f"error: {error}", file=out)
        for detail in error.details:
            print(f"  {detail}", file=out)
        return 1
    replaced = f", replacing {result.replaced} recording(s) this kiosk had" if result.replaced else ""
    print(
        f"voice pack {result.language} installed: {result.recordings} recording(s),"
        f" signed by {result.signer}{replaced}",
        file=out,
    )
    return 0


def _table(found: Coverage, out: TextIO) -> None:
    from kiosk.voices.coverage import Status

    columns = (Status.RECORDED, Status.CHECKED, Status.MISSING, Status.STALE)
    width = max([len("tutorial"), *(len(group.group) for group in found.groups)])
    header = "".join(f"{status.value:>10}" for status in columns)
    print(f"  {'tutorial':<{width}}{header}", file=out)
    for group in found.groups:
        counts = "".join(f"{group.count(status):>10}" for status in columns)
        print(f"  {group.group:<{width}}{counts}", file=out)
    totals = "".join(f"{found.count(status):>10}" for status in columns)
    print(f"  {'all':<{width}}{totals}", file=out)
    stale = [item.key for group in found.groups for item in group.items[Status.STALE]]
    if stale:
        print("  stale (the Vietnamese text changed; record again):", file=out)
        for key in stale:
            print(f"    {key}", file=out)
    if found.unused:
        print(f"  {len(found.unused)} recording(s) of steps the content no longer has (not played)", file=out)


def coverage_command(language: str | None, out: TextIO, texts: SourceTexts | None = None) -> int:
    """Print each voice pack's coverage; 1 if a pack cannot be read (or the one asked for is absent)."""
    # Imported here: building the command line's parser must not load the content reader.
    from kiosk.voices.coverage import Voices, coverage
    from kiosk.voices.items import SourceTexts
    from kiosk.voices.pack import VoicePackError, voices_dir

    voices = Voices(texts if texts is not None else SourceTexts.of_kiosk())
    codes = [language] if language else voices.languages()
    if not codes:
        print(f"no voice pack in {voices_dir()}: record one in organiser mode, “Record voices”", file=out)
        return 0
    failed = False
    for code in codes:
        try:
            pack = voices.pack(code)
        except VoicePackError as error:
            print(f"error: {error}", file=out)
            failed = True
            continue
        names = ", ".join(name for name in (pack.language.vietnamese, pack.language.own) if name)
        print(f"{code} ({names})", file=out)
        if not pack.file.is_file():
            print("  nothing recorded in this language yet", file=out)
        for problem in pack.problems:
            print(f"  warning: {problem}", file=out)
        _table(coverage(pack, voices.texts), out)
    return 1 if failed else 0
