"""Changes to the region file as sentences, for ``rus diff`` (text and Markdown)."""

from __future__ import annotations

from rus.base.codes import N_
from rus.base.i18n import translate
from rus.base.vocab import Entry, Lang
from rus.plans.region import KIND_NAMES, RegionChange

#: The facts of a region value that a change can name, as message ids.
FACT_NAMES: dict[str, str] = {
    "prefix": N_("id prefix"),
    "vision_horizon": N_("vision horizon"),
    "code": N_("official code"),
    "sami_area": N_("Sámi administrative area"),
    "analysis_region": N_("functional analysis region"),
    "co_funding": N_("co-funding"),
    "source": N_("funding source"),
    "period": N_("period"),
    "report_languages": N_("report languages"),
}

#: The heading of the region's changes.
HEADING = N_("Region file")


def _what(kind: str, lang: Lang) -> str:
    name = translate(KIND_NAMES.get(kind, "@" + kind)[1:], lang)
    return name[:1].upper() + name[1:]


def _name(entry: Entry, lang: Lang) -> str:
    return f"{entry.label.text(lang)} ({entry.slug})" if entry.slug != "name" else entry.label.text(lang)


def _fact(value: str, lang: Lang) -> str:
    if value in ("true", "false"):
        return translate("yes" if value == "true" else "no", lang)
    return value or "—"


def describe_region_change(change: RegionChange, lang: Lang) -> str:
    """One change to the region file as a sentence in the given language."""
    if change.kind == "name":
        return translate(N_("The region's name: {old} → {new}"), lang).format(old=_name(change.old[0], lang), new=_name(change.new[0], lang))
    if change.kind == "report_languages":
        return translate(N_("Report languages: {old} → {new}"), lang).format(old=change.before or "—", new=change.after or "—")
    what = _what(change.kind, lang)
    if change.change == "added":
        return translate(N_("{what}: {name} has been added"), lang).format(what=what, name=_name(change.new[0], lang))
    if change.change == "removed":
        return translate(N_("{what}: {name} has been removed"), lang).format(what=what, name=_name(change.old[0], lang))
    if change.change == "renamed":
        old, new = change.old[0], change.new[0]
        shown: Lang = lang
        if old.slug == new.slug and old.label.text(lang) == new.label.text(lang):
            shown = "en" if lang == "sv" else "sv"  # only the other language's name changed: show that one
        return translate(N_("{what}: {old} has been renamed {new}"), lang).format(what=what, old=_name(old, shown), new=_name(new, shown))
    if change.change == "merged":
        merged = ", ".join(_name(e, lang) for e in change.old)
        return translate(N_("{what}: {old} have been merged into {new}"), lang).format(what=what, old=merged, new=_name(change.new[0], lang))
    fact = translate(FACT_NAMES.get(change.field, change.field), lang)
    return translate(N_("{what}: {name}, {fact}: {old} → {new}"), lang).format(
        what=what, name=_name(change.new[0], lang), fact=fact, old=_fact(change.before, lang), new=_fact(change.after, lang)
    )


__all__ = ["FACT_NAMES", "HEADING", "describe_region_change"]
