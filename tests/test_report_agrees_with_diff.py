"""The yearly report and ``rus diff`` read one comparison: on the same pair of revisions they agree.

The fixture repository (``tests/report_helpers.py``) is revised a third time with more than the
report tests need: an indicator added with values of its own, and a municipality's value next to
the county's. Each of the report's steps from one revision to the next is checked against the JSON
of ``rus diff`` between the same two tags: added activities, status and priority changes, new
indicator values, the counts per category, and the progress towards the target.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rus.reporting.report import Report, RevisionStep, Window, build_report
from rus.reporting.report_sources import collect_input
from rus.timeline.changes import Change, ItemChange, priority_change, progress_percent
from tests.conftest import rus_in_process
from tests.report_helpers import git, make_repo, revisions, write_plans

TODAY = date(2026, 11, 28)

#: An indicator the autumn revision adds, with two values already recorded.
NEW_INDICATOR: dict[str, Any] = {
    "id": "UPP-I2", "goal": "UPP-M1", "name": "Gästnätter utanför högsäsong", "kind": "result",
    "unit": "tusental gästnätter", "baseline": {"value": 400, "year": 2023},
    "target": {"value": 600, "year": 2028},
    "actuals": [{"period": "2026-1", "value": 430}, {"period": "2026-2", "value": 445}],
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture repository with an autumn revision that adds an indicator and a municipality's value."""
    root = make_repo(tmp_path_factory.mktemp("agree") / "repo", count=2)
    revision, when, plan, registry = revisions()[2]
    plan = copy.deepcopy(plan)
    plan["indicators"][0]["actuals"].append({"period": "2026-2", "value": 40, "municipality": "are"})
    plan["indicators"].append(NEW_INDICATOR)
    write_plans(root / "plans", plan, registry)
    git(root, "commit", "-qam", f"Revision {revision}", when=when)
    git(root, "tag", "-a", f"upplevelser/{revision}", "-m", f"Upplevelser {revision}", when=when)
    return root


@pytest.fixture(scope="module")
def report(repo: Path) -> Report:
    """The report on 2026 from the repository."""
    return build_report(collect_input(repo, Window.for_year(2026)), TODAY)


def _diff(repo: Path, step: RevisionStep) -> dict[str, Any]:
    area = step.area.value
    done = rus_in_process("diff", f"{area}/{step.from_revision}", f"{area}/{step.to_revision}", "--format", "json", cwd=repo)
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def _items(diff: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [item for area in diff["areas"] for item in area["items"] if item["kind"] == kind]


def _new_values(diff: dict[str, Any]) -> set[tuple[str, str, str | None]]:
    """The indicator values the diff shows as new: added actuals, and those of an added indicator."""
    found: set[tuple[str, str, str | None]] = set()
    for item in _items(diff, "indicator"):
        if item["change"] == "added":
            found |= {(item["id"], a["period"], a.get("municipality")) for a in item["item"]["actuals"]}
        found |= {
            (item["id"], c["period"], c["municipality"])
            for c in item["changes"]
            if c["type"] == "actual" and c["event"] == "added"
        }
    return found


def test_each_step_of_the_report_is_what_rus_diff_shows(repo: Path, report: Report) -> None:
    steps = report.status.steps
    assert [(s.from_revision, s.to_revision) for s in steps] == [("2025-2", "2026-1"), ("2026-1", "2026-2")]
    for step in steps:
        diff = _diff(repo, step)
        activities = _items(diff, "activity")
        assert sorted(ref.id for ref in step.added) == sorted(i["id"] for i in activities if i["change"] == "added")
        assert sorted((c.activity.id, c.old.value, c.new.value) for c in step.status_changes) == sorted(
            (i["id"], c["old"], c["new"]) for i in activities for c in i["changes"] if c["type"] == "status"
        )
        assert sorted((ref.id, sorted(p.value for p in old), sorted(p.value for p in new)) for ref, old, new in step.priority_changes) == sorted(
            (i["id"], sorted(c["old"]), sorted(c["new"])) for i in activities for c in i["changes"] if c["field"] == "priorities"
        )
        assert step.new_actuals == len(_new_values(diff))
        assert step.item_changes == {k: v for k, v in diff["summary"].items() if k in step.item_changes}
        assert set(step.item_changes) == {"added", "removed", "replaced", "cancelled", "completed", "changed"}
    autumn = steps[1]
    # UPP-I1's county value for 2026-2, Åre's value for 2026-2, and UPP-I2's two values
    assert autumn.new_actuals == 4
    assert [ref.id for ref, _, _ in autumn.priority_changes] == ["UPP-001"]


def test_progress_towards_the_target_is_the_same_in_the_report_and_in_rus_diff(repo: Path, report: Report) -> None:
    diff = _diff(repo, report.status.steps[1])
    shown = {
        (item["id"], c["period"], c["municipality"]): c["progress"]
        for item in _items(diff, "indicator")
        for c in item["changes"]
        if c["type"] == "actual"
    }
    row = next(r for r in report.indicators.rows if r.id == "UPP-I1")
    assert row.latest is not None and row.latest.period == "2026-2"
    assert row.progress == pytest.approx((131 - 100) / (160 - 100))
    assert shown[("UPP-I1", "2026-2", None)] == progress_percent(row.progress) == 51.7


def test_a_municipality_value_is_not_judged_against_the_county_target(repo: Path, report: Report) -> None:
    # The target is the county's: 40 people in Åre is not "-100 % of the way" from 100 to 160 (the
    # report judges only the county's values; rus diff used to judge Åre's too).
    diff = _diff(repo, report.status.steps[1])
    actual = next(
        c for item in _items(diff, "indicator") for c in item["changes"]
        if c["type"] == "actual" and c["municipality"] == "are"
    )
    assert (actual["new"], actual["event"], actual["progress"]) == (40, "added", None)
    assert actual["target"] == 160
    text = rus_in_process("diff", "upplevelser/2026-1", "upplevelser/2026-2", cwd=repo)
    assert text.returncode == 0, text.stderr
    county = next(line for line in text.stdout.splitlines() if "new actual for 2026-2" in line and "131" in line)
    are = next(line for line in text.stdout.splitlines() if "new actual for 2026-2" in line and ": 40" in line)
    assert "of the way to the target" in county
    assert "of the way to the target" not in are
    row = next(r for r in report.indicators.rows if r.id == "UPP-I1")
    assert [(m.municipality.value, m.value) for m in row.municipal] == [("are", 40)]


def test_a_priority_listed_twice_is_no_change_of_priorities() -> None:
    listed_twice = ItemChange("activity", "UPP-001", "Cykelleder", "changed", (
        Change("list", "priorities", ["whole-county"], ["whole-county", "whole-county"],
               {"added": ["whole-county"], "removed": []}),
    ))
    assert priority_change(listed_twice) is None
    moved = ItemChange("activity", "UPP-001", "Cykelleder", "changed", (
        Change("list", "priorities", ["whole-county"], ["strength-areas"],
               {"added": ["strength-areas"], "removed": ["whole-county"]}),
    ))
    assert priority_change(moved) == (["whole-county"], ["strength-areas"])
