"""Comparing plans across their history: ``rus diff``, ``rus log`` and ``rus revisions`` as data.

A side of a comparison is named the way people name it: a revision name (``2026-1``: each area at
its tag ``<area>/2026-1``), an ``<area>/<revision>`` tag (that area only), any git revision, the
working tree, or by default the last recorded revision of each area.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rus.base.codes import N_
from rus.base.errors import GitError, NotFoundError
from rus.base.vocab import AREA_PREFIX, Area, RegionVocabularies
from rus.base.workspace import PLANS_DIR
from rus.plans.models import ACTIVITY_ID, GOAL_ID, INDICATOR_ID, SUB_AREA_ID, Plan
from rus.plans.region import diff_regions
from rus.plans.revision import revision_key
from rus.timeline.changes import (
    Change,
    ChangeSet,
    Summary,
    as_json,
    diff_plans,
    diff_plansets,
    diff_registries,
    item_changes,
    item_title,
)
from rus.timeline.history import (
    BLOB_CACHE,
    LAST_RECORDED,
    NO_COMMITS,
    REVISION_NAME,
    TAG_PATTERN,
    WORKING_TREE,
    History,
    ParsedFile,
    PlanReadError,
    PlanSet,
    RevisionTag,
    blob_key,
    parse_file,
)

# --- sides -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SideSpec:
    """Where one side of a comparison is read: one commit for every area, or a commit per area."""

    label: str
    commit: str | None = None  # None: the working tree (unless per_area or empty)
    per_area: dict[Area, str] | None = None  # area -> commit (revision names)
    registry_commit: str | None = None  # per-area sides: where the actor registry is read
    only: Area | None = None  # an <area>/<revision> tag names one area
    empty: bool = False  # a repository with no commits yet


def resolve_side(history: History, spec: str | None, *, default_last: bool) -> SideSpec:
    """The side a name stands for; ``None`` is the working tree, or with ``default_last`` the last recorded revision."""
    if spec is None:
        if not default_last:
            return SideSpec(WORKING_TREE)
        return _last_recorded(history)
    if spec in (WORKING_TREE, "WORKTREE", "."):
        return SideSpec(WORKING_TREE)
    tag = TAG_PATTERN.match(spec)
    if tag is not None and tag["area"] in Area._value2member_map_:
        for recorded in history.revision_tags(Area(tag["area"])):
            if recorded.tag == spec:
                return SideSpec(spec, recorded.commit, only=recorded.area)
    if REVISION_NAME.match(spec):
        per_area = {t.area: t.commit for t in history.revision_tags() if t.revision == spec}
        if per_area:
            return SideSpec(spec, per_area=per_area, registry_commit=_newest(history, per_area.values()))
        try:
            return SideSpec(spec, history.commit(spec).hexsha)
        except Exception:
            raise GitError(
                N_("No revision {rev} is recorded"),
                N_("`rus revisions` lists the recorded revisions; a tag <area>/<revision> or any git revision works too."),
                rev=spec,
            ) from None
    return SideSpec(spec, history.commit(spec).hexsha)


def _newest(history: History, commits: Iterable[str]) -> str:
    newest: str = max(commits, key=lambda sha: history.repo.commit(sha).committed_date)
    return newest


def _last_recorded(history: History) -> SideSpec:
    if not history.has_commits():
        return SideSpec(NO_COMMITS, empty=True)
    head = history.repo.head.commit.hexsha
    last: dict[Area, str] = {}
    for tag in history.revision_tags():  # oldest first, so the last one wins
        last[tag.area] = tag.commit
    if not last:
        return SideSpec("HEAD", head)
    latest = {t.area: t.revision for t in history.revision_tags()}
    label = next(iter(latest.values())) if len(set(latest.values())) == 1 else LAST_RECORDED
    per_area = {area: last.get(area, head) for area in Area}
    return SideSpec(label, per_area=per_area, registry_commit=_newest(history, last.values()))


class _Loader:
    """The plans of one area at a time, at the commits a comparison names, each file read once.

    Only that area's files (and the actor registry) are read (:class:`~rus.timeline.areareader.AreaReader`),
    each against the region of its commit. A blob that is the same on both sides is read once, so its
    plan is the same object on both sides and the comparison skips it at once; a changed file is read
    block by block against its version on the other side. :meth:`next_area` drops what was read, so a
    comparison holds one area's plans at a time.
    """

    def __init__(self, history: History) -> None:
        from rus.timeline.areareader import AreaReader, Blobs

        self.history = history
        # the blobs of the other areas are read again by their own area rather than held meanwhile:
        # held, they would be two commits' worth of bytes on top of the area's plans
        self.blobs = Blobs(history, hold=False)
        self.reader = AreaReader(history, None, self.blobs)
        self.sets: dict[str | None, PlanSet] = {}

    def next_area(self, area: Area | None) -> None:
        """Forget the plans read so far: the next ones are ``area``'s (None: only the actor registry)."""
        from rus.timeline.areareader import AreaReader

        self.sets.clear()
        self.reader = AreaReader(self.history, area, self.blobs)

    def at(self, commit: str | None, label: str) -> PlanSet:
        """The current area's plans at a commit (None: the working tree)."""
        found = self.sets.get(commit)
        if found is None:
            found = self.sets[commit] = self.reader.read(commit, label)
        return replace(found, label=label)

    def areas(self, commit: str | None, label: str) -> list[Area]:
        """The areas whose plans a commit holds (by their files' ``area:`` lines, the others read whole)."""
        from rus.timeline.areareader import AreaReader

        return AreaReader(self.history, None, self.blobs).areas(commit, label)

    def side(self, spec: SideSpec, area: Area) -> PlanSet | None:
        if spec.empty:
            return PlanSet({}, None, {}, label=spec.label)
        if spec.per_area is not None:
            commit = spec.per_area.get(area)
            return None if commit is None else self.at(commit, spec.label)
        return self.at(spec.commit, spec.label)

    def registry_side(self, spec: SideSpec) -> PlanSet:
        if spec.empty:
            return PlanSet({}, None, {}, label=spec.label)
        commit = spec.registry_commit if spec.per_area is not None else spec.commit
        return self.at(commit, spec.label)


