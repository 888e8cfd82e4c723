"""The canonical layout of plan files (``rus fmt``), keeping every comment.

The layout: keys in the order of the model's fields (unknown keys after them, as written), two
spaces per level with list dashes indented under their key, a blank line between top-level keys and
between the entries of the big lists (sub-areas, goals, indicators, activities, actors), quoting
only where a value would otherwise mean something else, ISO dates, long text as folded block
scalars (block scalars people wrote keep their line breaks), comments kept where they were (a
comment line belongs to the key or list item that follows it). The result is checked to mean
exactly what the input meant and to hold every comment; a byte order mark and CRLF line ends are
kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
import re
import typing
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rus.base.codes import N_
from rus.base.diagnostics import Diagnostic, Severity
from rus.base.errors import RusError
from rus.base.i18n import os_reason, translate
from rus.base.vocab import Lang, RegionVocab
from rus.base.workspace import display_path
from rus.plans.annotations import inner_model, walk_annotation
from rus.plans.source import Source, blank_line_tabs_as_spaces, gc_paused, parse_text, plain_scalar
from rus.writing.splice import Block, item_end

#: Lists whose entries are separated by a blank line (at the top level of a file).
SPACED_LISTS = frozenset({"sub_areas", "goals", "indicators", "activities", "actors", "criteria", "conflicts"})
#: Keys whose values are dates: a quoted ISO date there is written as a plain date.
DATE_KEYS = frozenset({"date", "start", "end", "adopted"})
#: A single-line text whose line would be longer than this becomes a folded block scalar.
MAX_LINE = 100
#: The comment that binds a file to its JSON Schema in editors; it stays the first line.
MODELINE = "yaml-language-server:"
#: Folded text is broken at spaces so that its lines stay within this width.
FOLD_WIDTH = 80

_BLANK = None
_PLAIN_TAG = "?plain"
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_BLOCK_HEADER = re.compile(r"^([|>])([-+]?)([1-9]?)([-+]?)")
_EOL = re.compile(r"^[\s:\-?,\]}]*?(?:^|(?<=\s))(#.*)$")
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off"})
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_LIBYAML_BREAK = re.compile("[\n\x85\u2028\u2029]")
#: Characters written as escapes in double quotes: those YAML does not allow in a file, and those
#: YAML 1.1 readers take for line breaks (NEL, LS, PS).
_ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_SHORT_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
                  "\r": "\\r", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


class TextError(RusError):
    """A file's text stops the tool's job; it may carry the YAML syntax error that did."""

    #: The syntax error that stopped it, rendered in the reader's language as ``{problem}``.
    diagnostic: Diagnostic | None = None

    def message(self, lang: Lang = "en") -> str:
        """The message in the given language, with the syntax error in that language too."""
        if self.diagnostic is None:
            return super().message(lang)
        params = {**self.params, "problem": self.diagnostic.message(lang)}
        return translate(self.message_id, lang).format(**params)


class FormatError(TextError):
    """A file could not be formatted (it does not parse, or the layout would change its meaning)."""


def syntax_error(error_class: type[TextError], message: str, path: str, diagnostics: list[Diagnostic]) -> TextError:
    """An error for a file that is not valid YAML, naming its first problem and line."""
    first = diagnostics[0] if diagnostics else None
    error = error_class(message, N_("Run `rus validate` and fix the syntax first."), path=path,
                        line=first.line if first else 1, problem=first.message() if first else "")
    error.diagnostic = first
    return error


@dataclass
class _Entry:
    """A mapping pair or a sequence item, with the comments that belong to it."""

    key: ScalarNode | None
    value: Node
    line: int
    leading: list[str | None] = field(default_factory=list)
    eol: list[str] = field(default_factory=list)
    in_flow: bool = False


#: The entry of every node the comments' visit did not record: it holds no comment (the writer
#: only ever replaces its lists with empty ones, :func:`_written`).
_NO_ENTRY = _Entry(None, ScalarNode("tag:yaml.org,2002:null", ""), -1)


@dataclass
class _Layout:
    """The comments of a parsed file, attached to the entries of its node tree."""

    entries: dict[tuple[int, int | None], _Entry] = field(default_factory=dict)
    trailing: list[str | None] = field(default_factory=list)


def comments_of(text: str) -> list[str]:
    """Every comment in a YAML text (the text after ``#``, trimmed), in order; for checking edits."""
    source = parse_text(_normalise(text)[0], Source("<text>"))
    if source.root is None:
        return []
    layout = _collect(source.text or "", source.root)
    found: list[str] = []
    for entry in sorted(layout.entries.values(), key=lambda e: e.line):
        found += [c.strip() for c in entry.leading if c is not None]
        found += [c.strip() for c in entry.eol]
    return found + [c.strip() for c in layout.trailing if c is not None]


def _normalise(text: str) -> tuple[str, bool, bool]:
    """The text without a byte order mark and with LF line ends, and whether it had BOM and CRLF.

    Every line break YAML knows (CRLF, and a CR alone) becomes LF, which YAML reads the same: so
    ``\r\r\n`` is two line breaks, as it is to every YAML reader, not one.
    """
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    crlf = "\r\n" in text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, bom, crlf


def _lines(text: str) -> list[str]:
    """The lines of a text with LF line ends, as libyaml counts them (NEL, LS and PS end a line too)."""
    return _LIBYAML_BREAK.split(text)


def _restore(text: str, bom: bool, crlf: bool) -> str:
    if crlf:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" + text) if bom else text


def format_text(text: str, file_name: str = "plan.yaml") -> str:
    """The canonical layout of a plan file's text (raises :class:`FormatError` if it cannot be parsed)."""
    with gc_paused():  # large node trees, freed by reference counting: nothing for the collector to find
        return _format_text(text, file_name)


def in_layout(text: str, file_name: str = "plan.yaml") -> bool:
    """Whether a plan file's text is in the canonical layout (raises :class:`FormatError` if it cannot
    be parsed).

    Unlike :func:`format_text`, a text not in the layout is not proved safe to lay out: ``rus fmt
    --check`` rejects it either way (as not in the layout, or as not safely formattable).
    """
    with gc_paused():
        return _laid_out(text, file_name)[0] == text


def _format_text(text: str, file_name: str) -> str:
    out, source, written = _laid_out(text, file_name)
    _check_same(text, out, file_name, source if "\r" not in text else None, written)
    return out


def _laid_out(text: str, file_name: str) -> tuple[str, Source, dict[str, list[Block]] | None]:
    """A text in the canonical layout, unchecked, the checking reader's reading of the text, and
    where the layout wrote each item of the top-level lists (None when the text is unchanged or has a
    byte order mark or CRLF line breaks)."""
    body, bom, crlf = _normalise(text)
    source = parse_text(body, Source(file_name))
    errors = [d for d in source.diagnostics if d.level is Severity.ERROR]
    if source.root is None or errors:
        raise syntax_error(FormatError, N_("{path} cannot be formatted: it is not valid YAML (line {line}: {problem})"),
                           file_name, errors)
    from rus.plans.loader import file_kind, model_of

    kind = file_kind(source.data, file_name)
    model: type[BaseModel] | None = model_of(kind) if kind is not None else None
    layout = _collect(body, source.root)
    emitter = _Emitter(body, layout)
    out = _restore(emitter.document(source.root, model), bom, crlf)
    written = emitter.written_items(out) if out != text and not (bom or crlf) else None
    del emitter, layout
    return out, source, written


def _check_same(before: str, after: str, file_name: str, fast_before: Source | None = None,
                written: dict[str, list[Block]] | None = None) -> None:
    """Refuse a layout that changes the data or loses a comment (a bug, never the user's fault).

    The texts are compared as written (line breaks and byte order mark included), by two readers
    that share no code: the checking reader (libyaml, in C) and ruamel.yaml (in Python, YAML 1.2,
    the reader of the edit commands). Each must read the same data before and after. List items
    written the same before and after, each on lines of its own (see :mod:`rus.writing.splice`), read the
    same to ruamel.yaml too: it reads the texts with each of them replaced by the same stand-in, so
    that a large file whose layout changes in a few places is not read whole twice by the slow
    reader. ``fast_before`` is the checking reader's reading of ``before`` without its byte order
    mark, if it was read already; ``written`` is where the layout wrote each item of the top-level
    lists in ``after`` (:meth:`_Emitter.written_items`), so that the checking reader, too, need not
    read ``after`` whole (:func:`_same_by_parts`).
    """
    if before == after:
        return  # already in the layout: nothing to compare
    whole, whole_after = before, after
    cut = _same_by_parts(before, fast_before, after, written) if fast_before is not None and written else None
    where: tuple[Any, ...] | None = None
    if cut is not None:
        before, after = cut  # the checking reader reads the two the same: proved on the parts that differ
    else:
        if fast_before is None:
            fast_before = parse_text(before.removeprefix("\ufeff"), Source(file_name))
        fast_after = parse_text(after.removeprefix("\ufeff"), Source(file_name))
        if fast_after.root is None:
            where = ()
        elif repr(fast_before.data) == repr(fast_after.data):
            where = None  # the same values of the same types in the same order (the quick case)
        else:
            where = _difference(_comparable(fast_before.data), _comparable(fast_after.data))
        if where is None:
            before, after = _without_same_items(before, fast_before, after, fast_after)
        del fast_after
    del fast_before
    if where is None:
        try:
            ruamel_before = _ruamel_reading(before)
        except Exception as exc:  # ruamel.yaml raises many kinds; any of them means it cannot read the file
            line = _error_line(exc) if before is whole else _whole_error_line(whole, _error_line(exc))
            raise FormatError(N_("{path} cannot be formatted safely: the reader of the edit commands (ruamel.yaml) cannot read it (line {line})"),
                              N_("Run `rus validate`; if it finds nothing, please report this file. It is left as it was."),
                              path=file_name, line=line) from None
        try:
            ruamel_after = _ruamel_data(after)
        except Exception:  # the layout made a file ruamel.yaml cannot read: a change of meaning too
            where = ()
        else:
            where = _difference(ruamel_before, ruamel_after)
        if where is not None and before is not whole:
            # stand-ins joined runs of items: the path is that of the whole texts
            where = _whole_difference(whole, whole_after)
    if where is not None:
        raise FormatError(N_("{path} cannot be formatted without changing what it means (the value at {where} would change)"),
                          N_("Please report this file; it is left as it was."), path=file_name,
                          where=_data_path(where))
    if sorted(comments_of(before)) != sorted(comments_of(after)):
        raise FormatError(N_("{path} cannot be formatted without losing a comment"),
                          N_("Please report this file; it is left as it was."), path=file_name)


#: What stands in for a list item written the same before and after the layout: ``- <mark><n>``,
#: with ``n`` the item's index, a text found nowhere else when the checking reader relies on it.
_MARK = "rus-stand-in-"


def _same_by_parts(before: str, fast_before: Source, after: str, written: dict[str, list[Block]]) -> tuple[str, str] | None:
    """The two texts with the top-level list items the layout wrote unchanged replaced by stand-ins,
    when the checking reader reads these shortened texts the same (None when that is not shown: the
    caller then reads ``after`` whole).

    Why reading the parts is enough: each item cut out of ``before`` is a whole item by the
    checking reader's reading of ``before`` (:func:`~rus.writing.splice.item_blocks`: no anchors,
    aliases, tags, tabs or kept final line breaks; it starts at its dash line and ends at the end of
    a line), and its text stands unchanged in ``after``, from the start of a line to the end of one.
    Each stand-in is one item, ``- rus-stand-in-N`` at the item's indentation, with a mark that
    occurs nowhere in either text. When both shortened texts read without findings to the same data
    (mapping keys in any order), with each mark at the place of its items in the list, then in
    ``after`` the reader is in the same list, at the same indentation, where each cut text starts;
    the cut text reads there as it read in ``before``; and what follows it is no deeper than the
    dash (a deeper line would have run on into the one-line stand-in and changed its value): so
    ``after`` reads as ``before``. The comments of the cut texts are the same in both.
    """
    from rus.writing.splice import item_blocks

    root = fast_before.root
    if fast_before.diagnostics or fast_before.text != before or not isinstance(root, MappingNode) \
            or "\t" in before or _MARK in before or _MARK in after:
        return None
    old_cuts: list[Block] = []
    new_cuts: list[Block] = []
    for key, new_blocks in written.items():
        old_blocks = item_blocks(before, root, key)
        if old_blocks is None or len(old_blocks) != len(new_blocks):
            continue
        for old, new in zip(old_blocks, new_blocks, strict=True):
            if old is not None and before[old.start:old.stop] == after[new.start:new.stop]:
                old_cuts.append(old)
                new_cuts.append(new)
    cut = _cut(before, old_cuts, after, new_cuts) if old_cuts else None
    if cut is None:
        return None
    before_cut, after_cut, stand_ins = cut
    old_reading = parse_text(before_cut, Source("<before>"))
    new_reading = parse_text(after_cut, Source("<after>"))
    if old_reading.diagnostics or new_reading.diagnostics or old_reading.root is None or new_reading.root is None:
        return None
    if repr(old_reading.data) != repr(new_reading.data) \
            and _difference(_comparable(old_reading.data), _comparable(new_reading.data)) is not None:
        return None
    data = new_reading.data
    for key, position, mark in stand_ins:
        items = data.get(key) if isinstance(data, dict) else None
        if not isinstance(items, list) or position >= len(items) or items[position] != mark:
            return None
    return before_cut, after_cut


def _without_same_items(before: str, fast_before: Source, after: str, fast_after: Source) -> tuple[str, str]:
    """``before`` and ``after`` with each top-level list item written the same in both replaced by the
    same stand-in (the texts as they are when there is nothing to replace, or the readings had findings).

    The stand-ins keep every item's place, so a difference found between the shortened texts is at
    the same data path as in the whole texts; items written the same hold the same comments.
    """
    from rus.writing.splice import item_blocks

    old_root, new_root = fast_before.root, fast_after.root
    old_text, new_text = fast_before.text, fast_after.text
    if not isinstance(old_root, MappingNode) or not isinstance(new_root, MappingNode) or old_text is None \
            or new_text is None or fast_before.diagnostics or fast_after.diagnostics:
        return before, after
    old_cuts: list[Block] = []
    new_cuts: list[Block] = []
    for key_node, value in new_root.value:
        if not isinstance(value, SequenceNode) or not isinstance(key_node, ScalarNode):
            continue
        old_blocks = item_blocks(old_text, old_root, key_node.value)
        new_blocks = item_blocks(new_text, new_root, key_node.value)
        if old_blocks is None or new_blocks is None or len(old_blocks) != len(new_blocks):
            continue
        for old, new in zip(old_blocks, new_blocks, strict=True):
            if old is not None and new is not None and old_text[old.start:old.stop] == new_text[new.start:new.stop]:
                old_cuts.append(old)
                new_cuts.append(new)
    cut = _cut(old_text, old_cuts, new_text, new_cuts) if old_cuts else None
    if cut is None or _MARK in old_text or _MARK in new_text:
        return before, after
    return cut[0], cut[1]


def _cut(before: str, old_cuts: list[Block], after: str, new_cuts: list[Block]) -> tuple[str, str, list[tuple[str, int, str]]] | None:
    """Both texts with their blocks (``old_cuts[i]`` in ``before`` written as ``new_cuts[i]`` in
    ``after``) replaced by stand-in items at their indentation: one for each run of blocks of one
    list with nothing but blank lines between them in both texts (ruamel.yaml reads a long list
    slowly, even of stand-ins). Each stand-in is ``- rus-stand-in-N``, N counting the runs. Also,
    for each stand-in, its list's key, its index in the shortened list and its text. None when the
    blocks overlap in either text.

    The lists may stand in another order in the two texts (the layout puts keys in the model's
    order), so each text is cut in its own order.
    """
    runs: list[list[Any]] = []  # [first old, last old, first new, last new, mark]
    stand_ins: list[tuple[str, int, str]] = []
    removed: dict[str, int] = {}
    for old, new in zip(old_cuts, new_cuts, strict=True):
        if runs:
            last_old, last_new = runs[-1][1], runs[-1][3]
            if last_old.key == old.key and old.index == last_old.index + 1 and old.start >= last_old.stop \
                    and new.start >= last_new.stop and not before[last_old.stop:old.start].strip() \
                    and not after[last_new.stop:new.start].strip():
                runs[-1][1], runs[-1][3] = old, new
                removed[old.key] = removed.get(old.key, 0) + 1
                continue
        mark = f"{_MARK}{len(runs)}"
        runs.append([old, old, new, new, mark])
        stand_ins.append((old.key, old.index - removed.get(old.key, 0), mark))
    before_cut = _replace(before, [(run[0].start, run[1].stop, run[4]) for run in runs])
    after_cut = _replace(after, [(run[2].start, run[3].stop, run[4]) for run in runs])
    if before_cut is None or after_cut is None:
        return None
    return before_cut, after_cut, stand_ins


def _replace(text: str, spans: list[tuple[int, int, str]]) -> str | None:
    """``text`` with each span ``(start, stop, mark)`` replaced by the item ``- mark`` at the span's
    indentation (None when spans overlap)."""
    parts: list[str] = []
    at = 0
    for start, stop, mark in sorted(spans):
        if start < at:
            return None
        parts += [text[at:start], f"{' ' * _indent_at(text, start)}- {mark}\n"]
        at = stop
    parts.append(text[at:])
    return "".join(parts)


def _indent_at(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] == " ":
        end += 1
    return end - start


def _ruamel_reading(text: str) -> Any:
    """ruamel.yaml's reading of a text; where it stops at a tab on a blank or comment line (which
    YAML allows and the layout removes), its reading of the text with spaces there instead."""
    try:
        return _ruamel_data(text)
    except Exception:
        readable = blank_line_tabs_as_spaces(text)
        if readable == text:
            raise
        return _ruamel_data(readable)


def _ruamel_data(text: str) -> Any:
    """What ruamel.yaml's round-trip reader (YAML 1.2) reads from a text, as plain comparable values."""
    return _comparable(_round_trip_reader().load(io.StringIO(text)))


@cache
def _round_trip_reader() -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="rt")


