"""Ordering ``content_version`` texts, so an older pack never replaces a newer one unnoticed.

Versions are dates or numbers with dots or dashes (``2026.12.01``, ``2026.12.01-2``, ``3.10``):
each run of digits compares as a number, so ``3.10`` is newer than ``3.9``; letters compare as
text and sort before digits (``2026.12.01-beta`` < ``2026.12.01-2``). A missing part is older
(``2026.12`` < ``2026.12.01``).
"""

from __future__ import annotations

import re

_PARTS = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)


def version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(
        (1, int(part), "") if part.isdigit() else (0, 0, part.lower()) for part in _PARTS.findall(version)
    )


def is_older(version: str, than: str) -> bool:
    """True when ``version`` comes before ``than``."""
    return version_key(version) < version_key(than)
