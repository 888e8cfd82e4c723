"""The programme file (programme.yaml): the EU's fulfilment criteria, goal conflicts across areas, actors abroad."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rus.base.vocab import COUNTRY_CODES, Criterion
from rus.plans.models import Plan, ProgrammeFile
from rus.plans.programme import check_programme_refs
from rus.plans.rules import CrossIndex, revision_key
from rus.plans.source import read_source
from rus.plans.validation import file_kind, model_of, validate_paths
from rus.timeline.history import build_planset, parse_file
from rus.writing.formatting import format_text
from tests.conftest import PLANS, REPO, run_rus
from tests.programme_helpers import INVALID, fixture_set


def _expected() -> dict[str, list[tuple[int, int, str]]]:
    table: dict[str, list[tuple[int, int, str]]] = {}
    for raw in (INVALID / "EXPECTED").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            name, *items = raw.split()
            table[name] = [(int(line), int(col), code) for line, col, code in (i.split(":") for i in items)]
    return table


EXPECTED = _expected()


def test_every_variant_has_expectations_and_every_new_code_a_variant() -> None:
    assert sorted(p.name for p in INVALID.glob("*.yaml")) == sorted(EXPECTED)
    covered = {code for found in EXPECTED.values() for _, _, code in found}
    assert {f"P{n:03d}" for n in range(1, 15)} | {"R040"} <= covered


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_variant(name: str, tmp_path: Path) -> None:
    plans = fixture_set(tmp_path / "plans", name)
    result = validate_paths([plans], display_root=plans)
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == EXPECTED[name]
    for diagnostic in result.diagnostics:
        for lang in ("sv", "en"):
            assert diagnostic.message(lang) and "{" not in diagnostic.message(lang), diagnostic.message(lang)
            assert "{" not in diagnostic.hint(lang), diagnostic.hint(lang)


def test_the_valid_set_has_no_findings(tmp_path: Path) -> None:
    plans = fixture_set(tmp_path / "plans")
    assert validate_paths([plans]).diagnostics == []


def test_references_resolve_whatever_the_order_of_the_files(tmp_path: Path) -> None:
    # the plan sorts after the programme file: its ids are known only when every file is read
    plans = fixture_set(tmp_path / "plans", "04-unknown-activity.yaml")
    (plans / "upplevelser.yaml").rename(plans / "zz-upplevelser.yaml")
    codes = [d.code for d in validate_paths([plans]).diagnostics]
    assert codes.count("P004") == 1 and "R019" in codes  # the file name now mismatches the area


def test_messages_in_swedish(tmp_path: Path) -> None:
    plans = fixture_set(tmp_path / "plans", "01-criterion-missing.yaml")
    (finding,) = validate_paths([plans]).diagnostics
    assert finding.message("sv") == "Det saknas underlag för uppfyllandekriterium 6 (industriell omställning)"
    assert "`criterion: industrial-transition`" in finding.hint("sv")


def test_the_bundled_programme_evidences_all_seven_criteria() -> None:
    result = validate_paths([PLANS])
    assert result.diagnostics == []
    assert "programme" in [f.kind for f in result.files]
    source = read_source(PLANS / "programme.yaml")
    programme = ProgrammeFile.model_validate(source.data)
    assert [c.criterion for c in programme.criteria] == list(Criterion)
    assert all(c.documents or c.meetings or c.indicators or c.activities for c in programme.criteria)
    # the cross-area conflict: wind power, reindeer husbandry and tourism, in three strength areas
    wind = next(c for c in programme.conflicts if c.id == "MK-1")
    prefixes = {ident.split("-")[0] for side in wind.sides for ident in (*side.goals, *side.activities)}
    assert {"ENE", "JSV", "UPP"} <= prefixes


def test_criterion_seven_is_met_by_an_actor_abroad_in_the_bundled_registry() -> None:
    registry = read_source(PLANS / "actors.yaml").data
    abroad = {a["id"] for a in registry["actors"] if a.get("country", "SE") != "SE"}
    plans = [Plan.model_validate(read_source(p).data) for p in sorted(PLANS.glob("*.yaml")) if file_kind(read_source(p).data, p.name) == "plan"]
    cited = next(c for c in ProgrammeFile.model_validate(read_source(PLANS / "programme.yaml").data).criteria
                 if c.criterion is Criterion.INTERNATIONAL_COOPERATION).activities
    actors = {p.actor for plan in plans for a in plan.activities if a.id in cited for p in a.partners}
    assert actors & abroad


def test_the_criteria_are_the_regulation_s_seven_in_order() -> None:
    assert [c.number for c in Criterion] == [1, 2, 3, 4, 5, 6, 7]
    assert Criterion.RESPONSIBLE_BODY.label.en_desc.startswith("Existence of competent regional or national institution or body")
    assert "entreprenöriell upptäcktsprocess" in Criterion.STAKEHOLDER_COOPERATION.label.sv_desc
    assert len(COUNTRY_CODES) == 249 and {"SE", "NO", "FI"} <= COUNTRY_CODES and "EU" not in COUNTRY_CODES


def test_file_kind_and_model_are_told_in_one_place() -> None:
    assert file_kind({"programme": {}}, "x.yaml") == "programme"
    assert file_kind({"criteria": []}, "x.yaml") == "programme"
    assert file_kind({"documents": []}, "x.yaml") == "plan"  # a key plans have too
    assert file_kind({}, "programme.yaml") == "programme"
    assert file_kind({"area": "upplevelser", "criteria": []}, "x.yaml") == "plan"
    assert model_of("programme") is ProgrammeFile and model_of(None, "programme.yaml") is ProgrammeFile
    assert model_of(None, "upplevelser.yaml") is Plan


def test_revisions_are_ordered_as_numbers() -> None:
    assert revision_key("2026-10") > revision_key("2026-2") > revision_key("2025-9")


def test_no_plans_means_nothing_to_resolve() -> None:
    assert check_programme_refs(CrossIndex()) == []


def test_fmt_keeps_the_bundled_programme_as_it_is() -> None:
    text = (PLANS / "programme.yaml").read_text(encoding="utf-8")
    assert format_text(text, "programme.yaml") == text


def test_fmt_orders_the_keys_as_the_model(tmp_path: Path) -> None:
    text = (INVALID.parent / "programme.yaml").read_text(encoding="utf-8")
    swapped = text.replace("  name: Program för smart specialisering\n  reference: RS/1/2021\n",
                           "  reference: RS/1/2021\n  name: Program för smart specialisering\n")
    assert swapped != text
    assert "  name: Program för smart specialisering\n  reference: RS/1/2021\n" in format_text(swapped, "programme.yaml")


def test_history_reads_a_programme_file_beside_the_plans() -> None:
    files = {f"plans/{p.name}": parse_file(f"plans/{p.name}", p.read_bytes()) for p in sorted(PLANS.glob("*.yaml"))}
    planset = build_planset(files, "HEAD", None)
    assert isinstance(planset.models["plans/programme.yaml"], ProgrammeFile)
    assert planset.registry is not None and len(planset.plans) == 4
    assert planset.area_of("plans/programme.yaml") is None


def test_the_programme_schema_labels_the_criteria() -> None:
    import json

    schema = json.loads((REPO / "schemas" / "programme.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Programfil"
    assert schema["$defs"]["Criterion"]["enum"] == [c.value for c in Criterion]
    assert schema["$defs"]["Criterion"]["x-labels"]["international-cooperation"]["sv"] == "Samarbete med partner utanför medlemsstaten"


@pytest.mark.slow
def test_rus_validate_reports_the_programme_file_end_to_end(tmp_path: Path) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    shutil.copy(REPO / "region.yaml", tmp_path / "region.yaml")
    path = tmp_path / "plans" / "programme.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("      - DIG-012\n", "      - DIG-021\n"), encoding="utf-8")
    done = run_rus("validate", "plans", "--format", "parsable", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == ["plans/programme.yaml:48:9: [error] `DIG-021` does not refer to any activity in the plans (P004)"]


def test_rus_fix_repairs_a_misspelt_criterion_and_member_state(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rus.cli import app

    plans = fixture_set(tmp_path / "plans", "15-unknown-criterion.yaml")
    path = plans / "programme.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  member_state: SE\n", "  member_state: se\n"), encoding="utf-8")
    done = CliRunner().invoke(app, ["fix", str(plans)])
    assert done.exit_code == 0, done.stderr
    text = path.read_text(encoding="utf-8")
    assert "  - criterion: industrial-transition\n" in text and "  member_state: SE\n" in text
    assert validate_paths([plans]).diagnostics == []


def test_rus_actor_add_records_a_country_and_refuses_one_that_is_not(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rus.cli import app

    plans = fixture_set(tmp_path / "plans")
    runner = CliRunner()
    done = runner.invoke(app, ["actor", "add", "nord", "--name", "Nord universitet", "--helix", "academia", "--country", "no",
                               "--plans", str(plans)])
    assert done.exit_code == 0, done.stderr
    registry = read_source(plans / "actors.yaml").data
    assert registry["actors"][-1] == {"id": "nord", "name": "Nord universitet", "helix": "academia", "country": "NO"}
    before = (plans / "actors.yaml").read_bytes()
    refused = runner.invoke(app, ["actor", "add", "other", "--name", "X", "--helix", "business", "--country", "XX",
                                  "--plans", str(plans)])
    assert refused.exit_code == 1 and "R040" in refused.stderr and "--country" in refused.stderr
    assert (plans / "actors.yaml").read_bytes() == before


@pytest.mark.parametrize(("text", "row", "found"), [
    ("meetings:\n  - area: upplevelser\n    revision: 2026-2\n", 2, "upplevelser"),
    ("meetings:\n  - revision: 2026-2\n    area: 'upplevelser'  # note\n", 1, "upplevelser"),
    ("meetings:\n  - area: a\n    revision: 2026-1\n  - revision: 2026-2\n", 3, None),  # the next item's area is not this one's
    ("meetings:\n  - area: a\n  # a comment\n    revision: 2026-2\n", 3, "a"),
    ("revision: 2026-2\n", 0, None),  # not in a list item
    ("    revision: 2026-2\n", 0, None),
])
def test_a_meeting_s_area_is_read_from_its_own_list_item(text: str, row: int, found: str | None) -> None:
    from rus.lsp.features import _sibling

    assert _sibling(text.split("\n"), row, "area") == found


def test_a_conflict_in_the_programme_file_records_an_activity_s_risk(tmp_path: Path) -> None:
    plans = fixture_set(tmp_path / "plans")
    plan = plans / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    own = ("    goal_conflicts:\n      - between: [environmental, economic]\n        description: Slitage på känslig mark.\n"
           "        handling: Leder dras utanför kalvningsland.\n        state: handling\n")
    assert own in text
    plan.write_text(text.replace(own, ""), encoding="utf-8")
    # MK-1 in the programme file names UPP-001 on one of its sides: the risk has its conflict
    assert validate_paths([plans]).diagnostics == []
    programme = plans / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        "      - interest: Cykelturism\n        activities: [UPP-001]\n", "      - interest: Cykelturism\n        goals: [UPP-M1]\n"),
        encoding="utf-8")
    assert [(d.path, d.code) for d in validate_paths([plans], display_root=plans).diagnostics] == [("upplevelser.yaml", "R012")]
