"""Edits that must respect the history: an id used in any earlier version is never handed out again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rus.cli import app
from tests.conftest import PLANS
from tests.gitrepo import HISTORIAN, git

runner = CliRunner()


def _git(repo: Path, *args: str) -> str:
    return git(repo, *args, identity=HISTORIAN)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "repo"
    path.mkdir()
    shutil.copytree(PLANS, path / "plans")
    _git(path, "init", "--quiet")
    _git(path, "add", "plans")
    _git(path, "commit", "--quiet", "-m", "Planerna")
    monkeypatch.chdir(path)
    return path


def _add(title: str) -> str:
    result = runner.invoke(app, ["activity", "add", "UPP", "--title", title, "--sub-area", "UPP-D1", "--start", "2027-01-01",
                                 "--phase", "analysis", "--goal", "UPP-M1", "--lead", "rjh", "--municipality", "are",
                                 "--priority", "strength-areas", "--sami", "none"])
    assert result.exit_code == 0, result.output
    return result.stdout.split("Added activity ", 1)[1].split()[0]


@pytest.mark.slow
def test_an_id_removed_from_the_file_is_not_reused(repo: Path) -> None:
    first = _add("Vinterbad vid Storsjön")
    assert first == "UPP-013"
    _git(repo, "commit", "--quiet", "-am", "UPP-013 tillagd")
    plan = repo / "plans" / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text[: text.index("\n  - id: UPP-013")] + "\n", encoding="utf-8")
    assert _add("Helt annan insats") == "UPP-014"


def test_outside_git_the_file_decides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    assert _add("Vinterbad vid Storsjön") == "UPP-013"


def test_commit_refuses_what_the_transition_rules_reject(repo: Path) -> None:
    plan = repo / "plans" / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("  - id: UPP-005")
    end = text.index("  - id: UPP-006")
    plan.write_text(text[:start] + text[end:], encoding="utf-8")  # an ongoing activity deleted
    head = _git(repo, "rev-parse", "HEAD")
    result = runner.invoke(app, ["commit", "-m", "bort med UPP-005"])
    assert result.exit_code == 1
    assert "H002" in result.stderr and "UPP-005" in result.stderr
    assert _git(repo, "rev-parse", "HEAD") == head
    assert plan.read_text(encoding="utf-8") == text[:start] + text[end:]  # the edit is kept


@pytest.mark.parametrize(("typed", "written"), [("4,5", "4.5"), ("-5", "-5"), ("44", "44")])
def test_indicator_values_as_a_swedish_facilitator_types_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, written: str) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["indicator", "record", "UPP-I4", "2026-2", typed])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "plans" / "upplevelser.yaml").read_text(encoding="utf-8")
    assert f"      - period: 2026-2\n        value: {written}\n" in text


@pytest.mark.parametrize("typed", ["inf", "nan", "abc", "1e400"])
def test_indicator_values_that_are_not_numbers_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    before = (tmp_path / "plans" / "upplevelser.yaml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["indicator", "record", "UPP-I4", "2026-2", typed])
    assert result.exit_code == 2
    assert "is not a number" in result.stderr
    assert (tmp_path / "plans" / "upplevelser.yaml").read_text(encoding="utf-8") == before


def test_fix_does_not_make_a_duplicate_id() -> None:
    from rus.writing.fixing import fix_text
    from tests.conftest import BASE

    base = (BASE / "upplevelser.yaml").read_text(encoding="utf-8")
    taken = base.replace("  - id: UPP-002", "  - id: upp-001")  # UPP-001 exists: leave it to a human
    assert fix_text(taken, "upplevelser.yaml") == (taken, [])
    free = base.replace("  - id: UPP-002", "  - id: upp-002")
    fixed, repairs = fix_text(free, "upplevelser.yaml")
    assert fixed == base and [r.code for r in repairs] == ["S006"]


def test_editing_a_file_that_is_not_utf8_names_the_encoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    plan = tmp_path / "plans" / "upplevelser.yaml"
    plan.write_bytes(plan.read_text(encoding="utf-8").encode("cp1252"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["activity", "set", "UPP-001", "progress=50"])
    assert result.exit_code != 0
    assert "Windows-1252" in result.stderr and "codec" not in result.stderr


def test_fix_says_which_file_it_could_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    plan = tmp_path / "plans" / "upplevelser.yaml"
    latin1 = plan.read_text(encoding="utf-8").encode("cp1252")
    plan.write_bytes(latin1)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["fix"])
    assert result.exit_code == 1
    assert "plans/upplevelser.yaml was not repaired: The file is not UTF-8 text" in result.stderr
    assert plan.read_bytes() == latin1
