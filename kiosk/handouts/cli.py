"""``kiosk handout TUTORIAL --lang vi --size a4|receipt --out FILE.pdf``: the printed sheet, to a file.

Organisers use it to print a stack of handouts in advance, or to check one before an event.
``kiosk.cli`` wires it in; it needs no screen.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TextIO

from kiosk import paths
from kiosk import settings as settings_store
from kiosk.content.loader import load_catalogue
from kiosk.handouts.build import PaperSize, build_handout
from kiosk.handouts.words import HandoutWords, HandoutWordsError

log = logging.getLogger(__name__)


def handout_command(tutorial_id: str, language: str, size: str, out: Path, stream: TextIO) -> int:
    """Write the handout; exit status 0, or 1 with one line on ``stream`` saying why not."""
    try:
        paper = PaperSize(size)
    except ValueError:
        choices = ", ".join(p.value for p in PaperSize)
        stream.write(f"error: unknown size {size!r} (choose {choices})\n")
        return 1
    catalogue = load_catalogue(paths.packs_dir(), (language,))
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
