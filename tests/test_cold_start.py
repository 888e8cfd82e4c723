"""Start-up: text, path and flag options are converted without pydantic, as typer converts them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rus.cli import app


@pytest.mark.slow
def test_rus_version_imports_neither_pydantic_nor_the_plan_model(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.argv = ['rus', '--version']\n"
        "from rus.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m == 'rus.plans.models'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["rus 0.1.0", "[]"]


def test_path_list_and_flag_options_keep_their_meaning(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("area: upplevelser\nrevision: 2026-1\n", encoding="utf-8")
    runner = CliRunner()
    # a list of paths (one missing), a flag: converted and passed on as before
    result = runner.invoke(app, ["fmt", "--check", str(tmp_path / "missing.yaml"), str(plan)])
    assert result.exit_code == 2
    assert "missing.yaml" in result.output
    assert runner.invoke(app, ["--debug", "--version"]).output == "rus 0.1.0\n"
    # a choice: taken by its value, refused in typer's words
    assert runner.invoke(app, ["validate", "-f", "json", str(plan)]).output.startswith("{")
    refused = runner.invoke(app, ["validate", "-f", "JSON", str(plan)])
    assert refused.exit_code == 2
    assert "'JSON' is not one of" in refused.output


def test_plain_kinds_only() -> None:
    from typer.models import OptionInfo

    from rus.cli.coercion import _plain_leaf

    class Descriptor:
        def __init__(self, annotation: object, info: OptionInfo | None = None) -> None:
            self.annotation = annotation
            self.parameter_info = info or OptionInfo()
            self.file_annotation = None

    assert _plain_leaf(Descriptor(str)) is str
    assert _plain_leaf(Descriptor(list[Path])) is Path
    assert _plain_leaf(Descriptor(bool)) is bool
    assert _plain_leaf(Descriptor(list[bool])) is None
    assert _plain_leaf(Descriptor(int)) is None
    from rus.cli.validate import Format

    assert _plain_leaf(Descriptor(Format)) is Format
    assert _plain_leaf(Descriptor(list[Format])) is None
    assert _plain_leaf(Descriptor(str, OptionInfo(parser=str.upper))) is None