def _whole_difference(before: str, after: str) -> tuple[Any, ...]:
    """Where ruamel.yaml reads two whole texts differently (``()`` when it cannot read the second)."""
    try:
        return _difference(_ruamel_reading(before), _ruamel_data(after)) or ()
    except Exception:  # as in _check_same
        return ()


def _whole_error_line(text: str, otherwise: int) -> int:
    """The line ruamel.yaml stops at in the whole text (``otherwise`` if it reads it)."""
    try:
        _ruamel_reading(text)
    except Exception as exc:  # as in _check_same
        return _error_line(exc)
    return otherwise


def _error_line(exc: BaseException) -> int:
    """The 1-based line a reader's error points at (1 when it names none)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return int(getattr(mark, "line", 0)) + 1


def _comparable(value: Any) -> Any:
    """Plain values that compare equal exactly when the data is the same (key order aside)."""
    if isinstance(value, bool) or value is None:
        return value
    if type(value).__name__ == "ScalarBoolean":  # ruamel.yaml's anchored boolean, an int subclass
        return bool(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else float(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.date):
        # ruamel.yaml reads a plain ISO date as a date, the checking reader as text: the layout
        # writes quoted dates under date keys plain (`date: 2026-03-01`), the same date to both
        return value.isoformat()
    if isinstance(value, dict):
        return {(type(k).__name__, _comparable(k)): _comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return (type(value).__name__, repr(value))


def _difference(before: Any, after: Any, path: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """The path of the first value that differs between two readings (None when they are equal)."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in list(before) + [k for k in after if k not in before]:
            if key not in before or key not in after:
                return (*path, key[1])
            found = _difference(before[key], after[key], (*path, key[1]))
            if found is not None:
                return found
        return None
    if isinstance(before, list) and isinstance(after, list):
        for index, (one, other) in enumerate(zip(before, after, strict=False)):
            found = _difference(one, other, (*path, index))
            if found is not None:
                return found
        return None if len(before) == len(after) else (*path, min(len(before), len(after)))
    return None if before == after and type(before) is type(after) else path


