"""Renderings of a :class:`~rus.timeline.changes.ChangeSet`: plain lines, rich text, GitHub Markdown and JSON.

The plain phrases (:func:`describe`, :func:`headline`, :func:`summary_text`) are shared by every
format and by the structured commit message of ``rus commit``; rich is imported only by
:func:`render_text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from rus.base.codes import N_, NP_
from rus.base.i18n import plural, translate
from rus.base.vocab import (
    Area,
    ConflictState,
    FundingSource,
    FundingState,
    Helix,
    IndicatorKind,
    Instrument,
    LadderStep,
    Lang,
    Municipality,
    Phase,
    PlanState,
    Priority,
    Rating,
    RegionVocab,
    SamiRelevance,
    Status,
    Vocab,
)
from rus.plans.annotations import inner_model
from rus.plans.models import Activity, Actor, Goal, Indicator, Plan, SubArea
from rus.render.escape import json_dumps, markdown_text, one_line
from rus.timeline.changes import CATEGORIES, AreaChanges, Change, ChangeSet, ItemChange, Summary
from rus.timeline.history import LAST_RECORDED, NO_COMMITS, WORKING_TREE

if TYPE_CHECKING:
    from rich.console import Console

_MODELS: dict[str, type[BaseModel]] = {
    "activity": Activity,
    "goal": Goal,
    "indicator": Indicator,
    "sub_area": SubArea,
    "actor": Actor,
    "plan": Plan,
}

KIND_LABELS = {
    "activity": (N_("activity"), N_("activities")),
    "goal": (N_("goal"), N_("goals")),
    "indicator": (N_("indicator"), N_("indicators")),
    "sub_area": (N_("sub-area"), N_("sub-areas")),
    "actor": (N_("actor"), N_("actors")),
}

#: Counts by category, singular (always 1, so that languages can inflect it) and plural.
CATEGORY_LABELS = {
    "added": NP_("1 added", "{n} added"),
    "removed": NP_("1 removed", "{n} removed"),
    "replaced": NP_("1 replaced", "{n} replaced"),
    "cancelled": NP_("1 cancelled", "{n} cancelled"),
    "completed": NP_("1 completed", "{n} completed"),
    "changed": NP_("1 changed", "{n} changed"),
}
CATEGORY_HEADINGS = {
    "added": N_("Added"),
    "removed": N_("Removed"),
    "replaced": N_("Replaced"),
    "cancelled": N_("Cancelled"),
    "completed": N_("Completed"),
    "changed": N_("Changed"),
}
MARKS = {"added": "+", "removed": "−", "replaced": "↪", "cancelled": "✖", "completed": "✔", "changed": "~"}

#: The vocabulary of a value, by the last part of its field path.
_VOCAB_BY_KEY: dict[str, type[Vocab] | type[RegionVocab]] = {
    "status": Status,
    "phase": Phase,
    "municipalities": Municipality,
    "municipality": Municipality,
    "priorities": Priority,
    "helix": Helix,
    "relevance": SamiRelevance,
    "kind": IndicatorKind,
    "social": Rating,
    "economic": Rating,
    "environmental": Rating,
    "source": FundingSource,
    "instrument": Instrument,
}


def t(message: str, lang: Lang, **params: Any) -> str:
    """A message translated and filled in."""
    text = translate(message, lang)
    return text.format(**params) if params else text


# --- values and labels -----------------------------------------------------------------------------


def field_label(kind: str, path: str, lang: Lang) -> str:
    """The name of a field in the plan's own language, e.g. ``Period › Start`` for ``period.start``."""
    model: type[BaseModel] | None = _MODELS.get(kind)
    names: list[str] = []
    for step in path.split("."):
        info = model.model_fields.get(step) if model is not None else None
        if info is None:
            if step in Area._value2member_map_:
                names.append(Area(step).text(lang))
            else:
                names.append(step)
            model = None
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        names.append(str(info.title) if lang == "sv" else str(extra.get("x-title-en", step)))
        model = inner_model(info.annotation)
    return " › ".join(names)


def _vocab_for(path: str, kind: str) -> type[Vocab] | type[RegionVocab] | None:
    last = path.rsplit(".", 1)[-1]
    if path.startswith("ladder."):
        return LadderStep
    if last == "state":
        if kind == "plan":
            return PlanState
        if path.startswith("funding"):
            return FundingState
        return ConflictState
    return _VOCAB_BY_KEY.get(last)


