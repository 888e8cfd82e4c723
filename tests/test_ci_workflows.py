"""The workflow files: valid YAML, and their commands run for real in a two-branch repository.

Steps that use third-party actions (checkout, setup-python, upload-sarif, github-script) and the
install steps are not run: the tests stand in for them with a clone made here and this checkout.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ci_helpers import BAD_TRANSITION, GOOD_CHANGE, ci_env, pull_request_clone

PROJECT = Path(__file__).resolve().parents[1]
GITHUB_WORKFLOWS = [
    PROJECT / ".github" / "workflows" / "ci.yml",
    PROJECT / "docs" / "examples" / "github-actions.yml",
]
GITLAB_CI = PROJECT / "docs" / "examples" / "gitlab-ci.yml"
CLEARED = (
    "GITHUB_ACTIONS",
    "GITHUB_BASE_REF",
    "GITHUB_STEP_SUMMARY",
    "RUNNER_TEMP",
    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
)


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def bash(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """One step's command, as the runners run it (bash, stop at the first failure)."""
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True, text=True
    )


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(extra)
    return env


@pytest.mark.parametrize("path", [*GITHUB_WORKFLOWS, GITLAB_CI], ids=lambda p: p.name)
def test_workflow_files_are_valid_yaml(path: Path) -> None:
    data = load(path)
    assert isinstance(data, dict) and data


def plan_check_steps(path: Path) -> list[dict[str, Any]]:
    """The steps of the job that checks the plans, and that job's check step."""
    jobs = load(path)["jobs"]
    steps: list[dict[str, Any]] = jobs["plans"]["steps"]
    return steps


@pytest.mark.parametrize("path", GITHUB_WORKFLOWS, ids=lambda p: p.name)
def test_github_checkout_fetches_the_history_and_may_comment(path: Path) -> None:
    data = load(path)
    job = data["jobs"]["plans"]
    checkout = next(
        s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout")
    )
    assert checkout["with"]["fetch-depth"] == 0
    assert job["permissions"]["pull-requests"] == "write"
    assert job["permissions"]["security-events"] == "write"
    triggers = data[True]  # PyYAML reads the key `on` under YAML 1.1, as the boolean true
    assert "pull_request" in triggers


@pytest.mark.slow
@pytest.mark.parametrize("path", GITHUB_WORKFLOWS, ids=lambda p: p.name)
@pytest.mark.parametrize(
    ("head", "expected"), [(GOOD_CHANGE, 0), (BAD_TRANSITION, 1)], ids=["good", "bad"]
)
def test_github_run_steps(tmp_path: Path, path: Path, head: str, expected: int) -> None:
    clone = pull_request_clone(tmp_path, head)
    env = base_env(**ci_env(tmp_path))
    commands = [
        s["run"]
        for s in plan_check_steps(path)
        if "run" in s and not s.get("name", "").startswith("Install")
    ]
    assert commands and all("rus ci" in c for c in commands)
    for command in commands:
        done = bash(command, clone, env)
        assert done.returncode == expected, done.stdout + done.stderr
    runner = Path(env["RUNNER_TEMP"])
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert summary.startswith("## Plankontroll mot `main`")  # the workflows ask for Swedish
    assert "UPP-001" in summary
    assert (runner / "rus-comment.md").read_text(encoding="utf-8").startswith("<!-- rus-ci -->")
    # The later steps read these files: the SARIF upload and the comment script name them.
    steps = plan_check_steps(path)
    sarif_step = next(
        s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")
    )
    assert sarif_step["with"]["sarif_file"] == "${{ runner.temp }}/rus.sarif"
    assert (runner / "rus.sarif").is_file() and (runner / "rus-junit.xml").is_file()
    comment_step = next(
        s for s in steps if str(s.get("uses", "")).startswith("actions/github-script")
    )
    assert comment_step["env"]["COMMENT_FILE"] == "${{ runner.temp }}/rus-comment.md"
    assert "<!-- rus-ci -->" in comment_step["with"]["script"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("head", "expected"), [(GOOD_CHANGE, 0), (BAD_TRANSITION, 1)], ids=["good", "bad"]
)
def test_gitlab_script(tmp_path: Path, head: str, expected: int) -> None:
    job = load(GITLAB_CI)["rus"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    clone = pull_request_clone(tmp_path, head)
    # GitLab checks out the merge request's commit without the target branch: drop it, so that the
    # script's own fetch is what makes it available.
    subprocess.run(["git", "update-ref", "-d", "refs/remotes/origin/main"], cwd=clone, check=True)
    env = base_env(CI="true", CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main", NO_COLOR="1")
    env.pop("RUS_NOTE_TOKEN", None)
    status = 0
    for command in job["script"]:
        done = bash(command, clone, env)
        status = done.returncode
        if status:
            break
    assert status == expected, done.stdout + done.stderr
    for command in job["after_script"]:
        assert bash(command, clone, env).returncode == 0
    for artifact in [*job["artifacts"]["paths"], job["artifacts"]["reports"]["junit"]]:
        assert (clone / artifact).is_file(), artifact
    assert (clone / "rus-comment.md").read_text(encoding="utf-8").startswith("<!-- rus-ci -->")
    if expected:
        assert "(H001)" in done.stdout
