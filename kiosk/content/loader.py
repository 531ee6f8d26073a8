"""Loading the catalogue the kiosk shows: ``content check`` plus building, plus logging.

The kiosk never stops for broken content: a broken tutorial is skipped, a pack with a broken
``pack.yaml`` is skipped whole, and each reason goes to the log (and to
``Catalogue.problems`` for the organiser's screen) while the rest is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from kiosk.content.model import Catalogue, Severity, Tutorial
from kiosk.content.packs import read_packs
from kiosk.content.texts import language_name

log = logging.getLogger(__name__)


def load_catalogue(packs_dir: Path, ui_languages: Sequence[str] = ()) -> Catalogue:
    """Every valid tutorial under ``packs_dir``, with texts in each pack and UI language.

    Categories no loaded tutorial belongs to are left out, so a visitor never opens an empty topic.
    """
    result = read_packs(packs_dir, ui_languages)
    for problem in result.problems:
        if problem.severity is Severity.ERROR:
            log.warning("%s", problem)
        else:
            log.debug("%s", problem)
    for pack in result.packs:
        if not pack.usable:
            log.warning("skipped content pack %s: its pack.yaml or pack texts have errors", pack.folder)
            continue
        for tutorial_id in pack.skipped_tutorials:
            log.warning("skipped tutorial %s of pack %s: it has errors", tutorial_id, pack.pack_id)
        for tutorial in pack.tutorials:
            _log_fallbacks(tutorial, pack.languages)
    tutorials = result.tutorials
    used = {tutorial.category for tutorial in tutorials}
    categories = tuple(category for category in result.categories if category.id in used)
    for category in result.categories:
        if category.id not in used:
            log.info("category %s has no tutorial to show; it is left out", category.id)
    errors = sum(problem.severity is Severity.ERROR for problem in result.problems)
    log.info(
        "loaded %d tutorials in %d categories from %d packs (%d errors, %d warnings)",
        len(tutorials),
        len(categories),
        sum(pack.usable for pack in result.packs),
        errors,
        len(result.problems) - errors,
    )
    return Catalogue(
        categories=categories,
        tutorials=tutorials,
        languages=result.languages,
        problems=result.problems,
        reasons=result.reasons,
    )


def _log_fallbacks(tutorial: Tutorial, pack_languages: Sequence[str]) -> None:
    """One line per tutorial and language: a pack language with gaps is a translation to finish;
    a UI language the pack is not written in is shown wholly in the pack's default language."""
    default = language_name(pack_languages[0]) if pack_languages else "the default language"
    for language, text in tutorial.texts.items():
        if not text.fallbacks:
            continue
        if language not in pack_languages:
            log.info("tutorial %s has no %s text; it is shown in %s", tutorial.id, language, default)
            continue
        log.warning(
            "tutorial %s: %d texts missing in %s, shown in %s: %s",
            tutorial.id,
            len(text.fallbacks),
            language,
            default,
            ", ".join(text.fallbacks),
        )