def _data_path(path: tuple[Any, ...]) -> str:
    """A data path as a reader sees it: ``activities[2].title``; ``/`` for the whole file."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return f"`{text}`" if text else "/"


# --- where the comments are ------------------------------------------------------------------------


def _is_block(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.style in ("|", ">")


def _collect(text: str, root: Node) -> _Layout:
    """Attach each comment line to the entry that follows it, and each end-of-line comment to its line.

    Only the parts of the node tree that reach a line that matters are visited: lines with a ``#``,
    the line before each of them and the line after each run of them. Elsewhere no comment can
    belong; an entry that holds none is not recorded (:data:`_NO_ENTRY` stands for it). Where
    that could attach a comment otherwise than the visit of every node would (a comment waiting
    for a line whose entries were not visited, which a file written by hand rarely has), and in a
    text with aliases, every node is visited.
    """
    lines = _lines(text)
    wanted = _lines_that_matter(lines)
    if len(wanted) * 4 <= len(lines):  # else the visit of every node is as quick
        layout = _collect_lines(lines, root, wanted, aliases="*" in text)
        if layout is not None:
            return layout
    layout = _collect_lines(lines, root, None, aliases="*" in text)
    assert layout is not None
    return layout


def _lines_that_matter(lines: list[str]) -> list[int]:
    """The numbers of the lines with a ``#``, of the nearest non-blank line before each and of the
    first line after each with text and no ``#``, in order."""
    wanted: set[int] = set()
    for number, line in enumerate(lines):
        if "#" not in line:
            continue
        wanted.add(number)
        before = number - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        if before >= 0:
            wanted.add(before)
        after = number + 1
        while after < len(lines) and not lines[after].strip():
            after += 1
        if after < len(lines) and "#" not in lines[after]:  # else that line's own turn looks further
            wanted.add(after)
    return sorted(wanted)


