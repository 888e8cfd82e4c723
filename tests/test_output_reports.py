"""SARIF for GitHub code scanning and JUnit XML for Jenkins and GitLab: what those readers require."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import xmlschema

from rus.base.codes import CODES
from rus.base.diagnostics import Diagnostic
from rus.plans.validation import FileResult, ValidationResult, validate_texts
from rus.render.junit import render_junit
from rus.render.sarif import DIAGNOSTICS_DOC, DIAGNOSTICS_URL, PROJECT_URL, render_sarif, sarif_rule
from tests.ci_helpers import ACTORS, INVALID_PLAN, PLAN, WARNING_PLAN, write_plans
from tests.conftest import REPO, rus_in_process

JUNIT_XSD = Path(__file__).parent / "schemas" / "JUnit.xsd"


@pytest.fixture(scope="module")
def junit_schema() -> xmlschema.XMLSchema:
    """The Ant JUnit XML schema (Windy Road, Apache 2.0: see JUnit.xsd.LICENSE beside it)."""
    return xmlschema.XMLSchema(str(JUNIT_XSD))


def _warnings_only() -> ValidationResult:
    result = validate_texts({"plans/actors.yaml": ACTORS, "plans/upplevelser.yaml": WARNING_PLAN})
    assert result.warnings and not result.errors
    return result


# --- SARIF -----------------------------------------------------------------------------------------


def _documented_anchors() -> set[str]:
    text = (REPO / DIAGNOSTICS_DOC).read_text(encoding="utf-8")
    return set(re.findall(r'<a id="([^"]+)"></a>', text))


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("code", sorted(CODES))
def test_every_rule_has_what_code_scanning_shows(code: str, lang: str) -> None:
    rule = sarif_rule(code, lang)
    for key in ("shortDescription", "fullDescription", "help"):
        text = rule[key]["text"]
        assert text.strip()
        assert not re.search(r"\{[a-z_]+\}", text)  # no template left unfilled
    # help says how to fix it without ellipses standing in for values ("Allowed values: ….")
    assert not re.search(r": …|…\.( |$)", rule["help"]["text"]), rule["help"]
    assert rule["fullDescription"]["text"].startswith(rule["shortDescription"]["text"] + " — ")
    anchor = rule["helpUri"].removeprefix(f"{DIAGNOSTICS_URL}#")
    assert anchor in _documented_anchors()
    assert rule["helpUri"] in rule["help"]["text"]


def test_every_code_has_an_anchor_in_the_documentation() -> None:
    assert {code.lower() for code in CODES} <= _documented_anchors()


def test_the_run_names_its_tool_and_roots_its_paths() -> None:
    log = json.loads(render_sarif(validate_texts({"plans/upplevelser.yaml": INVALID_PLAN}), "en"))
    run = log["runs"][0]
    assert run["tool"]["driver"]["informationUri"] == PROJECT_URL
    assert set(run["originalUriBaseIds"]) == {"SRCROOT"}
    bases = {
        loc["physicalLocation"]["artifactLocation"]["uriBaseId"]
        for result in run["results"]
        for loc in result["locations"]
    } | {artifact["location"]["uriBaseId"] for artifact in run["artifacts"]}
    assert bases == {"SRCROOT"}


def test_a_file_outside_the_repository_is_never_an_absolute_uri() -> None:
    outside = "/home/runner/secret place/plans/upplevelser.yaml"
    result = ValidationResult(
        [
            FileResult(outside, "plan", [Diagnostic(outside, 3, 1, "S002", {"key": "x", "allowed": "a"})]),
            FileResult("../elsewhere/a.yaml", "plan", [Diagnostic("../elsewhere/a.yaml", 1, 1, "F005")]),
        ]
    )
    text = render_sarif(result, "en")
    assert "file:" not in text
    assert "/home/runner" not in json.dumps(json.loads(text)["runs"][0]["artifacts"])
    results: list[dict[str, Any]] = json.loads(text)["runs"][0]["results"]
    assert [r.get("locations") for r in results] == [None, None]
    # the message still says which file
    unknown = next(r for r in results if r["ruleId"] == "S002")
    assert unknown["message"]["text"].startswith(outside + ": Unknown key `x`")


# --- JUnit -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "texts",
    [
        {"plans/actors.yaml": ACTORS, "plans/upplevelser.yaml": PLAN},
        {"plans/actors.yaml": ACTORS, "plans/upplevelser.yaml": INVALID_PLAN},
        {"plans/actors.yaml": ACTORS, "plans/upplevelser.yaml": WARNING_PLAN},
        {"plans/trasig.yaml": "area: [upplevelser,\n", "plans/tom.yaml": ""},
    ],
    ids=["valid", "errors", "warnings", "broken"],
)
@pytest.mark.parametrize("strict", [False, True])
def test_junit_is_valid_against_the_ant_schema(
    texts: dict[str, str], strict: bool, junit_schema: xmlschema.XMLSchema
) -> None:
    junit_schema.validate(render_junit(validate_texts(texts), "en", strict=strict))


def test_the_schema_check_catches_a_report_without_a_timestamp(
    junit_schema: xmlschema.XMLSchema,
) -> None:
    root = ET.fromstring(render_junit(_warnings_only(), "en"))
    suite = root.find("testsuite")
    assert suite is not None
    del suite.attrib["timestamp"]
    assert not junit_schema.is_valid(ET.tostring(root, encoding="unicode"))


def test_warnings_are_no_failed_tests_unless_strict() -> None:
    result = _warnings_only()
    root = ET.fromstring(render_junit(result, "en"))
    assert root.findall(".//failure") == []
    suite = next(s for s in root.findall("testsuite") if s.get("name") == "plans/upplevelser.yaml")
    assert suite.get("failures") == "0"
    out = suite.findtext("system-out") or ""
    assert [line.split(": [")[1][:7] for line in out.splitlines()] == ["warning"] * result.warnings
    assert "R015" in out
    strict = ET.fromstring(render_junit(result, "en", strict=True))
    assert [f.get("type") for f in strict.iter("failure")] == ["warning R015"] * result.warnings


def test_control_characters_in_plan_text_keep_the_xml_well_formed() -> None:
    result = validate_texts(
        {"plans/actors.yaml": ACTORS, "plans/upplevelser.yaml": PLAN.replace("status: planned", 'status: "on\\x01"')}
    )
    root = ET.fromstring(render_junit(result, "en"))
    (failure,) = root.iter("failure")
    assert failure.get("message") == "`on\\x01` is not an allowed value for `status`"


def test_validate_junit_follows_strict(tmp_path: Path) -> None:
    write_plans(tmp_path, WARNING_PLAN)
    done = rus_in_process("validate", "plans", "--format", "junit", cwd=tmp_path)
    assert done.returncode == 0
    assert "<failure" not in done.stdout and "R015" in done.stdout
    strict = rus_in_process("validate", "plans", "--format", "junit", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert [f.get("type") for f in ET.fromstring(strict.stdout).iter("failure")] == ["warning R015"]
