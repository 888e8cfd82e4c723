"""Validating plan files: YAML syntax, the schema, and the domain's rules, all as located diagnostics.

Files are checked one at a time (peak memory follows the largest file, not the corpus); what the
rules across files need (ids, actor references) is kept as a small index.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from rus.base.diagnostics import Diagnostic, Severity, count
from rus.base.suggest import suggest
from rus.base.workspace import Outside, boundary_of, display_path, leads_outside
from rus.plans.loader import (
    LoadedFile,
    Model,
    file_kind,
    load_source,
    model_of,
    schema_diagnostic,
)
from rus.plans.models import (
    Activity,
    ActorRegistry,
    Consultation,
    Evaluation,
    Goal,
    Indicator,
    Plan,
    ProgrammeFile,
    SubArea,
)
from rus.plans.programme import check_programme, check_programme_refs, settled_risks
from rus.plans.rules import CrossIndex, Partial, check_actor_registry, check_cross, check_plan
from rus.plans.source import Source, gc_paused, read_source, with_ends

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class FileResult:
    """What validation found in one file."""

    path: str
    kind: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str | None = None
    location: Path | None = None
    #: The file's model when it passed the schema (kept only when asked for: see :func:`validate_paths`).
    model: Model | None = None

    def source_text(self) -> str | None:
        """The file's text for showing offending lines: kept, or read again from disk.

        Text read again is not kept, so that rendering the findings of many files holds one
        file's text at a time.
        """
        if self.text is None and self.location is not None and self.location.is_file():
            try:
                return self.location.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                return None
        return self.text

    @property
    def errors(self) -> int:
        """The number of errors in this file."""
        return count(self.diagnostics)[0]


@dataclass
class ValidationResult:
    """The outcome of validating a set of files."""

    files: list[FileResult] = field(default_factory=list)
    #: The region file the plans were checked against (also among ``files`` when it has findings).
    region: FileResult | None = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic, ordered by file and position."""
        return sorted((d for f in self.files for d in f.diagnostics), key=Diagnostic.sort_key)

    @property
    def errors(self) -> int:
        """The number of errors."""
        return sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        """The number of warnings."""
        return sum(len(f.diagnostics) for f in self.files) - self.errors

    def failed(self, strict: bool = False) -> bool:
        """Whether validation failed: any error, or under ``strict`` any warning."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def text_of(self, path: str) -> str | None:
        """The text of a checked file, for showing the offending lines."""
        for result in self.files:
            if result.path == path:
                return result.source_text()
        return None


@dataclass
class Discovery:
    """The plan files found, and the links found among them that lead where plans may not be read."""

    files: list[Path] = field(default_factory=list)
    outside: list[Outside] = field(default_factory=list)


def discover_files(paths: Iterable[Path]) -> Discovery:
    """The YAML files named, and those found (recursively, hidden folders skipped) in folders named.

    Anything with a YAML suffix that is not a folder is kept (broken links, FIFOs, …), and so is a
    folder that cannot be listed, so that each is reported rather than silently passed over. A
    file or folder that leads out of its repository (or out of the folder given), or into ``.git``,
    through a symbolic link is not kept but listed in :attr:`Discovery.outside`; a link to a folder
    inside is not followed.
    """
    found = Discovery()
    for path in paths:
        boundary = boundary_of(path)
        escape = leads_outside(path, boundary)
        if escape is not None:
            found.outside.append(escape)
            continue
        if not path.is_dir():
            found.files.append(path)
            continue
        inside: list[Path] = []
        unreadable: list[Path] = []
        folders = [path]
        while folders:
            folder = folders.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = list(listing)
            except OSError:
                unreadable.append(folder)
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                item = folder / entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append(item)
                    continue
                is_yaml = item.suffix in YAML_SUFFIXES
                if entry.is_symlink():
                    escape = leads_outside(item, boundary)
                    if escape is not None:
                        if is_yaml or entry.is_dir():
                            found.outside.append(escape)
                        continue
                    if entry.is_dir():
                        continue
                if is_yaml:
                    inside.append(item)
        found.files.extend(sorted(inside))
        found.files.extend(sorted(unreadable))
    found.files = list(dict.fromkeys(found.files))
    return found


def discover(paths: Iterable[Path]) -> list[Path]:
    """The files :func:`discover_files` finds that may be read (links leading out are left out)."""
    return discover_files(paths).files


def outside_diagnostic(escape: Outside, display_root: Path | None = None) -> Diagnostic:
    """The finding for a path that leads where plans may not be read: ``F007`` names the link and its target,
    ``F008`` a path into ``.git`` with no link on the way."""
    shown = display_path(escape.path, display_root)
    if escape.link is None:
        return Diagnostic(shown, 1, 1, "F008", {"path": shown})
    params = {"link": display_path(escape.link, display_root), "target": escape.target, "where": escape.where}
    return Diagnostic(shown, 1, 1, "F007", params)


def _registry_first(paths: Sequence[Path], outside: list[Outside]) -> list[Path]:
    """The files with the actor registry first; when none is named, the one beside the plans joins."""
    files = list(paths)
    if not any(p.stem == "actors" for p in files):
        for folder in dict.fromkeys(p.parent for p in files):
            beside = folder / "actors.yaml"
            if beside.is_file():
                escape = leads_outside(beside, boundary_of(beside))
                if escape is None:
                    files.append(beside)
                elif escape not in outside:
                    outside.append(escape)
                break
    return sorted(files, key=lambda p: (p.stem != "actors", str(p)))


def validate_paths(paths: Iterable[Path], *, display_root: Path | None = None, keep_models: bool = False) -> ValidationResult:
    """Validate files and folders of plans; the actor registry is found among them by content.

    Files are read and checked one at a time; no file's text is kept (it is read again for
    showing the offending lines), so memory follows the largest file, not the whole corpus. With
    ``keep_models`` each file's model is kept (:attr:`FileResult.model`), for a caller that goes on
    to use the plans (the report), so that they are not read twice.
    """
    from rus.plans.regionfile import REGION_FILE

    targets = list(paths)
    index = CrossIndex()
    result = ValidationResult()
    if not _check_region(targets[0] if targets else Path.cwd(), result, display_root):
        return _finish(result, index)
    found = discover_files(targets)
    # a region file among the paths is the region's (checked above), not a plan
    files = _registry_first([p for p in found.files if p.name != REGION_FILE], found.outside)
    for escape in found.outside:  # never opened: only the link is named
        diagnostic = outside_diagnostic(escape, display_root)
        result.files.append(FileResult(diagnostic.path, None, [diagnostic]))
    for path in files:
        # The collector stays paused for the whole file and the file's objects are freed (by
        # reference counting) before it runs again, so it never walks a file's node tree.
        with gc_paused():
            source = read_source(path, display_path(path, display_root))
            checked = check_source(source, index, file_name=path.name)
            del source
        # Read again from disk when offending lines are shown (FileResult.source_text), so that
        # not even files with findings hold their text: memory follows the largest file.
        checked.location = path
        checked.text = None
        if not keep_models:
            checked.model = None
        result.files.append(checked)
    return _finish(result, index)


def _check_region(start: Path, result: ValidationResult, display_root: Path | None) -> bool:
    """Check the region file of the plans at ``start`` first and make it the active region.

    Its findings are the first file's; False when there is no usable region (missing, or failing
    its schema), and the plans are then not checked: every value in them would be in question.
    """
    from rus.base.vocab import set_region
    from rus.base.workspace import project_root
    from rus.plans.regionfile import REGION_FILE, read_cached, region_file_for

    path = region_file_for(start)
    if path is None:
        shown = display_path(project_root(start if start.is_dir() else start.parent) / REGION_FILE, display_root)
        result.region = FileResult(shown, "region", [Diagnostic(shown, 1, 1, "G001")])
        result.files.append(result.region)
        return False
    cached = read_cached(path)  # checked before, without findings: no need for its model
    if cached is not None:
        result.region = FileResult(display_path(path, display_root), "region", [], None, path)
        set_region(cached)
        return True
    from rus.plans.region import read_region

    source, region = read_region(path, display_path(path, display_root))
    result.region = FileResult(source.path, "region", source.diagnostics, None, path)
    if source.diagnostics:
        result.files.append(result.region)
    if region is None:
        return False
    set_region(region)
    return True


def validate_texts(texts: dict[str, str]) -> ValidationResult:
    """Validate in-memory files (display path to text), e.g. plans read from a git revision."""
    from rus.plans.source import parse_text

    names = sorted(texts, key=lambda p: (not Path(p).stem.startswith("actors"), p))
    return validate_sources(lambda name: parse_text(texts[name].removeprefix("\ufeff"), Source(name)), names)


def validate_sources(
    read: Callable[[str], Source], names: Iterable[str], visit: Callable[[Source, FileResult], None] | None = None,
) -> ValidationResult:
    """Validate files in the order named, each read (parsed) by ``read``, one at a time.

    ``visit`` sees each parsed file with its findings before it is let go (e.g. to index its ids);
    an editor integration reads open files from its buffers and the others from disk this way.
    """
    index = CrossIndex()
    result = ValidationResult()
    for name in names:
        with gc_paused():
            source = read(name)
            checked = check_source(source, index, file_name=Path(name).name)
            if visit is not None:
                visit(source, checked)
            result.files.append(checked)
            del source
    return _finish(result, index)


def _finish(result: ValidationResult, index: CrossIndex) -> ValidationResult:
    """Add the findings across files, and order every file's findings by position."""
    by_path = {res.path: res for res in result.files}
    for path, diagnostics in check_cross(index, list(by_path)):
        by_path[path].diagnostics.extend(diagnostics)
    for diagnostic in check_programme_refs(index):
        by_path[diagnostic.path].diagnostics.append(diagnostic)
    settled = settled_risks(index)
    if settled:
        for res in result.files:
            res.diagnostics = [d for d in res.diagnostics if d.code != "R012" or (d.path, d.line, d.column) not in settled]
    for res in result.files:
        res.diagnostics.sort(key=Diagnostic.sort_key)
    return result


