"""The kiosk's own words (buttons, screen titles), one YAML file per language.

Files live in ``content/ui/<lang>.yaml`` so an organiser can add a language (say Hmong)
without compiling anything. They are read by the content checker's reader
(``kiosk.content.ui_texts``), so what ``kiosk content check`` reports is what the kiosk
shows, and every problem it finds goes to the log with its file and line. Vietnamese
(``kiosk.languages.REFERENCE_LANGUAGE``) must load; a language whose file cannot be used is
logged and not offered. The one fallback rule: a text missing or empty in another language,
or one that cannot be filled in, is shown in Vietnamese and reported once, so a
half-translated file never leaves a button blank.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.languages import REFERENCE_LANGUAGE

if TYPE_CHECKING:
    from kiosk.content.ui_texts import Translations

log = logging.getLogger(__name__)

LANGUAGE_NAME_KEY = "language.name"


class UiTextError(Exception):
    """The reference (Vietnamese) text cannot be used: the kiosk has nothing to show."""


class UiText:
    """Every language's UI text; ``get`` never fails, it falls back and reports."""

    def __init__(self, translations: Translations) -> None:
        if REFERENCE_LANGUAGE not in translations.texts:
            raise UiTextError(f"no {REFERENCE_LANGUAGE} UI text")
        self._texts: dict[str, dict[str, str]] = {}
        # Per language, the keys shown in Vietnamese (reported on first use).
        self._fallbacks: dict[str, frozenset[str]] = {}
        for lang in translations.texts:
            texts, fallbacks = translations.resolved(lang)
            self._texts[lang] = texts
            self._fallbacks[lang] = frozenset(fallbacks)
        self._reported: set[tuple[str, str]] = set()

    @classmethod
    def load(cls, folder: Path) -> UiText:
        """Read ``<lang>.yaml`` files from ``folder``; only the Vietnamese one is mandatory."""
        # Imported here: a start from the content cache (kiosk.content.cache) needs no YAML at all.
        from kiosk.content.model import Severity
        from kiosk.content.ui_texts import read_ui_translations

        translations = read_ui_translations(folder)
        for problem in translations.problems:
            log.log(logging.ERROR if problem.severity is Severity.ERROR else logging.WARNING, "%s", problem)
        reference = folder / f"{REFERENCE_LANGUAGE}.yaml"
        if REFERENCE_LANGUAGE not in translations.texts:
            why = "; ".join(p.message for p in translations.problems_of(REFERENCE_LANGUAGE)) or "unusable"
            raise UiTextError(f"{reference}: {why}")
        for lang, path in translations.refused.items():
            log.error("UI text %s is unusable; language %r is not offered", path, lang)
        return cls(translations)

    def languages(self) -> tuple[str, ...]:
        """Offered languages: Vietnamese first, then the others by code."""
        others = sorted(lang for lang in self._texts if lang != REFERENCE_LANGUAGE)
        return (REFERENCE_LANGUAGE, *others)

    def language_name(self, lang: str) -> str:
        """The language's name written in itself ("Tiếng Việt", "English")."""
        return self.get(lang, LANGUAGE_NAME_KEY)

    def has(self, lang: str, key: str) -> bool:
        return key in self._texts.get(lang, {}) and key not in self._fallbacks.get(lang, frozenset())

    def get(self, lang: str, key: str, **fmt: object) -> str:
        """The text for ``key`` in ``lang``, with ``{name}`` fields filled from ``fmt``."""
        reference = self._texts[REFERENCE_LANGUAGE]
        texts: Mapping[str, str] = self._texts.get(lang, reference)
        template = texts.get(key)
        if template is None:
            self._report(lang, key)
            return key
        if lang not in self._texts or key in self._fallbacks[lang]:
            self._report(lang, key)
        try:
            return template.format(**fmt)
        except (KeyError, IndexError, ValueError) as error:
            self._report(lang, key, f"cannot be filled in ({error!r})")
            try:
                return reference.get(key, template).format(**fmt)
            except (KeyError, IndexError, ValueError):
                return reference.get(key, template)

    def _report(self, lang: str, key: str, problem: str = "is missing") -> None:
        if (lang, key) in self._reported:
            return
        self._reported.add((lang, key))
        if lang == REFERENCE_LANGUAGE or key not in self._texts[REFERENCE_LANGUAGE]:
            log.warning("UI text %r %s in %s and has no Vietnamese text", key, problem, lang)
        else:
            log.warning("UI text %r %s in %s; showing the Vietnamese text", key, problem, lang)
