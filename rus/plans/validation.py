"""Validating plan files: YAML syntax, the schema, and the domain's rules, all as located diagnostics.

Files are checked one at a time (peak memory follows the largest file, not the corpus); what the
rules across files need (ids, actor references) is kept as a small index.
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from rus.base.codes import (
    HINT_ASCII_ID,
    HINT_DID_YOU_MEAN,
    HINT_DID_YOU_MEAN_LABEL,
    HINT_FIX_DATE,
    N_,
)
from rus.base.diagnostics import Diagnostic, Severity, count
from rus.base.suggest import suggest
from rus.base.vocab import RegionVocab, Vocab, fold, lookup
from rus.base.workspace import Outside, boundary_of, display_path, leads_outside
from rus.plans.annotations import annotation_at, inner_model
from rus.plans.models import (
    ACTIVITY_ID,
    ACTOR_ID,
    CONFLICT_ID,
    CONSULTATION_ID,
    COUNTRY,
    EVALUATION_ID,
    GOAL_ID,
    INDICATOR_ID,
    PERIOD,
    REFERENCE,
    REVISION,
    SUB_AREA_ID,
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

PLAN_KEYS = frozenset(Plan.model_fields) - {"schema_version"}
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class FileResult:
    """What validation found in one file."""

    path: str
    kind: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str | None = None
    location: Path | None = None

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


def validate_paths(paths: Iterable[Path], *, display_root: Path | None = None) -> ValidationResult:
    """Validate files and folders of plans; the actor registry is found among them by content.

    Files are read and checked one at a time; only the text of files with findings is kept (for
    showing the offending lines), so memory follows the largest file, not the whole corpus.
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


#: The keys only the programme file has at its top (``documents`` is a plan's key too).
PROGRAMME_KEYS = frozenset(ProgrammeFile.model_fields) - PLAN_KEYS - {"schema_version"}


def file_kind(data: Any, file_name: str) -> str | None:
    """``plan``, ``actors``, ``programme``, or None when the parsed data is none of them.

    This is the one place a file's kind is told from its content and name: everything that reads
    plan files (validation, history, fmt, the language server) asks here, and :func:`model_of` gives
    the kind's model.
    """
    if isinstance(data, dict):
        if PROGRAMME_KEYS & set(data) and "area" not in data:
            return "programme"
        if "area" in data or PLAN_KEYS & set(data) - {"actors"}:
            return "plan"
        if "actors" in data or file_name.startswith("actors"):
            return "actors"
        if file_name.startswith("programme"):
            return "programme"
    return None


#: The model of each kind of file.
KIND_MODELS: dict[str, type[BaseModel]] = {"plan": Plan, "actors": ActorRegistry, "programme": ProgrammeFile}


def model_of(kind: str | None, file_name: str = "") -> type[BaseModel]:
    """The model of a kind of file; a file of unknown kind is read as its name suggests, else as a plan."""
    if kind is None:
        kind = file_kind({}, file_name)
    return KIND_MODELS.get(kind or "plan", Plan)


def check_source(source: Source, index: CrossIndex, file_name: str) -> FileResult:
    """Schema and rule checks of one parsed file; its ids and references go into ``index``.

    Each finding on a value or key of the file also says where that value or key ends.
    """
    result = _check(source, index, file_name)
    result.diagnostics = with_ends(result.diagnostics, source.root)
    return result


