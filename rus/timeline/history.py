"""Reading the plans at any point of their git history.

A :class:`PlanSet` is the plans of one point in history: a commit, tag, branch, revision name, or the
working tree. Git objects are read through GitPython, whose default object database keeps one
``git cat-file --batch`` process open for the whole run, so reading many revisions never starts a
process per file. Parsed files are cached by git blob id (the working tree's files are hashed the
same way), so a file that is the same in two revisions is parsed once, and the plans of unchanged
files are the *same objects* in both sets, which lets a comparison skip them at once.

An area's revisions are recorded as annotated tags ``<area>/<revision>`` (e.g. ``tourism/2026-2``);
:func:`revision_snapshots` lists them.

Everything read here is treated as read-only: plans may be shared between sets through the cache.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from rus.base.codes import N_
from rus.base.diagnostics import Diagnostic
from rus.base.errors import ExitCode, NotFoundError, RusError
from rus.base.repository import Repository
from rus.base.vocab import AREA_PREFIX, Area, Lang, active_region
from rus.base.workspace import PLANS_DIR
from rus.plans.models import ActorRegistry, Plan, ProgrammeFile
from rus.plans.planset import WORKING_TREE as WORKING_TREE
from rus.plans.planset import PlanSet as PlanSet
from rus.plans.revision import REVISION_PART, REVISION_PATTERN, revision_key
from rus.plans.source import gc_paused

if TYPE_CHECKING:
    from git.objects import Commit

YAML_SUFFIXES = (".yaml", ".yml")
TAG_PATTERN = re.compile(rf"^(?P<area>[a-z-]+)/(?P<revision>{REVISION_PART})$")
REVISION_NAME = re.compile(REVISION_PATTERN)
#: Labels of sides that are words, not names: the working tree, and the defaults of ``rus diff``.
LAST_RECORDED = N_("last recorded revision")
NO_COMMITS = N_("no commits")


# --- errors ----------------------------------------------------------------------------------------


class PlanReadError(RusError):
    """A plan file at some revision does not parse or does not satisfy the schema."""

    def __init__(self, path: str, revision: str, diagnostic: Diagnostic | None = None, **params: Any) -> None:
        super().__init__(
            N_("{path} at {revision} is not a valid plan file"),
            N_("Check out that revision and run `rus validate` to see every problem."),
            path=path,
            revision=revision,
            **params,
        )
        self.path = path
        self.revision = revision
        self.diagnostic = diagnostic

    def message(self, lang: Lang = "en") -> str:
        """The message, with the first problem found, in the given language."""
        from rus.base.i18n import translate

        revision = translate(WORKING_TREE, lang) if self.revision == WORKING_TREE else self.revision
        text = translate(self.message_id, lang).format(path=self.path, revision=revision)
        if self.diagnostic is not None:
            d = self.diagnostic
            text += f" ({d.line}:{d.column} {d.code}: {d.message(lang)})"
        return text


class LinkOutsideError(PlanReadError):
    """A plan file or folder leads out of the repository (or into ``.git``) through a link; it is not read."""

    exit_code = ExitCode.FINDINGS

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.path, WORKING_TREE, diagnostic)

    def message(self, lang: Lang = "en") -> str:
        """The ``F007`` finding: the link and where it points."""
        assert self.diagnostic is not None
        return self.diagnostic.message(lang)

    def hint(self, lang: Lang = "en") -> str:
        """What to do about the link."""
        assert self.diagnostic is not None
        return self.diagnostic.hint(lang)


class DuplicateIdError(PlanReadError):
    """Two items of one area carry the same id, so they cannot be told apart across revisions."""

    def __init__(self, path: str, revision: str, ident: str, other: str) -> None:
        super().__init__(path, revision, None)
        self.message_id = N_("The id `{id}` is used twice in the plans at {revision} ({path} and {other})")
        self.hint_id = N_("Give one of them a new id; ids are never reused.")
        self.params.update(id=ident, other=other)

    def message(self, lang: Lang = "en") -> str:
        """The message in the given language."""
        from rus.base.i18n import translate

        revision = translate(WORKING_TREE, lang) if self.revision == WORKING_TREE else self.revision
        return translate(self.message_id, lang).format(**{**self.params, "revision": revision})


# --- what a point in history holds -----------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """An area's plan at one recorded revision (an annotated tag ``<area>/<revision>``)."""

    area: Area
    revision: str
    tag: str
    commit: str
    date: datetime
    plan: Plan
    message: str = ""