def number(value: Any, lang: Lang) -> str:
    """A number with thousands grouped (space in Swedish, comma in English); whole floats without .0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "sv":
        text = text.replace(",", " ").replace(".", ",")
    return text


def sek(amount: int, lang: Lang, signed: bool = False) -> str:
    """An amount in Swedish kronor: ``150 000 kr`` / ``SEK 150,000``."""
    sign = ("+" if amount > 0 else "−" if amount < 0 else "±") if signed else ("−" if amount < 0 else "")
    digits = number(abs(amount), lang)
    return f"{sign}{digits} kr" if lang == "sv" else f"{sign}SEK {digits}"


def value_text(value: Any, lang: Lang, path: str = "", kind: str = "", limit: int = 80) -> str:
    """A value as people read it: vocabulary labels, grouped numbers, ``—`` for nothing."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t(N_("yes"), lang) if value else t(N_("no"), lang)
    if isinstance(value, int | float):
        return number(value, lang)
    if isinstance(value, list):
        return ", ".join(value_text(v, lang, path, kind, limit) for v in value) or "—"
    if isinstance(value, dict):
        parts = [
            value_text(v, lang, f"{path}.{k}" if path else k, kind, limit)
            if not isinstance(v, bool) else f"{field_label(kind, f'{path}.{k}', lang).rsplit(' › ', 1)[-1]}: {value_text(v, lang)}"
            for k, v in value.items() if v is not None and v != []
        ]
        return "; ".join(parts)
    text = str(value)
    vocab = _vocab_for(path, kind)
    if vocab is not None and text in vocab._value2member_map_:
        return vocab(text).text(lang)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _amount(months: float | None, days: int | None, lang: Lang) -> str:
    if months is not None and float(months).is_integer() and months != 0:
        n = abs(int(months))
        return t(N_("{n} month") if n == 1 else N_("{n} months"), lang, n=n)
    n = abs(days or 0)
    return t(N_("{n} day") if n == 1 else N_("{n} days"), lang, n=n)


# --- one change, one item, one summary -------------------------------------------------------------


def describe(kind: str, change: Change, lang: Lang) -> str:
    """One change as one line of plain text."""
    label = field_label(kind, change.field, lang)
    d = change.details
    old, new = change.old, change.new
    if change.type == "period":
        name = field_label(kind, change.field, lang).rsplit(" › ", 1)[-1]
        if d["direction"] == "set":
            return t(N_("{field} set to {new}"), lang, field=name, new=new)
        if d["direction"] == "cleared":
            return t(N_("{field} removed (was {old})"), lang, field=name, old=old)
        template = N_("{field} postponed by {amount} ({old} → {new})") if d["direction"] == "postponed" \
            else N_("{field} brought forward by {amount} ({old} → {new})")
        return t(template, lang, field=name, amount=_amount(d["months"], d["days"], lang), old=old, new=new)
    if change.type == "progress":
        diff = d.get("difference", 0)
        return t(N_("progress: {old} % → {new} % ({diff:+d} points)"), lang, old=old, new=new, diff=diff)
    if change.type == "funding":
        return t(N_("funding from {source}: {old} → {new} ({diff})"), lang,
                 source=value_text(d["source"], lang, "source"), old=sek(old, lang), new=sek(new, lang),
                 diff=sek(d["difference_sek"], lang, signed=True))
    if change.type == "replaced":
        if new:
            return t(N_("replaced by {new}"), lang, new=new)
        return t(N_("no longer replaced (was {old})"), lang, old=old)
    if change.type == "goal_conflict":
        between = " ↔ ".join(str(b) for b in d.get("between") or [])
        state_old = value_text((old or {}).get("state"), lang, "goal_conflicts.state", kind)
        state_new = value_text((new or {}).get("state"), lang, "goal_conflicts.state", kind)
        event = d.get("event")
        if event == "opened":
            return t(N_("goal conflict opened between {between} ({state}): {description}"), lang,
                     between=between, state=state_new, description=value_text(new.get("description"), lang, limit=60))
        if event == "removed":
            return t(N_("goal conflict between {between} removed (was {state})"), lang, between=between, state=state_old)
        if event == "resolved":
            return t(N_("goal conflict between {between} resolved ({old} → {new})"), lang, between=between, old=state_old, new=state_new)
        if event == "reopened":
            return t(N_("goal conflict between {between} reopened ({old} → {new})"), lang, between=between, old=state_old, new=state_new)
        if state_old != state_new:
            return t(N_("goal conflict between {between}: {old} → {new}"), lang, between=between, old=state_old, new=state_new)
        return t(N_("goal conflict between {between} changed"), lang, between=between)
    if change.type == "target":
        return t(N_("{field}: {old} → {new}"), lang, field=label, old=_measurement(old, lang), new=_measurement(new, lang))
    if change.type == "actual":
        where = f" ({value_text(d['municipality'], lang, 'municipality')})" if d.get("municipality") else ""
        if d["event"] == "removed":
            return t(N_("actual for {period}{where} removed (was {old})"), lang, period=d["period"], where=where, old=number(old, lang))
        progress = ""
        if d.get("progress") is not None:
            progress = t(N_(" — {progress} % of the way to the target {target}"), lang,
                         progress=number(d["progress"], lang), target=number(d.get("target"), lang))
        if d["event"] == "added":
            return t(N_("new actual for {period}{where}: {new}"), lang, period=d["period"], where=where, new=number(new, lang)) + progress
        return t(N_("actual for {period}{where}: {old} → {new}"), lang, period=d["period"], where=where,
                 old=number(old, lang), new=number(new, lang)) + progress
    if change.type == "list":
        return _list_change(kind, change, label, lang)
    if isinstance(old, str) and isinstance(new, str) and _vocab_for(change.field, kind) is None:
        before, after = text_change(old, new)
        return t(N_("{field}: {old} → {new}"), lang, field=label, old=before, new=after)
    return t(N_("{field}: {old} → {new}"), lang, field=label,
             old=value_text(old, lang, change.field, kind), new=value_text(new, lang, change.field, kind))


