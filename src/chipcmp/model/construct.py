"""Models built from data known to validate, without validating it again.

Validating the bundled catalogs costs about a quarter of a warm `chipcmp rank`: most of
it is pydantic building each model's validator on first use, the rest the validation.
Data that validated before (the same bytes, read by the same code: read/cache.py says
so) needs neither. `construct` gives the models `model_validate` gives, built field by
field from each model's own declaration: a field's converter (its PlainValidator, which
turns "75 W" into a Measure) is called; nested models, lists and mappings are built
alike; a float field gets a float; defaults are the model's. What it does not do is
check: constraints, patterns and model validators are skipped, so it must only see data
that passed them (tests/unit/test_construct.py checks that it gives what validation gives,
for every record chipcmp ships).
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Callable, Union, get_args, get_origin

from pydantic import BaseModel, PlainValidator

Build = Callable[[Any], Any] | None  # None: the value is kept as it is
_MISSING = object()


class _Plan:
    """A model's fields in order, each with how its value is built and its default."""

    def __init__(self, model: type[BaseModel]) -> None:
        self.fields = [(name, _builder(field.annotation, field.metadata),
                        field.default_factory, field.default)
                       for name, field in model.model_fields.items()]


_PLANS: dict[type[BaseModel], _Plan] = {}


def construct(model: type[BaseModel], data: dict[str, Any]) -> Any:
    """The `model` that `data` validates into; `data` must be known to validate."""
    plan = _PLANS.get(model)
    if plan is None:
        plan = _PLANS[model] = _Plan(model)
    values = {}
    for name, build, factory, default in plan.fields:
        value = data.get(name, _MISSING)
        if value is _MISSING:
            value = factory() if factory is not None else default  # type: ignore[call-arg]
        elif build is not None and value is not None:
            value = build(value)
        values[name] = value
    # What model_construct does, without its per-field look at each default factory's
    # signature (inspect.signature of list or dict: most of its time).
    built = model.__new__(model)
    object.__setattr__(built, "__dict__", values)
    object.__setattr__(built, "__pydantic_fields_set__", set(data))
    object.__setattr__(built, "__pydantic_extra__", None)
    object.__setattr__(built, "__pydantic_private__", None)
    return built


def _builder(annotation: Any, metadata: list[Any] = ()) -> Build:  # type: ignore[assignment]
    """How a value of `annotation` is built (None: kept as it is)."""
    for item in metadata:
        if isinstance(item, PlainValidator):
            return item.func  # type: ignore[return-value]
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return _builder(base, extra)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return _builder(options[0]) if len(options) == 1 else None
    if origin is list:
        item = _builder(get_args(annotation)[0])
        return None if item is None else (lambda values: [item(v) for v in values])
    if origin is dict:
        item = _builder(get_args(annotation)[1])
        return None if item is None else \
            (lambda mapping: {k: item(v) for k, v in mapping.items()})
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda data: construct(annotation, data)
    if annotation is float:
        return float
    return None
