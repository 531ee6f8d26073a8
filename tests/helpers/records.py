"""Checks for frozen dataclasses that write their own ``__init__`` (``kiosk.record``)."""

from __future__ import annotations

import inspect
from dataclasses import MISSING, fields, is_dataclass


def assert_init_takes_its_fields(cls: type) -> None:
    """``cls.__init__`` takes every field, in order, with the default ``@dataclass`` would give it."""
    assert is_dataclass(cls)
    assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [p.name for p in parameters] == [f.name for f in fields(cls)], cls.__name__
    for parameter, field in zip(parameters, fields(cls), strict=True):
        where = f"{cls.__name__}.{field.name}"
        assert parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD, where
        if field.default is not MISSING:
            assert parameter.default == field.default, where
        elif field.default_factory is not MISSING:
            # A stand-in replaced by a new value in each instance (checked by the class's own tests).
            assert parameter.default is not inspect.Parameter.empty, where
        else:
            assert parameter.default is inspect.Parameter.empty, where
    # Each field is set: a field left out of __init__ would be missing on every instance.
    source = inspect.getsource(cls.__init__)
    for field in fields(cls):
        assert f'set_field(self, "{field.name}", ' in source, f"{cls.__name__}.{field.name}"
