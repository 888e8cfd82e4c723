"""Every command's --help: a flag shows no placeholder, an option that takes a value shows one.

typer 0.29 printed ``<bool>`` beside every flag (``--strict <bool>``, ``--help -h <bool>``), which
reads as if the flag took a value, and Python types (``<str>``, ``<list[str]>``) beside the rest.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from rus.cli import app
from tests.conftest import REPO, run_rus

WIDE = {"COLUMNS": "250", "TERMINAL_WIDTH": "250", "NO_COLOR": "1"}
PYTHON_TYPES = re.compile(r"<(bool|str|int|float|path|file|Path|list\[[^\]]*\])>")


def _commands() -> list[tuple[list[str], Any]]:
    """Each command and group of ``rus`` as (its words after ``rus``, the built command)."""
    found: list[tuple[list[str], Any]] = []

    def walk(words: list[str], command: Any) -> None:
        found.append((words, command))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk([*words, name], sub)

    walk([], get_command(app))
    return found


COMMANDS = _commands()


def _options(words: list[str], command: Any) -> list[Any]:
    ctx = typer.Context(command, info_name=" ".join(["rus", *words]))
    # The help option is click's own Option before typer 0.29, a TyperOption from 0.29 on.
    return [p for p in command.get_params(ctx) if p.param_type_name == "option" and not p.hidden]


def _placeholder(help_text: str, option: Any) -> str:
    """What the help shows between an option's names and the start of its help text."""
    long_names = [o for o in option.opts if o.startswith("--")]
    first_words = " ".join(str(option.help).split()[:2])
    for line in help_text.splitlines():
        match = re.search(rf"(?<![\w-]){re.escape(long_names[0])}(?![\w-])(.*?){re.escape(first_words)}", line)
        if match:
            # Leave out the short names (-f, -h): the help shows them in a column of their own.
            middle = re.sub(r"(?<![\w-])-\w(?![\w-])", "", match.group(1))
            return middle.strip(" │,")
    raise AssertionError(f"{long_names[0]} with help {first_words!r} not found in:\n{help_text}")


def test_the_walk_finds_every_command_group() -> None:
    names = {" ".join(words) for words, _ in COMMANDS}
    assert {"", "validate", "activity", "activity add", "indicator record", "report"} <= names


@pytest.mark.parametrize(("words", "command"), COMMANDS, ids=[" ".join(w) or "rus" for w, _ in COMMANDS])
def test_flags_show_no_placeholder_and_values_show_one(words: list[str], command: Any) -> None:
    result = CliRunner().invoke(app, [*words, "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert not PYTHON_TYPES.search(text), PYTHON_TYPES.search(text)
    options = _options(words, command)
    assert any("--help" in o.opts for o in options)
    for option in options:
        shown = _placeholder(text, option)
        if option.is_flag or option.count:
            assert shown == "", (words, option.opts, shown)
        else:
            assert shown, (words, option.opts)
            assert " " not in shown.strip("<>[]"), (words, option.opts, shown)


def test_value_placeholders_are_the_documented_words() -> None:
    # docs/editing.md writes `--note TEXT`, `rus fmt [PATH ...]`: the help says the same.
    command = {" ".join(w): c for w, c in COMMANDS}["activity add"]
    text = CliRunner().invoke(app, ["activity", "add", "--help"], env=WIDE).stdout
    shown = {o.opts[0]: _placeholder(text, o) for o in _options(["activity", "add"], command)}
    assert shown["--title"] == "TEXT"
    assert shown["--goal"] == "TEXT"  # repeatable: one value each time
    assert shown["--plans"] == "PATH"
    assert shown["--whole-county"] == ""
    assert shown["--dry-run"] == ""


def test_the_installed_command_shows_flags_bare() -> None:
    done = run_rus("validate", "--help", cwd=REPO, env=WIDE)
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if "--strict" in line)
    assert re.search(r"--strict\s+Fail on warnings", line), line
    assert "<bool>" not in done.stdout