def compare(
    root: Path,
    old: str | None = None,
    new: str | None = None,
    area: Area | None = None,
    plans_dir: str = PLANS_DIR,
) -> ChangeSet:
    """The changes from ``old`` (default: the last recorded revision) to ``new`` (default: the working tree)."""
    with History(root, plans_dir) as history:
        return compare_in(history, old, new, area)


def compare_in(history: History, old: str | None, new: str | None, area: Area | None = None) -> ChangeSet:
    """:func:`compare` in an open history."""
    old_spec = resolve_side(history, old, default_last=True)
    new_spec = resolve_side(history, new, default_last=False)
    only = area or old_spec.only or new_spec.only
    loader = _Loader(history)
    result = ChangeSet(old_spec.label, new_spec.label)
    # the region's areas, then any area a side still has that its region no longer names
    areas = dict.fromkeys(Area)
    for spec in (old_spec, new_spec):
        if not spec.empty and spec.per_area is None:
            areas.update(dict.fromkeys(loader.areas(spec.commit, spec.label)))
    for each in areas:
        if only is not None and each != only:
            continue
        loader.next_area(each)
        before, after = loader.side(old_spec, each), loader.side(new_spec, each)
        if before is not None and after is not None:
            result = result.combine(diff_plansets(before, after, each))
        before = after = None  # the area's plans are let go before the next area is read
    loader.next_area(None)
    if only is None:
        actors = diff_registries(loader.registry_side(old_spec).registry, loader.registry_side(new_spec).registry)
        region = diff_regions(_region_of(history, old_spec), _region_of(history, new_spec))
        result = result.combine(ChangeSet(old_spec.label, new_spec.label, (), actors, region))
    return result


def _region_of(history: History, spec: SideSpec) -> RegionVocabularies | None:
    """The region file of one side (per-area sides: where their actor registry is read)."""
    from rus.plans.region import parse_region

    if spec.empty:
        return None
    commit = spec.registry_commit if spec.per_area is not None else spec.commit
    raw = history.region_file(None if commit is None else history.repo.commit(commit))
    return None if raw is None else parse_region(raw, history.region_path())[1]


# --- the recorded revisions ------------------------------------------------------------------------


