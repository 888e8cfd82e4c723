"""Where one list item of a plan file is written, so that an edit can load, change and write only it.

An edit changes one activity or indicator. Loading the whole file with ruamel.yaml and dumping it
again costs far more than checking it (a 1,000-activity plan: a minute against two seconds). The
checking parser (libyaml, in C) gives every node its start and end in the text; from them
:func:`item_block` cuts out the lines of the one item (from its dash line to its last line, leaving
the comment and blank lines between items outside), so that the edit loads, changes and dumps a
small document ``<key>:`` + those lines and puts the result back between the untouched text before
and after it.

An append is the same edit of the list's last item: the small document holds it, the new item is
appended after it there, and the two replace its lines (:func:`last_item_block`). An edit of the
first top-level keys (a meeting, the revision) loads only the lines from the top of the file to the
key after the last of them (:func:`head_block`).

Whatever could make the item read differently on its own than in the whole file gives ``None``,
and the caller edits the whole document: anchors, aliases and tags, tabs, carriage returns,
document markers and directives, block texts that keep their final line breaks, items or lists in
flow style, and any finding the parser had about the file. The edited file is parsed whole again
before it is written, and must read as the file before with only the item changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

#: The text before an item's first key on its line: the indentation and the dash.
_DASH = re.compile(r"( *)- +")
#: Characters that libyaml and ruamel.yaml treat apart (tabs, carriage returns and the other line
#: breaks, a byte order mark).
_UNSURE_CHARS = ("\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff")
#: Anchors, aliases and tags (``&a``, ``*a``, ``!tag`` after a blank or an indicator), whose meaning
#: may reach outside the item.
_NODE_PROPERTY = re.compile(r"(?:^|[\s\[{,:?-])[&*!][^\s]", re.MULTILINE)
#: A block text that keeps its final line breaks (``|+``, ``>2+``): blank lines after it are its value.
_KEEP = re.compile(r"[|>][0-9]*\+")
#: Directives and document markers anywhere in the file.
_DOCUMENT = re.compile(r"^(?:---|\.\.\.|%)", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    """The lines of one list item in a file's text: ``text[start:stop]``.

    With ``head``, the lines are instead the file's first top-level keys (from the top of the file,
    ``start`` 0), and ``key`` and ``index`` are not used. ``layout_start``, when given, is where the
    lines begin that tell the file's layout (:meth:`layout`): an append's block starts them at the
    item before, so that the lines between two items are seen.
    """

    key: str
    index: int
    start: int
    stop: int
    head: bool = False
    layout_start: int | None = None

    def _header(self) -> str:
        return "" if self.head else f"{self.key}:\n"

    def document(self, text: str) -> str:
        """The item alone as a small YAML document: its list's key, then the item's lines (the lines
        as they are, for a head block)."""
        return self._header() + text[self.start:self.stop]

    def layout(self, text: str) -> str:
        """The small document whose layout (canonical or not) an edit of the block keeps."""
        start = self.start if self.layout_start is None else self.layout_start
        return self._header() + text[start:self.stop]

    def splice(self, text: str, document: str) -> str:
        """``text`` with the item's lines replaced by those of an edited :meth:`document`."""
        header = self._header()
        if not document.startswith(header):
            raise ValueError("not a document of this block")
        return text[: self.start] + document[len(header):] + text[self.stop:]

    def expected(self, data: Any, small: Any) -> Any:
        """The file's plain values ``data`` as they must read once the edited small document, read as
        ``small``, is put back: the block's item replaced by the items of ``small``'s list (one for an
        edit, more for an append), or, for a head block, the top-level keys replaced by ``small``'s.

        Raises ValueError when ``small`` is not a document of this block.
        """
        if not isinstance(data, dict) or not isinstance(small, dict):
            raise ValueError("not a mapping")
        if self.head:
            if list(small) != list(data)[: len(small)]:
                raise ValueError("not the same keys")
            return {**data, **small}
        items = small.get(self.key)
        if set(small) != {self.key} or not isinstance(items, list) or not items:
            raise ValueError("not a document of this block")
        return expected_data(data, self.key, slice(self.index, self.index + 1), items)


def item_block(text: str, root: Node | None, key: str, index: int) -> Block | None:
    """The lines of item ``index`` of the top-level list ``key``, or None when it cannot be edited alone.

    ``root`` is the node tree the checking parser made of ``text`` (with no findings).
    """
    if not _whole_text_ok(text, root):
        return None
    assert isinstance(root, MappingNode)
    seq = _top_value(root, key)
    if not isinstance(seq, SequenceNode) or seq.flow_style or not 0 <= index < len(seq.value):
        return None
    return _block(text, seq, key, index)


def last_item_block(text: str, root: Node | None, key: str) -> Block | None:
    """:func:`item_block` of the last item of the top-level list ``key`` (where an append goes), or
    None when the list is missing, empty or cannot be edited alone."""
    if not isinstance(root, MappingNode):
        return None
    seq = _top_value(root, key)
    if not isinstance(seq, SequenceNode) or not seq.value:
        return None
    last = item_block(text, root, key, len(seq.value) - 1)
    if last is None or last.index == 0:
        return last
    before = _block(text, seq, key, last.index - 1)
    return None if before is None else replace(last, layout_start=before.start)


