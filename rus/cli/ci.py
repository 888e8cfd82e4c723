"""``rus ci``: the pull-request check: findings against the base, the changes, summaries for review."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rus.base.codes import N_
from rus.base.errors import ExitCode
from rus.cli import Color, ColorOption, LangOption, _, app, choose_lang, console, handled

if TYPE_CHECKING:
    from rus.base.vocab import Lang
    from rus.timeline.ci import CiResult

#: The file GitHub Actions gives each step for its Markdown job summary.
STEP_SUMMARY = "GITHUB_STEP_SUMMARY"
#: The comment body's default file name, in the runner's temporary folder inside GitHub Actions.
COMMENT_FILE = "rus-comment.md"


class CiFormat(StrEnum):
    """Output formats of ``rus ci`` on stdout."""

    AUTO = "auto"
    TEXT = "text"
    GITHUB = "github"
    PARSABLE = "parsable"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"


@app.command(help=_("Check a pull request: validate the plans against the base, summarise the changes for review."))
def ci(
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            help=_("The revision to check against (default: the pull request's target branch from "
                   "GITHUB_BASE_REF or CI_MERGE_REQUEST_TARGET_BRANCH_NAME, else the default branch)."),
            metavar="REV",
        ),
    ] = None,
    fmt: Annotated[
        CiFormat,
        typer.Option("--format", "-f", help=_("Output format of the findings: text, github, parsable, json, sarif, junit or auto (github inside GitHub Actions).")),
    ] = CiFormat.AUTO,
    summary: Annotated[
        Path | None,
        typer.Option("--summary", help=_("Append the Markdown summary to this file (default: $GITHUB_STEP_SUMMARY when set)."), dir_okay=False),
    ] = None,
    comment_file: Annotated[
        Path | None,
        typer.Option("--comment-file", help=_("Write the pull-request comment body (Markdown) to this file (default inside GitHub Actions: $RUNNER_TEMP/rus-comment.md)."), dir_okay=False),
    ] = None,
    sarif: Annotated[Path | None, typer.Option("--sarif", help=_("Also write the findings as SARIF 2.1.0 to this file."), dir_okay=False)] = None,
    junit: Annotated[Path | None, typer.Option("--junit", help=_("Also write the findings as JUnit XML to this file."), dir_okay=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help=_("Fail on warnings too."))] = False,
    color: ColorOption = Color.AUTO,
    lang: LangOption = None,
) -> None:
    """Check a pull request: validate the plans against the base, summarise the changes for review."""
    language = choose_lang(lang)
    with handled(language):
        from rus.timeline.ci import run_ci

        result = run_ci(Path.cwd(), base)
        _write_outputs(result, language, summary, comment_file, sarif, junit, strict)
        _print_findings(result, language, fmt, color, strict)
        _print_verdict(result, language, color)
        if result.failed(strict):
            raise typer.Exit(int(ExitCode.FINDINGS))


def _default_comment_file() -> Path | None:
    temp = os.environ.get("RUNNER_TEMP")
    if os.environ.get("GITHUB_ACTIONS") == "true" and temp:
        return Path(temp) / COMMENT_FILE
    return None


def _write_outputs(
    result: CiResult, lang: Lang, summary: Path | None, comment_file: Path | None, sarif: Path | None, junit: Path | None,
    strict: bool,
) -> None:
    from rus.base.fileio import write_output
    from rus.render.ci import render_markdown
    from rus.render.junit import render_junit
    from rus.render.sarif import render_sarif

    err = console(stderr=True)
    step_summary = summary or (Path(os.environ[STEP_SUMMARY]) if os.environ.get(STEP_SUMMARY) else None)
    if step_summary is not None:
        write_output(step_summary, render_markdown(result, lang), append=True)
    comment = comment_file or _default_comment_file()
    if comment is not None:
        write_output(comment, render_markdown(result, lang, comment=True))
        err.print(_say(N_("The pull-request comment body is in {path}"), lang, path=str(comment)), soft_wrap=True, highlight=False)
    if sarif is not None:
        write_output(sarif, render_sarif(result.validation, lang))
    if junit is not None:
        write_output(junit, render_junit(result.validation, lang, strict=strict))


def _print_findings(result: CiResult, lang: Lang, fmt: CiFormat, color: Color, strict: bool) -> None:
    from rus.render.registry import CI, Output, auto_format

    CI[auto_format(CI, fmt.value)](result, lang, Output(lambda: console(color=color), strict=strict))


def _print_verdict(result: CiResult, lang: Lang, color: Color) -> None:
    from rus.render.ci import verdict_line

    console(stderr=True, color=color).print(verdict_line(result, lang), soft_wrap=True, highlight=False, markup=False)


def _say(message: str, lang: Lang, **params: str) -> str:
    from rich.markup import escape

    from rus.base.i18n import translate

    return escape(translate(message, lang).format(**params))
