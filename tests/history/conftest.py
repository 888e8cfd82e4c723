"""Real git repositories of plans in tmp_path, with a fixed identity and clock, driven through the CLI."""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from rus.cli import app
from rus.plans.source import Source, parse_text
from rus.timeline.history import BLOB_CACHE

BUNDLED = Path(__file__).resolve().parents[2] / "plans"


class PlansRepo:
    """A git repository holding a copy of the bundled plans, with helpers to edit, run git and run rus."""

    def __init__(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path = path
        self.monkeypatch = monkeypatch
        self.runner = CliRunner()

    # -- git ----------------------------------------------------------------------------------------

    def git(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["git", *args], cwd=self.path, capture_output=True, text=True, check=False)
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout.strip()

    def at(self, when: str) -> None:
        """Make the next commits and tags carry this date (ISO, e.g. 2026-03-12T10:00:00+01:00)."""
        self.monkeypatch.setenv("GIT_AUTHOR_DATE", when)
        self.monkeypatch.setenv("GIT_COMMITTER_DATE", when)

    def head(self) -> str:
        return self.git("rev-parse", "HEAD")

    def committed_files(self, rev: str = "HEAD") -> list[str]:
        return self.git("show", "--name-only", "--format=", rev).splitlines()

    # -- files --------------------------------------------------------------------------------------

    def plan_path(self, area: str) -> Path:
        return self.path / "plans" / f"{area}.yaml"

    def load(self, area: str) -> dict[str, Any]:
        source = parse_text(self.plan_path(area).read_text(encoding="utf-8"), Source(area))
        assert source.data is not None, source.diagnostics
        return source.data  # type: ignore[no-any-return]

    def save(self, area: str, data: dict[str, Any]) -> None:
        self.plan_path(area).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")

    def edit(self, area: str, change: Callable[[dict[str, Any]], None]) -> None:
        data = self.load(area)
        change(data)
        self.save(area, data)

    # -- rus ----------------------------------------------------------------------------------------

    def rus(self, *args: str) -> Any:
        self.monkeypatch.chdir(self.path)
        BLOB_CACHE.clear()
        return self.runner.invoke(app, list(args))

    def rus_json(self, *args: str) -> Any:
        result = self.rus(*args, "--format", "json")
        assert result.exit_code in (0, 1), (result.exit_code, result.stdout, result.stderr)
        return json.loads(result.stdout)


def activity(data: dict[str, Any], ident: str) -> dict[str, Any]:
    """The activity with this id in a plan's data."""
    return next(a for a in data["activities"] if a["id"] == ident)


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated git configuration: a fixed identity and clock, no system or user config."""
    home = tmp_path / "home"
    home.mkdir()
    config = home / ".gitconfig"
    config.write_text("[user]\n\tname = Processledare Test\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL",
                "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "RUS_LANG", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-10-09T12:00:00+02:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-10-09T12:00:00+02:00")
    monkeypatch.setenv("COLUMNS", "200")
    return config


@pytest.fixture
def plans_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git_env: Path) -> PlansRepo:
    """A new repository with the bundled plans in plans/ and nothing committed yet."""
    path = tmp_path / "repo"
    path.mkdir()
    shutil.copytree(BUNDLED, path / "plans")
    repo = PlansRepo(path, monkeypatch)
    repo.git("init", "--quiet")
    return repo


#: The first recorded repository of this process, copied for the next tests (same identity and clock).
_RECORDED: list[Path] = []


@pytest.fixture
def recorded_repo(plans_repo: PlansRepo) -> PlansRepo:
    """The bundled plans recorded as their revision 2026-2 (one commit, four tags).

    ``rus commit --revision`` records them once per process; later tests get a copy of that repository.
    """
    if _RECORDED:
        shutil.rmtree(plans_repo.path)
        shutil.copytree(_RECORDED[0], plans_repo.path, symlinks=True)
        return plans_repo
    result = plans_repo.rus("commit", "--revision")
    assert result.exit_code == 0, result.stdout + result.stderr
    template = Path(tempfile.mkdtemp(prefix="rus-recorded-")) / "repo"
    atexit.register(shutil.rmtree, template.parent, True)
    shutil.copytree(plans_repo.path, template, symlinks=True)
    _RECORDED.append(template)
    return plans_repo
