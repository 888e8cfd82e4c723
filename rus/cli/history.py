"""``rus revisions``, ``rus commit``, ``rus diff`` and ``rus log``: the plans' history in git."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rus.base.codes import N_
from rus.base.errors import ExitCode
from rus.base.i18n import translate
from rus.cli import Color, ColorOption, LangOption, _, app, choose_lang, console, handled

if TYPE_CHECKING:
    from rus.base.vocab import Area, Lang


class DiffFormat(StrEnum):
    """Output formats of ``rus diff``."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


class ListFormat(StrEnum):
    """Output formats of ``rus revisions`` and ``rus log``."""

    TEXT = "text"
    JSON = "json"


AreaOption = Annotated[
    str | None,
    typer.Option("--area", "-a", help=_("Only this strength area (its slug, as in region.yaml)."), metavar=_("AREA"), show_default=False),
]


def _area(value: str | None) -> Area | None:
    from rus.plans.choices import parse_area

    return parse_area(value, "--area") if value is not None else None


def _root() -> Path:
    from rus.base.repository import not_a_repository
    from rus.base.workspace import find_root

    root = find_root(Path.cwd())
    if root is None:
        raise not_a_repository(Path.cwd())
    return root


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _json(data: object) -> str:
    from rus.render.escape import json_dumps

    return json_dumps(data) + "\n"


# --- rus diff --------------------------------------------------------------------------------------


@app.command(help=_("Show what changed in the plans, in the plan's own terms: activities, statuses, periods, funding, indicators."))
def diff(
    old: Annotated[str | None, typer.Argument(metavar=_("FROM"), help=_("A revision name (2026-1), an <area>/<revision> tag or any git revision (default: the last recorded revision)."), show_default=False)] = None,
    new: Annotated[str | None, typer.Argument(metavar=_("TO"), help=_("The same kinds of name (default: the working tree)."), show_default=False)] = None,
    area: AreaOption = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help=_("Output format: text, markdown or json."))] = DiffFormat.TEXT,
    exit_code: Annotated[bool, typer.Option("--exit-code", help=_("Exit with 1 when there are changes, 0 when there are none (like git diff)."))] = False,
    color: ColorOption = Color.AUTO,
    lang: LangOption = None,
) -> None:
    """Show what changed in the plans, in the plan's own terms: activities, statuses, periods, funding, indicators."""
    language = choose_lang(lang)
    with handled(language):
        from rus.timeline.comparison import compare

        changes = compare(_root(), old, new, _area(area))
        from rus.render.registry import CHANGES, Output

        CHANGES[fmt.value](changes, language, Output(lambda: console(color=color)))
        if exit_code and not changes.is_empty:
            raise typer.Exit(int(ExitCode.FINDINGS))


# --- rus commit ------------------------------------------------------------------------------------


@app.command(help=_("Validate, then commit the changed plan and actor files with a message describing the changes."))
def commit(
    message: Annotated[str | None, typer.Option("--message", "-m", help=_("The summary line (default: one written from the changes)."), show_default=False)] = None,
    revision: Annotated[bool, typer.Option("--revision", help=_("Record a revision: tag <area>/<revision> for each plan whose revision changed."))] = False,
    fmt: Annotated[bool, typer.Option("--fmt", help=_("Write the plan files in the canonical layout first (what `rus fmt --check` and CI ask for)."))] = False,
    color: ColorOption = Color.AUTO,
    lang: LangOption = None,
) -> None:
    """Validate, then commit the changed plan and actor files with a message describing the changes."""
    language = choose_lang(lang)
    with handled(language):
        from rus.actions.recording import PlansInvalidError, record

        _layout(fmt, language)
        try:
            done = record(Path.cwd(), message, revision=revision, lang=language)
        except PlansInvalidError as exc:
            from rus.render.text import render_text

            render_text(console(stderr=True, color=color), exc.result, language)
            raise
        out = console(color=color)
        if done.paths:
            out.print(f"[bold green]✔[/] {_escape(translate(N_('Committed {commit}: {subject}'), language).format(commit=done.commit[:7], subject=done.subject))}", soft_wrap=True)
        for path in done.paths:
            out.print(f"  {_escape(path)}", soft_wrap=True)
        for tag in done.tags:
            out.print(f"[bold green]✔[/] {_escape(translate(N_('Recorded revision {tag}'), language).format(tag=tag))}", soft_wrap=True)


def _layout(fmt: bool, lang: Lang) -> None:
    """Format the plan files (``--fmt``), or say which ones `rus fmt --check` would reject."""
    from rus.base.workspace import PLANS_DIR, find_root
    from rus.writing.formatting import format_paths

    root = find_root(Path.cwd())
    folder = root / PLANS_DIR if root is not None else None
    if folder is None or not folder.is_dir():
        return  # record() says what is wrong
    # to say what `rus fmt --check` would reject, the layout need not be proved safe (it rejects either way)
    outcomes = [o for o in format_paths([folder], check=not fmt, display_root=root, prove=fmt) if o.changed]
    err = console(stderr=True)
    for outcome in outcomes:
        message = N_("reformatted {path}") if fmt else N_("{path} is not in the canonical layout, so `rus fmt --check` (and CI) will reject it")
        err.print(translate(message, lang).format(path=outcome.display), soft_wrap=True, markup=False)
    if outcomes and not fmt:
        err.print(translate(N_("Run `rus commit --fmt` to format the plans as part of the commit, or `rus fmt` first."), lang),
                  soft_wrap=True, markup=False)


