"""``kiosk handout TUTORIAL --lang vi --size a4|receipt --out FILE.pdf``: the printed sheet, to a file.

Organisers use it to print a stack of handouts in advance, or to check one before an event;
``kiosk take-home`` writes a guided session's "continue at home" sheet the same way.
``kiosk.cli`` wires it in; it needs no screen.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TextIO

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.handouts.build import PaperSize, build_handout
from kiosk.handouts.take_home import TakeHome, build_take_home
from kiosk.handouts.words import HandoutWords, HandoutWordsError
from kiosk.system import paths
from kiosk.system import settings as settings_store

log = logging.getLogger(__name__)


def handout_command(tutorial_id: str, language: str, size: str, out: Path, stream: TextIO) -> int:
    """Write the handout; exit status 0, or 1 with one line on ``stream`` saying why not."""
    try:
        paper = PaperSize(size)
    except ValueError:
        choices = ", ".join(p.value for p in PaperSize)
        stream.write(f"error: unknown size {size!r} (choose {choices})\n")
        return 1
    catalogue = load_catalogue(packs_dir(), (language,))
    try:
        tutorial = catalogue.tutorial(tutorial_id)
    except KeyError:
        stream.write(f"error: no tutorial {tutorial_id!r} (see `kiosk content list`)\n")
        return 1
    try:
        words = HandoutWords.load(language)
    except HandoutWordsError as error:
        stream.write(f"error: {error}\n")
        return 1
    point_name = settings_store.load(paths.settings_file()).point_name
    pdf = build_handout(tutorial, language, paper, point_name=point_name, today=date.today(), words=words)
    try:
        out.write_bytes(pdf)
    except OSError as error:
        stream.write(f"error: cannot write {out}: {error}\n")
        return 1
    stream.write(f"{out}\n")
    return 0


def take_home_command(results: list[str], language: str, size: str, out: Path, stream: TextIO) -> int:
    """``kiosk take-home TUTORIAL[:ID,...] ... --out FILE.pdf``: a guided session's sheet, to a file.

    Each argument is a tutorial in session order, with the ids ticked for it: its outcome ids
    (done) and reason ids (could not finish), e.g. ``vneid-activate:sms-code-missing``.
    """
    try:
        paper = PaperSize(size)
    except ValueError:
        choices = ", ".join(p.value for p in PaperSize)
        stream.write(f"error: unknown size {size!r} (choose {choices})\n")
        return 1
    catalogue = load_catalogue(packs_dir(), (language,))
    reason_ids = {reason.id for reason in catalogue.reasons}
    parts: list[tuple[str, list[str], list[str]]] = []
    for result in results:
        tutorial_id, _, ticked = result.partition(":")
        try:
            tutorial = catalogue.tutorial(tutorial_id)
        except KeyError:
            stream.write(f"error: no tutorial {tutorial_id!r} (see `kiosk content list`)\n")
            return 1
        achieved: list[str] = []
        reasons: list[str] = []
        for code in filter(None, ticked.split(",")):
            if code in tutorial.outcomes:
                achieved.append(code)
            elif code in reason_ids:
                reasons.append(code)
            else:
                known = ", ".join([*tutorial.outcomes, *sorted(reason_ids)])
                stream.write(
                    f"error: {code!r} is neither an outcome of {tutorial_id} nor a reason ({known})\n"
                )
                return 1
        parts.append((tutorial_id, achieved, reasons))
    try:
        words = HandoutWords.load(language)
    except HandoutWordsError as error:
        stream.write(f"error: {error}\n")
        return 1
    point_name = settings_store.load(paths.settings_file()).point_name
    session = TakeHome.from_catalogue(catalogue, parts)
    pdf = build_take_home(session, language, paper, point_name=point_name, today=date.today(), words=words)
    try:
        out.write_bytes(pdf)
    except OSError as error:
        stream.write(f"error: cannot write {out}: {error}\n")
        return 1
    stream.write(f"{out}\n")
    return 0