@dataclass(frozen=True)
class RevisionTag:
    """A recorded revision: the tag, its commit and its date, without reading the plan."""

    area: Area
    revision: str
    tag: str
    commit: str
    date: datetime
    message: str = ""


# --- the cache of parsed files, by git blob id -----------------------------------------------------


@dataclass(frozen=True)
class ParsedFile:
    """A plan file, the actor registry or the programme file, parsed and validated against the schema."""

    model: Plan | ActorRegistry | ProgrammeFile
    text: str


_Entry = ParsedFile | Diagnostic


class _BlobCache:
    """Parsed files by blob id, least recently used dropped first, bounded by the size of their texts."""

    def __init__(self, limit_bytes: int = 96 * 1024 * 1024) -> None:
        self.limit = limit_bytes
        self.size = 0
        self.entries: OrderedDict[tuple[str, str | None, str], tuple[_Entry, int]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[str, str | None, str]) -> _Entry | None:
        found = self.entries.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self.entries.move_to_end(key)
        return found[0]

    def put(self, key: tuple[str, str | None, str], entry: _Entry, size: int) -> None:
        self.entries[key] = (entry, size)
        self.size += size
        while self.size > self.limit and len(self.entries) > 1:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.size -= dropped

    def clear(self) -> None:
        self.entries.clear()
        self.size = 0
        self.hits = self.misses = 0


BLOB_CACHE = _BlobCache()


