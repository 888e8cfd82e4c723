"""Reading plan files fast, under YAML 1.2 rules, with every value located.

The checking path parses with libyaml's C parser into a node tree (which keeps line and column
marks), resolves plain scalars by the YAML 1.2 core schema (``no``, ``on`` and ``yes`` are text;
there are no sexagesimal numbers or old-style octals), and builds plain Python values from it.
Nothing is ever constructed from a tag. Whatever goes wrong with the bytes or the YAML becomes a
:class:`~rus.diagnostics.Diagnostic`; this module never raises for bad input.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from rus.diagnostics import Diagnostic
from rus.i18n import os_reason

try:  # libyaml's C parser; the pure-Python parser is the fallback where the wheel lacks it
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_DEPTH = 64

_PLAIN = "?plain"
_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD + "str",
    _STD + "int",
    _STD + "float",
    _STD + "bool",
    _STD + "null",
    _STD + "map",
    _STD + "seq",
}

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# The YAML 1.2 resolution that ruamel.yaml (the editing path) applies, so that both readers agree:
# the core schema, plus ruamel's underscores in numbers and binary/octal/hex integers.
_INT = re.compile(r"[-+]?(?:0b[0-1_]+|0o?[0-7_]+|[0-9_]+|0x[0-9a-fA-F_]+)\Z")
_FLOAT = re.compile(
    r"[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+|\.[0-9_]+(?:[eE][-+][0-9]+)?)\Z"
)
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_MAYBE_NOT_STR = frozenset("0123456789-+.~nNtTfF")
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_ODD_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_LINE_PREFIX = re.compile(r"^(?:[ \t]|[-?:]+(?=[ \t\r\n]|\Z)|[&!][^ \t\r\n]*)+", re.MULTILINE)

#: libyaml's commonest problems, with message ids so that they can be shown in Swedish.
_KNOWN_PROBLEMS = {
    "mapping values are not allowed here": "@mapping values are not allowed here (a colon where none is expected, or a missing quote)",
    "mapping values are not allowed in this context": "@mapping values are not allowed here (a colon where none is expected, or a missing quote)",
    "could not find expected ':'": "@a colon is missing after the key",
    "did not find expected key": "@the indentation does not line up with the keys above",
    "did not find expected '-' indicator": "@the indentation does not line up with the list above",
    "found undefined alias": "@an alias (*name) has no matching anchor (&name)",
    "found unexpected end of stream": "@the file ends in the middle of a value",
    "did not find expected node content": "@a value is missing",
    "found a tab character that violates indentation": "@a tab character is used for indentation",
    "found character that cannot start any token": "@a character that cannot start a value (quote the text)",
    "did not find expected ',' or ']'": "@a list in brackets is not closed with ]",
    "did not find expected ',' or '}'": "@a block in braces is not closed with }",
}


class _Resolver(BaseResolver):
    """Leave plain scalars unresolved, so that YAML 1.2 rules can be applied to them afterwards."""

    # Called by the C composer for every untagged node: answered directly (what BaseResolver
    # answers when no path resolvers are registered, which this module never does).
    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _STD + "str"
        return _STD + "seq" if kind is SequenceNode else _STD + "map"

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


class _Loader(_Parser, _Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)


def plain_scalar(value: str) -> Any:
    """The value of a plain (unquoted) scalar under YAML 1.2, as ruamel.yaml resolves it."""
    if not value or value[0] in _MAYBE_NOT_STR:
        if value in _NULLS:
            return None
        if value in _BOOLS:
            return _BOOLS[value]
        if _FLOAT.match(value):
            return float(value.replace("_", ""))
        if _INT.match(value):
            return _integer(value)
        if _INF.match(value):
            return float("-inf") if value[0] == "-" else float("inf")
        if _NAN.match(value):
            return float("nan")
    return value


def _integer(value: str) -> Any:
    digits = value.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if not digits:
        return value
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base) if digits[2:] else value
    return sign * int(digits, 10)


@dataclass
class Source:
    """A file read for checking: its text, YAML node tree, plain values and what went wrong."""

    path: str
    text: str | None = None
    root: Node | None = None
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the file could be parsed into values."""
        return self.root is not None

    def add(self, line: int, column: int, code: str, hint_id: str | None = None, **params: Any) -> None:
        """Record a diagnostic at a 1-based line and column of this file."""
        self.diagnostics.append(Diagnostic(self.path, line, column, code, params, hint_id))

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """The 1-based line and column of the value at ``loc`` (of its key, with ``key=True``).

        When ``loc`` leads past what the file holds, the deepest place that exists is returned.
        """
        return locate(self.root, loc, key=key)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line ("" when there is none)."""
        if self.text is None or line < 1:
            return ""
        lines = self.text.splitlines()
        return lines[line - 1] if line <= len(lines) else ""


def locate(root: Node | None, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """The 1-based position of the node at ``loc`` under ``root`` (see :meth:`Source.locate`)."""
    if root is None:
        return 1, 1
    node: Node = root
    key_node: Node | None = None
    for step in loc:
        found: Node | None = None
        if isinstance(node, MappingNode):
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == str(step):
                    key_node, found = k, v
                    break
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            found = node.value[step]
            key_node = None
        if found is None:
            mark = (key_node or node).start_mark
            return mark.line + 1, mark.column + 1
        node = found
    mark = (key_node if key and key_node is not None else node).start_mark
    return mark.line + 1, mark.column + 1


def read_source(path: Path, display: str | None = None) -> Source:
    """Read and parse one file; every problem is recorded on the returned :class:`Source`."""
    source = Source(display if display is not None else str(path))
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind: object = "@a folder" if stat.S_ISDIR(info.st_mode) else "@not a regular file"
            if stat.S_ISDIR(info.st_mode):
                try:  # a folder given where a plan was expected, or one that cannot be listed
                    with os.scandir(path):
                        pass
                except OSError as exc:
                    kind = os_reason(exc)
            source.add(1, 1, "F001", reason=kind)
            return source
        size = info.st_size
        if size > MAX_FILE_BYTES:
            source.add(1, 1, "F004", size=f"{size / 1_048_576:.1f}", limit=MAX_FILE_BYTES // 1_048_576)
            return source
        raw = path.read_bytes()
    except OSError as exc:
        source.add(1, 1, "F001", reason=os_reason(exc))
        return source
    return parse_bytes(raw, source)


def parse_bytes(raw: bytes, source: Source) -> Source:
    """Decode and parse the bytes of a file into ``source``."""
    if len(raw) > MAX_FILE_BYTES:
        source.add(1, 1, "F004", size=f"{len(raw) / 1_048_576:.1f}", limit=MAX_FILE_BYTES // 1_048_576)
        return source
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        source.add(1, 1, "F002", offset=0, encoding="UTF-16")
        return source
    if b"\0" in raw[:8192] or b"\0" in raw:
        source.add(1, 1, "F003")
        return source
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        source.add(line, column, "F002", offset=exc.start, encoding=_guess_encoding(raw))
        return source
    return parse_text(text, source)


def _guess_encoding(raw: bytes) -> str:
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return "@an unknown 8-bit encoding"
    if any(ch in text for ch in "åäöÅÄÖéü"):
        return "Windows-1252 (ISO-8859-1)"
    return "@an unknown 8-bit encoding"


def parse_text(text: str, source: Source) -> Source:
    """Parse YAML text into ``source``: node tree, plain values and diagnostics."""
    source.text = text
    if not text.strip():
        source.add(1, 1, "F005")
        return source
    # A substring test first: the anchored regular expression is slow over a large text.
    maybe_conflict = any(marker in text for marker in ("<" * 7, "=" * 7, ">" * 7, "|" * 7))
    markers = list(_CONFLICT.finditer(text)) if maybe_conflict else []
    if markers:
        for match in markers:
            line = text.count("\n", 0, match.start()) + 1
            source.add(line, 1, "Y005", marker=match.group(1))
        return source
    if _too_deep(text):
        source.add(1, 1, "Y010", limit=MAX_DEPTH)
        return source
    loader = _Loader(text)
    try:
        with gc_paused():
            root = loader.get_node() if loader.check_node() else None
            extra = loader.check_node()
    except yaml.MarkedYAMLError as exc:
        _syntax_error(source, exc, text)
        return source
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; has a position, no mark
        # libyaml counts the position in bytes of UTF-8; lines and columns count characters
        index = len(text.encode("utf-8")[: max(exc.position, 0)].decode("utf-8", "ignore"))
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        source.add(line, column, "Y015", char=f"U+{code:04X}")
        return source
    except yaml.YAMLError as exc:  # other errors without a mark
        source.add(1, 1, "Y001", problem=str(exc))
        return source
    finally:
        loader.dispose()
    if root is None:
        source.add(1, 1, "F005")
        return source
    if extra:
        line, column = _second_document_position(text)
        source.add(line, column, "Y006")
    if not isinstance(root, MappingNode):
        kind = "@a list" if isinstance(root, SequenceNode) else "@a single value"
        source.add(root.start_mark.line + 1, root.start_mark.column + 1, "Y007", kind=kind)
        return source
    builder = _Builder(source, budget=50_000 + 2 * len(text))
    try:
        source.data = builder.build(root, aliases="*" in text)
    except _AliasBombError:
        source.add(1, 1, "Y009", limit=builder.budget)
        source.data = None
        return source
    except _RecursiveAliasError as exc:
        source.add(exc.line, exc.column, "Y012")
        source.data = None
        return source
    source.root = root
    return source


def _second_document_position(text: str) -> tuple[int, int]:
    lines = text.splitlines()
    seen_content = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if line.startswith(("---", "...")) and seen_content:
            return number, 1
        if stripped and not stripped.startswith("#") and not line.startswith("%"):
            seen_content = True
    return max(len(lines), 1), 1


def _syntax_error(source: Source, exc: yaml.MarkedYAMLError, text: str) -> None:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "quoted scalar" in context and "escape" in problem and mark is not None:
        slash = text.rfind("\\", 0, mark.index + 1)
        width = {"x": 4, "u": 6, "U": 10}.get(text[slash + 1 : slash + 2], 2)
        escape = text[slash : slash + width].split("\n")[0] if slash >= 0 else "\\"
        source.add(text.count("\n", 0, max(slash, 0)) + 1, slash - text.rfind("\n", 0, slash) if slash >= 0 else column, "Y014", escape=escape)
        return
    if "quoted scalar" in context and exc.context_mark is not None:
        start = exc.context_mark
        quote = text[start.index] if start.index < len(text) else '"'
        source.add(start.line + 1, start.column + 1, "Y004", start=start.line + 1, quote=quote)
        return
    tab_lines: dict[int, int] = {}
    for match in _TAB_INDENT.finditer(text):
        tab_line = text.count("\n", 0, match.end()) + 1
        tab_lines[tab_line] = match.end() - (text.rfind("\n", 0, match.end()) + 1)
    if tab_lines and (line in tab_lines or line - 1 in tab_lines or "tab" in problem):
        for tab_line, tab_col in sorted(tab_lines.items()):
            source.add(tab_line, tab_col, "Y002")
        return
    if problem.startswith("found character") and "cannot start any token" in problem:
        problem = "found character that cannot start any token"
    message = _KNOWN_PROBLEMS.get(problem, problem)
    source.add(line, column, "Y001", problem=message)


def _too_deep(text: str) -> bool:
    """Whether the text nests deeper than :data:`MAX_DEPTH` (libyaml's composer recurses on the C stack).

    A cheap bound first; the token scan runs only for texts that could be that deep.
    """
    brackets = text.count("[") + text.count("{")
    if brackets < MAX_DEPTH and _line_prefix_below(text, MAX_DEPTH - brackets):
        return False
    loader = _Loader(text)
    depth = 0
    try:
        while True:
            token = loader.get_token()
            if token is None:
                return False
            name = type(token).__name__
            if name in ("BlockMappingStartToken", "BlockSequenceStartToken",
                        "FlowSequenceStartToken", "FlowMappingStartToken"):
                depth += 1
                if depth > MAX_DEPTH:
                    return True
            elif name in ("BlockEndToken", "FlowSequenceEndToken", "FlowMappingEndToken"):
                depth -= 1
    except yaml.YAMLError:
        return False  # the parse proper reports the syntax error
    finally:
        loader.dispose()


def _line_prefix_below(text: str, limit: int) -> bool:
    """Whether every line's run of indentation, indicators and properties is shorter than ``limit``.

    A block collection starts where a line's content does (after indentation, ``-``/``?``/``:``
    indicators, anchors and tags), and each nested block level starts at a greater column than the
    one around it, so block nesting is at most that run's longest length plus one; flow nesting is
    at most the number of brackets. Together they bound what the token scan would count, for a
    fraction of its cost. Unusual line breaks (a lone CR, NEL, LS, PS) are left to the token scan.
    """
    # Plain substring tests first: far faster than the regular expression over a large text.
    if any(ch in text for ch in "\r\x85\u2028\u2029") and _ODD_BREAK.search(text):
        return False
    if "&" in text or "!" in text:
        return max(map(len, _LINE_PREFIX.findall(text)), default=0) < limit
    return re.search(rf"\n[ \t?:-]{{{limit}}}", "\n" + text) is None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building a large node tree triggers it often, for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _AliasBombError(Exception):
    pass


class _RecursiveAliasError(Exception):
    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line, self.column = line, column


class _Builder:
    """Plain Python values from a node tree, with duplicate keys and tags reported."""

    def __init__(self, source: Source, budget: int) -> None:
        self.source = source
        self.budget = budget
        self.visits = 0
        self.active: set[int] = set()
        self.tree = False

    def build(self, root: Node, *, aliases: bool = True) -> Any:
        """The values under ``root``; ``aliases=False`` when the text holds none (no ``*``)."""
        with gc_paused():
            # Without aliases the nodes form a tree no bigger than the text: it can neither
            # recurse nor exceed the budget, so the walk skips those checks.
            self.tree = not aliases
            return self._tree_value(root, 0) if self.tree else self._value(root, 0)

    def _tree_value(self, node: Node, depth: int) -> Any:
        tag = node.tag
        if node.__class__ is ScalarNode:
            value = node.value
            if tag == _PLAIN:
                if value and value[0] not in _MAYBE_NOT_STR:
                    return value
                return plain_scalar(value)
            if tag != _STD + "str" and tag not in _ALLOWED_TAGS:
                self._bad_tag(node)
            return _tagged_scalar(tag, value)
        if tag not in _ALLOWED_TAGS:
            self._bad_tag(node)
        if node.__class__ is SequenceNode:
            return [self._tree_value(item, depth + 1) for item in node.value]
        assert isinstance(node, MappingNode)
        return self._mapping(node, depth)

    def _value(self, node: Node, depth: int) -> Any:
        self.visits += 1
        if self.visits > self.budget:
            raise _AliasBombError
        tag = node.tag
        if isinstance(node, ScalarNode):
            if tag == _PLAIN:
                return plain_scalar(node.value)
            if tag != _STD + "str" and tag not in _ALLOWED_TAGS:
                self._bad_tag(node)
            return _tagged_scalar(tag, node.value)
        if tag not in _ALLOWED_TAGS:
            self._bad_tag(node)
        ident = id(node)
        if ident in self.active:
            raise _RecursiveAliasError(node.start_mark.line + 1, node.start_mark.column + 1)
        self.active.add(ident)
        try:
            if isinstance(node, SequenceNode):
                return [self._value(item, depth + 1) for item in node.value]
            assert isinstance(node, MappingNode)
            return self._mapping(node, depth)
        finally:
            self.active.discard(ident)

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        # Bound here, not stored on self: a stored bound method would make a reference cycle that
        # keeps the whole node tree alive until the garbage collector runs.
        walk = self._tree_value if self.tree else self._value
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                mark = key_node.start_mark
                self.source.add(mark.line + 1, mark.column + 1, "Y011")
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == _PLAIN:
                # a merge key: ruamel.yaml would merge the mapping in, so the two readers would
                # disagree about what the plan holds; it is reported and left out instead
                mark = key_node.start_mark
                self.source.add(mark.line + 1, mark.column + 1, "Y013")
                continue
            if key in result:
                mark = key_node.start_mark
                self.source.add(mark.line + 1, mark.column + 1, "Y003", key=key, first=_first_line(node, key))
            result[key] = walk(value_node, depth + 1)
        return result

    def _bad_tag(self, node: Node) -> None:
        mark = node.start_mark
        self.source.add(mark.line + 1, mark.column + 1, "Y008", tag=node.tag)


def _first_line(node: MappingNode, key: str) -> int:
    """The 1-based line of the first occurrence of ``key`` in a mapping (for duplicate keys)."""
    for key_node, _ in node.value:
        if key_node.__class__ is ScalarNode and key_node.value == key:
            return int(key_node.start_mark.line) + 1
    return 1


def _tagged_scalar(tag: str, value: str) -> Any:
    """A scalar with an explicit standard tag; unknown tags keep the text and are reported elsewhere."""
    if tag == _STD + "str":
        return value
    resolved = plain_scalar(value)
    expected: dict[str, type | tuple[type, ...]] = {
        _STD + "int": int,
        _STD + "float": (int, float),
        _STD + "bool": bool,
        _STD + "null": type(None),
    }
    kind = expected.get(tag)
    if kind is not None and isinstance(resolved, kind):
        return float(resolved) if tag == _STD + "float" and isinstance(resolved, int | float) else resolved
    return value
