"""The region file: a region's own vocabularies (strength areas, municipalities, priorities, money).

Every region with a smart specialisation strategy keeps its plans with rus; what makes a repository
one region's is its ``region.yaml`` at the repository root, beside ``plans/``. This module holds the
file's model (with bilingual titles, like the plan model), finds the file for a folder of plans,
checks it with located diagnostics, and turns it into the vocabularies of :mod:`rus.base.vocab`.

What is national or European (the statuses, helix types, the six steps, EU fulfilment criteria)
stays in the tool; what is the region's is here, so that a new region needs no code.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, StrictBool, StrictInt, ValidationError

from rus.base.codes import N_
from rus.base.errors import RegionError
from rus.base.vocab import (
    AreaInfo,
    Entry,
    FundingSourceInfo,
    Label,
    Lang,
    MunicipalityInfo,
    ProgrammeInfo,
    RegionVocabularies,
    using_region,
)
from rus.plans.editions import CURRENT_EDITION, edition_of, upgrade
from rus.plans.models import Model, field
from rus.plans.regionfile import (
    ENV_REGION,
    REGION_FILE,
    activate_for,
    default_region,
    find_region_file,
    load_region,
    missing_region,
    region_file_for,
)
from rus.plans.ruleset import Finding, LineOf, Loc, Place, rule, run, to_diagnostics
from rus.plans.source import Source, parse_bytes

#: The edition of the region file this version of rus reads (and writes with ``rus init``).
SCHEMA_VERSION = CURRENT_EDITION
#: Region files shipped with rus (``rus init --region NAME`` takes one by its name).
BUNDLED = Path(sys.modules["rus"].__file__ or "").parent / "regions"

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PREFIX = r"^[A-Z]{3}$"
CODE = r"^[0-9A-Za-z]{1,12}$"

Slug = Annotated[str, Field(pattern=SLUG, max_length=60)]


class Names(Model):
    """A name in Swedish and English."""

    SV: ClassVar[tuple[str, str]] = ("Namn", "Ett namn på svenska och engelska.")

    sv: str = field("Svenska", "Swedish", min_length=1)
    en: str = field("Engelska", "English", min_length=1)


class RegionArea(Model):
    """A strength area (styrkeområde) of the region's smart specialisation programme."""

    SV: ClassVar[tuple[str, str]] = ("Styrkeområde", "Ett styrkeområde i regionens program för smart specialisering.")

    slug: Slug = field("Kortnamn", "Slug", "Det som planerna skriver under area: och planfilens namn, t.ex. turism", "What plans write under area: and the plan file's name, e.g. tourism")
    prefix: str = field("Id-prefix", "Id prefix", "Tre versaler som områdets id börjar med, t.ex. ABC i ABC-012", "Three capital letters the area's ids start with, e.g. ABC in ABC-012", pattern=PREFIX)
    name: Names = field("Namn", "Name")
    description: Names | None = field("Beskrivning", "Description", default=None)
    vision_horizon: StrictInt | None = field("Visionens horisont", "Vision horizon", "Året som områdets vision siktar mot", "The year the area's vision looks to", default=None, ge=2000, le=2100)


class RegionMunicipality(Model):
    """A municipality (kommun) of the region."""

    SV: ClassVar[tuple[str, str]] = ("Kommun", "En kommun i regionen.")

    slug: Slug = field("Kortnamn", "Slug", "Det som planerna skriver under municipalities:", "What plans write under municipalities:")
    code: str = field("Officiell kod", "Official code", "Kommunkoden (i Sverige SCB:s fyrsiffriga kod)", "The municipality code (in Sweden SCB's four-digit code)", pattern=CODE)
    name: str = field("Namn", "Name", "Kommunens namn; ett egennamn som är detsamma på alla språk", "The municipality's name; a proper name, the same in every language", min_length=1)
    sami_administrative_area: StrictBool = field(
        "Samiskt förvaltningsområde", "Sámi administrative area",
        "Om kommunen ingår i förvaltningsområdet för samiska (språkliga rättigheter); konsultationsplikten gäller överallt",
        "Whether the municipality is in the administrative area for Sámi (language rights); the duty to consult applies everywhere",
        default=False,
    )
    analysis_region: str | None = field("Funktionell analysregion", "Functional analysis region", "T.ex. SCB:s FA-region, om regionen följer upp per analysregion", "E.g. SCB's FA region, if the region follows up per analysis region", default=None, min_length=1)