#: Keys that name an element of a list without an id (a milestone by its title, a partner by its actor).
_ELEMENT_NAMES = ("title", "actor", "name", "period")


def _list_change(kind: str, change: Change, label: str, lang: Lang) -> str:
    added = list(change.details.get("added", []))
    removed = list(change.details.get("removed", []))
    parts: list[str] = []
    # an element whose naming key is unchanged is shown as that element's field changes
    for before in list(removed):
        name_key = next((k for k in _ELEMENT_NAMES if isinstance(before, dict) and before.get(k) is not None), None)
        after = next((a for a in added if name_key and isinstance(a, dict) and a.get(name_key) == before[name_key]), None)
        if after is None or name_key is None:
            continue
        removed.remove(before)
        added.remove(after)
        fields = [
            f"{field_label(kind, f'{change.field}.{k}', lang).rsplit(' › ', 1)[-1]} "
            f"{value_text(before.get(k), lang, f'{change.field}.{k}', kind)} → {value_text(after.get(k), lang, f'{change.field}.{k}', kind)}"
            for k in (*before, *(k for k in after if k not in before)) if before.get(k) != after.get(k)
        ]
        parts.append(f"{value_text(before[name_key], lang, limit=50)}: {', '.join(fields)}")
    parts += [f"+{value_text(v, lang, change.field, kind)}" for v in added]
    parts += [f"−{value_text(v, lang, change.field, kind)}" for v in removed]
    return f"{label}: {'; '.join(parts)}"


