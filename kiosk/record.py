"""Equality, hash and repr for frozen dataclasses that write their own ``__init__``.

``@dataclass(frozen=True)`` compiles ``__init__``, ``__repr__``, ``__eq__`` and ``__hash__`` anew
for every class each time its module is imported: some 0.4 ms a class, at every start, for
the classes loaded before the kiosk's start screen is shown (the content model, the theme).
Those are written as

    @dataclass(frozen=True, init=False, repr=False, eq=False)
    class StepText(Record):
        title: str
        ...

        def __init__(self, title: str, ...) -> None:
            set_field(self, "title", title)
            ...

They stay frozen dataclasses: ``dataclasses.fields`` and ``replace``, ``FrozenInstanceError``
and what mypy knows of them are unchanged, and they compare, hash and print as
``@dataclass(frozen=True)`` would make them (by their fields, in order).
"""

from __future__ import annotations

from dataclasses import Field
from typing import Any, ClassVar

# How a frozen dataclass's own __init__ sets a field (its __setattr__ refuses).
set_field = object.__setattr__


class Record:
    """Equality, hash and repr over a dataclass's fields, as ``@dataclass(frozen=True)`` writes them."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__dataclass_fields__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, Record)
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__dataclass_fields__)
        return f"{self.__class__.__qualname__}({values})"