class RegionPriority(Model):
    """A long-term priority (långsiktig prioritering) of the region."""

    SV: ClassVar[tuple[str, str]] = ("Långsiktig prioritering", "En av regionens långsiktiga prioriteringar.")

    slug: Slug = field("Kortnamn", "Slug", "Det som planerna skriver under priorities:", "What plans write under priorities:")
    name: Names = field("Namn", "Name")
    description: Names | None = field("Beskrivning", "Description", default=None)


class RegionFundingSource(Model):
    """A source of money that the region's activities draw on."""

    SV: ClassVar[tuple[str, str]] = ("Finansieringskälla", "En källa till pengar för regionens insatser.")

    slug: Slug = field("Kortnamn", "Slug", "Det som planerna skriver under funding: source:", "What plans write under funding: source:")
    name: Names = field("Namn", "Name")
    description: Names | None = field("Beskrivning", "Description", default=None)
    co_funding: StrictBool = field("Medfinansiering", "Co-funding", "Om pengarna dras in utanför regionens egen budget", "Whether the money is drawn in from outside the region's own budget")


class RegionProgramme(Model):
    """A funding programme (e.g. a regional ERDF programme), under one of the region's funding sources."""

    SV: ClassVar[tuple[str, str]] = ("Program", "Ett finansieringsprogram under en av regionens finansieringskällor.")

    slug: Slug = field("Kortnamn", "Slug", "Det som planerna skriver under funding: programme:", "What plans write under funding: programme:")
    name: Names = field("Namn", "Name")
    source: Slug = field("Finansieringskälla", "Funding source", "Kortnamnet på källan som programmet hör till", "The slug of the source the programme belongs to")
    period: str | None = field("Period", "Period", "Programperioden, t.ex. 2021–2027", "The programme period, e.g. 2021–2027", default=None, min_length=1)


class Region(Model):
    """The region file (region.yaml): the region's own vocabularies, which every plan is checked against."""

    SV: ClassVar[tuple[str, str]] = ("Regionfil", "Regionens egna vokabulärer, som varje plan kontrolleras mot.")

    schema_version: Literal[2] = field("Schemaversion", "Schema version", "Regionfilens utgåva av formatet (utelämnad: utgåva 1). Ändra den inte för hand; `rus migrate` uppgraderar äldre utgåvor.", "The edition of the region file's format (left out: edition 1). Do not change it by hand; `rus migrate` upgrades older editions.", default=2)
    name: Names = field("Regionens namn", "Region name")
    code: str | None = field("Regionkod", "Region code", "Officiell kod, t.ex. länskod eller NUTS-kod", "Official code, e.g. the county code or NUTS code", default=None, pattern=CODE)
    report_languages: list[Lang] = field("Rapportspråk", "Report languages", "Språk som rapporterna skrivs på; det första är standard", "Languages the reports are written in; the first is the default", min_length=1)
    areas: list[RegionArea] = field("Styrkeområden", "Strength areas", min_length=1)
    municipalities: list[RegionMunicipality] = field("Kommuner", "Municipalities", min_length=1)
    priorities: list[RegionPriority] = field("Långsiktiga prioriteringar", "Long-term priorities", min_length=1)
    funding_sources: list[RegionFundingSource] = field("Finansieringskällor", "Funding sources", min_length=1)
    programmes: list[RegionProgramme] = field("Program", "Programmes", default_factory=list)


# --- finding the file ----------------------------------------------------------------------------


def bundled_regions() -> dict[str, Path]:
    """The region files shipped with rus, by name (the file name without ``.yaml``)."""
    return {path.stem: path for path in sorted(BUNDLED.glob("*.yaml"))}


# --- checking and loading ------------------------------------------------------------------------

_CACHE: dict[str, RegionVocabularies] = {}