def _collect_lines(lines: list[str], root: Node, wanted: list[int] | None, *, aliases: bool) -> _Layout | None:
    """:func:`_collect`, visiting only the nodes that reach a line in ``wanted`` (every node when it
    is None); None when that could give another result than visiting every node. ``aliases``: the
    text has a ``*`` (an alias may lead back to a node being visited)."""
    if wanted is not None and aliases:
        return None  # an alias's value is written elsewhere in the text: every node is visited
    layout = _Layout()
    inside: set[int] = set()
    ends: dict[int, tuple[int, _Entry | None]] = {}
    starts: dict[int, list[_Entry]] = {}
    headers: dict[int, int] = {}
    known = set(wanted) if wanted is not None else None

    def reaches(first: int, last: int) -> bool:
        """Whether a node on lines ``first``..``last`` reaches a wanted line."""
        if wanted is None:
            return True
        at = bisect_left(wanted, first)
        return at < len(wanted) and wanted[at] <= last

    def note_end(node: Node, owner: _Entry | None) -> None:
        line, col = node.end_mark.line, node.end_mark.column
        if col > ends.get(line, (-1, None))[0]:
            ends[line] = (col, owner)

    def visit(node: Node, owner: _Entry | None, seen: set[int], in_flow: bool = False) -> None:
        if aliases:  # an alias may lead back to a node being visited
            if id(node) in seen:
                return
            seen = seen | {id(node)}
        if isinstance(node, ScalarNode):
            start, end = node.start_mark, node.end_mark
            if _is_block(node):
                last = end.line if end.column > 0 else end.line - 1
                inside.update(range(start.line + 1, last + 1))
                match = _BLOCK_HEADER.match(lines[start.line][start.column:])
                headers[start.line] = start.column + (len(match.group(0)) if match else 1)
            else:
                inside.update(range(start.line + 1, end.line))
                note_end(node, owner)
            return
        if getattr(node, "flow_style", False):
            note_end(node, owner)
            in_flow = True
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if not reaches(key.start_mark.line, value.end_mark.line):
                    continue
                entry = _Entry(key, value, key.start_mark.line, in_flow=in_flow)
                layout.entries[(id(key), None)] = entry
                starts.setdefault(entry.line, []).append(entry)
                visit(key, entry, seen, in_flow)
                visit(value, entry, seen, in_flow)
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                if not reaches(item.start_mark.line, item.end_mark.line):
                    continue
                entry = _Entry(None, item, item.start_mark.line, in_flow=in_flow)
                layout.entries[(id(node), index)] = entry
                starts.setdefault(entry.line, []).append(entry)
                visit(item, entry, seen, in_flow)

    visit(root, None, set())
    pending: list[str | None] = []
    # Where not every node was visited, a line with text but outside ``known`` may hold entries that
    # were not recorded: a comment waiting there would go elsewhere, and the blank lines before it
    # might not have been dropped (which only the comments at the end of the file would show).
    unsure = unsure_at_comment = waiting = False  # waiting: pending holds a comment
    for number, line in enumerate(lines):
        if number in inside:
            continue
        stripped = line.strip()
        if not stripped:
            pending.append(_BLANK)
            continue
        if known is not None and number not in known:
            if waiting:
                return None
            unsure = True
            continue
        if stripped.startswith("#") and number not in ends and number not in starts:
            if not waiting:
                unsure_at_comment, waiting = unsure, True
            pending.append(stripped[1:])
            continue
        here = starts.get(number, [])
        if here:
            here[0].leading = pending
            pending = []
            unsure = unsure_at_comment = waiting = False
        if "#" not in line:
            continue  # no comment on the line (the quick test: most lines have none)
        col = max(ends.get(number, (0, None))[0], headers.get(number, 0))
        match = _EOL.match(line[col:])
        if match is None:
            continue
        comment = match.group(1)[1:].rstrip()
        # The innermost entry of the line, but not one inside brackets: those become lines of their own.
        block = [entry for entry in here if not entry.in_flow]
        owner = (block or here)[-1] if here else ends.get(number, (0, None))[1]
        if owner is not None:
            owner.eol.append(comment)
        else:
            if not waiting:
                unsure_at_comment, waiting = unsure, True
            pending.append(comment)
    if unsure_at_comment and waiting:
        return None
    layout.trailing = pending
    return layout


