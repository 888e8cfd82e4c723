"""The region file: its model and schema, finding it, checking it, and the vocabularies it gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from rus.base.vocab import (
    AREA_PREFIX,
    CO_FUNDING_SOURCES,
    MUNICIPALITY_INFO,
    Area,
    FundingSource,
    Municipality,
    Priority,
    Programme,
    active_region,
    using_region,
)
from rus.plans.models import Plan
from rus.plans.region import BUNDLED, find_region_file, load_region, read_region
from rus.plans.schema import json_schema
from rus.plans.validation import validate_paths
from tests.conftest import BASE, REGION, REPO, run_rus, rus_in_process

REGIONS = Path(__file__).resolve().parent / "fixtures" / "regions"
COASTAL = REGIONS / "coastal.yaml"
HIGHLAND = REGIONS / "highland.yaml"


def test_the_bundled_region_file_is_the_repository_s() -> None:
    assert (BUNDLED / "jamtland-harjedalen.yaml").read_bytes() == REGION.read_bytes()


@pytest.mark.parametrize("path", [REGION, COASTAL, HIGHLAND], ids=lambda p: p.stem)
def test_region_files_pass_the_committed_schema(path: Path) -> None:
    schema = json.loads((REPO / "schemas" / "region.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_every_field_of_the_region_schema_is_bilingual() -> None:
    schema = json.loads((REPO / "schemas" / "region.schema.json").read_text(encoding="utf-8"))
    for name, definition in [("Region", schema), *schema["$defs"].items()]:
        for key, prop in definition.get("properties", {}).items():
            assert prop.get("title") and prop.get("x-title-en"), (name, key)


def test_vocabularies_come_from_the_active_region() -> None:
    with using_region(load_region(COASTAL)):
        assert [a.value for a in Area] == ["blue-economy", "food-systems", "smart-manufacturing"]
        assert [AREA_PREFIX[a] for a in Area] == ["BLU", "FOD", "MFG"]
        assert Area("food-systems").text("en") == "Food systems"
        assert len(Municipality) == 20
        assert not any(MUNICIPALITY_INFO[m].sami_area for m in Municipality)
        assert MUNICIPALITY_INFO[Municipality("saltcombe")].code == "9119"
        assert [p.value for p in Priority] == ["innovation-capacity", "green-transition", "skills", "connectivity"]
        assert set(CO_FUNDING_SOURCES) == {FundingSource("cohesion-fund"), FundingSource("innovation-agency"), FundingSource("industry")}
        assert Programme("coastal-cohesion").info.source == "cohesion-fund"
        assert active_region().report_languages == ("en",)
        assert "upplevelser" not in Area
        with pytest.raises(ValueError, match="not a valid Area"):
            Area("upplevelser")
    with using_region(load_region(HIGHLAND)):
        assert len(Area) == 6 and len(Municipality) == 20 and len(Priority) == 1


def test_the_plan_model_checks_against_the_active_region() -> None:
    data = yaml.safe_load((BASE / "upplevelser.yaml").read_text(encoding="utf-8"))
    Plan.model_validate(data)  # the bundled region (RUS_REGION in the tests)
    with using_region(load_region(COASTAL)):
        with pytest.raises(ValidationError) as caught:
            Plan.model_validate(data)
        assert {e["loc"][0] for e in caught.value.errors()} >= {"area"}
        schema = json_schema(Plan, "plan.schema.json")
        assert schema["$defs"]["Area"]["enum"] == ["blue-economy", "food-systems", "smart-manufacturing"]
        assert schema["$defs"]["Area"]["x-labels"]["blue-economy"] == {"sv": "Blå ekonomi", "en": "Blue economy"}
        assert len(schema["$defs"]["Municipality"]["enum"]) == 20


def test_the_region_file_is_found_above_the_plans_up_to_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "outer" / "repo"
    (repo / "plans" / "nested").mkdir(parents=True)
    (repo / ".git").mkdir()
    shutil.copy(COASTAL, tmp_path / "outer" / "region.yaml")  # above the repository: not its region
    assert find_region_file(repo / "plans" / "nested") is None
    shutil.copy(COASTAL, repo / "region.yaml")
    assert find_region_file(repo / "plans" / "nested") == (repo / "region.yaml").absolute()
    assert find_region_file(repo / "plans" / "nested" / "x.yaml") == (repo / "region.yaml").absolute()


def _repo_with(tmp_path: Path, region_text: str) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root / "plans")
    (root / ".git").mkdir()
    (root / "region.yaml").write_text(region_text, encoding="utf-8")
    return root


def test_validate_without_a_region_file_is_a_finding(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root / "plans")
    (root / ".git").mkdir()
    done = rus_in_process("validate", "--format", "parsable", cwd=root, env={"RUS_REGION": ""})
    assert done.returncode == 1
    assert done.stdout == "region.yaml:1:1: [error] No region file (region.yaml) was found for these plans (G001)\n"
    assert "rus init --region FILE" in rus_in_process("validate", cwd=root, env={"RUS_REGION": ""}).stdout
    sv = rus_in_process("validate", cwd=root, env={"RUS_REGION": "", "RUS_LANG": "sv"})
    assert "Ingen regionfil (region.yaml) hittades för de här planerna" in sv.stdout


def test_region_findings_are_located_and_come_first(tmp_path: Path) -> None:
    text = REGION.read_text(encoding="utf-8").replace("    prefix: DIG\n", "    prefix: UPP\n")
    root = _repo_with(tmp_path, text)
    line = text.splitlines().index("    prefix: UPP", text.splitlines().index("    prefix: UPP") + 1) + 1
    first = text.splitlines().index("    prefix: UPP") + 1
    done = rus_in_process("validate", "--format", "parsable", cwd=root)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        f"region.yaml:{line}:13: [error] The id prefix `UPP` is defined twice in the region file (first on line {first}) (G002)"
    )


def test_a_region_file_that_fails_its_schema_stops_the_plans_being_checked(tmp_path: Path) -> None:
    text = REGION.read_text(encoding="utf-8").replace("report_languages: [sv, en]", "report_languages: [sv, de]")
    root = _repo_with(tmp_path, text)
    (root / "plans" / "upplevelser.yaml").write_text("area: nowhere\n", encoding="utf-8")
    done = rus_in_process("validate", "--format", "json", cwd=root)
    assert done.returncode == 1
    diagnostics = json.loads(done.stdout)["diagnostics"]
    line = text.splitlines().index("report_languages: [sv, de]") + 1
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in diagnostics] == [("region.yaml", line, 24, "S003")]
    assert "`de` is not an allowed value for `report_languages`" in diagnostics[0]["message"]


def test_a_newer_edition_of_the_region_file_says_so(tmp_path: Path) -> None:
    root = _repo_with(tmp_path, REGION.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: 3"))
    done = rus_in_process("validate", "--format", "parsable", cwd=root)
    assert done.returncode == 1
    line = REGION.read_text(encoding="utf-8").splitlines().index("schema_version: 2") + 1
    assert done.stdout == f"region.yaml:{line}:17: [error] The region file is of schema version 3; this version of rus reads version 2 (G004)\n"


def test_a_programme_names_a_funding_source_of_the_region() -> None:
    text = COASTAL.read_text(encoding="utf-8").replace("    source: cohesion-fund\n", "    source: cohesion-funds\n")
    source, region = read_region_text(text)
    assert region is not None
    assert [(d.code, d.params["ref"]) for d in source.diagnostics] == [("R003", "cohesion-funds")]


def read_region_text(text: str) -> tuple[object, object]:
    from rus.plans.region import parse_region

    source, region = parse_region(text.encode("utf-8"), "region.yaml")
    return source, region


def test_the_region_file_among_the_paths_is_not_a_plan(tmp_path: Path) -> None:
    root = _repo_with(tmp_path, REGION.read_text(encoding="utf-8"))
    done = rus_in_process("validate", ".", cwd=root)
    assert done.returncode == 0, done.stdout
    assert "F006" not in done.stdout


def test_whole_county_asks_for_sami_relevance_only_where_there_is_a_sami_area(tmp_path: Path) -> None:
    plan = yaml.safe_load((BASE / "upplevelser.yaml").read_text(encoding="utf-8"))
    activity = plan["activities"][0]
    activity.pop("sami", None)
    activity["municipalities"] = []
    activity["whole_county"] = True
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(BASE / "actors.yaml", folder / "actors.yaml")
    (folder / "upplevelser.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    assert "R011" in [d.code for d in validate_paths([folder]).diagnostics]
    # the same plan in a region without a Sámi administrative area (its own names for the rest)
    (tmp_path / ".git").mkdir()
    text = REGION.read_text(encoding="utf-8").replace("    sami_administrative_area: true\n", "")
    (tmp_path / "region.yaml").write_text(text, encoding="utf-8")
    assert "R011" not in [d.code for d in validate_paths([folder]).diagnostics]


def test_read_region_reports_an_unreadable_file(tmp_path: Path) -> None:
    source, region = read_region(tmp_path / "region.yaml")
    assert region is None
    assert [d.code for d in source.diagnostics] == ["F001"]


def test_a_checked_region_file_is_kept_by_content_and_read_back_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rus.plans import regionfile
    from rus.plans.region import load_checked

    monkeypatch.setenv("RUS_CACHE_DIR", str(tmp_path / "cache"))
    raw = COASTAL.read_bytes()
    assert regionfile.load(raw) is None
    checked = load_checked(COASTAL)
    kept = regionfile.read_cached(COASTAL)
    assert kept is not None
    assert (kept.name, kept.schema_version, kept.report_languages, kept.entries, kept.digest, kept.file) == (
        checked.name, checked.schema_version, checked.report_languages, checked.entries, checked.digest, checked.file,
    )
    # a file with findings is never kept; a damaged entry is passed over
    bad = tmp_path / "region.yaml"
    bad.write_text(COASTAL.read_text(encoding="utf-8").replace("    prefix: FOD\n", "    prefix: BLU\n"), encoding="utf-8")
    read_region(bad)
    assert regionfile.read_cached(bad) is None
    for entry in (tmp_path / "cache").iterdir():
        entry.write_text("{", encoding="utf-8")
    assert regionfile.read_cached(COASTAL) is None
    monkeypatch.setenv("RUS_CACHE_DIR", "")
    load_checked(COASTAL)
    assert regionfile.read_cached(COASTAL) is None


def test_validate_reads_a_known_region_file_from_the_cache(tmp_path: Path) -> None:
    root = _repo_with(tmp_path, REGION.read_text(encoding="utf-8"))
    cache = tmp_path / "cache"
    first = rus_in_process("validate", cwd=root, env={"RUS_CACHE_DIR": str(cache)})
    assert first.returncode == 0, first.stdout
    assert len(list(cache.glob("region-*.marshal"))) == 1
    # read from the cache by a new process (the installed command)
    second = run_rus("validate", "--format", "json", cwd=root, env={"RUS_CACHE_DIR": str(cache)})
    assert second.returncode == 0 and json.loads(second.stdout)["summary"]["errors"] == 0
    # a changed file is another key: checked again, with its findings
    (root / "region.yaml").write_text(REGION.read_text(encoding="utf-8").replace("    prefix: DIG\n", "    prefix: UPP\n"), encoding="utf-8")
    third = rus_in_process("validate", "--format", "parsable", cwd=root, env={"RUS_CACHE_DIR": str(cache)})
    assert third.returncode == 1 and "(G002)" in third.stdout
