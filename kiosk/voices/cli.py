"""``kiosk voices coverage [--lang hmn]`` (wired up in ``kiosk.cli``): what is recorded per tutorial.

For each voice pack in the data dir (or the one language asked for): per tutorial, and for the
interface words, how many items are recorded (not yet checked), checked, missing and stale,
then the stale ones by name, so the organiser knows what to record again after a content update.
"""

from __future__ import annotations

import argparse
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
