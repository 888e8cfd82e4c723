"""Nothing outside the repository is read or printed: links that lead out are named (F007), never opened.

Each command is run on real symbolic links in a real git repository (and in a plain folder). The
files the links lead to hold a secret; it must not appear in any output, and must not be written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rus.cli import app
from rus.plans.validation import validate_paths
from rus.timeline.history import History
from tests.conftest import BASE, rus_in_process
from tests.edit_helpers import git, plans_repo

runner = CliRunner()
SECRET = "c2VjcmV0LXRva2Vu"
#: What a file outside holds: valid YAML whose first line would be shown as the offending line.
OUTSIDE_TEXT = f"token:   {SECRET}\n"


def _repo(tmp_path: Path) -> Path:
    """A git repository with the small base plans, committed; its git config holds a secret token."""
    root = plans_repo(tmp_path, BASE)
    git(root, "config", "http.extraheader", f"AUTHORIZATION: basic {SECRET}")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(OUTSIDE_TEXT, encoding="utf-8")
    return root


def _invoke(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


def _no_secret(text: str) -> None:
    assert SECRET not in text
    assert "extraheader" not in text


# --- a link into .git ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "github", "parsable", "sarif", "junit"])
def test_validate_names_a_link_into_git_and_never_prints_it(tmp_path: Path, fmt: str) -> None:
    root = _repo(tmp_path)
    (root / "plans" / "x.yaml").symlink_to("../.git/config")
    done = rus_in_process("validate", "--format", fmt, cwd=root)
    assert done.returncode == 1
    _no_secret(done.stdout + done.stderr)
    assert "F007" in done.stdout
    assert "plans/x.yaml" in done.stdout
    assert "../.git/config" in done.stdout


def test_the_finding_names_the_link_and_where_it_points(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "plans" / "x.yaml").symlink_to("../.git/config")
    result = validate_paths([root / "plans"], display_root=root)
    (finding,) = [d for d in result.diagnostics if d.path == "plans/x.yaml"]
    assert (finding.code, finding.line, finding.column, finding.rule) == ("F007", 1, 1, "link-outside")
    assert finding.message() == (
        "`plans/x.yaml` is a symbolic link to `../.git/config`, which leads into the repository's .git folder; it is not read"
    )
    assert finding.message("sv") == (
        "`plans/x.yaml` är en symbolisk länk till `../.git/config`, som leder in i förrådets .git-mapp; den läses inte"
    )
    assert result.text_of("plans/x.yaml") is None  # no text to show an excerpt from


def test_a_path_given_with_dotdot_into_git_is_not_read(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    done = rus_in_process("validate", "plans/../.git/config", cwd=root)
    assert done.returncode == 1
    _no_secret(done.stdout + done.stderr)
    assert "F008" in done.stdout
    assert "`plans/../.git/config` is inside the repository's .git folder; it is not read" in done.stdout


# --- links out of the repository ---------------------------------------------------------------------


def test_a_plans_folder_that_is_a_link_out_of_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    shutil.move(root / "plans", tmp_path / "elsewhere")
    (tmp_path / "elsewhere" / "upplevelser.yaml").write_text(OUTSIDE_TEXT, encoding="utf-8")
    (root / "plans").symlink_to("../elsewhere")
    for args in (("validate",), ("validate", "plans"), ("status",), ("report", "--format", "markdown", "--lang", "en"), ("fmt",),
                 ("fix",), ("activity", "set", "UPP-001", "progress=60"), ("diff",)):
        code, output = _invoke(root, monkeypatch, *args)
        assert code == 1, (args, output)
        _no_secret(output)
        assert "`plans` is a symbolic link to `../elsewhere`, which leads outside the repository" in output, args
    assert (tmp_path / "elsewhere" / "upplevelser.yaml").read_text(encoding="utf-8") == OUTSIDE_TEXT


def test_a_folder_link_inside_plans_leading_out_is_named(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "plans" / "more").symlink_to(tmp_path / "outside")
    result = validate_paths([root / "plans"], display_root=root)
    assert [(d.path, d.code) for d in result.diagnostics if d.level == "error"] == [("plans/more", "F007")]


def test_the_registry_beside_a_named_plan_is_not_read_through_a_link(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "plans" / "actors.yaml").unlink()
    (root / "plans" / "actors.yaml").symlink_to(tmp_path / "outside" / "secret.yaml")
    done = rus_in_process("validate", "plans/upplevelser.yaml", cwd=root)
    assert done.returncode == 1
    _no_secret(done.stdout + done.stderr)
    assert "plans/actors.yaml" in done.stdout
    assert "F007" in done.stdout


def test_a_link_that_stays_inside_the_repository_is_read(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "shared").mkdir()
    shutil.move(root / "plans" / "upplevelser.yaml", root / "shared" / "upplevelser.yaml")
    (root / "plans" / "upplevelser.yaml").symlink_to("../shared/upplevelser.yaml")
    result = validate_paths([root / "plans"], display_root=root)
    assert result.errors == 0
    assert "plans/upplevelser.yaml" in [f.path for f in result.files if f.kind == "plan"]


def test_outside_a_repository_the_folder_given_is_the_boundary(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)
    (tmp_path / "secret.yaml").write_text(OUTSIDE_TEXT, encoding="utf-8")
    (folder / "x.yaml").symlink_to("../secret.yaml")
    (folder / "inner").mkdir()
    (folder / "inner" / "same.yaml").symlink_to("../upplevelser.yaml")  # inside the folder given: read
    done = rus_in_process("validate", str(folder), "--format", "json", cwd=tmp_path)
    assert done.returncode == 1
    _no_secret(done.stdout + done.stderr)
    data = json.loads(done.stdout)
    errors = {(d["path"].rsplit("/", 1)[-1], d["code"]) for d in data["diagnostics"] if d["severity"] == "error"}
    assert ("x.yaml", "F007") in errors
    assert "outside the folder given" in done.stdout
    assert any(f["path"].endswith("inner/same.yaml") and f["kind"] == "plan" for f in data["files"])


def test_a_broken_link_is_still_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "plans" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = validate_paths([root / "plans"], display_root=root)
    assert [(d.path, d.code) for d in result.diagnostics if d.level == "error"] == [("plans/gone.yaml", "F001")]


# --- every command -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("ci", "--base", "HEAD"),
        ("status",),
        ("report", "--format", "markdown", "--lang", "en"),
        ("fmt",),
        ("fmt", "--check"),
        ("fix",),
        ("activity", "set", "UPP-001", "progress=60"),
        ("activity", "add", "UPP", "--title", "T", "--sub-area", "UPP-D1", "--start", "2026-01-01", "--phase", "analysis"),
        ("actor", "step", "miun", "UPP", "does"),
        ("commit",),
        ("diff",),
        ("log", "UPP-001"),
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_every_command_names_the_link_and_neither_reads_nor_writes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    root = _repo(tmp_path)
    (root / "plans" / "x.yaml").symlink_to(tmp_path / "outside" / "secret.yaml")
    head = git(root, "rev-parse", "HEAD")
    code, output = _invoke(root, monkeypatch, *args)
    assert code == 1, output
    _no_secret(output)
    assert "x.yaml" in output
    assert "leads outside the repository" in output
    assert (tmp_path / "outside" / "secret.yaml").read_text(encoding="utf-8") == OUTSIDE_TEXT
    assert git(root, "rev-parse", "HEAD") == head


def test_ci_writes_no_secret_into_its_reports(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "plans" / "x.yaml").symlink_to("../.git/config")
    reports = tmp_path / "reports"
    reports.mkdir()
    done = rus_in_process("ci", "--base", "HEAD", "--format", "github", "--summary", str(reports / "summary.md"),
                   "--comment-file", str(reports / "comment.md"), "--sarif", str(reports / "out.sarif"),
                   "--junit", str(reports / "junit.xml"), cwd=root)
    assert done.returncode == 1
    _no_secret(done.stdout + done.stderr)
    for report in reports.iterdir():
        _no_secret(report.read_text(encoding="utf-8"))
    assert "F007" in done.stdout


# --- history ----------------------------------------------------------------------------------------


def test_a_link_recorded_in_git_is_never_taken_for_a_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    (root / "plans" / "x.yaml").symlink_to("../.git/config")
    git(root, "add", "plans/x.yaml")
    git(root, "commit", "-q", "-m", "a link")
    assert git(root, "ls-tree", "HEAD", "plans/x.yaml").startswith("120000 ")
    with History(root) as history:
        assert "plans/x.yaml" not in history.tree_files(history.commit("HEAD"))
        assert "plans/x.yaml" not in history.load("HEAD").texts
    (root / "plans" / "x.yaml").unlink()  # the working tree without it: only history holds the link
    for args in (("diff", "HEAD~1", "HEAD"), ("log", "UPP-001"), ("validate", "--base", "HEAD")):
        code, output = _invoke(root, monkeypatch, *args)
        assert code == 0, (args, output)
        _no_secret(output)


def test_a_plan_replaced_by_a_link_is_not_judged_against_the_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    plan = root / "plans" / "upplevelser.yaml"
    plan.unlink()
    plan.symlink_to("../.git/config")
    code, output = _invoke(root, monkeypatch, "validate", "--base", "HEAD", "--format", "json")
    assert code == 1
    _no_secret(output)
    codes = [d["code"] for d in json.loads(output[: output.rindex("}") + 1])["diagnostics"]]
    assert "F007" in codes
    assert "H002" not in codes  # its activities are not "removed": the file is just not read


# --- rus schema never writes or reads through a link out ----------------------------------------


@pytest.mark.parametrize("dangling", [False, True])
def test_schema_neither_reads_nor_writes_through_a_link_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dangling: bool) -> None:
    root = _repo(tmp_path)
    target = tmp_path / "outside" / ("new.json" if dangling else "secret.yaml")
    (root / "schemas").mkdir()
    (root / "schemas" / "plan.schema.json").symlink_to(target)
    for args in (("schema", "--check"), ("schema",)):
        code, output = _invoke(root, monkeypatch, *args)
        assert code != 0, output
        assert "plan.schema.json" in output
        _no_secret(output)
        assert SECRET not in output
    assert not dangling or not target.exists()
    assert dangling or target.read_text(encoding="utf-8") == OUTSIDE_TEXT
