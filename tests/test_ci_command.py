"""``rus ci`` in real two-branch repositories: findings, transitions, the changes, and the files."""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from rus.cli import app
from rus.render.ci import COMMENT_MARKER
from tests.ci_helpers import (
    BAD_TRANSITION,
    BAD_TRANSITION_LINE,
    GOOD_CHANGE,
    INVALID_PLAN,
    INVALID_STATUS_LINE,
    PLAN,
    ci_env,
    git,
    pull_request_clone,
)

CI_VARIABLES = (
    "GITHUB_ACTIONS",
    "GITHUB_BASE_REF",
    "GITHUB_STEP_SUMMARY",
    "RUNNER_TEMP",
    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
)


def run_ci(clone: Path, env: dict[str, str], *args: str) -> tuple[int, str, str]:
    """``rus ci ARGS`` through the CLI, standing in ``clone``."""
    cwd = Path.cwd()
    os.chdir(clone)
    # The CI's variables of the machine running the tests must not leak in.
    cleared: dict[str, str | None] = dict.fromkeys(CI_VARIABLES)
    try:
        result = CliRunner().invoke(app, ["ci", *args], env={**cleared, **env})
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


def test_a_good_pull_request_passes_with_the_changes_summarised(tmp_path: Path) -> None:
    clone = pull_request_clone(tmp_path, GOOD_CHANGE)
    env = ci_env(tmp_path)
    code, out, err = run_ci(clone, env, "--lang", "en")
    assert code == 0, out + err
    assert out == ""  # no findings: no annotations
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert summary.startswith("## Plan check against `main` (merge base `")
    assert "✅ **The plans pass every check** (2 plan files checked)" in summary
    assert "UPP-001" in summary and "Barmarksleder i fjällen" in summary
    comment = (Path(env["RUNNER_TEMP"]) / "rus-comment.md").read_text(encoding="utf-8")
    assert comment.splitlines()[0] == COMMENT_MARKER
    assert comment.split("\n", 1)[1] == summary
    merge_base = git(clone, "merge-base", "origin/main", "HEAD").strip()
    assert f"Checked against main (merge base {merge_base[:7]}): The plans pass every check" in err
    assert "rus-comment.md" in err


def test_a_forbidden_transition_fails_and_is_annotated(tmp_path: Path) -> None:
    clone = pull_request_clone(tmp_path, BAD_TRANSITION)
    env = ci_env(tmp_path)
    code, out, err = run_ci(clone, env, "--lang", "en")
    assert code == 1, out + err
    annotations = out.splitlines()
    assert len(annotations) == 1
    assert annotations[0].startswith(
        f"::error file=plans/upplevelser.yaml,line={BAD_TRANSITION_LINE},col="
    )
    assert "H001" in annotations[0]
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "❌ **1 error, 0 warnings**" in summary
    assert f"`plans/upplevelser.yaml:{BAD_TRANSITION_LINE}:" in summary
    assert "H001 `forbidden-transition`" in summary
    assert "✏️" in summary  # the finding is on a line the pull request changed
    assert "UPP-001" in summary.split("H001", 1)[1]  # the changes follow the findings


def test_a_removed_activity_fails(tmp_path: Path) -> None:
    without = PLAN[: PLAN.index("activities:")] + "activities: []\n"
    clone = pull_request_clone(tmp_path, without)
    code, out, _ = run_ci(clone, ci_env(tmp_path), "--lang", "en", "--format", "parsable")
    assert code == 1
    assert "(H002)" in out


def test_a_plan_with_errors_fails_and_says_why_the_changes_are_missing(tmp_path: Path) -> None:
    clone = pull_request_clone(tmp_path, INVALID_PLAN)
    env = ci_env(tmp_path)
    code, out, _ = run_ci(clone, env, "--lang", "en")
    assert code == 1
    assert f"line={INVALID_STATUS_LINE},col=13" in out
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "S003" in summary
    assert "The changes are shown once the plans can be read" in summary


def test_outside_github_the_findings_are_text_and_files_only_when_asked(tmp_path: Path) -> None:
    clone = pull_request_clone(tmp_path, BAD_TRANSITION)
    sarif, junit, comment = tmp_path / "r.sarif", tmp_path / "r.xml", tmp_path / "c.md"
    env = {"NO_COLOR": "1", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}
    code, out, _ = run_ci(
        clone,
        env,
        "--lang",
        "en",
        "--sarif",
        str(sarif),
        "--junit",
        str(junit),
        "--comment-file",
        str(comment),
    )
    assert code == 1
    assert "H001" in out and "plans/upplevelser.yaml" in out and "::error" not in out
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["H001"]
    assert [f.get("type") for f in ET.parse(junit).iter("failure")] == ["error H001"]
    assert comment.read_text(encoding="utf-8").startswith(COMMENT_MARKER)
    assert not (clone / "rus-comment.md").exists()


