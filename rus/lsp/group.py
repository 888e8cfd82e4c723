"""The files an edited file is checked with, read from the editor's buffers or from disk.

A plan is checked as ``rus validate`` checks the folder it belongs to: the nearest folder at or above
it that holds the actor registry (``actors.yaml``), with every YAML file below it, or else the YAML
files of its own folder. Open files are read from the editor's buffers, the others from disk, so that rules across
files (duplicate ids, actors missing from the registry) see what the user is typing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rus.base.diagnostics import Diagnostic
from rus.base.vocab import Helix, Status
from rus.base.workspace import display_path, find_root
from rus.plans.annotations import inner_model
from rus.plans.models import ActorRegistry, Plan, ProgrammeFile
from rus.plans.source import Source, parse_bytes, read_source
from rus.plans.validation import FileResult, discover, validate_sources

REGISTRY_NAME = "actors.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
#: The lists of the registry and of a plan whose items have ids (from the models).
SECTIONS = tuple(
    name
    for model in (ActorRegistry, Plan, ProgrammeFile)
    for name, info in model.model_fields.items()
    if (item := inner_model(info.annotation)) is not None and "id" in item.model_fields
)


@dataclass(frozen=True)
class Symbol:
    """An id defined in a file: an actor of the registry or an item of a plan (0-based position)."""

    ident: str
    kind: str
    path: Path
    line: int
    start: int
    end: int
    title: str = ""
    helix: Helix | None = None
    status: Status | None = None


@dataclass
class FileCheck:
    """What checking found in one file, and the ids it defines."""

    path: Path
    display: str
    text: str | None
    diagnostics: list[Diagnostic]
    kind: str | None
    symbols: list[Symbol] = field(default_factory=list)


@dataclass
class GroupCheck:
    """The outcome of checking a group of files together."""

    root: Path
    files: dict[Path, FileCheck] = field(default_factory=dict)

    def symbols(self, kind: str, path: Path | None = None) -> Iterator[Symbol]:
        """The ids of one kind, in every file or in ``path`` only."""
        for check in self.files.values():
            if path is None or check.path == path:
                yield from (s for s in check.symbols if s.kind == kind)


_TOKEN_END = re.compile(r"[^\s:,\[\]{}#]+(?:[ \t]+[^\s:,\[\]{}#]+)*|.")


def token_end(line: str, start: int) -> int:
    """Where the YAML token that starts at ``start`` ends on its line (0-based, exclusive).

    A quoted scalar runs to its closing quote, a flow collection to its closing bracket, a plain
    scalar to a ``: ``, a ``,``, a bracket or a comment; anything else is one character long.
    """
    if start >= len(line):
        return len(line)
    first = line[start]
    if first in "\"'":
        i = start + 1
        while i < len(line):
            if first == '"' and line[i] == "\\":
                i += 2
                continue
            if line[i] == first:
                if first == "'" and line[i + 1 : i + 2] == "'":
                    i += 2
                    continue
                return i + 1
            i += 1
        return len(line)
    if first in "[{":
        closing = {"[": "]", "{": "}"}[first]
        depth = 0
        for i in range(start, len(line)):
            if line[i] == first:
                depth += 1
            elif line[i] == closing:
                depth -= 1
                if depth == 0:
                    return i + 1
        return len(line)
    if first in "-?:" and line[start + 1 : start + 2] in ("", " ", "\t"):
        return start + 1  # an indicator, not the start of a plain scalar
    match = _TOKEN_END.match(line, start)
    assert match is not None  # the pattern matches any one character
    return match.end()


def split_lines(text: str) -> list[str]:
    """The lines of a text as an editor counts them (line breaks: LF, CRLF, CR)."""
    if "\r" not in text:
        return text.split("\n")  # the common case, many times faster than the expression
    return re.split(r"\r\n|\r|\n", text)


def is_yaml(path: Path) -> bool:
    """Whether the path names a YAML file."""
    return path.suffix in YAML_SUFFIXES


#: How much text (in characters) of files not open in the editor is kept parsed between checks.
PARSED_BUDGET = 2_000_000


@dataclass
class _Parsed:
    """A file read from disk and parsed, kept while it does not change on disk."""

    stamp: tuple[int, int, int]
    source: Source
    diagnostics: list[Diagnostic]
    symbols: list[Symbol] | None = None


class Workspace:
    """The editor's open buffers, and the latest check of each group of files."""

    def __init__(self, folders: list[Path] | None = None) -> None:
        self.folders = [f.resolve() for f in folders or []]
        self.buffers: dict[Path, str] = {}
        self.checks: dict[Path, GroupCheck] = {}
        # Files not open are parsed once and kept while unchanged on disk (most of a check's time
        # is parsing); only as much as PARSED_BUDGET allows, so that memory stays bounded.
        self.parsed: dict[tuple[Path, str], _Parsed] = {}

    def _read_disk(self, path: Path, name: str) -> tuple[Source, _Parsed | None]:
        """A file from disk: parsed again only when it changed since it was last parsed."""
        try:
            info = path.stat()
            stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        except OSError:
            return read_source(path, name), None
        kept = self.parsed.get((path, name))
        if kept is not None and kept.stamp == stamp:
            cached = kept.source
            return Source(name, cached.text, cached.root, cached.data, list(kept.diagnostics)), kept
        self.parsed.pop((path, name), None)
        source = read_source(path, name)
        size = len(source.text or "")
        used = sum(len(p.source.text or "") for p in self.parsed.values())
        if source.text is not None and used + size <= PARSED_BUDGET:
            kept = _Parsed(stamp, Source(name, source.text, source.root, source.data), list(source.diagnostics))
            self.parsed[(path, name)] = kept
            return source, kept
        return source, None

    def group_root(self, path: Path) -> Path:
        """The folder a file is checked with: the nearest one holding the registry, else its own."""
        folder = path.parent
        for candidate in (folder, *folder.parents):
            if (candidate / REGISTRY_NAME).is_file() or (candidate / REGISTRY_NAME) in self.buffers:
                return candidate
            if candidate in self.folders or (candidate / ".git").exists():
                break
        return folder

    def display_root(self, root: Path) -> Path:
        """What paths in messages are relative to, as for ``rus validate`` run in the repository."""
        found = find_root(root)
        if found is not None:
            return found
        for folder in self.folders:
            if root == folder or folder in root.parents:
                return folder
        return root

    def files(self, root: Path) -> list[Path]:
        """The files of a group: the YAML files below its folder, and open ones not yet saved.

        Only a folder with the registry is searched below; without one, only the files directly in
        it count (an editor that attaches to every YAML file may open one in a large folder).
        """
        registry = (root / REGISTRY_NAME).is_file() or (root / REGISTRY_NAME) in self.buffers
        found: set[Path] = set()
        if registry:
            found = {p.absolute() for p in discover([root])}
        elif root.is_dir():
            found = {p.absolute() for p in discover(sorted(root.glob("*.y*ml"))) if is_yaml(p)}
        found |= {p for p in self.buffers if is_yaml(p) and (p.parent == root or (registry and root in p.parents))}
        return sorted(found, key=lambda p: (p.stem != "actors", str(p)))

    def check(self, root: Path) -> GroupCheck:
        """Check every file of a group together, as ``rus validate`` checks a folder."""
        previous = self.checks.get(root)
        shown = self.display_root(root)
        paths = {display_path(p, shown): p for p in self.files(root)}
        group = GroupCheck(root)

        kept: dict[str, _Parsed] = {}

        def read(name: str) -> Source:
            path = paths[name]
            if path in self.buffers:
                return parse_bytes(self.buffers[path].encode("utf-8", "surrogatepass"), Source(name))
            source, entry = self._read_disk(path, name)
            if entry is not None:
                kept[name] = entry
            return source

        def visit(source: Source, checked: FileResult) -> None:
            path = paths[source.path]
            check = FileCheck(path, source.path, source.text, checked.diagnostics, checked.kind)
            entry = kept.get(source.path)
            if entry is not None and entry.symbols is not None:
                check.symbols = entry.symbols
            elif source.data is not None and source.text is not None:
                check.symbols = _symbols(path, source, split_lines(source.text))
                if entry is not None:
                    entry.symbols = check.symbols
            elif previous is not None and path in previous.files:
                # while a file does not parse, completion and hover use what it last defined
                check.symbols = previous.files[path].symbols
                check.kind = previous.files[path].kind
            group.files[path] = check

        members = set(paths.values())
        for key in [k for k in self.parsed if k[0] not in members and (k[0].parent == root or root in k[0].parents)]:
            del self.parsed[key]  # a file that left the group (deleted, renamed)
        result = validate_sources(read, list(paths), visit)
        for checked in result.files:  # the rules across files add theirs after every file is read
            group.files[paths[checked.path]].diagnostics = checked.diagnostics
        self.checks[root] = group
        return group

    def check_for(self, path: Path) -> GroupCheck:
        """Check the group a file belongs to."""
        return self.check(self.group_root(path))

    def text(self, path: Path) -> str | None:
        """The text of a file: its buffer when open, else from disk (None when unreadable)."""
        if path in self.buffers:
            return self.buffers[path]
        try:
            return path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None


