"""Gathering what a report or the follow-up is computed from: the plans and their history."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rus.base.codes import N_, NP_
from rus.base.errors import ExitCode, NotFoundError, RusError, UsageError
from rus.base.i18n import Counted
from rus.base.vocab import Area
from rus.plans.planset import WORKING_TREE as WORKING_TREE_LABEL
from rus.plans.planset import PlanSet
from rus.plans.revision import revision_key
from rus.reporting.report import RecordedRevision, ReportInput, Window

if TYPE_CHECKING:
    from rus.timeline.history import Snapshot


class InvalidPlansError(RusError):
    """The plans a report is built from do not pass validation (exit 1, as ``rus validate``)."""

    exit_code = ExitCode.FINDINGS


def load_plans(folder: Path, display_root: Path | None = None) -> PlanSet:
    """The valid plans, actor registry and programme file in a folder; errors name the first file and line.

    The models are those of the validation run (each file is read once), an area split over
    several files merged as the history merges it.
    """
    from rus.base.diagnostics import Diagnostic
    from rus.plans.validation import discover_files, outside_diagnostic, validate_paths
    from rus.timeline.history import LinkOutsideError, ParsedFile, build_planset

    if not folder.is_dir():
        raise NotFoundError(
            N_("No such file or folder: {path}"),
            N_("Check the path, or run `rus validate` without arguments to check plans/."),
            path=str(folder),
        )
    found = discover_files([folder])
    if found.outside:  # named with where it points, before anything is read
        raise LinkOutsideError(outside_diagnostic(found.outside[0], display_root))
    result = validate_paths([folder], display_root=display_root, keep_models=True)
    if result.errors:
        first = next(d for d in result.diagnostics if d.level == "error")
        raise InvalidPlansError(
            N_("The plans have {count}, the first in {path} line {line} ({code})"),
            N_("Run `rus validate` and fix the errors; the report is built only from valid plans."),
            count=Counted(result.errors, *NP_("{n} error", "{n} errors")),
            path=first.path,
            line=first.line,
            code=first.code,
        )
    files: dict[str, ParsedFile | Diagnostic] = {
        checked.path: ParsedFile(checked.model, "") for checked in result.files if checked.model is not None
    }
    planset = build_planset(files, WORKING_TREE_LABEL, None)
    if not planset.plans:
        raise UsageError(
            N_("No action plans found in {path}"),
            N_("Name the folder that holds the plan files (plans/)."),
            path=str(folder),
        )
    return planset.in_area_order()


def collect_input(root: Path, window: Window, plans_dir: str = "plans") -> ReportInput:
    """The plans at the end of the window and the revisions recorded in and just before it.

    The end of the window is the working tree, unless revisions after the window are recorded:
    then it is the commit of the window's last recorded revision (a report on 2025 written in 2027
    shows the plans as they stood at the end of 2025). Outside a git repository, or without
    revision tags, the report is built from the working tree alone.
    """
    from rus.base.workspace import find_root

    current = load_plans(root / plans_dir, display_root=root)
    if find_root(root) != root.resolve():
        return ReportInput(end=current, window=window, source=WORKING_TREE)
    from rus.timeline.history import planset_at, revision_snapshots

    snapshots = revision_snapshots(root, plans_dir=plans_dir)
    inside = [s for s in snapshots if window.contains(s.revision)]
    earlier = [s for s in snapshots if window.before(s.revision)]
    before: dict[Area, RecordedRevision] = {}
    for snapshot in earlier:  # oldest first: the last one per area wins
        before[snapshot.area] = _recorded(snapshot)
    end, source = current, WORKING_TREE
    if any(window.after(s.revision) for s in snapshots):
        last = max((*earlier, *inside), key=lambda s: (revision_key(s.revision), s.date), default=None)
        if last is not None:
            planset = planset_at(root, last.commit, plans_dir)
            end, source = planset.in_area_order(), last.tag
    start_registry = None
    first = min(
        (*before.values(), *[_recorded(s) for s in inside]),
        key=lambda r: (revision_key(r.revision), r.date),
        default=None,
    )
    if first is not None:
        commit = next(s.commit for s in snapshots if s.tag == first.tag)
        start_registry = planset_at(root, commit, plans_dir).registry
    return ReportInput(
        end=end,
        window=window,
        revisions=tuple(_recorded(s) for s in inside),
        before=before,
        start_registry=start_registry,
        source=source,
    )


#: What :attr:`ReportInput.source` says when the report is built from the files as they are.
WORKING_TREE = "working-tree"


def _recorded(snapshot: Snapshot) -> RecordedRevision:
    return RecordedRevision(
        snapshot.area, snapshot.revision, snapshot.tag, snapshot.date, snapshot.plan
    )


def load_revisions(
    root: Path, area: Area | None = None, plans_dir: str = "plans"
) -> list[RecordedRevision]:
    """The revisions recorded as tags in the repository at ``root`` (none outside git)."""
    from rus.base.workspace import find_root

    if find_root(root) != root.resolve():
        return []
    from rus.timeline.history import revision_snapshots

    return [_recorded(s) for s in revision_snapshots(root, area, plans_dir)]


def revisions_input(root: Path, first: str, last: str, plans_dir: str = "plans") -> ReportInput:
    """What a report between two git revisions (tags, branches, commits) is computed from.

    The plans are those at ``last``; the changes run from the plans at ``first`` through the
    revisions recorded (tags ``<area>/<revision>``) on the commits after ``first`` up to ``last``.
    The period runs from the revision after ``first``'s to ``last``'s: the revision a tag names, or
    else the latest revision among the plans at that commit (``--from <area>/2026-1 --to
    <area>/2026-2`` covers 2026-2). Raises :class:`UsageError` when ``last`` comes before
    ``first`` in the history, and :class:`rus.base.errors.GitError` for a revision git does not know.
    """
    from rus.plans.revision import half_of, next_period, period_key, revision_key
    from rus.timeline.history import TAG_PATTERN, History

    with History(root, plans_dir) as history:
        start, end = history.commit(first), history.commit(last)
        if start != end and history.repo.is_ancestor(end, start):
            raise UsageError(
                N_("--from {first} comes after --to {last}"),
                N_("Swap them: the earlier revision goes with --from."),
                first=first,
                last=last,
            )
        start_set = history.load_commit(start, first)
        end_set = history.load_commit(end, last)
        if not end_set.plans:
            raise UsageError(
                N_("No action plans found in {path}"),
                N_("Name the folder that holds the plan files (plans/)."),
                path=f"{last}:{plans_dir}",
            )
        between = set(str(history.repo.git.rev_list(f"{start.hexsha}..{end.hexsha}")).split())
        inside: list[tuple[RecordedRevision, PlanSet]] = []
        for tag in history.revision_tags():
            if tag.commit not in between:
                continue
            planset = history.load_commit(history.repo.commit(tag.commit), tag.tag)
            plan = planset.plans.get(tag.area)
            if plan is not None:
                inside.append((RecordedRevision(tag.area, tag.revision, tag.tag, tag.date, plan), planset))

        def period_of(rev: str, planset: PlanSet) -> str:
            match = TAG_PATTERN.match(rev)
            if match is not None:
                return match["revision"]
            return max((plan.revision for plan in planset.plans.values()), key=revision_key)

        # the window is in half-years (indicator periods): a third revision in a year reports on the autumn
        to_period = half_of(period_of(last, end_set))
        from_period = half_of(period_of(first, start_set)) if start_set.plans else to_period
        first_period = min(next_period(from_period), to_period, key=period_key)
        window = Window(first_period, to_period, None, first, last)
        when = start.committed_datetime
        before = {
            area: RecordedRevision(area, plan.revision, first, when, plan) for area, plan in start_set.plans.items()
        }
        return ReportInput(
            end=end_set.in_area_order(),
            window=window,
            revisions=tuple(recorded for recorded, _ in inside),
            before=before,
            start_registry=start_set.registry,
            source=last,
        )
