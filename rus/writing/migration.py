"""``rus migrate``: rewrite plan files, the actor registry, the programme file and the region file in
the current edition of their format (:mod:`rus.plans.editions`).

A file is rewritten through the same path the edit commands use (:mod:`rus.writing.editing`): read with
ruamel, changed in place, every comment kept (checked), checked to read back as the values meant,
validated with the files beside it, and written atomically under the plans' write lock (a file
saved meanwhile by someone else is not overwritten).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rus.base.errors import RusError
from rus.base.fileio import unified_diff
from rus.base.workspace import display_path
from rus.plans.editions import CURRENT_EDITION, Change, edition_of, upgrade

if TYPE_CHECKING:
    from rus.writing.editing import EditableFile

#: The programme file's name (the file kind m-programme's model reads).
PROGRAMME_FILE = "programme.yaml"


@dataclass
class Migration:
    """What migrating one file did (or, with ``dry_run``/``check``, would do)."""

    path: Path
    display: str
    kind: str | None
    before_edition: int | None = None
    after_edition: int | None = None
    changes: list[Change] = field(default_factory=list)
    before: str = ""
    after: str = ""
    written: bool = False
    error: RusError | None = None

    @property
    def changed(self) -> bool:
        """Whether the file needs (or needed) migrating."""
        return bool(self.changes)

    @property
    def newer(self) -> bool:
        """Whether the file is of an edition newer than this rus writes (left alone)."""
        return self.before_edition is not None and self.before_edition > CURRENT_EDITION

    def diff(self) -> str:
        """A unified diff of the migration."""
        return unified_diff(self.before, self.after, self.display)


def kind_of(path: Path, data: object) -> str | None:
    """The kind of file (``plan``, ``actors``, ``programme``, ``region``), None when rus does not read it."""
    from rus.plans.loader import file_kind
    from rus.plans.regionfile import REGION_FILE

    if path.name == REGION_FILE:
        return "region"
    if path.name == PROGRAMME_FILE:
        return "programme"
    return file_kind(data, path.name)


def migration_targets(paths: list[Path]) -> list[Path]:
    """The files to migrate: the YAML files under ``paths`` and, for each plans folder, the region file above it."""
    from rus.plans.regionfile import REGION_FILE, find_region_file
    from rus.plans.validation import discover

    found: list[Path] = []
    for path in paths:
        if path.is_file() and path.name == REGION_FILE:
            found.append(path)
            continue
        found.extend(discover([path]))
        region = find_region_file(path if path.is_dir() else path.parent)
        if path.is_dir() and region is not None:
            found.append(region)
    unique: dict[Path, Path] = {}
    for item in found:
        unique.setdefault(item.absolute(), item)
    return list(unique.values())


def migrate_paths(paths: list[Path], *, dry_run: bool = False, display_root: Path | None = None) -> list[Migration]:
    """Migrate files in place (with ``dry_run``, only compute what would change)."""
    from rus.base.fileio import write_lock

    results: list[Migration] = []
    for path in migration_targets(paths):
        with contextlib.nullcontext() if dry_run else write_lock(path):
            results.append(migrate_file(path, display_path(path, display_root), dry_run=dry_run))
    return results


def migrate_file(path: Path, display: str, *, dry_run: bool = False) -> Migration:
    """Migrate one file (see :func:`migrate_paths`); a file that cannot be read or written says why in ``error``."""
    from rus.plans.editions import KINDS
    from rus.writing.editing import EditableFile, finish

    try:
        doc = EditableFile.load(path, display)
    except RusError as exc:
        return Migration(path, display, None, error=exc)
    kind = kind_of(path, dict(doc.data) if hasattr(doc.data, "items") else doc.data)
    result = Migration(path, display, kind, before=doc.raw, after=doc.raw)
    if kind not in KINDS:
        return result
    result.before_edition = edition_of(doc.data)
    result.changes = upgrade(doc.data, kind)
    result.after_edition = edition_of(doc.data)
    if not result.changes:
        return result
    try:
        if kind == "region":
            _finish_region(doc, result, dry_run)
        else:
            edited = finish(doc, dry_run=dry_run)
            result.after, result.written = edited.after, edited.written
    except RusError as exc:
        result.error = exc
    return result


def _finish_region(doc: EditableFile, result: Migration, dry_run: bool) -> None:
    """Write a migrated region file: as an edit is written, but checked as a region file (not as a plan)."""
    from rus.writing.editing import _check_comments, _check_meaning
    from rus.writing.formatting import replace_text

    result.after = doc.render()
    _check_meaning(doc, result.after)
    _check_comments(doc, result.after)
    if not dry_run:
        replace_text(doc.path, doc.raw, result.after, doc.display)
        result.written = True


__all__ = ["PROGRAMME_FILE", "Migration", "kind_of", "migrate_file", "migrate_paths", "migration_targets"]