@dataclass(frozen=True)
class RevisionEntry:
    """A recorded revision, what its plan says of the meeting, and what changed since the area's revision before.

    Only what is shown is kept (not the plan), so listing many revisions holds one plan per area at most.
    """

    tag: RevisionTag
    meeting_date: date
    meeting_place: str
    state: str
    summary: Summary | None  # None for the area's first recorded revision

    @property
    def area(self) -> Area:
        """The strength area."""
        return self.tag.area

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON object of ``rus revisions --format json``."""
        t = self.tag
        return {
            "area": t.area.value,
            "revision": t.revision,
            "tag": t.tag,
            "commit": t.commit,
            "date": t.date.isoformat(),
            "meeting": {"date": self.meeting_date.isoformat(), "place": self.meeting_place},
            "state": self.state,
            "summary": self.summary.to_dict() if self.summary is not None else None,
        }


def revision_list(root: Path, area: Area | None = None, plans_dir: str = PLANS_DIR) -> list[RevisionEntry]:
    """Each area's recorded revisions, oldest first, with what changed since the one before.

    Each area's files are read by an :class:`~rus.timeline.areareader.AreaReader` (only its files, a
    changed one block by block, each commit against its own region), and each plan is dropped once it
    has been compared with the area's next revision.
    """
    from rus.plans.source import gc_paused
    from rus.timeline.areareader import AreaReader, Blobs
    from rus.timeline.changes import Side

    entries: list[RevisionEntry] = []
    # the collector is paused for the whole walk: what is read holds no cycles, and a collection after
    # each revision would walk every object read so far, again and again, for nothing
    with History(root, plans_dir) as history, gc_paused():
        tags = history.revision_tags(area)
        # one area after the other: only one area's plans are held at a time
        blobs = Blobs(history, hold=False)
        for each in dict.fromkeys(tag.area for tag in tags):
            reader = AreaReader(history, each, blobs)
            before: tuple[RevisionTag, Plan] | None = None
            for tag in tags:
                if tag.area != each:
                    continue
                plan = reader.plan(tag.commit, tag.tag)
                if plan is None:
                    continue  # a tag of a commit where the area has no plan: nothing to show
                summary = None
                if before is not None:
                    summary = diff_plans(before[1], plan, Side(before[0].tag, before[0].revision, before[0].commit),
                                         Side(tag.tag, tag.revision, tag.commit), each).summary
                entries.append(RevisionEntry(tag, plan.meeting.date, plan.meeting.place, plan.state.value, summary))
                before = (tag, plan)
            # the area's last plan is let go before the next area is read
            before = plan = None
    entries.sort(key=lambda e: (list(Area).index(e.area), revision_key(e.tag.revision), e.tag.date))
    return entries


# --- the life of one item --------------------------------------------------------------------------

_KINDS = (("activity", ACTIVITY_ID, "activities"), ("goal", GOAL_ID, "goals"),
          ("indicator", INDICATOR_ID, "indicators"), ("sub_area", SUB_AREA_ID, "sub_areas"))


@dataclass(frozen=True)
class LogEntry:
    """One point in an item's life: where it was read, and what happened to it there."""

    label: str  # the tag, the commit's short id, or "working tree"
    revision: str | None  # the plan's revision there
    commit: str | None
    date: datetime | None
    event: str  # "added", "changed", "removed"
    title: str | None = None
    status: str | None = None
    path: str | None = None
    changes: tuple[Change, ...] = ()
    item: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON object of one log entry."""
        return {
            "label": self.label,
            "revision": self.revision,
            "commit": self.commit,
            "date": self.date.isoformat() if self.date else None,
            "event": self.event,
            "title": self.title,
            "status": self.status,
            "path": self.path,
            "changes": [c.to_dict() for c in self.changes],
            "item": self.item,
        }


@dataclass(frozen=True)
class ItemLog:
    """The life of one activity, goal, indicator or sub-area across an area's revisions."""

    id: str
    kind: str
    area: Area
    points: int  # how many points of history were read
    entries: tuple[LogEntry, ...] = field(default_factory=tuple)
    by: str = "revisions"  # "revisions" (recorded tags) or "commits" (no revision recorded yet)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON object of ``rus log --format json``."""
        return {
            "version": 1,
            "id": self.id,
            "kind": self.kind,
            "area": self.area.value,
            "by": self.by,
            "points": self.points,
            "entries": [e.to_dict() for e in self.entries],
        }


def item_kind(ident: str) -> tuple[str, str, Area]:
    """The kind of item an id names, the plan list holding it, and its area (by the id's prefix)."""
    import re

    for kind, pattern, attr in _KINDS:
        if re.match(pattern, ident):
            for area, prefix in AREA_PREFIX.items():
                if ident.startswith(prefix + "-"):
                    return kind, attr, area
    raise NotFoundError(
        N_("`{id}` is not the id of an activity, goal, indicator or sub-area"),
        N_("Ids look like {prefix}-012 (activity), {prefix}-M1 (goal), {prefix}-I1 (indicator) or {prefix}-D1 (sub-area)."),
        id=ident,
        prefix=next(iter(AREA_PREFIX.values()), "ABC"),
    )