def test_the_step_summary_is_appended_to(tmp_path: Path) -> None:
    clone = pull_request_clone(tmp_path, GOOD_CHANGE)
    env = ci_env(tmp_path)
    Path(env["GITHUB_STEP_SUMMARY"]).write_text("# Earlier step\n", encoding="utf-8")
    assert run_ci(clone, env, "--lang", "en")[0] == 0
    text = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## Plan check against `main`")


def test_json_holds_the_base_the_findings_and_the_changes(tmp_path: Path) -> None:
    clone = pull_request_clone(tmp_path, BAD_TRANSITION)
    code, out, _ = run_ci(clone, {"GITHUB_BASE_REF": "main"}, "--format", "json", "--lang", "en")
    assert code == 1
    data = json.loads(out)
    assert data["base"]["name"] == "main"
    assert data["base"]["source"] == "github"
    assert data["base"]["commit"] == git(clone, "merge-base", "origin/main", "HEAD").strip()
    assert [d["code"] for d in data["validation"]["diagnostics"]] == ["H001"]
    assert BAD_TRANSITION_LINE in data["changed_lines"]["plans/upplevelser.yaml"]
    items = [item for area in data["changes"]["areas"] for item in area["items"]]
    assert [(i["id"], i["change"]) for i in items] == [("UPP-001", "changed")]


def test_swedish(tmp_path: Path) -> None:
    clone = pull_request_clone(tmp_path, BAD_TRANSITION)
    env = ci_env(tmp_path)
    code, _, err = run_ci(clone, env, "--lang", "sv")
    assert code == 1
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert summary.startswith("## Plankontroll mot `main` (sammanslagningsbas `")
    assert "❌ **1 fel, 0 varningar**" in summary
    assert "Kontrollerad mot main" in err


def test_a_shallow_clone_is_a_clear_error(tmp_path: Path) -> None:
    clone = pull_request_clone(tmp_path, GOOD_CHANGE, depth=1)
    code, out, err = run_ci(clone, ci_env(tmp_path), "--lang", "en")
    assert code == 3
    assert out == ""
    assert "The clone is too shallow to reach the base `main`" in err
    assert "fetch-depth: 0" in err


def test_an_unwritable_summary_is_a_clear_error(tmp_path: Path) -> None:
    clone = pull_request_clone(tmp_path, GOOD_CHANGE)
    env = ci_env(tmp_path, GITHUB_STEP_SUMMARY=str(tmp_path / "no-such-folder" / "summary.md"))
    code, _, err = run_ci(clone, env, "--lang", "en")
    assert code == 3
    assert "Cannot write" in err and "no-such-folder" in err


def test_outside_a_git_repository(tmp_path: Path) -> None:
    code, _, err = run_ci(tmp_path, {}, "--lang", "en")
    assert code == 3
    assert "is not a git repository" in err


def test_the_installed_command(tmp_path: Path) -> None:
    """One run of the installed `rus ci` (a failing change: its exit code through the entry point);
    the other outcomes run in process (run_ci)."""
    clone = pull_request_clone(tmp_path, BAD_TRANSITION)
    env = {**os.environ, **ci_env(tmp_path)}
    done = subprocess.run(
        ["rus", "ci", "--lang", "en"], cwd=clone, env=env, capture_output=True, text=True
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Plan check against `main`" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(
        encoding="utf-8"
    )


def test_a_first_pull_request_adds_the_plans(tmp_path: Path) -> None:
    clone = pull_request_clone(tmp_path, GOOD_CHANGE)
    git(clone, "checkout", "-q", "-b", "fresh", "origin/main")
    git(clone, "rm", "-q", "-r", "plans")
    git(clone, "commit", "-q", "-m", "no plans yet")
    git(clone, "push", "-q", "origin", "fresh")
    git(clone, "checkout", "-q", "-b", "first-plans")
    git(clone, "checkout", "-q", "feature", "--", "plans")
    git(clone, "commit", "-q", "-m", "the first plans")
    env = ci_env(tmp_path, GITHUB_BASE_REF="fresh")
    code, out, err = run_ci(clone, env, "--lang", "en")
    assert code == 0, out + err
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "UPP-001" in summary  # every activity is new


def test_a_base_that_does_not_read_is_reported_not_fatal(tmp_path: Path) -> None:
    clone = pull_request_clone(tmp_path, GOOD_CHANGE, base_plan=INVALID_PLAN)
    env = ci_env(tmp_path)
    code, out, err = run_ci(clone, env, "--lang", "en")
    assert code == 0, out + err
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert (
        "The plans at the base cannot be read, so the transitions are not checked and the changes are not shown:"
        in summary
    )
    assert "plans/upplevelser.yaml" in summary.split("cannot be read", 1)[1]
