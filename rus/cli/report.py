"""``rus report`` (the yearly report) and ``rus status`` (the follow-up before a meeting)."""

from __future__ import annotations

import re
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rus.base.codes import N_
from rus.base.errors import UsageError
from rus.cli import Color, ColorOption, LangOption, _, app, choose_lang, console, handled
from rus.plans.revision import PERIOD_PATTERN, period_key

if TYPE_CHECKING:
    from collections.abc import Callable

    from rus.reporting.report import Window

_PERIOD = re.compile(PERIOD_PATTERN)
#: Meant as a revision period (not as a git revision), but perhaps mistyped: ``2025-3``.
_LIKE_PERIOD = re.compile(r"^[0-9]{4}-[0-9]+$")


class ReportFormat(StrEnum):
    """Output formats of ``rus report``."""

    HTML = "html"
    MARKDOWN = "markdown"
    JSON = "json"


PlansOption = Annotated[
    Path | None,
    typer.Option(
        "--plans",
        help=_("The folder of plans (default: plans/ of the repository you stand in)."),
        show_default=False,
    ),
]


def _plans_folder(plans: Path | None) -> tuple[Path, Path]:
    """The plans folder and the root of the repository (or folder) that holds it; its region becomes the active one."""
    from rus.base.errors import NotFoundError
    from rus.base.workspace import default_plans_dir, project_root
    from rus.plans.regionfile import activate_for

    folder = plans if plans is not None else default_plans_dir(Path.cwd())
    if not folder.is_dir():
        raise NotFoundError(
            N_("No such file or folder: {path}"),
            N_("Name the folder that holds the plan files (plans/)."),
            path=str(folder),
        )
    # checked as given, before resolve() follows a link out of the repository
    from rus.base.workspace import boundary_of, leads_outside
    from rus.plans.validation import outside_diagnostic
    from rus.timeline.history import LinkOutsideError

    escape = leads_outside(folder, boundary_of(folder))
    if escape is not None:
        raise LinkOutsideError(outside_diagnostic(escape, project_root(Path.cwd())))
    activate_for(folder)
    return folder.resolve(), project_root(folder)


def _window(year: int | None, first: str | None, last: str | None, today: date) -> Window:
    from rus.reporting.report import Window

    if year is not None and (first or last):
        raise UsageError(
            N_("Give either --year or --from and --to, not both"),
            N_(
                "For a calendar year: --year 2026; for a span of revisions: --from 2025-2 --to "
                "2026-2."
            ),
        )
    if first or last:
        if not (first and last):
            raise UsageError(
                N_("--from and --to go together"),
                N_("For a span of revisions: --from 2025-2 --to 2026-2."),
            )
        for value in (first, last):
            if _LIKE_PERIOD.match(value) and not _PERIOD.match(value):
                raise UsageError(
                    N_("`{value}` is not a revision period"),
                    N_("A revision period is YYYY-1 (spring) or YYYY-2 (autumn), e.g. 2026-1."),
                    value=value,
                )
        periods = [bool(_PERIOD.match(value)) for value in (first, last)]
        if not any(periods):
            # git revisions (tags, branches, commits): the period is read from the plans at them
            return Window("", "", None, first, last)
        if not all(periods):
            raise UsageError(
                N_("Give --from and --to both as revision periods or both as git revisions"),
                N_(
                    "Revision periods: --from 2025-2 --to 2026-2; git revisions: --from "
                    "<area>/2026-1 --to main."
                ),
            )
        if period_key(first) > period_key(last):
            raise UsageError(
                N_("--from {first} comes after --to {last}"),
                N_("Swap them: the earlier revision goes with --from."),
                first=first,
                last=last,
            )
        return Window(first, last)
    if year is not None and not 2000 <= year <= 2100:
        raise UsageError(
            N_("The year {year} is out of range"),
            N_("Give a year between 2000 and 2100."),
            year=year,
        )
    return Window.for_year(year if year is not None else today.year)


