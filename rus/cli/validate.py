"""``rus validate``: check plan files against the schema and the domain's rules."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from rus.base.codes import N_
from rus.base.errors import ExitCode, NotFoundError
from rus.cli import Color, ColorOption, LangOption, _, app, choose_lang, console, handled


class Format(StrEnum):
    """Output formats of ``rus validate``."""

    AUTO = "auto"
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    PARSABLE = "parsable"
    SARIF = "sarif"
    JUNIT = "junit"


@app.command(help=_("Check plans: YAML syntax, the schema and the domain's rules, with located diagnostics."))
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar=_("PATH"), help=_("Plan files or folders (default: plans/ of the repository you stand in)."), show_default=False),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help=_("Output format: text, json, github, parsable, sarif, junit or auto."))] = Format.AUTO,
    color: ColorOption = Color.AUTO,
    lang: LangOption = None,
    strict: Annotated[bool, typer.Option("--strict", help=_("Fail on warnings too."))] = False,
    base: Annotated[str | None, typer.Option("--base", metavar="REV", help=_("Also check the transition rules against the plans at this git revision (e.g. the pull request's base)."))] = None,
) -> None:
    """Check plans: YAML syntax, the schema and the domain's rules, with located diagnostics."""
    language = choose_lang(lang)
    with handled(language):
        from rus.base.workspace import default_plans_dir, find_root
        from rus.plans.validation import validate_paths

        cwd = Path.cwd()
        targets = list(paths) if paths else [default_plans_dir(cwd)]
        for target in targets:
            if not target.exists() and not target.is_symlink():
                raise NotFoundError(N_("No such file or folder: {path}"), N_("Check the path, or run `rus validate` without arguments to check plans/."), path=str(target))
        result = validate_paths(targets, display_root=find_root(cwd) or cwd)
        if base is not None:
            from rus.timeline.transitions import add_transitions

            add_transitions(result, base, targets, cwd)
        from rus.render.registry import VALIDATION, Output, auto_format

        VALIDATION[auto_format(VALIDATION, fmt.value)](result, language, Output(lambda: console(color=color), strict=strict))
        if result.failed(strict):
            raise typer.Exit(int(ExitCode.FINDINGS))