def text_change(old: str, new: str, limit: int = 80, context: int = 20) -> tuple[str, str]:
    """Two texts cut to where they differ, with a little context, when they are long."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if len(old) <= limit and len(new) <= limit:
        return old, new
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start = max(prefix - context, 0)

    def cut(text: str) -> str:
        end = min(len(text) - suffix + context, len(text))
        piece = text[start:end]
        if len(piece) > limit:
            piece = piece[: limit - 1] + "…"
        return ("…" if start > 0 else "") + piece + ("…" if end < len(text) and not piece.endswith("…") else "")

    return cut(old), cut(new)


def _measurement(value: Any, lang: Lang) -> str:
    if not isinstance(value, dict):
        return value_text(value, lang)
    return f"{number(value.get('value'), lang)} ({value.get('year')})"


def headline(item: ItemChange, lang: Lang, *, mark: bool = True) -> str:
    """The item in one line: mark, kind (unless an activity), id, title, and what happened to it."""
    kind = "" if item.kind == "activity" else t(KIND_LABELS[item.kind][0], lang) + " "
    text = f"{MARKS[item.change] + ' ' if mark else ''}{kind}{item.id} {value_text(item.title, lang, limit=70)}".rstrip()
    status = value_text(item.status, lang, "status") if item.status else ""
    if item.change == "added" and status:
        return f"{text} ({status})"
    if item.change == "removed":
        return f"{text} ({t(N_('removed'), lang)}{', ' + status if status else ''})"
    if item.change in ("cancelled", "completed") and status:
        return f"{text} ({status.lower()})"
    if item.change == "replaced":
        replacement = next((c.new for c in item.changes if c.type == "replaced"), "")
        return f"{text} ({t(N_('replaced by {new}'), lang, new=replacement)})"
    return text


def summary_text(summary: Summary, lang: Lang) -> str:
    """``3 added · 5 changed · 1 cancelled`` (``no changes`` when nothing changed)."""
    parts = [plural(summary.counts[c], *CATEGORY_LABELS[c], lang) for c in CATEGORIES if summary.counts[c]]
    if summary.metadata:
        parts.append(t(N_("metadata changed"), lang))
    return " · ".join(parts) if parts else t(N_("no changes"), lang)


def area_title(area: AreaChanges, lang: Lang) -> str:
    """``Tourism (tourism): 2026-1 → 2026-2``, marking a plan added or removed."""
    old = area.old.revision or "—"
    new = area.new.revision or "—"
    text = f"{area.area.text(lang)} ({area.area.value}): {old} → {new}"
    if area.change == "added":
        text += f" — {t(N_('new plan'), lang)}"
    elif area.change == "removed":
        text += f" — {t(N_('plan removed'), lang)}"
    return text


_WORD_LABELS = frozenset({WORKING_TREE, LAST_RECORDED, NO_COMMITS})


def side_label(label: str, lang: Lang) -> str:
    """A side's label, translated when it is a word (``working tree``) rather than a revision's name."""
    return translate(label, lang) if label in _WORD_LABELS else label


# --- rich text -------------------------------------------------------------------------------------

_STYLES = {"added": "green", "removed": "red", "replaced": "magenta", "cancelled": "red", "completed": "cyan", "changed": "yellow"}


def render_text(console: Console, changes: ChangeSet, lang: Lang) -> None:
    """The changes for people: grouped by area, one line per item and per change, then a summary."""
    from rich.text import Text

    head = t(N_("Changes from {old} to {new}"), lang, old=side_label(changes.old_label, lang), new=side_label(changes.new_label, lang))
    console.print(Text(one_line(head), style="bold"), soft_wrap=True)
    if changes.is_empty:
        console.print(Text("✔ " + t(N_("no changes"), lang), style="green"))
        return
    if changes.region:
        from rus.render.region import HEADING, describe_region_change

        console.print()
        console.print(Text(t(HEADING, lang), style="bold underline"))
        for region_change in changes.region:
            console.print(Text.assemble("  ", ("• ", "dim"), describe_region_change(region_change, lang)), soft_wrap=True)
    for area in changes.areas:
        console.print()
        console.print(Text(one_line(area_title(area, lang)), style="bold underline"), soft_wrap=True)
        for change in area.metadata:
            console.print(Text.assemble("  ", ("• ", "dim"), one_line(describe("plan", change, lang))), soft_wrap=True)
        _text_items(console, area.items, lang)
        console.print(Text("  " + summary_text(area.summary, lang), style="dim"), soft_wrap=True)
    if changes.actors:
        console.print()
        console.print(Text(t(N_("Actor registry"), lang), style="bold underline"))
        _text_items(console, changes.actors, lang)
    console.print()
    console.print(Text.assemble((t(N_("Summary"), lang) + ": ", "bold"), summary_text(changes.summary, lang)), soft_wrap=True)


def _text_items(console: Console, items: tuple[ItemChange, ...], lang: Lang) -> None:
    from rich.text import Text

    # one Text for all the lines, printed once: a print per line costs more than the line (issue 14)
    lines = Text()
    for item in items:
        lines.append("  " + one_line(headline(item, lang)), style=_STYLES[item.change])
        lines.append("\n")
        for change in item.changes:
            lines.append("      " + one_line(describe(item.kind, change, lang)))
            lines.append("\n")
    if lines:
        console.print(lines, soft_wrap=True, end="")


# --- GitHub-flavoured Markdown ---------------------------------------------------------------------

def md(text: str) -> str:
    """Plan text escaped for GitHub Markdown on one line (also safe inside a table cell).

    No markup, HTML, link or mention survives: see :func:`rus.render.escape.markdown_text`.
    """
    return markdown_text(text)


def render_markdown(changes: ChangeSet, lang: Lang, *, heading_level: int = 2) -> str:
    """The changes as GitHub-flavoured Markdown: a heading per area, a summary table, collapsible details."""
    h = "#" * heading_level
    old, new = side_label(changes.old_label, lang), side_label(changes.new_label, lang)
    lines = [f"{h} {md(t(N_('Changes from {old} to {new}'), lang, old=old, new=new))}", ""]
    if changes.is_empty:
        lines += [md(t(N_("no changes"), lang)), ""]
        return "\n".join(lines)
    lines += [f"**{md(summary_text(changes.summary, lang))}**", ""]
    columns = [t(N_("Area"), lang), t(N_("Revision"), lang)] + [t(CATEGORY_HEADINGS[c], lang) for c in CATEGORIES]
    lines.append("| " + " | ".join(md(c) for c in columns) + " |")
    lines.append("| --- | --- | " + " | ".join("---:" for _ in CATEGORIES) + " |")
    rows: list[tuple[str, str, Summary]] = [
        (area.area.text(lang), f"{area.old.revision or '—'} → {area.new.revision or '—'}", area.summary) for area in changes.areas
    ]
    if changes.actors:
        rows.append((t(N_("Actor registry"), lang), "", Summary.of(changes.actors)))
    for name, revisions, summary in rows:
        cells = [md(name), md(revisions)] + [str(summary.counts[c]) for c in CATEGORIES]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    if changes.region:
        from rus.render.region import HEADING, describe_region_change

        lines += [f"{h}# {md(t(HEADING, lang))}", ""]
        lines += [f"- {md(describe_region_change(c, lang))}" for c in changes.region]
        lines.append("")
    for area in changes.areas:
        lines += [f"{h}# {md(area_title(area, lang))}", "", md(summary_text(area.summary, lang)), ""]
        lines += _md_section(area.items, area.metadata, lang)
    if changes.actors:
        lines += [f"{h}# {md(t(N_('Actor registry'), lang))}", ""]
        lines += _md_section(changes.actors, (), lang)
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_section(items: tuple[ItemChange, ...], metadata: tuple[Change, ...], lang: Lang) -> list[str]:
    lines: list[str] = []
    for item in items:
        lines.append(f"- {md(headline(item, lang))}")
    if metadata:
        lines.append(f"- {md(t(N_('metadata changed'), lang))}")
    lines.append("")
    detailed = [item for item in items if item.changes]
    count = len(metadata) + sum(len(item.changes) for item in detailed)
    if not count:
        return lines
    summary = t(N_("Details (1 change)"), lang) if count == 1 else t(N_("Details ({n} changes)"), lang, n=count)
    lines += ["<details>", f"<summary>{md(summary)}</summary>", ""]
    if metadata:
        lines += [f"**{md(t(N_('Metadata'), lang))}**", ""]
        lines += [f"- {md(describe('plan', change, lang))}" for change in metadata]
        lines.append("")
    for item in detailed:
        lines += [f"**{md(headline(item, lang, mark=False))}**", ""]
        lines += [f"- {md(describe(item.kind, change, lang))}" for change in item.changes]
        lines.append("")
    lines += ["</details>", ""]
    return lines


# --- JSON ------------------------------------------------------------------------------------------


def render_json(changes: ChangeSet) -> str:
    """The documented JSON object (docs/history.md), pretty-printed."""
    return json_dumps(changes.to_dict()) + "\n"


# --- the structured commit message -----------------------------------------------------------------


def commit_counts(changes: ChangeSet, lang: Lang) -> str:
    """``+2 activities, 3 status changes`` (what a commit or tag summary line says)."""
    items = [item for _, item in changes.items()]
    activities = [item for item in items if item.kind == "activity"]
    added = sum(1 for item in activities if item.change == "added")
    removed = sum(1 for item in activities if item.change == "removed")
    replaced = sum(1 for item in activities if item.change == "replaced")
    statuses = sum(1 for item in items if item.status_change is not None)
    changed = sum(1 for item in activities if item.change == "changed" and item.status_change is None)
    others = [item for item in items if item.kind != "activity"]
    others_added = sum(1 for item in others if item.change == "added")
    others_removed = sum(1 for item in others if item.change == "removed")
    others_changed = len(others) - others_added - others_removed
    parts: list[str] = []
    if added:
        parts.append("+" + plural(added, *NP_("{n} activity", "{n} activities"), lang))
    if removed:
        parts.append("−" + plural(removed, *NP_("{n} activity", "{n} activities"), lang))
    if replaced:
        parts.append(plural(replaced, *CATEGORY_LABELS["replaced"], lang))
    if statuses:
        parts.append(plural(statuses, *NP_("{n} status change", "{n} status changes"), lang))
    if changed:
        parts.append(plural(changed, *NP_("{n} activity changed", "{n} activities changed"), lang))
    if others_added:
        parts.append("+" + plural(others_added, *NP_("{n} other item", "{n} other items"), lang))
    if others_removed:
        parts.append("−" + plural(others_removed, *NP_("{n} other item", "{n} other items"), lang))
    if others_changed:
        parts.append(plural(others_changed, *NP_("{n} other change", "{n} other changes"), lang))
    if not parts and any(area.metadata for area in changes.areas):
        parts.append(t(N_("metadata"), lang))
    return ", ".join(parts) if parts else t(N_("comments and layout only"), lang)


def commit_subject(changes: ChangeSet, lang: Lang) -> str:
    """The summary line: ``tourism 2026-2: +2 activities, 3 status changes``."""
    names = [f"{a.area.value} {a.new.revision or ''}".strip() for a in changes.areas]
    if len(names) > 2:
        names = [plural(len(names), *NP_("{n} plans", "{n} plans"), lang)]
    if changes.actors or not names:
        names.append(t(N_("actors"), lang))
    return one_line(f"{', '.join(names)}: {commit_counts(changes, lang)}")


def kind_counts(items: tuple[ItemChange, ...], lang: Lang) -> str:
    """``12 activities, 6 indicators, 4 goals, 3 sub-areas``: how many items of each kind."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return ", ".join(plural(counts[k], *KIND_COUNTS[k], lang) for k in KIND_COUNTS if counts.get(k))