@app.command(help=_("The yearly report: answers the ten questions the region reports to the government, from the plans and their recorded revisions, as HTML, Markdown or JSON."))
def report(
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help=_("The calendar year to report on (default: this year)."),
            show_default=False,
        ),
    ] = None,
    first: Annotated[
        str | None,
        typer.Option(
            "--from",
            help=_("First revision period of the report, e.g. 2025-2, or the git revision (tag, branch or commit) the changes run from."),
            metavar="REV",
            show_default=False,
        ),
    ] = None,
    last: Annotated[
        str | None,
        typer.Option(
            "--to",
            help=_("Last revision period of the report, e.g. 2026-2, or the git revision (tag, branch or commit) the changes run to."),
            metavar="REV",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help=_("Output format: html, markdown or json."))
    ] = ReportFormat.HTML,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=_(
                "Language of the report: sv or en (default: the first of the region's report "
                "languages in region.yaml)."
            ),
            metavar="sv|en",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("Write the report to this file (default: standard output)."),
            show_default=False,
        ),
    ] = None,
    plans: PlansOption = None,
) -> None:
    """The yearly report: the ten questions the region answers to the government."""
    language = choose_lang(lang or "sv")
    with handled(language):
        from rus.base.vocab import active_region
        from rus.render.report_document import build_document
        from rus.reporting.charts import report_charts
        from rus.reporting.report import build_report
        from rus.reporting.report_sources import collect_input

        today = date.today()
        window = _window(year, first, last, today)
        folder, root = _plans_folder(plans)
        if lang is None:
            language = active_region().report_languages[0]
        plans_dir = str(folder.relative_to(root)) if folder.is_relative_to(root) else str(folder)
        if window.from_revision is not None and window.to_revision is not None:
            from rus.reporting.report_sources import revisions_input

            data = revisions_input(root, window.from_revision, window.to_revision, plans_dir)
        else:
            data = collect_input(root, window, plans_dir=plans_dir)
        result = build_report(data, today)
        if fmt is ReportFormat.JSON:
            from rus.render.report_json import render_json

            text = render_json(result)
        else:
            charts = {chart.name: chart for chart in report_charts(result, language)}
            document = build_document(result, charts, language)
            if fmt is ReportFormat.HTML:
                from rus.render.report_html import render_html

                text = render_html(document)
            else:
                from rus.render.report_markdown import embedded_chart, render_markdown

                text = render_markdown(
                    document, embedded_chart if output is None else _chart_files(output)
                )
        if output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        from rus.base.fileio import write_output

        write_output(output, text)
        from rich.markup import escape

        from rus.base.i18n import translate

        message = translate(N_("Report written to {path}"), language).format(path=str(output))
        console(stderr=True).print(escape(message), soft_wrap=True)


def _chart_files(output: Path) -> Callable[[str, str], str]:
    """A chart linker that writes each chart as an SVG file beside the Markdown file."""
    folder = output.parent / f"{output.stem}-charts"

    def link(name: str, svg: str) -> str:
        from rus.base.fileio import write_output

        svg_file = '<?xml version="1.0" encoding="utf-8"?>\n' + svg
        write_output(folder / f"{name}.svg", svg_file, make_parents=True)
        return f"{folder.name}/{name}.svg"

    return link


@app.command(help=_("A one-screen follow-up before a meeting: activities by status, overdue and coming milestones, indicators behind, activities without a lead, time since the last revision."))
def status(
    area: Annotated[
        str | None,
        typer.Option(
            "--area", help=_("Show only this strength area (its slug, as in region.yaml)."), show_default=False
        ),
    ] = None,
    color: ColorOption = Color.AUTO,
    lang: LangOption = None,
    plans: PlansOption = None,
) -> None:
    """A one-screen follow-up before a meeting: statuses, milestones, indicators, revisions."""
    language = choose_lang(lang)
    with handled(language):
        from rus.plans.choices import parse_area
        from rus.render.status import render_status
        from rus.reporting.followup import build_follow_up
        from rus.reporting.report_sources import load_plans, load_revisions

        folder, root = _plans_folder(plans)
        chosen = parse_area(area, "--area") if area is not None else None
        current = load_plans(folder, display_root=root)
        follow_up = build_follow_up(current, date.today(), load_revisions(root, chosen), chosen)
        render_status(console(color=color), follow_up, language)
