"""One entry of a pack's glossary, on its own so that the wording rules (``kiosk.content.wording``)
and the content model can both name it without importing each other."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.record import Record, set_field

__all__ = ["GlossaryEntry"]


@dataclass(frozen=True, init=False, repr=False, eq=False)
class GlossaryEntry(Record):
    """One idea of a pack's glossary in one language: the name the texts use, and what it means."""

    id: str
    term: str
    meaning: str
    # Other words for the same idea; a tutorial should not mix them with ``term``.
    variants: tuple[str, ...] = ()

    def __init__(self, id: str, term: str, meaning: str, variants: tuple[str, ...] = ()) -> None:
        set_field(self, "id", id)
        set_field(self, "term", term)
        set_field(self, "meaning", meaning)
        set_field(self, "variants", variants)
