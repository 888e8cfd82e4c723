"""Safe, mechanical repairs (``rus fix``): only findings that have exactly one right answer.

Driven by validation's diagnostics: a misspelt key or value with one clear match (S002, S003 with a
"did you mean"), an id in the wrong letter case (S006 with a suggestion), a date written
``2026-3-1`` (S005 with a suggestion), and tabs used for indentation (Y002, when every tab width
gives the same data). The text of the offending value is replaced in place, so nothing else in the
file moves; anything ambiguous is left for a human.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rus.base.codes import HINT_DID_YOU_MEAN, HINT_DID_YOU_MEAN_LABEL, HINT_FIX_DATE
from rus.base.diagnostics import Diagnostic
from rus.base.fileio import unified_diff
from rus.base.workspace import display_path
from rus.plans.source import Source, parse_text
from rus.writing.formatting import can_be_plain, quote_text

#: Codes whose suggestion is the one right answer.
FIXABLE = frozenset({"S002", "S003", "S005", "S006"})
_TAB_WIDTHS = (2, 4, 8)
_MAX_ROUNDS = 5


@dataclass(frozen=True)
class Repair:
    """One repair: where, which finding, the text before and after."""

    line: int
    column: int
    code: str
    old: str
    new: str


@dataclass
class FixResult:
    """The repairs of one file, and its text before and after."""

    path: Path
    display: str
    before: str
    after: str
    repairs: list[Repair] = field(default_factory=list)
    written: bool = False
    unreadable: Diagnostic | None = None

    @property
    def changed(self) -> bool:
        """Whether the file's text changes."""
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff of the repairs."""
        return unified_diff(self.before, self.after, self.display)


def fix_text(text: str, name: str, neighbours: dict[str, str] | None = None) -> tuple[str, list[Repair]]:
    """The text with every unambiguous repair made, and the repairs (``name`` is its file name)."""
    bom = text.startswith("\ufeff")
    body = text.removeprefix("\ufeff")
    crlf = "\r\n" in body
    body = body.replace("\r\n", "\n")
    repairs: list[Repair] = []
    body, tab_repairs = _fix_tabs(body, name)
    repairs += tab_repairs
    for _ in range(_MAX_ROUNDS):
        diagnostics = _diagnostics(body, name, neighbours)
        body, made = _apply(body, name, diagnostics)
        if not made:
            break
        repairs += made
    if crlf:
        body = body.replace("\n", "\r\n")
    return ("\ufeff" + body if bom else body), repairs


def _diagnostics(body: str, name: str, neighbours: dict[str, str] | None) -> list[Diagnostic]:
    from rus.plans.validation import validate_texts

    texts = dict(neighbours or {})
    texts[name] = body
    return [d for d in validate_texts(texts).diagnostics if d.path == name]


def _fix_tabs(body: str, name: str) -> tuple[str, list[Repair]]:
    """Replace tabs in indentation when every plausible tab width gives the same data."""
    lines = body.split("\n")
    tabbed = [i for i, line in enumerate(lines) if "\t" in line[: len(line) - len(line.lstrip(" \t"))]]
    if not tabbed:
        return body, []
    candidates: dict[int, str] = {}
    for width in _TAB_WIDTHS:
        fixed = []
        for line in lines:
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            fixed.append(indent.expandtabs(width) + line[len(indent):])
        text = "\n".join(fixed)
        source = parse_text(text, Source(name))
        if source.root is not None and not any(d.code.startswith("Y") for d in source.diagnostics):
            candidates[width] = text
    readings = {repr(parse_text(t, Source(name)).data) for t in candidates.values()}
    if len(readings) != 1:
        return body, []  # no width works, or widths disagree: a human must decide
    width = min(candidates)
    return candidates[width], [Repair(i + 1, 1, "Y002", "\\t", " " * width) for i in tabbed]


def _apply(body: str, name: str, diagnostics: list[Diagnostic]) -> tuple[str, list[Repair]]:
    source = parse_text(body, Source(name))
    if source.root is None:
        return body, []
    starts = _scalar_starts(source.root)
    edits: dict[int, tuple[int, Repair]] = {}
    for diagnostic in diagnostics:
        if diagnostic.code not in FIXABLE or diagnostic.hint_id not in (HINT_DID_YOU_MEAN, HINT_DID_YOU_MEAN_LABEL, HINT_FIX_DATE):
            continue
        suggestion = diagnostic.params.get("suggestion")
        found = starts.get((diagnostic.line - 1, diagnostic.column - 1))
        if found is None or not isinstance(suggestion, str) or found[0].start_mark.index in edits:
            continue
        scalar, siblings = found
        if diagnostic.code == "S002" and suggestion in siblings:
            continue  # the right key is already there: which value is meant is for a human to say
        if diagnostic.code == "S006" and re.search(rf"(?m)^[ \t]*(?:-[ \t]+)?id:[ \t]*{re.escape(suggestion)}[ \t]*$", body):
            continue  # the corrected id is taken already: correcting the case would make a duplicate
        old = body[scalar.start_mark.index : scalar.end_mark.index]
        if "\n" in old:
            continue
        new = suggestion if can_be_plain(suggestion) or diagnostic.code == "S005" else quote_text(suggestion)
        if new == old:
            continue
        repair = Repair(diagnostic.line, diagnostic.column, diagnostic.code, old, new)
        edits[scalar.start_mark.index] = (scalar.end_mark.index, repair)
    for start in sorted(edits, reverse=True):
        end, repair = edits[start]
        body = body[:start] + repair.new + body[end:]
    return body, [edits[s][1] for s in sorted(edits)]


def _scalar_starts(root: Node) -> dict[tuple[int, int], tuple[ScalarNode, set[str]]]:
    """Every scalar by its 0-based start position, with the keys beside it (for keys)."""
    found: dict[tuple[int, int], tuple[ScalarNode, set[str]]] = {}
    seen: set[int] = set()

    def visit(node: Node, siblings: set[str]) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            found.setdefault((node.start_mark.line, node.start_mark.column), (node, siblings))
        elif isinstance(node, MappingNode):
            keys = {k.value for k, _ in node.value if isinstance(k, ScalarNode)}
            for key, value in node.value:
                visit(key, keys)
                visit(value, set())
        elif isinstance(node, SequenceNode):
            for item in node.value:
                visit(item, set())

    visit(root, set())
    return found


def fix_paths(paths: list[Path], *, dry_run: bool = False, display_root: Path | None = None) -> list[FixResult]:
    """Repair plan files in place (with ``dry_run``, only compute the repairs)."""
    from rus.base.fileio import write_lock
    from rus.plans.validation import discover_files, outside_diagnostic

    found = discover_files(paths)
    results = [FixResult(out.path, display_path(out.path, display_root), "", "",
                         unreadable=outside_diagnostic(out, display_root)) for out in found.outside]
    for path in found.files:
        # read, repair and write under the lock, so that an edit made meanwhile is not overwritten
        with contextlib.nullcontext() if dry_run else write_lock(path):
            results.append(_fix_file(path, display_path(path, display_root), dry_run))
    return results


def _fix_file(path: Path, display: str, dry_run: bool) -> FixResult:
    from rus.plans.loader import load_path
    from rus.writing.formatting import replace_text

    source = load_path(path, display, validate=False).source
    if source.text is None:
        # nothing safe to repair in a file that cannot be read as UTF-8 text: say why, and go on
        first = source.diagnostics[0] if source.diagnostics else None
        return FixResult(path, display, "", "", unreadable=first)
    text = path.read_bytes().decode("utf-8")
    from rus.base.workspace import neighbour_texts

    after, repairs = fix_text(text, path.name, neighbour_texts(path))
    result = FixResult(path, display, text, after, repairs)
    if result.changed and not dry_run:
        replace_text(path, text, after, display)
        result.written = True
    return result


__all__ = ["FIXABLE", "FixResult", "Repair", "fix_paths", "fix_text"]
