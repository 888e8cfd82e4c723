"""Changing ruamel.yaml's round-trip data keeping every comment where it was written.

ruamel.yaml keeps a comment that follows a value on the last scalar before the next key (its
"comment slots"), so adding, replacing or removing a key or a list item would move or drop it. The
functions here move such comments along (:func:`set_key`, :func:`delete_key`, :func:`append_item`),
and convert between plain values and round-trip data (:func:`to_yaml`, :func:`plain_data`). The edit
commands (:mod:`rus.writing.editing`) and `rus migrate` change files only through them.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.tokens import CommentToken

from rus.base.vocab import (
    RegionVocab,
)


def _deepest_last(node: Any) -> tuple[Any, Any] | None:
    """The container and key (or index) of the last scalar under ``node``, where ruamel keeps the
    comment lines that follow it."""
    if isinstance(node, CommentedMap) and node:
        key = list(node.keys())[-1]
        inner = _deepest_last(node[key]) if isinstance(node[key], CommentedMap | CommentedSeq) else None
        return inner or (node, key)
    if isinstance(node, CommentedSeq) and node:
        index = len(node) - 1
        inner = _deepest_last(node[index]) if isinstance(node[index], CommentedMap | CommentedSeq) else None
        return inner or (node, index)
    return None


def _split_token(entry: list[Any], slot: int) -> str | None:
    """Detach the comment lines of a comment token; an end-of-line comment stays where it is."""
    token: CommentToken | None = entry[slot] if len(entry) > slot else None
    if token is None:
        return None
    value: str = token.value
    if value.startswith("#"):
        eol, _, rest = value.partition("\n")
        if not rest:
            return None
        token.value = eol + "\n"
        return "\n" + rest
    entry[slot] = None
    return value


def take_trailing(node: Any) -> str | None:
    """Detach the comment lines after the last value under ``node``."""
    found = _deepest_last(node)
    if found is None:
        return None
    container, key = found
    entry = container.ca.items.get(key)
    return _split_token(entry, 2 if isinstance(container, CommentedMap) else 0) if entry else None


def give_trailing(node: Any, text: str | None) -> None:
    """Attach comment lines after the last value under ``node``."""
    if not text:
        return
    found = _deepest_last(node)
    if found is None:
        return
    container, key = found
    slot = 2 if isinstance(container, CommentedMap) else 0
    size = 4 if isinstance(container, CommentedMap) else 2
    entry = container.ca.items.setdefault(key, [None] * size)
    existing = entry[slot]
    if existing is not None and existing.value:
        existing.value = existing.value.rstrip("\n") + text if existing.value.startswith("#") else existing.value + text[1:]
        return
    entry[slot] = CommentToken(text, _mark(), None)


def take_after(cmap: CommentedMap, key: Any) -> str | None:
    """Detach the comment lines that follow a key's value (they belong to what comes next)."""
    value = cmap[key]
    if isinstance(value, CommentedMap | CommentedSeq) and value:
        return take_trailing(value)
    entry = cmap.ca.items.get(key)
    return _split_token(entry, 2) if entry else None


def give_after(cmap: CommentedMap, key: Any, text: str | None) -> None:
    """Attach comment lines after a key's value."""
    if not text:
        return
    value = cmap[key]
    if isinstance(value, CommentedMap | CommentedSeq) and value:
        give_trailing(value, text)
    else:
        cmap.ca.items.setdefault(key, [None, None, None, None])[2] = CommentToken(text, _mark(), None)


def _mark() -> Any:
    from ruamel.yaml.error import CommentMark

    return CommentMark(0)


def append_item(seq: CommentedSeq, item: Any) -> None:
    """Append to a list, keeping the comment lines that followed its last item after the new one."""
    trailing = take_trailing(seq[-1]) if len(seq) else None
    seq.append(item)
    give_trailing(seq, trailing)


def set_key(cmap: CommentedMap, key: str, value: Any, model: type[BaseModel] | None) -> None:
    """Set a key, inserting a new one where the model's field order puts it.

    Comment lines that followed the old value (or the key before a new one) belong to what comes
    next, so they are moved after the new value.
    """
    if isinstance(value, str):
        value = _styled(value)
    if key in cmap:
        trailing = take_after(cmap, key)
        cmap[key] = value
        give_after(cmap, key, trailing)
        return
    rank = {name: i for i, name in enumerate(model.model_fields)} if model is not None else {}
    position = len(cmap)
    if key in rank:
        for index, existing in enumerate(cmap.keys()):
            if rank.get(existing, len(rank)) > rank[key]:
                position = index
                break
    keys = list(cmap.keys())
    trailing = take_after(cmap, keys[position - 1]) if position > 0 else None
    cmap.insert(position, key, value)
    give_after(cmap, key, trailing)


def delete_key(cmap: CommentedMap, key: str) -> None:
    """Remove a key, keeping the comment lines that followed its value."""
    if key not in cmap:
        return
    keys = list(cmap.keys())
    index = keys.index(key)
    trailing = take_after(cmap, key)
    del cmap[key]
    if index > 0:
        give_after(cmap, keys[index - 1], trailing)
    # A first key's trailing comment has no key before it to go to; the comment check then refuses.


def _styled(text: str) -> Any:
    """A text in a style both loaders read back exactly: a literal block for plain multi-line text,
    double quotes when it holds tabs or other control characters."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    from rus.writing.formatting import literal_block

    if type(text) is not str:
        return text  # a string ruamel loaded keeps its style
    if "\n" in text and literal_block(text) is not None:
        return LiteralScalarString(text)
    if any(not (ch.isprintable() or ch == " ") for ch in text):
        return DoubleQuotedScalarString(text)
    return text


def to_yaml(value: Any) -> Any:
    """Plain Python values as round-trip nodes (block style), ready to be put into a document."""
    if isinstance(value, dict):
        result = CommentedMap()
        for key, item in value.items():
            result[key] = to_yaml(item)
        return result
    if isinstance(value, list | tuple):
        seq = CommentedSeq()
        for item in value:
            seq.append(to_yaml(item))
        return seq
    if isinstance(value, Enum | RegionVocab):
        return str(value.value)
    if isinstance(value, str):
        return _styled(value)
    return value


def plain_data(value: Any) -> Any:
    """Round-trip values as the checking loader sees them (dates as ISO text, plain containers)."""
    if isinstance(value, dict):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


__all__ = [
    "append_item",
    "delete_key",
    "give_after",
    "give_trailing",
    "plain_data",
    "set_key",
    "take_after",
    "take_trailing",
    "to_yaml",
]