def head_block(text: str, root: Node | None, keys: tuple[str, ...]) -> Block | None:
    """The lines from the top of the file to the top-level key that follows the last of ``keys``
    (leaving out the blank and comment lines before it), or None when one of ``keys`` is missing or
    last in the file, or the lines cannot be edited alone.
    """
    if not _whole_text_ok(text, root) or not keys:
        return None
    assert isinstance(root, MappingNode)
    if root.flow_style:
        return None
    names = [name.value if isinstance(name, ScalarNode) else None for name, _value in root.value]
    if any(names.count(key) != 1 for key in keys):
        return None
    last = max(names.index(key) for key in keys)
    if last + 1 >= len(root.value):
        return None
    following = root.value[last + 1][0].start_mark
    if following.column != 0 or (following.index > 0 and text[following.index - 1] != "\n"):
        return None
    stop = _trim(text, 0, following.index, 0)
    if stop <= 0 or not _plain_lines(text[:stop]):
        return None
    return Block("", 0, 0, stop, head=True)


def item_blocks(text: str, root: Node | None, key: str) -> list[Block | None] | None:
    """:func:`item_block` of every item of the top-level list ``key`` (None when there is no such list)."""
    if not _whole_text_ok(text, root):
        return None
    assert isinstance(root, MappingNode)
    seq = _top_value(root, key)
    if not isinstance(seq, SequenceNode) or seq.flow_style:
        return None
    return [_block(text, seq, key, index) for index in range(len(seq.value))]


def _whole_text_ok(text: str, root: Node | None) -> bool:
    if not isinstance(root, MappingNode) or "\n" not in text:
        return False
    return not (("---" in text or "..." in text or "%" in text) and _DOCUMENT.search(text) is not None)


def _block(text: str, seq: SequenceNode, key: str, index: int) -> Block | None:
    item = seq.value[index]
    if not isinstance(item, MappingNode) or item.flow_style or not item.value:
        return None
    starts = _line_starts(text, item, seq, index)
    if starts is None:
        return None
    start, stop, indent = starts
    stop = _trim(text, start, stop, indent)
    if stop <= start:
        return None
    if not _plain_lines(text[start:stop]):
        return None
    return Block(key, index, start, stop)


def _plain_lines(lines: str) -> bool:
    """Whether lines hold nothing that may read differently on their own (see the module's doc)."""
    if any(char in lines for char in _UNSURE_CHARS):
        return False
    if any(char in lines for char in "&*!") and _NODE_PROPERTY.search(lines) is not None:
        return False
    return not ("+" in lines and _KEEP.search(lines) is not None)


def _top_value(root: MappingNode, key: str) -> Node | None:
    found = [value for name, value in root.value if isinstance(name, ScalarNode) and name.value == key]
    return found[0] if len(found) == 1 else None


def _dash_line(text: str, node: Node) -> tuple[int, int] | None:
    """Where the line of an item's dash starts, and the dash's indentation (None when the item's first
    key is not on its dash's line)."""
    index = node.start_mark.index
    line_start = text.rfind("\n", 0, index) + 1
    match = _DASH.fullmatch(text, line_start, index)
    if match is None:
        return None
    return line_start, len(match.group(1))


def _line_starts(text: str, item: Node, seq: SequenceNode, index: int) -> tuple[int, int, int] | None:
    """The start of the item's dash line, the start of the line where the next item (or what follows
    the list) begins, and the dash's indentation."""
    here = _dash_line(text, item)
    if here is None:
        return None
    start, indent = here
    if index + 1 < len(seq.value):
        following = _dash_line(text, seq.value[index + 1])
        if following is None or following[1] != indent:
            return None
        return start, following[0], indent
    end = seq.end_mark
    if end.column == 0:
        stop = end.index
    else:
        newline = text.find("\n", end.index)
        stop = len(text) if newline < 0 else newline + 1
    return start, stop, indent


def _trim(text: str, start: int, stop: int, indent: int) -> int:
    """The end of the item's last line: blank lines, and comment lines no deeper than the dash (those
    belong to what follows), are left outside."""
    while stop > start:
        newline = text.rfind("\n", start, stop - 1)
        line_start = newline + 1 if newline >= 0 else start
        line = text[line_start:stop]
        stripped = line.strip()
        if stripped and not (stripped.startswith("#") and len(line) - len(line.lstrip(" ")) <= indent):
            if not line.endswith("\n"):
                return -1  # the item ends the file without a line break: edited whole
            return stop
        stop = line_start
    return stop


def item_end(text: str, start: int, stop: int, indent: int) -> int:
    """The end of the last line of the item whose dash line starts at ``start``, at indentation
    ``indent``, when what follows it starts at ``stop``: as :func:`item_block` ends an item (blank
    lines and comment lines no deeper than the dash are left outside; -1 when the item ends the
    text without a line break)."""
    return _trim(text, start, stop, indent)


def expected_data(data: Any, key: str, index: int | slice, item: Any) -> Any:
    """The file's plain values with item ``index`` of the list ``key`` replaced by ``item`` (or, for a
    slice, the items it takes replaced by the list ``item``)."""
    items = list(data[key])
    items[index] = item
    return {**data, key: items}


__all__ = ["Block", "expected_data", "head_block", "item_block", "item_blocks", "item_end", "last_item_block"]
