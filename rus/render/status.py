"""The follow-up as a one-screen terminal overview (rich), made to fit a 100-column terminal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from rus.base.codes import N_, NP_
from rus.base.i18n import plural, translate
from rus.base.vocab import Lang, Status
from rus.render.escape import one_line
from rus.render.report_document import percent
from rus.reporting.followup import AreaFollowUp, FollowUp, MilestoneDue

#: The widest the overview gets, so that it fits a 100-column terminal.
MAX_WIDTH = 100
_STATUS_STYLE = {
    Status.IDEA: "dim",
    Status.PLANNED: "cyan",
    Status.ONGOING: "green",
    Status.PAUSED: "yellow",
    Status.COMPLETED: "blue",
    Status.CANCELLED: "red",
}


def _t(message: str, lang: Lang, **params: object) -> str:
    text = translate(message, lang)
    return text.format(**params) if params else text


def _counts(area: AreaFollowUp, lang: Lang) -> Text:
    text = Text()
    shown = [(s, n) for s, n in area.counts.items() if n]
    for index, (status, n) in enumerate(shown):
        if index:
            text.append(" · ")
        text.append(f"{status.text(lang)} {n}", style=_STATUS_STYLE[status])
    return text if shown else Text(_t(N_("no activities"), lang), style="dim")


def _milestone(item: MilestoneDue, lang: Lang) -> Text:
    when = (
        plural(-item.days, *NP_("{n} day late", "{n} days late"), lang)
        if item.overdue
        else plural(item.days, *NP_("in {n} day", "in {n} days"), lang)
    )
    return Text.assemble(
        (one_line(item.activity.id), "bold"), f" {item.date.isoformat()} ({when}): ", one_line(item.title)
    )


def _area_block(area: AreaFollowUp, lang: Lang, horizon: int) -> Group:
    head = Text.assemble(
        (area.area.text(lang), "bold"),
        "  ",
        (one_line(_t(N_("revision {revision}"), lang, revision=area.revision)), "dim"),
    )
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True, width=22)
    grid.add_column(overflow="fold")
    grid.add_row(_t(N_("Activities"), lang), _counts(area, lang))
    source = _t(N_("meeting"), lang)
    if area.days_since < 0:  # a meeting planned ahead
        ago = plural(-area.days_since, *NP_("in {n} day", "in {n} days"), lang)
    else:
        ago = plural(area.days_since, *NP_("{n} day ago", "{n} days ago"), lang)
    since = Text(f"{area.last_revision.isoformat()} ({source}), {ago}")
    if area.stale:
        since.append(
            "  " + _t(N_("⚠ more than 6 months: the plan is due for revision"), lang),
            style="bold yellow",
        )
    grid.add_row(_t(N_("Last revision"), lang), since)
    if area.overdue:
        for index, item in enumerate(area.overdue):
            label = _t(N_("Overdue milestones"), lang) if index == 0 else ""
            grid.add_row(Text(label, style="bold red"), _milestone(item, lang))
    else:
        grid.add_row(_t(N_("Overdue milestones"), lang), Text(_t(N_("none"), lang), style="green"))
    if area.due:
        for index, item in enumerate(area.due):
            grid.add_row(
                _t(N_("Due within {days} days"), lang, days=horizon) if index == 0 else "",
                _milestone(item, lang),
            )
    if area.behind:
        # one indicator a line: a line never breaks inside "(expected 44 %)", at any width
        items = "\n".join(
            _t(
                N_("{id} {progress} (expected {expected})"),
                lang,
                id=one_line(b.id),
                progress=percent(b.progress, lang),
                expected=percent(b.expected, lang),
            )
            if b.progress is not None
            else _t(N_("{id} has left the level it is to hold"), lang, id=one_line(b.id))
            for b in area.behind
        )
        grid.add_row(Text(_t(N_("Indicators behind"), lang), style="yellow"), Text(items))
    else:
        grid.add_row(_t(N_("Indicators behind"), lang), Text(_t(N_("none"), lang), style="green"))
    if area.without_lead:
        grid.add_row(
            Text(_t(N_("Without a lead"), lang), style="yellow"),
            Text(one_line(", ".join(f"{ref.id} {ref.title}" for ref in area.without_lead))),
        )
    else:
        grid.add_row(_t(N_("Without a lead"), lang), Text(_t(N_("none"), lang), style="green"))
    return Group(head, grid)


def render_status(console: Console, follow_up: FollowUp, lang: Lang) -> None:
    """Print the overview, at most :data:`MAX_WIDTH` columns wide."""
    width = min(console.width, MAX_WIDTH)
    title = _t(
        N_("Follow-up of the action plans, {today}"), lang, today=follow_up.today.isoformat()
    )
    console.print(Rule(Text(title, style="bold"), style="blue"), width=width)
    for area in follow_up.areas:
        console.print(_area_block(area, lang, follow_up.horizon_days), width=width)
        console.print(width=width)
    overdue = len(follow_up.overdue)
    stale = sum(1 for a in follow_up.areas if a.stale)
    summary = _t(
        N_("Overdue milestones: {overdue}. Plans not revised for more than 6 months: {stale}."),
        lang,
        overdue=overdue,
        stale=stale,
    )
    console.print(
        Text(summary, style="bold red" if overdue or stale else "bold green"), width=width
    )
