"""The one loader: a plan file's bytes or text → its kind, its edition, its model or located findings.

Every reader of plan files goes through here — ``rus validate`` and the language server (through
:mod:`rus.plans.validation`), the history (files read from git, cached by blob id), the report, the
edit commands' finding of files — so that a file means the same to each of them:

1. parse (:mod:`rus.plans.source`: the node tree that maps a path in the data to line:column, and
   syntax findings),
2. tell its kind from its content and name (:func:`file_kind`: ``plan``, ``actors``, ``programme``),
3. check its edition (:func:`check_edition`): an older one is reported (M001) and upgraded in
   memory, a newer one (M002) cannot be read,
4. validate it against the kind's model (:func:`model_of`), each pydantic error turned into a
   located diagnostic (:func:`schema_diagnostic`) with the start *and* end of what it points at.

The domain's rules are not run here: :mod:`rus.plans.validation` runs them on the result.
"""

from __future__ import annotations

import calendar
import copy
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from rus.base.codes import (
    HINT_ASCII_ID,
    HINT_DID_YOU_MEAN,
    HINT_DID_YOU_MEAN_LABEL,
    HINT_FIX_DATE,
    N_,
)
from rus.base.diagnostics import Diagnostic, Severity
from rus.base.suggest import suggest
from rus.base.vocab import RegionVocab, Vocab, fold, lookup
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
    ActorRegistry,
    Plan,
    ProgrammeFile,
)
from rus.plans.source import Source, parse_bytes, parse_text, read_source, with_ends

#: What a file holds once loaded: a plan, the actor registry or the programme file.
Model = Plan | ActorRegistry | ProgrammeFile

PLAN_KEYS = frozenset(Plan.model_fields) - {"schema_version"}


@dataclass
class LoadedFile:
    """One file as the loader read it.

    ``source`` holds its text, its node tree (paths in the data to line:column) and its findings so
    far: syntax, kind, edition and schema, each with where it starts and, when it points at a value
    or key, where that ends. ``model`` is None when the file did not reach or did not pass the schema.
    """

    source: Source
    kind: str | None = None
    model: Model | None = None
    #: Whether the file is of an older edition and was upgraded in memory before validation.
    upgraded: bool = False
    #: Whether the file failed its kind's schema (its data is then only partly usable).
    schema_failed: bool = False

    @property
    def path(self) -> str:
        """The file's path as shown in findings."""
        return self.source.path

    @property
    def text(self) -> str | None:
        """The file's text (None when it could not be read or decoded)."""
        return self.source.text

    @property
    def data(self) -> Any:
        """The file's plain values (upgraded to the current edition when it was older)."""
        return self.source.data

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """What the loader found, in the order found."""
        return self.source.diagnostics

    def first_error(self) -> Diagnostic | None:
        """The first error found (syntax before kind, edition and schema), None when there is none."""
        return next((d for d in self.source.diagnostics if d.level is Severity.ERROR), None)


def load_source(source: Source, file_name: str | None = None, *, all_errors: bool = True, validate: bool = True) -> LoadedFile:
    """Kind, edition and schema of a file already parsed (e.g. an editor's buffer, or a parse kept in a cache).

    ``file_name`` (default: the last part of the source's path) decides the kind of a file whose
    content does not. With ``all_errors=False`` only the first schema error is located (enough to
    refuse the file, and cheaper on a file with many). With ``validate=False`` only the kind is
    told (the data as written, e.g. to find the file an edit goes to). The source's data is not
    changed in place: an older edition is upgraded on a copy, so a parse kept in a cache (the
    language server's) still reads as written. Each finding on a value or key also says where
    that value or key ends.
    """
    loaded = LoadedFile(source)
    if source.data is not None and source.root is not None:
        _load(loaded, file_name if file_name is not None else PurePosixPath(source.path).name, all_errors, validate)
        source.diagnostics[:] = with_ends(source.diagnostics, source.root)
    return loaded


def _load(loaded: LoadedFile, name: str, all_errors: bool, validate: bool) -> None:
    source = loaded.source
    kind = file_kind(source.data, name)
    loaded.kind = kind
    if kind is None:
        source.add(1, 1, "F006")
        return
    if not validate:
        return
    from rus.plans.editions import needs_upgrade

    loaded.upgraded = needs_upgrade(source.data)
    if loaded.upgraded:
        source.data = copy.deepcopy(source.data)
    if not check_edition(source, kind):
        return
    model_type = model_of(kind)
    try:
        validated = model_type.model_validate(source.data)
    except ValidationError as exc:
        loaded.schema_failed = True
        errors = exc.errors(include_url=False)
        for error in errors if all_errors else errors[:1]:
            source.diagnostics.append(schema_diagnostic(source, model_type, error))
        return
    assert isinstance(validated, Plan | ActorRegistry | ProgrammeFile)
    loaded.model = validated


def load_bytes(data: bytes, path: str, file_name: str | None = None, *, all_errors: bool = True, validate: bool = True) -> LoadedFile:
    """A file's bytes (from disk or a git blob) loaded; ``path`` is how findings name it."""
    return load_source(parse_bytes(data, Source(path)), file_name, all_errors=all_errors, validate=validate)


def load_text(text: str, path: str, file_name: str | None = None, *, all_errors: bool = True, validate: bool = True) -> LoadedFile:
    """A file's text (an editor's buffer, an edit not yet written) loaded; a byte order mark is ignored."""
    return load_source(parse_text(text.removeprefix("\ufeff"), Source(path)), file_name, all_errors=all_errors, validate=validate)


def load_path(path: Path, display: str | None = None, *, all_errors: bool = True, validate: bool = True) -> LoadedFile:
    """A file on disk loaded (a file that cannot be read is a finding, F001–F004, not an exception)."""
    return load_source(read_source(path, display), path.name, all_errors=all_errors, validate=validate)


def kind_by_name(file_name: str) -> str | None:
    """The kind a file's name alone suggests (``actors.yaml``, ``programme.yaml``), None for any other.

    Two files with the same content but these names may be of different kinds (an empty mapping
    in ``actors.yaml`` is a registry), so a cache of loaded files keys by this too.
    """
    return file_kind({}, file_name)


# --- the kind of a file ----------------------------------------------------------------------------

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


# --- the edition ---------------------------------------------------------------------------------

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
    "KIND_MODELS",
    "PLAN_KEYS",
    "PROGRAMME_KEYS",
    "LoadedFile",
    "Model",
    "check_edition",
    "date_problem",
    "file_kind",
    "key_for_name",
    "kind_by_name",
    "load_bytes",
    "load_path",
    "load_source",
    "load_text",
    "model_of",
    "schema_diagnostic",
]
