"""Command-line values converted by the model's types (``rus activity set status=ongoing``, dates,
numbers, lists written in YAML's flow style), with messages that name the field and what it takes.
"""

from __future__ import annotations

import math
import typing
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from rus.base.codes import N_
from rus.base.errors import ExitCode
from rus.base.vocab import (
    RegionVocab,
    Vocab,
)
from rus.plans.annotations import inner_model
from rus.plans.annotations import is_model as _is_model
from rus.plans.source import Source, parse_text
from rus.writing.formatting import TextError


class EditError(TextError):
    """An edit that cannot be made as asked (unknown id, forbidden transition, bad value)."""

    exit_code = ExitCode.USAGE


def convert(annotation: Any, raw: str, name: str) -> Any:
    """A command-line text as a value of the model field's type (None: remove an optional key)."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return convert(typing.get_args(annotation)[0], raw, name)
    if origin in (typing.Union, type(int | None)) or (args and type(None) in typing.get_args(annotation)):
        if raw.strip().lower() in ("", "null", "~"):
            return None
        return convert(args[0], raw, name)
    if origin is list:
        inner = typing.get_args(annotation)[0]
        if _is_model(inner) or raw.strip().startswith("["):
            return _parse_flow(raw, name)
        return [convert(inner, part.strip(), name) for part in raw.split(",") if part.strip()]
    if origin is dict or _is_model(annotation):
        return _parse_flow(raw, name)
    text = raw.strip()
    if annotation is bool:
        lowered = text.lower()
        if lowered in ("true", "yes", "ja", "1"):
            return True
        if lowered in ("false", "no", "nej", "0"):
            return False
        raise EditError(N_("`{value}` is not true or false (for `{key}`)"), "", value=raw, key=name)
    if annotation is int:
        try:
            return int(text.replace(" ", "").replace("_", ""))
        except ValueError:
            raise EditError(N_("`{value}` is not a whole number (for `{key}`)"), "", value=raw, key=name) from None
    if annotation is float:
        try:
            number = float(text.replace(" ", "").replace(",", "."))
        except ValueError:
            raise EditError(N_("`{value}` is not a number (for `{key}`)"), "", value=raw, key=name) from None
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    if annotation is date:
        return parse_date(text, name)
    if isinstance(annotation, type) and issubclass(annotation, Vocab | RegionVocab):
        from rus.plans.choices import parse_choice

        return parse_choice(annotation, text, name).value
    if isinstance(annotation, type) and issubclass(annotation, Enum | RegionVocab):
        return text
    return raw


def parse_date(text: str, name: str = "date") -> date:
    """An ISO date from the command line."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        from rus.plans.loader import date_problem

        problem = date_problem(text)
        if problem is not None:
            raise EditError(N_("`{value}` is not a date (for `{key}`)"), problem[0], value=text, key=name, **problem[1]) from None
        raise EditError(N_("`{value}` is not a date (for `{key}`)"), N_("Write dates as YYYY-MM-DD, e.g. 2026-03-01."),
                        value=text, key=name) from None


def parse_number(text: str, name: str = "value") -> float:
    """A finite number from the command line; a decimal comma (``4,5``) is read as a point."""
    cleaned = text.strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise EditError(N_("`{value}` is not a number (for `{key}`)"), N_("Write a number, e.g. 44 or 4,5."), value=text, key=name)
    return number


def _parse_flow(raw: str, name: str) -> Any:
    source = parse_text(f"value: {raw}\n", Source("<value>"))
    if source.data is None or source.diagnostics:
        raise EditError(N_("`{value}` cannot be read as YAML (for `{key}`)"),
                        N_("Write lists as [a, b] and blocks as {{key: value}}."), value=raw, key=name)
    return source.data["value"]


def field_annotation(model: type[BaseModel], path: list[str]) -> tuple[Any, list[type[BaseModel]]]:
    """The annotation of a dotted field path, and the models along it."""
    models = [model]
    current: Any = model
    annotation: Any = None
    for step in path:
        if not _is_model(current) or step not in current.model_fields:
            known = ", ".join(current.model_fields) if _is_model(current) else ""
            raise EditError(N_("Unknown field `{field}`"), N_("Fields: {known}."), field=".".join(path), known=known)
        annotation = current.model_fields[step].annotation
        current = inner_model(annotation, lists=False)
        if current is not None:
            models.append(current)
    return annotation, models


__all__ = [
    "EditError",
    "convert",
    "field_annotation",
    "parse_date",
    "parse_number",
]
