"""``rus init``: a new plans repository on which ``rus validate`` and ``rus fmt --check`` pass."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rus.base.vocab import Area
from rus.cli import app
from rus.plans.validation import validate_paths
from rus.writing.formatting import format_text
from rus.writing.scaffold import init_repository, region_template, revision_for
from tests.conftest import REGION
from tests.edit_helpers import GIT_ENV, git

runner = CliRunner()


@pytest.fixture(autouse=True)
def _fixed_git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def test_init_creates_a_valid_repository(tmp_path: Path) -> None:
    target = tmp_path / "region"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.stderr
    names = sorted(str(p.relative_to(target)) for p in target.rglob("*") if ".git" not in p.parts and p.is_file())
    # without --region: the commented template region file, with its two example areas
    assert names == sorted(
        ["region.yaml", "plans/omrade-a.yaml", "plans/omrade-b.yaml", "plans/actors.yaml", "plans/programme.yaml",
         "schemas/plan.schema.json", "schemas/actors.schema.json", "schemas/programme.schema.json", "schemas/region.schema.json",
         ".gitignore", ".vscode/settings.json"]
    )
    assert (target / "region.yaml").read_text(encoding="utf-8") == region_template()
    validation = validate_paths([target / "plans"])
    assert validation.errors == 0 and validation.warnings == 0, [d.message() for d in validation.diagnostics]
    for plan in (target / "plans").glob("*.yaml"):
        text = plan.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../schemas/")
        assert format_text(text, plan.name) == text
    assert git(target, "log", "--format=%s").splitlines() == ["Start the plans repository (rus init)"]
    assert git(target, "status", "--porcelain") == ""
    settings = json.loads((target / ".vscode/settings.json").read_text(encoding="utf-8"))
    bound = settings["yaml.schemas"]
    assert bound["./schemas/actors.schema.json"] == ["plans/actors.yaml"]
    assert bound["./schemas/programme.schema.json"] == ["plans/programme.yaml"]
    assert bound["./schemas/plan.schema.json"] == ["plans/omrade-a.yaml", "plans/omrade-b.yaml"]
    assert bound["./schemas/region.schema.json"] == ["region.yaml"]


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "not empty" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_templates_follow_the_date(tmp_path: Path) -> None:
    init_repository(tmp_path / "a", today=date(2027, 9, 1), git=False, region="jamtland-harjedalen")
    text = (tmp_path / "a/plans/hallbar-energi.yaml").read_text(encoding="utf-8")
    assert "revision: 2027-2\n" in text and "date: 2027-09-01\n" in text and "ENE-I1" in text
    assert not (tmp_path / "a/.git").exists()
    assert revision_for(date(2027, 6, 30)) == "2027-1"


def test_edit_commands_work_on_a_new_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    init_repository(tmp_path / "r", today=date(2027, 3, 1), region=REGION)
    monkeypatch.chdir(tmp_path / "r")
    assert sorted(p.stem for p in (tmp_path / "r/plans").glob("*.yaml")) == sorted(["actors", "programme", *(a.value for a in Area)])
    result = runner.invoke(app, ["activity", "add", "DIG", "--title", "Bredband i byarna", "--sub-area", "DIG-D1",
                                 "--start", "2027-04-01", "--phase", "analysis", "--whole-county", "--goal", "DIG-M1",
                                 "--priority", "whole-county", "--sami", "none"])
    assert result.exit_code == 0, result.stderr
    assert "DIG-001" in result.stdout
    assert validate_paths([tmp_path / "r/plans"]).errors == 0
    assert runner.invoke(app, ["fmt", "--check"]).exit_code == 0


@pytest.mark.slow
def test_end_to_end_through_the_installed_command(tmp_path: Path) -> None:
    """``rus init``, an edit, ``rus fmt --check`` and ``rus validate`` as a user runs them."""
    env = {**os.environ, **GIT_ENV, "RUS_LANG": "en", "NO_COLOR": "1"}

    def rus(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["rus", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120)

    done = rus("init", "new-region", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    root = tmp_path / "new-region"
    done = rus("indicator", "record", "OMA-I1", done_period := revision_for(date.today()), "3", cwd=root)
    assert done.returncode == 0, done.stderr
    assert f"OMA-I1, period {done_period}" in done.stdout
    assert rus("fmt", "--check", cwd=root).returncode == 0
    done = rus("validate", "--strict", cwd=root)
    assert done.returncode == 0, done.stdout


def test_init_in_an_empty_clone(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert git(tmp_path, "log", "--format=%s").splitlines() == ["Start the plans repository (rus init)"]
