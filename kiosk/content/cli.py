"""The ``kiosk content check`` and ``kiosk content list`` commands (wired up in ``kiosk.cli``).

Organisers run them in scripts, so output is plain lines on the given stream and the exit
code says whether the content may be installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from kiosk.content.check import check_report
from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Severity
from kiosk.system import paths


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def check_command(path: Path | None, out: TextIO, voices: Path | None = None) -> int:
    """Print every problem as ``file:line: severity: message`` and a summary; 1 if any error.

    ``voices``: a voices folder (``<data dir>/voices``) checked too, against the content checked
    (a content folder's packs and words) or else the kiosk's.
    """
    report = check_report(path if path is not None else paths.content_dir())
    problems = list(report.problems)
    if voices is not None:
        from kiosk.content.voice_check import check_voices
        from kiosk.voices.items import SourceTexts

        if path is not None and (path / "packs").is_dir():
            texts = SourceTexts.of_kiosk(path / "packs", path / "ui")
        else:
            texts = SourceTexts.of_kiosk()
        problems += check_voices(voices, texts)
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    for problem in problems:
        print(problem, file=out)
    print(
        f"{_plural(errors, 'error')}, {_plural(len(problems) - errors, 'warning')}"
        f" in {_plural(report.tutorial_count, 'tutorial')}",
        file=out,
    )
    return 1 if errors else 0


def list_command(language: str, out: TextIO) -> int:
    """Print ``id<TAB>title`` for each tutorial the kiosk would show, in its order.

    Titles are in ``language``, in Vietnamese where that language has none (an unknown
    language is not an error: it is simply all Vietnamese).
    """
    catalogue = load_catalogue(packs_dir(), ui_languages=(language,))
    for tutorial in catalogue.tutorials:
        print(f"{tutorial.id}\t{tutorial.text(language).title}", file=out)
    return 0
