"""The domain model: valid and invalid construction, and the bundled plans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from rus.base.vocab import Area, Status
from rus.plans.models import Activity, ActorRegistry, Plan
from rus.plans.source import read_source
from tests.conftest import BASE, PLANS


def _activity(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "UPP-001",
        "title": "Cykelleder",
        "sub_area": "UPP-D1",
        "goals": ["UPP-M1"],
        "lead": ["rjh"],
        "municipalities": ["are"],
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "status": "ongoing",
        "priorities": ["strength-areas"],
        "phase": "policy-mix",
        "sustainability": {"social": "contributes", "economic": "neutral", "environmental": "unknown"},
    }
    data.update(changes)
    return data


def test_activity_valid() -> None:
    activity = Activity.model_validate(_activity())
    assert activity.status is Status.ONGOING
    assert activity.period.start.isoformat() == "2026-01-01"
    assert activity.progress == 0
    assert activity.funding == []


@pytest.mark.parametrize(
    ("changes", "error_type"),
    [
        ({"stauts": "ongoing"}, "extra_forbidden"),
        ({"status": "underway"}, "enum"),
        ({"id": "upp-1"}, "string_pattern_mismatch"),
        ({"progress": 101}, "less_than_equal"),
        ({"progress": "40"}, "int_type"),
        ({"period": {"start": "2026-3-1"}}, "iso_date"),
        ({"period": {"start": 20260301}}, "iso_date"),
        ({"whole_county": "yes"}, "bool_type"),
        ({"funding": [{"source": "erdf", "instrument": "loan", "amount_sek": -1, "state": "granted"}]}, "greater_than_equal"),
        ({"goal_conflicts": [{"between": ["social"], "description": "x", "state": "identified"}]}, "too_short"),
    ],
)
def test_activity_invalid(changes: dict[str, Any], error_type: str) -> None:
    with pytest.raises(ValidationError) as info:
        Activity.model_validate(_activity(**changes))
    assert error_type in {e["type"] for e in info.value.errors()}


def test_missing_required_fields_are_reported() -> None:
    with pytest.raises(ValidationError) as info:
        Plan.model_validate({"area": "upplevelser"})
    missing = {e["loc"][0] for e in info.value.errors() if e["type"] == "missing"}
    assert missing == {"revision", "state", "meeting", "vision"}


def test_revision_year_bounds() -> None:
    base = {"area": "upplevelser", "state": "draft", "meeting": {"date": "2026-10-01", "place": "Åre"}, "vision": "v"}
    assert Plan.model_validate({**base, "revision": "2026-2"}).revision == "2026-2"
    with pytest.raises(ValidationError):
        Plan.model_validate({**base, "revision": "1999-1"})
    # a third revision in a year is a revision (issue 11); a number 0 or with a leading zero is not
    assert Plan.model_validate({**base, "revision": "2026-3"}).revision == "2026-3"
    for wrong in ("2026-0", "2026-01"):
        with pytest.raises(ValidationError):
            Plan.model_validate({**base, "revision": wrong})


@pytest.mark.parametrize("area", list(Area))
def test_bundled_plans_load(area: Area) -> None:
    source = read_source(PLANS / f"{area.value}.yaml")
    assert source.diagnostics == []
    plan = Plan.model_validate(source.data)
    assert plan.area is area
    assert len(plan.sub_areas) >= 3
    assert len(plan.goals) >= 3
    assert len(plan.indicators) >= 4
    assert len(plan.activities) >= 10
    assert {a.status for a in plan.activities} == set(Status), "every status is used"
    assert sum(len(a.goal_conflicts) for a in plan.activities) >= 2
    relevant = [a for a in plan.activities if a.sami is not None and a.sami.relevance.value != "none"]
    assert len(relevant) >= 2
    measured = [i for i in plan.indicators if len({a.period for a in i.actuals}) >= 2]
    assert len(measured) >= 4, "at least four indicators with actuals for a few periods"


def test_bundled_registry_and_coverage() -> None:
    registry = ActorRegistry.model_validate(read_source(PLANS / "actors.yaml").data)
    assert len(registry.actors) >= 25
    assert {a.helix.value for a in registry.actors} == {"business", "civil-society", "academia", "public"}
    reached = set()
    sources = set()
    for area in Area:
        plan = Plan.model_validate(read_source(PLANS / f"{area.value}.yaml").data)
        for activity in plan.activities:
            reached.update(m.value for m in activity.municipalities)
            sources.update(f.source.value for f in activity.funding)
    assert len(reached) == 8, "all eight municipalities are reached"
    assert len(sources) >= 4


def test_bundled_plans_carry_modeline() -> None:
    for path in sorted(PLANS.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = path.stem if path.stem in ("actors", "programme") else "plan"
        assert first == f"# yaml-language-server: $schema=../schemas/{schema}.schema.json"


def test_base_fixture_is_a_model(tmp_path: Path) -> None:
    plan = Plan.model_validate(read_source(BASE / "upplevelser.yaml").data)
    assert [a.id for a in plan.activities] == ["UPP-001", "UPP-002"]


def test_public_api_without_the_cli() -> None:
    import subprocess
    import sys

    code = "import rus, sys; [getattr(rus, n) for n in rus.__all__]; assert 'typer' not in sys.modules and 'rich' not in sys.modules, sorted(m for m in sys.modules if m in ('typer', 'rich'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_amounts_have_a_plausible_ceiling() -> None:
    funding = {"source": "erdf", "instrument": "project-grant", "state": "granted"}
    from rus.plans.models import Funding

    assert Funding.model_validate({**funding, "amount_sek": 1_000_000_000_000}).amount_sek == 10**12
    with pytest.raises(ValidationError):
        Funding.model_validate({**funding, "amount_sek": 10**20})


def test_atomic_write_goes_through_a_link(tmp_path: Path) -> None:
    from rus.base.fileio import write_text_atomic

    target = tmp_path / "shared" / "upp.yaml"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "upplevelser.yaml"
    link.symlink_to(target)
    write_text_atomic(link, "new\n")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new\n"
