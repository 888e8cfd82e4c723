"""``rus validate`` through the CLI: formats, languages, exit codes and the documented shapes."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rus.base.codes import CODES
from rus.base.errors import EXIT_CODE_DOCS, ExitCode
from rus.cli import app
from tests.conftest import REPO

runner = CliRunner()

GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^:]+::.+$")


def _broken(folder: Path) -> Path:
    plan = folder / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("    status: ongoing", "    status: ongoign", 1), encoding="utf-8")
    return plan


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_bundled_plans_validate_in_both_languages(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = runner.invoke(app, ["validate", "--lang", lang, "--format", "text"])
    assert result.exit_code == 0, result.output
    expected = "Inga problem hittades" if lang == "sv" else "No problems found"
    assert expected in result.output


def test_default_path_walks_up_to_the_repository(base_plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(base_plans, repo / "plans")
    _broken(repo / "plans")
    deep = repo / "docs" / "notes"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    result = runner.invoke(app, ["validate", "--format", "parsable"])
    assert result.exit_code == 1
    assert result.stdout.startswith("plans/upplevelser.yaml:55:13: [error]")


def test_text_format_shows_line_caret_and_hint(base_plans: Path) -> None:
    _broken(base_plans)
    result = runner.invoke(app, ["validate", str(base_plans), "--format", "text", "--color", "never"])
    assert result.exit_code == 1
    out = result.stdout
    assert "55:13  error  S003  `ongoign` is not an allowed value for `status`" in out
    assert "55 │     status: ongoign" in out
    caret_line = next(line for line in out.splitlines() if line.strip().endswith("^"))
    assert caret_line.index("^") == out.splitlines()[out.splitlines().index(caret_line) - 1].index("ongoign")
    assert "hint: Did you mean `ongoing`?" in out
    assert "✖ 1 error, 0 warnings in 1 file (2 files checked)" in out


def test_swedish_text(base_plans: Path) -> None:
    _broken(base_plans)
    result = runner.invoke(app, ["validate", str(base_plans), "--lang", "sv", "--format", "text"])
    assert "`ongoign` är inte ett tillåtet värde för `status`" in result.stdout
    assert "tips: Menade du `ongoing`?" in result.stdout
    assert "1 fel, 0 varningar i 1 fil (2 filer kontrollerade)" in result.stdout


def test_json_format_matches_documented_shape(base_plans: Path) -> None:
    _broken(base_plans)
    result = runner.invoke(app, ["validate", str(base_plans), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"version", "lang", "summary", "files", "diagnostics"}
    assert data["version"] == 1
    assert data["summary"] == {"files": 2, "errors": 1, "warnings": 0}
    assert {f["path"].rsplit("/", 1)[-1] for f in data["files"]} == {"actors.yaml", "upplevelser.yaml"}
    for item in data["files"]:
        assert set(item) == {"path", "kind", "errors", "warnings"}
    (diagnostic,) = data["diagnostics"]
    assert set(diagnostic) == {"path", "line", "column", "severity", "code", "rule", "message", "hint"}
    assert (diagnostic["line"], diagnostic["column"], diagnostic["code"], diagnostic["rule"]) == (55, 13, "S003", "invalid-choice")
    assert diagnostic["hint"] == "Did you mean `ongoing`?"
    documented = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    for key in diagnostic:
        assert f"`{key}`" in documented


def test_github_format(base_plans: Path) -> None:
    _broken(base_plans)
    (base_plans / "upplevelser.yaml").write_text(
        (base_plans / "upplevelser.yaml").read_text(encoding="utf-8").replace("    goals: [UPP-M1]\n    lead: [rjh]", "    goals: []\n    lead: [rjh]"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(base_plans), "--format", "github"])
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        assert GITHUB_LINE.match(line), line


def test_auto_format_inside_github_actions(base_plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _broken(base_plans)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["validate", str(base_plans)])
    assert result.stdout.startswith("::error file=")


def test_github_escapes_properties_and_data() -> None:
    from rus.base.diagnostics import Diagnostic
    from rus.render.diagnostics import github_line

    diagnostic = Diagnostic("a,b:c%.yaml", 3, 4, "S009", {"key": "k", "detail": "50% off\nnext"})
    line = github_line(diagnostic, "en")
    assert line.startswith("::error file=a%2Cb%3Ac%25.yaml,line=3,col=4,title=S009 invalid::")
    assert "50%25 off\\nnext" in line  # the line break shown, never a raw one


def test_warnings_pass_unless_strict(base_plans: Path) -> None:
    plan = base_plans / "upplevelser.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("    priorities: [whole-county]", "    priorities: []"), encoding="utf-8")
    assert runner.invoke(app, ["validate", str(base_plans)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(base_plans), "--strict"]).exit_code == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
    assert "No such file or folder" in result.stderr
    assert runner.invoke(app, ["validate", "--no-such-option"]).exit_code == 2
    assert runner.invoke(app, ["validate", "--format", "xml"]).exit_code == 2
    bad_lang = runner.invoke(app, ["validate", str(tmp_path), "--lang", "de"])
    assert bad_lang.exit_code == 2
    assert "Unknown language `de`" in bad_lang.stderr


def test_no_plans_folder_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "No plans/ folder found" in result.stderr


def test_color_always_and_never(base_plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _broken(base_plans)
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = runner.invoke(app, ["validate", str(base_plans), "--format", "text", "--color", "always"])
    assert "\x1b[" in coloured.stdout
    plain = runner.invoke(app, ["validate", str(base_plans), "--format", "text", "--color", "never"])
    assert "\x1b[" not in plain.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    auto = runner.invoke(app, ["validate", str(base_plans), "--format", "text"])
    assert "\x1b[" not in auto.stdout


def test_internal_errors_are_short(base_plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rus.plans.validation

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(rus.plans.validation, "validate_paths", explode)
    result = runner.invoke(app, ["validate", str(base_plans)])
    assert result.exit_code == ExitCode.INTERNAL
    assert "internal error: RuntimeError: boom" in result.stderr
    assert "--debug" in result.stderr
    assert "Traceback" not in result.output


def test_exit_codes_are_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| `(\d)` \| (.+?) \|$", readme, re.MULTILINE)
    assert {int(code): text for code, text in table} == {int(c): t for c, t in EXIT_CODE_DOCS.items()}
    help_text = runner.invoke(app, ["--help"]).stdout
    for code in ExitCode:
        assert f"{int(code)} " in help_text


def test_every_code_is_documented() -> None:
    documented = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([A-Z]\d{3})` \| `([a-z0-9-]+)` \|", documented, re.MULTILINE))
    assert rows == {code: info.name for code, info in CODES.items()}


def test_every_command_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    import typer.main

    group = typer.main.get_group(app)
    for name in group.commands:
        assert f"rus {name}" in readme, f"`rus {name}` is not in the README"


def test_single_plan_finds_the_registry_beside_it(base_plans: Path) -> None:
    plan = base_plans / "upplevelser.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("lead: [fjallbyn]", "lead: [fjalbyn]"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(plan), "--format", "json"])
    data = json.loads(result.stdout)
    assert [d["code"] for d in data["diagnostics"]] == ["R003"]
    assert data["diagnostics"][0]["hint"] == "Did you mean `fjallbyn`?"
    assert data["summary"]["files"] == 2


def test_unreadable_folder_is_reported(base_plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root may read every folder, so the refusal is injected where the operating system would give it.
    import os as os_module

    locked = base_plans / "locked"
    locked.mkdir()
    (locked / "hidden.yaml").write_text("area: upplevelser\n", encoding="utf-8")
    real_scandir = os_module.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os_module, "scandir", scandir)
    result = runner.invoke(app, ["validate", str(base_plans), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(Path(d["path"]).name, d["code"], d["message"]) for d in data["diagnostics"]] == [
        ("locked", "F001", "The file cannot be read: Permission denied")
    ]


def test_a_broken_registry_is_not_reported_as_missing(base_plans: Path) -> None:
    registry = base_plans / "actors.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "  - id: [\n", encoding="utf-8")
    data = json.loads(runner.invoke(app, ["validate", str(base_plans), "--format", "json"]).stdout)
    assert [(Path(d["path"]).name, d["code"]) for d in data["diagnostics"]] == [("actors.yaml", "Y001")]


def test_a_registry_with_a_wrong_entry_still_checks_references(base_plans: Path) -> None:
    registry = base_plans / "actors.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("    helix: business", "    helix: busines"), encoding="utf-8")
    plan = base_plans / "upplevelser.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("lead: [rjh]", "lead: [nobody]"), encoding="utf-8")
    data = json.loads(runner.invoke(app, ["validate", str(base_plans), "--format", "json"]).stdout)
    assert [(Path(d["path"]).name, d["code"]) for d in data["diagnostics"]] == [("actors.yaml", "S003"), ("upplevelser.yaml", "R003")]


@pytest.mark.parametrize("command", [["validate"], ["status"], ["diff"]])
def test_a_removed_working_folder_is_named_not_an_internal_error(tmp_path: Path, command: list[str]) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    previous = Path.cwd()
    os.chdir(gone)
    try:
        gone.rmdir()
        result = CliRunner().invoke(app, [*command], env={"RUS_LANG": "en", "NO_COLOR": "1", "COLUMNS": "200"})
        swedish = CliRunner().invoke(app, [*command], env={"RUS_LANG": "sv", "NO_COLOR": "1", "COLUMNS": "200"})
    finally:
        os.chdir(previous)
    assert result.exit_code == 2, result.output
    assert "The current folder no longer exists" in result.output
    assert "internal error" not in result.output
    assert "Den aktuella mappen finns inte längre" in swedish.output
