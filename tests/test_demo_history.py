"""scripts/demo_history.py: a history of the bundled plans recorded through rus, for a fresh clone."""

from __future__ import annotations

import importlib.util
import subprocess
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from rus.base.vocab import Area, Status
from rus.reporting.report import Window, build_report
from rus.reporting.report_sources import collect_input
from tests.conftest import REPO


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("demo_history", REPO / "scripts" / "demo_history.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_demo_records_revisions_through_rus(tmp_path: Path) -> None:
    demo = _script()
    root = tmp_path / "demo"
    demo.build(root, demo.STEPS[:1])  # the bundled plans and the spring revision of 2027
    tags = subprocess.run(["git", "tag"], cwd=root, capture_output=True, text=True, check=True).stdout.split()
    assert sorted(tags) == sorted(f"{area}/{rev}" for area in ("upplevelser", "jord-skog-vatten", "hallbar-energi",
                                                              "digitala-losningar") for rev in ("2026-2", "2027-1"))
    log = subprocess.run(["git", "log", "--format=%ad %s", "--date=short"], cwd=root, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert log == ["2027-04-30 Vårrevisionen 2027", "2026-11-06 Höstrevisionen 2026", "2026-11-06 Regionfil och scheman"]
    report = build_report(collect_input(root, Window.for_year(2027)), date(2027, 5, 2))
    assert report.has_history
    changes = {(c.activity.id, c.old, c.new) for step in report.status.steps for c in step.status_changes}
    assert ("UPP-003", Status.PLANNED, Status.ONGOING) in changes
    assert ("JSV-001", Status.ONGOING, Status.COMPLETED) in changes
    assert [m.date.isoformat() for m in report.participation.meetings if m.area is Area.UPPLEVELSER] == ["2027-04-14"]


def test_every_step_names_a_meeting_per_area_and_rus_commands() -> None:
    demo = _script()
    assert [revision for revision, *_ in demo.STEPS] == ["2027-1", "2027-2"]  # with 2026-2: three revisions
    for _, _, meetings, edits in demo.STEPS:
        assert sorted(area for area, _, _ in meetings) == sorted(a for a in ("upplevelser", "jord-skog-vatten",
                                                                           "hallbar-energi", "digitala-losningar"))
        assert {edit[0] for edit in edits} <= {"activity", "indicator", "meeting", "actor"}
