"""Finding the region file of some plans, and its checked vocabularies kept on disk for a fast start.

This module is light (no pydantic, no YAML): :mod:`rus.plans.region` holds the file's model and checks.
A region file is the nearest ``region.yaml`` at or above the plans, up to the repository's root;
else the one ``RUS_REGION`` names.

Checking a region file needs its pydantic model and the YAML reader; a command that only needs the
vocabularies of a region file it has seen before reads them from a small file instead (``marshal``), keyed
by the SHA-256 of the region file's bytes (and the cache format). Only files without findings are
kept. The cache lives in ``$XDG_CACHE_HOME/rus`` (default ``~/.cache/rus``); ``RUS_CACHE_DIR``
names another folder, and an empty value turns it off. A cache that cannot be read or written is
passed over silently: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from rus.base.codes import N_
from rus.base.errors import NotFoundError
from rus.base.vocab import (
    AreaInfo,
    Entry,
    FundingSourceInfo,
    Label,
    MunicipalityInfo,
    ProgrammeInfo,
    RegionVocabularies,
    set_region,
    set_region_finder,
)

#: The region file's name, at the root of a plans repository (beside ``plans/``).
REGION_FILE = "region.yaml"
#: The region file to use when none is found above the plans (e.g. plans kept outside a repository).
ENV_REGION = "RUS_REGION"
#: Raised whenever what is kept changes, so that an older rus's entries are not read.
FORMAT = 1
_INFO: dict[str, type[Any]] = {
    "areas": AreaInfo,
    "municipalities": MunicipalityInfo,
    "funding_sources": FundingSourceInfo,
    "programmes": ProgrammeInfo,
}


def find_region_file(start: Path) -> Path | None:
    """The ``region.yaml`` at or above ``start``, looking no higher than the repository's root (``.git``)."""
    current = start.absolute()
    if not current.is_dir():
        current = current.parent
    for folder in (current, *current.parents):
        candidate = folder / REGION_FILE
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def region_file_for(start: Path) -> Path | None:
    """The region file for plans at ``start``: found above them, else the one ``RUS_REGION`` names."""
    found = find_region_file(start)
    if found is None and os.environ.get(ENV_REGION):
        found = Path(os.environ[ENV_REGION])
    return found


def read_cached(path: Path) -> RegionVocabularies | None:
    """The vocabularies of a region file checked before with no findings (None: check it)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    found = load(raw)
    return None if found is None else replace(found, file=str(path.absolute()))


def load_region(path: Path) -> RegionVocabularies:
    """The vocabularies of a region file (from the cache when it was checked before); RegionError when it has errors."""
    found = read_cached(path)
    if found is not None:
        return found
    from rus.plans.region import load_checked

    return load_checked(path)


def missing_region(start: Path) -> NotFoundError:
    """The error for plans with no region file above them."""
    return NotFoundError(N_("No region file ({name}) found in {start} or above it, up to the repository's root"),
                         N_("Put the region's region.yaml at the repository root, beside plans/ (`rus init --region FILE` starts a repository with one), or name one with RUS_REGION."),
                         name=REGION_FILE, start=str(start))


def default_region() -> RegionVocabularies:
    """The region for the working folder (the file above it, else ``RUS_REGION``)."""
    path = region_file_for(Path.cwd())
    if path is None:
        raise missing_region(Path.cwd())
    return load_region(path)


set_region_finder(default_region)


def activate_for(start: Path) -> RegionVocabularies:
    """Make the region of the plans at ``start`` the active one, and return it."""
    path = region_file_for(start)
    if path is None:
        raise missing_region(start)
    region = load_region(path)
    set_region(region)
    return region


def cache_dir() -> Path | None:
    """The folder of the cache (None: turned off with an empty ``RUS_CACHE_DIR``)."""
    named = os.environ.get("RUS_CACHE_DIR")
    if named is not None:
        return Path(named) if named else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rus"


def digest_of(raw: bytes) -> str:
    """The key of a region file's content."""
    return hashlib.sha256(raw).hexdigest()


def _path(digest: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    # the checks are part of the key: a changed rus (even without a new version) checks the file again
    try:
        checks = Path(__file__).with_name("region.py").stat()
    except OSError:
        return None
    # marshal (built in, so nothing to import at start) is read only by the Python version that wrote it
    python = "".join(map(str, sys.version_info[:2]))
    return folder / f"region-{FORMAT}-py{python}-{checks.st_mtime_ns:x}-{checks.st_size:x}-{digest}.marshal"


def _label(data: list[str]) -> Label:
    return Label(*data)


def _to_label(label: Label) -> list[str]:
    return [label.sv, label.en, label.sv_desc, label.en_desc]


def load(raw: bytes) -> RegionVocabularies | None:
    """The vocabularies kept for this content, or None."""
    digest = digest_of(raw)
    path = _path(digest)
    if path is None:
        return None
    try:
        data = marshal.loads(path.read_bytes())
        entries = {
            kind: tuple(
                Entry(slug, _label(label), _INFO[kind](*info) if kind in _INFO else None)
                for slug, label, info in items
            )
            for kind, items in data["entries"].items()
        }
        return RegionVocabularies(_label(data["name"]), data["schema_version"], tuple(data["report_languages"]), entries, digest=digest)
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None


def store(raw: bytes, region: RegionVocabularies) -> None:
    """Keep the vocabularies of this content (a checked file without findings)."""
    path = _path(digest_of(raw))
    if path is None or path.exists():
        return
    data = {
        "name": _to_label(region.name),
        "schema_version": region.schema_version,
        "report_languages": list(region.report_languages),
        "entries": {
            kind: [[e.slug, _to_label(e.label), list(vars(e.info).values()) if e.info is not None else None] for e in items]
            for kind, items in region.entries.items()
        },
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(marshal.dumps(data))
        temporary.replace(path)
    except OSError:
        return


__all__ = [
    "ENV_REGION",
    "FORMAT",
    "REGION_FILE",
    "activate_for",
    "cache_dir",
    "default_region",
    "digest_of",
    "find_region_file",
    "load",
    "load_region",
    "missing_region",
    "read_cached",
    "region_file_for",
    "store",
]
