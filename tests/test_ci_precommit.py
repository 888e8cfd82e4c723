"""The pre-commit hooks, run for real through pre-commit: from a config that names this project,
and as an installed git hook that blocks a commit.

pre-commit builds a virtualenv and pip-installs this project into it (half a minute or more), once
per repository and revision in its store. The session shares one store in its temporary folder
(``PRE_COMMIT_HOME``, never ``~/.cache/pre-commit``) and one snapshot of the project, so the
environment is built once, by :func:`hook_env`, even when pytest-xdist runs these tests on several
workers: pre-commit's store takes a lock while it builds, and the others wait and reuse it. (Not an
``xdist_group``: pytest 9.2 silently stopped honouring ``--dist loadgroup``, see
https://github.com/pytest-dev/pytest-xdist/issues/1386.) ``pre-commit try-repo``, which docs/ci.md
suggests for a first try, writes the same config as these tests but makes a new store on every call,
so each call would build the environment again; the tests name the snapshot in a config instead,
which runs the same hooks from the same manifest and clone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ci_helpers import INVALID_PLAN, PLAN, commit_all, git, git_env, init_repo, write_plans

PROJECT = Path(__file__).resolve().parents[1]
HOOK_IDS = ("rus-validate", "rus-fmt")


def _precommit_env(home: Path) -> dict[str, str]:
    env = git_env()
    env["PRE_COMMIT_HOME"] = str(home)
    env["PRE_COMMIT_COLOR"] = "never"
    env["NO_COLOR"] = "1"
    env["RUS_LANG"] = "en"
    # The hook environment gets the versions the suite is tested with, as the README's set-up does.
    if (PROJECT / "constraints.txt").is_file():
        env["PIP_CONSTRAINT"] = str(PROJECT / "constraints.txt")
    # Building the hook environment is most of these tests' time: pip leaves out compiling every
    # installed module (a third of the build), and the hooks' Python writes the bytecode of what it
    # imports on first use instead, into the hook environment.
    env["PIP_COMPILE"] = "false"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # The hook must run the rus that pre-commit installed, not this checkout through PYTHONPATH.
    env.pop("PYTHONPATH", None)
    env.pop("GITHUB_ACTIONS", None)
    return env


@dataclass(frozen=True)
class HookEnv:
    """A snapshot of this project, its commit, and pre-commit's store holding its hook environment."""

    project: Path
    rev: str
    store: Path

    def config(self, *hook_ids: str) -> str:
        """A .pre-commit-config.yaml that runs ``hook_ids`` from the snapshot."""
        hooks = [{"id": hook_id} for hook_id in hook_ids]
        return yaml.safe_dump({"repos": [{"repo": str(self.project), "rev": self.rev, "hooks": hooks}]})

    def run(self, repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
        """``pre-commit ARGS`` in ``repo``, through this interpreter, with the shared store."""
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=repo,
            env=_precommit_env(self.store),
            capture_output=True,
            text=True,
            timeout=540,
        )

    def git_commit(self, repo: Path, message: str) -> subprocess.CompletedProcess[str]:
        """``git commit`` in ``repo``: an installed hook runs, with the shared store."""
        return subprocess.run(
            ["git", "commit", "-q", "-m", message],
            cwd=repo,
            env=_precommit_env(self.store),
            capture_output=True,
            text=True,
            timeout=540,
        )


def _snapshot(target: Path) -> tuple[Path, str]:
    """A committed snapshot of this project as it is now (uncommitted changes included)."""
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
            copy = target / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
    init_repo(target)
    return target, commit_all(target, "snapshot of rus")


def _session_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test session that all pytest-xdist workers share (and no other session)."""
    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker's base is <session's base>/popen-gwN.
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def hook_env(tmp_path_factory: pytest.TempPathFactory) -> HookEnv:
    """The snapshot and a store in which pre-commit has built the hooks' environment (once)."""
    shared = _session_folder(tmp_path_factory)
    project = shared / "rus-project"
    if not project.exists():
        # Made privately, then moved into place in one step: the first worker's snapshot wins,
        # and all of them name the same repository, so pre-commit builds one environment.
        draft, _ = _snapshot(tmp_path_factory.mktemp("rus-project-draft"))
        try:
            draft.rename(project)
        except OSError:
            if not project.exists():
                raise
    rev = git(project, "rev-parse", "HEAD").strip()
    env = HookEnv(project, rev, shared / "pre-commit-home")
    plans = init_repo(tmp_path_factory.mktemp("install-hooks"))
    (plans / ".pre-commit-config.yaml").write_text(env.config(*HOOK_IDS), encoding="utf-8")
    built = env.run(plans, "install-hooks")
    assert built.returncode == 0, built.stdout + built.stderr
    return env


