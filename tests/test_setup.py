"""The set-up: the README's commands are what CI runs, constraints.txt pins what pyproject.toml asks
for, and the weekly workflow checks the newest releases and the lowest bounds."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

README = REPO / "README.md"
CI_RUN = REPO / ".ci" / "run"
CONSTRAINTS = REPO / "constraints.txt"
UPSTREAM = REPO / ".github" / "workflows" / "upstream.yml"
CI_WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_constraints", REPO / "scripts" / "update_constraints.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def setup_commands() -> list[str]:
    """The shell commands of the README's set-up section, in order."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Set-up\n", 1)[1].split("\n## ", 1)[0]
    return [line for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL) for line in block.splitlines() if line]


def pins() -> dict[str, str]:
    """constraints.txt as {canonical name: version}."""
    found = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            found[canonicalize_name(name)] = version
    return found


def test_ci_runs_exactly_the_readme_set_up_commands() -> None:
    commands = setup_commands()
    install, tests = commands[0], commands[1]
    assert install == "python3 -m pip install -c constraints.txt -e . && rus validate"
    assert tests == 'python3 -m pip install -c constraints.txt -e ".[dev]" && python3 -m pytest'
    run_lines = [line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines()]
    assert run_lines.index(install) < run_lines.index(tests)


def test_the_fast_subset_command_is_in_the_readme() -> None:
    assert 'python3 -m pytest -m "not slow"' in setup_commands()


def test_every_requirement_is_pinned_within_its_bounds() -> None:
    pinned = pins()
    for text in _script().requirements():
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is not in constraints.txt: rerun scripts/update_constraints.py"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (text, pinned[name])


def test_lowest_pins_each_requirement_at_its_lower_bound(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = ["a>=1.2", "b[extra] >= 0.3, <2", "c>=4 ; python_version < \'3.12\'"]\n'
        '[project.optional-dependencies]\ntest = ["x[dev]", "d>=5"]\n',
        encoding="utf-8",
    )
    # The extras (test and dev tools) resolve freely around the pins.
    assert _script().lowest(pyproject) == ["a==1.2", "b==0.3", "c==4"]
    pyproject.write_text('[project]\nname = "x"\ndependencies = ["e"]\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="e: no lower bound"):
        _script().lowest(pyproject)


def test_lowest_runs_as_a_command() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "update_constraints.py"), "--lowest"],
        capture_output=True, text=True, check=True,
    )
    names = {canonicalize_name(line.split("==")[0]) for line in done.stdout.splitlines()}
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert {canonicalize_name(re.split(r"[<>=!~ ;\[]", item, maxsplit=1)[0]) for item in declared} == names
    assert {"typer", "pyyaml", "ruamel-yaml", "pydantic", "rich", "gitpython", "pygls"} <= names


def test_the_constraints_file_is_rendered_with_its_header() -> None:
    text = _script().render(["b==2", "a==1"], "3.11.7", "Linux")
    assert text.startswith("# The versions the README's set-up installs")
    assert "scripts/update_constraints.py` on Python 3.11.7 (Linux)" in text
    assert text.endswith("b==2\na==1\n")
    assert CONSTRAINTS.read_text(encoding="utf-8").startswith("# The versions the README's set-up installs")


def _workflow(path: Path) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in job["steps"])


def test_hosted_ci_installs_the_tested_versions() -> None:
    jobs = _workflow(CI_WORKFLOW)["jobs"]
    for job in jobs.values():
        installs = [line for line in _runs(job).splitlines() if "pip install" in line]
        assert installs and all("-c constraints.txt" in line for line in installs), installs


def test_the_upstream_workflow_runs_weekly_on_the_newest_releases_and_the_lowest_bounds() -> None:
    data = _workflow(UPSTREAM)
    triggers = data[True]  # PyYAML reads the key `on` under YAML 1.1, as the boolean true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert re.fullmatch(r"\d+ \d+ \* \* [0-6]", triggers["schedule"][0]["cron"])  # once a week
    assert data["permissions"] == {"contents": "read"}
    newest, lowest = data["jobs"]["newest"], data["jobs"]["lowest"]
    newest_runs = _runs(newest)
    assert "pip install" in newest_runs and "constraints.txt" not in newest_runs
    assert {"ruff check rus tests benchmarks", "mypy", "python -m pytest"} <= set(newest_runs.splitlines())
    assert any(entry.get("pre") for entry in newest["strategy"]["matrix"]["include"])
    lowest_runs = _runs(lowest)
    assert "scripts/update_constraints.py --lowest" in lowest_runs
    assert "python -m pytest" in lowest_runs.splitlines()
    for job in data["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step["uses"]), step["uses"]


def test_one_version_everywhere() -> None:
    """`rus --version`, the installed package's metadata, SARIF and the language server say the same."""
    from importlib.metadata import version

    from typer.testing import CliRunner

    import rus
    from rus.cli import app
    from rus.lsp.server import _version

    shown = CliRunner().invoke(app, ["--version"]).output.strip()
    assert shown == f"rus {rus.__version__}"
    assert version("rus") == rus.__version__ == _version()
    assert 'dynamic = ["version"]' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
