"""Reading plan files fast, under YAML 1.2 rules, with every value located.

The checking path parses with libyaml's C parser into a node tree (which keeps line and column
marks), resolves plain scalars by the YAML 1.2 core schema (``no``, ``on`` and ``yes`` are text;
there are no sexagesimal numbers or old-style octals), and builds plain Python values from it.
Nothing is ever constructed from a tag. Whatever goes wrong with the bytes or the YAML becomes a
:class:`~rus.base.diagnostics.Diagnostic`; this module never raises for bad input.
"""

from __future__ import annotations

import bisect
import gc
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from rus.base.diagnostics import Diagnostic
from rus.base.i18n import os_reason

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
_ODD_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
#: A line break as libyaml counts lines (YAML 1.1: NEL, LS and PS too).
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BREAK_CHARS = "\r\n\x85\u2028\u2029"
_BLANK_LINE = re.compile("[ \t]*(?:\r\n|[\r\n\x85\u2028\u2029]|\\Z)")
#: Characters after which libyaml takes a "#" for the start of a comment although no space is
#: between them, as YAML requires: a closing quote or bracket, a comma, a block scalar header.
_BEFORE_BARE_HASH = frozenset("\"']}[{,|>+-0123456789")
_BLOCK_HEADER = re.compile(r"[|>][-+1-9]{0,2}")
_LINE_PREFIX = re.compile(r"^(?:[ \t]|[-?:]+(?=[ \t\r\n]|\Z)|[&!][^ \t\r\n]*)+", re.MULTILINE)

