"""The installed ``rus`` console script, once per command, in subprocesses: the entry point, the
command line as a shell passes it, and a fresh interpreter for each step.

The logic behind each command is tested in process (typer's CliRunner over the same app, through
``tests.conftest.rus_in_process``) in the files of each feature; this file checks that every
command also starts and answers as installed. Other commands have theirs elsewhere: ``lsp`` in
``test_lsp`` (a real LSP client over stdio), ``init`` in ``test_init``, ``ci`` in
``test_ci_command``, ``report`` in ``test_report`` (the HTML report of the bundled plans),
Swedish help and usage errors in ``test_swedish_frame``, concurrent writers in ``test_write_lock``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_rus
from tests.edit_helpers import GIT_ENV, git, plans_repo


def test_the_installed_command_starts_and_checks_the_bundled_plans(tmp_path: Path) -> None:
    version = run_rus("--version", cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("rus ")
    root = plans_repo(tmp_path)
    done = run_rus("validate", "--format", "json", cwd=root, env=GIT_ENV)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["summary"]["errors"] == 0


@pytest.mark.slow
def test_every_command_through_the_installed_entry_point(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)

    def rus(*args: str, code: int = 0) -> str:
        done = run_rus(*args, cwd=root, env=GIT_ENV)
        assert done.returncode == code, (args, done.stdout, done.stderr)
        return done.stdout + done.stderr

    assert "Planned → Ongoing" in rus("activity", "status", "UPP-003", "ongoing")
    rus("indicator", "record", "UPP-I2", "2026-2", "44")
    rus("meeting", "record", "upplevelser", "--date", "2026-10-08", "--place", "Funäsdalen",
        "--participant", "rjh", "--participant", "miun")
    rus("actor", "add", "fjallbyn", "--name", "Fjällbyns turism AB", "--helix", "business", "--municipality", "are")
    rus("fix")
    rus("fmt", "--check")
    assert "Status: Planned → Ongoing" in rus("diff")
    rus("commit", "-m", "Autumn meeting")
    assert git(root, "status", "--porcelain") == ""
    assert "UPP-003" in rus("log", "UPP-003")
    rus("revisions")
    assert "Follow-up of the action plans" in rus("status")
    rus("undo", "--yes")
    assert git(root, "log", "-1", "--format=%s").startswith("Undo: ")
    schemas = tmp_path / "schemas"
    rus("schema", "--dir", str(schemas))
    assert sorted(p.name for p in schemas.iterdir()) == sorted(p.name for p in (Path(__file__).parents[1] / "schemas").iterdir())
