"""The rule registry: one unit per rule code, checks on models built in memory, findings by path."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import rus.plans.region  # noqa: F401  (registers the region file's rules)
from rus.base.codes import CODES
from rus.base.i18n import translate
from rus.base.rationales import RATIONALES
from rus.plans.models import ActorRegistry, Plan, ProgrammeFile
from rus.plans.programme import check_programme, check_programme_refs
from rus.plans.rules import CrossIndex, Partial, check_actor_registry, check_cross, check_plan
from rus.plans.ruleset import REGISTRY, Finding, LineOf, Place, rule, run, to_diagnostics
from rus.plans.validation import validate_paths
from rus.timeline.transitions import Transition  # registers the transition rules (H)
from tests.conftest import BASE

RULE_FAMILIES = ("R", "P", "H")


def test_every_rule_code_has_exactly_one_unit_and_every_unit_a_code() -> None:
    # every R, P and H code is a rule, and of the region file's codes the one that is not about
    # finding or reading the file (G002: a value defined twice)
    rule_codes = {code for code in CODES if code.startswith(RULE_FAMILIES)} | {"G002"}
    assert set(REGISTRY) == rule_codes
    assert set(RATIONALES) == rule_codes
    for code, unit in REGISTRY.items():
        assert unit.code == code
        assert unit.checks, f"{code} has no check"
        assert unit.entry is CODES[code]
        assert (unit.slug, unit.severity, unit.message, unit.hint) == (
            CODES[code].name, CODES[code].severity, CODES[code].message, CODES[code].hint)
        assert unit.rationale == RATIONALES[code]
        assert translate(unit.rationale, "sv") != unit.rationale, f"{code}'s rationale has no Swedish"


def test_a_unit_is_registered_once_per_kind_of_file_and_only_for_a_known_code() -> None:
    with pytest.raises(ValueError, match="already has a check"):
        rule("R004", "plan")(lambda context: [])
    with pytest.raises(KeyError, match="not a diagnostic code"):
        rule("R999", "plan")
    with pytest.raises(KeyError, match="no rationale"):
        rule("S001", "plan")  # a schema code is not a rule of the domain


def _activity(**changes: Any) -> dict[str, Any]:
    """A valid activity as the data a plan is validated from, with keys replaced by ``changes``."""
    return {
        "id": "UPP-001", "title": "Cykelleder i Åre", "sub_area": "UPP-D1", "goals": ["UPP-M1"],
        "lead": ["rjh"], "municipalities": ["are"], "period": {"start": date(2026, 1, 1), "end": date(2027, 12, 31)},
        "status": "ongoing", "progress": 40, "priorities": ["strength-areas"], "national_areas": ["innovation"],
        "phase": "policy-mix", "sustainability": {"social": "contributes", "economic": "neutral", "environmental": "neutral"},
        "sami": {"relevance": "none"},
        **changes,
    }


def _plan(**changes: Any) -> Plan:
    """A small valid plan built in Python (no YAML), with top-level keys replaced by ``changes``."""
    data: dict[str, Any] = {
        "schema_version": 2, "area": "upplevelser", "revision": "2026-2", "state": "adopted",
        "meeting": {"date": date(2026, 10, 8), "place": "Funäsdalen", "participants": ["rjh"], "cycle": ["evaluation"]},
        "vision": "En levande destination året runt.",
        "sub_areas": [{"id": "UPP-D1", "name": "Året runt-turism"}],
        "goals": [{"id": "UPP-M1", "title": "Fler året runt-jobb", "sub_areas": ["UPP-D1"]}],
        "indicators": [{
            "id": "UPP-I1", "goal": "UPP-M1", "name": "Antal helårsanställda", "kind": "output", "unit": "antal",
            "definition": "Personer.", "method": "Registret.", "source": "SCB", "frequency": "yearly",
            "baseline": {"value": 100, "year": 2021}, "target": {"value": 160, "year": 2027},
        }],
        "activities": [_activity(), _activity(id="UPP-002")],
    }
    data.update(changes)
    return Plan.model_validate(data)


def test_a_valid_plan_in_memory_has_no_findings() -> None:
    index = CrossIndex()
    assert check_plan(_plan(), None, index, "upplevelser.yaml") == []
    assert {"UPP-001", "UPP-002", "UPP-M1", "UPP-I1"} <= index.plan_ids
    assert [(actor, place.loc) for actor, place in index.actor_refs][:2] == [
        ("rjh", ("activities", 0, "lead", 0)), ("rjh", ("activities", 1, "lead", 0))]


def test_the_rules_run_on_a_plan_in_memory_and_locate_by_path() -> None:
    plan = _plan(activities=[
        _activity(id="UPP-002", funding=[{"source": "erdf", "instrument": "project-grant", "amount_sek": 1000, "state": "applied", "year": 2026,
                                          "payments": [{"year": 2026, "amount_sek": 500}]}]),
        _activity(id="UPP-002", status="completed", progress=90, whole_county=True),
    ])
    found = check_plan(plan, None, CrossIndex(), "kopia.yaml")
    located = sorted((f.code, f.at, f.key) for f in found if not isinstance(f.at, Place))
    assert located == [
        ("R001", ("activities", 1, "id"), False),
        ("R008", ("activities", 1, "progress"), False),
        ("R018", ("activities", 1, "whole_county"), False),
        ("R019", ("area",), False),
        ("R024", ("activities", 0, "funding", 0, "payments"), True),
    ]
    by_code = {f.code: f for f in found}
    assert by_code["R008"].params == {"progress": 90}
    # the other place of a duplicate id is a path too, in memory (not located: no file)
    assert str(by_code["R001"].params["other"]) == "kopia.yaml:activities.0.id"
    assert by_code["R019"].params == {"name": "kopia.yaml", "area": "upplevelser", "expected": "upplevelser.yaml"}


def test_the_registry_runs_a_subset_of_codes() -> None:
    plan = _plan(meeting={"date": date(2025, 10, 8), "place": "Åre", "participants": []})
    codes = sorted(f.code for f in check_plan(plan, None, CrossIndex(), "upplevelser.yaml"))
    assert codes == ["R013", "R039"]
    from rus.plans.rules import PlanContext

    context = PlanContext(file="upplevelser.yaml", index=CrossIndex(), plan=plan, file_name="upplevelser.yaml")
    assert [f.code for f in run("plan", context, codes=["R039"])] == ["R039"]


def test_the_actor_registry_and_the_programme_in_memory() -> None:
    registry = ActorRegistry.model_validate({"schema_version": 2, "actors": [
        {"id": "rjh", "name": "Region Jämtland Härjedalen", "helix": "public"},
        {"id": "rjh", "name": "Igen", "helix": "public", "country": "XX"},
        {"id": "nor", "name": "Norsk partner", "helix": "business", "country": "QQ"},
    ]})
    index = CrossIndex()
    found = check_actor_registry(registry, None, index)
    assert [(f.code, f.at) for f in found] == [("R001", ("actors", 1, "id")), ("R040", ("actors", 2, "country"))]
    assert index.actor_countries == {"nor": "QQ"}

    programme = ProgrammeFile.model_validate({
        "schema_version": 2,
        "programme": {"name": "Program", "reference": "RS/1/2021", "responsible_body": "rjh", "member_state": "SE",
                      "period": {"start": date(2021, 1, 1), "end": date(2027, 12, 31)}},
        "criteria": [{"criterion": "innovation-analysis", "summary": "Analys."},
                     {"criterion": "innovation-analysis", "summary": "Igen.", "documents": ["RS/1/2021"]}],
    })
    found = check_programme(programme, None, index)
    codes = [(f.code, f.at if not isinstance(f.at, Place) else "top") for f in found]
    assert ("P002", ("criteria", 1, "criterion")) in codes
    assert ("P003", ("criteria", 0, "criterion")) in codes
    assert codes.count(("P001", ("criteria",))) == 6  # at the `criteria:` key
    twice = next(f for f in found if f.code == "P002")
    assert isinstance(twice.params["other"], LineOf)
    assert twice.params["other"].shown() == "criteria.0.criterion"
    # a second programme file is reported once and not checked further
    assert [f.code for f in check_programme(programme, None, index, "annan.yaml")] == ["P014"]


def test_the_runner_locates_paths_places_and_lines() -> None:
    kept = Place("a.yaml", ("goals", 0, "id"))
    elsewhere = Place("b.yaml", ("x",), line=7, column=3)
    findings = [
        Finding("R020", ("goals", 1, "id"), {"id": "M2"}),
        Finding("R001", ("goals", 2, "id"), {"id": "M1", "other": kept}),
        Finding("P008", ("goals", 3), {"id": "K", "other": LineOf(kept)}, key=True),
        Finding("R003", elsewhere, {"ref": "x"}),
    ]

    def locate(loc: tuple[str | int, ...], key: bool) -> tuple[int, int]:
        return 10 * int(loc[1]) + (1 if key else 0), len(loc)

    out = list(to_diagnostics(findings, "a.yaml", locate, [kept], moved=lambda loc: (loc[0], int(loc[1]) + 1, *loc[2:])))
    assert (kept.line, kept.column) == (10, 3)  # the kept place located (and moved) first
    assert [(d.path, d.line, d.column, d.code) for d in out] == [
        ("a.yaml", 20, 3, "R020"), ("a.yaml", 30, 3, "R001"), ("a.yaml", 41, 2, "P008"), ("b.yaml", 7, 3, "R003")]
    assert out[1].params["other"] == "a.yaml:10"
    assert out[2].params["other"] == 10


def test_partial_positions_map_a_path_in_the_model_to_the_file() -> None:
    partial = Partial({"activities": [1, 3]}, {}, frozenset({"activities"}))
    assert partial.moved(("activities", 0, "status")) == ("activities", 1, "status")
    assert partial.moved(("activities", 1)) == ("activities", 3)
    assert partial.moved(("meeting", "participants", 0)) == ("meeting", "participants", 0)


def test_findings_on_a_partial_plan_stand_at_the_items_in_the_file(tmp_path: Path) -> None:
    """The first activity fails the schema; the second's findings stand at its own lines."""
    shutil.copy(BASE / "actors.yaml", tmp_path / "actors.yaml")
    text = (BASE / "upplevelser.yaml").read_text(encoding="utf-8")
    text = text.replace("    status: ongoing\n", "    status: ongoign\n", 1)
    text = text.replace("    status: completed\n    progress: 100", "    status: completed\n    progress: 90", 1)
    text = text.replace("    lead: [rjh]\n", "    lead: [rjhh]\n", 1)
    (tmp_path / "upplevelser.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    result = validate_paths([tmp_path], display_root=tmp_path)
    found = [(d.code, d.line, d.column) for d in result.diagnostics]
    progress = next(i for i, line in enumerate(lines, 1) if line == "    progress: 90")
    lead = next(i for i, line in enumerate(lines, 1) if line == "    lead: [rjhh]")
    assert found == [("S003", 55, 13), ("R003", lead, 12), ("R008", progress, 15)]


def test_references_across_files_are_resolved_from_kept_places() -> None:
    index = CrossIndex()
    check_plan(_plan(), None, index, "upplevelser.yaml")
    # no registry read: one R021 at the top of the first file with a reference
    assert [(path, [(d.line, d.code) for d in found]) for path, found in check_cross(index, [])] == [
        ("upplevelser.yaml", [(1, "R021")])]
    registry = ActorRegistry.model_validate({"schema_version": 2, "actors": [{"id": "miun", "name": "Mittuniversitetet", "helix": "academia"}]})
    check_actor_registry(registry, None, index)
    unknown = [d for _, found in check_cross(index, []) for d in found]
    assert {d.code for d in unknown} == {"R003"} and len(unknown) == 3
    assert check_programme_refs(index) == []


def test_code_scanning_shows_why_a_rule_exists() -> None:
    from rus.render.sarif import sarif_rule

    for lang in ("en", "sv"):
        full = sarif_rule("R012", lang)["fullDescription"]["text"]
        assert translate(RATIONALES["R012"], lang) in full
    assert "Målkonflikter ska synliggöras" in sarif_rule("R012", "sv")["fullDescription"]["text"]
    assert sarif_rule("S001", "en")["fullDescription"]["text"].count(" — ") == 1  # not a rule: no rationale


def test_the_generated_document_says_why_each_rule_exists() -> None:
    from rus.base import diagnostics_doc

    table = diagnostics_doc.table()
    why = table[table.index("### Why each rule exists") :]
    rows = [line for line in why.splitlines() if line.startswith("| [`")]
    assert [row.split("`")[1] for row in rows] == sorted(REGISTRY, key=lambda c: ("FYSRHGMP".find(c[0]), c))
    for code, unit in REGISTRY.items():
        row = next(r for r in rows if r.startswith(f"| [`{code}`](#{code.lower()})"))
        assert diagnostics_doc._cell(unit.rationale) in row
        assert diagnostics_doc._cell(translate(unit.rationale, "sv")) in row


def test_the_transition_rules_run_on_plan_sets_in_memory() -> None:
    from rus.base.vocab import Area
    from rus.plans.planset import PlanSet

    before = _plan(activities=[_activity(status="completed", progress=100, period={"start": date(2026, 1, 1), "end": date(2026, 6, 30)}),
                               _activity(id="UPP-002")])
    # UPP-001 completed -> ongoing (H001); UPP-002 gone while ongoing (H002); revision lowered (H006)
    now = _plan(revision="2026-1", activities=[_activity(status="ongoing")])
    base = PlanSet({Area.UPPLEVELSER: before}, None, {}, {Area.UPPLEVELSER: ("plans/upplevelser.yaml",)})
    context = Transition(base, "upplevelser/2026-2", {Area.UPPLEVELSER: [("plans/upplevelser.yaml", now)]}, set(), set())
    found = {(f.code, f.at.file, f.at.loc) for f in run("transitions", context) if isinstance(f.at, Place)}
    assert found == {
        ("H001", "plans/upplevelser.yaml", ("activities", 0, "status")),
        ("H002", "plans/upplevelser.yaml", ("activities",)),
        ("H006", "plans/upplevelser.yaml", ("revision",)),
    }
    # an area that cannot be judged (a file of it does not parse) gives nothing
    assert run("transitions", Transition(base, "upplevelser/2026-2", context.files, {Area.UPPLEVELSER}, set())) == []