def _escape(text: str) -> str:
    """Text for rich: on one line with control characters shown, never read as markup."""
    from rich.markup import escape

    from rus.render.escape import one_line

    return escape(one_line(text))


# --- rus revisions ---------------------------------------------------------------------------------


@app.command(help=_("List each area's recorded revisions: date, meeting, commit and what changed."))
def revisions(
    area: AreaOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help=_("Output format: text or json."))] = ListFormat.TEXT,
    color: ColorOption = Color.AUTO,
    lang: LangOption = None,
) -> None:
    """List each area's recorded revisions: date, meeting, commit and what changed."""
    language = choose_lang(lang)
    with handled(language):
        from rus.timeline.comparison import revision_list

        entries = revision_list(_root(), _area(area))
        if fmt is ListFormat.JSON:
            _write(_json({"version": 1, "revisions": [e.to_dict() for e in entries]}))
            return
        _revisions_text(entries, language, color)


def _revisions_text(entries: list, language: Lang, color: Color) -> None:  # type: ignore[type-arg]
    from rich.table import Table
    from rich.text import Text

    from rus.render.changes import summary_text
    from rus.render.escape import one_line

    out = console(color=color)
    if not entries:
        out.print(translate(N_("No revision is recorded yet; `rus commit --revision` records one."), language))
        return
    current = None
    table: Table | None = None
    for entry in entries:
        snap = entry.tag
        if snap.area != current:
            if table is not None:
                out.print(table)
            current = snap.area
            out.print(Text(f"{snap.area.text(language)} ({snap.area.value})", style="bold underline"))
            table = Table(box=None, show_header=True, header_style="dim", pad_edge=False)
            for name in (N_("Revision"), N_("Recorded"), N_("Meeting"), N_("Commit"), N_("Changes")):
                table.add_column(translate(name, language))
        assert table is not None
        meeting = f"{entry.meeting_date.isoformat()} {entry.meeting_place}"
        changes = summary_text(entry.summary, language) if entry.summary is not None else translate(N_("first recorded revision"), language)
        # Text cells: plan text is never read as rich markup, and is shown on one line
        table.add_row(*(Text(one_line(cell)) for cell in (snap.revision, snap.date.date().isoformat(), meeting, snap.commit[:7], changes)))
    if table is not None:
        out.print(table)


# --- rus log ---------------------------------------------------------------------------------------


@app.command(help=_("Show the life of one activity (or goal, indicator) across its area's revisions."))
def log(
    ident: Annotated[str, typer.Argument(metavar="ID", help=_("The id of an activity, goal, indicator or sub-area (e.g. ABC-012)."))],
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help=_("Output format: text or json."))] = ListFormat.TEXT,
    color: ColorOption = Color.AUTO,
    lang: LangOption = None,
) -> None:
    """Show the life of one activity (or goal, indicator) across its area's revisions."""
    language = choose_lang(lang)
    with handled(language):
        from rus.timeline.comparison import item_log

        history = item_log(_root(), ident)
        if fmt is ListFormat.JSON:
            _write(_json(history.to_dict()))
            return
        from rich.text import Text

        from rus.render.changes import KIND_LABELS, describe, side_label, value_text
        from rus.render.escape import one_line

        out = console(color=color)
        kind = translate(KIND_LABELS[history.kind][0], language)
        title = next((e.title for e in reversed(history.entries) if e.title), "")
        out.print(Text(one_line(f"{history.id} {title}"), style="bold"), Text(f"({kind}, {history.area.text(language)})", style="dim"), soft_wrap=True)
        events = {"added": N_("appeared"), "changed": N_("changed"), "removed": N_("removed")}
        for entry in history.entries:
            when = entry.date.date().isoformat() if entry.date else ""
            commit_id = entry.commit[:7] if entry.commit and not entry.commit.startswith(entry.label) else ""
            status = f" ({value_text(entry.status, language, 'status')})" if entry.status and entry.event == "added" else ""
            head = Text.assemble(
                ("  " + one_line(side_label(entry.label, language)), "bold"), "  ", (when, "dim"), "  ", (commit_id, "dim"), "  ",
                (translate(events[entry.event], language) + one_line(status), {"added": "green", "removed": "red"}.get(entry.event, "yellow")),
            )
            out.print(head, soft_wrap=True)
            for change in entry.changes:
                out.print(Text("      " + one_line(describe(history.kind, change, language))), soft_wrap=True)