#: Every problem libyaml (scanner.c, parser.c) and PyYAML's composer report, in plain words, with
#: message ids so that they can be shown in Swedish. Tabs, escapes, quotes and nesting have codes
#: of their own (Y002, Y014, Y004, Y010); anything else libyaml may say is :data:`_UNKNOWN_PROBLEM`.
_KNOWN_PROBLEMS = {
    "mapping values are not allowed here": "@mapping values are not allowed here (a colon where none is expected, or a missing quote)",
    "mapping values are not allowed in this context": "@mapping values are not allowed here (a colon where none is expected, or a missing quote)",
    "block sequence entries are not allowed in this context": "@a list dash (-) is not allowed here: a list starts on a line of its own, below its key",
    "mapping keys are not allowed in this context": "@a question mark (?) cannot start a value here (put the text in quotes)",
    "could not find expected ':'": "@a colon is missing after the key",
    "found unexpected ':'": "@a colon (:) is not allowed here (put the text in quotes)",
    "did not find expected key": "@the indentation does not line up with the keys above",
    "did not find expected '-' indicator": "@the indentation does not line up with the list above",
    "found undefined alias": "@an alias (*name) has no matching anchor (&name)",
    "second occurrence": "@an anchor name (&name) is used twice; give each anchor a name of its own",
    "found unexpected end of stream": "@the file ends in the middle of a value",
    "did not find expected node content": "@a value is missing",
    "found character that cannot start any token": "@a character that cannot start a value (quote the text)",
    "did not find expected ',' or ']'": "@a list in brackets is not closed with ]",
    "did not find expected ',' or '}'": "@a block in braces is not closed with }",
    "found unexpected document indicator": "@a line inside a quoted text starts with --- or ..., which ends a document (indent the line)",
    "did not find expected alphabetic or numeric character": "@an anchor (&) or alias (*) needs a name of letters or digits right after the sign",
    "did not find expected comment or line break": "@only a comment may follow here on the same line (after a space)",
    "found an indentation indicator equal to 0": "@the number after | or > (the indentation of the text) must be 1 to 9",
    "did not find expected <document start>": "@a new document must start with a line ---; plan files hold one document",
    "did not find expected <stream-start>": "@the file cannot be read as YAML from its start",
    "found undefined tag handle": "@a tag (!…!) is not written correctly; plan files use no tags",
    "did not find expected tag URI": "@a tag (!…) is not written correctly; plan files use no tags",
    "did not find URI escaped octet": "@a tag (!…) is not written correctly; plan files use no tags",
    "found an incorrect leading UTF-8 octet": "@a tag (!…) is not written correctly; plan files use no tags",
    "found an incorrect trailing UTF-8 octet": "@a tag (!…) is not written correctly; plan files use no tags",
    "did not find the expected '>'": "@a tag (!…) is not written correctly; plan files use no tags",
    "did not find expected '!'": "@a line starting with % is not a valid directive; plan files need none",
    "did not find expected whitespace or line break": "@a tag (!…) is not written correctly; plan files use no tags",
    "did not find expected whitespace": "@a line starting with % is not a valid directive; plan files need none",
    "could not find expected directive name": "@a line starting with % is not a valid directive; plan files need none",
    "found unexpected non-alphabetical character": "@a line starting with % is not a valid directive; plan files need none",
    "found unknown directive name": "@a line starting with % is not a valid directive; plan files need none",
    "found duplicate %TAG directive": "@a line starting with % is not a valid directive; plan files need none",
    "found duplicate %YAML directive": "@a line starting with % is not a valid directive; plan files need none",
    "did not find expected digit or '.' character": "@the %YAML line is not written correctly (write %YAML 1.2, or remove the line)",
    "did not find expected version number": "@the %YAML line is not written correctly (write %YAML 1.2, or remove the line)",
    "found extremely long version number": "@the %YAML line is not written correctly (write %YAML 1.2, or remove the line)",
    "found incompatible YAML document": "@the %YAML line names a YAML version rus does not read (write %YAML 1.2, or remove the line)",
}
#: What libyaml says in its directive and tag contexts, where the same words mean something else.
_CONTEXT_PROBLEMS = {
    ("while scanning a tag", "did not find expected whitespace or line break"): "@a tag (!…) is not written correctly; plan files use no tags",
    ("while scanning a %TAG directive", "did not find expected whitespace or line break"): "@a line starting with % is not a valid directive; plan files need none",
    ("while scanning a directive", "did not find expected comment or line break"): "@a line starting with % is not a valid directive; plan files need none",
    ("while scanning a block scalar", "did not find expected comment or line break"): "@after | or > only a digit, - or + may follow on the same line (or a comment after a space)",
}
_UNKNOWN_PROBLEM = "@the text here does not follow the rules of YAML"


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
            try:
                return float(value.replace("_", ""))
            except ValueError:  # "._": underscores only, no digit
                return value
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


def with_ends(diagnostics: list[Diagnostic], root: Node | None) -> list[Diagnostic]:
    """The diagnostics with the end of what each points at: the scalar (or flow collection) there.

    A diagnostic whose start is not the start of such a node (a block collection, a syntax error)
    is kept as it is; an editor then falls back to the token at the column.
    """
    if root is None or not diagnostics:
        return diagnostics
    located: list[Diagnostic] = []
    for diagnostic in diagnostics:
        node = _node_starting_at(root, diagnostic.line - 1, diagnostic.column - 1) if diagnostic.end_line is None else None
        if node is None:
            located.append(diagnostic)
        else:
            located.append(replace(diagnostic, end_line=node.end_mark.line + 1, end_column=node.end_mark.column + 1))
    return located