def check_region(source: Source, raw: bytes = b"") -> RegionVocabularies | None:
    """Check a parsed region file: findings go into ``source``; the vocabularies when it is usable.

    The region is usable when it passes the schema; duplicate values are reported and the first of
    each kept, so that plans can still be checked against it.
    """
    digest = hashlib.sha256(raw).hexdigest() if raw else ""
    if digest and digest in _CACHE:
        return _CACHE[digest]
    if source.data is None:
        return None
    from rus.plans.loader import schema_diagnostic

    data = source.data
    version = edition_of(data)
    if version is not None and version > SCHEMA_VERSION:
        line, column = source.locate(("schema_version",))
        source.add(line, column, "G004", found=version, supported=SCHEMA_VERSION)
        return None
    if version is not None and version < SCHEMA_VERSION and isinstance(data, dict):
        # an older edition is checked upgraded in memory (as plans are), and `rus migrate` is asked for
        line, column = source.locate(("schema_version",))
        source.add(line, column, "M001", found=version, current=SCHEMA_VERSION)
        upgrade(data, "region")
    try:
        region = Region.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            source.diagnostics.append(schema_diagnostic(source, Region, error))
        return None
    _check_rules(region, source)
    result = vocabularies(region, source.path, digest)
    if not source.diagnostics and digest:  # not even M001: an old edition is reported every time
        _CACHE[digest] = result
    return result


@dataclass
class _RegionContext:
    """What the region file's rules look at: the checked file, and the places their findings name."""

    region: Region
    file: str
    places: list[Place]

    def place(self, loc: Loc) -> Place:
        kept = Place(self.file, loc)
        self.places.append(kept)
        return kept


@rule("G002", "region")
def _defined_twice(context: _RegionContext) -> Iterator[Finding]:
    """Values are unique per list (slugs, prefixes, codes, report languages)."""
    region = context.region
    lists: list[tuple[str, str, list[Any], str | None]] = [
        ("areas", "@strength area", region.areas, "slug"),
        ("areas", "@id prefix", region.areas, "prefix"),
        ("municipalities", "@municipality", region.municipalities, "slug"),
        ("municipalities", "@municipality code", region.municipalities, "code"),
        ("priorities", "@long-term priority", region.priorities, "slug"),
        ("funding_sources", "@funding source", region.funding_sources, "slug"),
        ("programmes", "@programme", region.programmes, "slug"),
        ("report_languages", "@report language", list(region.report_languages), None),
    ]
    for section, what, items, key in lists:
        seen: dict[str, Place] = {}
        for i, item in enumerate(items):
            value = str(item) if key is None else getattr(item, key)
            loc: Loc = (section, i) if key is None else (section, i, key)
            if value in seen:
                yield Finding("G002", loc, {"what": what, "value": value, "other": LineOf(seen[value])})
            else:
                seen[value] = context.place(loc)


@rule("R003", "region")
def _programme_source_known(context: _RegionContext) -> Iterator[Finding]:
    """A programme's funding source is one of the region's."""
    sources = [s.slug for s in context.region.funding_sources]
    for i, programme in enumerate(context.region.programmes):
        if programme.source not in sources:
            yield Finding("R003", ("programmes", i, "source"),
                          {"ref": programme.source, "what": "@funding source in the region file", "known": ", ".join(sources)})


def _check_rules(region: Region, source: Source) -> None:
    """The region file's rules (units of the rule registry, scope ``region``), located in its node tree."""
    context = _RegionContext(region, source.path, [])
    findings = run("region", context)
    source.diagnostics.extend(
        to_diagnostics(findings, source.path, lambda loc, key: source.locate(loc, key=key), context.places))


def _label(names: Names, description: Names | None = None) -> Label:
    return Label(names.sv, names.en, description.sv if description else "", description.en if description else "")


def vocabularies(region: Region, path: str = "", digest: str = "") -> RegionVocabularies:
    """The vocabularies a checked region file gives (duplicates: the first of each kept)."""

    def unique(entries: list[Entry]) -> tuple[Entry, ...]:
        kept: dict[str, Entry] = {}
        for entry in entries:
            kept.setdefault(entry.slug, entry)
        return tuple(kept.values())

    return RegionVocabularies(
        name=_label(region.name),
        schema_version=region.schema_version,
        report_languages=tuple(dict.fromkeys(region.report_languages)),
        entries={
            "areas": unique([Entry(a.slug, _label(a.name, a.description), AreaInfo(a.prefix, a.vision_horizon)) for a in region.areas]),
            "municipalities": unique([
                Entry(m.slug, Label(m.name, m.name), MunicipalityInfo(m.code, m.sami_administrative_area, m.analysis_region))
                for m in region.municipalities
            ]),
            "priorities": unique([Entry(p.slug, _label(p.name, p.description)) for p in region.priorities]),
            "funding_sources": unique([Entry(s.slug, _label(s.name, s.description), FundingSourceInfo(s.co_funding)) for s in region.funding_sources]),
            "programmes": unique([Entry(p.slug, _label(p.name), ProgrammeInfo(p.source, p.period)) for p in region.programmes]),
        },
        path=path,
        digest=digest,
    )