def check_source(source: Source, index: CrossIndex, file_name: str) -> FileResult:
    """Schema and rule checks of one parsed file; its ids and references go into ``index``.

    Each finding on a value or key of the file also says where that value or key ends.
    """
    result, located = _check(source, index, file_name)
    # the loader's findings have their ends: those of the rules get theirs here
    result.diagnostics[located:] = with_ends(result.diagnostics[located:], source.root)
    return result


def _check(source: Source, index: CrossIndex, file_name: str) -> tuple[FileResult, int]:
    """The file loaded and its rules run; and how many of its findings are the loader's (the first ones)."""
    loaded = load_source(source, file_name)
    located = len(source.diagnostics)
    result = FileResult(source.path, loaded.kind, source.diagnostics, source.text)
    if source.data is None or source.root is None:
        if Path(file_name).stem == "actors":
            index.registry_broken = True
        return result, located
    validated = loaded.model
    if validated is None:
        if loaded.schema_failed:
            _check_partly(loaded, index, file_name)
        return result, located
    result.model = validated
    if isinstance(validated, Plan):
        check_plan(validated, source, index, file_name)
    elif isinstance(validated, ActorRegistry):
        check_actor_registry(validated, source, index)
    elif isinstance(validated, ProgrammeFile):
        check_programme(validated, source, index)
    return result, located