def blob_id(data: bytes) -> str:
    """The git blob id of some bytes (what ``git hash-object`` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def blob_key(path: str, oid: str) -> tuple[str, str | None, str]:
    """The cache key of a file: its blob id, the kind its name suggests, and the active region (a
    plan's values are read against a region: the same blob under another region is another entry)."""
    from rus.plans.loader import kind_by_name

    return (oid, kind_by_name(PurePosixPath(path).name), active_region().digest)


def parse_file(path: str, data: bytes | Callable[[], bytes], oid: str | None = None) -> _Entry:
    """The file loaded (cached by blob id): its model and text, or its first error.

    ``data`` may be a function that reads the bytes, called only when the blob ``oid`` is not cached.
    """
    if oid is None:
        assert isinstance(data, bytes)
        oid = blob_id(data)
    key = blob_key(path, oid)
    cached = BLOB_CACHE.get(key)
    if cached is not None:
        return cached
    raw = data if isinstance(data, bytes) else data()
    with gc_paused():
        entry = _parse(path, raw, PurePosixPath(path).name)
    BLOB_CACHE.put(key, entry, len(raw))
    return entry


def _parse(path: str, data: bytes, name: str) -> _Entry:
    """The file through the one loader; only its first error is located (a file that fails is refused)."""
    from rus.plans.loader import load_bytes

    # a file of an older edition is upgraded in memory, so that a comparison across `rus migrate`
    # shows only real changes to the plans
    loaded = load_bytes(data, path, name, all_errors=False)
    first = loaded.first_error()
    if first is not None:
        return first
    if loaded.model is None:  # parsed without an error but holding nothing
        return Diagnostic(path, 1, 1, "F005")
    return ParsedFile(loaded.model, loaded.text or "")


# --- the repository --------------------------------------------------------------------------------


def _is_plan_path(path: str, plans_dir: str) -> bool:
    parts = PurePosixPath(path).parts
    prefix = PurePosixPath(plans_dir).parts
    rest = parts[len(prefix):]
    return (
        parts[: len(prefix)] == prefix
        and bool(rest)
        and not any(part.startswith(".") for part in rest)
        and path.endswith(YAML_SUFFIXES)
    )


class History(Repository):
    """An open plans repository: resolves revisions, lists plan files and reads them through the cache.

    Use it as a context manager (or call :meth:`close`) so that git's helper processes are ended.
    """

    def __init__(self, root: Path, plans_dir: str = PLANS_DIR, *, require_git: bool = True) -> None:
        from rus.plans.regionfile import activate_for

        super().__init__(root)
        self.plans_dir = plans_dir.strip("/") or "."
        self._trees: dict[str, dict[str, str]] = {}
        self._tags: list[RevisionTag] | None = None
        if require_git:
            _ = self.repo
        # the plans are read against their region file (after the repository, whose absence says more)
        activate_for(self.root / self.plans_dir)

    def __enter__(self) -> History:
        return self

    def tree_files(self, commit: Commit, under: Iterable[str] | None = None) -> dict[str, str]:
        """Plan files (repo-relative path to blob id) of a commit, under the plans folder or ``under``."""
        key = commit.hexsha if under is None else commit.hexsha + "\0" + "\0".join(sorted(under))
        cached = self._trees.get(key)
        if cached is not None:
            return cached
        files: dict[str, str] = {}
        for prefix in ([self.plans_dir] if under is None else list(under)):
            try:
                node = commit.tree if prefix in ("", ".") else commit.tree / prefix
            except KeyError:
                continue
            if node.type == "blob":
                if node.mode != 0o120000:
                    files[str(node.path)] = node.hexsha
                continue
            for item in node.traverse():
                path = str(item.path)  # type: ignore[union-attr]
                if item.type == "blob" and item.mode != 0o120000 and _is_plan_path(path, prefix):  # type: ignore[union-attr]
                    files[path] = item.hexsha  # type: ignore[union-attr]
        self._trees[key] = files
        return files

    def worktree_files(self, under: Iterable[str] | None = None, outside: list[str] | None = None) -> dict[str, bytes]:
        """Plan files of the working tree (repo-relative path to bytes).

        A link is not read as a plan (as git records it: a link, not a file). One that leads out of
        the repository or into ``.git`` raises :class:`LinkOutsideError`, unless ``outside`` is
        given: then its repo-relative path is added there and it is passed over.
        """
        from rus.plans.validation import discover_files, outside_diagnostic

        files: dict[str, bytes] = {}
        for prefix in ([self.plans_dir] if under is None else list(under)):
            target = self.root / prefix
            if not target.exists():
                continue
            found = discover_files([target])
            for escape in found.outside:
                if outside is None:
                    raise LinkOutsideError(outside_diagnostic(escape, self.root))
                outside.append(PurePosixPath(escape.path.relative_to(self.root)).as_posix())
            if target.is_file() and found.files:
                files[PurePosixPath(prefix).as_posix()] = target.read_bytes()
                continue
            for path in found.files:
                if path.is_file() and not path.is_symlink():
                    files[path.relative_to(self.root).as_posix()] = path.read_bytes()
        return files

    # -- recorded revisions -------------------------------------------------------------------------

    def revision_tags(self, area: Area | None = None) -> list[RevisionTag]:
        """The recorded revisions (tags ``<area>/<revision>``), oldest first."""
        if self._tags is None:
            found: list[RevisionTag] = []
            for ref in self.repo.tags:
                match = TAG_PATTERN.match(ref.name)
                if match is None or match["area"] not in Area._value2member_map_:
                    continue
                try:
                    commit = ref.commit
                except ValueError:  # a tag of something that is not a commit
                    continue
                tag = ref.tag
                if tag is not None:
                    date = _datetime(tag.tagged_date, tag.tagger_tz_offset)
                    message = tag.message
                else:
                    date = commit.committed_datetime
                    message = ""
                found.append(RevisionTag(Area(match["area"]), match["revision"], ref.name, commit.hexsha, date, message))
            found.sort(key=lambda t: (revision_key(t.revision), t.date, t.area.value))
            self._tags = found
        return [t for t in self._tags if area is None or t.area == area]

    # -- plan sets ----------------------------------------------------------------------------------

    def load(self, rev: str | None, under: Iterable[str] | None = None) -> PlanSet:
        """The plans at a revision (None: the working tree), optionally only the files ``under`` paths."""
        if rev is None:
            raw = self.worktree_files(under)
            files = {path: parse_file(path, data) for path, data in raw.items()}
            return build_planset(files, WORKING_TREE, None)
        commit = self.commit(rev)
        return self.load_commit(commit, rev, under)

    def load_commit(self, commit: Commit, label: str, under: Iterable[str] | None = None) -> PlanSet:
        """The plans at a commit, read against the region file of that commit (when it has one)."""
        from rus.plans.region import region_at

        with region_at(self.region_file(commit), f"{label}:{self.region_path()}"):
            files = {
                path: parse_file(path, partial(self.read_blob, oid), oid)
                for path, oid in self.tree_files(commit, under).items()
            }
            return build_planset(files, label, commit.hexsha)

    def region_path(self) -> str:
        """The region file's path in the repository (the nearest above the plans; default at the root)."""
        from rus.plans.regionfile import REGION_FILE, find_region_file

        found = find_region_file(self.root / self.plans_dir)
        if found is not None and found.absolute().is_relative_to(self.root):
            return found.absolute().relative_to(self.root).as_posix()
        return REGION_FILE

    def region_file(self, commit: Commit | None) -> bytes | None:
        """The bytes of the region file at a commit (None: the working tree), None when there is none."""
        path = self.region_path()
        if commit is None:
            target = self.root / path
            return target.read_bytes() if target.is_file() else None
        try:
            blob = commit.tree / path
        except KeyError:
            return None
        return self.read_blob(blob.hexsha) if blob.type == "blob" else None

    def empty(self, label: str) -> PlanSet:
        """No plans at all (before the first commit)."""
        return PlanSet({}, None, {}, label=label)


def _datetime(timestamp: int, offset_west: int) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=timezone(timedelta(seconds=-offset_west)))