def _check(source: Source, index: CrossIndex, file_name: str) -> FileResult:
    result = FileResult(source.path, None, source.diagnostics, source.text)
    if source.data is None or source.root is None:
        if Path(file_name).stem == "actors":
            index.registry_broken = True
        return result
    kind = file_kind(source.data, file_name)
    result.kind = kind
    if kind is None:
        source.add(1, 1, "F006")
        return result
    if not check_edition(source, kind):
        return result
    model = model_of(kind)
    try:
        validated = model.model_validate(source.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            source.diagnostics.append(schema_diagnostic(source, model, error))
        if model is ProgrammeFile:
            return result  # its references are checked once it passes the schema
        if model is Plan:
            partial = partial_plan(source.data)
            if partial is not None:
                check_plan(partial[0], source, index, file_name, partial[1])
        else:
            # the registry is there but partly wrong: its ids still count, so that references to
            # them are checked (and the wrong entries are reported once, here)
            actors = source.data.get("actors")
            ids = {a["id"] for a in actors if isinstance(a, dict) and isinstance(a.get("id"), str)} if isinstance(actors, list) else set()
            if ids:
                index.has_registry = True
                index.actor_ids.update(ids)
            else:
                index.registry_broken = True
        return result
    if isinstance(validated, Plan):
        check_plan(validated, source, index, file_name)
    elif isinstance(validated, ActorRegistry):
        check_actor_registry(validated, source, index)
    elif isinstance(validated, ProgrammeFile):
        check_programme(validated, source, index)
    return result


def check_edition(source: Source, kind: str) -> bool:
    """The file's edition: an older one is reported (M001) and upgraded in memory, so that its data is
    still checked; a newer one (M002) cannot be read. False when the file cannot be checked further.

    The upgraded data is checked, not the old: a key that a step renames would otherwise be reported
    as unknown, and a repository not yet migrated would hide its real problems behind M001.
    """
    from rus.plans.editions import CURRENT_EDITION, EDITION_KEY, edition_of, upgrade

    edition = edition_of(source.data)
    if edition is None:
        return True  # not a whole number: the schema says what is wrong
    line, column = source.locate((EDITION_KEY,))
    if edition > CURRENT_EDITION:
        source.add(line, column, "M002", found=edition, current=CURRENT_EDITION)
        return False
    if edition < CURRENT_EDITION:
        source.add(line, column, "M001", found=edition, current=CURRENT_EDITION)
        upgrade(source.data, kind)
    elif isinstance(source.data, dict) and next(iter(source.data)) != EDITION_KEY:
        source.add(*source.locate((EDITION_KEY,), key=True), "M003")
    return True


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


# --- from pydantic errors to diagnostics ---------------------------------------------------------

_TYPE_NAMES = {
    "string_type": ("@text", "{municipality}"),
    "int_type": ("@a whole number", "42"),
    "int_parsing": ("@a whole number", "42"),
    "int_from_float": ("@a whole number", "42"),
    "float_type": ("@a number", "12.5"),
    "float_parsing": ("@a number", "12.5"),
    "finite_number": ("@a finite number", "12.5"),
    "bool_type": ("@true or false", "true"),
    "bool_parsing": ("@true or false", "true"),
    "list_type": ("@a list", "[a, b]"),
    "dict_type": ("@a block of keys", "key: value"),
    "model_type": ("@a block of keys", "key: value"),
    "model_attributes_type": ("@a block of keys", "key: value"),
}

_PATTERNS: dict[str, tuple[str, str]] = {
    ACTIVITY_ID: ("@an activity id", "{prefix}-012"),
    GOAL_ID: ("@a goal id", "{prefix}-M1"),
    INDICATOR_ID: ("@an indicator id", "{prefix}-I1"),
    SUB_AREA_ID: ("@a sub-area id", "{prefix}-D1"),
    CONSULTATION_ID: ("@a consultation id", "{prefix}-K1"),
    EVALUATION_ID: ("@an evaluation id", "{prefix}-U1"),
    ACTOR_ID: ("@an actor id", "university"),
    REVISION: ("@a revision", "2026-1 / 2026-2 / 2026-3"),
    PERIOD: ("@a half-year", "2026-1 / 2026-2"),
    REFERENCE: ("@a reference number", "RS/123/2024"),
    COUNTRY: ("@a country code of ISO 3166-1", "NO"),
    CONFLICT_ID: ("@a goal conflict id", "MK-1"),
}

_LOOSE_DATE = re.compile(r"^\s*([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})\s*$")


def _region_example(example: str, source: Source) -> str:
    """An example with the region's own values: the plan's id prefix, a municipality's name."""
    if "{prefix}" in example:
        from rus.base.vocab import Area

        data = source.data
        area = data.get("area") if isinstance(data, dict) else None
        prefixes = [a.prefix for a in Area if a.value == area] or [a.prefix for a in Area] or ["ABC"]
        example = example.replace("{prefix}", prefixes[0])
    if "{municipality}" in example:
        from rus.base.vocab import Municipality

        example = example.replace("{municipality}", next((m.text("sv") for m in Municipality), "…"))
    return example


def _fmt(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return "…"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _key_name(loc: tuple[str | int, ...]) -> str:
    for step in reversed(loc):
        if isinstance(step, str) and step != "[key]":
            return step
    return "?"


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that holds the last key of ``loc`` (None when it is not a model)."""
    current: type[BaseModel] | None = model
    for step in loc:
        if current is None:
            return None
        if isinstance(step, int):
            continue
        info = current.model_fields.get(step)
        if info is None:
            return None
        current = inner_model(info.annotation)
    return current


def _enum_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[Enum] | type[RegionVocab] | None:
    annotation = annotation_at(model, loc)
    if isinstance(annotation, type) and issubclass(annotation, Enum | RegionVocab):
        return annotation
    return None


def key_for_name(model: type[BaseModel], name: str) -> str | None:
    """The key of ``model`` that ``name`` names by its Swedish or English title (``prioriteringar``
    for ``priorities``): the whole title, or one word of it that no other key's title has."""
    wanted = fold(name)
    if not wanted:
        return None
    words: dict[str, set[str]] = {}
    for key, info in model.model_fields.items():
        english = (info.json_schema_extra or {}).get("x-title-en") if isinstance(info.json_schema_extra, dict) else None
        for title in (info.title, english):
            if not isinstance(title, str):
                continue
            folded = fold(re.sub(r"\(.*?\)", "", title))
            if wanted == folded:
                return key
            for word in folded.split():
                if len(word) >= 4:
                    words.setdefault(word, set()).add(key)
    keys = words.get(wanted, set())
    return next(iter(keys)) if len(keys) == 1 else None


def schema_diagnostic(source: Source, model: type[BaseModel], error: Any) -> Diagnostic:
    """A located diagnostic for one pydantic error."""
    loc: tuple[str | int, ...] = tuple(error["loc"])
    etype: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    key = _key_name(loc)
    path = source.path

    def at(code: str, where: tuple[str | int, ...], *, on_key: bool = False, hint: str | None = None, **params: Any) -> Diagnostic:
        line, column = source.locate(where, key=on_key)
        return Diagnostic(path, line, column, code, params, hint)

    if etype == "missing":
        parent = _model_at(model, loc[:-1])
        title = key
        if parent is not None and key in parent.model_fields:
            title = parent.model_fields[key].title or key
        return at("S001", loc[:-1], on_key=True, key=key, title=title)
    if etype == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = list(parent.model_fields) if parent is not None else []
        guess = suggest(key, allowed) or (key_for_name(parent, key) if parent is not None else None)
        if guess:
            return at("S002", loc, on_key=True, hint=HINT_DID_YOU_MEAN, key=key, suggestion=guess, allowed=", ".join(allowed))
        return at("S002", loc, on_key=True, key=key, allowed=", ".join(allowed))
    if etype == "enum":
        from rus.plans.region import KIND_NAMES

        enum = _enum_at(model, loc)
        allowed = [str(m.value) for m in enum] if enum is not None else []
        where = loc[:-1] if loc[-1] == "[key]" else loc
        on_key = loc[-1] == "[key]"
        shown_key = _key_name(loc[:-2]) if on_key else key
        if on_key:
            where = (*loc[:-2], str(value))
        if isinstance(enum, type) and issubclass(enum, RegionVocab) and isinstance(value, str):
            removed = _removed_from_region(value, enum)
            if removed is not None:
                commit, day, subject = removed
                what = KIND_NAMES.get(enum.KIND, enum.KIND)
                if not commit:
                    return at("G005", where, on_key=on_key, value=_fmt(value), what=what, allowed=", ".join(allowed))
                return at("G003", where, on_key=on_key, value=_fmt(value), what=what, commit=commit, date=day, subject=subject, allowed=", ".join(allowed))
        named = lookup(enum, value) if enum is not None and issubclass(enum, Vocab | RegionVocab) and isinstance(value, str) else None
        if named is not None and fold(str(value)) != fold(named.value):
            # a label written for its slug (`pågående` for `ongoing`): the one right answer
            return at("S003", where, on_key=on_key, hint=HINT_DID_YOU_MEAN_LABEL, value=_fmt(value), key=shown_key,
                      suggestion=named.value, label=named, allowed=", ".join(allowed))
        guess = suggest(str(value), allowed) if value is not None else None
        if guess:
            return at("S003", where, on_key=on_key, hint=HINT_DID_YOU_MEAN, value=_fmt(value), key=shown_key, suggestion=guess, allowed=", ".join(allowed))
        return at("S003", where, on_key=on_key, value=_fmt(value), key=shown_key, allowed=", ".join(allowed))
    if etype == "literal_error":  # a closed set of values written in the model (e.g. a language)
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        guess = suggest(str(value), allowed) if value is not None else None
        if guess:
            return at("S003", loc, hint=HINT_DID_YOU_MEAN, value=_fmt(value), key=key, suggestion=guess, allowed=", ".join(allowed))
        return at("S003", loc, value=_fmt(value), key=key, allowed=", ".join(allowed))
    if etype in ("iso_date", "date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        fixed = _fix_date(value)
        if fixed:
            return at("S005", loc, hint=HINT_FIX_DATE, value=_fmt(value), suggestion=fixed)
        problem = date_problem(value)
        if problem is not None:
            return at("S005", loc, hint=problem[0], value=_fmt(value), **problem[1])
        return at("S005", loc, value=_fmt(value))
    if etype == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        what, example = _PATTERNS.get(pattern, ("@the expected pattern", pattern))
        example = _region_example(example, source) if pattern in _PATTERNS else example
        if isinstance(value, str) and re.match(pattern, value.strip().upper() if pattern != ACTOR_ID else value.strip().lower()):
            fixed = value.strip().upper() if pattern != ACTOR_ID else value.strip().lower()
            return at("S006", loc, hint=HINT_DID_YOU_MEAN, value=_fmt(value), what=what, example=example, suggestion=fixed)
        if isinstance(value, str) and pattern == ACTOR_ID:
            plain = fold(value).replace(" ", "-")
            if plain != value and re.match(pattern, plain):
                # `funasfjällen`: ids are written without å, ä, ö (not repaired by `rus fix`: the
                # registry may spell the actor's id differently)
                return at("S006", loc, hint=HINT_ASCII_ID, value=_fmt(value), what=what, example=example, suggestion=plain)
        return at("S006", loc, value=_fmt(value), what=what, example=example)
    if etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than", "revision_year"):
        constraint = {
            "greater_than_equal": "≥ {ge}",
            "less_than_equal": "≤ {le}",
            "greater_than": "> {gt}",
            "less_than": "< {lt}",
            "revision_year": "2000–2100",
        }[etype].format(**{k: _fmt(v) for k, v in ctx.items()})
        bounds = _bounds_at(model, loc)
        if bounds is not None:
            constraint = f"{bounds[0]}–{bounds[1]}"
        return at("S007", loc, value=_fmt(value), key=key, constraint=constraint)
    if etype in ("too_short", "string_too_short"):
        minimum = ctx.get("min_length", 1)
        what = "@one character" if etype == "string_too_short" else f"{minimum}"
        return at("S008", loc, key=key, minimum=what)
    if etype in _TYPE_NAMES:
        expected, example = _TYPE_NAMES[etype]
        example = _region_example(example, source)
        return at("S004", loc, key=key, expected=expected, example=example)
    return at("S009", loc, key=key, detail=str(error.get("msg", etype)))


def _bounds_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[Any, Any] | None:
    """The lowest and highest value the field at ``loc`` allows, when it has both (``0``, ``100``)."""
    holder = _model_at(model, tuple(step for step in loc[:-1]))
    name = loc[-1]
    if holder is None or not isinstance(name, str) or name not in holder.model_fields:
        return None
    low = high = None
    for item in holder.model_fields[name].metadata:
        low = getattr(item, "ge", low)
        high = getattr(item, "le", high)
    return (low, high) if low is not None and high is not None else None


_MONTHS = ("@January", "@February", "@March", "@April", "@May", "@June", "@July", "@August", "@September",
           "@October", "@November", "@December")


def date_problem(value: Any) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with a date written in the right form (``2027-13-01``): a hint and its
    parameters, saying there is no month 13, or how many days the month has; None otherwise."""
    match = re.match(r"^\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*$", str(value)) if isinstance(value, str | date) else None
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return N_("There is no month {month}: months go from 01 to 12."), {"month": match.group(2)}
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return N_("{month_name} {year} has only {days} days."), {"month_name": _MONTHS[month - 1], "year": year, "days": days}
    return None


def _removed_from_region(value: str, vocab: type[RegionVocab]) -> tuple[str, str, str] | None:
    """Where a value the region no longer has was removed from its file (see :func:`rus.plans.region.removal_of`)."""
    from rus.base.vocab import active_region
    from rus.plans.region import removal_of

    return removal_of(value, vocab.KIND, active_region())


def _fix_date(value: Any) -> str | None:
    if not isinstance(value, str | int):
        return None
    match = _LOOSE_DATE.match(str(value))
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


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
