"""Gathering what a report or the follow-up is computed from: the plans and their history."""

from __future__ import annotations

from pathlib import Path

from rus.codes import N_
from rus.errors import NotFoundError, RusError, UsageError
from rus.models import ActorRegistry, Plan
from rus.report import PlansAt, RecordedRevision, ReportInput, Window
from rus.vocab import Area


class InvalidPlansError(RusError):
    """The plans a report is built from do not pass validation."""


def load_plans(folder: Path, display_root: Path | None = None) -> PlansAt:
    """The valid plans and actor registry in a folder; errors name the first file and line."""
    from rus.source import read_source
    from rus.validation import discover, file_kind, validate_paths

    if not folder.is_dir():
        raise NotFoundError(
            N_("No such file or folder: {path}"),
            N_("Check the path, or run `rus validate` without arguments to check plans/."),
            path=str(folder),
        )
    result = validate_paths([folder], display_root=display_root)
    if result.errors:
        first = next(d for d in result.diagnostics if d.level == "error")
        raise InvalidPlansError(
            N_("The plans have {count} error(s), the first in {path} line {line} ({code})"),
            N_("Run `rus validate` and fix the errors; the report is built only from valid plans."),
            count=result.errors,
            path=first.path,
            line=first.line,
            code=first.code,
        )
    plans: dict[Area, Plan] = {}
    registry: ActorRegistry | None = None
    for path in discover([folder]):
        source = read_source(path)
        kind = file_kind(source.data, path.name)
        if kind == "plan":
            plan = Plan.model_validate(source.data)
            plans[plan.area] = plan
        elif kind == "actors":
            registry = ActorRegistry.model_validate(source.data)
    if not plans:
        raise UsageError(
            N_("No action plans found in {path}"),
            N_("Name the folder that holds the plan files (plans/)."),
            path=str(folder),
        )
    return PlansAt({area: plans[area] for area in Area if area in plans}, registry)


def collect_input(root: Path, window: Window, plans_dir: str = "plans") -> ReportInput:
    """The plans at the end of the window and the revisions recorded in and just before it."""
    end = load_plans(root / plans_dir, display_root=root)
    return ReportInput(end=end, window=window, source=str(root / plans_dir))


def load_revisions(root: Path, area: Area | None = None) -> list[RecordedRevision]:
    """The revisions recorded as tags in the repository at ``root`` (none outside git)."""
    return []