def build_planset(files: dict[str, _Entry], label: str, commit: str | None) -> PlanSet:
    """A plan set from parsed files; a file that failed raises :class:`PlanReadError`."""
    parts: dict[Area, list[tuple[str, Plan]]] = {}
    registries: list[ActorRegistry] = []
    texts: dict[str, str] = {}
    models: dict[str, Plan | ActorRegistry | ProgrammeFile] = {}
    for path in sorted(files):
        entry = files[path]
        if isinstance(entry, Diagnostic):
            located = Diagnostic(path, entry.line, entry.column, entry.code, entry.params, entry.hint_id)
            raise PlanReadError(path, label, located)
        texts[path] = entry.text
        models[path] = entry.model
        if isinstance(entry.model, Plan):
            parts.setdefault(entry.model.area, []).append((path, entry.model))
        elif isinstance(entry.model, ActorRegistry):
            registries.append(entry.model)
    plans = {area: merge_plans([plan for _, plan in group]) for area, group in parts.items()}
    for group in parts.values():
        _check_unique_ids(group, label)
    registry = registries[0] if len(registries) == 1 else (
        ActorRegistry.model_construct(actors=[a for r in registries for a in r.actors]) if registries else None
    )
    paths = {area: tuple(path for path, _ in group) for area, group in parts.items()}
    programme = next((m for m in models.values() if isinstance(m, ProgrammeFile)), None)
    return PlanSet(plans, registry, texts, paths, label, commit, models, programme)


