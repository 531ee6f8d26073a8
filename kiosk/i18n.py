"""The kiosk's own words (buttons, screen titles), one YAML file per language.

Files live in ``content/ui/<lang>.yaml`` so an organiser can add a language (say Hmong)
without compiling anything. Nested keys are flattened with dots (``player.next``).
Vietnamese is the reference: it must load, and any text missing in another language is
taken from it and reported once in the log, so a half-translated file never leaves a
button blank. A broken file for another language is logged and that language skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

REFERENCE_LANGUAGE = "vi"
LANGUAGE_NAME_KEY = "language.name"


class UiTextError(Exception):
    """The reference (Vietnamese) text cannot be used: the kiosk has nothing to show."""


def _flatten(data: Mapping[Any, Any], prefix: str, out: dict[str, str], source: str) -> None:
    for key, value in data.items():
        if not isinstance(key, str):
            # YAML turns keys such as `yes` or `no` into booleans; they are typing mistakes here.
            log.warning("%s: key %r under %r is not text; skipped", source, key, prefix or "(top)")
            continue
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping):
            _flatten(value, name, out, source)
        elif isinstance(value, str):
            out[name] = value
        else:
            log.warning("%s: %s is not text (%r); skipped", source, name, value)


def _read(path: Path) -> dict[str, str]:
    """One language file, flattened; raises ``OSError``, ``ValueError`` or ``YAMLError`` when unusable."""
    # Imported here: a start from the content cache (kiosk.content.cache) needs no YAML at all.
    import yaml

    # libyaml when PyYAML has it: the pure-Python loader made these two small files a
    # noticeable part of the kiosk's start-up.
    loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # a safe loader (C or Python)
    if not isinstance(data, Mapping):
        raise ValueError("the file must hold a mapping of keys to texts")
    texts: dict[str, str] = {}
    _flatten(data, "", texts, path.name)
    if not texts.get(LANGUAGE_NAME_KEY, "").strip():
        raise ValueError(f"{LANGUAGE_NAME_KEY} (the language's own name) is missing")
    return texts


class UiText:
    """Every language's UI text; ``get`` never fails, it falls back and reports."""

    def __init__(self, texts: Mapping[str, Mapping[str, str]]) -> None:
        if REFERENCE_LANGUAGE not in texts:
            raise UiTextError(f"no {REFERENCE_LANGUAGE} UI text")
        self._texts = {lang: dict(values) for lang, values in texts.items()}
        self._reported: set[tuple[str, str]] = set()

    @classmethod
    def load(cls, folder: Path) -> UiText:
        """Read ``<lang>.yaml`` files from ``folder``; only the Vietnamese one is mandatory."""
        import yaml

        reference = folder / f"{REFERENCE_LANGUAGE}.yaml"
        try:
            texts = {REFERENCE_LANGUAGE: _read(reference)}
        except (OSError, ValueError, yaml.YAMLError) as error:
            raise UiTextError(f"{reference}: {error}") from error
        for path in sorted(folder.glob("*.yaml")):
            lang = path.stem
            if lang == REFERENCE_LANGUAGE:
                continue
            try:
                texts[lang] = _read(path)
            except (OSError, ValueError, yaml.YAMLError) as error:
                log.error("UI text %s is unusable (%s); language %r is not offered", path, error, lang)
                continue
            missing = sorted(set(texts[REFERENCE_LANGUAGE]) - set(texts[lang]))
            if missing:
                log.warning(
                    "UI text %s lacks %d texts, shown in Vietnamese: %s",
                    path,
                    len(missing),
                    ", ".join(missing),
                )
        return cls(texts)

    def languages(self) -> tuple[str, ...]:
        """Offered languages: Vietnamese first, then the others by code."""
        others = sorted(lang for lang in self._texts if lang != REFERENCE_LANGUAGE)
        return (REFERENCE_LANGUAGE, *others)

    def language_name(self, lang: str) -> str:
        """The language's name written in itself ("Tiếng Việt", "English")."""
        return self.get(lang, LANGUAGE_NAME_KEY)

    def has(self, lang: str, key: str) -> bool:
        return key in self._texts.get(lang, {})

    def get(self, lang: str, key: str, **fmt: object) -> str:
        """The text for ``key`` in ``lang``, with ``{name}`` fields filled from ``fmt``."""
        template = self._texts.get(lang, {}).get(key)
        if template is None:
            self._report(lang, key)
            template = self._texts[REFERENCE_LANGUAGE].get(key)
            if template is None:
                return key
        try:
            return template.format(**fmt)
        except (KeyError, IndexError, ValueError) as error:
            self._report(lang, key, f"cannot be filled in ({error!r})")
            reference = self._texts[REFERENCE_LANGUAGE].get(key, template)
            try:
                return reference.format(**fmt)
            except (KeyError, IndexError, ValueError):
                return reference

    def _report(self, lang: str, key: str, problem: str = "is missing") -> None:
        if (lang, key) in self._reported:
            return
        self._reported.add((lang, key))
        if lang == REFERENCE_LANGUAGE or key not in self._texts[REFERENCE_LANGUAGE]:
            log.warning("UI text %r %s in %s and has no Vietnamese text", key, problem, lang)
        else:
            log.warning("UI text %r %s in %s; showing the Vietnamese text", key, problem, lang)