def _symbols(path: Path, source: Source, lines: list[str]) -> list[Symbol]:
    data = source.data
    found: list[Symbol] = []
    if not isinstance(data, dict):
        return found
    found.extend(_document_symbols(path, source, lines))
    area, revision = data.get("area"), data.get("revision")
    if isinstance(area, str) and isinstance(revision, str):
        # a plan's revision is where its meeting of that revision is recorded (the programme file
        # names meetings by area and revision)
        line, column = source.locate(("revision",))
        text = lines[line - 1] if line <= len(lines) else ""
        meeting = data.get("meeting")
        place = meeting.get("place") if isinstance(meeting, dict) else None
        found.append(Symbol(meeting_ident(area, revision), "meetings", path, line - 1, column - 1, token_end(text, column - 1),
                            place if isinstance(place, str) else ""))
        line, column = source.locate(("area",))
        text = lines[line - 1] if line <= len(lines) else ""
        found.append(Symbol(area, "areas", path, line - 1, column - 1, token_end(text, column - 1)))
    for kind in SECTIONS:
        items = data.get(kind)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            line, column = source.locate((kind, i, "id"))
            text = lines[line - 1] if line <= len(lines) else ""
            title = item.get("title") if isinstance(item.get("title"), str) else item.get("name")
            found.append(Symbol(item["id"], kind, path, line - 1, column - 1, token_end(text, column - 1),
                                title if isinstance(title, str) else "", _vocab(Helix, item.get("helix")),
                                _vocab(Status, item.get("status"))))
    return found


def meeting_ident(area: str, revision: str) -> str:
    """How a meeting is named among the symbols: its area and the revision it gave."""
    return f"{area} {revision}"


def _document_symbols(path: Path, source: Source, lines: list[str]) -> Iterator[Symbol]:
    """The documents of a plan or the programme file, by reference number."""
    items = source.data.get("documents") if isinstance(source.data, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("reference"), str):
            line, column = source.locate(("documents", i, "reference"))
            text = lines[line - 1] if line <= len(lines) else ""
            title = item.get("title")
            yield Symbol(item["reference"], "documents", path, line - 1, column - 1, token_end(text, column - 1),
                         title if isinstance(title, str) else "")


def _vocab(vocab: Any, value: Any) -> Any:
    try:
        return vocab(value) if isinstance(value, str) else None
    except ValueError:
        return None


__all__ = ["FileCheck", "GroupCheck", "Symbol", "Workspace", "meeting_ident", "split_lines", "token_end"]