@dataclass
class _Point:
    label: str
    commit: str | None
    date: datetime | None


def item_log(root: Path, ident: str, plans_dir: str = PLANS_DIR) -> ItemLog:
    """Every change to one item across its area's recorded revisions (then the working tree).

    Only the file that held the item last time is read at each revision, and a file whose blob did
    not change is not read again; other files are searched (by the id's text first) only when the
    item has left that file.
    """
    ident = ident.strip()
    kind, attr, area = item_kind(ident)
    with History(root, plans_dir) as history:
        points, by = _points(history, area)
        entries: list[LogEntry] = []
        previous: Any = None
        hint: str | None = None
        for point in points:
            found = _find(history, point.commit, ident, attr, hint)
            if found is None:
                if previous is not None:
                    entries.append(LogEntry(point.label, None, point.commit, point.date, "removed",
                                            item_title(previous), _status(previous)))
                previous = None
                continue
            path, plan, item = found
            hint = path
            title = item_title(item)
            if previous is None:
                entries.append(LogEntry(point.label, plan.revision, point.commit, point.date, "added", title,
                                        _status(item), path, (), as_json(item)))
            elif item is not previous and item != previous:
                changes = item_changes(kind, as_json(previous), as_json(item))
                if changes:
                    entries.append(LogEntry(point.label, plan.revision, point.commit, point.date, "changed", title,
                                            _status(item), path, tuple(changes)))
            previous = item
        if not entries:
            raise NotFoundError(
                N_("`{id}` is not found in any revision of {area}"),
                N_("Check the id; `rus revisions` lists the recorded revisions."),
                id=ident, area=area.value,
            )
        return ItemLog(ident, kind, area, len(points), tuple(entries), by)


def _status(item: Any) -> str | None:
    status = getattr(item, "status", None)
    return status.value if status is not None else None


def _points(history: History, area: Area) -> tuple[list[_Point], str]:
    tags = history.revision_tags(area)
    points = [_Point(t.tag, t.commit, t.date) for t in tags]
    by = "revisions"
    if not points and history.has_commits():
        by = "commits"
        commits = list(history.repo.iter_commits("HEAD", paths=history.plans_dir, first_parent=True))
        points = [_Point(c.hexsha[:7], c.hexsha, c.committed_datetime) for c in reversed(commits)]
    points.append(_Point(WORKING_TREE, None, None))
    return points, by


def _find(history: History, commit: str | None, ident: str, attr: str, hint: str | None) -> tuple[str, Plan, Any] | None:
    """The file, plan and item with this id at a commit (None: the working tree), read against its region file."""
    from rus.plans.region import region_at

    if commit is None:
        return _find_at(history, commit, ident, attr, hint)
    with region_at(history.region_file(history.repo.commit(commit)), f"{commit[:7]}:{history.region_path()}"):
        return _find_at(history, commit, ident, attr, hint)


def _find_at(history: History, commit: str | None, ident: str, attr: str, hint: str | None) -> tuple[str, Plan, Any] | None:
    needle = ident.encode()
    if commit is None:
        raw = history.worktree_files()
        files: dict[str, str] = {}
        data: dict[str, bytes] = {}
        for path, content in raw.items():
            from rus.timeline.history import blob_id

            files[path] = blob_id(content)
            data[path] = content
    else:
        files = history.tree_files(history.repo.commit(commit))
        data = {}
    order = sorted(files, key=lambda p: (p != hint, p))
    for path in order:
        oid = files[path]
        key = blob_key(path, oid)
        entry = BLOB_CACHE.get(key)
        if entry is None:
            known = data.get(path)
            if known is None and (oid, ident) in _ABSENT:
                continue
            content = known if known is not None else history.read_blob(oid)
            if needle not in content:
                _ABSENT.add((oid, ident))
                continue
            entry = parse_file(path, content, oid)
        if not isinstance(entry, ParsedFile):
            raise PlanReadError(path, commit or WORKING_TREE, entry)
        if not isinstance(entry.model, Plan):
            continue
        for item in getattr(entry.model, attr):
            if item.id == ident:
                return path, entry.model, item
    return None


_ABSENT: set[tuple[str, str]] = set()

