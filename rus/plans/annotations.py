"""The one walker over the models' type annotations.

Validation (which vocabulary a value at a path was meant to be), the formatter (the model of a
key's value, the order of an enum-keyed mapping), the editor (the model a dotted field names) and
the language server all ask what a field's annotation holds; they ask here. Only ``typing``
and pydantic's ``BaseModel``: no model of the plans is imported, so every module may use it.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, TypeGuard

from pydantic import BaseModel

_UNIONS = (typing.Union, types.UnionType)


def is_model(annotation: Any) -> TypeGuard[type[BaseModel]]:
    """Whether an annotation is a model class."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def unwrap_annotation(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` down to the type that matters."""
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif args and origin in _UNIONS:
            rest = [a for a in args if a is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        else:
            return annotation


def walk_annotation(annotation: Any, *, lists: bool = True, dicts: bool = False) -> Iterator[Any]:
    """The annotation and every type inside it, depth first, each before what it holds.

    ``Annotated`` and unions are always gone through; the element type of a list only when
    ``lists``, the key and value types of a mapping only when ``dicts``.
    """
    yield annotation
    origin = typing.get_origin(annotation)
    if (origin is list and not lists) or (origin is dict and not dicts):
        return
    for arg in typing.get_args(annotation):
        yield from walk_annotation(arg, lists=lists, dicts=dicts)


def inner_model(annotation: Any, *, lists: bool = True) -> type[BaseModel] | None:
    """The model class a field's annotation holds (through ``| None``, and lists unless ``lists``
    is false; never through mappings), if any."""
    return next((t for t in walk_annotation(annotation, lists=lists) if is_model(t)), None)


def annotation_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> Any:
    """The type annotation of the value at ``loc`` (None when the path leaves the model).

    ``loc`` is a location as pydantic reports it: keys of models and mappings, indexes of lists,
    and ``"[key]"`` after a mapping's key for the key itself rather than its value.
    """
    annotation: Any = model
    steps = list(loc)
    i = 0
    while i < len(steps):
        step = steps[i]
        annotation = unwrap_annotation(annotation)
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if is_model(annotation):
            info = annotation.model_fields.get(step) if isinstance(step, str) else None
            if info is None:
                return None
            annotation = info.annotation
        elif origin is list and args:
            annotation = args[0]
        elif origin is dict and len(args) == 2:
            if i + 1 < len(steps) and steps[i + 1] == "[key]":
                annotation = args[0]
                i += 1
            else:
                annotation = args[1]
        else:
            return None
        i += 1
    return unwrap_annotation(annotation)