def parse_region(raw: bytes, display: str) -> tuple[Source, RegionVocabularies | None]:
    """Parse and check the bytes of a region file (from disk or from a git revision)."""
    source = parse_bytes(raw, Source(display))
    return source, check_region(source, raw)


def read_region(path: Path, display: str | None = None) -> tuple[Source, RegionVocabularies | None]:
    """Read, parse and check a region file; an unreadable file is a finding (F001) in the source."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        source = Source(display or str(path))
        source.add(1, 1, "F001", reason=exc.strerror or str(exc))
        return source, None
    digest = hashlib.sha256(raw).hexdigest()
    if digest in _CACHE:
        source, region = Source(display or str(path)), _CACHE.get(digest)
    else:
        source, region = parse_region(raw, display or str(path))
    if region is not None and not source.diagnostics:
        from rus.plans.regionfile import store

        store(raw, region)  # so that the next command needs neither this model nor the YAML reader
    if region is None:
        return source, None
    return source, replace(region, file=str(path.absolute()), members={})


def load_checked(path: Path) -> RegionVocabularies:
    """The vocabularies of a region file, checked; :class:`RegionError` when it cannot be used."""
    _source, region = read_region(path)
    if region is None:
        raise RegionError(N_("The region file {path} cannot be used: it has errors"),
                          N_("Run `rus validate` to see them, with their lines."), path=str(path))
    return region


@contextmanager
def region_at(raw: bytes | None, display: str) -> Iterator[RegionVocabularies | None]:
    """Use the region of a git revision inside the block (the active one when it has none or it is broken)."""
    if raw is None:
        yield None
        return
    _source, region = parse_region(raw, display)
    if region is None:
        yield None
        return
    with using_region(region):
        yield region


# --- changes to the region ------------------------------------------------------------------------

#: What each list of the region file holds, as a message id (for findings and the diff).
KIND_NAMES: dict[str, str] = {
    "areas": "@strength area",
    "municipalities": "@municipality",
    "priorities": "@long-term priority",
    "funding_sources": "@funding source",
    "programmes": "@programme",
}


@dataclass(frozen=True)
class RegionChange:
    """One change to the region file: a value added, removed, renamed or changed, or municipalities merged."""

    kind: str  # a key of KIND_NAMES
    change: str  # added, removed, renamed, changed, merged
    old: tuple[Entry, ...] = ()
    new: tuple[Entry, ...] = ()
    field: str = ""  # for `changed`: which fact (prefix, code, sami_area, …)
    before: str = ""
    after: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON (part of ``rus diff --format json``, under ``region``)."""
        entry = {"kind": self.kind, "change": self.change, "old": [e.slug for e in self.old], "new": [e.slug for e in self.new]}
        if self.field:
            entry.update({"field": self.field, "before": self.before, "after": self.after})
        return entry


def _facts(entry: Entry) -> dict[str, str]:
    if entry.info is None:
        return {}
    return {
        name: "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        for name, value in vars(entry.info).items()
    }


