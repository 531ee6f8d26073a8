"""Frozen dataclasses that write their own __init__ behave as @dataclass(frozen=True) makes them."""

from __future__ import annotations

import dataclasses
import pickle
from types import MappingProxyType

import pytest

from kiosk import languages
from kiosk.content import glossary_entry, installed, model
from kiosk.record import Record, set_field
from kiosk.visit import drill
from tests.helpers.records import assert_init_takes_its_fields


@dataclasses.dataclass(frozen=True)
class Generated:
    title: str
    count: int = 0


@dataclasses.dataclass(frozen=True, init=False, repr=False, eq=False)
class Written(Record):
    title: str
    count: int = 0

    def __init__(self, title: str, count: int = 0) -> None:
        set_field(self, "title", title)
        set_field(self, "count", count)


def test_a_written_record_compares_hashes_and_prints_as_a_generated_one() -> None:
    written, generated = Written("a", 2), Generated("a", 2)
    assert repr(written) == repr(generated).replace("Generated", "Written")
    assert hash(written) == hash(generated) == hash(("a", 2))
    assert written == Written("a", 2)
    assert written != Written("a", 3)
    # Another class with the same fields is never equal, as with dataclasses.
    assert written != generated
    assert written != ("a", 2)
    assert len({written, Written("a", 2)}) == 1


def test_a_written_record_is_frozen_and_replace_and_fields_work() -> None:
    written = Written("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        written.title = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del written.title
    assert dataclasses.replace(written, count=5) == Written("a", 5)
    assert [f.name for f in dataclasses.fields(written)] == ["title", "count"]
    assert Written.__match_args__ == ("title", "count")
    assert pickle.loads(pickle.dumps(written)) == written


# The core's records loaded before the kiosk's first paint (tests/unit/ui/look has the UI's).
RECORDS = [
    cls
    for module in (model, glossary_entry, languages, installed, drill)
    for cls in vars(module).values()
    if isinstance(cls, type) and issubclass(cls, Record) and cls.__module__ == module.__name__
]


def test_every_record_loaded_before_the_first_paint_is_written_so() -> None:
    assert {cls.__name__ for cls in RECORDS} == {
        "LanguageNames",
        "InstalledState",
        "DrillScore",
        "Problem",
        "StepText",
        "Step",
        "TutorialText",
        "Source",
        "Tutorial",
        "Category",
        "Reason",
        "Catalogue",
        "Check",
        "GlossaryEntry",
        "PackWords",
        "Practice",
    }


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_each_record_init_takes_its_fields(cls: type) -> None:
    assert_init_takes_its_fields(cls)


def test_tutorial_texts_without_outcomes_each_get_a_new_dict() -> None:
    steps = MappingProxyType({"one": model.StepText("Title", "Text")})
    first = model.TutorialText("vi", "T", "S", "safe", steps)
    second = model.TutorialText("vi", "T", "S", "safe", steps)
    assert first.outcomes == {} and type(first.outcomes) is dict
    assert first.outcomes is not second.outcomes