def _node_starting_at(root: Node, line: int, column: int) -> Node | None:
    """The scalar, else the flow collection, that starts at a 0-based position (found by descent).

    Children stand in document order, so each step goes into the last child starting at or before
    the position; the starts only grow, so an alias back to an ancestor cannot make it loop.
    """
    target = (line, column)
    node = root
    while True:
        here = (node.start_mark.line, node.start_mark.column)
        if isinstance(node, ScalarNode) or (here == target and getattr(node, "flow_style", False)):
            return node if here == target else None
        children: list[Node] = []
        if isinstance(node, MappingNode):
            for key, value in node.value:
                children += (key, value)
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        pick: Node | None = None
        for child in children:
            if (child.start_mark.line, child.start_mark.column) > target:
                break
            pick = child
        if pick is None or pick is node or (pick.start_mark.line, pick.start_mark.column) < here:
            return None
        node = pick


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
    if "\t" in text:
        readable, blank_lines = _blank_tabs(text)
        if blank_lines:
            # libyaml stops at a tab on a line holding nothing but blanks or a comment, which YAML
            # allows; such a line says nothing, so it is read with spaces instead, unless it lies
            # in a block text (| or >), where a tab may be text or stand in the indentation
            trial = parse_text(readable, Source(source.path))
            if trial.root is None or not _block_text_lines(trial.root) & blank_lines:
                source.diagnostics += trial.diagnostics
                source.root, source.data = trial.root, trial.data
                return source
    # A substring test first: the anchored regular expression is slow over a large text.
    maybe_conflict = any(marker in text for marker in ("<" * 7, "=" * 7, ">" * 7, "|" * 7))
    markers = list(_CONFLICT.finditer(text)) if maybe_conflict else []
    if markers:
        for match in markers:
            line = text.count("\n", 0, match.start()) + 1
            source.add(line, 1, "Y005", marker=match.group(1))
        return source
    deep = _too_deep(text)
    if deep is not None:
        source.add(deep[0], deep[1], "Y010", limit=MAX_DEPTH)
        return source
    loader = _Loader(text)
    try:
        with gc_paused():
            root = loader.get_node() if loader.check_node() else None
            extra = loader.check_node()
    except yaml.MarkedYAMLError as exc:
        if _only_document_ends(text):  # libyaml: "did not find expected node content"
            source.add(1, 1, "F005")
            return source
        retry = _with_explicit_indentation(text, exc)
        if retry is not None:
            trial = parse_text(retry, Source(source.path))
            source.diagnostics += trial.diagnostics
            source.root, source.data = trial.root, trial.data
            return source
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
    if (builder.suspects or _bare_hash_candidates(text)) and _lenient_reads(source, text, root, builder.suspects):
        source.data = None  # not valid YAML, although libyaml read it: no values to check
        return source
    source.root = root
    return source


def _with_explicit_indentation(text: str, exc: yaml.MarkedYAMLError) -> str | None:
    """The text with the indentation of a block text written out, where libyaml needs it.

    libyaml cannot find the indentation of a block text (| or >) whose first line has a tab right
    after its spaces ("found a tab character where an indentation space is expected"), although
    YAML reads that tab as text; with the indentation given as a digit (``|2``) it can. Only that
    header line changes, by one character after the indicator. None when this does not apply.
    """
    mark = exc.problem_mark
    if mark is None or "tab character where an indentation space" not in str(exc.problem):
        return None
    parts = _BREAK_KEPT.split(text)
    lines = parts[::2]
    number = mark.line
    if number >= len(lines) or mark.column >= len(lines[number]) or lines[number][mark.column] != "\t":
        return None
    spaces = len(lines[number]) - len(lines[number].lstrip(" "))
    header_number = number - 1
    while header_number >= 0 and not lines[header_number].strip(" "):
        header_number -= 1
    if header_number < 0 or spaces != mark.column:
        return None
    header = _BLOCK_HEADER_LINE.search(lines[header_number])
    if header is None or any(ch.isdigit() for ch in header.group(1)):
        return None
    parent = _header_parent(lines[header_number], header)
    digit = spaces - max(parent, 0)
    if not 1 <= digit <= 9:
        return None
    offset = sum(len(part) for part in parts[: 2 * header_number])
    at = offset + header.start(1)
    return text[:at] + str(digit) + text[at:]


