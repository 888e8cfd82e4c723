"""The transition rules: the plans now, checked against the plans at a base revision (``--base``).

- H001 a status change that no sequence of allowed transitions reaches (e.g. completed → ongoing);
- H002 an activity that disappeared instead of ending as completed or cancelled, or being replaced;
- H003 an id reused for a different activity;
- H004 a change to an area whose revision is already recorded (tagged), without a new ``revision``;
- H005 an activity that had ended (completed, cancelled or replaced) at the base and was removed since;
- H006 a ``revision`` lower than the base's (revisions compare as numbers, :mod:`rus.plans.revision`).
- H008 an activity that may be of particular importance to the Sámi became ongoing (from idea or
  planned, or added as ongoing) without a documented consultation under Lag (2022:66);
- H009 a consultation record that was removed (records are the plan's documentation of it).

Each finding is a located :class:`~rus.base.diagnostics.Diagnostic` at the line in the current file.
Files that do not parse or fail the schema are left out (validation reports them); their areas are
not judged, so a broken file never shows up as every activity removed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from rus.base.codes import HINT_ALLOWED_FROM_FINAL
from rus.base.diagnostics import Diagnostic
from rus.base.i18n import InText
from rus.base.repository import not_a_repository
from rus.base.vocab import (
    FINAL_STATUSES,
    Area,
    SamiRelevance,
    Status,
    reachable,
    transition_reachable,
)
from rus.base.workspace import find_root
from rus.plans.models import Activity, Plan
from rus.plans.region import region_at
from rus.plans.revision import next_revision, revision_key
from rus.plans.rules import consultations_of, is_documented
from rus.plans.ruleset import Finding, Place, rule, run
from rus.timeline.history import (
    History,
    ParsedFile,
    PlanSet,
    build_planset,
    merge_plans,
    parse_file,
)

#: Titles (and descriptions) less alike than this are taken to be different activities (H003).
SIMILARITY = 0.5


@dataclass(frozen=True)
class _Current:
    """An activity in the working tree: where it is, for locating findings."""

    path: str  # repo-relative
    index: int
    activity: Activity


def check_transitions(
    root: Path,
    base_rev: str,
    current_paths: Iterable[Path],
    display_root: Path | None = None,
) -> list[Diagnostic]:
    """The H-rule findings for the files ``current_paths`` (files or folders) against ``base_rev``.

    Paths in the findings are shown relative to ``display_root`` (default: the repository root),
    as ``rus validate`` shows them.
    """
    root = root.resolve()
    shown = (display_root or root).resolve()
    targets = [Path(p) for p in current_paths]
    prefixes = sorted({rel for rel in (_relative(p, root) for p in targets) if rel is not None})
    if not prefixes:
        return []
    with History(root) as history:
        base_commit = history.commit(base_rev)
        base_files = history.tree_files(base_commit, under=prefixes)
        # the base's plans are read against the base's region file
        with region_at(history.region_file(base_commit), f"{base_rev}:{history.region_path()}"):
            base = build_planset(
                {path: parse_file(path, partial(history.read_blob, oid), oid) for path, oid in base_files.items()},
                base_rev, base_commit.hexsha,
            )
        outside: list[str] = []  # links leading out: validation reports them, their areas are not judged
        current_raw = history.worktree_files(under=prefixes, outside=outside)
        parsed: dict[str, ParsedFile] = {}
        unknown: set[Area] = {area for area in map(base.area_of, outside) if area is not None}
        for path, data in current_raw.items():
            entry = parse_file(path, data)
            if isinstance(entry, ParsedFile):
                parsed[path] = entry
            elif base.area_of(path) is not None:
                unknown.add(base.area_of(path))  # type: ignore[arg-type]
        tagged = {t.tag for t in history.revision_tags()}
    findings = _rules(base, base_rev, parsed, unknown, tagged)
    return [_locate(root, shown, path, loc, code, params, hint) for path, loc, code, params, hint in findings]


def _relative(path: Path, root: Path) -> str | None:
    try:
        rel = path.resolve().relative_to(root)
    except ValueError:
        return None
    return rel.as_posix() if rel.parts else "."


_Finding = tuple[str, tuple[str | int, ...], str, dict[str, Any], str | None]


@dataclass(frozen=True)
class Transition:
    """What the transition rules (scope ``transitions`` of the rule registry) look at: the plans at
    the base and the plans now, by area, with the areas that cannot be judged left out."""

    base: PlanSet
    base_rev: str
    files: dict[Area, list[tuple[str, Plan]]]  # the plan files now, by area, in path order
    unknown: set[Area]  # areas with a file that does not parse or leads out: not judged
    tagged: set[str]  # the recorded revisions (tags ``<area>/<revision>``)

    @cached_property
    def judged(self) -> tuple[_Judged, ...]:
        """Each area with plan files now that can be judged: its plan at the base (None if new), its
        files, and its plan now (the files merged), merged once for every rule."""
        return tuple(_Judged(area, self.base.plans.get(area), group, merge_plans([p for _, p in group]))
                     for area, group in self.files.items() if area not in self.unknown)

    @cached_property
    def activities(self) -> tuple[_Followed, ...]:
        """Each activity of the base (in an area that can be judged) with where it is now (None: gone)
        and whether its id now names another activity, worked out once for every rule."""
        followed: list[_Followed] = []
        for area, base_plan in self.base.plans.items():
            if area in self.unknown:
                continue
            current: dict[str, _Current] = {}
            for path, plan in self.files.get(area, []):
                for index, activity in enumerate(plan.activities):
                    current.setdefault(activity.id, _Current(path, index, activity))
            where = self.files[area][0][0] if area in self.files else self.base.paths[area][0]
            for old in base_plan.activities:
                now = current.get(old.id)
                followed.append(_Followed(where, old, now, now is not None and _reused(old, now.activity)))
        return tuple(followed)


@dataclass(frozen=True)
class _Judged:
    """An area the transition rules judge: its plan at the base, its files now and their merged plan."""

    area: Area
    before: Plan | None
    group: list[tuple[str, Plan]]
    plan: Plan


@dataclass(frozen=True)
class _Followed:
    """An activity of the base followed to now: ``where`` its removal is reported (the area's first
    file now, else its first at the base), ``now`` where it is (None: gone), ``reused`` whether its
    id now names a different activity."""

    where: str
    old: Activity
    now: _Current | None
    reused: bool


def _removed(context: Transition, ended: bool) -> Iterator[Finding]:
    for item in context.activities:
        old = item.old
        # An activity that had ended at the base may go (a warning: the year's report then finds it
        # only in the history); one that had not is an error.
        if item.now is None and bool(old.status in FINAL_STATUSES or old.replaced_by) is ended:
            yield Finding("H005" if ended else "H002", Place(item.where, ("activities",), key=True),
                          {"id": old.id, "status": InText(old.status), "base": context.base_rev})


@rule("H002", "transitions")
def _activity_removed(context: Transition) -> Iterator[Finding]:
    return _removed(context, ended=False)


@rule("H005", "transitions")
def _ended_activity_removed(context: Transition) -> Iterator[Finding]:
    return _removed(context, ended=True)


@rule("H003", "transitions")
def _id_reused(context: Transition) -> Iterator[Finding]:
    for item in context.activities:
        if item.now is not None and item.reused:
            yield Finding("H003", Place(item.now.path, ("activities", item.now.index, "id")),
                          {"id": item.old.id, "base": context.base_rev, "old_title": item.old.title})


@rule("H001", "transitions")
def _forbidden_transition(context: Transition) -> Iterator[Finding]:
    for item in context.activities:
        old, now = item.old, item.now
        if now is None or item.reused or transition_reachable(old.status, now.activity.status):
            continue  # a reused id is H003's: its status is another activity's
        allowed = ", ".join(s.value for s in sorted(reachable(old.status), key=list(type(old.status)).index))
        hint = HINT_ALLOWED_FROM_FINAL if old.status in FINAL_STATUSES else None
        params = {"old": InText(old.status), "new": InText(now.activity.status), "allowed": allowed}
        yield Finding("H001", Place(now.path, ("activities", now.index, "status")), params, hint=hint)


#: The statuses from which becoming ongoing means the activity is started (H008).
_NOT_STARTED = (None, Status.IDEA, Status.PLANNED)


@rule("H008", "transitions")
def _ongoing_without_consultation(context: Transition) -> Iterator[Finding]:
    for judged in context.judged:
        before, plan = judged.before, judged.plan
        was = {a.id: a.status for a in before.activities} if before is not None else {}
        for path, part in judged.group:
            for index, activity in enumerate(part.activities):
                if activity.status is not Status.ONGOING or was.get(activity.id) not in _NOT_STARTED:
                    continue
                if activity.sami is None or activity.sami.relevance is not SamiRelevance.DIRECT:
                    continue
                if not any(is_documented(c) for c in consultations_of(plan, activity.id)):
                    yield Finding("H008", Place(path, ("activities", index, "status")))


@rule("H009", "transitions")
def _consultation_removed(context: Transition) -> Iterator[Finding]:
    for judged in context.judged:
        if judged.before is None:
            continue
        kept = {c.id for c in judged.plan.consultations}
        for record in judged.before.consultations:
            if record.id not in kept:
                yield Finding("H009", Place(judged.group[0][0], ("consultations",), key=True),
                              {"id": record.id, "base": context.base_rev})


def _lowered(before: Plan | None, plan: Plan) -> bool:
    return before is not None and revision_key(plan.revision) < revision_key(before.revision)


@rule("H006", "transitions")
def _revision_lowered(context: Transition) -> Iterator[Finding]:
    for judged in context.judged:
        before, plan = judged.before, judged.plan
        if before is not None and _lowered(before, plan):
            yield Finding("H006", Place(judged.group[0][0], ("revision",)),
                          {"old": before.revision, "new": plan.revision, "base": context.base_rev})


@rule("H004", "transitions")
def _tagged_revision_changed(context: Transition) -> Iterator[Finding]:
    from rus.timeline.changes import Side, diff_plans

    for judged in context.judged:
        area, before, plan = judged.area, judged.before, judged.plan
        if before is None or _lowered(before, plan) or plan.revision != before.revision:
            continue
        if f"{area.value}/{plan.revision}" not in context.tagged:
            continue
        if not diff_plans(before, plan, Side(context.base_rev), Side("working tree"), area).is_empty:
            yield Finding("H004", Place(judged.group[0][0], ("revision",)),
                          {"revision": plan.revision, "next": next_revision(plan.revision, date.today())})


def _rules(base: PlanSet, base_rev: str, parsed: dict[str, ParsedFile], unknown: set[Area], tagged: set[str]) -> list[_Finding]:
    """The findings of the transition rules' units (the registry's scope ``transitions``), by path."""
    files: dict[Area, list[tuple[str, Plan]]] = {}
    for path in sorted(parsed):
        model = parsed[path].model
        if isinstance(model, Plan):
            files.setdefault(model.area, []).append((path, model))
    context = Transition(base, base_rev, files, unknown, tagged)
    found: list[_Finding] = []
    for finding in run("transitions", context):
        assert isinstance(finding.at, Place)
        found.append((finding.at.file, finding.at.loc, finding.code, dict(finding.params), finding.hint))
    return found


def _normal(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def similar(a: str | None, b: str | None) -> bool:
    """Whether two texts are alike enough to describe the same thing."""
    x, y = _normal(a), _normal(b)
    if not x or not y:
        return False
    if x in y or y in x:
        return True
    return difflib.SequenceMatcher(None, x, y).ratio() >= SIMILARITY


def _reused(old: Activity, new: Activity) -> bool:
    """Whether an id now names a different activity: neither the title nor the description is alike."""
    return not similar(old.title, new.title) and not similar(old.description, new.description)


def _locate(root: Path, shown: Path, path: str, loc: tuple[str | int, ...], code: str, params: dict[str, Any], hint: str | None) -> Diagnostic:
    from rus.base.workspace import display_path
    from rus.plans.loader import load_path
    from rus.plans.source import locate

    file = root / path
    display = display_path(file, shown)
    line, column = 1, 1
    if _readable(file, root):
        source = load_path(file, display, validate=False).source
        line, column = locate(source.root, loc, key=loc in (("activities",), ("consultations",)))
    return Diagnostic(display, line, column, code, params, hint)


def add_transitions(result: Any, base_rev: str, targets: Iterable[Path], start: Path) -> None:
    """Check the transition rules for ``rus validate --base`` and add the findings to ``result``.

    ``result`` is the :class:`~rus.plans.validation.ValidationResult` of the same targets; paths are shown
    relative to the repository root, as validation shows them.
    """
    from rus.plans.validation import FileResult

    root = find_root(start)
    if root is None:
        raise not_a_repository(start)
    found = check_transitions(root, base_rev, targets, display_root=root)
    for diagnostic in found:
        file_result = next((f for f in result.files if f.path == diagnostic.path), None)
        if file_result is None:
            file_result = FileResult(diagnostic.path, "plan", [])
            result.files.append(file_result)
        file_result.diagnostics.append(diagnostic)
        file_result.diagnostics.sort(key=Diagnostic.sort_key)
        if file_result.text is None:
            file = root / diagnostic.path
            file_result.text = file.read_text(encoding="utf-8", errors="replace") if _readable(file, root) else None


def _readable(file: Path, root: Path) -> bool:
    """Whether a working-tree file a finding is located in may be read (a link may lead out of the repository)."""
    from rus.base.workspace import boundary_of, leads_outside

    return file.is_file() and leads_outside(file, boundary_of(root)) is None