def _check_partly(loaded: LoadedFile, index: CrossIndex, file_name: str) -> None:
    """The rules on what passes the schema of a file that fails it (the programme file: none)."""
    source = loaded.source
    if loaded.kind == "plan":
        partial = partial_plan(source.data)
        if partial is not None:
            check_plan(partial[0], source, index, file_name, partial[1])
    elif loaded.kind == "actors":
        # the registry is there but partly wrong: its ids still count, so that references to
        # them are checked (and the wrong entries are reported once, here)
        actors = source.data.get("actors")
        ids = {a["id"] for a in actors if isinstance(a, dict) and isinstance(a.get("id"), str)} if isinstance(actors, list) else set()
        if ids:
            index.has_registry = True
            index.actor_ids.update(ids)
        else:
            index.registry_broken = True


_SECTIONS: dict[str, type[BaseModel]] = {
    "sub_areas": SubArea,
    "goals": Goal,
    "indicators": Indicator,
    "activities": Activity,
    "consultations": Consultation,
    "evaluations": Evaluation,
}


def partial_plan(data: dict[str, Any]) -> tuple[Plan, Partial] | None:
    """The part of a plan that passes the schema, item by item, so that the rules can check it.

    None when the plan's own keys (area, revision, meeting, …) fail: the rules need those.
    """
    header = {key: value for key, value in data.items() if key not in _SECTIONS}
    try:
        head = Plan.model_validate(header)
    except ValidationError:
        return None
    kept: dict[str, list[Any]] = {}
    positions: dict[str, list[int]] = {}
    other_ids: dict[str, set[str]] = {}
    dropped: set[str] = set()
    for key, item_model in _SECTIONS.items():
        items = data.get(key)
        kept[key], positions[key], other_ids[key] = [], [], set()
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                kept[key].append(item_model.model_validate(item))
                positions[key].append(i)
            except ValidationError:
                dropped.add(key)
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    other_ids[key].add(item["id"])
    plan = head.model_copy(update=kept)
    return plan, Partial(positions, other_ids, frozenset(dropped))


__all__ = [
    "FileResult",
    "Severity",
    "ValidationResult",
    "check_source",
    "discover",
    "discover_files",
    "file_kind",
    "model_of",
    "schema_diagnostic",
    "suggest",
    "validate_paths",
    "validate_sources",
    "validate_texts",
]
