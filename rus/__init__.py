"""rus: plans as code for regional development.

The core library: load, validate, compare and report on the action plans of a smart specialisation
programme kept as YAML in git. Everything here works without the command line::

    from pathlib import Path
    import rus

    result = rus.validate_paths([Path("plans")])
    for diagnostic in result.diagnostics:
        print(diagnostic.path, diagnostic.line, diagnostic.code, diagnostic.message("sv"))

Names are imported lazily, so that ``import rus`` (and the CLI's start) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Plan": "rus.plans.models",
    "ActorRegistry": "rus.plans.models",
    "Activity": "rus.plans.models",
    "Actor": "rus.plans.models",
    "Indicator": "rus.plans.models",
    "Goal": "rus.plans.models",
    "ProgrammeFile": "rus.plans.models",
    "Diagnostic": "rus.base.diagnostics",
    "Severity": "rus.base.diagnostics",
    "ValidationResult": "rus.plans.validation",
    "validate_paths": "rus.plans.validation",
    "validate_texts": "rus.plans.validation",
    "RusError": "rus.base.errors",
    "ExitCode": "rus.base.errors",
    "PlanSet": "rus.plans.planset",
    "planset_at": "rus.timeline.history",
    "revision_snapshots": "rus.timeline.history",
    "ChangeSet": "rus.timeline.changes",
    "diff_plansets": "rus.timeline.changes",
    "Report": "rus.reporting.report",
    "Window": "rus.reporting.report",
    "build_report": "rus.reporting.report",
    "collect_input": "rus.reporting.report_sources",
    "FollowUp": "rus.reporting.followup",
    "build_follow_up": "rus.reporting.followup",
}

__all__ = [
    "Activity",
    "Actor",
    "ActorRegistry",
    "ChangeSet",
    "Diagnostic",
    "ExitCode",
    "FollowUp",
    "Goal",
    "Indicator",
    "Plan",
    "PlanSet",
    "ProgrammeFile",
    "Report",
    "RusError",
    "Severity",
    "ValidationResult",
    "Window",
    "build_follow_up",
    "build_report",
    "collect_input",
    "diff_plansets",
    "planset_at",
    "revision_snapshots",
    "validate_paths",
    "validate_texts",
]

if TYPE_CHECKING:
    from rus.base.diagnostics import Diagnostic, Severity
    from rus.base.errors import ExitCode, RusError
    from rus.plans.models import (
        Activity,
        Actor,
        ActorRegistry,
        Goal,
        Indicator,
        Plan,
        ProgrammeFile,
    )
    from rus.plans.planset import PlanSet
    from rus.plans.validation import ValidationResult, validate_paths, validate_texts
    from rus.reporting.followup import FollowUp, build_follow_up
    from rus.reporting.report import Report, Window, build_report
    from rus.reporting.report_sources import collect_input
    from rus.timeline.changes import ChangeSet, diff_plansets
    from rus.timeline.history import planset_at, revision_snapshots


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rus' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
