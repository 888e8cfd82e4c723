"""The pre-commit hooks, run for real: try-repo, and an installed hook that blocks a commit.

pre-commit builds a virtualenv and pip-installs this project into it, which takes a while; the
snapshot of the project and pre-commit's store are shared by the whole module, so that happens once.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ci_helpers import INVALID_PLAN, PLAN, commit_all, git, git_env, init_repo, write_plans

PROJECT = Path(__file__).resolve().parents[1]


def _precommit_env(home: Path) -> dict[str, str]:
    env = git_env()
    env["PRE_COMMIT_HOME"] = str(home)
    env["PRE_COMMIT_COLOR"] = "never"
    env["NO_COLOR"] = "1"
    env["RUS_LANG"] = "en"
    # The hook must run the rus that pre-commit installed, not this checkout through PYTHONPATH.
    env.pop("PYTHONPATH", None)
    env.pop("GITHUB_ACTIONS", None)
    return env


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A committed snapshot of this project as it is now (uncommitted changes included)."""
    snapshot = tmp_path_factory.mktemp("rus-project")
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=PROJECT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = PROJECT / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    init_repo(snapshot)
    return snapshot, commit_all(snapshot, "snapshot of rus")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache of hook environments, shared by the module's tests."""
    return tmp_path_factory.mktemp("pre-commit-home")


def run_precommit(repo: Path, store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit ARGS`` in ``repo``, through this interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        env=_precommit_env(store),
        capture_output=True,
        text=True,
        timeout=540,
    )


def test_try_repo_passes_a_valid_plan_and_blocks_an_invalid_one(
    tmp_path: Path, hook_repo: tuple[Path, str], store: Path
) -> None:
    project, _ = hook_repo
    plans = init_repo(tmp_path / "plans-repo")
    write_plans(plans, PLAN)
    commit_all(plans, "plans")
    passed = run_precommit(plans, store, "try-repo", str(project), "rus-validate", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "rus validate" in passed.stdout and "Passed" in passed.stdout

    (plans / "plans" / "upplevelser.yaml").write_text(INVALID_PLAN, encoding="utf-8")
    git(plans, "add", "plans/upplevelser.yaml")
    blocked = run_precommit(plans, store, "try-repo", str(project), "rus-validate")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "Failed" in blocked.stdout
    assert "plans/upplevelser.yaml" in blocked.stdout
    assert "32:13" in blocked.stdout and "S003" in blocked.stdout


def test_the_installed_hook_blocks_a_commit_of_an_invalid_plan(
    tmp_path: Path, hook_repo: tuple[Path, str], store: Path
) -> None:
    project, rev = hook_repo
    plans = init_repo(tmp_path / "plans-repo")
    write_plans(plans, PLAN)
    config = {"repos": [{"repo": str(project), "rev": rev, "hooks": [{"id": "rus-validate"}]}]}
    (plans / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    installed = run_precommit(plans, store, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    env = _precommit_env(store)
    first = commit_all(plans, "valid plans")

    (plans / "plans" / "upplevelser.yaml").write_text(INVALID_PLAN, encoding="utf-8")
    git(plans, "add", "plans/upplevelser.yaml")
    refused = subprocess.run(
        ["git", "commit", "-m", "a typo"], cwd=plans, env=env, capture_output=True, text=True
    )
    assert refused.returncode != 0
    assert "S003" in refused.stdout + refused.stderr
    assert git(plans, "rev-parse", "HEAD").strip() == first

    (plans / "plans" / "upplevelser.yaml").write_text(
        PLAN.replace("planned", "ongoing"), encoding="utf-8"
    )
    git(plans, "add", "plans/upplevelser.yaml")
    accepted = subprocess.run(
        ["git", "commit", "-m", "started"], cwd=plans, env=env, capture_output=True, text=True
    )
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert git(plans, "rev-parse", "HEAD").strip() != first


def _hooks(path: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hooks = data if isinstance(data, list) else [h for r in data["repos"] for h in r["hooks"]]
    return {hook["id"]: hook for hook in hooks}


def test_the_hook_manifest_and_the_project_config_are_valid(store: Path) -> None:
    for command, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        checked = run_precommit(PROJECT, store, command, str(PROJECT / name))
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_project_config_runs_the_offered_hooks_on_plans_with_ruff_and_mypy() -> None:
    offered = _hooks(PROJECT / ".pre-commit-hooks.yaml")
    own = _hooks(PROJECT / ".pre-commit-config.yaml")
    assert set(offered) == {"rus-validate", "rus-fmt"}
    for hook_id, hook in offered.items():
        for key in ("entry", "files", "pass_filenames"):
            assert own[hook_id].get(key) == hook.get(key), (hook_id, key)
    assert own["ruff"]["entry"].startswith("ruff check")
    assert own["mypy"]["entry"] == "mypy rus"


def test_rus_fmt_hook_lays_out_a_plan_and_then_passes(
    tmp_path: Path, hook_repo: tuple[Path, str], store: Path
) -> None:
    from typer.main import get_command

    from rus.cli import app

    commands: Any = get_command(app)
    if "fmt" not in commands.commands:
        pytest.skip("rus fmt is not on this branch yet (issue 5)")
    project, rev = hook_repo
    plans = init_repo(tmp_path / "plans-repo")
    # `state` before `revision`: the canonical layout follows the model's key order.
    unordered = PLAN.replace("revision: 2026-1\nstate: adopted\n", "state: adopted\nrevision: 2026-1\n")
    write_plans(plans, unordered)
    # A config naming this project (rather than try-repo, which builds a new environment each
    # time): the environment built for the previous test is reused from the shared store.
    config = {"repos": [{"repo": str(project), "rev": rev, "hooks": [{"id": "rus-fmt"}]}]}
    (plans / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    commit_all(plans, "plans")
    changed = run_precommit(plans, store, "run", "rus-fmt", "--all-files")
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert "files were modified by this hook" in changed.stdout
    text = (plans / "plans" / "upplevelser.yaml").read_text(encoding="utf-8")
    assert text.index("revision:") < text.index("state:")
    assert text.startswith("# yaml-language-server: $schema=../schemas/plan.schema.json\n")
    git(plans, "add", "-A")
    again = run_precommit(plans, store, "run", "rus-fmt", "--all-files")
    assert again.returncode == 0, again.stdout + again.stderr