KIND_COUNTS = {
    "activity": NP_("{n} activity", "{n} activities"),
    "goal": NP_("{n} goal", "{n} goals"),
    "indicator": NP_("{n} indicator", "{n} indicators"),
    "sub_area": NP_("{n} sub-area", "{n} sub-areas"),
    "actor": NP_("{n} actor", "{n} actors"),
}


def commit_body(changes: ChangeSet, lang: Lang) -> str:
    """The body: every semantic change, per area, as plain lines."""
    lines: list[str] = []
    for area in changes.areas:
        lines += [area_title(area, lang)]
        if area.change != "changed":  # a whole plan added or removed: its contents in one line
            lines += ["  " + kind_counts(area.items, lang), ""]
            continue
        lines += [f"  • {describe('plan', change, lang)}" for change in area.metadata]
        for item in area.items:
            lines.append("  " + headline(item, lang))
            lines += [f"      {describe(item.kind, change, lang)}" for change in item.changes]
        lines.append("")
    if changes.actors:
        lines.append(t(N_("Actor registry"), lang))
        if all(item.change == "added" for item in changes.actors):  # a new registry: just how many
            lines += ["  +" + kind_counts(changes.actors, lang), ""]
            return "\n".join(one_line(line) for line in lines).rstrip("\n")
        for item in changes.actors:
            lines.append("  " + headline(item, lang))
            lines += [f"      {describe(item.kind, change, lang)}" for change in item.changes]
        lines.append("")
    # one line per change, whatever the plan's texts hold: git prints them raw to the terminal
    return "\n".join(one_line(line) for line in lines).rstrip("\n")