def merge_plans(plans: list[Plan]) -> Plan:
    """One area's plan from the files it is split over (the first file's metadata, lists joined)."""
    if len(plans) == 1:
        return plans[0]
    first = plans[0]
    values = dict(first.__dict__)
    for name in ("documents", "sub_areas", "goals", "indicators", "activities", "consultations", "evaluations"):
        values[name] = [item for plan in plans for item in getattr(plan, name)]
    return Plan.model_construct(_fields_set=set(first.model_fields_set), **values)


def _check_unique_ids(group: list[tuple[str, Plan]], label: str) -> None:
    seen: dict[str, str] = {}
    for path, plan in group:
        for items in (plan.sub_areas, plan.goals, plan.indicators, plan.activities, plan.consultations, plan.evaluations):
            for item in items:
                if item.id in seen:
                    raise DuplicateIdError(path, label, item.id, seen[item.id])
                seen[item.id] = path


def require_plans_dir(root: Path, plans_dir: str = PLANS_DIR) -> Path:
    """The plans folder of a repository; :class:`NotFoundError` (as ``rus validate`` words it) when there is none."""
    folder = root / plans_dir
    if not folder.is_dir():
        raise NotFoundError(
            N_("No plans/ folder found in {start} or in the root of its git repository"),
            N_("Stand in a plans repository, name the files or folders to check, or create one with `rus init`."),
            start=str(root),
        )
    return folder


# --- the public functions --------------------------------------------------------------------------


def planset_at(root: Path, rev: str | None, plans_dir: str = PLANS_DIR) -> PlanSet:
    """The plans at a git revision (None: the working tree) of the repository at ``root``.

    Raises :class:`GitError` (not a repository, unknown revision), :class:`NotFoundError` (no plans
    folder in the working tree) or :class:`PlanReadError` (a file that does not parse or validate).
    """
    if rev is None:
        require_plans_dir(root, plans_dir)
    with History(root, plans_dir, require_git=rev is not None) as history:
        return history.load(rev)


def revision_snapshots(root: Path, area: Area | None = None, plans_dir: str = PLANS_DIR) -> list[Snapshot]:
    """Every recorded revision (tag ``<area>/<revision>``) with the area's plan at it, oldest first."""
    with History(root, plans_dir) as history:
        return list(snapshots(history, area))


def snapshots(history: History, area: Area | None = None) -> Iterator[Snapshot]:
    """The snapshots of an open repository (see :func:`revision_snapshots`)."""
    for tag in history.revision_tags(area):
        planset = history.load_commit(history.repo.commit(tag.commit), tag.tag)
        plan = planset.plans.get(tag.area)
        if plan is None:
            continue  # a tag of a commit where the area has no plan: nothing to show
        yield Snapshot(tag.area, tag.revision, tag.tag, tag.commit, tag.date, plan, tag.message)


# --- the ids an activity list has used --------------------------------------------------------------


def ids_in_history(plan_file: Path, area: Area) -> set[int]:
    """The numbers of the area's activity ids in every version of the plan file git has (any branch or tag).

    Empty outside a git repository or before the first commit. Reads the blobs through one
    ``git cat-file --batch`` process (GitPython's object database), not one process per version.
    """
    from git.exc import GitError as GitPythonError

    from rus.base.workspace import find_root

    root = find_root(plan_file.parent)
    if root is None:
        return set()
    try:
        rel = plan_file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return set()
    # ids as keys (`- id: ABC-012`), not the examples that comments mention
    pattern = re.compile(rf"^[ \t]*(?:-[ \t]+)?id:[ \t]*[\"']?{AREA_PREFIX[area]}-([0-9]{{3,5}})\b", re.MULTILINE)
    found: set[int] = set()
    try:
        with Repository(root) as repository:
            for sha in repository.blobs_ever_at(rel):
                text = repository.read_blob(sha).decode("utf-8", "replace")
                found.update(int(n) for n in pattern.findall(text))
    except (GitPythonError, RusError, ValueError, OSError):
        return set()
    return found
