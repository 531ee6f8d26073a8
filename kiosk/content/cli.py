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
from kiosk.system import paths


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def check_command(path: Path | None, out: TextIO) -> int:
    """Print every problem as ``file:line: severity: message`` and a summary; 1 if any error."""
    report = check_report(path if path is not None else paths.content_dir())
    for problem in report.problems:
        print(problem, file=out)
    print(
        f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"
        f" in {_plural(report.tutorial_count, 'tutorial')}",
        file=out,
    )
    return 1 if report.errors else 0


def list_command(language: str, out: TextIO) -> int:
    """Print ``id<TAB>title`` for each tutorial the kiosk would show, in its order.

    Titles are in ``language``, in Vietnamese where that language has none (an unknown
    language is not an error: it is simply all Vietnamese).
    """
    catalogue = load_catalogue(packs_dir(), ui_languages=(language,))
    for tutorial in catalogue.tutorials:
        print(f"{tutorial.id}\t{tutorial.text(language).title}", file=out)
    return 0
