"""Property tests of the semantic diff: diff(a, a) is empty, diff(b, a) mirrors diff(a, b), order is no change."""

from __future__ import annotations

import copy
import json
from collections import Counter
from typing import Any

import pytest
from conftest import BUNDLED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rus.plans.models import ActorRegistry, Plan
from rus.plans.source import Source, parse_text
from rus.timeline.changes import diff_plansets
from rus.timeline.history import ParsedFile, PlanSet, build_planset

STATUSES = ["idea", "planned", "ongoing", "paused", "completed", "cancelled"]
AREAS = ["upplevelser", "hallbar-energi"]


def _data(name: str) -> dict[str, Any]:
    source = parse_text((BUNDLED / f"{name}.yaml").read_text(encoding="utf-8"), Source(name))
    assert source.data is not None
    return source.data  # type: ignore[no-any-return]


BASE = {area: _data(area) for area in AREAS}
ACTORS = _data("actors")


def planset(plans: dict[str, dict[str, Any]], actors: dict[str, Any] = ACTORS) -> PlanSet:
    files = {f"plans/{name}.yaml": ParsedFile(Plan.model_validate(copy.deepcopy(data)), "") for name, data in plans.items()}
    files["plans/actors.yaml"] = ParsedFile(ActorRegistry.model_validate(copy.deepcopy(actors)), "")
    return build_planset(files, "test", None)  # type: ignore[arg-type]


@st.composite
def edited(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """A plan with some of the edits a facilitator makes (each valid against the schema)."""
    plan = copy.deepcopy(data)
    activities = plan["activities"]
    for act in activities:
        if draw(st.booleans()):
            continue
        edit = draw(st.sampled_from(["status", "start", "progress", "funding", "municipalities", "title", "conflict", "milestone"]))
        if edit == "status":
            act["status"] = draw(st.sampled_from(STATUSES))
        elif edit == "start":
            act["period"]["start"] = f"20{draw(st.integers(24, 29))}-{draw(st.integers(1, 12)):02d}-01"
            act["period"]["end"] = None
        elif edit == "progress":
            act["progress"] = draw(st.integers(0, 100))
        elif edit == "funding" and act.get("funding"):
            line = draw(st.sampled_from(act["funding"]))
            line["amount_sek"] = draw(st.integers(0, 10_000_000))
        elif edit == "municipalities":
            act["municipalities"] = draw(st.lists(st.sampled_from(["are", "berg", "krokom", "ostersund"]), unique=True))
        elif edit == "title":
            act["title"] = draw(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20))
        elif edit == "conflict" and act.get("goal_conflicts"):
            act["goal_conflicts"][0]["state"] = draw(st.sampled_from(["identified", "handling", "resolved", "accepted"]))
        elif edit == "milestone" and act.get("milestones"):
            act["milestones"][0]["done"] = not act["milestones"][0].get("done", False)
    keep = draw(st.lists(st.booleans(), min_size=len(activities), max_size=len(activities)))
    plan["activities"] = [a for a, k in zip(activities, keep, strict=True) if k or a["id"] == activities[0]["id"]]
    for n in range(draw(st.integers(0, 2))):
        new = copy.deepcopy(activities[0])
        new["id"] = new["id"][:4] + f"{900 + n}"
        plan["activities"].append(new)
    for indicator in plan["indicators"]:
        if draw(st.booleans()):
            indicator["actuals"] = [*indicator.get("actuals", []), {"period": plan["revision"], "value": draw(st.integers(0, 10**6))}]
            indicator["actuals"] = list({a["period"]: a for a in indicator["actuals"]}.values())
    if draw(st.booleans()):
        plan["meeting"]["place"] = "Bräcke"
    return plan


@st.composite
def shuffled(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """The same plan with every list of items, and every list inside them, in another order."""
    plan = copy.deepcopy(data)

    def mix(items: list[Any]) -> list[Any]:
        return draw(st.permutations(items)) if items else items

    for key in ("sub_areas", "goals", "indicators", "activities", "documents"):
        plan[key] = mix(plan.get(key, []))
    plan["meeting"]["participants"] = mix(plan["meeting"].get("participants", []))
    for act in plan["activities"]:
        for key in ("goals", "lead", "partners", "municipalities", "milestones", "funding", "priorities", "goal_conflicts"):
            if key in act:
                act[key] = mix(act[key])
    for indicator in plan["indicators"]:
        indicator["actuals"] = mix(indicator.get("actuals", []))
    return plan


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@SETTINGS
@given(st.data())
def test_diff_of_a_plan_with_itself_is_empty(data: st.DataObject) -> None:
    plans = {area: data.draw(edited(BASE[area])) for area in AREAS}
    one = planset(plans)
    assert diff_plansets(one, one).is_empty
    assert diff_plansets(one, planset(plans)).is_empty  # equal plans in different objects


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _changes(data: dict[str, Any], *, mirrored: bool) -> Counter[tuple[str, ...]]:
    found: Counter[tuple[str, ...]] = Counter()
    for area in data["areas"]:
        for item in area["items"]:
            kind = item["change"]
            if kind in ("added", "removed"):
                if mirrored:
                    kind = "removed" if kind == "added" else "added"
                found[(area["area"], item["id"], kind)] += 1
                continue
            for change in item["changes"]:
                old, new = (change["new"], change["old"]) if mirrored else (change["old"], change["new"])
                found[(area["area"], item["id"], change["type"], change["field"], _canon(old), _canon(new))] += 1
        for change in area["metadata"]:
            old, new = (change["new"], change["old"]) if mirrored else (change["old"], change["new"])
            found[(area["area"], "metadata", change["field"], _canon(old), _canon(new))] += 1
    return found


@pytest.mark.slow
@SETTINGS
@given(st.data())
def test_diff_b_a_mirrors_diff_a_b(data: st.DataObject) -> None:
    a = {area: data.draw(edited(BASE[area])) for area in AREAS}
    b = {area: data.draw(edited(BASE[area])) for area in AREAS}
    forward = diff_plansets(planset(a), planset(b)).to_dict()
    backward = diff_plansets(planset(b), planset(a)).to_dict()
    assert _changes(forward, mirrored=False) == _changes(backward, mirrored=True)
    assert forward["summary"]["added"] == backward["summary"]["removed"]
    assert forward["summary"]["status_changes"] == backward["summary"]["status_changes"]
    for area_f, area_b in zip(forward["areas"], backward["areas"], strict=True):
        for item_f, item_b in zip(area_f["items"], area_b["items"], strict=True):
            for change_f, change_b in zip(item_f["changes"], item_b["changes"], strict=True):
                if change_f["type"] == "funding":
                    assert change_f["difference_sek"] == -change_b["difference_sek"]
                    assert (change_f["added"], change_f["removed"]) == (change_b["removed"], change_b["added"])
                if change_f["type"] == "period" and change_f["days"] is not None:
                    assert change_f["days"] == -change_b["days"]


@pytest.mark.slow
@SETTINGS
@given(st.data())
def test_reordering_items_is_no_change(data: st.DataObject) -> None:
    plans = {area: data.draw(edited(BASE[area])) for area in AREAS}
    reordered = {area: data.draw(shuffled(plan)) for area, plan in plans.items()}
    actors = copy.deepcopy(ACTORS)
    actors["actors"] = data.draw(st.permutations(actors["actors"]))
    changes = diff_plansets(planset(plans), planset(reordered, actors))
    assert changes.is_empty, changes.to_dict()
