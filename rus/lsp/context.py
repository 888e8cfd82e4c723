"""Where the cursor stands in a plan file: the path of keys above it, and what the model allows there.

The path is read from the indentation of the lines above the cursor, not from a parse, so that it
works while the file is half typed and not valid YAML. What a path may hold (keys, vocabulary
values, ids of a kind) comes from the pydantic models.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from rus.base.vocab import RegionVocab
from rus.plans.annotations import unwrap_annotation, walk_annotation
from rus.plans.loader import model_of
from rus.plans.models import (
    ACTIVITY_ID,
    ACTOR_ID,
    CONFLICT_ID,
    GOAL_ID,
    INDICATOR_ID,
    REFERENCE,
    SUB_AREA_ID,
)

#: A list item in a path.
ITEM = -1
Path = tuple[str | int, ...]

#: Which kind of id a field with this pattern holds (the list of a plan or the registry it names).
ID_KINDS = {
    ACTOR_ID: "actors",
    SUB_AREA_ID: "sub_areas",
    GOAL_ID: "goals",
    INDICATOR_ID: "indicators",
    ACTIVITY_ID: "activities",
    REFERENCE: "documents",
    CONFLICT_ID: "conflicts",
}
#: Kinds of ids that the files of a group share (the others belong to one plan).
SHARED_KINDS = frozenset({"actors", "documents"})

_LINE = re.compile(r"^([ \t]*)((?:-[ \t]+|-$)*)(.*)$")
_KEY = re.compile(r"""^("[^"]*"|'[^']*'|[^\s#'"\[\]{},][^#]*?)[ \t]*:(?:[ \t]+|$)""")


@dataclass(frozen=True)
class Slot:
    """What a path leads to in the model: the field there and its type."""

    model: type[BaseModel] | None
    name: str | None
    info: FieldInfo | None
    annotation: Any

    @property
    def enum(self) -> type[Enum] | type[RegionVocab] | None:
        """The vocabulary of the values allowed here, if any."""
        inner = unwrap_annotation(self.annotation)
        return inner if isinstance(inner, type) and issubclass(inner, Enum | RegionVocab) else None

    @property
    def submodel(self) -> type[BaseModel] | None:
        """The model of the block of keys here, if any."""
        inner = unwrap_annotation(self.annotation)
        return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None

    @property
    def id_kind(self) -> str | None:
        """The kind of id held here (``actors``, ``goals``, …), from the field's pattern."""
        found = _pattern(self.annotation) or (_pattern_of(self.info.metadata) if self.info is not None else None)
        return ID_KINDS.get(found) if found else None

    @property
    def is_bool(self) -> bool:
        """Whether the value here is true or false."""
        return unwrap_annotation(self.annotation) is bool

    @property
    def key_enum(self) -> type[Enum] | type[RegionVocab] | None:
        """For a mapping with vocabulary keys (the ladder), that vocabulary."""
        inner = unwrap_annotation(self.annotation)
        if typing.get_origin(inner) is dict:
            key = unwrap_annotation(typing.get_args(inner)[0])
            if isinstance(key, type) and issubclass(key, Enum | RegionVocab):
                return key
        return None


@dataclass(frozen=True)
class Cursor:
    """What the cursor is on or after: a key or a value at a path, and the word it is in."""

    path: Path
    mode: Literal["key", "value"]
    word: str
    start: int
    end: int


def root_model(kind: str | None, file_name: str) -> type[BaseModel]:
    """The model of a file: the registry's, the programme file's, or a plan's."""
    return model_of(kind, file_name)


def slot(model: type[BaseModel], path: Path) -> Slot:
    """The field a path leads to (its annotation is None when the path leaves the model)."""
    current = Slot(None, None, None, model)
    for step in path:
        inner = unwrap_annotation(current.annotation)
        origin = typing.get_origin(inner)
        if step == ITEM and origin is list:
            current = Slot(current.model, current.name, current.info, typing.get_args(inner)[0])
        elif isinstance(step, str) and isinstance(inner, type) and issubclass(inner, BaseModel):
            info = inner.model_fields.get(step)
            if info is None:
                return Slot(None, None, None, None)
            current = Slot(inner, step, info, info.annotation)
        elif isinstance(step, str) and origin is dict:
            current = Slot(current.model, current.name, current.info, typing.get_args(inner)[1])
        else:
            return Slot(None, None, None, None)
    return current


def _pattern(annotation: Any) -> str | None:
    """The string pattern of an ``Annotated`` type (through ``| None``), if it has one."""
    for inner in walk_annotation(annotation, lists=False):
        if typing.get_origin(inner) is typing.Annotated:
            found = _pattern_of(list(inner.__metadata__))
            if found:
                return found
    return None


def _pattern_of(metadata: list[Any]) -> str | None:
    for item in metadata:
        pattern = getattr(item, "pattern", None)
        if isinstance(pattern, str):
            return pattern
        if isinstance(item, FieldInfo):
            found = _pattern_of(item.metadata)
            if found:
                return found
    return None


def line_parts(line: str) -> tuple[int, list[int], str, int]:
    """A line's indentation, the columns of its ``-`` indicators, its content and where that starts."""
    match = _LINE.match(line)
    assert match is not None  # the pattern matches any line
    indent, dashes, rest = match.group(1), match.group(2), match.group(3)
    columns = [len(indent) + m.start() for m in re.finditer(r"-", dashes)]
    return len(indent), columns, rest, len(indent) + len(dashes)


def key_of(rest: str) -> str | None:
    """The key a line's content starts with (unquoted), if it is ``key:``."""
    match = _KEY.match(rest)
    if match is None:
        return None
    key = match.group(1)
    return key[1:-1] if key[:1] in "\"'" else key


def parents(lines: list[str], row: int, limit: int) -> Path:
    """The keys and list items that hold a node starting at column ``limit`` on line ``row``."""
    found: list[str | int] = []
    for r in range(row - 1, -1, -1):
        if limit <= 0:
            break
        text = lines[r]
        stripped = text.strip()
        if not stripped or stripped.startswith("#") or text.startswith(("---", "...", "%")):
            continue
        _, dashes, rest, content = line_parts(text)
        key = key_of(rest)
        if key is not None and content < limit:
            found.append(key)
            limit = content
        for column in reversed(dashes):
            if column < limit:
                found.append(ITEM)
                limit = column
    return tuple(reversed(found))


_WORD = re.compile(r"[^\s:,\[\]{}#\"']*$")


def cursor_at(lines: list[str], row: int, column: int, model: type[BaseModel]) -> Cursor | None:
    """What is being typed at a 0-based position (None in a comment or beyond the file)."""
    if row >= len(lines):
        return None
    line = lines[row]
    before = line[:column]
    if re.search(r"(^|\s)#", before):
        return None
    _, dashes, rest, content = line_parts(before)
    word_match = _WORD.search(before)
    assert word_match is not None
    start = word_match.start()
    end = start + len(re.match(r"[^\s:,\[\]{}#\"']*", line[start:]).group(0))  # type: ignore[union-attr]
    word = line[start:end]
    above = parents(lines, row, dashes[0] if dashes else content)
    here: Path = above + (ITEM,) * len(dashes)
    key = key_of(rest)
    if key is not None:
        value = rest[_KEY.match(rest).end():]  # type: ignore[union-attr]
        path = (*here, key)
        if value.lstrip().startswith("["):
            path = (*path, ITEM)
        return Cursor(path, "value", word, start, end)
    if dashes and slot(model, here).submodel is None and slot(model, here).key_enum is None:
        return Cursor(here, "value", word, start, end)  # an item of a list of values
    return Cursor(here, "key", word, start, end)


def at_position(lines: list[str], row: int, column: int, model: type[BaseModel]) -> Cursor | None:
    """What the cursor is on (the whole word around it, for hover and definition)."""
    if row >= len(lines):
        return None
    line = lines[row]
    match = re.match(r"[^\s:,\[\]{}#\"']*", line[column:])
    end = column + (len(match.group(0)) if match else 0)
    found = cursor_at(lines, row, end, model)
    if found is None or not found.word:
        return found
    if found.mode == "key":
        return Cursor((*found.path, found.word), "key", found.word, found.start, found.end)
    return found


__all__ = ["ID_KINDS", "ITEM", "SHARED_KINDS", "Cursor", "Slot", "at_position", "cursor_at", "key_of", "line_parts", "parents", "root_model", "slot"]
