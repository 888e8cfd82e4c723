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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
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


def _rules(base: PlanSet, base_rev: str, parsed: dict[str, ParsedFile], unknown: set[Area], tagged: set[str]) -> list[_Finding]:
    files: dict[Area, list[tuple[str, Plan]]] = {}
    for path in sorted(parsed):
        model = parsed[path].model
        if isinstance(model, Plan):
            files.setdefault(model.area, []).append((path, model))
    findings: list[_Finding] = []
    for area, base_plan in base.plans.items():
        if area in unknown:
            continue
        current: dict[str, _Current] = {}
        for path, plan in files.get(area, []):
            for index, activity in enumerate(plan.activities):
                current.setdefault(activity.id, _Current(path, index, activity))
        for old in base_plan.activities:
            now = current.get(old.id)
            if now is None:
                where = files[area][0][0] if area in files else base.paths[area][0]
                # An activity that had ended at the base may go (a warning: the year's report
                # then finds it only in the history); one that had not is an error.
                ended = old.status in FINAL_STATUSES or old.replaced_by
                findings.append((where, ("activities",), "H005" if ended else "H002", {"id": old.id, "status": InText(old.status), "base": base_rev}, None))
                continue
            at = ("activities", now.index)
            if _reused(old, now.activity):
                findings.append((now.path, (*at, "id"), "H003", {"id": old.id, "base": base_rev, "old_title": old.title}, None))
                continue
            if not transition_reachable(old.status, now.activity.status):
                allowed = ", ".join(s.value for s in sorted(reachable(old.status), key=list(type(old.status)).index))
                hint = HINT_ALLOWED_FROM_FINAL if old.status in FINAL_STATUSES else None
                params = {"old": InText(old.status), "new": InText(now.activity.status), "allowed": allowed}
                findings.append((now.path, (*at, "status"), "H001", params, hint))
    for area, group in files.items():
        if area not in unknown:
            findings.extend(_consultation_rules(base.plans.get(area), group, base_rev))
    for area, group in files.items():
        before = base.plans.get(area)
        plan = merge_plans([p for _, p in group])
        if before is not None and area not in unknown and revision_key(plan.revision) < revision_key(before.revision):
            findings.append((group[0][0], ("revision",), "H006", {"old": before.revision, "new": plan.revision, "base": base_rev}, None))
            continue
        if before is None or area in unknown or plan.revision != before.revision:
            continue
        if f"{area.value}/{plan.revision}" not in tagged:
            continue
        from rus.timeline.changes import Side, diff_plans

        if not diff_plans(before, plan, Side(base_rev), Side("working tree"), area).is_empty:
            findings.append((group[0][0], ("revision",), "H004", {"revision": plan.revision, "next": next_revision(plan.revision, date.today())}, None))
    return findings


#: The statuses from which becoming ongoing means the activity is started (H008).
_NOT_STARTED = (None, Status.IDEA, Status.PLANNED)


def _consultation_rules(before: Plan | None, group: list[tuple[str, Plan]], base_rev: str) -> list[_Finding]:
    """H008 and H009 for one area: starting without a documented consultation, removed records."""
    findings: list[_Finding] = []
    plan = merge_plans([p for _, p in group])
    was = {a.id: a.status for a in before.activities} if before is not None else {}
    for path, part in group:
        for index, activity in enumerate(part.activities):
            if activity.status is not Status.ONGOING or was.get(activity.id) not in _NOT_STARTED:
                continue
            if activity.sami is None or activity.sami.relevance is not SamiRelevance.DIRECT:
                continue
            if not any(is_documented(c) for c in consultations_of(plan, activity.id)):
                findings.append((path, ("activities", index, "status"), "H008", {}, None))
    if before is not None:
        kept = {c.id for c in plan.consultations}
        for record in before.consultations:
            if record.id not in kept:
                findings.append((group[0][0], ("consultations",), "H009", {"id": record.id, "base": base_rev}, None))
    return findings


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
