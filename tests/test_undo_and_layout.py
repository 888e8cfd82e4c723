"""`rus undo` (a new commit that reverts the last `rus commit`), `rus fmt --dry-run`, and `rus commit`
saying what `rus fmt --check` would reject."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import rus_in_process
from tests.edit_helpers import GIT_ENV, changed_lines, git, plans_repo

ENV = {"RUS_LANG": "sv", **GIT_ENV}


def test_undo_reverts_the_last_commit_with_a_new_one(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)
    before = (root / "plans/upplevelser.yaml").read_text(encoding="utf-8")
    assert rus_in_process("activity", "status", "UPP-003", "ongoing", cwd=root, env=ENV).returncode == 0
    assert rus_in_process("commit", cwd=root, env=ENV).returncode == 0
    committed = git(root, "rev-parse", "HEAD").strip()
    done = rus_in_process("undo", "--yes", cwd=root, env=ENV)
    assert done.returncode == 0, done.stderr
    assert "Status: Planerad → Pågående" in done.stdout  # what it undoes is shown first
    assert (root / "plans/upplevelser.yaml").read_text(encoding="utf-8") == before
    assert git(root, "rev-parse", "HEAD~1").strip() == committed  # history kept, not rewritten
    assert git(root, "log", "-1", "--format=%s").startswith("Ångra: upplevelser 2026-2")
    assert changed_lines(root) == ([], [])


def test_undo_asks_and_does_nothing_without_a_yes(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)
    rus_in_process("activity", "status", "UPP-003", "ongoing", cwd=root, env=ENV)
    rus_in_process("commit", cwd=root, env=ENV)
    head = git(root, "rev-parse", "HEAD")
    done = rus_in_process("undo", cwd=root, env=ENV)  # no terminal: it must not guess
    assert done.returncode == 2
    assert "`rus undo` frågar innan något ångras" in done.stderr
    assert git(root, "rev-parse", "HEAD") == head


def test_undo_leaves_a_commit_of_other_files_alone(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)
    (root / "README.md").write_text("x\n", encoding="utf-8")
    git(root, "add", "README.md")
    git(root, "commit", "-q", "-m", "readme")
    done = rus_in_process("undo", "--yes", cwd=root, env=ENV)
    assert done.returncode == 3
    assert "ändrade mer än planfilerna" in done.stderr and "git revert" in done.stderr


def test_undo_refuses_when_the_plan_files_have_uncommitted_changes(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)
    rus_in_process("activity", "status", "UPP-003", "ongoing", cwd=root, env=ENV)
    rus_in_process("commit", cwd=root, env=ENV)
    rus_in_process("activity", "set", "UPP-003", "progress=10", cwd=root, env=ENV)
    done = rus_in_process("undo", "--yes", cwd=root, env=ENV)
    assert done.returncode == 3
    assert "har ändringar som inte är incheckade" in done.stderr
    assert changed_lines(root) == (["    progress: 0"], ["    progress: 10"]) or changed_lines(root)[1] == ["    progress: 10"]


def _unformatted(root: Path) -> Path:
    plan = root / "plans/upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "    status: planned\n" in text
    plan.write_text(text.replace("    status: planned\n", "    status:   planned\n", 1), encoding="utf-8")
    return plan


def test_fmt_dry_run_shows_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)
    plan = _unformatted(root)
    text = plan.read_text(encoding="utf-8")
    done = rus_in_process("fmt", "--dry-run", cwd=root, env=ENV)
    assert done.returncode == 0, done.stderr
    assert "-    status:   planned\n+    status: planned\n" in done.stdout
    assert "1 fil skulle formateras om" in done.stderr
    assert plan.read_text(encoding="utf-8") == text


def test_commit_says_what_fmt_check_would_reject_and_formats_on_request(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)
    plan = _unformatted(root)
    done = rus_in_process("commit", cwd=root, env=ENV)
    assert done.returncode == 0, done.stderr
    assert "plans/upplevelser.yaml är inte skriven i den kanoniska layouten" in done.stderr
    assert "rus commit --fmt" in done.stderr
    plan.write_text(plan.read_text(encoding="utf-8").replace("    status: planned\n", "    status:   ongoing\n", 1), encoding="utf-8")
    done = rus_in_process("commit", "--fmt", cwd=root, env=ENV)
    assert done.returncode == 0, done.stderr
    assert "    status: ongoing\n" in git(root, "show", "HEAD:plans/upplevelser.yaml")
    assert rus_in_process("fmt", "--check", cwd=root, env=ENV).returncode == 0