# --- writing ----------------------------------------------------------------------------------------


@lru_cache(maxsize=65_536)  # plans repeat their words (statuses, ids, names): asked again and again
def can_be_plain(text: str) -> bool:
    """Whether a text can be written without quotes and read back as the same text by every loader."""
    if not text or text != text.strip() or any(ch in text for ch in "\n\t\r") or not text.isprintable():
        return False
    if text.lower() in _YAML11_WORDS or text in ("---", "...") or text.startswith(("--- ", "... ")):
        return False
    first = text[0]
    if first in _INDICATORS and not (first in "-?:" and len(text) > 1 and not text[1].isspace()):
        return False
    if ": " in text or text.endswith(":") or " #" in text:
        return False
    if not isinstance(plain_scalar(text), str):
        return False
    return _ruamel_tag(text) == "tag:yaml.org,2002:str"


def _ruamel_tag(text: str) -> str:
    """The tag ruamel.yaml resolves a plain scalar to under YAML 1.2 (the editing loader)."""
    from ruamel.yaml.nodes import ScalarNode as RuamelScalar
    from ruamel.yaml.resolver import VersionedResolver

    return str(_resolver(VersionedResolver).resolve(RuamelScalar, text, (True, False)))


@cache
def _resolver(cls: type) -> Any:
    return cls(version=(1, 2))


