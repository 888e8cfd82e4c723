"""Start-up: the ``rus`` script builds the parser of the one command it runs, and answers as the whole app."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

import rus.cli
from rus.cli import app, for_command
from tests.edit_helpers import PLANS

runner = CliRunner()


def _names(typer_app: object) -> set[str]:
    return set(get_command(typer_app).commands)  # type: ignore[arg-type, attr-defined]


def test_a_command_gets_an_app_with_that_command_alone() -> None:
    assert _names(for_command(["validate", "plans"])) == {"validate"}
    assert _names(for_command(["--debug", "activity", "set", "X", "title=Y"])) == {"activity"}
    assert _names(for_command(["fmt", "--check"])) == {"fmt"}
    assert len(_names(app)) > 10  # the app itself keeps every command


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"], ["--version"], ["valid"], ["--debug"], ["--lang", "sv", "validate"]])
def test_help_version_and_unknown_names_take_the_whole_app(args: list[str]) -> None:
    assert for_command(args) is app


def test_completion_takes_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_RUS_COMPLETE", "complete_bash")
    assert for_command(["validate"]) is app


@pytest.mark.parametrize("args", [
    ["validate", str(PLANS / "upplevelser.yaml")],
    ["validate", "-f", "json", str(PLANS / "upplevelser.yaml")],
    ["validate", "-f", "JSON", str(PLANS / "upplevelser.yaml")],
    ["validate", "--nope"],
    ["validate", "--help"],
    ["--debug", "fmt", "--check", str(PLANS / "upplevelser.yaml")],
    ["activity", "--help"],
    ["activity", "status", "--help"],
    ["activity", "nope"],
])
def test_the_one_command_app_answers_as_the_whole_app(args: list[str]) -> None:
    whole = runner.invoke(app, args, prog_name="rus")
    one = runner.invoke(for_command(args), args, prog_name="rus")
    assert (one.exit_code, one.output) == (whole.exit_code, whole.output)


def test_the_script_builds_one_command(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import typer.main

    built: list[str] = []
    real = typer.main.get_command_from_info

    def counting(command_info: object, **kwargs: object) -> object:
        built.append(getattr(command_info, "name", None) or getattr(getattr(command_info, "callback", None), "__name__", "?"))
        return real(command_info, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(typer.main, "get_command_from_info", counting)
    monkeypatch.setattr(rus.cli, "HELP_LANG", "en")
    monkeypatch.setattr(sys, "argv", ["rus", "validate", str(PLANS / "upplevelser.yaml")])
    with pytest.raises(SystemExit) as done:
        rus.cli.main()
    assert done.value.code == 0
    assert "No problems found" in capsys.readouterr().out
    assert built == ["validate"]


def test_the_script_runs_a_command_of_a_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(rus.cli, "HELP_LANG", "en")
    monkeypatch.setattr(sys, "argv", ["rus", "activity", "status", "DIG-003", "ongoing", "--dry-run", "--plans", str(PLANS)])
    with pytest.raises(SystemExit) as done:
        rus.cli.main()
    assert done.value.code == 0
    assert "status: ongoing" in capsys.readouterr().out