def _header_parent(line: str, header: re.Match[str]) -> int:
    """The indentation of the key or dash a block text header belongs to (-1 at the top level)."""
    lead = re.match(r"[ ]*(?:-[ ]+)*", line)
    lead_text = lead.group(0) if lead else ""
    before = line[: header.start(1)]
    if ":" in before[len(lead_text):]:
        return len(lead_text)
    return lead_text.rstrip().rfind("-") if "-" in lead_text else -1


def _only_document_ends(text: str) -> bool:
    """Whether the text holds nothing but ``...`` lines (and comments): a stream with no document."""
    if "..." not in text:
        return False
    lines = [line.strip() for line in _BREAK.split(text)]
    content = [line for line in lines if line and not line.startswith("#")]
    return all(re.fullmatch(r"\.\.\.(?:[ \t]+#.*)?", line) for line in content)


_BREAK_KEPT = re.compile("(\r\n|[\r\n\x85\u2028\u2029])")


def _blank_tabs(text: str) -> tuple[str, set[int]]:
    """The text with the tabs before the end or comment of blank lines made spaces, and those lines.

    Lines are counted from 0 as libyaml counts them; every character keeps its place.
    """
    parts = _BREAK_KEPT.split(text)
    changed: set[int] = set()
    for index in range(0, len(parts), 2):
        line = parts[index]
        blanks = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:blanks] and (blanks == len(line) or line[blanks] == "#"):
            parts[index] = " " * blanks + line[blanks:]
            changed.add(index // 2)
    return "".join(parts), changed


def blank_line_tabs_as_spaces(text: str) -> str:
    """The text with each tab before the end or comment of a blank line made a space (see parse_text)."""
    return _blank_tabs(text)[0] if "\t" in text else text


def _block_text_lines(root: Node) -> set[int]:
    """The 0-based lines that block texts (| or >) span after their header."""
    lines: set[int] = set()
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style in ("|", ">"):
                lines.update(range(node.start_mark.line + 1, node.end_mark.line + 1))
        elif isinstance(node, MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, SequenceNode):
            stack += node.value
    return lines


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
    if "nesting" in problem.lower():  # libyaml >= 0.2.6 has a limit of its own (1,000 levels)
        source.add(line, column, "Y010", limit=MAX_DEPTH)
        return
    escape_problem = "escape" in problem or "hexdecimal" in problem
    if "quoted scalar" in context and escape_problem and mark is not None:
        slash = text.rfind("\\", 0, mark.index + 1)
        width = {"x": 4, "u": 6, "U": 10}.get(text[slash + 1 : slash + 2], 2)
        escape = _BREAK.split(text[slash : slash + width])[0] if slash >= 0 else "\\"
        slash_line, slash_column = _position(text, slash) if slash >= 0 else (line, column)
        source.add(slash_line, slash_column, "Y014", escape=escape)
        return
    if "quoted scalar" in context and "document indicator" not in problem and exc.context_mark is not None:
        start = exc.context_mark
        quote = text[start.index] if start.index < len(text) else '"'
        source.add(start.line + 1, start.column + 1, "Y004", start=start.line + 1, quote=quote)
        return
    tabs = _tab_indentation(text)
    if tabs and (line in tabs or line - 1 in tabs or "tab" in problem):
        for tab_line, tab_column in sorted(tabs.items()):
            source.add(tab_line, tab_column, "Y002")
        return
    if "tab character" in problem:  # a tab libyaml stops at, on a line that holds nothing else
        source.add(line, column, "Y002")
        return
    if problem.startswith("found character") and "cannot start any token" in problem:
        problem = "found character that cannot start any token"
    over = _over_indented_key(text, line) if problem.startswith("mapping values are not allowed") else None
    if over is not None:
        source.add(line, over, "Y001", problem=_OVER_INDENTED)
        return
    message = _CONTEXT_PROBLEMS.get((context, problem)) or _KNOWN_PROBLEMS.get(problem, _UNKNOWN_PROBLEM)
    source.add(line, column, "Y001", problem=message)


_OVER_INDENTED = "@the key is indented further than the key above it: start it in the same column as the key it belongs with (or, if the line continues the text above, put that text in quotes)"
#: A line holding a key with a value on the same line (``key: value`` or ``- key: value``): the
#: group is the key's column. A line under it indented further cannot hold another key.
_KEY_WITH_VALUE = re.compile(r"^([ ]*(?:-[ ]+)*)[^\s#:\-?][^:#]*:[ ]+[^ #|>&!]")


def _over_indented_key(text: str, line: int) -> int | None:
    """The 1-based column of a key on ``line`` indented further than the ``key: value`` above it.

    libyaml reads such a line as the continuation of the value above, finds a colon in it, and says
    "mapping values are not allowed here" at the colon; the mistake is the indentation, at the
    start of the key.
    """
    lines = text.splitlines()
    if not 1 < line <= len(lines):
        return None
    current = lines[line - 1]
    indent = len(current) - len(current.lstrip(" "))
    for above in reversed(lines[: line - 1]):
        stripped = above.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _KEY_WITH_VALUE.match(above)
        if match is None or indent <= len(match.group(1)):
            return None
        return indent + 1
    return None


_BLOCK_HEADER_LINE = re.compile(r"(?:^[ ]*|[:-][ ]+|[&!][^ \t]*[ ]+)[|>]([1-9+-]{0,2})[ \t]*(?:#.*)?$")


def _tab_indentation(text: str) -> dict[int, int]:
    """The lines where a tab stands in the indentation, with the tab's column (both 1-based).

    Only tabs used as indentation count: a line holding only blanks is empty whatever they are,
    and a tab after the indentation of a block text (``|``, ``>``) is part of the text.
    """
    if "\t" not in text:
        return {}
    lines = _BREAK.split(text)
    inside = _block_text_indents(lines)
    found: dict[int, int] = {}
    for number, line in enumerate(lines):
        blanks = len(line) - len(line.lstrip(" \t"))
        tab = line.find("\t", 0, blanks)
        if tab < 0 or blanks == len(line):
            continue
        if number in inside and tab >= inside[number]:
            continue
        found[number + 1] = tab + 1
    return found


def _block_text_indents(lines: list[str]) -> dict[int, int]:
    """The 0-based numbers of lines inside block texts, with each text's indentation."""
    found: dict[int, int] = {}
    number = 0
    while number < len(lines):
        header = _BLOCK_HEADER_LINE.search(lines[number])
        number += 1
        if header is None:
            continue
        parent = _header_parent(header.string, header)
        digits = [ch for ch in header.group(1) if ch.isdigit()]
        indent = parent + int(digits[0]) if digits else None
        while number < len(lines):
            text = lines[number]
            spaces = len(text) - len(text.lstrip(" "))
            if not text.strip(" \t"):
                found[number] = indent if indent is not None else len(text)
            elif indent is None and spaces > parent:
                indent = spaces
                found[number] = indent
            elif indent is not None and spaces >= indent:
                found[number] = indent
            else:
                break
            number += 1
    return found


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where the text nests deeper than :data:`MAX_DEPTH` levels (None when it does not).

    libyaml's composer recurses on the C stack, so the depth is measured first, on the parser's
    events (which need no recursion): every mapping and sequence counts, block or flow, including
    a list written at its key's indentation and a ``key: value`` pair inside brackets. The answer
    is the 1-based line and column where the first collection too deep begins. A cheap bound comes
    first; the event scan runs only for texts that could be that deep.
    """
    # A "[" may open two levels: the list, and a one-pair mapping written inside it ([a: b]).
    brackets = 2 * text.count("[") + text.count("{")
    if brackets < MAX_DEPTH and _line_prefix_below(text, MAX_DEPTH - brackets):
        return None
    try:
        return _deep_position(text)
    except yaml.YAMLError as exc:
        # libyaml 0.2.6 (PyYAML >= 6.0.4) stops at 1,000 levels with "exceeded maximum nesting
        # depth" before it yields a single event of the text around it; the text up to that
        # point is less deep than libyaml's limit, and deeper than ours.
        if not isinstance(exc, yaml.MarkedYAMLError) or "nesting depth" not in str(exc.problem):
            return None  # the parse proper reports the syntax error
        mark = exc.problem_mark
        if mark is None:
            return 1, 1
        try:
            return _deep_position(text[: mark.index]) or (mark.line + 1, mark.column + 1)
        except yaml.YAMLError:
            return mark.line + 1, mark.column + 1


def _deep_position(text: str) -> tuple[int, int] | None:
    """The position of the first collection nested deeper than :data:`MAX_DEPTH` (events only)."""
    loader = _Loader(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None:
                return None
            kind = event.__class__
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    start = event.start_mark
                    return (start.line + 1, start.column + 1) if start is not None else (1, 1)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
    finally:
        loader.dispose()


def _line_prefix_below(text: str, limit: int) -> bool:
    """Whether every line's run of indentation, indicators and properties is shorter than ``limit``.

    A block collection starts where a line's content does (after indentation, ``-``/``?``/``:``
    indicators, anchors and tags), and each nested block level starts at a greater column than the
    one around it (a list written at its key's indentation adds one level per two columns: "- "),
    so block nesting is at most that run's longest length plus one; flow nesting is at most two
    levels per "[" and one per "{". Together they bound what the event scan would count, for a
    fraction of its cost. Unusual line breaks (a lone CR, NEL, LS, PS) are left to the event scan.
    """
    # Plain substring tests first: far faster than the regular expression over a large text.
    if any(ch in text for ch in "\r\x85\u2028\u2029") and _ODD_BREAK.search(text):
        return False
    if "&" in text or "!" in text:
        return max(map(len, _LINE_PREFIX.findall(text)), default=0) < limit
    return re.search(rf"\n[ \t?:-]{{{limit}}}", "\n" + text) is None


def _bare_hash_candidates(text: str) -> bool:
    """Whether a "#" follows one of :data:`_BEFORE_BARE_HASH` anywhere (a plain search, fast)."""
    index = text.find("#", 1)
    while index > 0:
        if text[index - 1] in _BEFORE_BARE_HASH:
            return True
        index = text.find("#", index + 1)
    return False


def _lenient_reads(source: Source, text: str, root: Node, suspects: list[Node]) -> bool:
    """Report what libyaml reads although YAML forbids it; whether anything was found.

    libyaml (and so PyYAML, and ruamel.yaml, which descends from it) accepts some invalid YAML
    that other tools reject or read differently; the cases of the YAML test suite
    (github.com/yaml/yaml-test-suite, ``error: true``) that libyaml accepts are checked here:
    a quoted text or a bracketed list whose next lines are not indented further than the key or
    dash they belong to (9C9N, QB6E, DK95, Y79Y), a "#" right after a value with no space
    between (SU5Z, 9JBA, CVW2, X4QW, MUS6), a dash alone inside brackets (G5U8, YJV2), and
    empty lines at the start of a block text with more spaces than its first line (S98Z).
    """
    found: set[tuple[int, int, str, str | None]] = set()
    wanted = {id(node) for node in suspects}
    indents: dict[int, int] = {}
    spans: list[tuple[int, int, ScalarNode]] = []
    hashes = _bare_hash_candidates(text)
    stack: list[tuple[Node, int]] = [(root, -1)]
    seen: set[int] = set()
    while stack:  # the indentation n of the block collection around each node (-1 at the top)
        node, indent = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if id(node) in wanted:
            indents[id(node)] = indent
        if isinstance(node, ScalarNode):
            if hashes:
                spans.append((node.start_mark.index, node.end_mark.index, node))
            continue
        inner = indent if getattr(node, "flow_style", False) else _block_indent(text, node)
        # children pushed last first, so that nodes are met in the order of the text: an anchored
        # node is met where it is written, before any alias of it
        if isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack += [(value, inner), (key, inner)]
        elif isinstance(node, SequenceNode):
            stack += [(item, inner) for item in reversed(node.value)]
    for node in suspects:
        indent = indents.get(id(node), -1)
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            _check_block_scalar_start(text, node, indent, found)
        else:
            _check_continued_lines(text, node, indent, found)
            if not isinstance(node, ScalarNode):
                _check_flow_dashes(text, node, found)
    if hashes:
        _check_bare_hashes(text, spans, found)
    for line, column, code, problem in sorted(found):
        if problem is None:
            source.add(line, column, code)
        else:
            source.add(line, column, code, problem=problem)
    return bool(found)


def _block_indent(text: str, node: Node) -> int:
    """The column of a block collection's keys or dashes (its start mark may be at an anchor)."""
    if isinstance(node, MappingNode) and node.value:
        return int(node.value[0][0].start_mark.column)
    if isinstance(node, SequenceNode) and node.value:
        first = node.value[0].start_mark
        index = first.index - 1
        while index >= 0 and text[index] in " \t":
            index -= 1
        if index >= 0 and text[index] == "-":
            return int(first.column - (first.index - index))
    return int(node.start_mark.column)


def _position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of a character, counting lines as libyaml does."""
    line = len(_BREAK.findall(text, 0, index))
    start = max(text.rfind(ch, 0, index) for ch in _BREAK_CHARS) + 1
    return line + 1, index - start + 1


def _check_continued_lines(text: str, node: Node, indent: int, found: set[tuple[int, int, str, str | None]]) -> None:
    """Every further line of a quoted text or bracketed list must be indented more than ``indent``."""
    start, end = node.start_mark, node.end_mark
    flow = not isinstance(node, ScalarNode)
    for number, match in enumerate(_BREAK.finditer(text, start.index, end.index), start=start.line + 2):
        begin = match.end()
        if match.group() in "\x85\u2028\u2029":
            continue  # line breaks to libyaml (YAML 1.1), text to YAML 1.2: no indentation is due
        if _BLANK_LINE.match(text, begin):
            continue  # an empty line may be indented less
        spaces = begin
        while spaces < len(text) and text[spaces] == " ":
            spaces += 1
        first = spaces
        while first < len(text) and text[first] in " \t":
            first += 1
        if spaces - begin > indent or (flow and text.startswith("#", first)):
            continue  # indented enough, or a comment line between the entries of a list
        tab = text.find("\t", begin, begin + indent + 1)
        if tab >= 0:
            found.add((number, tab - begin + 1, "Y002", None))
        else:
            found.add((number, spaces - begin + 1, "Y001", "@a value that goes on over several lines must be indented further than its key or list dash on every line"))


def _check_flow_dashes(text: str, node: Node, found: set[tuple[int, int, str, str | None]]) -> None:
    """A plain "-" alone inside brackets is not a value in YAML (libyaml reads it as the text "-")."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, ScalarNode):
            at = item.start_mark.index
            if not item.style and text.startswith("-", at) and (at + 1 >= len(text) or text[at + 1] in " \t,]}" + _BREAK_CHARS):
                found.add((item.start_mark.line + 1, item.start_mark.column + 1, "Y001", "@a dash alone inside brackets must be put in quotes ('-')"))
        elif isinstance(item, MappingNode):
            stack += [part for pair in item.value for part in pair]
        elif isinstance(item, SequenceNode):
            stack += item.value


def _check_block_scalar_start(text: str, node: ScalarNode, indent: int, found: set[tuple[int, int, str, str | None]]) -> None:
    """Empty lines at the start of a block text may not hold more spaces than its first line."""
    header = _BLOCK_HEADER.match(text, node.start_mark.index)
    if header is None or any(ch.isdigit() for ch in header.group(0)):
        return  # an explicit indentation: libyaml follows it
    line_break = _BREAK.search(text, header.end())
    if line_break is None:
        return
    begin, number = line_break.end(), node.start_mark.line + 2
    widest, widest_line = 0, number
    while True:
        blank = _BLANK_LINE.match(text, begin)
        spaces = 0
        while begin + spaces < len(text) and text[begin + spaces] == " ":
            spaces += 1
        if blank is None:  # the first line with text: libyaml takes the widest empty line's indentation
            if indent < spaces < widest:
                found.add((widest_line, 1, "Y001", "@an empty line at the start of a block text has more spaces than its first line of text"))
            return
        if spaces > widest:
            widest, widest_line = spaces, number
        if blank.end() >= len(text):
            return
        begin, number = blank.end(), number + 1


def _check_bare_hashes(text: str, spans: list[tuple[int, int, ScalarNode]], found: set[tuple[int, int, str, str | None]]) -> None:
    """A "#" starts a comment only after a space: ``"value"# note`` is not valid YAML."""
    spans.sort(key=lambda span: span[0])
    starts = [span[0] for span in spans]

    def scalar_at(index: int) -> ScalarNode | None:
        position = bisect.bisect_right(starts, index) - 1
        if position >= 0 and spans[position][0] <= index < spans[position][1]:
            return spans[position][2]
        return None

    index = text.find("#", 1)
    while index > 0:
        here = index
        index = text.find("#", index + 1)
        if text[here - 1] not in _BEFORE_BARE_HASH:
            continue
        scalar = scalar_at(here)
        if scalar is not None:
            header_line = scalar.style in ("|", ">") and _BREAK.search(text, scalar.start_mark.index, here) is None
            if not header_line:
                continue  # the "#" is part of a text
        line_start = max(text.rfind(ch, 0, here) for ch in _BREAK_CHARS) + 1
        token_start = max(text.rfind(ch, line_start, here) for ch in " \t") + 1
        if text[token_start:here].lstrip("[{,")[:1] in ("&", "*", "!"):
            continue  # part of an anchor, alias or tag name
        if any(text[at] == "#" and scalar_at(at) is None for at in range(line_start, here)):
            continue  # inside a comment
        line, column = _position(text, here)
        found.add((line, column, "Y001", "@a comment (#) must be separated by a space from what comes before it"))


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
        #: Nodes libyaml may have read too leniently (see :func:`_lenient_reads`).
        self.suspects: list[Node] = []

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
            if node.style:
                self._styled(node)
            if tag != _STD + "str" and tag not in _ALLOWED_TAGS:
                self._bad_tag(node)
            return _tagged_scalar(tag, value)
        if tag not in _ALLOWED_TAGS:
            self._bad_tag(node)
        if node.flow_style:  # type: ignore[attr-defined]  # collection nodes have it
            self.suspects.append(node)
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
            if node.style:
                self._styled(node)
            if tag != _STD + "str" and tag not in _ALLOWED_TAGS:
                self._bad_tag(node)
            return _tagged_scalar(tag, node.value)
        if tag not in _ALLOWED_TAGS:
            self._bad_tag(node)
        if node.flow_style:  # type: ignore[attr-defined]  # collection nodes have it
            self.suspects.append(node)
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

    def _styled(self, node: ScalarNode) -> None:
        """Note a quoted text over several lines, and a block text that starts with empty lines."""
        start, end = node.start_mark, node.end_mark
        if node.style in ("|", ">"):
            text = self.source.text or ""
            header_end = _BREAK.search(text, start.index)
            if header_end is not None and _BLANK_LINE.match(text, header_end.end()):
                self.suspects.append(node)
        elif start.line != end.line:
            self.suspects.append(node)

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