def _environments(store: Path) -> list[Path]:
    """The hook environments (virtualenvs) in pre-commit's store."""
    return sorted(p.parent for p in store.glob("repo*/py_env-*/pyvenv.cfg"))


@pytest.mark.slow
def test_the_validate_hook_passes_a_valid_plan_and_blocks_an_invalid_one(tmp_path: Path, hook_env: HookEnv) -> None:
    plans = init_repo(tmp_path / "plans-repo")
    write_plans(plans, PLAN)
    (plans / ".pre-commit-config.yaml").write_text(hook_env.config("rus-validate"), encoding="utf-8")
    commit_all(plans, "plans")
    passed = hook_env.run(plans, "run", "rus-validate", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "rus validate" in passed.stdout and "Passed" in passed.stdout

    (plans / "plans" / "upplevelser.yaml").write_text(INVALID_PLAN, encoding="utf-8")
    git(plans, "add", "plans/upplevelser.yaml")
    blocked = hook_env.run(plans, "run", "rus-validate")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "Failed" in blocked.stdout
    assert "plans/upplevelser.yaml" in blocked.stdout
    assert "38:13" in blocked.stdout and "S003" in blocked.stdout
    # Both runs used the one environment built for the session, in the session's own store.
    assert len(_environments(hook_env.store)) == 1


@pytest.mark.slow
def test_the_installed_hook_blocks_a_commit_of_an_invalid_plan(tmp_path: Path, hook_env: HookEnv) -> None:
    plans = init_repo(tmp_path / "plans-repo")
    write_plans(plans, PLAN)
    (plans / ".pre-commit-config.yaml").write_text(hook_env.config("rus-validate"), encoding="utf-8")
    installed = hook_env.run(plans, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    git(plans, "add", "-A")
    # Every commit from here on runs the hook: each gets the session's store, none ~/.cache.
    committed = hook_env.git_commit(plans, "valid plans")
    assert committed.returncode == 0, committed.stdout + committed.stderr
    first = git(plans, "rev-parse", "HEAD").strip()

    (plans / "plans" / "upplevelser.yaml").write_text(INVALID_PLAN, encoding="utf-8")
    git(plans, "add", "plans/upplevelser.yaml")
    refused = hook_env.git_commit(plans, "a typo")
    assert refused.returncode != 0
    assert "S003" in refused.stdout + refused.stderr
    assert git(plans, "rev-parse", "HEAD").strip() == first

    (plans / "plans" / "upplevelser.yaml").write_text(
        PLAN.replace("planned", "ongoing"), encoding="utf-8"
    )
    git(plans, "add", "plans/upplevelser.yaml")
    accepted = hook_env.git_commit(plans, "started")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert git(plans, "rev-parse", "HEAD").strip() != first
    assert len(_environments(hook_env.store)) == 1


def _hooks(path: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hooks = data if isinstance(data, list) else [h for r in data["repos"] for h in r["hooks"]]
    return {hook["id"]: hook for hook in hooks}


def test_the_hook_manifest_and_the_project_config_are_valid(tmp_path: Path) -> None:
    checker = HookEnv(PROJECT, "HEAD", tmp_path / "pre-commit-home")
    for command, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        checked = checker.run(PROJECT, command, str(PROJECT / name))
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


@pytest.mark.slow
def test_rus_fmt_hook_lays_out_a_plan_and_then_passes(tmp_path: Path, hook_env: HookEnv) -> None:
    plans = init_repo(tmp_path / "plans-repo")
    # `state` before `revision`: the canonical layout follows the model's key order.
    unordered = PLAN.replace("revision: 2026-1\nstate: adopted\n", "state: adopted\nrevision: 2026-1\n")
    write_plans(plans, unordered)
    (plans / ".pre-commit-config.yaml").write_text(hook_env.config("rus-fmt"), encoding="utf-8")
    commit_all(plans, "plans")
    changed = hook_env.run(plans, "run", "rus-fmt", "--all-files")
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert "files were modified by this hook" in changed.stdout
    text = (plans / "plans" / "upplevelser.yaml").read_text(encoding="utf-8")
    assert text.index("revision:") < text.index("state:")
    assert text.startswith("# yaml-language-server: $schema=../schemas/plan.schema.json\n")
    git(plans, "add", "-A")
    again = hook_env.run(plans, "run", "rus-fmt", "--all-files")
    assert again.returncode == 0, again.stdout + again.stderr
    assert len(_environments(hook_env.store)) == 1