def quote_text(text: str) -> str:
    """The text in single quotes, or in double quotes with escapes where it holds a line break or
    a character that must not be written as it is (then it reads the same in YAML 1.1 and 1.2)."""
    if text.isprintable() and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    return '"' + _ESCAPED.sub(_escape, text.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    short = _SHORT_ESCAPES.get(char)
    if short is not None:
        return short
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _fold(text: str, width: int) -> list[str] | None:
    """The lines of ``text`` folded at single spaces (None when it cannot be folded safely)."""
    if not text or text != text.strip() or "\n" in text or not text.isprintable():
        return None
    words = text.split(" ")
    if any(not w for w in words):
        return None  # two spaces in a row: a folded line may not start with a space
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current += " " + word
    lines.append(current)
    return lines


def literal_block(text: str) -> tuple[str, list[str]] | None:
    """A literal block scalar for a multi-line text (None when one cannot hold it exactly)."""
    if not text.strip() or text[0] in " \n" or any(not (c.isprintable() or c in "\n\t") for c in text):
        return None
    stripped = text.rstrip("\n")
    trailing = len(text) - len(stripped)
    if any(line != line.rstrip(" \t") or line.startswith("\t") for line in stripped.split("\n")):
        return None  # trailing blanks would be lost; a tab after the indentation reads as a tab indent
    if trailing > 1:
        # "|+" would also keep the blank line the layout puts after the value: quote such a text
        return None
    return "|" + ("-" if trailing == 0 else ""), stripped.split("\n")


class _Emitter:
    """Writes a node tree in the canonical layout, with the comments of :class:`_Layout`."""

    def __init__(self, text: str, layout: _Layout) -> None:
        self.lines = _lines(text)
        self.layout = layout
        self.out: list[str] = []
        #: For each top-level list: the indentation of its dashes, the line of ``out`` where each
        #: item's dash line is, and the line after the list's last.
        self.items: dict[str, tuple[int, list[int], int]] = {}

    def _entry(self, node: int, index: int | None) -> _Entry:
        """The entry of a mapping key (``index`` None) or of a list's item, with its comments."""
        return self.layout.entries.get((node, index), _NO_ENTRY)

    def written_items(self, text: str) -> dict[str, list[Block]]:
        """Where each item of a top-level list is in ``text`` (what :meth:`document` returned), as
        :func:`~rus.writing.splice.item_blocks` finds items: from the dash line to the end of the
        item's last line."""
        offsets = [0]
        for line in self.out:
            offsets.append(offsets[-1] + len(line) + 1)
        found: dict[str, list[Block]] = {}
        for key, (indent, dashes, end) in self.items.items():
            blocks: list[Block] = []
            for index, dash in enumerate(dashes):
                start = offsets[dash]
                stop = item_end(text, start, min(offsets[dashes[index + 1] if index + 1 < len(dashes) else end], len(text)), indent)
                blocks.append(Block(key, index, start, max(stop, start)))
            found[key] = blocks
        return found

    def document(self, root: Node, model: type[BaseModel] | None) -> str:
        if isinstance(root, MappingNode) and root.value:
            self._header(self._entry(id(root.value[0][0]), None))
            self._mapping(root, 0, model, top=True, first_prefix=None)
        else:
            self.out.append(self._inline(root, 0, "") or "{}")
        trailing = _tidy(self.layout.trailing, keep_gap_after=False)
        if trailing:
            if self.layout.trailing and self.layout.trailing[0] is None and self.out:
                self.out.append("")
            self.out += ["" if c is None else _comment(c) for c in trailing]
        return "\n".join(self.out).rstrip("\n") + "\n"

    def _header(self, first: _Entry) -> None:
        """Keep the file's header at the top: the modeline, and comments set off by a blank line."""
        leading = first.leading
        split = 0
        for index, item in enumerate(leading):
            if item is None and any(c is not None for c in leading[:index]):
                split = index
        if split == 0 and leading and leading[0] is not None and leading[0].strip().startswith(MODELINE):
            split = 1
        header, first.leading = _tidy(leading[:split], keep_gap_after=False), leading[split:]
        if header:
            self.out += ["" if c is None else _comment(c) for c in header]
            self.out.append("")

    # -- entries --------------------------------------------------------------------------------

    def _leading(self, entry: _Entry, indent: int, blank_before: bool) -> None:
        if blank_before and self.out and self.out[-1] != "":
            self.out.append("")
        if not entry.leading:
            return  # most entries: no comment above them
        for item in _tidy(entry.leading, keep_gap_after=True):
            self.out.append("" if item is None else " " * indent + _comment(item))

    def _eol(self, entry: _Entry) -> str:
        return f"  {_comment(entry.eol[0])}" if entry.eol else ""

    def _after(self, entry: _Entry, indent: int) -> None:
        if len(entry.eol) > 1:
            self.out += [" " * indent + _comment(c) for c in entry.eol[1:]]

    def _mapping(
        self,
        node: MappingNode,
        indent: int,
        model: type[BaseModel] | None,
        *,
        top: bool = False,
        first_prefix: str | None = None,
        key_order: list[str] | None = None,
    ) -> None:
        pairs = _ordered(node, model, key_order)
        for position, (key, value) in enumerate(pairs):
            entry = self._entry(id(key), None)
            name = key.value
            child_model, child_order = _child(model, name)
            prefix = first_prefix if position == 0 and first_prefix is not None else " " * indent
            if position == 0 and first_prefix is not None:
                pass  # the item's dash line; its leading comments were written with the item
            else:
                self._leading(entry, indent, blank_before=top and position > 0)
            head = f"{prefix}{self._key(key)}:"
            self._value_after_key(head, entry, value, indent, child_model, child_order, top, name)
            _written(entry)

    def _value_after_key(
        self,
        head: str,
        entry: _Entry,
        value: Node,
        indent: int,
        model: type[BaseModel] | None,
        order: list[str] | None,
        top: bool,
        name: str,
    ) -> None:
        if isinstance(value, MappingNode) and value.value:
            self.out.append(head + self._eol(entry))
            self._after(entry, indent + 2)
            self._mapping(value, indent + 2, model, key_order=order)
        elif isinstance(value, SequenceNode) and value.value:
            self.out.append(head + self._eol(entry))
            self._after(entry, indent + 2)
            dashes: list[int] | None = [] if top else None
            self._sequence(value, indent + 2, model, spaced=top and name in SPACED_LISTS, dashes=dashes)
            if dashes is not None:
                self.items[name] = (indent + 2, dashes, len(self.out))
        else:
            self._scalar_line(head, entry, value, indent + 2, name)
            self._after(entry, indent + 2)

    def _sequence(self, node: SequenceNode, indent: int, model: type[BaseModel] | None, *, spaced: bool,
                  dashes: list[int] | None = None) -> None:
        for index, item in enumerate(node.value):
            entry = self._entry(id(node), index)
            self._leading(entry, indent, blank_before=spaced and index > 0)
            dash = " " * indent + "- "
            if isinstance(item, MappingNode) and item.value:
                pairs = _ordered(item, model, None)
                first = self._entry(id(pairs[0][0]), None)
                # Comments above the first key after reordering go above the dash line.
                for comment in _tidy(first.leading, keep_gap_after=False) if first.leading else ():
                    self.out.append("" if comment is None else " " * indent + _comment(comment))
                if dashes is not None:
                    dashes.append(len(self.out))
                self._mapping(item, indent + 2, model, first_prefix=dash)
                self.out += [" " * (indent + 2) + _comment(c) for c in entry.eol]
            elif isinstance(item, SequenceNode) and item.value:
                # a comment beside a dash with nothing else on its line is read back as a comment
                # above it: written there at once, so that a second fmt changes nothing
                self.out += [" " * indent + _comment(c) for c in entry.eol]
                if dashes is not None:
                    dashes.append(len(self.out))
                self.out.append(dash.rstrip())
                self._sequence(item, indent + 2, None, spaced=False)
            else:
                if dashes is not None:
                    dashes.append(len(self.out))
                self._scalar_line(dash.rstrip(" ") + " ", entry, item, indent + 2, "", sep="")
                self._after(entry, indent + 2)
            _written(entry)

    # -- scalars --------------------------------------------------------------------------------

    def _key(self, key: ScalarNode) -> str:
        text = key.value
        # A plain key stays plain: keys are always text to the checking loader, whatever they look like.
        return text if key.tag == _PLAIN_TAG or can_be_plain(text) else quote_text(text)

    def _scalar_line(self, head: str, entry: _Entry, value: Node, indent: int, name: str, sep: str = " ") -> None:
        eol = self._eol(entry)
        if isinstance(value, MappingNode):
            self.out.append(f"{head}{sep}{{}}{eol}")
            return
        if isinstance(value, SequenceNode):
            self.out.append(f"{head}{sep}[]{eol}")
            return
        assert isinstance(value, ScalarNode)
        if _is_block(value):
            kept = self._kept_block(value, indent)
            if kept is not None:
                header, body = kept
                self.out.append(f"{head}{sep}{header}{eol}")
                self.out += [(" " * indent + line) if line else "" for line in body]
                return
        text = self._inline(value, len(head) + len(sep), name)
        if text is not None:
            self.out.append(f"{head}{sep}{text}{eol}" if text else f"{head.rstrip()}{eol}")
            return
        block = self._block_for(value.value, indent)
        header, body = block
        self.out.append(f"{head}{sep}{header}{eol}")
        self.out += [(" " * indent + line) if line else "" for line in body]

    def _inline(self, node: Node, column: int, name: str) -> str | None:
        """The scalar on one line, or None when it should be a block scalar."""
        if not isinstance(node, ScalarNode):
            return "[]" if isinstance(node, SequenceNode) else "{}"
        text: str = node.value
        if node.tag == _PLAIN_TAG and not _is_block(node):
            resolved = plain_scalar(text)
            if resolved is None:
                return "" if text == "" else "null"
            if isinstance(resolved, bool):
                return "true" if resolved else "false"
            if not isinstance(resolved, str):
                return text
            if _ISO_DATE.match(text) or can_be_plain(text) or _ruamel_tag(text) == "tag:yaml.org,2002:timestamp":
                if column + len(text) > MAX_LINE and _fold(text, FOLD_WIDTH):
                    return None
                return text
            return quote_text(text)
        if node.tag != "tag:yaml.org,2002:str":
            # An explicit tag such as !!int: plain when the text means that anyway, else kept.
            kind = str(node.tag).rsplit(":", 1)[-1]
            resolved = plain_scalar(text)
            expected: dict[str, type] = {"int": int, "float": float, "bool": bool, "null": type(None)}
            if kind in expected and type(resolved) is expected[kind]:
                return text
            return f"!!{kind} {quote_text(text)}"
        if "\n" in text:
            return None if literal_block(text) else quote_text(text)
        if name in DATE_KEYS and _ISO_DATE.match(text) and _valid_date(text):
            return text
        if column + len(text) > MAX_LINE and _fold(text, FOLD_WIDTH - 2):
            return None
        return text if can_be_plain(text) else quote_text(text)

    def _block_for(self, text: str, indent: int) -> tuple[str, list[str]]:
        if "\n" in text:
            literal = literal_block(text)
            if literal is not None:
                return literal
        folded = _fold(text, max(FOLD_WIDTH - indent, 40))
        if folded is None:  # pragma: no cover - _inline only asks for texts that fold
            return quote_text(text), []
        return ">-", folded

    def _kept_block(self, node: ScalarNode, indent: int) -> tuple[str, list[str]] | None:
        """A block scalar's header and body lines as written, re-indented (None to write it anew)."""
        start, end = node.start_mark, node.end_mark
        header_match = _BLOCK_HEADER.match(self.lines[start.line][start.column:])
        if header_match is None or header_match.group(3):
            return None
        style = header_match.group(1)
        chomp = header_match.group(2) or header_match.group(4)
        if chomp == "+":
            return None  # kept final line breaks would take in the blank lines the layout adds
        last = end.line if end.column > 0 else end.line - 1
        body = self.lines[start.line + 1 : last + 1]
        content = [line for line in body if line.strip()]
        if not content:
            return None
        strip = len(content[0]) - len(content[0].lstrip(" "))
        moved = [line[strip:] if len(line) > strip else line.strip(" ") for line in body]
        if chomp != "+":
            while moved and not moved[-1]:
                moved.pop()
        return style + chomp, moved


def _written(entry: _Entry) -> None:
    """Forget an entry's comments once written: an alias writes its values again, not its comments."""
    entry.leading, entry.eol = [], []


def _valid_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _comment(text: str) -> str:
    return "#" + text


def _tidy(items: list[str | None], *, keep_gap_after: bool) -> list[str | None]:
    """Comment lines with blank lines collapsed: none at the start, at most one in a row."""
    result: list[str | None] = []
    for item in items:
        if item is None and (not result or result[-1] is None):
            continue
        result.append(item)
    if all(item is None for item in result):
        return []
    if not keep_gap_after:
        while result and result[-1] is None:
            result.pop()
    return result


def _ordered(node: MappingNode, model: type[BaseModel] | None, key_order: list[str] | None) -> list[tuple[Any, Node]]:
    """The pairs of a mapping in the model's field order; unknown keys follow in written order."""
    order = tuple(model.model_fields) if model is not None else tuple(key_order or ())
    if not order:
        return list(node.value)
    rank = _rank(order)
    last = len(rank)
    ranks = [rank.get(key.value, last) for key, _ in node.value]
    if ranks == sorted(ranks):
        return list(node.value)  # in order already (sorting is stable: the same pairs)
    indexed = sorted(range(len(ranks)), key=lambda i: (ranks[i], i))
    return [node.value[i] for i in indexed]


@cache
def _rank(order: tuple[str, ...]) -> dict[str, int]:
    return {name: index for index, name in enumerate(order)}


@cache
def _child(model: type[BaseModel] | None, name: str) -> tuple[type[BaseModel] | None, list[str] | None]:
    """The model of a key's value, or the order of an enum-keyed mapping's keys."""
    if model is None or name not in model.model_fields:
        return None, None
    annotation = model.model_fields[name].annotation
    return inner_model(annotation), _enum_keys(annotation)


def _enum_keys(annotation: Any) -> list[str] | None:
    for inner in walk_annotation(annotation, dicts=True):
        if typing.get_origin(inner) is dict:
            key_type = typing.get_args(inner)[0]
            if isinstance(key_type, type) and issubclass(key_type, Enum | RegionVocab):
                return [str(member.value) for member in key_type]
    return None


# --- files ---------------------------------------------------------------------------------------


def replace_text(path: Path, before: str, after: str, display: str) -> None:
    """Write ``after`` over a file atomically, unless the file no longer holds ``before``.

    Someone may have saved the file (in an editor, say) since it was read; their work is not
    overwritten. The comparison and the write are made under the plans' write lock (callers take it
    before they read, so that other rus commands wait for them). A file that cannot be written is a
    :class:`~rus.base.errors.WriteError`.
    """
    from rus.base.errors import WriteError
    from rus.base.fileio import write_lock, write_text_atomic

    with write_lock(path):
        try:
            current = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != before:
            raise WriteError(N_("{path} changed while rus was working on it; nothing was written"),
                             N_("Run the command again."), path=display)
        try:
            write_text_atomic(path, after)
        except OSError as exc:
            raise WriteError(N_("{path} cannot be written: {reason}"),
                             N_("Check that the folder exists and that you are allowed to write in it."),
                             path=display, reason=os_reason(exc)) from None


@dataclass
class FormatOutcome:
    """What ``fmt`` did (or would do) to one file."""

    path: Path
    display: str
    changed: bool = False
    error: RusError | None = None


def format_paths(
    paths: list[Path], *, check: bool = False, display_root: Path | None = None, prove: bool = True,
) -> list[FormatOutcome]:
    """Format plan files in place (with ``check``, only find those that would change).

    With ``check`` and not ``prove``, a file not in the layout is found without proving that laying
    it out would be safe (:func:`in_layout`): enough to know that ``rus fmt --check`` rejects it.
    """
    from rus.base.fileio import write_lock
    from rus.plans.validation import discover_files, outside_diagnostic
    from rus.timeline.history import LinkOutsideError

    found = discover_files(paths)
    outcomes = [FormatOutcome(out.path, display_path(out.path, display_root),
                              error=LinkOutsideError(outside_diagnostic(out, display_root))) for out in found.outside]
    for path in found.files:
        display = display_path(path, display_root)
        outcome = FormatOutcome(path, display)
        outcomes.append(outcome)
        # read, format and write under the lock, so that an edit made meanwhile is not overwritten
        with contextlib.nullcontext() if check else write_lock(path):
            _format_file(outcome, check, prove or not check)
    return outcomes


def _format_file(outcome: FormatOutcome, check: bool, prove: bool = True) -> None:
    path, display = outcome.path, outcome.display
    try:
        original = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        outcome.error = FormatError(N_("{path} cannot be read: {reason}"), "", path=display,
                                    reason=str(exc))
        return
    try:
        if not prove:
            outcome.changed = not in_layout(original, display)
            return
        formatted = format_text(original, display)
    except FormatError as exc:
        outcome.error = exc
        return
    outcome.changed = formatted != original
    if outcome.changed and not check:
        replace_text(path, original, formatted, display)


__all__ = ["FormatError", "FormatOutcome", "TextError", "comments_of", "format_paths", "format_text", "in_layout", "syntax_error"]