def diff_regions(old: RegionVocabularies | None, new: RegionVocabularies | None) -> tuple[RegionChange, ...]:
    """What changed from one region file to another (nothing when either side has none)."""
    if old is None or new is None or (old.digest == new.digest and old.digest):
        return ()
    changes: list[RegionChange] = []
    for kind in KIND_NAMES:
        before = {e.slug: e for e in old.entries.get(kind, ())}
        after = {e.slug: e for e in new.entries.get(kind, ())}
        removed = [e for slug, e in before.items() if slug not in after]
        added = [e for slug, e in after.items() if slug not in before]
        if kind == "municipalities" and len(removed) >= 2 and len(added) == 1:
            changes.append(RegionChange(kind, "merged", tuple(removed), tuple(added)))
            removed, added = [], []
        if kind == "areas":
            # a new slug with an old prefix is the same area renamed (its ids keep their prefix)
            for gone in list(removed):
                same = next((e for e in added if _facts(e).get("prefix") == _facts(gone).get("prefix")), None)
                if same is not None:
                    changes.append(RegionChange(kind, "renamed", (gone,), (same,)))
                    removed.remove(gone)
                    added.remove(same)
        changes += [RegionChange(kind, "removed", (e,)) for e in removed]
        changes += [RegionChange(kind, "added", (), (e,)) for e in added]
        for slug, was in before.items():
            now = after.get(slug)
            if now is None:
                continue
            if (was.label.sv, was.label.en) != (now.label.sv, now.label.en):
                changes.append(RegionChange(kind, "renamed", (was,), (now,)))
            old_facts, new_facts = _facts(was), _facts(now)
            for name in old_facts:
                if old_facts[name] != new_facts.get(name, ""):
                    changes.append(RegionChange(kind, "changed", (was,), (now,), name, old_facts[name], new_facts.get(name, "")))
    if old.name != new.name:
        changes.append(RegionChange("name", "renamed", (Entry("name", old.name),), (Entry("name", new.name),)))
    if old.report_languages != new.report_languages:
        changes.append(RegionChange("report_languages", "changed", (), (), "report_languages", ", ".join(old.report_languages), ", ".join(new.report_languages)))
    return tuple(changes)


def removal_of(value: str, kind: str, region: RegionVocabularies) -> tuple[str, str, str] | None:
    """Where ``value`` was removed from the region file: (commit, date, subject); None when not found.

    Looks through the file's commits, newest first (at most 200), for the one whose parent's region
    file still had the value; ``("", "", "")`` when the last committed file still has it (it was
    removed in the working file, not committed yet).
    """
    if not region.file:
        return None
    versions = _region_versions(region.file, region.digest, _head_of(region.file))
    if versions and value in versions[0][3].get(kind, frozenset()):
        return ("", "", "")
    for (sha, day, subject, values), (_sha, _day, _subject, before) in itertools.pairwise(versions):
        if value in before.get(kind, frozenset()) and value not in values.get(kind, frozenset()):
            return (sha, day, subject)
    return None


def _head_of(file: str) -> str:
    """The commit HEAD points at in the repository that holds ``file`` ("" outside git, or before
    the first commit): what decides the file's committed versions."""
    from rus.base.workspace import find_root

    root = find_root(Path(file).parent)
    if root is None:
        return ""
    try:
        from rus.base.repository import Repository

        with Repository(root) as repository:
            return str(repository.repo.head.commit.hexsha)
    except Exception:  # not readable as a repository, or no commit yet: no history to point at
        return ""


@functools.lru_cache(maxsize=8)
def _region_versions(file: str, digest: str, head: str) -> list[tuple[str, str, str, dict[str, frozenset[str]]]]:
    """The committed versions of a region file, newest first: commit, date, subject and its values.

    Only commits that changed the file are listed; a version that cannot be read has no values.
    The cache is keyed by the working file's content (``digest``) and the commit HEAD points at
    (``head``): a long-running process (``rus lsp``) reads the history again after a commit, so that
    a value removed and then committed is reported with its commit (G003), not as uncommitted (G005).
    """
    from rus.base.workspace import find_root

    path = Path(file)
    root = find_root(path.parent)
    if root is None:
        return []
    try:
        from rus.base.repository import Repository

        rel = path.resolve().relative_to(root.resolve()).as_posix()
        versions = []
        with Repository(root) as repository:
            for commit, raw in repository.versions_of(rel):
                found = parse_region(raw, rel)[1] if raw else None
                values = {kind: frozenset(found.values(kind)) for kind in KIND_NAMES} if found is not None else {}
                subject = commit.summary if isinstance(commit.summary, str) else commit.summary.decode()
                versions.append((commit.hexsha[:7], commit.committed_datetime.date().isoformat(), subject, values))
    except Exception:  # not readable as a repository: no history to point at
        return []
    return versions


__all__ = [
    "BUNDLED",
    "ENV_REGION",
    "KIND_NAMES",
    "REGION_FILE",
    "SCHEMA_VERSION",
    "Region",
    "RegionChange",
    "activate_for",
    "bundled_regions",
    "check_region",
    "default_region",
    "diff_regions",
    "find_region_file",
    "load_checked",
    "load_region",
    "missing_region",
    "parse_region",
    "read_region",
    "region_at",
    "region_file_for",
    "removal_of",
    "vocabularies",
]
