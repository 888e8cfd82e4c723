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
    "Plan": "rus.models",
    "ActorRegistry": "rus.models",
    "Activity": "rus.models",
    "Actor": "rus.models",
    "Indicator": "rus.models",
    "Goal": "rus.models",
    "ProgrammeFile": "rus.models",
    "Diagnostic": "rus.diagnostics",
    "Severity": "rus.diagnostics",
    "ValidationResult": "rus.validation",
    "validate_paths": "rus.validation",
    "validate_texts": "rus.validation",
    "RusError": "rus.errors",
    "ExitCode": "rus.errors",
    "PlanSet": "rus.history",
    "planset_at": "rus.history",
    "revision_snapshots": "rus.history",
    "ChangeSet": "rus.changes",
    "diff_plansets": "rus.changes",
    "Report": "rus.report",
    "Window": "rus.report",
    "build_report": "rus.report",
    "collect_input": "rus.report_sources",
    "FollowUp": "rus.followup",
    "build_follow_up": "rus.followup",
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
    from rus.changes import ChangeSet, diff_plansets
    from rus.diagnostics import Diagnostic, Severity
    from rus.errors import ExitCode, RusError
    from rus.followup import FollowUp, build_follow_up
    from rus.history import PlanSet, planset_at, revision_snapshots
    from rus.models import Activity, Actor, ActorRegistry, Goal, Indicator, Plan, ProgrammeFile
    from rus.report import Report, Window, build_report
    from rus.report_sources import collect_input
    from rus.validation import ValidationResult, validate_paths, validate_texts


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rus' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
